/**
 * Branch formation (rules.md §4, 《中国共产党支部工作条例（试行）》2018): warnings shown to the
 * tenant, never enforced.
 * - ≥ 3 full members form a branch; fewer → a joint branch;
 * - ≥ 7 full members → a branch committee;
 * - a branch usually has ≤ 50 members; ≥ 50 suggests a general branch, ≥ 100 a grassroots committee.
 */
export type FormationWarning =
  | 'fewer-than-3-full-members'
  | 'committee-needed-at-7-full-members'
  | 'general-branch-suggested-at-50-members'
  | 'committee-suggested-at-100-members';

export interface BranchFacts {
  kind: string;
  joint: boolean;
  /** Active full members (正式党员) directly in the branch. */
  fullMembers: number;
  /** Active full and probationary members directly in the branch. */
  partyMembers: number;
  /** The branch has a committee: current committee-member or deputy-secretary positions. */
  hasCommittee: boolean;
}

export function formationWarnings(facts: BranchFacts): FormationWarning[] {
  if (facts.kind !== 'branch') return [];
  const warnings: FormationWarning[] = [];
  if (facts.fullMembers < 3 && !facts.joint) warnings.push('fewer-than-3-full-members');
  if (facts.fullMembers >= 7 && !facts.hasCommittee) warnings.push('committee-needed-at-7-full-members');
  if (facts.partyMembers >= 100) warnings.push('committee-suggested-at-100-members');
  else if (facts.partyMembers >= 50) warnings.push('general-branch-suggested-at-50-members');
  return warnings;
}
