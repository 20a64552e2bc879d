// The benchmarks of `npm run bench` (run.mjs builds first, then imports this module, which needs the
// built libraries). An authenticated list request through gateway → NATS → identity → Postgres,
// against a baseline in the same run: a bare Fastify + pg handler serving the same rows from the
// same database (in a transaction with the same tenant setting, so the SQL work is alike).
// Prints requests/s, p50 and p99 for both and their ratio. No thresholds: figures for the record.
// Then the organisation benchmarks (tools/bench/organisation.mjs).
// BENCH_ONLY=list|exam|import|statistics|dues|withdrawal|plans|backup|portal|appeals|faults|fuzz runs one
// of them (dues, withdrawal, plans and backup run on the statistics tree, so they seed that too).
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { dropDatabase } from '@dangjian/kit';
import { dropNamespaceStreams, resolveNats } from '../platform/nats.mjs';
import { accessToken } from '../platform/login.mjs';
import { startPlatform } from '../platform/platform.mjs';
import { freePort } from '../platform/processes.mjs';
import { root } from '../platform/services.mjs';
import { benchExamAnswers } from './learning.mjs';
import {
  benchDues,
  benchImport,
  benchKeyRotation,
  benchStatistics,
  benchWithdrawal,
} from './organisation.mjs';
import { benchPlanResults } from './plan-results.mjs';
import { benchPortal } from './portal.mjs';
import { benchAppeals } from './appeals.mjs';
import { cpuMeter, named } from './cpu.mjs';
import { benchFuzz } from './fuzz.mjs';
import { benchBackup } from './backup.mjs';
import { benchFaults } from './faults.mjs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PEOPLE = 500;

const say = (line) => process.stdout.write(`${line}\n`);

async function seedPeople(adminDbUrl, tenantSlug) {
  const client = new pg.Client({ connectionString: adminDbUrl });
  await client.connect();
  const { rows } = await client.query('select id from tenants where slug = $1', [tenantSlug]);
  const tenantId = rows[0].id;
  const { rows: hash } = await client.query("select password_hash from people where username = 'acme-admin'");
  for (let i = 0; i < PEOPLE; i++) {
    const id = randomUUID();
    await client.query(
      'insert into people (id, username, display_name, email, password_hash) values ($1, $2, $3, $4, $5)',
      [id, `bench-${String(i).padStart(4, '0')}`, `党员${i}`, `bench${i}@example.cn`, hash[0].password_hash],
    );
    await client.query("insert into memberships (tenant_id, person_id, roles) values ($1, $2, '{member}')", [
      tenantId,
      id,
    ]);
  }
  await client.end();
  return tenantId;
}

async function startBaseline(appDbUrl, tenantId) {
  const pool = new pg.Pool({ connectionString: appDbUrl, max: 10 });
  const app = Fastify();
  app.get('/api/v1/users', async (_request, reply) => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
      const [{ rows }, { rows: count }] = [
        await client.query(`select p.id, p.username, p.display_name as "displayName", p.email, m.roles, p.platform_operator as "platformOperator", p.created_at as "createdAt"
                            from memberships m join people p on p.id = m.person_id order by p.username, p.id limit 25 offset 0`),
        await client.query('select count(*)::int as total from memberships'),
      ];
      await client.query('commit');
      reply.header('Content-Range', `users 0-${rows.length - 1}/${count[0].total}`);
      return rows;
    } finally {
      client.release();
    }
  });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

function measure(url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function benchList(platform, token, baseline) {
  const query = `?sort=${encodeURIComponent('["username","ASC"]')}&range=${encodeURIComponent('[0,24]')}`;
  const platformUrl = `${platform.gatewayUrl.replace('localhost', '127.0.0.1')}/api/v1/users${query}`;
  const headers = { authorization: `Bearer ${token}`, 'x-tenant': 'acme-corp' };
  // Same rows from both (a sanity check, not a measurement).
  const [a, b] = await Promise.all([
    fetch(platformUrl, { headers }).then((r) => r.json()),
    fetch(`${baseline.url}/api/v1/users`).then((r) => r.json()),
  ]);
  if (a.map((u) => u.username).join() !== b.map((u) => u.username).join())
    throw new Error('platform and baseline serve different rows');

  say(`warming up …`);
  await new Promise((resolve) =>
    autocannon({ url: platformUrl, headers, connections: CONNECTIONS, duration: 3 }, resolve),
  );
  await new Promise((resolve) =>
    autocannon({ url: `${baseline.url}/api/v1/users`, connections: CONNECTIONS, duration: 3 }, resolve),
  );
  say(`measuring ${DURATION} s each, ${CONNECTIONS} connections, 25 of ${PEOPLE + 1} people per request …`);
  const pidOf = (name) => platform.processes.find((p) => p.name === name)?.child.pid;
  const others = platform.processes.filter((p) => !['gateway', 'identity'].includes(p.name));
  const platformCpu = cpuMeter([
    ['gateway', pidOf('gateway')],
    ['identity', pidOf('identity')],
    ['otherServices', others.map((p) => p.child.pid)],
    ['nats', named('nats-server')],
    ['postgres', named('postgres')],
    ['load', process.pid],
  ]);
  const platformResult = await measure(platformUrl, headers);
  const platformMs = platformCpu.stop();
  const baselineCpu = cpuMeter([
    ['baseline', process.pid],
    ['postgres', named('postgres')],
  ]);
  const baselineResult = await measure(`${baseline.url}/api/v1/users`, {});
  const baselineMs = baselineCpu.stop();
  const row = (name, r) =>
    `${name.padEnd(44)} ${r.requests.average.toFixed(0).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
  say('');
  say(row('platform (gateway → NATS → identity → PG)', platformResult));
  say(row('baseline (bare Fastify + pg, same rows)', baselineResult));
  const perRequest = (ms, r) => ms / Math.max(r.requests.total, 1);
  const cpu = (ms, r) => `${perRequest(ms, r).toFixed(2)} ms`;
  say(
    `CPU per request: platform ${cpu(platformMs.machine, platformResult)} (gateway ${cpu(platformMs.gateway, platformResult)}, identity ${cpu(platformMs.identity, platformResult)}, the other services ${cpu(platformMs.otherServices, platformResult)}, nats-server ${cpu(platformMs.nats, platformResult)}, Postgres ${cpu(platformMs.postgres, platformResult)}, load generator ${cpu(platformMs.load, platformResult)}); baseline ${cpu(baselineMs.machine, baselineResult)} (its process, load generator included, ${cpu(baselineMs.baseline, baselineResult)}, Postgres ${cpu(baselineMs.postgres, baselineResult)}); the machine's, load generator included`,
  );
  say(
    `ratio platform/baseline: CPU per request ${(perRequest(platformMs.machine, platformResult) / Math.max(perRequest(baselineMs.machine, baselineResult), 0.001)).toFixed(2)}×`,
  );
  say(
    `ratio platform/baseline: throughput ${(platformResult.requests.average / baselineResult.requests.average).toFixed(2)}×, p50 ${(platformResult.latency.p50 / Math.max(baselineResult.latency.p50, 0.01)).toFixed(2)}×, p99 ${(platformResult.latency.p99 / Math.max(baselineResult.latency.p99, 0.01)).toFixed(2)}×`,
  );
}

export async function main() {
  if (process.env.BENCH_ONLY === 'fuzz') return benchFuzz();
  if (process.env.BENCH_ONLY === 'faults') return benchFaults();
  const prefix = 'dangjian_bench';
  // Every run starts from empty databases: a tree seeded by an earlier run would weigh on this one's.
  for (const service of ['identity', 'organisation', 'learning', 'disclosure', 'supervision'])
    await dropDatabase(ADMIN_URL, `${prefix}_${service}`);
  // The gateway's static files (CONSOLE_DIST): the portal bench writes its page there.
  const staticDir = mkdtempSync(join(tmpdir(), 'dangjian-bench-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
  const nats = await resolveNats({ natsUrl: process.env.NATS_URL });
  // The bench's own namespace on NATS: it may run while `npm start` or `npm test` runs.
  const namespace = process.env.BENCH_PLATFORM_NAMESPACE ?? 'dangjian-bench';
  await dropNamespaceStreams(nats.url, namespace);
  // Known to the key-rotation bench, which runs the rotation job beside the platform.
  const piiMasterKey = randomBytes(32).toString('base64');
  const platform = await startPlatform({
    namespace,
    piiMasterKey,
    adminDatabaseUrl: ADMIN_URL,
    natsUrl: nats.url,
    databasePrefix: prefix,
    seed: true,
    nodeEnv: 'test',
    consoleDist: staticDir,
    logDir: join(root, 'test-output', 'logs', 'bench'),
    // The load comes from one address: the per-address limits would answer it, not the path measured.
    env: { LOG_LEVEL: 'warn', RATE_LIMIT_EXEMPT: '127.0.0.1,::1', PII_KEY_CACHE_MS: '1000' },
  });
  let baseline;
  try {
    const tenantId = await seedPeople(platform.databases.identity.admin, 'acme-corp');
    const token = await accessToken(platform.issuer);
    baseline = await startBaseline(platform.databases.identity.app, tenantId);
    const organisationTenantId = tenantId; // the same tenant id in every service's database

    const only = process.env.BENCH_ONLY;
    if (!only || only === 'list') await benchList(platform, token, baseline);
    if (!only || only === 'portal') {
      say('');
      await benchPortal(platform, staticDir);
    }
    if (!only || only === 'appeals') {
      say('');
      await benchAppeals(platform);
    }
    if (!only || only === 'exam') {
      say('');
      await benchExamAnswers(platform, token);
    }
    if (!only || only === 'import') {
      say('');
      await benchImport(platform, token);
      await benchKeyRotation(platform, organisationTenantId, piiMasterKey);
    }
    if (!only || ['statistics', 'dues', 'withdrawal', 'plans', 'backup'].includes(only)) {
      say('');
      // The dues run uses the statistics benchmark's million members.
      const tree = await benchStatistics(platform, token, organisationTenantId);
      if (!only || only === 'dues') {
        say('');
        await benchDues(platform, token, organisationTenantId, tree);
      }
      if (!only || only === 'withdrawal') {
        say('');
        await benchWithdrawal(platform, organisationTenantId, tree);
      }
      if (!only || only === 'plans') {
        say('');
        await benchPlanResults(platform, token, organisationTenantId, tree);
      }
      if (!only || only === 'backup') {
        say('');
        await benchBackup(platform, ADMIN_URL, prefix);
      }
    }
  } finally {
    await baseline?.close();
    await platform.stop();
    await nats.stop();
  }
  // After the platform: these start platforms of their own.
  if (!process.env.BENCH_ONLY) {
    say('');
    await benchFaults();
    say('');
    await benchFuzz();
  }
}
