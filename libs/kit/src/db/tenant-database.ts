import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { requireTenant, type TenantId } from '../context/request-context.js';
import { logger } from '../logging/logger.js';
import { observeGauges } from '../telemetry/metrics.js';

/** The part of a generated PrismaClient this module relies on. */
export interface InteractiveTransactions<Tx> {
  $transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}

interface RawQueries {
  $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
}

/**
 * The service's connection pool and the Prisma adapter over it. The pool is ours (the adapter does not
 * end a pool it was given: the caller ends it after disconnecting) so its use can be measured.
 */
export function createPgAdapter(
  connectionString: string,
  maxConnections = 10,
): { adapter: PrismaPg; pool: pg.Pool; stopObserving: () => void } {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // A connection dropped by a Postgres restart must not crash the process: the pool reports idle ones,
  // and a connection checked out (a transaction between two queries) reports on its own client — with
  // no listener there, node-postgres throws and the service died with its database (issue 20, item 3).
  pool.on('error', (error) => logger.warn({ err: error }, 'database pool lost a connection'));
  pool.on('connect', (client) =>
    client.on('error', (error) => logger.warn({ err: error }, 'database connection lost while in use')),
  );
  const stopObserving = observeGauges(
    [
      {
        name: 'dangjian.db.pool.connections',
        description: 'Connections of the service pool by state (used, idle) and the pool size (max)',
        unit: '{connection}',
      },
      {
        name: 'dangjian.db.pool.waiting',
        description: 'Units of work waiting for a connection of the service pool',
        unit: '{request}',
      },
    ],
    (report) => {
      report('dangjian.db.pool.connections', pool.totalCount - pool.idleCount, { state: 'used' });
      report('dangjian.db.pool.connections', pool.idleCount, { state: 'idle' });
      report('dangjian.db.pool.connections', maxConnections, { state: 'max' });
      report('dangjian.db.pool.waiting', pool.waitingCount, {});
    },
  );
  return { adapter: new PrismaPg(pool), pool, stopObserving };
}

/**
 * Every unit of work of a service runs here: one interactive transaction whose first statement
 * sets `app.tenant_id` (transaction-scoped, so pooled connections never leak a tenant). Row-level
 * security policies read it; a query outside this wrapper sees no tenant rows at all.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export class TenantDatabase<Tx extends RawQueries> {
  constructor(private readonly client: InteractiveTransactions<Tx>) {}

  /** A unit of work for the tenant of the current request (fails closed without one). */
  inRequestTenant<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.inTenant(requireTenant(), work);
  }

  inTenant<T>(
    tenantId: TenantId,
    work: (tx: Tx) => Promise<T>,
    extra: Record<string, string> = {},
  ): Promise<T> {
    return this.withSettings({ 'app.tenant_id': tenantId, ...extra }, work);
  }

  /**
   * A unit of work that touches only platform tables (no tenant_id), or reads rows a policy
   * grants by another setting (e.g. a person's own memberships across tenants).
   */
  platform<T>(work: (tx: Tx) => Promise<T>, settings: Record<string, string> = {}): Promise<T> {
    return this.withSettings(settings, work);
  }

  private withSettings<T>(settings: Record<string, string>, work: (tx: Tx) => Promise<T>): Promise<T> {
    // Under a burst (an exam's answers) work waits for a pooled connection up to TX_MAX_WAIT_MS
    // instead of failing after Prisma's 2 s (the caller's own timeout decides when to give up), and a
    // transaction slowed by that burst has 15 s, not 5, to finish.
    return this.client.$transaction(async (tx) => {
      const names = Object.keys(settings);
      if (names.length > 0) {
        // One round trip for all settings; values bound as parameters.
        const calls = names
          .map((name, i) => `set_config('${assertSettingName(name)}', $${i + 1}, true)`)
          .join(', ');
        await tx.$queryRawUnsafe(`select ${calls}`, ...names.map((n) => settings[n]));
      }
      return work(tx);
    }, TRANSACTION_OPTIONS);
  }
}

function assertSettingName(name: string): string {
  if (!/^app\.[a-z_]+$/.test(name)) throw new Error(`bad setting name ${name}`);
  return name;
}
