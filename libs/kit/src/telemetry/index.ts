export { startTelemetry } from './start.js';
