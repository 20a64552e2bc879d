// A study plan's results over the statistics tree's 1,000,000 members (issue 16: under a second
// through the gateway). The plan is for the tree's root and every probationary and full member; a
// third of them have started its course, a tenth finished it. The first read brings the learning
// service's roster copy up from the organisation service's change feed (decision 0030) and is reported
// apart; then the reads a secretary makes (the counts and the first page; the not-started, a page in)
// through the gateway, against their floor in the same run: the service's own results statement run
// bare on the learning database, as the service's role with the tenant set.
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { withClient } from './organisation.mjs';

const say = (line) => process.stdout.write(`${line}\n`);
const ms = (value) => `${value.toFixed(0)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function call(platform, token, method, path, body) {
  const response = await fetch(`${platform.gatewayUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'x-tenant': 'acme-corp',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return { json, headers: response.headers };
}

const resultsPath = (planId, status, from) =>
  `/api/v1/study-plan-results?${new URLSearchParams({
    sort: JSON.stringify(['organisationName', 'ASC']),
    range: JSON.stringify([from, from + 49]),
    filter: JSON.stringify({ planId, ...(status ? { status: [status] } : {}) }),
  })}`;

export async function benchPlanResults(platform, token, tenantId, tree) {
  say('plan results: every member of the tree gets a login …');
  let begin = performance.now();
  await withClient(platform.databases.organisation.admin, async (client) => {
    await client.query(
      `update members m set user_id = gen_random_uuid() from organisations o
        where o.id = m.organisation_id and o.path like $1 || '%' and m.user_id is null`,
      [tree.rootPath],
    );
    await client.query('vacuum analyze members');
    // As autovacuum would after two million changes: the feed's statistics.
    await client.query('vacuum analyze roster_changes');
  });
  say(`logins linked in ${ms(performance.now() - begin)}`);
  const course = (await call(platform, token, 'POST', '/api/v1/courses', { name: '百万党员集中学习' })).json;
  const lessons = [];
  for (const title of ['第一讲', '第二讲']) {
    lessons.push(
      (
        await call(platform, token, 'POST', `/api/v1/courses/${course.id}/lessons`, {
          kind: 'article',
          title,
          body: '学习内容',
          studyMinutes: 30,
        })
      ).json,
    );
  }
  const year = new Date().getFullYear();
  const plan = (
    await call(platform, token, 'POST', '/api/v1/study-plans', {
      name: '百万党员学习计划',
      organisationId: tree.rootId,
      audience: 'all',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      requiredMinutes: 60,
      courseIds: [course.id],
    })
  ).json;

  say('plan results: the first read brings the roster copy up from the change feed …');
  begin = performance.now();
  // The first answers at once with what has come; the rest goes on behind it.
  const firstAnswer = performance.now();
  let read = await call(platform, token, 'GET', resultsPath(plan.id, undefined, 0));
  say(
    `first read answered in ${ms(performance.now() - firstAnswer)} (roster pending: ${read.headers.get('X-Roster-Pending')})`,
  );
  while (read.headers.get('X-Roster-Pending') === 'true') {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    read = await call(platform, token, 'GET', resultsPath(plan.id, undefined, 0));
  }
  say(`roster copy caught up (1,000,000 members, ~50,000 organisations) in ${ms(performance.now() - begin)}`);

  // Progress straight into the learning database: a third started the first lesson, a tenth finished both.
  await withClient(platform.databases.learning.admin, async (client) => {
    await client.query(
      `insert into lesson_progress (tenant_id, lesson_id, course_id, user_id, dwell_seconds, started_at, completed_at)
       select $1, l.id, $2, m.user_id, 1800, now() - interval '2 days',
              case when l.position = 1 or m.n % 10 = 0 then now() - interval '1 day' end
         from (select user_id, row_number() over (order by member_id) as n from roster_members
                where tenant_id = $1 and user_id is not null) m
         join lessons l on l.course_id = $2 and (l.position = 1 or m.n % 10 = 0)
        where m.n % 3 = 0 or m.n % 10 = 0`,
      [tenantId, course.id],
    );
    await client.query('vacuum analyze lesson_progress');
    await client.query('vacuum analyze roster_members');
    await client.query('vacuum analyze roster_organisations');
  });

  const repeats = Number(process.env.BENCH_PLAN_REPEATS ?? 7);
  const through = { first: [], notStarted: [] };
  let counts;
  await call(platform, token, 'GET', resultsPath(plan.id, undefined, 0)); // warm-up
  for (let i = 0; i < repeats; i++) {
    begin = performance.now();
    const first = await call(platform, token, 'GET', resultsPath(plan.id, undefined, 0));
    through.first.push(performance.now() - begin);
    counts = ['X-Not-Started', 'X-Behind', 'X-On-Track', 'X-Finished'].map((h) =>
      Number(first.headers.get(h)),
    );
    begin = performance.now();
    await call(platform, token, 'GET', resultsPath(plan.id, 'not_started', 500));
    through.notStarted.push(performance.now() - begin);
  }
  const everyone = counts.reduce((a, b) => a + b, 0);
  // Five of every nine seeded members are full, one probationary (organisation.mjs).
  if (everyone < 600_000 || counts[0] === 0 || counts[3] === 0)
    throw new Error(`unexpected results ${JSON.stringify(counts)}`);

  // The floor: the service's own statement (the built module, loaded by path), bare.
  const { planResults } = await import(
    pathToFileURL(
      fileURLToPath(new URL('../../services/learning/dist/study-plans/plan-results.js', import.meta.url)),
    ).href
  );
  const planRow = {
    courseIds: [course.id],
    examId: null,
    requiredMinutes: 60,
    startsOn: new Date(`${year}-01-01`),
    endsOn: new Date(`${year}-12-31`),
  };
  const bare = await withClient(platform.databases.learning.app, async (client) => {
    const tx = {
      lesson: {
        count: async () =>
          Number(
            (await client.query('select count(*) from lessons where course_id = $1', [course.id])).rows[0]
              .count,
          ),
      },
      $queryRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rows,
    };
    const times = [];
    for (let i = 0; i <= repeats; i++) {
      await client.query('begin');
      await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
      await client.query(`set local work_mem = '64MB'`);
      const start = performance.now();
      await planResults(
        tx,
        planRow,
        { subtreePath: tree.rootPath, audience: 'all' },
        { statuses: [], offset: 0, limit: 50, descending: false },
      );
      if (i > 0) times.push(performance.now() - start); // the first run warms the cache
      await client.query('commit');
    }
    return times;
  });
  const line = (label, values) =>
    say(
      `${label.padEnd(52)} median ${ms(median(values)).padStart(8)}   min ${ms(Math.min(...values))}   max ${ms(Math.max(...values))}`,
    );
  say(
    `plan roster: ${everyone} members (not started ${counts[0]}, behind ${counts[1]}, on track ${counts[2]}, finished ${counts[3]})`,
  );
  line('results, counts and first page, through the gateway', through.first);
  line('results, not started, a page in, through the gateway', through.notStarted);
  line('the results statement bare (floor)', bare);
  say(
    `ratio gateway/bare: ${(median(through.first) / median(bare)).toFixed(2)}× (medians); target: under 1 s through the gateway — ${median(through.first) < 1000 ? 'met' : 'not met'}`,
  );
}
