import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { supervisionConfigSpec } from './config.js';

// Telemetry first, then the application (imported afterwards so `pg` and `http` are instrumented).
const config = loadConfigOrExit(supervisionConfigSpec, 'supervision');
const stopTelemetry = startTelemetry('supervision', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { runService, RpcClient, TenantKeyRing } = await import('@dangjian/kit');
const { SupervisionDatabase } = await import('./db/supervision-database.js');
const { SupervisionModule } = await import('./app.module.js');
const db = new SupervisionDatabase(config.DATABASE_URL);
const bus = {
  url: config.NATS_URL,
  namespace: config.PLATFORM_NAMESPACE,
  streamReplicas: config.JETSTREAM_REPLICAS,
};
// Calls to the organisation service (the tree, the caller's own placement), with the caller's context.
const rpc = new RpcClient(bus, config.RPC_TIMEOUT_MS);
await rpc.connect();
const { module, jobs } = SupervisionModule.register(
  db,
  rpc,
  new TenantKeyRing(config.PII_MASTER_KEY, config.PII_ACCEPTED_MASTER_KEYS, config.PII_KEY_CACHE_MS),
  {
    scheduledJobsFirstAfterMs: config.SCHEDULED_JOBS_FIRST_AFTER_MS,
  },
);
await runService({
  name: 'supervision',
  module,
  consumers: () => jobs,
  bus,
  outboxDatabaseUrl: config.OUTBOX_DATABASE_URL,
  healthPort: config.HEALTH_PORT,
  database: db,
  extraStops: [() => rpc.close()],
  stopTelemetry,
});
