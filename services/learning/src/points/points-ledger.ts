import { chinaToday, dateColumn } from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { LearningTx } from '../db/learning-database.js';
import { DEFAULT_RULES, multiplierOn, type PointsAction, type Rule, type Window } from './points-rules.js';

/*
 * Granting points, inside the transaction of what earned them (a heartbeat, a hand-in, a grading), so
 * a grant is never lost nor made twice: each names its source under a unique key, and one person's
 * grants take turns (an advisory lock) so a daily cap holds when two devices study at once.
 */

export interface PointsTable {
  version: number;
  enabled: boolean;
  rankingEnabled: boolean;
  rules: Rule[];
  windows: Window[];
  updatedAt?: Date;
}

/** The table in force: the newest version, or the defaults, off, before a tenant saves one. */
export async function currentTable(tx: LearningTx): Promise<PointsTable> {
  const row = await tx.pointsRuleTable.findFirst({ orderBy: { version: 'desc' } });
  if (!row) return { version: 0, enabled: false, rankingEnabled: false, rules: DEFAULT_RULES, windows: [] };
  return {
    version: row.version,
    enabled: row.enabled,
    rankingEnabled: row.rankingEnabled,
    rules: row.rules as unknown as Rule[],
    windows: row.windows as unknown as Window[],
    updatedAt: row.createdAt,
  };
}

interface Learner {
  tenantId: string;
  userId: string;
}

async function lockPerson(tx: LearningTx, who: Learner): Promise<void> {
  await tx.$executeRawUnsafe(
    `select pg_advisory_xact_lock(hashtextextended('points:' || $1 || ':' || $2, 0))`,
    who.tenantId,
    who.userId,
  );
}

/** How many grants of an action the person had on the day. */
function grantedToday(tx: LearningTx, who: Learner, action: string, day: string): Promise<number> {
  return tx.pointsAward.count({ where: { userId: who.userId, action, day: dateColumn(day) } });
}

/** One grant per source, each the rule's points times the day's multiplier. */
async function grant(
  tx: LearningTx,
  who: Learner,
  table: PointsTable,
  rule: Rule,
  day: string,
  sources: string[],
) {
  if (sources.length === 0) return;
  const points = rule.points * multiplierOn(day, table.windows);
  await tx.pointsAward.createMany({
    data: sources.map((source) => ({
      id: randomUUID(),
      tenantId: who.tenantId,
      userId: who.userId,
      action: rule.action,
      source,
      day: dateColumn(day),
      points,
      ruleVersion: table.version,
    })),
    skipDuplicates: true,
  });
}

/** How many more grants of a rule the daily cap allows, after `done` today (caps count base points). */
const roomUnderCap = (rule: Rule, done: number) =>
  rule.dailyCap === 0 ? Infinity : Math.max(0, Math.floor(rule.dailyCap / rule.points) - done);

/**
 * A heartbeat's points: per so many minutes of active study today (reading or watching), and once per
 * lesson when its active time first reaches the rule's minimum dwell.
 */
export async function grantForStudy(
  tx: LearningTx,
  who: Learner,
  study: { lessonId: string; lessonKind: string; credited: number; dwellBefore: number; dwellAfter: number },
  now = new Date(),
): Promise<void> {
  if (study.credited <= 0) return;
  const table = await currentTable(tx);
  if (!table.enabled) return;
  const watching = study.lessonKind === 'video' || study.lessonKind === 'audio';
  const day = chinaToday(now);
  await lockPerson(tx, who);
  const [row] = (await tx.$queryRawUnsafe(
    `insert into daily_study_seconds (tenant_id, user_id, day, kind, seconds)
     values ($1::uuid, $2::uuid, $3::date, $4, $5)
     on conflict (tenant_id, user_id, day, kind) do update set seconds = daily_study_seconds.seconds + excluded.seconds
     returning seconds`,
    who.tenantId,
    who.userId,
    day,
    watching ? 'watching' : 'reading',
    study.credited,
  )) as { seconds: number }[];
  const rule = (action: PointsAction) => table.rules.find((r) => r.action === action);

  const timeRule = rule(watching ? 'watching_time' : 'reading_time');
  if (timeRule) {
    const done = await grantedToday(tx, who, timeRule.action, day);
    const earned = Math.floor(row!.seconds / (timeRule.perMinutes * 60));
    const due = Math.min(earned - done, roomUnderCap(timeRule, done));
    // Each block of the day is its own source ("2026-11-30#3"), so a block is granted once.
    await grant(
      tx,
      who,
      table,
      timeRule,
      day,
      Array.from({ length: Math.max(0, due) }, (_, k) => `${day}#${done + k + 1}`),
    );
  }

  const lessonRule = rule(watching ? 'lesson_watched' : 'lesson_read');
  // Once per lesson, on the beat that takes its active time past the rule's minimum dwell.
  const threshold = Math.max(lessonRule?.minDwellSeconds ?? 0, 1);
  if (lessonRule && study.dwellBefore < threshold && study.dwellAfter >= threshold) {
    if (roomUnderCap(lessonRule, await grantedToday(tx, who, lessonRule.action, day)) > 0)
      await grant(tx, who, table, lessonRule, day, [study.lessonId]);
  }
}

/** An exam passed, once per exam whatever the attempts. */
export async function grantForExamPassed(tx: LearningTx, who: Learner, examId: string, now = new Date()) {
  const table = await currentTable(tx);
  const rule = table.rules.find((r) => r.action === 'exam_passed');
  if (!table.enabled || !rule) return;
  const day = chinaToday(now);
  await lockPerson(tx, who);
  if (roomUnderCap(rule, await grantedToday(tx, who, rule.action, day)) > 0)
    await grant(tx, who, table, rule, day, [examId]);
}

/**
 * A meeting attended (the organisation service's record, over the bus): granted once on the meeting's
 * own China day, and taken back when the record is corrected to absent or excused.
 */
export async function grantForMeeting(
  tx: LearningTx,
  who: Learner,
  meeting: { meetingId: string; heldOn: string; present: boolean },
) {
  if (!meeting.present) {
    await tx.pointsAward.deleteMany({
      where: { userId: who.userId, action: 'meeting_attended', source: meeting.meetingId },
    });
    return;
  }
  const table = await currentTable(tx);
  const rule = table.rules.find((r) => r.action === 'meeting_attended');
  if (!table.enabled || !rule) return;
  await lockPerson(tx, who);
  if (roomUnderCap(rule, await grantedToday(tx, who, rule.action, meeting.heldOn)) > 0)
    await grant(tx, who, table, rule, meeting.heldOn, [meeting.meetingId]);
}

/** A micro-wish the member fulfilled and the resident confirmed (issue 18): points once per wish. */
export async function grantForMicroWish(
  tx: LearningTx,
  who: Learner,
  wish: { wishId: string; confirmedOn: string },
) {
  const table = await currentTable(tx);
  const rule = table.rules.find((r) => r.action === 'micro_wish_fulfilled');
  if (!table.enabled || !rule) return;
  await lockPerson(tx, who);
  if (roomUnderCap(rule, await grantedToday(tx, who, rule.action, wish.confirmedOn)) > 0)
    await grant(tx, who, table, rule, wish.confirmedOn, [wish.wishId]);
}
