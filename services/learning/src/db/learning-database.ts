import { ServiceDatabase } from '@dangjian/kit';
import { PrismaClient } from '../generated/prisma/client.js';

export type LearningTx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** The learning service's only Prisma client: every unit of work goes through `database`. */
export class LearningDatabase extends ServiceDatabase<PrismaClient, LearningTx> {
  constructor(databaseUrl: string) {
    super(PrismaClient, databaseUrl);
  }
}
