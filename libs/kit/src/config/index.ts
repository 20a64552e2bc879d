// Light entry point for process entry files: nothing here imports pg, NATS or Nest, so
// telemetry can start before they load.
export * from './config.js';
