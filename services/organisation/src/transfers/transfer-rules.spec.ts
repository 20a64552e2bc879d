import {
  letterValidUntil,
  moveTransfer,
  startGuard,
  TRANSFER_ACTIONS,
  TRANSFER_STATES,
  type TransferAction,
  type TransferFacts,
  type TransferState,
} from './transfer-rules.js';

const TODAY = '2026-11-23';
/** Facts in which each state's legal moves succeed (letters valid until after today, or expired recently). */
const facts = (state: TransferState, approvalLevels: 1 | 2 = 1): TransferFacts => ({
  state,
  approvalLevels,
  ...(state === 'letter_issued' ? { issuedOn: '2026-09-01', validUntil: TODAY } : {}),
  ...(state === 'expired'
    ? { issuedOn: '2026-05-01', validUntil: '2026-07-29', expiredOn: '2026-07-30' }
    : {}),
});
const move = (action: TransferAction) => ({ action, today: TODAY, reason: '接收单位名称有误' });

/** Every legal move from each state (with one approval level); all other pairs are refused. */
const LEGAL: Partial<Record<TransferState, Partial<Record<TransferAction, TransferState>>>> = {
  applied: { approve: 'approved', send_back: 'sent_back', withdraw: 'withdrawn' },
  first_approved: { approve: 'approved', send_back: 'sent_back', withdraw: 'withdrawn' },
  approved: { withdraw: 'withdrawn', issue_letter: 'letter_issued' },
  letter_issued: { send_back: 'sent_back', report_in: 'reported_in', void: 'voided' },
  reported_in: { return_receipt: 'receipt_returned' },
  expired: { void: 'voided', reissue: 'letter_issued' },
};

describe('relationship transfer state machine (rules.md §5)', () => {
  const pairs = TRANSFER_STATES.flatMap((state) =>
    TRANSFER_ACTIONS.map((action) => [state, action] as const),
  );
  it.each(pairs)('%s + %s', (state, action) => {
    const outcome = moveTransfer(facts(state), move(action));
    const expected = LEGAL[state]?.[action];
    if (expected) expect(outcome).toMatchObject({ ok: true, state: expected });
    else
      expect(outcome).toMatchObject({
        ok: false,
        rule: expect.stringMatching(/^transfer-(order|closed)$|^letter-still-valid$/),
      });
  });

  it('takes two approvals where the tenant asks for two levels', () => {
    expect(moveTransfer(facts('applied', 2), move('approve'))).toEqual({ ok: true, state: 'first_approved' });
    expect(moveTransfer(facts('first_approved', 2), move('approve'))).toEqual({
      ok: true,
      state: 'approved',
    });
  });

  it('needs a reason to send back, void or re-issue', () => {
    for (const [state, action, rule] of [
      ['applied', 'send_back', 'send-back-reason'],
      ['letter_issued', 'void', 'void-reason'],
      ['expired', 'reissue', 'reissue-reason'],
    ] as const) {
      expect(moveTransfer(facts(state), { action, today: TODAY, reason: ' ' })).toMatchObject({
        ok: false,
        rule,
      });
    }
  });

  it('issues letters valid 90 days by default, never beyond 6 months', () => {
    expect(moveTransfer(facts('approved'), move('issue_letter'))).toEqual({
      ok: true,
      state: 'letter_issued',
      validUntil: '2027-02-20',
    });
    expect(letterValidUntil('2026-11-23', 90)).toBe('2027-02-20');
    // 2026-11-23 + 6 months = 2027-05-23: the last allowed day is 2027-05-22 (181 days).
    expect(moveTransfer(facts('approved'), { ...move('issue_letter'), validityDays: 181 })).toMatchObject({
      ok: true,
      validUntil: '2027-05-22',
    });
    expect(moveTransfer(facts('approved'), { ...move('issue_letter'), validityDays: 182 })).toMatchObject({
      ok: false,
      rule: 'letter-validity',
    });
  });

  it('expires a letter by the clock: reporting in on its last day works, the day after does not', () => {
    const issued = facts('letter_issued');
    expect(moveTransfer(issued, { action: 'report_in', today: TODAY })).toMatchObject({ ok: true });
    expect(moveTransfer(issued, { action: 'report_in', today: '2026-11-24' })).toMatchObject({
      ok: false,
      rule: 'letter-expired',
    });
    expect(moveTransfer(issued, { action: 'expire', today: '2026-11-24' })).toEqual({
      ok: true,
      state: 'expired',
    });
  });

  it('re-issues an expired letter only within 6 months of its expiry', () => {
    const expired = facts('expired');
    expect(
      moveTransfer(expired, { action: 'reissue', today: '2027-01-30', reason: '本人住院' }),
    ).toMatchObject({ ok: true, state: 'letter_issued' });
    expect(
      moveTransfer(expired, { action: 'reissue', today: '2027-01-31', reason: '本人住院' }),
    ).toMatchObject({ ok: false, rule: 'reissue-window' });
  });

  it.each([
    [{ status: 'active', hasOpenTransfer: false }, undefined],
    [{ status: 'active', hasOpenTransfer: true }, 'one-open-transfer'],
    [{ status: 'in_transfer', hasOpenTransfer: false }, 'one-open-transfer'],
    [{ status: 'suspended', hasOpenTransfer: false }, 'member-active'],
  ])('guards the start of a transfer: %j → %s', (member, rule) => {
    expect(startGuard(member)?.rule).toBe(rule);
  });
});
