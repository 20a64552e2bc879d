import { PrismaPg } from '@prisma/adapter-pg';
import { requireTenant, type TenantId } from '../context/request-context.js';

/** The part of a generated PrismaClient this module relies on. */
export interface InteractiveTransactions<Tx> {
  $transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T>;
}

interface RawQueries {
  $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
}

export function createPgAdapter(connectionString: string, maxConnections = 10): PrismaPg {
  return new PrismaPg({ connectionString, max: maxConnections });
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
