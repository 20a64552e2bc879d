import {
  appraisalCapRule,
  complianceStatus,
  expectedKinds,
  frequencyMonths,
  moveMeeting,
  periodsOfYear,
  quorumMet,
  type AppraisalGradeName,
} from './meeting-rules.js';

describe('quorum (more than half)', () => {
  it.each([
    [10, 6, true],
    [10, 5, false],
    [9, 5, true],
    [9, 4, false],
    [1, 1, true],
    [0, 0, false],
  ])('%i voters, %i present → %s', (voters, present, met) => {
    expect(quorumMet(voters, present)).toBe(met);
  });
});

describe('meeting moves', () => {
  it('holds, cancels and re-notifies a scheduled meeting', () => {
    expect(moveMeeting('scheduled', 'hold')).toEqual({ ok: true, next: 'held' });
    expect(moveMeeting('scheduled', 'cancel')).toEqual({ ok: true, next: 'cancelled' });
    expect(moveMeeting('scheduled', 'notify')).toEqual({ ok: true, next: 'scheduled' });
  });
  it.each([
    ['held', 'hold'],
    ['held', 'cancel'],
    ['cancelled', 'notify'],
    ['cancelled', 'hold'],
  ] as const)('refuses %s → %s with the rule named', (state, action) => {
    expect(moveMeeting(state, action)).toMatchObject({ ok: false, rule: `meeting-${action}-not-allowed` });
  });
});

describe('appraisal cap: 优秀 at most one third of those graded', () => {
  const grades = (excellent: number, others: number): AppraisalGradeName[] => [
    ...Array(excellent).fill('excellent'),
    ...Array(others).fill('qualified'),
  ];
  it.each([
    [3, 6, true],
    [3, 5, false],
    [1, 2, true],
    [1, 1, false],
    [0, 0, true],
    [4, 8, true],
    [4, 7, false],
  ])('%i excellent of %i others → allowed %s', (excellent, others, allowed) => {
    const refusal = appraisalCapRule(grades(excellent, others));
    expect(refusal === undefined).toBe(allowed);
    if (!allowed) expect(refusal!.rule).toBe('appraisal-excellent-cap');
  });
});

describe('compliance periods', () => {
  it('cuts the year by the frequency, with real month ends', () => {
    expect(periodsOfYear(2024, 1)[1]).toEqual({ label: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodsOfYear(2026, 3).map((p) => p.label)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodsOfYear(2026, 3)[2]).toEqual({ label: '2026-Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(periodsOfYear(2026, 6)[1]!.label).toBe('2026-H2');
    expect(periodsOfYear(2026, 12)).toEqual([{ label: '2026', start: '2026-01-01', end: '2026-12-31' }]);
    expect(() => periodsOfYear(2026, 5)).toThrow();
  });
  it('marks met, missed, due and upcoming against today', () => {
    const q3 = periodsOfYear(2026, 3)[2]!;
    expect(complianceStatus(q3, '2026-11-23', 1)).toBe('met');
    expect(complianceStatus(q3, '2026-11-23', 0)).toBe('missed');
    expect(complianceStatus(q3, '2026-09-30', 0)).toBe('due');
    expect(complianceStatus(q3, '2026-07-01', 0)).toBe('due');
    expect(complianceStatus(q3, '2026-06-30', 0)).toBe('upcoming');
  });
  it('expects committee meetings only from 7 full members, group meetings only of groups', () => {
    expect(expectedKinds('branch', 6)).not.toContain('branch_committee_meeting');
    expect(expectedKinds('branch', 7)).toContain('branch_committee_meeting');
    expect(expectedKinds('group', 3)).toEqual(['group_meeting']);
    expect(expectedKinds('committee', 300)).toEqual([]);
    expect(frequencyMonths('party_lecture', 12)).toBe(12);
    // The secretary's own lecture: at least once a year, whatever the tenant's lecture cadence.
    expect(expectedKinds('branch', 3)).toContain('secretary_lecture');
    expect(expectedKinds('group', 3)).not.toContain('secretary_lecture');
    expect(frequencyMonths('secretary_lecture', 3)).toBe(12);
    expect(frequencyMonths('branch_general_meeting', 12)).toBe(3);
  });
});
