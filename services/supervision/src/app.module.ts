import { PeriodicJob, TenantKeyRing, type RpcClient } from '@dangjian/kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { AppealSettingsUseCases, KeptCategories } from './appeals/appeal-settings.js';
import { AppealsHandler } from './appeals/appeals.handler.js';
import { AppealsUseCases } from './appeals/appeals.use-cases.js';
import { BallotsHandler } from './ballots/ballots.handler.js';
import { BallotsUseCases } from './ballots/ballots.use-cases.js';
import { SupervisionDatabase } from './db/supervision-database.js';
import { HealthHandler } from './health/health.handler.js';
import { MicroWishesHandler } from './micro-wishes/micro-wishes.handler.js';
import { MicroWishesUseCases } from './micro-wishes/micro-wishes.use-cases.js';
import { ReportsHandler } from './reports/reports.handler.js';
import { ReportsUseCases } from './reports/reports.use-cases.js';
import { AppealWatchUseCases } from './sentiment-alerts/appeal-watch.use-cases.js';
import { SentimentAlertsHandler } from './sentiment-alerts/sentiment-alerts.handler.js';
import { Tree } from './shared/tree.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

@Module({})
export class SupervisionModule {
  /** The module and the service's daily jobs, sharing one set of use cases. */
  static register(
    db: SupervisionDatabase,
    rpc: RpcClient,
    keyRing: TenantKeyRing,
    options: { scheduledJobsFirstAfterMs: number },
  ): { module: DynamicModule; jobs: PeriodicJob[] } {
    const tree = new Tree(rpc);
    const kept = new KeptCategories();
    const appeals = new AppealsUseCases(db, tree, keyRing, kept);
    const reports = new ReportsUseCases(db, tree, keyRing);
    const watch = new AppealWatchUseCases(db, tree);
    const daily = { firstRunAfterMs: options.scheduledJobsFirstAfterMs, everyMs: DAY_MS };
    const module: DynamicModule = {
      module: SupervisionModule,
      // One handler class per resource (and the service's health).
      controllers: [
        AppealsHandler,
        ReportsHandler,
        MicroWishesHandler,
        BallotsHandler,
        SentimentAlertsHandler,
        HealthHandler,
      ],
      providers: [
        { provide: AppealsUseCases, useValue: appeals },
        { provide: AppealSettingsUseCases, useValue: new AppealSettingsUseCases(db, kept) },
        { provide: ReportsUseCases, useValue: reports },
        { provide: AppealWatchUseCases, useValue: watch },
        { provide: MicroWishesUseCases, useValue: new MicroWishesUseCases(db, tree, keyRing) },
        { provide: BallotsUseCases, useValue: new BallotsUseCases(db, tree, rpc) },
        { provide: SupervisionDatabase, useValue: db },
      ],
    };
    return {
      module,
      jobs: [
        new PeriodicJob('appeals-close-unanswered', daily, () => appeals.closeUnansweredInAllTenants()),
        new PeriodicJob('reports-retention', daily, () => reports.eraseExpiredInAllTenants()),
        // Reminders, escalations and sentiment alerts within the hour they fall due.
        new PeriodicJob(
          'appeal-watch',
          { firstRunAfterMs: options.scheduledJobsFirstAfterMs, everyMs: HOUR_MS },
          () => watch.watchAllTenants(),
        ),
      ],
    };
  }
}
