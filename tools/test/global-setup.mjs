// Brings up a fresh test platform (own databases, the machine's Postgres and NATS) once per run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dropDatabase } from '@dangjian/kit';
import { dropNamespaceStreams, resolveNats } from '../platform/nats.mjs';
import { startPlatform } from '../platform/platform.mjs';
import { root, SERVICES } from '../platform/services.mjs';
import { startSpanSink } from './span-sink.mjs';

export const TEST_ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'dangjian_test';
// The test platform's own namespace on NATS, so tests can run while `npm start` or the bench runs.
const NAMESPACE = process.env.TEST_PLATFORM_NAMESPACE ?? 'dangjian-test';

export default async function globalSetup() {
  const outputDir = join(root, 'test-output');
  mkdirSync(outputDir, { recursive: true });
  for (const service of SERVICES) await dropDatabase(TEST_ADMIN_DATABASE_URL, `${PREFIX}_${service.name}`);
  const nats = await resolveNats({ natsUrl: process.env.TEST_NATS_URL ?? process.env.NATS_URL });
  await dropNamespaceStreams(nats.url, NAMESPACE);
  // Every span the platform exports is kept for the personal-data scan after the run (pii-scan.mjs).
  const spanSink = await startSpanSink(join(outputDir, 'spans'));
  globalThis.__djSpanSink = spanSink;
  const platform = await startPlatform({
    namespace: NAMESPACE,
    adminDatabaseUrl: TEST_ADMIN_DATABASE_URL,
    natsUrl: nats.url,
    databasePrefix: PREFIX,
    seed: true,
    logDir: join(outputDir, 'logs'),
    consoleDist: join(root, 'admin-ui/dist'),
    nodeEnv: 'test',
    // Short role cache so tests can see a role change take effect without waiting a minute.
    // Interrupted imports are looked for every 2 s instead of every minute.
    // RPCs wait 15 s, not production's 5: the suite runs beside a whole quick-start platform, and on a
    // two-CPU machine a page's request during the 100,000-member import took over 5 s (a 504 the test
    // was not about). Timeouts themselves are tested in resilience.e2e-spec.ts with its own platform.
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: spanSink.url,
      ACCESS_CACHE_TTL_MS: '1000',
      RPC_TIMEOUT_MS: '15000',
      IMPORT_RESUME_EVERY_MS: '2000',
      // The scheduled jobs (dues month run, self-withdrawal check, letter reminders) are tested by calling
      // them; none fires on its own mid-suite (a dues run at minute 5 once raced a test's own run).
      SCHEDULED_JOBS_FIRST_AFTER_MS: '86400000',
      // Notifications go out within a second, and a failed one is tried again after half a second.
      NOTIFY_DELIVERY_EVERY_MS: '300',
      NOTIFY_RETRY_BASE_MS: '500',
      // A lesson heartbeat more than 5 s after the last credits nothing (gateway/test/support.ts knows it);
      // attempts past time are handed in each second.
      LEARNING_HEARTBEAT_MAX_GAP_SECONDS: '5',
      LEARNING_HAND_IN_EVERY_MS: '1000',
      // A portal page is kept 0.3 s (production: 10 s), so a test sees an approval or a withdrawal at
      // once; the cache itself is tested by reading the same page twice within that time.
      PORTAL_CACHE_MS: '300',
      // The suites all call from loopback, many at once: the limits on requests without a login
      // (decision 0038) leave loopback alone here. rate-limits.e2e-spec.ts meets them from other
      // addresses (through X-Forwarded-For, as from an ingress), with production's defaults.
      RATE_LIMIT_EXEMPT: '127.0.0.1,::1',
    },
  });
  const info = {
    gatewayUrl: platform.gatewayUrl,
    issuer: platform.issuer,
    natsUrl: nats.url,
    namespace: NAMESPACE,
    adminDatabaseUrl: TEST_ADMIN_DATABASE_URL,
    databases: platform.databases,
    // Where each process answers a Prometheus scrape (services: the health port; gateway: its metrics port).
    metricsUrls: Object.fromEntries(
      platform.processes.map((p) => [p.name, p.metricsUrl ?? `${p.healthUrl}/metrics`]),
    ),
  };
  writeFileSync(join(outputDir, 'platform.json'), JSON.stringify(info, null, 2));
  process.env.DJ_TEST_PLATFORM = JSON.stringify(info);
  globalThis.__djPlatform = platform;
  globalThis.__djNats = nats;
}
