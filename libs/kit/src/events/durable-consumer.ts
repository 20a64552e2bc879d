import { AckPolicy, DeliverPolicy, jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { offNamespace, onNamespace, streamOf } from '@dangjian/contracts';
import type { Bus } from '../bus/namespace.js';
import { logger } from '../logging/logger.js';
import { asTenantId } from '../context/request-context.js';
import { ensureStream } from './streams.js';
import { addToCounter, observeGauges, recordRedelivery } from '../telemetry/metrics.js';
import type { TenantDatabase } from '../db/tenant-database.js';

interface RawAccess {
  $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export const MAX_DELIVERIES = 100;

export interface ReceivedEvent {
  id: string;
  /** As code names it, without the platform's namespace. */
  subject: string;
  tenantId: string | null;
  data: Uint8Array;
}

export interface DurableConsumerOptions<Tx extends RawAccess> {
  bus: Bus;
  /** Service whose stream is read. */
  sourceService: string;
  /** Durable name, unique per consuming use (e.g. `disclosure-publicity`). */
  durable: string;
  /** Without the namespace, e.g. `events.organisation.transfer.>`. */
  filterSubject: string;
  database: TenantDatabase<Tx>;
  /**
   * The tenant whose rows the effect changes; by default the event's own tenant. An event one
   * tenant sends to another (a transfer letter) names its addressee in its payload.
   */
  tenantOf?(event: ReceivedEvent): string | null;
  /** The effect, run in the same transaction that records the event id as processed. */
  handle(tx: Tx, event: ReceivedEvent): Promise<void>;
}

/**
 * A durable JetStream consumer with explicit acks whose effect is exactly-once: the event id is
 * recorded in `processed_events` in the same transaction as the effect, so a redelivery (after a
 * crash before the ack) finds it and only acks.
 */
export class DurableConsumer<Tx extends RawAccess> {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private unobserve: (() => void) | undefined;

  constructor(private readonly options: DurableConsumerOptions<Tx>) {}

  async start(): Promise<void> {
    const { bus, sourceService, durable, filterSubject } = this.options;
    const jsm = await ensureStream(bus, sourceService);
    const stream = streamOf(bus.namespace, sourceService).name;
    try {
      await jsm.consumers.info(stream, durable);
    } catch {
      await jsm.consumers.add(stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: onNamespace(bus.namespace, filterSubject),
        ack_wait: 30_000_000_000,
        // A message that still fails after this many tries (~8 minutes at the 5 s retry) is parked:
        // it stays in the stream, logged, for an operator to replay once the cause is fixed.
        max_deliver: MAX_DELIVERIES,
      });
    }
    // Lag and retries, read from the server (once) when metrics are collected.
    this.unobserve = observeGauges(
      [
        {
          name: 'dangjian.events.consumer.pending',
          description: 'Events in the stream this consumer has not yet been handed',
          unit: '{event}',
        },
        {
          name: 'dangjian.events.consumer.unacknowledged',
          description:
            'Events handed to this consumer and not yet acknowledged (of them redelivered: state=redelivered)',
          unit: '{event}',
        },
      ],
      async (report) => {
        const info = await jsm.consumers.info(stream, durable);
        report('dangjian.events.consumer.pending', info.num_pending, { consumer: durable });
        report('dangjian.events.consumer.unacknowledged', info.num_ack_pending, {
          consumer: durable,
          state: 'pending',
        });
        report('dangjian.events.consumer.unacknowledged', info.num_redelivered, {
          consumer: durable,
          state: 'redelivered',
        });
      },
    );
    const consumer = await jetstream(bus.nats).consumers.get(stream, durable);
    this.messages = await consumer.consume({ max_messages: 64 });
    this.loop = this.run(this.messages);
  }

  async stop(): Promise<void> {
    this.unobserve?.();
    await this.messages?.close();
    await this.loop;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const message of messages) {
      if (message.info.deliveryCount > 1) recordRedelivery(this.options.durable);
      try {
        await this.process(message);
        message.ack();
        addToCounter('dangjian.events.handled', 'Events a consumer handled and acknowledged', 1, {
          consumer: this.options.durable,
        });
      } catch (error) {
        const parked = message.info.deliveryCount >= MAX_DELIVERIES;
        logger.error(
          {
            err: error,
            subject: message.subject,
            durable: this.options.durable,
            deliveries: message.info.deliveryCount,
          },
          parked
            ? 'event handling failed for the last time; parked in the stream'
            : 'event handling failed; redelivery later',
        );
        message.nak(5_000);
      }
    }
  }

  private async process(message: JsMsg): Promise<void> {
    const id = message.headers?.get('Nats-Msg-Id');
    if (!id) throw new Error(`event on ${message.subject} has no Nats-Msg-Id`);
    const subject = offNamespace(this.options.bus.namespace, message.subject);
    const event: ReceivedEvent = {
      id,
      subject,
      tenantId: message.headers?.get('dj-tenant-id') || null,
      data: message.data,
    };
    const tenantId = this.options.tenantOf ? this.options.tenantOf(event) : event.tenantId;
    const work = async (tx: Tx) => {
      const inserted = await tx.$executeRawUnsafe(
        `insert into processed_events (consumer, event_id, tenant_id) values ($1, $2::uuid, $3::uuid)
         on conflict do nothing`,
        this.options.durable,
        id,
        tenantId,
      );
      if (inserted === 1) await this.options.handle(tx, event);
    };
    if (tenantId) await this.options.database.inTenant(asTenantId(tenantId), work);
    else await this.options.database.platform(work);
  }
}
