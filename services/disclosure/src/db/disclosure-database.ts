import { ServiceDatabase } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type DisclosureTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The disclosure service's only Prisma client: every unit of work goes through `database`. */
export class DisclosureDatabase extends ServiceDatabase<PrismaClient, DisclosureTx> {
  constructor(databaseUrl: string) {
    super(PrismaClient, databaseUrl);
  }
}
