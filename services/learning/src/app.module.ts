import { PeriodicJob, type Bus, type RpcClient } from '@dangjian/kit';
import { Module, type DynamicModule } from '@nestjs/common';
import { LearningDatabase } from './db/learning-database.js';
import { HealthHandler } from './health/health.handler.js';
import { carriedHoursConsumer } from './my-learning/carried-hours-consumer.js';
import { CoursesHandler } from './courses/courses.handler.js';
import { CoursesUseCases } from './courses/courses.use-cases.js';
import { DiscussionHandler } from './discussion/discussion.handler.js';
import { DiscussionUseCases } from './discussion/discussion.use-cases.js';
import { ExamsHandler } from './exams/exams.handler.js';
import { ExamsUseCases } from './exams/exams.use-cases.js';
import { MediaHandler } from './media/media.handler.js';
import { PostgresMediaStore } from './media/media-store.js';
import { MediaUseCases } from './media/media.use-cases.js';
import { MyLearningHandler } from './my-learning/my-learning.handler.js';
import { MyLearningUseCases } from './my-learning/my-learning.use-cases.js';
import { meetingAttendanceConsumer } from './points/meeting-attendance-consumer.js';
import { microWishConsumer } from './points/micro-wish-consumer.js';
import { PointsHandler } from './points/points.handler.js';
import { PointsUseCases } from './points/points.use-cases.js';
import { QuestionBanksHandler } from './question-banks/question-banks.handler.js';
import { QuestionBanksUseCases } from './question-banks/question-banks.use-cases.js';
import { Roster } from './study-plans/roster.js';
import { RosterCopy } from './study-plans/roster-copy.js';
import { StudyPlansHandler } from './study-plans/study-plans.handler.js';
import { StudyPlansUseCases } from './study-plans/study-plans.use-cases.js';
import { TrainingEvidenceHandler } from './training-evidence/training-evidence.handler.js';
import { TrainingEvidenceUseCases } from './training-evidence/training-evidence.js';

export interface LearningSettings {
  heartbeatMaxGapSeconds: number;
  handInEveryMs: number;
}

type Worker = { start(): Promise<void>; stop(): Promise<void> };

@Module({})
export class LearningModule {
  /** The module and the service's jobs, sharing one set of use cases. */
  static register(
    db: LearningDatabase,
    rpc: RpcClient,
    settings: LearningSettings,
  ): { module: DynamicModule; consumers: (bus: Bus) => Worker[] } {
    const roster = new Roster(rpc);
    const exams = new ExamsUseCases(db);
    const module: DynamicModule = {
      module: LearningModule,
      // One handler class per resource (and the service's health).
      controllers: [
        CoursesHandler,
        MediaHandler,
        QuestionBanksHandler,
        ExamsHandler,
        StudyPlansHandler,
        MyLearningHandler,
        PointsHandler,
        TrainingEvidenceHandler,
        DiscussionHandler,
        HealthHandler,
      ],
      providers: [
        { provide: CoursesUseCases, useValue: new CoursesUseCases(db) },
        { provide: MediaUseCases, useValue: new MediaUseCases(db, new PostgresMediaStore()) },
        { provide: QuestionBanksUseCases, useValue: new QuestionBanksUseCases(db) },
        { provide: ExamsUseCases, useValue: exams },
        {
          provide: StudyPlansUseCases,
          useValue: new StudyPlansUseCases(db, roster, new RosterCopy(db, rpc)),
        },
        {
          provide: MyLearningUseCases,
          useValue: new MyLearningUseCases(db, roster, { maxGapSeconds: settings.heartbeatMaxGapSeconds }),
        },
        { provide: PointsUseCases, useValue: new PointsUseCases(db) },
        { provide: TrainingEvidenceUseCases, useValue: new TrainingEvidenceUseCases(db) },
        { provide: DiscussionUseCases, useValue: new DiscussionUseCases(db, roster) },
        { provide: LearningDatabase, useValue: db },
      ],
    };
    return {
      module,
      consumers: (bus) => [
        meetingAttendanceConsumer(bus, db),
        microWishConsumer(bus, db),
        carriedHoursConsumer(bus, db),
        // Attempts whose time is up are handed in even when nobody comes back to them.
        new PeriodicJob(
          'exam-hand-in',
          { firstRunAfterMs: settings.handInEveryMs, everyMs: settings.handInEveryMs },
          () => exams.handInExpiredAllTenants(),
        ),
      ],
    };
  }
}
