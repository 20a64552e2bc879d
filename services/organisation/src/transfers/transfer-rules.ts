import {
  TRANSFER_REQUESTED_ACTIONS,
  TRANSFER_STATES,
  type ProblemParams,
  type RuleName,
} from '@dangjian/contracts';
import { addDays, addMonths } from '@dangjian/kit';

/**
 * 组织关系转接 (rules.md §5) as a pure state machine, ahead of the transfer service (issue 4):
 * applied → approved (one or two levels) → letter issued → reported in → receipt returned; plus
 * sent back with a reason, withdrawn, voided, expired by the clock and re-issued within 6 months.
 * Every refused move names its rule.
 */
export { TRANSFER_STATES };
export type TransferState = (typeof TRANSFER_STATES)[number];

export const TRANSFER_ACTIONS = [...TRANSFER_REQUESTED_ACTIONS, 'expire'] as const;
export type TransferAction = (typeof TRANSFER_ACTIONS)[number];

/** rules.md §5: letters valid 90 days by default, configurable, never above 6 months. */
export const DEFAULT_LETTER_VALIDITY_DAYS = 90;
export const MAX_LETTER_VALIDITY_MONTHS = 6;
/** An expired letter may be re-issued within 6 months of expiring, for an objective reason. */
export const REISSUE_WITHIN_MONTHS = 6;

export interface TransferFacts {
  state: TransferState;
  /** 1 or 2 approval levels (tenant setting). */
  approvalLevels: 1 | 2;
  /** YYYY-MM-DD the letter was issued and the last day it is valid, once issued. */
  issuedOn?: string;
  validUntil?: string;
  /** When the letter expired (the day after validUntil), once expired. */
  expiredOn?: string;
}

export interface TransferMove {
  action: TransferAction;
  today: string;
  reason?: string;
  validityDays?: number;
}

export type TransferOutcome =
  | { ok: true; state: TransferState; validUntil?: string }
  | { ok: false; rule: RuleName; message: string; params?: ProblemParams };

const refuse = (rule: RuleName, message: string, params?: ProblemParams): TransferOutcome => ({
  ok: false,
  rule,
  message,
  ...(params ? { params } : {}),
});
/** Closed transfers; after one is sent back, withdrawn or voided the member may apply again. */
const FINAL: TransferState[] = ['receipt_returned', 'withdrawn', 'voided', 'sent_back'];

/** The last valid day of a letter issued on `issuedOn` for `days` days (the issue day counts). */
export function letterValidUntil(issuedOn: string, days: number): string {
  return addDays(issuedOn, days - 1);
}

/** Whether a letter of `days` days stays within the 6-month ceiling from its issue date. */
export function validityAllowed(issuedOn: string, days: number): boolean {
  return (
    Number.isInteger(days) &&
    days >= 1 &&
    letterValidUntil(issuedOn, days) < addMonths(issuedOn, MAX_LETTER_VALIDITY_MONTHS)
  );
}

export function moveTransfer(transfer: TransferFacts, move: TransferMove): TransferOutcome {
  const { state } = transfer;
  if (FINAL.includes(state))
    return refuse('transfer-closed', `a transfer that is ${state} does not change any more`);
  const needsReason = (rule: RuleName) =>
    move.reason?.trim() ? undefined : refuse(rule, `${move.action} needs a reason`);
  switch (move.action) {
    case 'approve':
      if (state === 'applied')
        return { ok: true, state: transfer.approvalLevels === 2 ? 'first_approved' : 'approved' };
      if (state === 'first_approved') return { ok: true, state: 'approved' };
      return refuse(
        'transfer-order',
        `only an applied transfer awaiting approval can be approved, not one that is ${state}`,
      );
    case 'send_back':
      // The approvers send an application back; the receiving side sends back a letter it cannot accept.
      if (state === 'applied' || state === 'first_approved' || state === 'letter_issued')
        return needsReason('send-back-reason') ?? { ok: true, state: 'sent_back' };
      return refuse('transfer-order', `a transfer that is ${state} cannot be sent back`);
    case 'withdraw':
      if (state === 'applied' || state === 'first_approved' || state === 'approved')
        return { ok: true, state: 'withdrawn' };
      return refuse(
        'transfer-order',
        'a transfer is withdrawn before its letter is issued; void the letter instead',
      );
    case 'issue_letter': {
      if (state !== 'approved')
        return refuse(
          'transfer-order',
          `a letter is issued for an approved transfer, not one that is ${state}`,
        );
      const days = move.validityDays ?? DEFAULT_LETTER_VALIDITY_DAYS;
      if (!validityAllowed(move.today, days))
        return refuse(
          'letter-validity',
          `a letter is valid for at most ${MAX_LETTER_VALIDITY_MONTHS} months`,
          { months: MAX_LETTER_VALIDITY_MONTHS },
        );
      return { ok: true, state: 'letter_issued', validUntil: letterValidUntil(move.today, days) };
    }
    case 'report_in':
      if (state !== 'letter_issued')
        return refuse(
          'transfer-order',
          `a member reports in with an issued letter, not one that is ${state}`,
        );
      if (transfer.validUntil && move.today > transfer.validUntil)
        return refuse('letter-expired', `the letter was valid until ${transfer.validUntil}`, {
          validUntil: transfer.validUntil,
        });
      return { ok: true, state: 'reported_in' };
    case 'return_receipt':
      if (state !== 'reported_in')
        return refuse('transfer-order', 'the receipt is returned after the member reported in');
      return { ok: true, state: 'receipt_returned' };
    case 'void':
      if (state !== 'letter_issued' && state !== 'expired')
        return refuse(
          'transfer-order',
          `only an issued or expired letter can be voided, not one that is ${state}`,
        );
      return needsReason('void-reason') ?? { ok: true, state: 'voided' };
    case 'expire':
      if (state !== 'letter_issued')
        return refuse('transfer-order', `only an issued letter expires, not one that is ${state}`);
      if (!transfer.validUntil || move.today <= transfer.validUntil)
        return refuse('letter-still-valid', `the letter is valid until ${transfer.validUntil ?? '?'}`, {
          validUntil: transfer.validUntil ?? '',
        });
      return { ok: true, state: 'expired' };
    case 'reissue': {
      if (state !== 'expired')
        return refuse('transfer-order', `only an expired letter is re-issued, not one that is ${state}`);
      const reasonProblem = needsReason('reissue-reason');
      if (reasonProblem) return reasonProblem;
      if (!transfer.expiredOn || move.today > addMonths(transfer.expiredOn, REISSUE_WITHIN_MONTHS)) {
        return refuse(
          'reissue-window',
          `a letter is re-issued within ${REISSUE_WITHIN_MONTHS} months of expiring`,
          { months: REISSUE_WITHIN_MONTHS },
        );
      }
      const days = move.validityDays ?? DEFAULT_LETTER_VALIDITY_DAYS;
      if (!validityAllowed(move.today, days))
        return refuse(
          'letter-validity',
          `a letter is valid for at most ${MAX_LETTER_VALIDITY_MONTHS} months`,
          { months: MAX_LETTER_VALIDITY_MONTHS },
        );
      return { ok: true, state: 'letter_issued', validUntil: letterValidUntil(move.today, days) };
    }
  }
}

/** The guards of rules.md §5 on starting a transfer or adding a member by hand elsewhere. */
export function startGuard(member: {
  status: string;
  hasOpenTransfer: boolean;
}): { rule: RuleName; message: string } | undefined {
  if (member.hasOpenTransfer || member.status === 'in_transfer')
    return { rule: 'one-open-transfer', message: 'the member already has an open transfer' };
  if (member.status !== 'active')
    return { rule: 'member-active', message: `a member whose status is ${member.status} is not transferred` };
  return undefined;
}
