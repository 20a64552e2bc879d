import { ServiceDatabase } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type OrganisationTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The organisation service's only Prisma client: every unit of work goes through `database`. */
export class OrganisationDatabase extends ServiceDatabase<PrismaClient, OrganisationTx> {
  constructor(databaseUrl: string) {
    super(PrismaClient, databaseUrl);
  }
}
