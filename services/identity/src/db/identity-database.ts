import { ServiceDatabase } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type IdentityTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The identity service's only Prisma client: every unit of work goes through `database`. */
export class IdentityDatabase extends ServiceDatabase<PrismaClient, IdentityTx> {
  constructor(databaseUrl: string) {
    super(PrismaClient, databaseUrl);
  }
}
