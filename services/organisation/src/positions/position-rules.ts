import { PositionKind } from '@dangjian/contracts';
import { addDays } from '@dangjian/kit';

export type PositionKindName = 'secretary' | 'deputy_secretary' | 'committee_member';

export const POSITION_KIND_NAMES: Record<PositionKind, PositionKindName | undefined> = {
  [PositionKind.UNSPECIFIED]: undefined,
  [PositionKind.SECRETARY]: 'secretary',
  [PositionKind.DEPUTY_SECRETARY]: 'deputy_secretary',
  [PositionKind.COMMITTEE_MEMBER]: 'committee_member',
};

export const POSITION_KIND_OF_NAME = Object.fromEntries(
  Object.entries(POSITION_KIND_NAMES).filter(([, n]) => n).map(([k, n]) => [n, Number(k) as PositionKind]),
) as Record<PositionKindName, PositionKind>;

/** A term ending within this many days is flagged for re-election (issue 3; local practice). */
export const TERM_ENDING_SOON_DAYS = 90;

export interface TermDates {
  termStart: string;
  termEnd: string;
  endedOn: string | null;
}

/** Started, not ended early, term not over — on `today` (YYYY-MM-DD, China time). */
export function isCurrent(term: TermDates, today: string): boolean {
  return term.endedOn === null && term.termStart <= today && today <= term.termEnd;
}

export function isTermEndingSoon(term: TermDates, today: string): boolean {
  return isCurrent(term, today) && term.termEnd <= addDays(today, TERM_ENDING_SOON_DAYS);
}

/** Two terms overlap when each starts before the other (effectively) ends. */
export function termsOverlap(a: TermDates, b: TermDates): boolean {
  const aEnd = a.endedOn ?? a.termEnd;
  const bEnd = b.endedOn ?? b.termEnd;
  return a.termStart <= bEnd && b.termStart <= aEnd;
}
