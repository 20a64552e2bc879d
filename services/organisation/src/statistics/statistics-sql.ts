import { addMonths } from '@dangjian/kit';

export const DIMENSIONS = ['development_stage', 'gender', 'age_band', 'ethnicity', 'education', 'occupation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/**
 * Active members of a subtree counted by every combination of the dimensions in one hash
 * aggregate (a few thousand groups at most); the caller rolls the combinations up per dimension.
 * Measured on 1,000,000 members this beat GROUPING SETS, whose per-set sorts spill to disk
 * (docs/decisions/0011). Ages come from birth-date bounds computed once, not age() per row.
 * $1: the subtree root's path; $2–$5: the birth dates that bound the age bands (see ageBandBounds).
 */
export const MEMBER_STATISTICS_SQL = `select m.development_stage, m.gender, m.ethnicity, m.education, m.occupation,
   case
     when m.birth_date > $2::date then '30_or_under'
     when m.birth_date > $3::date then '31_40'
     when m.birth_date > $4::date then '41_50'
     when m.birth_date > $5::date then '51_60'
     else '61_or_over'
   end as age_band,
   count(*)::int as count
 from members m join organisations o on o.id = m.organisation_id
 where o.path like $1 || '%' and m.status = 'active'
 group by 1, 2, 3, 4, 5, 6`;

/** Age ≤ 30 on `today` ⇔ born after today − 31 years; likewise for 40, 50 and 60. */
export function ageBandBounds(today: string): [string, string, string, string] {
  return [addMonths(today, -31 * 12), addMonths(today, -41 * 12), addMonths(today, -51 * 12), addMonths(today, -61 * 12)];
}

export type StatisticsRow = Record<Dimension, string | null> & { count: number };

/** Counts per key for each dimension, biggest first, from the combination rows. */
export function rollUp(rows: StatisticsRow[]): { total: number; byDimension: Record<Dimension, { key: string; count: number }[]> } {
  const maps = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as Record<Dimension, Map<string, number>>;
  let total = 0;
  for (const row of rows) {
    total += row.count;
    for (const d of DIMENSIONS) maps[d].set(row[d] ?? '', (maps[d].get(row[d] ?? '') ?? 0) + row.count);
  }
  const byDimension = Object.fromEntries(
    DIMENSIONS.map((d) => [d, [...maps[d]].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))]),
  ) as Record<Dimension, { key: string; count: number }[]>;
  return { total, byDimension };
}
