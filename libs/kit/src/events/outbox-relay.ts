import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import pg from 'pg';
import { onNamespace } from '@dangjian/contracts';
import type { Bus } from '../bus/namespace.js';
import { logger } from '../logging/logger.js';
import { ensureStream } from './streams.js';
import { observeGauges } from '../telemetry/metrics.js';

export interface OutboxRelayOptions {
  service: string;
  /** Connection as `<service>_outbox`: the only role whose policy lets it read every tenant's outbox rows. */
  outboxDatabaseUrl: string;
  bus: Bus;
  pollIntervalMs?: number;
  batchSize?: number;
}

/**
 * Publishes outbox rows to JetStream (the row's subject inside the platform's namespace) with
 * Nats-Msg-Id = outbox id and marks them sent on the
 * publish ack. A crash between ack and mark re-publishes the row; the stream's duplicate window
 * drops the copy. Rows are claimed with SKIP LOCKED so several replicas can relay side by side.
 */
export class OutboxRelay {
  private readonly pool: pg.Pool;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private stopped = false;
  private js: JetStreamClient | undefined;
  private unobserve: (() => void) | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pool = new pg.Pool({ connectionString: options.outboxDatabaseUrl, max: 2 });
    // An idle connection dropped by a Postgres restart must not crash the process: the next poll reconnects.
    this.pool.on('error', (error) => logger.warn({ err: error }, 'outbox relay lost a database connection'));
    this.pool.on('connect', (client) =>
      client.on('error', (error) => logger.warn({ err: error }, 'outbox relay lost a connection in use')),
    );
  }

  async start(): Promise<void> {
    await ensureStream(this.options.bus, this.options.service);
    this.js = jetstream(this.options.bus.nats);
    // The backlog and its oldest row's age, read (in one query) when metrics are collected; replicas
    // report the same figures: take the max, not the sum.
    const service = { service: this.options.service };
    this.unobserve = observeGauges(
      [
        {
          name: 'dangjian.outbox.backlog',
          description: 'Events written and not yet published',
          unit: '{event}',
        },
        {
          name: 'dangjian.outbox.oldest_age',
          description: 'Age of the oldest event not yet published (0 when none waits)',
          unit: 's',
        },
      ],
      async (report) => {
        const { rows } = await this.pool.query<{ count: string; age: string | null }>(
          `select count(*), extract(epoch from now() - min(created_at)) as age from outbox where sent_at is null`,
        );
        report('dangjian.outbox.backlog', Number(rows[0]!.count), service);
        report('dangjian.outbox.oldest_age', Number(rows[0]!.age ?? 0), service);
      },
    );
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unobserve?.();
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
    await this.pool.end();
  }

  /** Publishes what is pending now; returns how many rows were sent. */
  async relayOnce(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const { rows } = await client.query<{
        id: string;
        tenant_id: string | null;
        subject: string;
        payload: Buffer;
        traceparent: string;
      }>(
        `select id, tenant_id, subject, payload, traceparent from outbox
         where sent_at is null order by created_at, id limit $1 for update skip locked`,
        [this.options.batchSize ?? 100],
      );
      const sent: string[] = [];
      for (const row of rows) {
        const headers = natsHeaders();
        if (row.traceparent) headers.set('traceparent', row.traceparent);
        if (row.tenant_id) headers.set('dj-tenant-id', row.tenant_id);
        const subject = onNamespace(this.options.bus.namespace, row.subject);
        await this.js!.publish(subject, row.payload, { msgID: row.id, headers });
        sent.push(row.id);
      }
      if (sent.length > 0)
        await client.query('update outbox set sent_at = now() where id = any($1::uuid[])', [sent]);
      await client.query('commit');
      return sent.length;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      this.running = true;
      let sent = 0;
      try {
        sent = await this.relayOnce();
      } catch (error) {
        logger.warn({ err: error }, 'outbox relay failed; will retry');
      } finally {
        this.running = false;
      }
      this.schedule(sent > 0 ? 0 : (this.options.pollIntervalMs ?? 200));
    }, delayMs);
  }
}
