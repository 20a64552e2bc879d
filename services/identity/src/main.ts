import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { identityConfigSpec } from './config.js';

// Telemetry first, then the application (imported afterwards so `pg` and `http` are instrumented).
const config = loadConfigOrExit(identityConfigSpec, 'identity');
const stopTelemetry = startTelemetry('identity', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { startIdentity } = await import('./start.js');
await startIdentity(config, stopTelemetry);
