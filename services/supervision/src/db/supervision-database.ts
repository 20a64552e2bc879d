import { asTenantId, ServiceDatabase, type TenantId } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type SupervisionTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The supervision service's only Prisma client: every unit of work goes through `database`. */
export class SupervisionDatabase extends ServiceDatabase<PrismaClient, SupervisionTx> {
  constructor(databaseUrl: string) {
    super(PrismaClient, databaseUrl);
  }

  /**
   * Every tenant with appeals or reports, for the service's daily jobs. Readable only through the
   * narrow `*_tenant_directory` policies: the job selects tenant ids, never another tenant's rows.
   */
  async tenantIds(): Promise<TenantId[]> {
    const rows = await this.database.platform(
      async (tx) =>
        (await tx.$queryRawUnsafe(
          'select tenant_id::text as id from appeals union select tenant_id::text from reports',
        )) as { id: string }[],
      { 'app.tenant_directory': 'on' },
    );
    return rows.map((row) => asTenantId(row.id));
  }
}
