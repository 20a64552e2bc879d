import { addDays } from '../time/china-date.js';

/**
 * China's official working-day calendar: weekends off, public holidays off, and "adjusted" weekend
 * days (调休上班) on. Source: the State Council General Office's yearly notice
 * 《国务院办公厅关于<year>年部分节假日安排的通知》 on www.gov.cn, published each November or December.
 * Keep this table current: add the next year when its notice appears (see docs/decisions/0010).
 * A test checks it against the `chinese-days` package, maintained from the same notices.
 */
export interface YearArrangement {
  /** Days off, as inclusive ranges [first, last]. */
  holidays: [string, string][];
  /** Weekend days that are working days. */
  workingWeekends: string[];
}

/** What the code knows; the platform operator's table (organisation service) adds and corrects years. */
export const CODE_ARRANGEMENTS: Readonly<Record<number, YearArrangement>> = {
  2022: {
    holidays: [
      ['2022-01-01', '2022-01-03'],
      ['2022-01-31', '2022-02-06'],
      ['2022-04-03', '2022-04-05'],
      ['2022-04-30', '2022-05-04'],
      ['2022-06-03', '2022-06-05'],
      ['2022-09-10', '2022-09-12'],
      ['2022-10-01', '2022-10-07'],
      ['2022-12-31', '2022-12-31'],
    ],
    workingWeekends: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
  },
  2023: {
    holidays: [
      ['2023-01-01', '2023-01-02'],
      ['2023-01-21', '2023-01-27'],
      ['2023-04-05', '2023-04-05'],
      ['2023-04-29', '2023-05-03'],
      ['2023-06-22', '2023-06-24'],
      ['2023-09-29', '2023-10-06'],
    ],
    workingWeekends: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
  },
  2024: {
    holidays: [
      ['2024-01-01', '2024-01-01'],
      ['2024-02-10', '2024-02-17'],
      ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'],
      ['2024-06-10', '2024-06-10'],
      ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    workingWeekends: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  2025: {
    holidays: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    workingWeekends: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  2026: {
    holidays: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    workingWeekends: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

/**
 * A working-day calendar over a set of years' arrangements: the code's (`CODE_ARRANGEMENTS`) or the
 * operator-maintained table merged over them (issue 14).
 */
export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly workingWeekends = new Set<string>();
  readonly years: readonly number[];

  constructor(arrangements: Readonly<Record<number, YearArrangement>>) {
    this.years = Object.keys(arrangements).map(Number).sort();
    for (const arrangement of Object.values(arrangements)) {
      for (const [first, last] of arrangement.holidays) {
        for (let day = first; day <= last; day = addDays(day, 1)) this.holidays.add(day);
      }
      for (const day of arrangement.workingWeekends) this.workingWeekends.add(day);
    }
  }

  /** Whether the calendar holds the official arrangement for this date's year. */
  knows(date: string): boolean {
    return this.years.includes(Number(date.slice(0, 4)));
  }

  /** A working day; for a year not known only weekends are days off (provisional). */
  isWorkingDay(date: string): boolean {
    if (this.holidays.has(date)) return false;
    if (this.workingWeekends.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /**
   * The last day of a period of `count` working days that starts on `start` (counted if it is a
   * working day). `provisional` is true when a day of the period fell in a year the calendar does
   * not know, so a holiday might have been missed.
   */
  workingDaysFrom(start: string, count: number): { endsOn: string; provisional: boolean } {
    if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be a positive integer');
    let day = start;
    let provisional = false;
    let seen = 0;
    for (;;) {
      if (!this.knows(day)) provisional = true;
      if (this.isWorkingDay(day)) seen += 1;
      if (seen === count) return { endsOn: day, provisional };
      day = addDays(day, 1);
    }
  }
}

const CODE_CALENDAR = new WorkingDayCalendar(CODE_ARRANGEMENTS);

/** Years whose official arrangement is in the code's table. */
export const KNOWN_CALENDAR_YEARS: readonly number[] = CODE_CALENDAR.years;

/** Whether the code's table holds the official arrangement for this date's year. */
export const calendarKnows = (date: string): boolean => CODE_CALENDAR.knows(date);

/** A working day in China by the code's table (provisional for a year it does not know). */
export const isChinaWorkingDay = (date: string): boolean => CODE_CALENDAR.isWorkingDay(date);

/** `WorkingDayCalendar.workingDaysFrom` over the code's table. */
export const workingDaysFrom = (start: string, count: number): { endsOn: string; provisional: boolean } =>
  CODE_CALENDAR.workingDaysFrom(start, count);
