import { dropDatabase } from '@dangjian/kit';
import { api, passwordLogin, spawnNatsServer, testPlatform } from '@dangjian/testing';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform } from '@dangjian/tools/platform';
import { startProcess, waitForHttp } from '@dangjian/tools/processes';
import { root, SERVICES } from '@dangjian/tools/services';
import { startOtlpReceiver } from './otlp-receiver.js';
import { expectNothingHalfWritten, recovery } from './outage.js';

/*
 * A private platform (own nats-server, own databases) whose identity service this test may stop,
 * freeze and restart, with every process exporting traces to an in-test OTLP receiver.
 */
const RPC_TIMEOUT_MS = 1500;

describe('a platform whose service stops, and the trace of a request', () => {
  let nats: Awaited<ReturnType<typeof spawnNatsServer>>;
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let platform: RunningPlatform;
  let token: string;
  const admin = testPlatform().adminDatabaseUrl;
  const prefix = `dangjian_test_resilience`;

  beforeAll(async () => {
    // Every service's database from empty: one left by an earlier run on this machine holds migrations
    // applied before they were last changed (a new service's first migration, while it was being written).
    for (const service of SERVICES) await dropDatabase(admin, `${prefix}_${service.name}`);
    nats = await spawnNatsServer();
    receiver = await startOtlpReceiver();
    platform = await startPlatform({
      adminDatabaseUrl: admin,
      natsUrl: nats.url,
      databasePrefix: prefix,
      seed: true,
      logDir: join(root, 'test-output/logs/resilience'),
      nodeEnv: 'test',
      env: {
        RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
        ACCESS_CACHE_TTL_MS: '0',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SIMPLE_SPAN_PROCESSOR: 'true',
        OTEL_METRIC_EXPORT_INTERVAL: '2000',
      },
    });
    token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
  }, 360_000);

  afterAll(async () => {
    await platform?.stop();
    await nats?.stop();
    await receiver?.close();
  });

  const listUsers = () => api(platform.gatewayUrl, 'GET', '/api/v1/users', { token, tenant: 'acme-corp' });

  it('records one trace across gateway, NATS hop, identity and Postgres', async () => {
    const response = await listUsers();
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    let trace: typeof receiver.spans = [];
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const serverSpan = receiver.spans.find(
        (s) => s.service === 'identity' && s.name === 'identity.v1.ListUsers process',
      );
      trace = serverSpan ? receiver.spans.filter((s) => s.traceId === serverSpan.traceId) : [];
      if (
        trace.some((s) => s.service === 'gateway' && s.kind === 2) &&
        trace.some(
          (s) => s.service === 'identity' && /pg|postgres/i.test(`${s.name} ${JSON.stringify(s.attributes)}`),
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const describe = trace.map((s) => `${s.service}:${s.name}`);
    expect(describe).toEqual(
      expect.arrayContaining([
        'gateway:identity.v1.ListUsers send',
        'identity:identity.v1.ListUsers process',
      ]),
    );
    expect(trace.some((s) => s.service === 'gateway' && s.kind === 2)).toBe(true); // the HTTP server span
    expect(
      trace.some(
        (s) => s.service === 'identity' && /pg|postgres/i.test(`${s.name} ${JSON.stringify(s.attributes)}`),
      ),
    ).toBe(true);
    // The NATS hop is a parent-child link: identity's span is a child of the gateway's send span.
    const send = trace.find((s) => s.name === 'identity.v1.ListUsers send')!;
    const process = trace.find((s) => s.name === 'identity.v1.ListUsers process')!;
    expect(process.parentSpanId).toBe(send.spanId);
  });

  it('pushes the platform metrics over OTLP from the gateway and the services', async () => {
    expect((await listUsers()).status).toBe(200);
    const expected: Record<string, string[]> = {
      gateway: ['dangjian.http.server.duration', 'dangjian.rpc.client.duration'],
      identity: [
        'dangjian.rpc.server.duration',
        'dangjian.db.pool.connections',
        'dangjian.outbox.backlog',
        'dangjian.outbox.oldest_age',
      ],
    };
    const missing = () =>
      Object.entries(expected).flatMap(([service, names]) =>
        names.filter((name) => !receiver.metrics.get(service)?.has(name)).map((name) => `${service} ${name}`),
      );
    // Pushed every 2 s (OTEL_METRIC_EXPORT_INTERVAL above); a metric first recorded after one push comes with the next.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && missing().length > 0) await new Promise((r) => setTimeout(r, 250));
    expect(missing()).toEqual([]);
  });

  it('answers 504 within the timeout while identity does not answer, and recovers', async () => {
    const identity = platform.processes.find((p) => p.name === 'identity')!;
    identity.child.kill('SIGSTOP');
    try {
      const started = Date.now();
      const response = await listUsers();
      const elapsed = Date.now() - started;
      expect(response.status).toBe(504);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
      expect(elapsed).toBeLessThan(RPC_TIMEOUT_MS + 1500);
    } finally {
      identity.child.kill('SIGCONT');
    }
    // Recovers: a resumed process first catches up on what piled up while it was frozen (on a loaded
    // two-CPU machine that has taken longer than one RPC timeout), then answers again.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && (status = (await listUsers()).status) !== 200)
      await new Promise((r) => setTimeout(r, 250));
    expect(status).toBe(200);
    // The operator sees it: the gateway's timeouts by method, on its scrape.
    const gatewayProcess = platform.processes.find((p) => p.name === 'gateway')!;
    const scrape = await (await fetch(gatewayProcess.metricsUrl!)).text();
    expect(scrape).toMatch(/^dangjian_rpc_client_timeouts_total\{rpc_method="identity\.[^"]+"[^}]*\} [1-9]/m);
  });

  it('answers 503 at once when identity is stopped, and succeeds when it is started again', async () => {
    const index = platform.processes.findIndex((p) => p.name === 'identity');
    const identity = platform.processes[index]!;
    await identity.stop();
    const started = Date.now();
    const response = await listUsers();
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(RPC_TIMEOUT_MS);
    const health = await api(platform.gatewayUrl, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body.services.identity).toMatch(/unreachable/);

    const again = startProcess('identity', 'node', [join(root, 'services/identity/dist/main.js')], {
      env: identity.env,
      logFile: join(root, 'test-output/logs/resilience/identity-restarted.log'),
    });
    platform.processes[index] = Object.assign(again, { env: identity.env, healthUrl: identity.healthUrl });
    await waitForHttp(`${identity.healthUrl}/ready`, { process: again, accept: (s) => s === 200 });
    expect((await listUsers()).status).toBe(200);
    expect((await api(platform.gatewayUrl, 'GET', '/health')).body).toMatchObject({
      status: 'ok',
      services: { identity: 'ok' },
    });
  });

  it('answers 503 with Retry-After at once while NATS is down, half-does nothing, and recovers by itself', async () => {
    const as = (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, { token, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (await as('GET', `/api/v1/organisations?filter=${encodeURIComponent('{"roots":true}')}`))
      .body[0];
    const code = `NATS-${Date.now()}`;
    const name = `总线中断时${Date.now() % 100_000}`;
    await nats.kill();
    const started = Date.now();
    const read = await listUsers();
    const readMs = Date.now() - started;
    const write = await as('POST', '/api/v1/organisations', {
      name: '总线中断时',
      code,
      kind: 'branch',
      parentId: root.id,
    });
    expect([read.status, write.status]).toEqual([503, 503]);
    expect(read.headers.get('retry-after')).toBe('1');
    expect(write.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // At once: no call waits for its timeout while the bus is away.
    expect(readMs).toBeLessThan(RPC_TIMEOUT_MS);

    await nats.restart();
    const back = await recovery(listUsers);
    expect(back.status).toBe(200);
    // Every process finds the bus again by itself (tries every half second).
    expect(back.ms).toBeLessThan(5_000);
    await expectNothingHalfWritten(as, { name, code, parentId: root.id }, '总线恢复后');
  });
});
