import {
  afterStaffAction,
  citizenActions,
  dueOn,
  limitOn,
  similarTitles,
  staffActions,
  timing,
  workingDaysAfter,
} from './appeal-rules.js';

describe('appeal deadlines', () => {
  it('counts working days from the day after receipt, over weekends and the National Day holiday', () => {
    // Thursday 2026-09-24: Mid-Autumn takes 25–27, so the 3 days are Mon 28, Tue 29, Wed 30.
    expect(dueOn('2026-09-24', 3, limitOn('2026-09-24'))).toBe('2026-09-30');
    // Received on Wednesday 2026-09-30: National Day takes 10-01…10-07; Saturday 10-10 is worked.
    expect(dueOn('2026-09-30', 1, limitOn('2026-09-30'))).toBe('2026-10-08');
    expect(dueOn('2026-09-30', 3, limitOn('2026-09-30'))).toBe('2026-10-10');
  });

  it('makes an urgent appeal due the same day and never lets a deadline pass the 60-day limit', () => {
    expect(dueOn('2026-12-01', 0, limitOn('2026-12-01'))).toBe('2026-12-01');
    expect(limitOn('2026-12-01')).toBe('2027-01-30');
    expect(dueOn('2026-12-01', 200, limitOn('2026-12-01'))).toBe('2027-01-30');
  });

  it('counts the working days after a day', () => {
    expect(workingDaysAfter('2026-11-27', '2026-11-30')).toBe(1); // Fri → Mon
    expect(workingDaysAfter('2026-11-30', '2026-11-30')).toBe(0);
    expect(workingDaysAfter('2026-11-30', '2026-12-04')).toBe(4);
  });
});

describe('reminders and escalation', () => {
  it('reminds on the last working day before the deadline and on the day itself', () => {
    expect(timing('handling', '2026-12-02', '2026-12-01', 3)).toEqual({
      overdue: false,
      dueSoon: true,
      escalationLevel: 0,
    });
    expect(timing('received', '2026-12-01', '2026-12-01', 3).dueSoon).toBe(true);
    expect(timing('handling', '2026-12-04', '2026-12-01', 3).dueSoon).toBe(false);
    // Friday's reminder covers Monday's deadline.
    expect(timing('handling', '2026-11-30', '2026-11-27', 3).dueSoon).toBe(true);
  });

  it('climbs one organisation per working day overdue, to the root at most', () => {
    expect(timing('handling', '2026-11-30', '2026-12-01', 3)).toEqual({
      overdue: true,
      dueSoon: false,
      escalationLevel: 1,
    });
    expect(timing('handling', '2026-11-27', '2026-12-01', 3).escalationLevel).toBe(2);
    expect(timing('received', '2026-11-20', '2026-12-01', 3).escalationLevel).toBe(3);
    // Overdue over a weekend is still overdue, one level at least.
    expect(timing('handling', '2026-11-28', '2026-11-29', 3)).toMatchObject({
      overdue: true,
      escalationLevel: 1,
    });
    // A root organisation has nobody above it.
    expect(timing('handling', '2026-11-20', '2026-12-01', 0).escalationLevel).toBe(0);
  });

  it('never counts an appeal that is resolved, closed or not accepted as overdue', () => {
    for (const status of ['resolved', 'closed', 'not_accepted'])
      expect(timing(status, '2026-01-01', '2026-12-01', 3)).toEqual({
        overdue: false,
        dueSoon: false,
        escalationLevel: 0,
      });
  });
});

describe('appeal steps', () => {
  const state = (status: string, over: Partial<Parameters<typeof staffActions>[0]> = {}) => ({
    status,
    extendedDays: 0,
    satisfaction: null,
    waitedForCitizen: false,
    ...over,
  });

  it.each([
    ['received', {}, ['receive', 'hand_over', 'not_accept']],
    ['handling', {}, ['hand_over', 'extend', 'resolve']],
    ['handling', { extendedDays: 10 }, ['hand_over', 'resolve']],
    ['resolved', {}, []],
    ['resolved', { waitedForCitizen: true }, ['close']],
    ['closed', {}, ['call_back']],
    ['closed', { satisfaction: 'satisfied' }, []],
    ['not_accepted', {}, []],
  ] as const)('%s %o allows %o', (status, over, actions) => {
    expect(staffActions(state(status, over))).toEqual(actions);
  });

  it('keeps resolved and closed apart: staff resolve, the citizen (or the wait) closes', () => {
    expect(afterStaffAction('handling', 'resolve')).toBe('resolved');
    expect(afterStaffAction('resolved', 'close')).toBe('closed');
    expect(afterStaffAction('received', 'hand_over')).toBe('received');
    expect(afterStaffAction('handling', 'extend')).toBe('handling');
    expect(citizenActions('resolved')).toEqual(['confirm', 'reopen']);
    expect(citizenActions('handling')).toEqual([]);
    expect(citizenActions('closed')).toEqual([]);
  });
});

describe('the same topic', () => {
  it('finds titles about the same thing and tells different ones apart', () => {
    expect(similarTitles('幸福小区3号楼路灯不亮', '幸福小区 3号楼 路灯坏了不亮')).toBe(true);
    expect(similarTitles('幸福小区3号楼路灯不亮', '咨询医保报销政策')).toBe(false);
    expect(similarTitles('', '路灯')).toBe(false);
  });
});
