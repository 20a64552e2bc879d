import { PrismaPg } from '@prisma/adapter-pg';
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { requireTenant, type TenantId } from '../context/request-context.js';
import { logger } from '../logging/logger.js';
import { observeGauges } from '../telemetry/metrics.js';
import { readInOneTrip } from './one-trip-read.js';
import { preparedStatementNames } from './prepared-statements.js';
import { assertSettingName, settingCalls } from './transaction-settings.js';

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
  // Postgres' default plan cache: a request's statements are prepared (below) and may keep a generic
  // plan after five runs. Bulk statements run unnamed, planned for their values (decision 0040).
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // A connection dropped by a Postgres restart must not crash the process: the pool reports idle ones,
  // and a connection checked out (a transaction between two queries) reports on its own client — with
  // no listener there, node-postgres throws and the service died with its database (issue 20, item 3).
  pool.on('error', (error) => logger.warn({ err: error }, 'database pool lost a connection'));
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.warn({ err: error }, 'database connection lost while in use'));
    settingsWithBegin(client);
  });
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
  return {
    adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementNames() }),
    pool,
    stopObserving,
  };
}

/** The settings a unit of work is about to begin with, and whether its BEGIN carried them. */
interface PendingSettings {
  settings: Record<string, string>;
  applied: boolean;
}
const pendingSettings = new AsyncLocalStorage<PendingSettings>();

/**
 * Sends a unit of work's settings with its BEGIN, one round trip instead of two (issue 20, item 6):
 * Prisma begins the transaction itself, inside the unit's async context, so the BEGIN it sends on
 * this connection is rewritten to `BEGIN; SELECT set_config(…)` with the values as escaped literals
 * (the simple protocol takes no parameters). When the context did not reach the BEGIN, `applied`
 * stays false and the unit sets them itself, as before; a BEGIN that carried another unit's settings
 * would leave that unit without a tenant — row-level security then shows it nothing (fails closed).
 */
function settingsWithBegin(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config, ...rest) => {
    const pending = pendingSettings.getStore();
    if (pending && !pending.applied && isBegin(config)) {
      pending.applied = true;
      return query({ ...config, text: `BEGIN; SELECT ${settingCalls(pending.settings)}` }, ...rest);
    }
    return query(config, ...rest);
  };
}

const isBegin = (config: unknown): config is { text: string } =>
  typeof config === 'object' && config !== null && (config as { text?: unknown }).text === 'BEGIN';

/**
 * Every unit of work of a service runs here: one interactive transaction whose first statement
 * sets `app.tenant_id` (transaction-scoped, so pooled connections never leak a tenant). Row-level
 * security policies read it; a query outside this wrapper sees no tenant rows at all.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export class TenantDatabase<Tx extends RawQueries> {
  constructor(
    private readonly client: InteractiveTransactions<Tx>,
    private readonly pool?: pg.Pool,
  ) {}

  /**
   * One statement read for the request's tenant in one round trip (`readInOneTrip`): for a busy
   * list whose page is one statement. Anything more — several statements, a write — is a unit of work.
   */
  readInRequestTenant<Row>(sql: string, values: readonly unknown[]): Promise<Row[]> {
    if (!this.pool) throw new Error('this database was made without its pool');
    return readInOneTrip<Row>(this.pool, { 'app.tenant_id': requireTenant() }, sql, values);
  }

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
    const names = Object.keys(settings);
    if (names.length === 0) return this.client.$transaction(work, TRANSACTION_OPTIONS);
    const pending: PendingSettings = { settings, applied: false };
    return pendingSettings.run(pending, () =>
      this.client.$transaction(async (tx) => {
        if (pending.applied) return work(tx);
        // One round trip for all settings; values bound as parameters.
        const calls = names
          .map((name, i) => `set_config('${assertSettingName(name)}', $${i + 1}, true)`)
          .join(', ');
        await tx.$queryRawUnsafe(`select ${calls}`, ...names.map((n) => settings[n]));
        return work(tx);
      }, TRANSACTION_OPTIONS),
    );
  }
}
