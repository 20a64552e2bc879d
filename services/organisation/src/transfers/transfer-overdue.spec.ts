import { overdueOf } from './transfers.use-cases.js';

const day = (value: string) => new Date(`${value}T00:00:00Z`);
const base = {
  direction: 'outgoing',
  destination: 'within_tenant',
  appliedOn: day('2026-11-01'),
  validUntil: null,
  reportedInOn: null,
};

describe('what a transfer list chases (rules.md §5 alerts, local-practice thresholds)', () => {
  it('chases an approval from the 15th day after applying, not before', () => {
    expect(overdueOf({ ...base, state: 'applied' }, '2026-11-15')).toBeUndefined();
    expect(overdueOf({ ...base, state: 'first_approved' }, '2026-11-16')).toEqual({
      kind: 'approval_waiting',
      since: '2026-11-01',
      dueOn: '2026-11-16',
    });
    // The receiving tenant does not approve, so its incoming rows never wait for approval.
    expect(overdueOf({ ...base, direction: 'incoming', state: 'applied' }, '2026-12-30')).toBeUndefined();
  });

  it('warns 15 days before a letter expires and chases a receipt 30 days after reporting in', () => {
    const issued = { ...base, state: 'letter_issued', validUntil: day('2026-12-31') };
    expect(overdueOf(issued, '2026-12-15')).toBeUndefined();
    expect(overdueOf(issued, '2026-12-16')).toEqual({
      kind: 'letter_expiring',
      since: '2026-12-16',
      dueOn: '2026-12-31',
    });
    const reported = { ...base, state: 'reported_in', reportedInOn: day('2026-11-10') };
    expect(overdueOf(reported, '2026-12-09')).toBeUndefined();
    expect(overdueOf(reported, '2026-12-10')).toEqual({
      kind: 'receipt_missing',
      since: '2026-11-10',
      dueOn: '2026-12-10',
    });
    expect(overdueOf({ ...base, state: 'receipt_returned' }, '2027-06-01')).toBeUndefined();
  });
});
