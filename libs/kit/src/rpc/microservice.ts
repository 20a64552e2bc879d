import { NestFactory } from '@nestjs/core';
import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { onNamespace, queueGroupOf } from '@dangjian/contracts';
import { BUS_RECONNECT, type BusAddress } from '../bus/namespace.js';
import { ProtobufRequestDeserializer, ProtobufResponseSerializer } from './codec.js';

/**
 * Nest's NATS server, subscribed inside the platform's namespace: a handler registered for
 * `identity.v1.ListUsers` listens on `<namespace>.identity.v1.ListUsers` in the service's queue
 * group, and is still found by its pattern.
 */
class NamespacedServerNats extends ServerNats {
  constructor(
    private readonly natsOptions: Required<NatsOptions>['options'],
    private readonly namespace: string,
  ) {
    super(natsOptions);
  }

  override bindEvents(client: NatsConnection): void {
    // Nest keeps its subscriptions private; it only needs them for a graceful shutdown we do not use.
    for (const pattern of this.messageHandlers.keys()) {
      client.subscribe(onNamespace(this.namespace, pattern), {
        queue: this.natsOptions.queue,
        callback: this.getMessageHandler(pattern).bind(this) as never,
      });
    }
  }
}

/**
 * A Nest microservice on NATS with the protobuf codec; replicas of the service share one queue group
 * (`<namespace>.<service>`), so they share the load.
 */
export async function createNatsMicroservice(
  service: string,
  module: Type<unknown> | DynamicModule,
  bus: BusAddress,
): Promise<INestMicroservice> {
  const strategy = new NamespacedServerNats(
    {
      servers: bus.url,
      ...BUS_RECONNECT,
      queue: queueGroupOf(bus.namespace, service),
      name: service,
      serializer: new ProtobufResponseSerializer(),
      deserializer: new ProtobufRequestDeserializer(),
    },
    bus.namespace,
  );
  const app = await NestFactory.createMicroservice(module, { strategy, logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  return app;
}
