import { ageBandBounds, rollUp, type StatisticsRow } from './statistics-sql.js';

const row = (development_stage: string, gender: string, age_band: string, count: number): StatisticsRow => ({
  development_stage, gender, age_band, ethnicity: '汉族', education: '', occupation: 'salaried', count,
});

describe('member statistics roll-up', () => {
  it('sums the combination rows per dimension, biggest first, and totals them', () => {
    const { total, byDimension } = rollUp([row('full', 'male', '31_40', 5), row('full', 'female', '31_40', 3), row('applicant', 'female', '30_or_under', 4)]);
    expect(total).toBe(12);
    expect(byDimension.development_stage).toEqual([{ key: 'full', count: 8 }, { key: 'applicant', count: 4 }]);
    expect(byDimension.gender).toEqual([{ key: 'female', count: 7 }, { key: 'male', count: 5 }]);
    expect(byDimension.education).toEqual([{ key: '', count: 12 }]);
  });

  it('bounds the age bands by birth dates: 30 or under means born after today minus 31 years', () => {
    expect(ageBandBounds('2026-11-23')).toEqual(['1995-11-23', '1985-11-23', '1975-11-23', '1965-11-23']);
    // Born 1996-02-29: on 2027-02-28 the bound is 1996-02-28, so still 30 (the birthday is not reached).
    expect(ageBandBounds('2027-02-28')[0]).toBe('1996-02-28');
  });
});
