import { loadConfigOrExit } from '@dangjian/kit/config';
import { startTelemetry } from '@dangjian/kit/telemetry';
import { gatewayConfigSpec } from './config.js';

const config = loadConfigOrExit(gatewayConfigSpec, 'gateway');
const stopTelemetry = startTelemetry('gateway', config.OTEL_EXPORTER_OTLP_ENDPOINT);
const { startGateway } = await import('./start.js');
await startGateway(config, stopTelemetry);
