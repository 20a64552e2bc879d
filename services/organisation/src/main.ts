import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { organisationConfigSpec } from './config.js';

// Telemetry first, then the application (imported afterwards so `pg` and `http` are instrumented).
const config = loadConfigOrExit(organisationConfigSpec, 'organisation');
const stopTelemetry = startTelemetry('organisation', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { runService, RpcClient, TenantKeyRing } = await import('@dangjian/kit');
const { OrganisationDatabase } = await import('./db/organisation-database.js');
const { OrganisationModule } = await import('./app.module.js');
const db = new OrganisationDatabase(config.DATABASE_URL);
const bus = {
  url: config.NATS_URL,
  namespace: config.PLATFORM_NAMESPACE,
  streamReplicas: config.JETSTREAM_REPLICAS,
};
// Calls to other services (the learning service's training exams), with the caller's context.
const rpc = new RpcClient(bus, config.RPC_TIMEOUT_MS);
await rpc.connect();
const { module, consumers } = OrganisationModule.register(
  db,
  rpc,
  new TenantKeyRing(config.PII_MASTER_KEY, config.PII_ACCEPTED_MASTER_KEYS, config.PII_KEY_CACHE_MS),
  {
    importResumeEveryMs: config.IMPORT_RESUME_EVERY_MS,
    scheduledJobsFirstAfterMs: config.SCHEDULED_JOBS_FIRST_AFTER_MS,
  },
);
await runService({
  name: 'organisation',
  module,
  consumers,
  bus,
  outboxDatabaseUrl: config.OUTBOX_DATABASE_URL,
  healthPort: config.HEALTH_PORT,
  database: db,
  extraStops: [() => rpc.close()],
  stopTelemetry,
});
