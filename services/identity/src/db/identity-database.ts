import { createPgAdapter, TenantDatabase } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type IdentityTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The identity service's only Prisma client: every unit of work goes through `database`. */
export class IdentityDatabase {
  readonly client: PrismaClient;
  readonly database: TenantDatabase<IdentityTx>;

  constructor(databaseUrl: string) {
    this.client = new PrismaClient({ adapter: createPgAdapter(databaseUrl) });
    this.database = new TenantDatabase<IdentityTx>(this.client as never);
  }

  async ping(): Promise<boolean> {
    await this.client.$queryRawUnsafe('select 1');
    return true;
  }

  close(): Promise<void> {
    return this.client.$disconnect();
  }
}
