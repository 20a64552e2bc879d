import { addDays } from '@dangjian/kit';

export type PositionKindName = 'secretary' | 'deputy_secretary' | 'committee_member';

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
