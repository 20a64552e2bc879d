import { NestFactory } from '@nestjs/core';
import { ServerNats, type NatsOptions } from '@nestjs/microservices';
import type { DynamicModule, INestMicroservice, Type } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { onNamespace, queueGroupOf } from '@dangjian/contracts';
import { BUS_CONNECTION, type BusAddress } from '../bus/namespace.js';
import { ProtobufRequestDeserializer, ProtobufResponseSerializer } from './codec.js';

/**
 * Nest's NATS server, subscribed inside the platform's namespace: a handler registered for
 * `identity.v1.ListUsers` listens on `<namespace>.identity.v1.ListUsers` in the service's queue
 * group, and is still found by its pattern.
 */
class NamespacedServerNats extends ServerNats {
  private readonly listening: Subscription[] = [];
  /** The server has the subscriptions (a flush round trip after them): only then is the instance ready. */
  private subscribed: Promise<void> = Promise.resolve();
  /** Requests taken and not yet answered. */
  private unanswered = 0;
  private answeredAll?: () => void;

  constructor(
    private readonly natsOptions: Required<NatsOptions>['options'],
    private readonly namespace: string,
  ) {
    super(natsOptions);
  }

  override bindEvents(client: NatsConnection): void {
    for (const pattern of this.messageHandlers.keys()) {
      const handle = this.getMessageHandler(pattern).bind(this);
      const subscription = client.subscribe(onNamespace(this.namespace, pattern), {
        queue: this.natsOptions.queue,
        callback: (error, message) => {
          if (message?.reply) this.unanswered += 1;
          return handle(error, message as never);
        },
      });
      this.listening.push(subscription);
    }
    this.subscribed = client.flush();
  }

  /** Ready once the server routes requests here: a replica started to replace another is not passed by. */
  override async listen(callback: (error?: unknown, ...rest: unknown[]) => void): Promise<void> {
    await super.listen(((error?: unknown, ...rest: unknown[]) => {
      void this.subscribed.then(
        () => callback(error, ...rest),
        (failure: unknown) => callback(failure),
      );
    }) as never);
  }

  /** Counts a request answered when its last packet (the one that ends the stream) is sent. */
  override getPublisher(natsMsg: Msg, id: string, ctx: never) {
    const publish = super.getPublisher(natsMsg, id, ctx);
    if (!natsMsg.reply) return publish;
    return async (packet: { isDisposed?: boolean }) => {
      try {
        return await publish(packet as never);
      } finally {
        if (packet.isDisposed && --this.unanswered <= 0) this.answeredAll?.();
      }
    };
  }

  /**
   * Stops taking requests (the other replicas of the queue group get them from now on), answers those
   * already taken, then closes: rolling a replica over loses no request (decision 0041). A request that
   * never ends its stream (no handler) is waited for at most `ANSWER_WAIT_MS`.
   */
  override async close(): Promise<void> {
    await Promise.all(this.listening.map((s) => s.drain().catch(() => undefined)));
    if (this.unanswered > 0)
      await new Promise<void>((resolve) => {
        this.answeredAll = resolve;
        setTimeout(resolve, ANSWER_WAIT_MS).unref();
      });
    await super.close();
  }
}

const ANSWER_WAIT_MS = 10_000;

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
      ...BUS_CONNECTION,
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
