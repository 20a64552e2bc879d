import type { DynamicModule } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import { BUS_CONNECTION, type Bus, type BusAddress } from '../bus/namespace.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { startHealthServer, type HealthCheck } from '../health/health-server.js';
import { stopOnSignals } from '../health/shutdown.js';
import { logger } from '../logging/logger.js';
import { createNatsMicroservice } from './microservice.js';

export interface RunServiceOptions {
  name: string;
  module: DynamicModule;
  /** NATS and the platform's namespace (PLATFORM_NAMESPACE). */
  bus: BusAddress;
  outboxDatabaseUrl: string;
  healthPort: number;
  database: { ping(): Promise<boolean>; close(): Promise<void> };
  extraHealthChecks?: HealthCheck[];
  /** Stopped first, before the service stops taking requests (e.g. an HTTP server of its own). */
  extraStops?: (() => unknown)[];
  stopTelemetry: () => Promise<void>;
  /** Event consumers of this service, started once it serves requests and stopped before it stops. */
  consumers?: (bus: Bus) => { start(): Promise<void>; stop(): Promise<void> }[];
}

/**
 * Everything a service process runs besides its domain: the NATS microservice, the outbox relay,
 * health and readiness, a graceful stop. One place, so a new service is mostly its own domain code.
 */
export async function runService(options: RunServiceOptions): Promise<{ bus: Bus }> {
  const nats = await connect({ servers: options.bus.url, name: `${options.name}-outbox`, ...BUS_CONNECTION });
  const bus: Bus = {
    nats,
    namespace: options.bus.namespace,
    streamReplicas: options.bus.streamReplicas,
  };
  const relay = new OutboxRelay({ service: options.name, outboxDatabaseUrl: options.outboxDatabaseUrl, bus });
  await relay.start();
  const app = await createNatsMicroservice(options.name, options.module, options.bus);
  await app.listen();
  const consumers = options.consumers?.(bus) ?? [];
  for (const consumer of consumers) await consumer.start();
  const health = await startHealthServer(options.healthPort, [
    { name: 'postgres', check: () => options.database.ping() },
    { name: 'nats', check: async () => !nats.isClosed() },
    ...(options.extraHealthChecks ?? []),
  ]);
  logger.info({ healthPort: options.healthPort }, `${options.name} ready`);
  stopOnSignals(options.name, [
    () => health.close(),
    ...(options.extraStops ?? []),
    ...consumers.map((consumer) => () => consumer.stop()),
    () => app.close(),
    () => relay.stop(),
    () => nats.drain(),
    () => options.database.close(),
    options.stopTelemetry,
  ]);
  return { bus };
}
