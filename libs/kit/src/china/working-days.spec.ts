import { createRequire } from 'node:module';
import { addDays } from '../time/china-date.js';
import { isChinaWorkingDay, KNOWN_CALENDAR_YEARS, workingDaysFrom } from './working-days.js';

// The maintained `chinese-days` package is built from the same State Council notices: our table
// must agree with it on every day of every year we claim to know.
const chineseDays = createRequire(import.meta.url)('chinese-days') as {
  isWorkday: (date: string) => boolean;
};

describe('China working days (国务院办公厅 holiday arrangements)', () => {
  it.each(KNOWN_CALENDAR_YEARS.map((year) => [year]))(
    'agrees with the chinese-days package on every day of %i',
    (year) => {
      const disagreements: string[] = [];
      for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) {
        if (isChinaWorkingDay(day) !== chineseDays.isWorkday(day)) disagreements.push(day);
      }
      expect(disagreements).toEqual([]);
    },
  );

  it.each([
    // A plain week: Monday 2026-11-16 + 5 working days ends Friday.
    ['2026-11-16', 5, '2026-11-20'],
    // Starting on a Saturday: the period begins on Monday.
    ['2026-11-21', 5, '2026-11-27'],
    // National Day 2026: 1–7 October off, Saturday 10 October worked.
    ['2026-09-28', 5, '2026-10-09'],
    ['2026-10-08', 3, '2026-10-10'],
    // Spring Festival 2026: 15–23 February off, Saturday 14 February worked.
    ['2026-02-12', 3, '2026-02-14'],
    ['2026-02-13', 2, '2026-02-14'],
    ['2026-02-14', 2, '2026-02-24'],
  ])('%s + %i working days ends on %s', (start, count, endsOn) => {
    expect(workingDaysFrom(start, count)).toEqual({ endsOn, provisional: false });
  });

  it('marks a period running into a year the table does not know as provisional', () => {
    const period = workingDaysFrom('2026-12-28', 5);
    expect(period.provisional).toBe(true);
    expect(period.endsOn).toBe('2027-01-01'); // weekends only: the 2027 New Year holiday is not known yet
    expect(() => workingDaysFrom('2026-12-28', 0)).toThrow(RangeError);
  });
});
