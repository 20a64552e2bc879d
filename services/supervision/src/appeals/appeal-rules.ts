import { addDays, isChinaWorkingDay, workingDaysFrom } from '@dangjian/kit';

/**
 * 诉求 (rules.md §7) as pure rules: deadlines in working days, the 60-day limit and its one extension,
 * the escalation ladder up the tree, and which step applies in which state.
 */
export const APPEAL_STATUSES = ['received', 'handling', 'resolved', 'closed', 'not_accepted'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const STAFF_ACTIONS = [
  'receive',
  'hand_over',
  'extend',
  'resolve',
  'not_accept',
  'close',
  'call_back',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;

/** 《信访工作条例》(2022) art. 32–33: concluded within 60 days, extended once by at most 30. */
export const LIMIT_DAYS = 60;
export const MAX_EXTENSION_DAYS = 30;

/**
 * The day an appeal is due: `days` working days counted from the day after it was received (0 is
 * the same day), never after its limit.
 */
export function dueOn(receivedOn: string, days: number, limitOn: string): string {
  const due = days === 0 ? receivedOn : workingDaysFrom(addDays(receivedOn, 1), days).endsOn;
  return due < limitOn ? due : limitOn;
}

export const limitOn = (receivedOn: string) => addDays(receivedOn, LIMIT_DAYS);

/** Working days from the day after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: string, to: string): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isChinaWorkingDay(day)) count += 1;
  return count;
}

const OPEN: readonly string[] = ['received', 'handling'];

export interface Timing {
  overdue: boolean;
  dueSoon: boolean;
  /** How far up the tree it has climbed: one level for each working day overdue. */
  escalationLevel: number;
}

/**
 * Where an open appeal stands today. It is due soon on its last day and the working day before
 * (the reminder); overdue from the day after; each working day overdue takes it one organisation
 * further up the tree (督办), to the root at most — the tree is the escalation ladder.
 */
export function timing(status: string, due: string, today: string, ladderHeight: number): Timing {
  if (!OPEN.includes(status)) return { overdue: false, dueSoon: false, escalationLevel: 0 };
  if (today > due) {
    const level = Math.max(1, workingDaysAfter(due, today));
    return { overdue: true, dueSoon: false, escalationLevel: Math.min(level, ladderHeight) };
  }
  const nextWorkingDay = (() => {
    let day = addDays(today, 1);
    while (!isChinaWorkingDay(day)) day = addDays(day, 1);
    return day;
  })();
  return { overdue: false, dueSoon: due <= nextWorkingDay, escalationLevel: 0 };
}

export interface AppealState {
  status: string;
  extendedDays: number;
  satisfaction: string | null;
  /** A resolved appeal whose citizen has had the tenant's days to answer. */
  waitedForCitizen: boolean;
}

/** The staff steps that apply to an appeal as it stands (who may take them is decided elsewhere). */
export function staffActions(state: AppealState): StaffAction[] {
  switch (state.status) {
    case 'received':
      return ['receive', 'hand_over', 'not_accept'];
    case 'handling':
      return ['hand_over', ...(state.extendedDays === 0 ? (['extend'] as const) : []), 'resolve'];
    case 'resolved':
      return state.waitedForCitizen ? ['close'] : [];
    case 'closed':
      return state.satisfaction === null ? ['call_back'] : [];
    default:
      return [];
  }
}

/** The status a staff step leads to. */
export function afterStaffAction(status: string, action: StaffAction): string {
  switch (action) {
    case 'receive':
      return 'handling';
    case 'hand_over':
      return 'received';
    case 'resolve':
      return 'resolved';
    case 'not_accept':
      return 'not_accepted';
    case 'close':
      return 'closed';
    default:
      return status;
  }
}

/** The citizen's answers: only to a resolved appeal. */
export const citizenActions = (status: string): ('confirm' | 'reopen')[] =>
  status === 'resolved' ? ['confirm', 'reopen'] : [];

/** Character pairs of a title, for "the same topic" (Chinese has no spaces to split words by). */
function bigrams(text: string): Set<string> {
  const clean = text.replace(/[\s\p{P}]/gu, '');
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < clean.length; i++) pairs.add(clean.slice(i, i + 2));
  if (clean.length === 1) pairs.add(clean);
  return pairs;
}

/** Whether two titles are about the same thing: half their character pairs shared (Dice ≥ 0.5). */
export function similarTitles(a: string, b: string): boolean {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return false;
  let shared = 0;
  for (const pair of x) if (y.has(pair)) shared += 1;
  return (2 * shared) / (x.size + y.size) >= 0.5;
}
