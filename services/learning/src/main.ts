import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { learningConfigSpec } from './config.js';

// Telemetry first, then the application (imported afterwards so `pg` and `http` are instrumented).
const config = loadConfigOrExit(learningConfigSpec, 'learning');
const stopTelemetry = startTelemetry('learning', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { runService, RpcClient } = await import('@dangjian/kit');
const { LearningDatabase } = await import('./db/learning-database.js');
const { LearningModule } = await import('./app.module.js');
const db = new LearningDatabase(config.DATABASE_URL);
const bus = {
  url: config.NATS_URL,
  namespace: config.PLATFORM_NAMESPACE,
  streamReplicas: config.JETSTREAM_REPLICAS,
};
// Calls to other services (the organisation's roster), with the caller's context.
const rpc = new RpcClient(bus, config.RPC_TIMEOUT_MS);
await rpc.connect();
const { module, consumers } = LearningModule.register(db, rpc, {
  heartbeatMaxGapSeconds: config.LEARNING_HEARTBEAT_MAX_GAP_SECONDS,
  handInEveryMs: config.LEARNING_HAND_IN_EVERY_MS,
});
await runService({
  name: 'learning',
  module,
  consumers,
  bus,
  outboxDatabaseUrl: config.OUTBOX_DATABASE_URL,
  healthPort: config.HEALTH_PORT,
  database: db,
  extraStops: [() => rpc.close()],
  stopTelemetry,
});
