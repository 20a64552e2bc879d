import { parseMasterKey, PeriodicJob } from '@dangjian/kit';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { OrganisationDatabase } from './db/organisation-database.js';
import { ImportJobsUseCases } from './import/import-jobs.use-cases.js';
import { DevelopmentUseCases } from './development/development.use-cases.js';
import { PublicityUseCases } from './publicity/publicity.use-cases.js';
import { DuesUseCases } from './dues/dues.use-cases.js';
import { SettingsUseCases } from './settings/organisation-settings.js';
import { OrganisationController } from './organisation.controller.js';
import { MembersUseCases } from './members/members.use-cases.js';
import { TenantKeyRing } from './members/tenant-key-ring.js';
import { StatisticsUseCases } from './statistics/statistics.use-cases.js';
import { ThoughtReportsUseCases } from './thought-reports/thought-reports.use-cases.js';
import { PositionsUseCases } from './positions/positions.use-cases.js';
import { OrganisationsUseCases } from './tree/organisations.use-cases.js';
import { transferPeerConsumer } from './transfers/transfer-peer-consumer.js';
import { TransfersUseCases } from './transfers/transfers.use-cases.js';
import { MeetingsUseCases } from './meetings/meetings.use-cases.js';
import { WithdrawalUseCases } from './withdrawal/withdrawal.use-cases.js';
import { GraduationsUseCases } from './graduations/graduations.use-cases.js';

/** The self-withdrawal check runs daily; first ten minutes after start, so a restart loop does not hammer it. */
const WITHDRAWAL_CHECK = { firstRunAfterMs: 10 * 60_000, everyMs: 24 * 3_600_000 };

type Worker = { start(): Promise<void>; stop(): Promise<void> };

@Module({})
export class OrganisationModule {
  /** The module and the service's event consumers, sharing one set of use cases. */
  static register(db: OrganisationDatabase, piiMasterKey: string, jobs: { importResumeEveryMs: number }): { module: DynamicModule; consumers: (nats: NatsConnection) => Worker[] } {
    const keyRing = new TenantKeyRing(piiMasterKey);
    const organisations = new OrganisationsUseCases(db);
    const masterKey = parseMasterKey(piiMasterKey);
    const transfers = new TransfersUseCases(db, keyRing, masterKey);
    const withdrawal = new WithdrawalUseCases(db);
    const imports = new ImportJobsUseCases(db, keyRing, organisations);
    const module: DynamicModule = {
      module: OrganisationModule,
      controllers: [OrganisationController],
      providers: [
        { provide: OrganisationDatabase, useValue: db },
        { provide: OrganisationsUseCases, useValue: organisations },
        { provide: PositionsUseCases, useValue: new PositionsUseCases(db) },
        { provide: MembersUseCases, useValue: new MembersUseCases(db, keyRing) },
        { provide: StatisticsUseCases, useValue: new StatisticsUseCases(db) },
        { provide: ThoughtReportsUseCases, useValue: new ThoughtReportsUseCases(db) },
        { provide: DevelopmentUseCases, useValue: new DevelopmentUseCases(db) },
        { provide: PublicityUseCases, useValue: new PublicityUseCases(db) },
        { provide: DuesUseCases, useValue: new DuesUseCases(db) },
        { provide: SettingsUseCases, useValue: new SettingsUseCases(db) },
        { provide: ImportJobsUseCases, useValue: imports },
        { provide: TransfersUseCases, useValue: transfers },
        { provide: MeetingsUseCases, useValue: new MeetingsUseCases(db, masterKey) },
        { provide: WithdrawalUseCases, useValue: withdrawal },
        { provide: GraduationsUseCases, useValue: new GraduationsUseCases(db) },
      ],
    };
    return {
      module,
      consumers: (nats) => [
        transferPeerConsumer(nats, db, transfers),
        new PeriodicJob('withdrawal-check', WITHDRAWAL_CHECK, () => withdrawal.checkAllTenants()),
        // Imports a restart cut off: nothing a person uploaded waits for them to press 继续.
        new PeriodicJob('import-resume', { firstRunAfterMs: jobs.importResumeEveryMs, everyMs: jobs.importResumeEveryMs }, () => imports.resumeInterrupted()),
      ],
    };
  }
}
