import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import { ProtobufRequestDeserializer, ProtobufResponseSerializer } from './codec.js';

/**
 * A Nest microservice on NATS with the protobuf codec; the queue group is the service name so
 * replicas share the load.
 */
export async function createNatsMicroservice(service: string, module: Type<unknown> | DynamicModule, natsUrl: string): Promise<INestMicroservice> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    transport: Transport.NATS,
    options: {
      servers: natsUrl,
      queue: service,
      name: service,
      serializer: new ProtobufResponseSerializer(),
      deserializer: new ProtobufRequestDeserializer(),
    },
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  return app;
}
