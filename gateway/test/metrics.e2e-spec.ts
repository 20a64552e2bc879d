// What an operator's Prometheus reads from the platform: requests by route, RPCs by method, event
// consumers' lag, the outbox backlog, the database pools, import progress. Read from the running test
// platform's scrape endpoints, before and after the work that should move them.
import { gateway, platform, tokenFor } from './support.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function scrape(process: string): Promise<Sample[]> {
  const response = await fetch(platform.metricsUrls[process]!);
  expect(response.status).toBe(200);
  const samples: Sample[] = [];
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

const sum = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);

describe('metrics', () => {
  it('counts the gateway requests by route template and status, and the RPCs behind them', async () => {
    const token = await tokenFor('acme-admin');
    const before = await scrape('gateway');
    for (let i = 0; i < 3; i++) expect((await gateway('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await gateway('GET', '/api/v1/no-such-route', { token })).status).toBe(404);
    const after = await scrape('gateway');
    const route = { http_route: '/api/v1/me', http_response_status_code: '200', http_request_method: 'GET' };
    const count = 'dangjian_http_server_duration_count';
    expect(sum(after, count, route) - sum(before, count, route)).toBe(3);
    // Unmatched URLs are one series, never the raw path (no cardinality from scanners).
    expect(after.some((s) => s.labels['http_route'] === '/api/v1/no-such-route')).toBe(false);
    expect(sum(after, count, { http_route: 'unmatched', http_response_status_code: '404' })).toBeGreaterThan(
      0,
    );
    // Latency buckets exist for the route.
    expect(
      after.some((s) => s.name === 'dangjian_http_server_duration_bucket' && s.labels['le'] === '0.1'),
    ).toBe(true);
    const rpc = 'dangjian_rpc_client_duration_count';
    expect(sum(after, rpc, { outcome: 'ok' }) - sum(before, rpc, { outcome: 'ok' })).toBeGreaterThanOrEqual(
      3,
    );
  });

  it('counts the RPCs a service answers, by method and outcome', async () => {
    const token = await tokenFor('acme-admin');
    const before = await scrape('identity');
    await gateway('GET', '/api/v1/users', { token, tenant: 'acme-corp' });
    const after = await scrape('identity');
    const served = 'dangjian_rpc_server_duration_count';
    expect(sum(after, served, { outcome: 'ok' })).toBeGreaterThan(sum(before, served, { outcome: 'ok' }));
    expect(
      after.filter((s) => s.name === served).every((s) => /^identity\./.test(s.labels['rpc_method'] ?? '')),
    ).toBe(true);
  });

  it('reports each service pool, outbox backlog and, where it consumes events, its lag', async () => {
    for (const service of ['identity', 'organisation', 'learning', 'disclosure', 'supervision']) {
      const samples = await scrape(service);
      const where = { service };
      expect({ ...where, max: sum(samples, 'dangjian_db_pool_connections', { state: 'max' }) }).toEqual({
        ...where,
        max: 10,
      });
      expect({
        ...where,
        outbox: samples.some((s) => s.name === 'dangjian_outbox_backlog' && s.labels['service'] === service),
      }).toEqual({ ...where, outbox: true });
      expect(samples.some((s) => s.name === 'dangjian_outbox_oldest_age')).toBe(true);
    }
    const identity = await scrape('identity');
    const lag = identity.filter((s) => s.name === 'dangjian_events_consumer_pending');
    expect(lag.map((s) => s.labels['consumer'])).toEqual(
      expect.arrayContaining(['identity-notify-meetings']),
    );
    expect(lag.every((s) => s.value >= 0)).toBe(true);
    expect(
      identity.some(
        (s) => s.name === 'dangjian_events_consumer_unacknowledged' && s.labels['state'] === 'redelivered',
      ),
    ).toBe(true);
  });

  it('reports import jobs in the organisation service', async () => {
    const samples = await scrape('organisation');
    expect(
      samples
        .filter((s) => s.name === 'dangjian_import_rows')
        .map((s) => s.labels['state'])
        .sort(),
    ).toEqual(['done', 'total']);
    expect(samples.some((s) => s.name === 'dangjian_import_jobs')).toBe(true);
  });

  it("reports every process's event-loop delay: the longest and the 99th percentile, in seconds", async () => {
    for (const process of Object.keys(platform.metricsUrls)) {
      const samples = await scrape(process);
      const max = samples.find((s) => s.name === 'dangjian_eventloop_delay_max');
      const p99 = samples.find((s) => s.name === 'dangjian_eventloop_delay_p99');
      expect([process, Boolean(max && p99)]).toEqual([process, true]);
      // Seconds, not nanoseconds: a running process is held for a few milliseconds, not for minutes.
      expect([process, max!.value > 0 && max!.value < 60 && p99!.value <= max!.value]).toEqual([
        process,
        true,
      ]);
    }
  });

  it('keeps the scrape off the public port', async () => {
    expect((await fetch(`${platform.gatewayUrl}/metrics`)).status).toBe(404);
  });
});
