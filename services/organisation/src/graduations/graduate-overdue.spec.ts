import { graduateOverdueOf } from './graduations.use-cases.js';

describe('graduates a university chases (rules.md §5)', () => {
  const graduate = { graduatesOn: '2026-06-30', status: 'active' };

  it('chases a graduate with a destination from the day after 3 months, not before', () => {
    expect(graduateOverdueOf({ ...graduate, destination: 'employed' }, '2026-09-30')).toBeUndefined();
    expect(graduateOverdueOf({ ...graduate, destination: 'employed' }, '2026-10-01')).toEqual({
      kind: 'no_transfer',
      dueOn: '2026-09-30',
    });
    expect(graduateOverdueOf({ ...graduate, destination: 'unknown' }, '2026-10-01')?.kind).toBe(
      'no_transfer',
    );
    expect(graduateOverdueOf({ ...graduate, destination: 'further_study' }, '2026-10-01')?.kind).toBe(
      'no_transfer',
    );
  });

  it('lets an unemployed graduate stay 2 years, then chases', () => {
    expect(graduateOverdueOf({ ...graduate, destination: 'unemployed' }, '2026-10-01')).toBeUndefined();
    expect(graduateOverdueOf({ ...graduate, destination: 'unemployed' }, '2028-06-30')).toBeUndefined();
    expect(graduateOverdueOf({ ...graduate, destination: 'unemployed' }, '2028-07-01')).toEqual({
      kind: 'held_beyond_two_years',
      dueOn: '2028-06-30',
    });
  });

  it('leaves members already in transfer or gone to the transfer lists', () => {
    expect(
      graduateOverdueOf({ ...graduate, destination: 'employed', status: 'in_transfer' }, '2027-06-30'),
    ).toBeUndefined();
    expect(
      graduateOverdueOf({ ...graduate, destination: 'unemployed', status: 'transferred_out' }, '2029-01-01'),
    ).toBeUndefined();
  });
});
