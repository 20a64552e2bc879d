// Learning benchmark (issue 16): 2,000 members sitting an exam at once — each starts an attempt, saves
// ten answers one by one and hands in — through the gateway, against its floor measured in the same
// run: the same answer rows upserted straight into the learning database by 2,000 concurrent writers
// sharing as many connections as the service's pool. Reports p50/p99 of an answer save for both and
// their ratio (the target: p99 within 3×), and checks that no answer was lost.
import { createPrivateKey, createSign, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Agent, request } from 'node:http';

const say = (line) => process.stdout.write(`${line}\n`);
const MEMBERS = Number(process.env.BENCH_EXAM_MEMBERS ?? 2000);
const QUESTIONS = 10;
const POOL = 10; // the learning service's Prisma pool (pg's default)
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** People of the tenant with the member role, written straight into identity (logging 2,000 in would measure the login). */
async function seedExamPeople(identityAdminUrl, tenantSlug) {
  const client = new pg.Client({ connectionString: identityAdminUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select id from tenants where slug = $1', [tenantSlug]);
    const tenantId = rows[0].id;
    const people = Array.from({ length: MEMBERS }, (_, i) => ({
      id: randomUUID(),
      username: `exam-${String(i).padStart(4, '0')}`,
    }));
    await client.query(
      `insert into people (id, username, display_name, email, password_hash)
       select id, username, username, username || '@example.cn', 'x' from unnest($1::uuid[], $2::text[]) as t(id, username)`,
      [people.map((p) => p.id), people.map((p) => p.username)],
    );
    await client.query(
      `insert into memberships (tenant_id, person_id, roles) select $1, id, '{member}' from unnest($2::uuid[]) as id`,
      [tenantId, people.map((p) => p.id)],
    );
    const { rows: keys } = await client.query(
      'select kid, jwk from signing_keys order by created_at limit 1',
    );
    return {
      tenantId,
      people,
      key: { kid: keys[0].kid, key: createPrivateKey({ key: keys[0].jwk, format: 'jwk' }) },
    };
  } finally {
    await client.end();
  }
}

/** A token like the provider's for this person: the provider's own claims, another subject. */
function tokenFor(template, person, { key, kid }) {
  const payload = {
    ...template,
    sub: person.id,
    preferred_username: person.username,
    name: person.username,
    jti: randomUUID(),
  };
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'at+jwt', kid })}.${encode(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

export async function benchExamAnswers(platform, adminToken) {
  const base = platform.gatewayUrl.replace('localhost', '127.0.0.1');
  const url = new URL(base);
  // Keep-alive sockets, as many as a busy gateway sees from phones behind a proxy.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const call = (token, method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body ? JSON.stringify(body) : undefined;
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: `/api/v1${path}`,
          method,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'x-tenant': 'acme-corp',
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  say(`exam answers: ${MEMBERS} members, ${QUESTIONS} answers each, then hand-in …`);
  const { people, key, tenantId } = await seedExamPeople(platform.databases.identity.admin, 'acme-corp');
  const template = JSON.parse(Buffer.from(adminToken.split('.')[1], 'base64url').toString('utf8'));
  const tokens = people.map((person) => tokenFor(template, person, key));

  const bank = (await call(adminToken, 'POST', '/question-banks', { name: `压测题库 ${Date.now()}` })).body;
  const questionIds = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const q = await call(adminToken, 'POST', `/question-banks/${bank.id}/questions`, {
      category: '压测',
      kind: 'single_choice',
      stem: `第${i + 1}题`,
      options: ['甲', '乙', '丙', '丁'],
      answer: ['0'],
      points: 10,
    });
    questionIds.push(q.body.id);
  }
  const now = Date.now();
  const exam = (
    await call(adminToken, 'POST', '/exams', {
      name: `压测考试 ${now}`,
      bankId: bank.id,
      paperKind: 'fixed',
      questionIds,
      shuffleOptions: true,
      timeLimitMinutes: 60,
      passingScore: 60,
      maxAttempts: 1,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 3 * 3_600_000).toISOString(),
    })
  ).body;

  // As the console does: a save the server did not confirm (a timeout, a busy service) is sent again
  // after a pause, until it is confirmed; saving the same answer twice is harmless.
  let retries = 0;
  const persist = async (token, method, path, body) => {
    for (let attempt = 0; ; attempt++) {
      const answer = await call(token, method, path, body).catch(() => ({ status: 0 }));
      if (answer.status > 0 && answer.status < 500) return answer;
      if (attempt >= 20) return answer;
      retries++;
      await new Promise((resolve) => setTimeout(resolve, 500 * Math.min(8, 2 ** attempt)));
    }
  };
  // Everyone at once: start, answer the right option (wherever the shuffle put it), hand in.
  const saves = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const attempt = await persist(token, 'POST', `/me/exams/${exam.id}/attempts`);
      if (attempt.status !== 201) return failures++;
      for (const q of attempt.body.questions) {
        const t0 = performance.now();
        const saved = await persist(token, 'PUT', `/me/exam-attempts/${attempt.body.id}/answers`, {
          questionId: q.questionId,
          response: [String(q.options.indexOf('甲'))],
        });
        saves.push(performance.now() - t0);
        if (saved.status !== 200) failures++;
      }
      const handed = await persist(token, 'POST', `/me/exam-attempts/${attempt.body.id}/submission`);
      if (handed.status !== 200 || handed.body.score !== QUESTIONS * 10) failures++;
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();

  // Nothing lost: every answer is in the database, graded right.
  const learning = new pg.Client({ connectionString: platform.databases.learning.admin });
  await learning.connect();
  const { rows: stored } = await learning.query(
    `select count(*)::int as answers, count(*) filter (where a.correct)::int as correct
       from exam_answers a join exam_attempts t on t.id = a.attempt_id where t.exam_id = $1`,
    [exam.id],
  );
  await learning.end();

  // The floor: the same upserts straight into Postgres, as many writers, the service's pool size.
  const pool = new pg.Pool({ connectionString: platform.databases.learning.app, max: POOL });
  const attemptIds = Array.from({ length: MEMBERS }, () => randomUUID());
  const setup = await pool.connect();
  await setup.query('begin');
  await setup.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
  await setup.query(
    `insert into exam_attempts (id, tenant_id, exam_id, user_id, number, paper, deadline, max_score)
     select id, $1, $2, gen_random_uuid(), 1, '[]', now() + interval '1 hour', 100 from unnest($3::uuid[]) as id`,
    [tenantId, exam.id, attemptIds],
  );
  await setup.query('commit');
  setup.release();
  const floor = [];
  await Promise.all(
    attemptIds.map(async (attemptId) => {
      for (const questionId of questionIds) {
        const t0 = performance.now();
        const client = await pool.connect();
        try {
          await client.query('begin');
          await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
          await client.query(
            `insert into exam_answers (attempt_id, tenant_id, question_id, response, saved_at) values ($1, $2, $3, $4, now())
             on conflict (attempt_id, question_id) do update set response = excluded.response, saved_at = excluded.saved_at`,
            [attemptId, tenantId, questionId, ['0']],
          );
          await client.query('commit');
        } finally {
          client.release();
        }
        floor.push(performance.now() - t0);
      }
    }),
  );
  await pool.end();

  const p = (values, q) => percentile(values, q).toFixed(0);
  say(
    `  platform: ${saves.length} answer saves in ${(elapsed / 1000).toFixed(1)} s, p50 ${p(saves, 0.5)} ms, p99 ${p(saves, 0.99)} ms (with their retries: ${retries} in all), failures ${failures}`,
  );
  say(
    `  stored: ${stored[0].answers} answers (${stored[0].correct} graded right) of ${MEMBERS * QUESTIONS} given`,
  );
  say(
    `  floor (upsert straight into Postgres, ${POOL} connections): p50 ${p(floor, 0.5)} ms, p99 ${p(floor, 0.99)} ms`,
  );
  say(
    `  ratio platform/floor: p50 ${(percentile(saves, 0.5) / percentile(floor, 0.5)).toFixed(2)}×, p99 ${(percentile(saves, 0.99) / percentile(floor, 0.99)).toFixed(2)}× (target: p99 within 3×)`,
  );
  if (stored[0].answers !== MEMBERS * QUESTIONS || failures > 0)
    throw new Error('answers were lost or refused');
}
