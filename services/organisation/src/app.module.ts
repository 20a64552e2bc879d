import { PeriodicJob, TenantKeyRing, type Bus, type RpcClient } from '@dangjian/kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { OrganisationDatabase } from './db/organisation-database.js';
import { ImportJobsUseCases } from './import-jobs/import-jobs.use-cases.js';
import { TrainingEvidenceReader } from './development/training-evidence.js';
import { DevelopmentUseCases } from './development/development.use-cases.js';
import { PublicityUseCases } from './publicity/publicity.use-cases.js';
import { DuesUseCases } from './dues/dues.use-cases.js';
import { SettingsUseCases } from './settings/organisation-settings.js';
import { OrganisationTreeHandler } from './organisations/organisations.handler.js';
import { PositionsHandler } from './positions/positions.handler.js';
import { MembersHandler } from './members/members.handler.js';
import { StatisticsHandler } from './statistics/statistics.handler.js';
import { ThoughtReportsHandler } from './thought-reports/thought-reports.handler.js';
import { DevelopmentHandler } from './development/development.handler.js';
import { PublicityHandler } from './publicity/publicity.handler.js';
import { OrganisationSettingsHandler } from './settings/settings.handler.js';
import { ImportJobsHandler } from './import-jobs/import-jobs.handler.js';
import { DuesHandler } from './dues/dues.handler.js';
import { TransfersHandler } from './transfers/transfers.handler.js';
import { MeetingsHandler } from './meetings/meetings.handler.js';
import { SelfWithdrawalHandler } from './self-withdrawal/self-withdrawal.handler.js';
import { GraduationsHandler } from './graduations/graduations.handler.js';
import { HealthHandler } from './health/health.handler.js';
import { CalendarHandler } from './calendar/calendar.handler.js';
import { MeetingVotesHandler } from './meeting-votes/meeting-votes.handler.js';
import { DuesMonthRunsHandler } from './dues-month-runs/dues-month-runs.handler.js';
import { MemberSpaceHandler } from './member-space/member-space.handler.js';
import { DuesOrdersHandler } from './dues-orders/dues-orders.handler.js';
import { LetterExpiryReminders } from './transfers/letter-expiry-reminders.js';
import { DuesOrdersUseCases } from './dues-orders/dues-orders.use-cases.js';
import { MemberSpaceUseCases } from './member-space/member-space.use-cases.js';
import { MeetingLeaveRequestsHandler } from './meeting-leave-requests/meeting-leave-requests.handler.js';
import { MeetingLeaveRequestsUseCases } from './meeting-leave-requests/meeting-leave-requests.use-cases.js';
import { MeetingVotesUseCases } from './meeting-votes/meeting-votes.use-cases.js';
import { CalendarUseCases } from './calendar/calendar.use-cases.js';
import { MembersUseCases } from './members/members.use-cases.js';
import { StatisticsUseCases } from './statistics/statistics.use-cases.js';
import { ThoughtReportsUseCases } from './thought-reports/thought-reports.use-cases.js';
import { PositionsUseCases } from './positions/positions.use-cases.js';
import { OrganisationsUseCases } from './organisations/organisations.use-cases.js';
import { transferPeerConsumer } from './transfers/transfer-peer-consumer.js';
import { TransfersUseCases } from './transfers/transfers.use-cases.js';
import { MeetingsUseCases } from './meetings/meetings.use-cases.js';
import { MeetingComplianceUseCases } from './meetings/meeting-compliance.use-cases.js';
import { SelfWithdrawalUseCases } from './self-withdrawal/self-withdrawal.use-cases.js';
import { GraduationsUseCases } from './graduations/graduations.use-cases.js';
import { RosterHandler } from './roster/roster.handler.js';
import { RosterUseCases } from './roster/roster.use-cases.js';

/** The self-withdrawal check runs daily; first some minutes after start, so a restart loop does not hammer it. */
const WITHDRAWAL_CHECK_EVERY_MS = 24 * 3_600_000;

/** The dues month is run for every tenant four times a day (issue 14); first some minutes after start. */
const DUES_MONTH_RUN_EVERY_MS = 6 * 3_600_000;

type Worker = { start(): Promise<void>; stop(): Promise<void> };

@Module({})
export class OrganisationModule {
  /** The module and the service's event consumers, sharing one set of use cases. */
  static register(
    db: OrganisationDatabase,
    rpc: RpcClient,
    keyRing: TenantKeyRing,
    jobs: { importResumeEveryMs: number; scheduledJobsFirstAfterMs: number },
  ): { module: DynamicModule; consumers: (bus: Bus) => Worker[] } {
    const daily = { firstRunAfterMs: jobs.scheduledJobsFirstAfterMs, everyMs: WITHDRAWAL_CHECK_EVERY_MS };
    const organisations = new OrganisationsUseCases(db);
    const masterKey = keyRing.masterKeys;
    const transfers = new TransfersUseCases(db, keyRing, masterKey);
    const withdrawal = new SelfWithdrawalUseCases(db);
    const dues = new DuesUseCases(db);
    const duesOrders = new DuesOrdersUseCases(db, keyRing);
    const imports = new ImportJobsUseCases(db, keyRing, organisations);
    const module: DynamicModule = {
      module: OrganisationModule,
      // One handler class per resource (and the service's health); the use cases below are shared.
      controllers: [
        OrganisationTreeHandler,
        PositionsHandler,
        MembersHandler,
        StatisticsHandler,
        ThoughtReportsHandler,
        DevelopmentHandler,
        PublicityHandler,
        OrganisationSettingsHandler,
        ImportJobsHandler,
        DuesHandler,
        TransfersHandler,
        MeetingsHandler,
        SelfWithdrawalHandler,
        GraduationsHandler,
        CalendarHandler,
        MeetingVotesHandler,
        DuesMonthRunsHandler,
        MemberSpaceHandler,
        MeetingLeaveRequestsHandler,
        DuesOrdersHandler,
        RosterHandler,
        HealthHandler,
      ],
      providers: [
        { provide: OrganisationDatabase, useValue: db },
        { provide: OrganisationsUseCases, useValue: organisations },
        { provide: PositionsUseCases, useValue: new PositionsUseCases(db) },
        { provide: MembersUseCases, useValue: new MembersUseCases(db, keyRing) },
        { provide: StatisticsUseCases, useValue: new StatisticsUseCases(db) },
        { provide: ThoughtReportsUseCases, useValue: new ThoughtReportsUseCases(db) },
        {
          provide: DevelopmentUseCases,
          useValue: new DevelopmentUseCases(db, new TrainingEvidenceReader(rpc)),
        },
        { provide: PublicityUseCases, useValue: new PublicityUseCases(db, keyRing) },
        { provide: DuesUseCases, useValue: dues },
        { provide: SettingsUseCases, useValue: new SettingsUseCases(db) },
        { provide: ImportJobsUseCases, useValue: imports },
        { provide: TransfersUseCases, useValue: transfers },
        { provide: MeetingsUseCases, useValue: new MeetingsUseCases(db, masterKey) },
        { provide: CalendarUseCases, useValue: new CalendarUseCases(db) },
        { provide: MeetingVotesUseCases, useValue: new MeetingVotesUseCases(db) },
        { provide: MeetingComplianceUseCases, useValue: new MeetingComplianceUseCases(db) },
        { provide: SelfWithdrawalUseCases, useValue: withdrawal },
        { provide: GraduationsUseCases, useValue: new GraduationsUseCases(db) },
        { provide: MemberSpaceUseCases, useValue: new MemberSpaceUseCases(db, keyRing) },
        { provide: MeetingLeaveRequestsUseCases, useValue: new MeetingLeaveRequestsUseCases(db) },
        { provide: DuesOrdersUseCases, useValue: duesOrders },
        { provide: RosterUseCases, useValue: new RosterUseCases(db) },
      ],
    };
    return {
      module,
      consumers: (bus) => [
        transferPeerConsumer(bus, db, transfers),
        new PeriodicJob('withdrawal-check', daily, () => withdrawal.checkAllTenants()),
        // Online dues orders whose notification has not come: WeChat Pay is asked (decision 0026).
        new PeriodicJob('dues-order-reconcile', { firstRunAfterMs: 60_000, everyMs: 5 * 60_000 }, () =>
          duesOrders.reconcileAllTenants(),
        ),
        // Members whose transfer letter expires within a week are reminded, once (issue 15).
        new PeriodicJob('letter-expiry-reminders', daily, () =>
          new LetterExpiryReminders(db).runAllTenants(),
        ),
        // Every tenant's dues month, so the ledger (and the self-withdrawal check) has its evidence.
        new PeriodicJob(
          'dues-month-run',
          { firstRunAfterMs: jobs.scheduledJobsFirstAfterMs / 2, everyMs: DUES_MONTH_RUN_EVERY_MS },
          () => dues.runAllTenants(),
        ),
        // Imports a restart cut off: nothing a person uploaded waits for them to press 继续.
        new PeriodicJob(
          'import-resume',
          { firstRunAfterMs: jobs.importResumeEveryMs, everyMs: jobs.importResumeEveryMs },
          () => imports.resumeInterrupted(),
        ),
      ],
    };
  }
}
