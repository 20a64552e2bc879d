// Scale-out on one machine (issue 19): two replicas of each service and two gateways behind a local
// round-robin balancer, under load. Requests spread over the replicas (NATS queue groups), the
// JetStream consumers share the events and each takes effect once, and killing one replica of each
// mid-load loses no accepted write: what was in flight is answered 502/503/504 and a retry succeeds.
import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import {
  api,
  invitePerson,
  listQuery,
  passwordLogin,
  testPlatform,
  type ApiResponse,
} from '@dangjian/testing';
import { dropDatabase } from '@dangjian/kit';
import { startPlatform, type RunningPlatform } from '@dangjian/tools/platform';
import { freePort, startProcess, waitForHttp, type ManagedProcess } from '@dangjian/tools/processes';
import { root, SERVICES } from '@dangjian/tools/services';
import { spawnNatsServer } from '@dangjian/tools/nats';
import { idCard } from './id-cards.js';

const PASSWORD = 'Passw0rd!';
const RPC_TIMEOUT_MS = 3000;
const logDir = join(root, 'test-output/logs/scale-out');

let nats: Awaited<ReturnType<typeof spawnNatsServer>>;
let platform: RunningPlatform;
const extra: (ManagedProcess & { healthUrl?: string; metricsUrl?: string })[] = [];
let balancer: Server;
let lbUrl = '';

/** A round-robin balancer over the gateways, as an ingress controller would be (502 when one is gone). */
function startBalancer(upstreams: string[], port: number): Promise<Server> {
  let next = 0;
  const server = createServer((req, res) => {
    const target = new URL(upstreams[next++ % upstreams.length]!);
    const upstream = request(
      { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/problem+json' });
      res.end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** A second replica of a process: the same command and environment, its own ports. */
async function replicate(name: string): Promise<void> {
  const first = platform.processes.find((p) => p.name === name)!;
  const ports = {
    ...(first.env['HEALTH_PORT'] ? { HEALTH_PORT: String(await freePort()) } : {}),
    ...(first.env['OIDC_PORT'] ? { OIDC_PORT: String(await freePort()) } : {}),
    ...(name === 'gateway' ? { PORT: String(await freePort()), METRICS_PORT: String(await freePort()) } : {}),
  };
  const main = name === 'gateway' ? 'gateway/dist/main.js' : SERVICES.find((s) => s.name === name)!.main;
  const proc = startProcess(`${name}-2`, 'node', [join(root, main)], {
    env: { ...first.env, ...ports },
    logFile: join(logDir, `${name}-2.log`),
  });
  const ready =
    name === 'gateway'
      ? `http://127.0.0.1:${ports.PORT}/health/ready`
      : `http://127.0.0.1:${ports.HEALTH_PORT}/ready`;
  await waitForHttp(ready, { process: proc, accept: (s) => s === 200, timeoutMs: 120_000 });
  extra.push(
    Object.assign(proc, {
      ...(name === 'gateway'
        ? {
            healthUrl: `http://127.0.0.1:${ports.PORT}`,
            metricsUrl: `http://127.0.0.1:${ports.METRICS_PORT}/metrics`,
          }
        : { metricsUrl: `http://127.0.0.1:${ports.HEALTH_PORT}/metrics` }),
    }),
  );
}

/** What a client does behind a balancer: on 502/503/504 or a dropped connection, try again. */
async function call(
  method: string,
  path: string,
  options: { token: string; tenant?: string; body?: unknown },
): Promise<{ response: ApiResponse; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const response = await api(lbUrl, method, path, options).catch(() => ({ status: 599 }) as ApiResponse);
    if (![502, 503, 504, 599].includes(response.status) || attempt >= 10)
      return { response, attempts: attempt };
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function scrapeSum(url: string, metric: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(url)).text();
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      total += Number(line.split(' ').pop());
  }
  return total;
}

beforeAll(async () => {
  const admin = testPlatform().adminDatabaseUrl;
  const prefix = 'dangjian_test_scale';
  for (const service of SERVICES) await dropDatabase(admin, `${prefix}_${service.name}`);
  nats = await spawnNatsServer();
  platform = await startPlatform({
    adminDatabaseUrl: admin,
    natsUrl: nats.url,
    databasePrefix: prefix,
    seed: true,
    logDir,
    nodeEnv: 'test',
    env: {
      RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
      ACCESS_CACHE_TTL_MS: '1000',
      SCHEDULED_JOBS_FIRST_AFTER_MS: '86400000',
      NOTIFY_DELIVERY_EVERY_MS: '300',
    },
  });
  for (const service of SERVICES) await replicate(service.name);
  await replicate('gateway');
  const port = await freePort();
  balancer = await startBalancer(
    [platform.gatewayUrl, extra.find((p) => p.name === 'gateway-2')!.healthUrl!],
    port,
  );
  lbUrl = `http://127.0.0.1:${port}`;
}, 600_000);

afterAll(async () => {
  balancer?.close();
  for (const proc of extra) await proc.stop();
  await platform?.stop();
  await nats?.stop();
});

describe('two replicas of everything behind a balancer', () => {
  it('spreads the load, shares the events, and loses no accepted write when one replica of each is killed', async () => {
    // A tenant with a branch of two members who log in: each meeting notified gives each one notice.
    const operator = await passwordLogin(platform.issuer, 'operator', PASSWORD);
    const slug = `scale-${randomUUID().slice(0, 8)}`;
    expect(
      (
        await call('POST', '/api/v1/tenants', {
          token: operator,
          body: { slug, name: `扩容测试 ${slug}`, type: 'enterprise', modules: ['organisation'] },
        })
      ).response.status,
    ).toBe(201);
    await invitePerson(
      lbUrl,
      { token: operator, tenant: slug },
      {
        username: `${slug}-admin`,
        displayName: '管理员',
        password: 'Secret-123',
        roles: ['tenant-admin'],
      },
    );
    const token = await passwordLogin(platform.issuer, `${slug}-admin`, 'Secret-123');
    const as = { token, tenant: slug };
    const committee = (
      await call('POST', '/api/v1/organisations', {
        ...as,
        body: { name: '党委', code: `R${slug}`, kind: 'committee' },
      })
    ).response.body as { id: string };
    const branch = (
      await call('POST', '/api/v1/organisations', {
        ...as,
        body: { name: '扩容支部', code: `B${slug}`, kind: 'branch', parentId: committee.id },
      })
    ).response.body as { id: string };
    const members: string[] = [];
    for (const who of ['a', 'b']) {
      const username = `${slug}-${who}`;
      const userId = await invitePerson(lbUrl, as, {
        username,
        displayName: `党员${who}`,
        password: 'Secret-123',
      });
      const created = await call('POST', '/api/v1/members', {
        ...as,
        body: {
          organisationId: branch.id,
          name: `党员${who}`,
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'full',
          joinedOn: '2012-07-01',
          confirmedOn: '2013-07-01',
          userId,
        },
      });
      expect(created.response.status).toBe(201);
      members.push(await passwordLogin(platform.issuer, username, 'Secret-123'));
    }

    // Load: 6 writers, each scheduling and notifying meetings; half way, one replica of every service
    // and one gateway are killed (SIGKILL: no draining, what they held in flight is lost to them).
    const accepted: string[] = [];
    const notifiedOnce: string[] = [];
    let retried = 0;
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const created = await call('POST', '/api/v1/meetings', {
          ...as,
          body: {
            organisationId: branch.id,
            kind: 'branch_general_meeting',
            title: `扩容测试会议 ${randomUUID().slice(0, 6)}`,
            scheduledAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
            place: '会议室',
          },
        });
        if (created.attempts > 1) retried += 1;
        if (created.response.status !== 201) continue;
        const id = (created.response.body as { id: string }).id;
        accepted.push(id);
        const notified = await call('POST', `/api/v1/meetings/${id}/actions`, {
          ...as,
          body: { action: 'notify' },
        });
        if (notified.response.status === 200 && notified.attempts === 1) notifiedOnce.push(id);
      }
    };
    const writers = Array.from({ length: 6 }, writer);
    // However this ends, the writers stop (a failed expectation must not leave them calling forever).
    const stopWriters = async () => {
      stop = true;
      await Promise.all(writers);
    };
    let killedAt = 0;
    try {
      await new Promise((r) => setTimeout(r, 4000));
      // Before the kill: every replica has had its share (queue groups), and both identity replicas have
      // handled meeting events from the one durable consumer (JetStream hands each event to one of them).
      const share = async (name: string, url: string) => ({
        name,
        served: await scrapeSum(
          url,
          name.startsWith('gateway')
            ? 'dangjian_http_server_duration_count'
            : 'dangjian_rpc_server_duration_count',
        ),
      });
      const loaded = (name: string) => /^(gateway|organisation|identity)(-2)?$/.test(name);
      // The services this load reaches (meetings: organisation; access and notices: identity).
      const shares = await Promise.all([
        ...platform.processes
          .filter((p) => loaded(p.name))
          .map((p) => share(p.name, p.metricsUrl ?? `${p.healthUrl}/metrics`)),
        ...extra.filter((p) => loaded(p.name)).map((p) => share(p.name, p.metricsUrl!)),
      ]);
      expect(shares).toHaveLength(6);
      for (const { name, served } of shares)
        expect({ name, spread: served > 0 }).toEqual({ name, spread: true });
      const handledBy = (p: { healthUrl?: string; metricsUrl?: string }) =>
        scrapeSum(p.metricsUrl ?? `${p.healthUrl}/metrics`, 'dangjian_events_handled_total', {
          consumer: 'identity-notify-meetings',
        });
      // The killed: the first replica of each service (identity's holds the provider the tokens came
      // from: they stay valid, its keys being in the database) and the second gateway.
      const handledBefore = await handledBy(platform.processes.find((p) => p.name === 'identity')!);
      const killed = [
        ...platform.processes.filter((p) => p.name !== 'gateway'),
        extra.find((p) => p.name === 'gateway-2')!,
      ];
      for (const proc of killed) proc.child.kill('SIGKILL');
      killedAt = accepted.length;
      await new Promise((r) => setTimeout(r, 8000));
      await stopWriters();
      // Both identity replicas took meeting events from the one durable consumer: the first before it died,
      // the second after (and perhaps before).
      const handledAfter = await handledBy(extra.find((p) => p.name === 'identity-2')!);
      expect([handledBefore > 0, handledAfter > 0]).toEqual([true, true]);
    } finally {
      await stopWriters();
    }
    expect(killedAt).toBeGreaterThan(5);
    expect(accepted.length).toBeGreaterThan(killedAt);

    // No accepted write lost: every meeting answered 201 is there (read through the survivors).
    for (const id of accepted) {
      const read = await call('GET', `/api/v1/meetings/${id}`, as);
      expect([id, read.response.status]).toEqual([id, 200]);
    }

    // Each notify that was answered once took effect once: one notice per participant, never two.
    const deadline = Date.now() + 30_000;
    let counts = new Map<string, number>();
    const inbox = async (memberToken: string) => {
      const found = new Map<string, number>();
      for (let page = 0; ; page++) {
        const query = listQuery(['createdAt', 'ASC'], [page * 100, page * 100 + 99]);
        const listed = await call('GET', `/api/v1/me/notifications?${query}`, {
          token: memberToken,
          tenant: slug,
        });
        const rows = listed.response.body as { kind: string; refId: string }[];
        for (const row of rows)
          if (row.kind === 'meeting_notified') found.set(row.refId, (found.get(row.refId) ?? 0) + 1);
        if (rows.length < 100) return found;
      }
    };
    do {
      counts = await inbox(members[0]!);
      if (notifiedOnce.every((id) => counts.has(id))) break;
      await new Promise((r) => setTimeout(r, 500));
    } while (Date.now() < deadline);
    for (const id of notifiedOnce) expect([id, counts.get(id)]).toEqual([id, 1]);
    const other = await inbox(members[1]!);
    for (const id of notifiedOnce) expect([id, other.get(id)]).toEqual([id, 1]);
    process.stdout.write(
      `scale-out: ${accepted.length} meetings accepted (${killedAt} before the kill), ${notifiedOnce.length} notified once, ${retried} writes retried\n`,
    );
  }, 300_000);
});
