import { createPgAdapter, TenantDatabase, type InteractiveTransactions } from './tenant-database.js';

interface PrismaLike<Tx> extends InteractiveTransactions<Tx> {
  $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown>;
  $disconnect(): Promise<void>;
}

type PrismaClientClass<C> = new (options: { adapter: ReturnType<typeof createPgAdapter>['adapter'] }) => C;

/**
 * A service's one Prisma client over adapter-pg, with every unit of work going through
 * `database` (tenant transactions).
 */
export class ServiceDatabase<
  C extends PrismaLike<Tx>,
  Tx extends { $queryRawUnsafe(query: string, ...values: unknown[]): Promise<unknown> },
> {
  readonly client: C;
  readonly database: TenantDatabase<Tx>;
  private readonly pool: ReturnType<typeof createPgAdapter>;

  constructor(PrismaClient: PrismaClientClass<C>, databaseUrl: string) {
    this.pool = createPgAdapter(databaseUrl);
    this.client = new PrismaClient({ adapter: this.pool.adapter });
    this.database = new TenantDatabase<Tx>(this.client, this.pool.pool);
  }

  async ping(): Promise<boolean> {
    await this.client.$queryRawUnsafe('select 1');
    return true;
  }

  async close(): Promise<void> {
    this.pool.stopObserving();
    await this.client.$disconnect();
    await this.pool.pool.end();
  }
}
