import { create } from '@bufbuild/protobuf';
import { StudyPlanResultSchema, type StudyPlanResult } from '@dangjian/contracts';
import { chinaToday } from '@dangjian/kit';
import type { LearningTx } from '../db/learning-database.js';
import type { StudyPlan as PlanRow } from '../generated/prisma/client.js';

export const RESULT_STATUSES = ['not_started', 'behind', 'on_track', 'finished'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export interface Learner {
  memberId: string;
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

/** Whose results: a subtree's roster (from the roster copy, decision 0030), or one person. */
export type ResultsOf = { subtreePath: string; audience: string } | { person: Learner };

export interface ResultsWindow {
  statuses: readonly string[];
  offset: number;
  limit: number;
  descending: boolean;
}

/** Every status at nought: counts start here. */
export const noCounts = (): Record<ResultStatus, number> =>
  Object.fromEntries(RESULT_STATUSES.map((s) => [s, 0])) as Record<ResultStatus, number>;

export interface PlanResults {
  results: StudyPlanResult[];
  counts: Record<ResultStatus, number>;
}

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

// Who is on the roll now (active, or mobile while a transfer is under way), by audience; as the
// organisation service's own roster decides it (roster.use-cases.ts there).
const AUDIENCE_WHERE: Record<string, string> = {
  all: `m.development_stage in ('probationary', 'full')`,
  committee: `exists (select 1 from roster_committee_terms t where t.member_id = m.member_id
                and t.starts_on <= $9::date and t.ends_on >= $9::date)`,
  activists: `m.development_stage = 'activist'`,
  candidates: `m.development_stage = 'candidate'`,
};

const SUBTREE_ROSTER = (audience: string) => `
  select m.member_id, m.user_id, m.name, m.organisation_id, o.name as organisation_name, o.path as organisation_path
    from roster_members m join roster_organisations o on o.organisation_id = m.organisation_id
   where o.path like $8 || '%' and m.status in ('active', 'in_transfer') and ${AUDIENCE_WHERE[audience] ?? 'false'}`;

const ONE_PERSON = `
  select $8::uuid as member_id, nullif($9, '')::uuid as user_id, $10::text as name,
         nullif($11, '')::uuid as organisation_id, $12::text as organisation_name, ''::text as organisation_path`;

/**
 * Where each person of a plan's roster stands, in one statement over the roster — so those who never
 * opened a lesson are counted — and the progress and attempts of the plan's period: minutes of the
 * plan's lessons studied, the exam's best outcome, and not started / behind / on track / finished.
 * Behind means less of the hours done than of the period gone. Parameters $1–$7 are the plan's.
 */
const scoredSql = (roster: string) => `
  with roster as (${roster}),
  progress as (
    select p.user_id,
           count(*) filter (where p.completed_at >= $2 and p.completed_at < $3)::int as lessons,
           coalesce(sum(l.study_minutes) filter (where p.completed_at >= $2 and p.completed_at < $3), 0)::int as minutes,
           bool_or(p.started_at < $3) as began
      from lesson_progress p join lessons l on l.id = p.lesson_id
     where p.course_id = any($1::uuid[])
     group by p.user_id),
  sat as (
    select user_id, bool_or(coalesce(passed, false)) as passed, bool_or(status <> 'graded') as grading,
           max(score) as best
      from exam_attempts where exam_id = $4::uuid group by user_id),
  measured as (
    select r.*, coalesce(s.minutes, 0) as earned, coalesce(s.lessons, 0) as lessons, sat.best,
           case when $4::uuid is null then 'not_required' when sat.passed then 'passed'
                when sat.grading then 'grading' when sat.user_id is not null then 'failed' else 'not_taken' end as exam,
           coalesce(s.began, false) or sat.user_id is not null as began
      from roster r
      left join progress s on s.user_id = r.user_id
      left join sat on sat.user_id = r.user_id)
  select *,
         case when earned >= $5 and exam in ('not_required', 'passed') then 'finished'
              when user_id is null or not began then 'not_started'
              when $7 or (case when $5 = 0 then 1 else earned::float8 / $5 end) < $6 then 'behind'
              else 'on_track' end as status
    from measured`;

type ScoredRow = {
  member_id: string;
  user_id: string | null;
  name: string;
  organisation_id: string | null;
  organisation_name: string;
  earned: number;
  lessons: number;
  best: number | null;
  exam: string;
  status: ResultStatus;
};

/** The scored statement for a plan and whose results, with its parameters ($1–$7 the plan's). */
function statementOf(plan: PlanRow, of: ResultsOf, now: Date): { sql: string; values: unknown[] } {
  // The period runs from the first day's midnight to the last day's end, China time.
  const from = new Date(`${dayOf(plan.startsOn)}T00:00:00+08:00`);
  const until = new Date(new Date(`${dayOf(plan.endsOn)}T00:00:00+08:00`).getTime() + DAY_MS);
  const elapsed = Math.min(
    1,
    Math.max(0, (now.getTime() - from.getTime()) / (until.getTime() - from.getTime())),
  );
  const planValues = [
    plan.courseIds,
    from,
    until,
    plan.examId,
    plan.requiredMinutes,
    elapsed,
    chinaToday(now) > dayOf(plan.endsOn),
  ];
  if ('person' in of) {
    const p = of.person;
    return {
      sql: scoredSql(ONE_PERSON),
      values: [...planValues, p.memberId, p.userId, p.name, p.organisationId, p.organisationName],
    };
  }
  // The committee audience reads today as $9; other audiences leave it unused, which Postgres refuses.
  return {
    sql: scoredSql(SUBTREE_ROSTER(of.audience)),
    values: [...planValues, of.subtreePath, ...(of.audience === 'committee' ? [chinaToday(now)] : [])],
  };
}

export async function planResults(
  tx: LearningTx,
  plan: PlanRow,
  of: ResultsOf,
  window: ResultsWindow = { statuses: [], offset: 0, limit: 1, descending: false },
  now = new Date(),
): Promise<PlanResults> {
  const { sql, values: used } = statementOf(plan, of, now);
  // One after another: a transaction's statements share its one connection (and on this machine's two
  // cores each statement runs in parallel already: two at once were no faster).
  const lessonsTotal = await tx.lesson.count({ where: { courseId: { in: plan.courseIds } } });
  const counted = await tx.$queryRawUnsafe<{ status: ResultStatus; count: number }[]>(
    `select status, count(*)::int as count from (${sql}) scored group by status`,
    ...used,
  );
  const rows = await tx.$queryRawUnsafe<ScoredRow[]>(
    `select * from (${sql}) scored
      where cardinality($${used.length + 1}::text[]) = 0 or status = any($${used.length + 1}::text[])
      order by organisation_name ${window.descending ? 'desc' : 'asc'}, name, member_id
      offset $${used.length + 2} limit $${used.length + 3}`,
    ...used,
    window.statuses,
    window.offset,
    window.limit,
  );
  const counts = noCounts();
  for (const row of counted) counts[row.status] = row.count;
  return {
    counts,
    results: rows.map((row) =>
      create(StudyPlanResultSchema, {
        memberId: row.member_id,
        name: row.name,
        organisationId: row.organisation_id ?? '',
        organisationName: row.organisation_name,
        status: row.status,
        earnedMinutes: row.earned,
        requiredMinutes: plan.requiredMinutes,
        lessonsStudied: row.lessons,
        lessonsTotal,
        exam: row.exam,
        ...(row.best !== null ? { examScore: row.best } : {}),
        noLogin: !row.user_id,
      }),
    ),
  };
}

export interface SummaryRow {
  organisationId: string;
  counts: Record<ResultStatus, number>;
}

/**
 * The plan's roster by organisation directly below the subtree's root (its members anywhere below
 * it), and the root's own members under the root's id: the secretary's one-page summary.
 */
export async function planSummary(
  tx: LearningTx,
  plan: PlanRow,
  subtree: { rootId: string; rootPath: string; audience: string },
  now = new Date(),
): Promise<SummaryRow[]> {
  const { sql, values } = statementOf(
    plan,
    { subtreePath: subtree.rootPath, audience: subtree.audience },
    now,
  );
  const rows = await tx.$queryRawUnsafe<{ child: string; status: ResultStatus; count: number }[]>(
    `select split_part(substr(organisation_path, length($8) + 1), '/', 1) as child, status, count(*)::int as count
       from (${sql}) scored group by 1, 2`,
    ...values,
  );
  const byOrganisation = new Map<string, Record<ResultStatus, number>>();
  for (const row of rows) {
    const id = row.child || subtree.rootId;
    const counts = byOrganisation.get(id) ?? noCounts();
    counts[row.status] += row.count;
    byOrganisation.set(id, counts);
  }
  return [...byOrganisation].map(([organisationId, counts]) => ({ organisationId, counts }));
}
