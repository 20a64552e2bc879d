import {
  ACTIONS,
  STORED_STATES,
  next,
  statusOf,
  beyondAuthority,
  type Action,
  type StoredState,
} from './disclosure-workflow.js';

/*
 * Every state × action of a disclosure item (rules.md §6), as a table: what each leads to, or the rule
 * that refuses it. There is no path to `approved` that skips the review, and none out of `withdrawn`.
 */
const now = new Date('2026-12-01T02:00:00Z');
const before = new Date('2026-11-30T00:00:00Z');
const after = new Date('2026-12-10T00:00:00Z');
const facts = (state: StoredState, extra: object = {}) => ({
  state,
  startsAt: before,
  endsAt: null,
  now,
  unresolvedFindings: 0,
  ...extra,
});

const TABLE: Record<StoredState, Record<Action, StoredState | string>> = {
  proposed: {
    review_pass: 'awaiting_approval',
    review_return: 'returned',
    approve: 'disclosure-state',
    approval_return: 'disclosure-state',
    resubmit: 'disclosure-state',
    withdraw: 'withdrawn',
  },
  returned: {
    review_pass: 'disclosure-state',
    review_return: 'disclosure-state',
    approve: 'disclosure-state',
    approval_return: 'disclosure-state',
    resubmit: 'proposed',
    withdraw: 'withdrawn',
  },
  awaiting_approval: {
    review_pass: 'disclosure-state',
    review_return: 'disclosure-state',
    approve: 'approved',
    approval_return: 'returned',
    resubmit: 'disclosure-state',
    withdraw: 'withdrawn',
  },
  approved: {
    review_pass: 'disclosure-state',
    review_return: 'disclosure-state',
    approve: 'disclosure-state',
    approval_return: 'disclosure-state',
    resubmit: 'disclosure-state',
    withdraw: 'withdrawn',
  },
  withdrawn: {
    review_pass: 'disclosure-state',
    review_return: 'disclosure-state',
    approve: 'disclosure-state',
    approval_return: 'disclosure-state',
    resubmit: 'disclosure-state',
    withdraw: 'disclosure-state',
  },
};

describe('the disclosure workflow', () => {
  const cases = STORED_STATES.flatMap((state) => ACTIONS.map((action) => [state, action] as const));
  it.each(cases)('%s + %s', (state, action) => {
    const outcome = next(action, facts(state));
    const expected = TABLE[state][action];
    if ((STORED_STATES as readonly string[]).includes(expected))
      expect(outcome).toEqual({ ok: true, state: expected });
    else expect(outcome).toEqual({ ok: false, rule: expected });
  });

  it('passes the review only with every finding resolved', () => {
    expect(next('review_pass', facts('proposed', { unresolvedFindings: 1 }))).toEqual({
      ok: false,
      rule: 'disclosure-findings',
    });
    // Returning is always possible: that is what a reviewer does with findings.
    expect(next('review_return', facts('proposed', { unresolvedFindings: 3 }))).toEqual({
      ok: true,
      state: 'returned',
    });
  });

  it('does not approve an item whose window has closed, nor withdraw an expired one', () => {
    expect(next('approve', facts('awaiting_approval', { endsAt: before }))).toEqual({
      ok: false,
      rule: 'disclosure-window',
    });
    expect(next('withdraw', facts('approved', { endsAt: new Date('2026-11-30T12:00:00Z') }))).toEqual({
      ok: false,
      rule: 'disclosure-state',
    });
    expect(next('withdraw', facts('approved', { startsAt: after }))).toEqual({
      ok: true,
      state: 'withdrawn',
    });
  });

  it('reads an approved item’s status from its window', () => {
    expect(statusOf({ state: 'approved', startsAt: after, endsAt: null }, now)).toBe('scheduled');
    expect(statusOf({ state: 'approved', startsAt: before, endsAt: after }, now)).toBe('published');
    expect(statusOf({ state: 'approved', startsAt: before, endsAt: now }, now)).toBe('expired');
    expect(statusOf({ state: 'returned', startsAt: before, endsAt: null }, now)).toBe('returned');
  });

  it.each([
    ['organisation', 'work', false],
    ['subtree', 'work', false],
    ['subtree', 'personnel', true],
    ['tenant', 'work', true],
    ['public', 'finance', true],
  ])('an item to %s about %s is beyond the organisation: %s', (audience, category, beyond) => {
    expect(beyondAuthority({ audience, category })).toBe(beyond);
  });
});
