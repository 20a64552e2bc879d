import { create } from '@bufbuild/protobuf';
import {
  GetMyStudyHoursResponseSchema,
  MyCourseSchema,
  MyPlanSchema,
  RecordLessonHeartbeatResponseSchema,
  type GetMyCourseResponse,
  type GetMyStudyHoursResponse,
  type MyCourse,
  type RecordLessonHeartbeatRequest,
  type RecordLessonHeartbeatResponse,
} from '@dangjian/contracts';
import {
  isUuid,
  NotFoundError,
  requirePrincipal,
  requireRole,
  requireTenant,
  Validator,
} from '@dangjian/kit';
import { lessonsOf, toCourseMessage, toLessonMessage } from '../courses/courses.use-cases.js';
import type { LearningDatabase } from '../db/learning-database.js';
import { grantForStudy } from '../points/points-ledger.js';
import { planResults } from '../study-plans/plan-results.js';
import { inAudience, type Roster } from '../study-plans/roster.js';
import { studyPlanMessage } from '../study-plans/study-plans.use-cases.js';
import { progressMessage, recordHeartbeat } from './lesson-heartbeats.js';
import { MyExams } from './my-exams.js';

/** Everyone of the tenant studies: members, and staff in their own space. */
const LEARNERS = ['tenant-admin', 'secretary', 'inspector', 'member'] as const;

/** 党员e家 · 学习: the caller's own courses, progress, hours, plans and exams (by login, never by id). */
export class MyLearningUseCases {
  readonly exams: MyExams;

  constructor(
    private readonly db: LearningDatabase,
    private readonly roster: Roster,
    private readonly heartbeat: { maxGapSeconds: number },
  ) {
    this.exams = new MyExams(db);
  }

  /** The caller may learn here; the tenant they learn in. */
  learner() {
    requireRole(...LEARNERS);
    return { tenantId: requireTenant(), userId: requirePrincipal().userId };
  }

  courses(): Promise<MyCourse[]> {
    const { tenantId, userId } = this.learner();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const rows = await tx.course.findMany({
        include: { _count: { select: { lessons: true } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      });
      const studied = await tx.lessonProgress.groupBy({
        by: ['courseId'],
        where: { userId, completedAt: { not: null } },
        _count: { _all: true },
      });
      const byCourse = new Map(studied.map((s) => [s.courseId, s._count._all]));
      return rows
        .filter((row) => row._count.lessons > 0)
        .map((row) =>
          create(MyCourseSchema, { course: toCourseMessage(row), lessonsStudied: byCourse.get(row.id) ?? 0 }),
        );
    });
  }

  course(id: string): Promise<Omit<GetMyCourseResponse, '$typeName'>> {
    const { tenantId, userId } = this.learner();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = isUuid(id)
        ? await tx.course.findUnique({ where: { id }, include: { _count: { select: { lessons: true } } } })
        : null;
      if (!row) throw new NotFoundError('course', id);
      const lessons = await lessonsOf(tx, row.id);
      const progress = await tx.lessonProgress.findMany({ where: { courseId: row.id, userId } });
      return {
        course: toCourseMessage(row),
        lessons: lessons.map(toLessonMessage),
        progress: progress.map(progressMessage),
      };
    });
  }

  async beat(request: RecordLessonHeartbeatRequest): Promise<RecordLessonHeartbeatResponse> {
    const { tenantId, userId } = this.learner();
    new Validator()
      .check(isUuid(request.lessonId), 'lessonId', 'not_an_id')
      .check(/^[A-Za-z0-9_-]{8,64}$/.test(request.sessionId), 'sessionId', 'bad_format')
      .check(
        request.positionSeconds === undefined ||
          (Number.isFinite(request.positionSeconds) &&
            request.positionSeconds >= 0 &&
            request.positionSeconds <= 86_400),
        'positionSeconds',
        'number_between',
        { min: 0, max: 86400 },
      )
      .throwIfInvalid();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const lesson = await tx.lesson.findUnique({ where: { id: request.lessonId } });
      // A lesson is studied in a course the member can open (a catalogue course taken back is not).
      const open = lesson && (await tx.course.count({ where: { id: lesson.courseId } })) > 0;
      if (!lesson || !open) throw new NotFoundError('lesson', request.lessonId);
      const { row, credited } = await recordHeartbeat(
        tx,
        {
          tenantId,
          userId,
          lesson,
          sessionId: request.sessionId,
          active: request.active,
          positionSeconds: request.positionSeconds,
        },
        this.heartbeat.maxGapSeconds,
      );
      await grantForStudy(
        tx,
        { tenantId, userId },
        {
          lessonId: lesson.id,
          lessonKind: lesson.kind,
          credited,
          dwellBefore: row.dwellSeconds - credited,
          dwellAfter: row.dwellSeconds,
        },
      );
      return create(RecordLessonHeartbeatResponseSchema, {
        progress: progressMessage(row),
        creditedSeconds: credited,
        nextBeatSeconds: Math.max(1, Math.floor(this.heartbeat.maxGapSeconds / 2)),
      });
    });
  }

  /**
   * 我的学时: minutes of lessons studied in the year (China time), the plans meant for the caller that
   * run in it, and where they stand in each. Progress is kept by login, so a move to another branch
   * keeps it; a transfer from another tenant brings the minutes earned there.
   */
  async studyHours(year: number): Promise<GetMyStudyHoursResponse> {
    const { tenantId, userId } = this.learner();
    new Validator()
      .check(Number.isInteger(year) && year >= 2000 && year <= 2100, 'year', 'not_a_year', {
        min: 2000,
        max: 2100,
      })
      .throwIfInvalid();
    const placement = await this.roster.myPlacement();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [earned] = (await tx.$queryRawUnsafe(
        `select coalesce(sum(l.study_minutes), 0)::int as minutes
           from lesson_progress p join lessons l on l.id = p.lesson_id
          where p.user_id = $1::uuid and p.completed_at >= $2 and p.completed_at < $3`,
        userId,
        new Date(`${year}-01-01T00:00:00+08:00`),
        new Date(`${year + 1}-01-01T00:00:00+08:00`),
      )) as { minutes: number }[];
      // Hours earned in another tenant before a transfer stay the member's (carried-hours-consumer.ts).
      const carried = await tx.carriedStudyMinutes.aggregate({
        where: { userId, year },
        _sum: { minutes: true },
      });
      const carriedMinutes = carried._sum.minutes ?? 0;
      const plans = placement.hasRecord
        ? (
            await tx.studyPlan.findMany({
              where: {
                organisationId: { in: placement.organisationPathIds },
                startsOn: { lte: new Date(`${year}-12-31`) },
                endsOn: { gte: new Date(`${year}-01-01`) },
              },
              orderBy: { startsOn: 'asc' },
            })
          ).filter((plan) => inAudience(plan.audience, placement))
        : [];
      const me = {
        memberId: placement.memberId,
        userId,
        name: placement.name,
        organisationId: placement.organisationPathIds.at(-1) ?? '',
        organisationName: '',
      };
      const mine = [];
      for (const plan of plans) {
        const {
          results: [result],
        } = await planResults(tx, plan, { person: me });
        mine.push(create(MyPlanSchema, { studyPlan: studyPlanMessage(plan), result }));
      }
      return create(GetMyStudyHoursResponseSchema, {
        year,
        earnedMinutes: (earned?.minutes ?? 0) + carriedMinutes,
        carriedMinutes,
        requiredMinutes: plans.reduce((sum, plan) => sum + plan.requiredMinutes, 0),
        plans: mine,
      });
    });
  }
}
