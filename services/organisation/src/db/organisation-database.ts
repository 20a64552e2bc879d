import { asTenantId, ServiceDatabase, type TenantId } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type OrganisationTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The organisation service's only Prisma client: every unit of work goes through `database`. */
export class OrganisationDatabase extends ServiceDatabase<PrismaClient, OrganisationTx> {
  constructor(databaseUrl: string) {
    super(PrismaClient, databaseUrl);
  }

  /**
   * Every tenant with an organisation tree, for the service's own periodic jobs. Readable only
   * through the narrow `organisations_tenant_directory` policy: ids, never another tenant's rows.
   */
  async tenantIds(): Promise<TenantId[]> {
    const rows = await this.database.platform(
      async (tx) =>
        (await tx.$queryRawUnsafe('select distinct tenant_id::text as id from organisations')) as {
          id: string;
        }[],
      { 'app.tenant_directory': 'on' },
    );
    return rows.map((row) => asTenantId(row.id));
  }
}
