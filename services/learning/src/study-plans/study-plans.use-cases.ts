import { create } from '@bufbuild/protobuf';
import {
  GetStudyPlanResultsResponseSchema,
  GetStudyPlanSummaryResponseSchema,
  StudyPlanSummaryRowSchema,
  type GetStudyPlanSummaryResponse,
  StudyPlanSchema,
  SortOrder,
  type CreateStudyPlanRequest,
  type GetStudyPlanResultsRequest,
  type GetStudyPlanResultsResponse,
  type ListStudyPlansRequest,
  type StudyPlan,
} from '@dangjian/contracts';
import {
  dateColumn,
  isCalendarDate,
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  requireTenant,
  ValidationError,
  Validator,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningDatabase, LearningTx } from '../db/learning-database.js';
import type { StudyPlan as PlanRow } from '../generated/prisma/client.js';
import { LEARNING_AUTHORS } from '../question-banks/question-banks.use-cases.js';
import { noCounts, planResults, planSummary, RESULT_STATUSES } from './plan-results.js';
import type { Roster } from './roster.js';
import type { RosterCopy } from './roster-copy.js';

export const AUDIENCES = ['all', 'committee', 'activists', 'candidates'] as const;

export function studyPlanMessage(row: PlanRow): StudyPlan {
  return create(StudyPlanSchema, {
    id: row.id,
    name: row.name,
    organisationId: row.organisationId,
    audience: row.audience,
    startsOn: row.startsOn.toISOString().slice(0, 10),
    endsOn: row.endsOn.toISOString().slice(0, 10),
    requiredMinutes: row.requiredMinutes,
    courseIds: row.courseIds,
    examId: row.examId ?? '',
    createdAt: row.createdAt.toISOString(),
  });
}

/** 学习计划: set for a subtree and an audience; its results come from the roster (who has not started). */
export class StudyPlansUseCases {
  constructor(
    private readonly db: LearningDatabase,
    private readonly roster: Roster,
    private readonly rosterCopy: RosterCopy,
  ) {}

  async create(request: CreateStudyPlanRequest): Promise<StudyPlan> {
    const principal = requireRole(...LEARNING_AUTHORS);
    const name = request.name.trim();
    new Validator()
      .check(name.length >= 1 && name.length <= 100, 'name', 'length_between', { min: 1, max: 100 })
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check((AUDIENCES as readonly string[]).includes(request.audience), 'audience', 'not_one_of', {
        allowed: AUDIENCES.join(', '),
      })
      .check(isCalendarDate(request.startsOn), 'startsOn', 'not_a_date')
      .check(isCalendarDate(request.endsOn), 'endsOn', 'not_a_date')
      .check(
        request.requiredMinutes >= 0 && request.requiredMinutes <= 60_000,
        'requiredMinutes',
        'number_between',
        { min: 0, max: 60000 },
      )
      .check(
        request.courseIds.length >= 1 &&
          request.courseIds.length <= 50 &&
          request.courseIds.every(isUuid) &&
          new Set(request.courseIds).size === request.courseIds.length,
        'courseIds',
        'not_ids',
      )
      .check(request.examId === '' || isUuid(request.examId), 'examId', 'not_an_id')
      .throwIfInvalid();
    if (request.endsOn < request.startsOn)
      throw ValidationError.of('endsOn', 'not_after_start', { start: request.startsOn });
    // The organisation must be one the caller may plan for: reading its roster checks that (404, 403).
    await this.roster.mayRead(request.organisationId, request.audience);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const courses = await tx.course.count({ where: { id: { in: request.courseIds } } });
      if (courses !== request.courseIds.length) throw ValidationError.of('courseIds', 'not_ids');
      if (request.examId && !(await tx.exam.findUnique({ where: { id: request.examId } })))
        throw new NotFoundError('exam', request.examId);
      return studyPlanMessage(
        await tx.studyPlan.create({
          data: {
            id: randomUUID(),
            tenantId,
            name,
            organisationId: request.organisationId,
            audience: request.audience,
            startsOn: dateColumn(request.startsOn),
            endsOn: dateColumn(request.endsOn),
            requiredMinutes: request.requiredMinutes,
            courseIds: request.courseIds,
            examId: request.examId || null,
            createdBy: principal.userId,
          },
        }),
      );
    });
  }

  async get(id: string): Promise<StudyPlan> {
    requireRole(...LEARNING_AUTHORS);
    return this.db.database.inRequestTenant(async (tx) => studyPlanMessage(await this.findPlan(tx, id)));
  }

  async list(request: ListStudyPlansRequest): Promise<{ studyPlans: StudyPlan[]; total: number }> {
    requireRole(...LEARNING_AUTHORS);
    const { skip, take } = pageWindow(request.page);
    return this.db.database.inRequestTenant(async (tx) => {
      const where = request.query ? { name: { contains: request.query } } : {};
      const [rows, total] = await Promise.all([
        tx.studyPlan.findMany({
          where,
          orderBy: [{ startsOn: request.page?.sortOrder === SortOrder.ASC ? 'asc' : 'desc' }, { id: 'asc' }],
          skip,
          take,
        }),
        tx.studyPlan.count({ where }),
      ]);
      return { studyPlans: rows.map(studyPlanMessage), total };
    });
  }

  /** Everyone the plan is for, each with where they stand; the counts are of the whole roster. */
  async results(request: GetStudyPlanResultsRequest): Promise<GetStudyPlanResultsResponse> {
    requireRole(...LEARNING_AUTHORS);
    new Validator()
      .check(
        request.statuses.every((s) => (RESULT_STATUSES as readonly string[]).includes(s)),
        'statuses',
        'not_one_of',
        { allowed: RESULT_STATUSES.join(', ') },
      )
      .throwIfInvalid();
    const { skip: offset, take: limit } = pageWindow(request.page);
    const { pending, value } = await this.onPlanRoster(request.id, (tx, plan, rootPath) =>
      planResults(
        tx,
        plan,
        { subtreePath: rootPath, audience: plan.audience },
        { statuses: request.statuses, offset, limit, descending: request.page?.sortOrder === SortOrder.DESC },
      ),
    );
    const { results, counts } = value ?? { results: [], counts: noCounts() };
    const asked = request.statuses.length ? request.statuses : RESULT_STATUSES;
    return create(GetStudyPlanResultsResponseSchema, {
      results,
      notStarted: counts.not_started,
      behind: counts.behind,
      onTrack: counts.on_track,
      finished: counts.finished,
      rosterPending: pending,
      total: asked.reduce((sum, status) => sum + (counts[status as keyof typeof counts] ?? 0), 0),
    });
  }

  /** The one-page summary: the plan's roster by organisation directly below the plan's own. */
  async summary(id: string): Promise<GetStudyPlanSummaryResponse> {
    requireRole(...LEARNING_AUTHORS);
    const { plan, pending, value } = await this.onPlanRoster(id, async (tx, plan, rootPath) => {
      const summary = await planSummary(tx, plan, {
        rootId: plan.organisationId,
        rootPath,
        audience: plan.audience,
      });
      const names = await tx.rosterOrganisation.findMany({
        where: { organisationId: { in: summary.map((row) => row.organisationId) } },
        select: { organisationId: true, name: true },
      });
      const byId = new Map(names.map((n) => [n.organisationId, n.name]));
      // The plan's own organisation first, then those below it by name.
      return summary
        .map((row) => ({ ...row, name: byId.get(row.organisationId) ?? '' }))
        .sort((a, b) =>
          a.organisationId === plan.organisationId
            ? -1
            : b.organisationId === plan.organisationId
              ? 1
              : a.name.localeCompare(b.name, 'zh-CN'),
        );
    });
    const rows = value ?? [];
    return create(GetStudyPlanSummaryResponseSchema, {
      studyPlan: studyPlanMessage(plan),
      rosterPending: pending,
      rows: rows.map((row) =>
        create(StudyPlanSummaryRowSchema, {
          organisationId: row.organisationId,
          organisationName: row.name,
          notStarted: row.counts.not_started,
          behind: row.counts.behind,
          onTrack: row.counts.on_track,
          finished: row.counts.finished,
        }),
      ),
    });
  }

  /**
   * Work over a plan's roster: the organisation service decides who may read the subtree (a secretary
   * only their own), the copy is brought up to date (decision 0030), and the work runs over it — not at
   * all when the plan's organisation has gone (dissolved, removed: nobody is left on its roster).
   */
  private async onPlanRoster<T>(
    id: string,
    work: (tx: LearningTx, plan: PlanRow, rootPath: string) => Promise<T>,
  ): Promise<{ plan: PlanRow; pending: boolean; value: T | undefined }> {
    const plan = await this.db.database.inRequestTenant((tx) => this.findPlan(tx, id));
    await this.roster.mayRead(plan.organisationId, plan.audience);
    const { pending } = await this.rosterCopy.catchUp();
    const value = await this.db.database.inRequestTenant(async (tx) => {
      const [root] = await tx.$queryRawUnsafe<{ path: string }[]>(
        `select path from roster_organisations where organisation_id = $1::uuid`,
        plan.organisationId,
      );
      if (!root) return undefined;
      // Statements over a million roster rows hash their joins in memory, not on disk.
      await tx.$executeRawUnsafe(`set local work_mem = '64MB'`);
      return work(tx, plan, root.path);
    });
    return { plan, pending, value };
  }

  private async findPlan(tx: LearningTx, id: string): Promise<PlanRow> {
    const row = isUuid(id) ? await tx.studyPlan.findUnique({ where: { id } }) : null;
    if (!row) throw new NotFoundError('study plan', id);
    return row;
  }
}
