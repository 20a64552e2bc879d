import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { disclosureConfigSpec } from './config.js';

// Telemetry first, then the application (imported afterwards so `pg` and `http` are instrumented).
const config = loadConfigOrExit(disclosureConfigSpec, 'disclosure');
const stopTelemetry = startTelemetry('disclosure', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { runService, RpcClient } = await import('@dangjian/kit');
const { DisclosureDatabase } = await import('./db/disclosure-database.js');
const { DisclosureModule } = await import('./app.module.js');
const db = new DisclosureDatabase(config.DATABASE_URL);
const bus = {
  url: config.NATS_URL,
  namespace: config.PLATFORM_NAMESPACE,
  streamReplicas: config.JETSTREAM_REPLICAS,
};
// Calls to other services (the organisation's tree, roster and publicity), with the caller's context.
const rpc = new RpcClient(bus, config.RPC_TIMEOUT_MS);
await rpc.connect();
const { module, consumers } = DisclosureModule.register(db, rpc);
await runService({
  name: 'disclosure',
  module,
  consumers,
  bus,
  outboxDatabaseUrl: config.OUTBOX_DATABASE_URL,
  healthPort: config.HEALTH_PORT,
  database: db,
  extraStops: [() => rpc.close()],
  stopTelemetry,
});
