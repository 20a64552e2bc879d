import { isCalendarDate, Validator } from '@dangjian/kit';

/*
 * The rule table of learning points (rules.md §8), per tenant. The platform grants points only for
 * what it sees itself — a lesson studied past its dwell time, minutes of active study, an exam
 * passed, a meeting attended as recorded by the organisation service — so there is no "first login of the
 * day" action: a daily check-in is what §9 warns against.
 */

export const LESSON_ACTIONS = ['lesson_read', 'lesson_watched'] as const;
export const TIME_ACTIONS = ['reading_time', 'watching_time'] as const;
export const POINTS_ACTIONS = [
  ...LESSON_ACTIONS,
  ...TIME_ACTIONS,
  'exam_passed',
  'meeting_attended',
  'micro_wish_fulfilled',
] as const;
export type PointsAction = (typeof POINTS_ACTIONS)[number];

export interface Rule {
  action: string;
  points: number;
  dailyCap: number;
  minDwellSeconds: number;
  perMinutes: number;
}

export interface Window {
  startsOn: string;
  endsOn: string;
  multiplier: number;
}

/** The defaults of rules.md §8 (c. 2019 public rules), used until a tenant saves its own table. */
export const DEFAULT_RULES: Rule[] = [
  { action: 'lesson_read', points: 1, dailyCap: 6, minDwellSeconds: 60, perMinutes: 0 },
  { action: 'lesson_watched', points: 1, dailyCap: 6, minDwellSeconds: 60, perMinutes: 0 },
  { action: 'reading_time', points: 1, dailyCap: 8, minDwellSeconds: 0, perMinutes: 4 },
  { action: 'watching_time', points: 1, dailyCap: 10, minDwellSeconds: 0, perMinutes: 5 },
  { action: 'exam_passed', points: 10, dailyCap: 0, minDwellSeconds: 0, perMinutes: 0 },
  // Not in rules.md's table (a study app's): a meeting of organisational life attended, once per meeting.
  { action: 'meeting_attended', points: 2, dailyCap: 0, minDwellSeconds: 0, perMinutes: 0 },
  // Nor this (issue 18): a resident's micro-wish a member fulfilled, once the resident confirms it.
  { action: 'micro_wish_fulfilled', points: 3, dailyCap: 0, minDwellSeconds: 0, perMinutes: 0 },
];

const MAX_WINDOWS = 20;
const isTimeAction = (action: string) => (TIME_ACTIONS as readonly string[]).includes(action);
const isLessonAction = (action: string) => (LESSON_ACTIONS as readonly string[]).includes(action);
const whole = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max;

/** Every problem of a rule table as submitted, each by its field. */
export function checkPointsTable(rules: Rule[], windows: Window[]): Validator {
  const problems = new Validator();
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = (field: string) => `rules[${i}].${field}`;
    problems
      .check((POINTS_ACTIONS as readonly string[]).includes(rule.action), at('action'), 'not_one_of', {
        allowed: POINTS_ACTIONS.join(', '),
      })
      .check(!seen.has(rule.action), at('action'), 'already_exists')
      .check(whole(rule.points, 1, 100), at('points'), 'number_between', { min: 1, max: 100 })
      .check(whole(rule.dailyCap, 0, 1000), at('dailyCap'), 'number_between', { min: 0, max: 1000 })
      .check(
        isLessonAction(rule.action) ? whole(rule.minDwellSeconds, 0, 3600) : rule.minDwellSeconds === 0,
        at('minDwellSeconds'),
        'number_between',
        isLessonAction(rule.action) ? { min: 0, max: 3600 } : { min: 0, max: 0 },
      )
      .check(
        isTimeAction(rule.action) ? whole(rule.perMinutes, 1, 120) : rule.perMinutes === 0,
        at('perMinutes'),
        'number_between',
        isTimeAction(rule.action) ? { min: 1, max: 120 } : { min: 0, max: 0 },
      );
    seen.add(rule.action);
  });
  problems.check(windows.length <= MAX_WINDOWS, 'windows', 'too_many', { max: MAX_WINDOWS });
  const sorted = windows
    .map((w, i) => ({ ...w, i }))
    .filter((w) => isCalendarDate(w.startsOn) && isCalendarDate(w.endsOn))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  windows.forEach((w, i) => {
    const at = (field: string) => `windows[${i}].${field}`;
    problems
      .check(isCalendarDate(w.startsOn), at('startsOn'), 'not_a_date')
      .check(isCalendarDate(w.endsOn), at('endsOn'), 'not_a_date')
      .check(!(w.endsOn < w.startsOn), at('endsOn'), 'not_after_start', { start: w.startsOn })
      .check(whole(w.multiplier, 2, 5), at('multiplier'), 'number_between', { min: 2, max: 5 });
  });
  sorted.forEach((w, n) => {
    const next = sorted[n + 1];
    if (next) problems.check(next.startsOn > w.endsOn, `windows[${next.i}].startsOn`, 'windows_overlap');
  });
  return problems;
}

/** The multiplier of a China day: a window's, or 1. */
export function multiplierOn(day: string, windows: Window[]): number {
  return windows.find((w) => w.startsOn <= day && day <= w.endsOn)?.multiplier ?? 1;
}
