/**
 * Calendar dates as people in China read them: YYYY-MM-DD in China Standard Time (UTC+8, no
 * daylight saving), whatever the server's time zone.
 */
const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function chinaToday(now: Date = new Date()): string {
  return formatter.format(now);
}

/** YYYY-MM-DD plus (or minus) whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date written YYYY-MM-DD (2024-02-30 is not). Counted, not parsed into a
 * Date: it runs several times for every row of an import.
 */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** A calendar month written YYYY-MM (what dues and other monthly records are keyed by). */
export const CALENDAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isCalendarMonth = (value: string): boolean => CALENDAR_MONTH.test(value);

/** A DATE column's value (midnight UTC from the driver) as YYYY-MM-DD. */
export function dateOnly(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** YYYY-MM-DD as the value of a DATE column (midnight UTC, the form the driver reads back). */
export function dateColumn(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * YYYY-MM-DD plus whole months, clamped to the month's last day (2024-02-29 + 12 months is
 * 2025-02-28), the way "one year of probation" and "within 3 months" are read.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
