import { addDays, addMonths, chinaToday, isCalendarDate } from './china-date.js';

describe('China dates', () => {
  it('counts the day in China Standard Time', () => {
    expect(chinaToday(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(chinaToday(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23'); // midnight in Beijing
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-11-22', 90)).toBe('2027-02-20');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-1-01', false],
    ['', false],
  ])('%s is a calendar date: %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
  });

  it('agrees with the calendar on every day written from 1899 to 2101, and on days that do not exist', () => {
    const wrong: string[] = [];
    for (let year = 1899; year <= 2101; year += 1) {
      for (let month = 0; month <= 13; month += 1) {
        for (let day = 0; day <= 32; day += 1) {
          const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const d = new Date(Date.UTC(year, month - 1, day));
          const real = month >= 1 && day >= 1 && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
          if (isCalendarDate(value) !== real) wrong.push(value);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(isCalendarDate('1900-02-29')).toBe(false); // a century, not a leap year
    expect(isCalendarDate('2000-02-29')).toBe(true); // every fourth century is
  });

  it.each([
    ['2025-11-22', 12, '2026-11-22'],
    ['2024-02-29', 12, '2025-02-28'], // clamped: no 29 February in 2025
    ['2026-08-31', 3, '2026-11-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-05-15', -6, '2025-11-15'],
  ])('%s plus %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});
