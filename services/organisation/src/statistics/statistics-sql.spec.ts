import { ageBandBounds, ageBandOf, statisticsFromTallies } from './statistics-sql.js';

describe('member statistics from tallies', () => {
  const today = '2026-11-23';

  it('counts each dimension biggest first, totals by stage, and bands ages from birth dates', () => {
    const stats = statisticsFromTallies(
      [
        { dimension: 'development_stage', key: 'full', count: 8 },
        { dimension: 'development_stage', key: 'applicant', count: 4 },
        { dimension: 'gender', key: 'male', count: 5 },
        { dimension: 'gender', key: 'female', count: 7 },
        { dimension: 'birth_date', key: '1995-11-24', count: 2 }, // 30 today
        { dimension: 'birth_date', key: '1995-11-23', count: 3 }, // 31 today
        { dimension: 'birth_date', key: '1965-11-22', count: 7 }, // 61
      ],
      today,
    );
    expect(stats.total).toBe(12);
    expect(stats.byDimension.development_stage).toEqual([
      { key: 'full', count: 8 },
      { key: 'applicant', count: 4 },
    ]);
    expect(stats.byDimension.gender).toEqual([
      { key: 'female', count: 7 },
      { key: 'male', count: 5 },
    ]);
    expect(stats.byDimension.age_band).toEqual([
      { key: '61_or_over', count: 7 },
      { key: '31_40', count: 3 },
      { key: '30_or_under', count: 2 },
    ]);
  });

  it('counts a pipeline step as overdue from the day after it falls due', () => {
    const stats = statisticsFromTallies(
      [
        { dimension: 'step_due', key: 'application_talk 2026-11-22', count: 2 },
        { dimension: 'step_due', key: 'application_talk 2026-11-23', count: 5 }, // due today: not yet overdue
        { dimension: 'step_due', key: 'confirmation 2025-01-01', count: 1 },
      ],
      today,
    );
    expect(stats.overdueSteps).toEqual([
      { key: 'application_talk', count: 2 },
      { key: 'confirmation', count: 1 },
    ]);
    expect(stats.total).toBe(0);
  });

  it('bounds the age bands by birth dates: 30 or under means born after today minus 31 years', () => {
    expect(ageBandBounds(today)).toEqual(['1995-11-23', '1985-11-23', '1975-11-23', '1965-11-23']);
    // Born 1996-02-29: on 2027-02-28 the bound is 1996-02-28, so still 30 (the birthday is not reached).
    expect(ageBandBounds('2027-02-28')[0]).toBe('1996-02-28');
    expect(ageBandOf('1996-02-29', ageBandBounds('2027-02-28'))).toBe('30_or_under');
    expect(ageBandOf('1985-11-23', ageBandBounds(today))).toBe('41_50');
  });
});
