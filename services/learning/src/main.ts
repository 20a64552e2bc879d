import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { learningConfigSpec } from './config.js';

// Telemetry first, then the application (imported afterwards so `pg` and `http` are instrumented).
const config = loadConfigOrExit(learningConfigSpec, 'learning');
const stopTelemetry = startTelemetry('learning', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { runService } = await import('@dangjian/kit');
const { LearningDatabase } = await import('./db/learning-database.js');
const { LearningModule } = await import('./app.module.js');
const db = new LearningDatabase(config.DATABASE_URL);
await runService({
  name: 'learning',
  module: LearningModule.register(db),
  bus: { url: config.NATS_URL, namespace: config.PLATFORM_NAMESPACE },
  outboxDatabaseUrl: config.OUTBOX_DATABASE_URL,
  healthPort: config.HEALTH_PORT,
  database: db,
  stopTelemetry,
});
