// Citizens' appeals under a burst (issue 18): 500 citizens file at once on a county's public pages,
// each from an address of their own (127.0.x.y: the loopback answers every one), against the same
// row inserted directly into Postgres by 500 concurrent callers through a pool as large as the
// service's, in the same run. Then one address files 50 times at once while 100 others file once: the
// one is limited, the others are not. Figures, no thresholds: lost filings (target 0), codes given
// (target all), p99 ratio (target ≤ 3×).
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const say = (line) => process.stdout.write(`${line}\n`);
const CITIZENS = Number(process.env.BENCH_APPEAL_CITIZENS ?? 500);

/** The i-th citizen's own address on the loopback. */
const address = (i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`;

function post(url, body, localAddress) {
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        agent: false,
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let json;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, body: json, ms: performance.now() - started });
        });
      },
    );
    req.on('error', (error) => resolve({ status: 0, error: error.message, ms: performance.now() - started }));
    req.end(payload);
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const filing = (place, i) => ({
  category: 'complaint',
  placeOrganisationId: place,
  title: `第${i}号楼路灯不亮`,
  content: `第${i}号楼门前路灯坏了，晚上出行不便，请尽快修复。`,
  citizenName: `群众${i}`,
  citizenPhone: `139${String(10_000_000 + i).slice(-8)}`,
});

export async function benchAppeals(platform) {
  const base = platform.gatewayUrl.replace('localhost', '127.0.0.1');
  const form = await (await fetch(`${base}/t/river-county/public/appeals/new`)).text();
  const place = /<option value="([0-9a-f-]{36})">/.exec(form)?.[1];
  if (!place) throw new Error('the county has no organisation to file an appeal at');
  const url = `${base}/t/river-county/public/appeals`;

  // Warm-up: connections to Postgres and the bus, the tenant and the place in their caches.
  for (let i = 0; i < 5; i++) await post(url, filing(place, 900_000 + i), address(CITIZENS + i));

  say(`appeals: ${CITIZENS} citizens file at once, each from an address of their own …`);
  const burst = await Promise.all(
    Array.from({ length: CITIZENS }, (_, i) => post(url, filing(place, i), address(i))),
  );
  const accepted = burst.filter((r) => r.status === 201);
  const codes = accepted.map((r) => r.body?.code).filter((c) => /^\d{16}$/.test(c ?? ''));
  const database = new pg.Client({ connectionString: platform.databases.supervision.admin });
  await database.connect();
  try {
    const stored = (
      await database.query('select count(*)::int as n from appeals where code = any($1)', [codes])
    ).rows[0].n;

    // The baseline: the same row (every column, the same indexes) into a plain copy of the table.
    await database.query('drop table if exists bench_appeals');
    await database.query('create table bench_appeals (like appeals including defaults including indexes)');
    const template = (await database.query('select * from appeals where code = $1', [codes[0]])).rows[0];
    const columns = Object.keys(template).filter((c) => c !== 'id' && c !== 'code');
    const pool = new pg.Pool({ connectionString: platform.databases.supervision.admin, max: 10 });
    const insert = `insert into bench_appeals (id, code, ${columns.join(', ')}) values ($1, $2, ${columns.map((_, i) => `$${i + 3}`).join(', ')})`;
    await pool.query(insert, [randomUUID(), 'warm', ...columns.map((c) => template[c])]);
    const direct = await Promise.all(
      Array.from({ length: CITIZENS }, async (_, i) => {
        const started = performance.now();
        await pool.query(insert, [randomUUID(), String(i), ...columns.map((c) => template[c])]);
        return performance.now() - started;
      }),
    );
    await pool.end();
    await database.query('drop table bench_appeals');

    const p = (values, q) => percentile(values, q).toFixed(1);
    const platformMs = burst.map((r) => r.ms);
    say(
      `public filing (gateway → bus → service → Postgres)   accepted ${accepted.length}/${CITIZENS}   codes ${codes.length}   stored ${stored}   lost ${accepted.length - stored}   p50 ${p(platformMs, 50)} ms   p99 ${p(platformMs, 99)} ms`,
    );
    say(
      `same row inserted directly (pg pool of 10)            ${CITIZENS} rows   p50 ${p(direct, 50)} ms   p99 ${p(direct, 99)} ms`,
    );
    const others = burst.filter((r) => r.status !== 201).map((r) => r.status || r.error);
    if (others.length) say(`  answers other than 201: ${[...new Set(others)].join(', ')}`);
    say(
      `ratio filing/direct p99: ${(percentile(platformMs, 99) / percentile(direct, 99)).toFixed(2)}× (target ≤ 3×); lost filings ${accepted.length - stored} (target 0); codes ${codes.length}/${accepted.length}`,
    );
  } finally {
    await database.end();
  }

  // One address sends 50 at once while 100 others send one each.
  const loud = await Promise.all([
    ...Array.from({ length: 50 }, (_, i) => post(url, filing(place, 700_000 + i), '127.0.9.9')),
    ...Array.from({ length: 100 }, (_, i) => post(url, filing(place, 800_000 + i), address(1000 + i))),
  ]);
  const one = loud.slice(0, 50);
  const rest = loud.slice(50);
  say(
    `one address, 50 at once: ${one.filter((r) => r.status === 201).length} accepted, ${one.filter((r) => r.status === 429).length} limited (429); 100 other addresses: ${rest.filter((r) => r.status === 201).length} accepted, ${rest.filter((r) => r.status === 429).length} limited`,
  );
}
