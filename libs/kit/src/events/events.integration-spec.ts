import { create, fromBinary } from '@bufbuild/protobuf';
import { MembershipChangedSchema } from '@dangjian/contracts';
import { spawnNatsServer, testPlatform } from '@dangjian/testing';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { asTenantId } from '../context/request-context.js';
import { migrate } from '../db/migrate.js';
import { dropDatabase, provisionServiceDatabase } from '../db/provision.js';
import { TenantDatabase } from '../db/tenant-database.js';
import type { Bus } from '../bus/namespace.js';
import { DurableConsumer } from './durable-consumer.js';
import { OutboxRelay } from './outbox-relay.js';
import { writeOutboxEvent } from './outbox.js';

const NAMESPACE = 'kit-test';
const STREAM = 'kit-test-events-identity';
const fromBinaryMembershipChanged = (data: Uint8Array) => fromBinary(MembershipChangedSchema, data);

/*
 * Outbox → relay → JetStream → durable consumer, on a real Postgres (the identity schema, whose
 * outbox and processed_events tables every service copies) and a private real nats-server.
 */
const admin = testPlatform().adminDatabaseUrl;
const database = `dangjian_scratch_events_${process.pid}`;
const migrations = fileURLToPath(new URL('../../../../services/identity/prisma/migrations', import.meta.url));

/** A minimal client with the raw-query surface TenantDatabase needs, on pg. */
class PgTx {
  constructor(readonly client: pg.PoolClient) {}
  async $queryRawUnsafe(sql: string, ...values: unknown[]) {
    return (await this.client.query(sql, values)).rows;
  }
  async $executeRawUnsafe(sql: string, ...values: unknown[]) {
    return (await this.client.query(sql, values)).rowCount ?? 0;
  }
}
class PgTransactions {
  constructor(private readonly pool: pg.Pool) {}
  async $transaction<T>(fn: (tx: PgTx) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await fn(new PgTx(client));
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }
}

describe('domain events through the outbox', () => {
  let urls: Awaited<ReturnType<typeof provisionServiceDatabase>>;
  let nats: Awaited<ReturnType<typeof spawnNatsServer>>;
  let nc: NatsConnection;
  let bus: Bus;
  let pool: pg.Pool;
  let db: TenantDatabase<PgTx>;
  const tenant = asTenantId(randomUUID());

  beforeAll(async () => {
    await dropDatabase(admin, database);
    urls = await provisionServiceDatabase(admin, 'identity', database);
    await migrate(urls.admin, migrations);
    const setup = new pg.Client({ connectionString: urls.admin });
    await setup.connect();
    await setup.query('create table effects (event_id uuid, user_id text)');
    await setup.query('grant select, insert on effects to identity_app');
    await setup.end();
    nats = await spawnNatsServer();
    nc = await connect({ servers: nats.url });
    bus = { nats: nc, namespace: NAMESPACE };
    pool = new pg.Pool({ connectionString: urls.app });
    db = new TenantDatabase(new PgTransactions(pool));
  });
  afterAll(async () => {
    await pool.end();
    await nc.close();
    await nats.stop();
    await dropDatabase(admin, database);
  });

  const event = (userId: string) => ({
    subject: 'events.identity.membership.changed',
    schema: MembershipChangedSchema,
    message: create(MembershipChangedSchema, { tenantId: tenant, userId, roles: ['member'] }),
    tenantId: tenant as string,
  });

  it('writes no event when the business transaction rolls back', async () => {
    await expect(
      db.inTenant(tenant, async (tx) => {
        await writeOutboxEvent(tx, event('rolled-back'));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const count = await db.inTenant(
      tenant,
      async (tx) => (await tx.$queryRawUnsafe('select count(*)::int as n from outbox')) as { n: number }[],
    );
    expect(count[0]!.n).toBe(0);
  });

  it('delivers an event written while its consumer is down exactly once after it starts', async () => {
    const relay = new OutboxRelay({
      service: 'identity',
      outboxDatabaseUrl: urls.outbox,
      bus,
      pollIntervalMs: 50,
    });
    await relay.start();
    let consumer: DurableConsumer<PgTx> | undefined;
    try {
      const id = await db.inTenant(tenant, (tx) => writeOutboxEvent(tx, event('u-while-down')));

      // The relay publishes with Nats-Msg-Id = outbox id and marks the row sent.
      const jsm = await jetstreamManager(nc);
      const stored = await waitFor(
        async () =>
          (await jsm.streams
            .getMessage(STREAM, { last_by_subj: `${NAMESPACE}.events.identity.membership.changed` })
            .catch(() => null)) ?? null,
      );
      expect(stored?.header.get('Nats-Msg-Id')).toBe(id);
      expect(fromBinaryMembershipChanged(stored!.data).userId).toBe('u-while-down');
      await waitFor(async () => {
        const outbox = new pg.Client({ connectionString: urls.admin });
        await outbox.connect();
        const sent = (await outbox.query('select sent_at from outbox where id = $1', [id])).rows[0]?.sent_at;
        await outbox.end();
        return sent ?? null;
      });

      // A second publish of the same id (a relay crash before marking) is dropped by the stream.
      const ack = await jetstream(nc).publish(
        `${NAMESPACE}.events.identity.membership.changed`,
        stored!.data,
        { msgID: id },
      );
      expect(ack.duplicate).toBe(true);

      // Now the consumer starts; the effect happens once.
      consumer = new DurableConsumer({
        bus,
        sourceService: 'identity',
        durable: 'events-test',
        filterSubject: 'events.identity.membership.changed',
        database: db,
        handle: async (tx, received) => {
          await tx.$executeRawUnsafe(
            'insert into effects (event_id, user_id) values ($1, $2)',
            received.id,
            fromBinaryMembershipChanged(received.data).userId,
          );
        },
      });
      await consumer.start();
      const effects = await waitFor(async () => {
        const rows = (await db.inTenant(tenant, (tx) =>
          tx.$queryRawUnsafe('select event_id, user_id from effects'),
        )) as { event_id: string; user_id: string }[];
        return rows.length > 0 ? rows : null;
      });
      expect(effects).toEqual([{ event_id: id, user_id: 'u-while-down' }]);

      // Redelivery of the same events to the same durable name (as after a crash before the ack):
      // recreate the consumer so JetStream delivers everything again.
      await consumer.stop();
      await jsm.consumers.delete(STREAM, 'events-test');
      consumer = new DurableConsumer({
        bus,
        sourceService: 'identity',
        durable: 'events-test',
        filterSubject: 'events.identity.membership.changed',
        database: db,
        handle: async (tx, received) => {
          await tx.$executeRawUnsafe(
            'insert into effects (event_id, user_id) values ($1, $2)',
            received.id,
            'redelivered',
          );
        },
      });
      await consumer.start();
      const pending = async () =>
        (await jsm.consumers.info(STREAM, 'events-test')).num_ack_pending +
        (await jsm.consumers.info(STREAM, 'events-test')).num_pending;
      await waitFor(async () =>
        (await jsm.consumers.info(STREAM, 'events-test')).delivered.stream_seq >= 1 && (await pending()) === 0
          ? true
          : null,
      );
      const after = (await db.inTenant(tenant, (tx) =>
        tx.$queryRawUnsafe('select count(*)::int as n from effects'),
      )) as { n: number }[];
      expect(after[0]!.n).toBe(1);
    } finally {
      await consumer?.stop();
      await relay.stop();
    }
  });

  it('keeps platforms on one NATS apart: a consumer in another namespace sees none of the events', async () => {
    const other: Bus = { nats: nc, namespace: 'kit-test-other' };
    const relay = new OutboxRelay({
      service: 'identity',
      outboxDatabaseUrl: urls.outbox,
      bus,
      pollIntervalMs: 50,
    });
    const record = (who: string) => async (tx: PgTx, received: { id: string }) => {
      await tx.$executeRawUnsafe('insert into effects (event_id, user_id) values ($1, $2)', received.id, who);
    };
    // Same durable name and filter in both platforms: only the namespace differs.
    const options = {
      sourceService: 'identity',
      durable: 'namespaces-test',
      filterSubject: 'events.identity.membership.changed',
      database: db,
    };
    const mine = new DurableConsumer({ ...options, bus, handle: record('this-platform') });
    const theirs = new DurableConsumer({ ...options, bus: other, handle: record('other-platform') });
    await relay.start();
    await mine.start();
    await theirs.start();
    try {
      const id = await db.inTenant(tenant, (tx) => writeOutboxEvent(tx, event('u-namespaced')));
      // This platform's consumer reads its stream from the start: the earlier test's event and this one.
      const mineSaw = await waitFor(async () => {
        const rows = (await db.inTenant(tenant, (tx) =>
          tx.$queryRawUnsafe("select event_id from effects where user_id = 'this-platform'"),
        )) as { event_id: string }[];
        return rows.some((row) => row.event_id === id) ? rows : null;
      });
      expect(mineSaw.length).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 500));
      const theirsSaw = (await db.inTenant(tenant, (tx) =>
        tx.$queryRawUnsafe("select event_id from effects where user_id = 'other-platform'"),
      )) as unknown[];
      expect(theirsSaw).toEqual([]);
      const jsm = await jetstreamManager(nc);
      expect((await jsm.streams.info('kit-test-other-events-identity')).state.messages).toBe(0);
      expect((await jsm.streams.info(STREAM)).state.messages).toBeGreaterThan(0);
    } finally {
      await theirs.stop();
      await mine.stop();
      await relay.stop();
    }
  });
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
