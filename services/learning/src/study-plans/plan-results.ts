import { create } from '@bufbuild/protobuf';
import { StudyPlanResultSchema, type StudyPlanResult } from '@dangjian/contracts';
import { chinaToday } from '@dangjian/kit';
import type { LearningTx } from '../db/learning-database.js';
import type { StudyPlan as PlanRow } from '../generated/prisma/client.js';

export const RESULT_STATUSES = ['not_started', 'behind', 'on_track', 'finished'] as const;

interface Learner {
  memberId: string;
  userId: string;
  name: string;
  organisationId: string;
  organisationName: string;
}

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Where each person of a plan's roster stands, computed from the roster — so those who never opened
 * a lesson are counted — and from progress and attempts in the plan's period: minutes of the plan's
 * lessons studied, the exam's best outcome, and not started / behind / on track / finished. Behind
 * means less of the hours done than of the period gone.
 */
export async function planResults(
  tx: LearningTx,
  plan: PlanRow,
  roster: Learner[],
  now = new Date(),
): Promise<StudyPlanResult[]> {
  const userIds = [...new Set(roster.map((r) => r.userId).filter(Boolean))];
  // The period runs from the first day's midnight to the last day's end, China time.
  const from = new Date(`${dayOf(plan.startsOn)}T00:00:00+08:00`);
  const until = new Date(new Date(`${dayOf(plan.endsOn)}T00:00:00+08:00`).getTime() + DAY_MS);
  const lessonsTotal = await tx.lesson.count({ where: { courseId: { in: plan.courseIds } } });
  const studied = userIds.length
    ? ((await tx.$queryRawUnsafe(
        `select p.user_id::text as user_id, count(*)::int as lessons,
                coalesce(sum(l.study_minutes), 0)::int as minutes
           from lesson_progress p join lessons l on l.id = p.lesson_id
          where p.user_id = any($1::uuid[]) and p.course_id = any($2::uuid[])
            and p.completed_at >= $3 and p.completed_at < $4
          group by p.user_id`,
        userIds,
        plan.courseIds,
        from,
        until,
      )) as { user_id: string; lessons: number; minutes: number }[])
    : [];
  const started = userIds.length
    ? ((await tx.$queryRawUnsafe(
        `select distinct user_id::text as user_id from lesson_progress
          where user_id = any($1::uuid[]) and course_id = any($2::uuid[]) and started_at < $3`,
        userIds,
        plan.courseIds,
        until,
      )) as { user_id: string }[])
    : [];
  const attempts =
    plan.examId && userIds.length
      ? await tx.examAttempt.findMany({
          where: { examId: plan.examId, userId: { in: userIds } },
          select: { userId: true, status: true, score: true, passed: true },
        })
      : [];
  const byUser = new Map(studied.map((row) => [row.user_id, row]));
  // By person once, not searched again for each of a large roster.
  const attemptsByUser = new Map<string, typeof attempts>();
  for (const attempt of attempts) {
    const list = attemptsByUser.get(attempt.userId);
    if (list) list.push(attempt);
    else attemptsByUser.set(attempt.userId, [attempt]);
  }
  const startedUsers = new Set([...started.map((row) => row.user_id), ...attempts.map((a) => a.userId)]);
  const elapsed = Math.min(
    1,
    Math.max(0, (now.getTime() - from.getTime()) / (until.getTime() - from.getTime())),
  );
  return roster.map((person) => {
    const mine = byUser.get(person.userId);
    const earned = mine?.minutes ?? 0;
    const myAttempts = (person.userId && attemptsByUser.get(person.userId)) || [];
    const best = myAttempts.reduce<number | undefined>(
      (top, a) => (a.score !== null && (top === undefined || a.score > top) ? a.score : top),
      undefined,
    );
    const exam = !plan.examId
      ? 'not_required'
      : myAttempts.some((a) => a.passed)
        ? 'passed'
        : myAttempts.some((a) => a.status !== 'graded')
          ? 'grading'
          : myAttempts.length > 0
            ? 'failed'
            : 'not_taken';
    const hoursDone = earned >= plan.requiredMinutes;
    const status =
      hoursDone && (exam === 'not_required' || exam === 'passed')
        ? 'finished'
        : !person.userId || !startedUsers.has(person.userId)
          ? 'not_started'
          : (plan.requiredMinutes === 0 ? 1 : earned / plan.requiredMinutes) < elapsed ||
              chinaToday(now) > dayOf(plan.endsOn)
            ? 'behind'
            : 'on_track';
    return create(StudyPlanResultSchema, {
      memberId: person.memberId,
      name: person.name,
      organisationId: person.organisationId,
      organisationName: person.organisationName,
      status,
      earnedMinutes: earned,
      requiredMinutes: plan.requiredMinutes,
      lessonsStudied: mine?.lessons ?? 0,
      lessonsTotal,
      exam,
      ...(best !== undefined ? { examScore: best } : {}),
      noLogin: !person.userId,
    });
  });
}
