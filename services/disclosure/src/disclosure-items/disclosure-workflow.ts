/**
 * The workflow of a disclosure item (rules.md §6) as pure rules, so every state × action is tested
 * as a table (disclosure-workflow.spec.ts). There is no way from proposed to published that skips
 * the confidentiality review or the approval: force-publish does not exist.
 */
export const STORED_STATES = ['proposed', 'returned', 'awaiting_approval', 'approved', 'withdrawn'] as const;
export type StoredState = (typeof STORED_STATES)[number];

export const ACTIONS = [
  'review_pass',
  'review_return',
  'approve',
  'approval_return',
  'resubmit',
  'withdraw',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What a reader sees: the stored state, with an approved item's window applied. */
export type Status =
  'proposed' | 'returned' | 'awaiting_approval' | 'scheduled' | 'published' | 'expired' | 'withdrawn';

export interface WorkflowFacts {
  state: StoredState;
  startsAt: Date;
  endsAt: Date | null;
  now: Date;
  /** Findings of the confidentiality review not removed and not allowed. */
  unresolvedFindings: number;
}

export type Outcome =
  | { ok: true; state: StoredState }
  | { ok: false; rule: 'disclosure-state' | 'disclosure-findings' | 'disclosure-window' };

export function statusOf(
  item: { state: StoredState; startsAt: Date; endsAt: Date | null },
  now: Date,
): Status {
  if (item.state !== 'approved') return item.state;
  if (now < item.startsAt) return 'scheduled';
  if (item.endsAt && now >= item.endsAt) return 'expired';
  return 'published';
}

const MOVES: Record<StoredState, Partial<Record<Action, StoredState>>> = {
  proposed: { review_pass: 'awaiting_approval', review_return: 'returned', withdraw: 'withdrawn' },
  returned: { resubmit: 'proposed', withdraw: 'withdrawn' },
  awaiting_approval: { approve: 'approved', approval_return: 'returned', withdraw: 'withdrawn' },
  approved: { withdraw: 'withdrawn' },
  withdrawn: {},
};

export function next(action: Action, facts: WorkflowFacts): Outcome {
  const to = MOVES[facts.state][action];
  if (!to) return { ok: false, rule: 'disclosure-state' };
  // An item whose window has closed is history: it is not withdrawn, it expired.
  if (action === 'withdraw' && statusOf(facts, facts.now) === 'expired')
    return { ok: false, rule: 'disclosure-state' };
  if (action === 'review_pass' && facts.unresolvedFindings > 0)
    return { ok: false, rule: 'disclosure-findings' };
  if (action === 'approve' && facts.endsAt && facts.endsAt <= facts.now)
    return { ok: false, rule: 'disclosure-window' };
  return { ok: true, state: to };
}

/** Audiences wider than the organisation's own members, and personnel matters, are the parent's to approve. */
export function beyondAuthority(item: { audience: string; category: string }): boolean {
  return item.audience === 'tenant' || item.audience === 'public' || item.category === 'personnel';
}
