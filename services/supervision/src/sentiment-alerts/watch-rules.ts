/**
 * 舆情预警 as pure rules: which alert words an appeal holds, and when appeals of one category in one
 * place are a spike against the weeks before.
 */

/** A spike needs at least this many appeals in the last 7 days… */
export const SPIKE_MINIMUM = 5;
/** …and at least this many times the weekly average of the 4 weeks before. */
export const SPIKE_FACTOR = 2;
export const RECENT_DAYS = 7;
export const TRAILING_WEEKS = 4;

/** The alert words found in the text (case and width of Latin letters ignored), each once. */
export function keywordsIn(text: string, keywords: readonly string[]): string[] {
  const haystack = text.normalize('NFKC').toLowerCase();
  return [
    ...new Set(
      keywords.filter((k) => k.trim() && haystack.includes(k.normalize('NFKC').trim().toLowerCase())),
    ),
  ];
}

/** The tenant's alert words as saved: trimmed, no blanks, no repeats, at most 100 of 1–20 characters. */
export function cleanKeywords(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter(Boolean))];
}

export interface Spike {
  count: number;
  baseline: number;
}

/**
 * Whether `recent` appeals in the last 7 days, against `trailing` in the 4 weeks before, are a spike:
 * at least SPIKE_MINIMUM, and at least SPIKE_FACTOR times the weekly average of the weeks before.
 */
export function spike(recent: number, trailing: number): Spike | undefined {
  const baseline = trailing / TRAILING_WEEKS;
  return recent >= SPIKE_MINIMUM && recent >= SPIKE_FACTOR * baseline
    ? { count: recent, baseline }
    : undefined;
}
