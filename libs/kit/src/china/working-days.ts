import { addDays } from '../time/china-date.js';

/**
 * China's official working-day calendar: weekends off, public holidays off, and "adjusted" weekend
 * days (调休上班) on. Source: the State Council General Office's yearly notice
 * 《国务院办公厅关于<year>年部分节假日安排的通知》 on www.gov.cn, published each November or December.
 * Keep this table current: add the next year when its notice appears (see docs/decisions/0010).
 * A test checks it against the `chinese-days` package, maintained from the same notices.
 */
interface YearArrangement {
  /** Days off, as inclusive ranges [first, last]. */
  holidays: [string, string][];
  /** Weekend days that are working days. */
  workingWeekends: string[];
}

const ARRANGEMENTS: Record<number, YearArrangement> = {
  2024: {
    holidays: [
      ['2024-01-01', '2024-01-01'], ['2024-02-10', '2024-02-17'], ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'], ['2024-06-10', '2024-06-10'], ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    workingWeekends: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  2025: {
    holidays: [
      ['2025-01-01', '2025-01-01'], ['2025-01-28', '2025-02-04'], ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'], ['2025-05-31', '2025-06-02'], ['2025-10-01', '2025-10-08'],
    ],
    workingWeekends: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['2026-01-01', '2026-01-03'], ['2026-02-15', '2026-02-23'], ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'], ['2026-06-19', '2026-06-21'], ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    workingWeekends: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/** Years whose official arrangement is in the table. */
export const KNOWN_CALENDAR_YEARS: readonly number[] = Object.keys(ARRANGEMENTS).map(Number);

const holidays = new Set<string>();
const workingWeekends = new Set<string>();
for (const arrangement of Object.values(ARRANGEMENTS)) {
  for (const [first, last] of arrangement.holidays) {
    for (let day = first; day <= last; day = addDays(day, 1)) holidays.add(day);
  }
  for (const day of arrangement.workingWeekends) workingWeekends.add(day);
}

const isWeekend = (date: string) => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/** Whether the table holds the official arrangement for this date's year. */
export function calendarKnows(date: string): boolean {
  return Number(date.slice(0, 4)) in ARRANGEMENTS;
}

/**
 * A working day in China. For a year not in the table only weekends count as days off, so the
 * answer is provisional (callers say so: see `workingDaysFrom`).
 */
export function isChinaWorkingDay(date: string): boolean {
  if (holidays.has(date)) return false;
  if (workingWeekends.has(date)) return true;
  return !isWeekend(date);
}

/**
 * The last day of a period of `count` working days that starts on `start` (counted if it is a
 * working day). `provisional` is true when a day of the period fell in a year the table does not
 * know yet, so a holiday might have been missed.
 */
export function workingDaysFrom(start: string, count: number): { endsOn: string; provisional: boolean } {
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
  let day = start;
  let provisional = false;
  let seen = 0;
  for (;;) {
    if (!calendarKnows(day)) provisional = true;
    if (isChinaWorkingDay(day)) seen += 1;
    if (seen === count) return { endsOn: day, provisional };
    day = addDays(day, 1);
  }
}
