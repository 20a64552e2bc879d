import { addMonths } from '@dangjian/kit';

export const DIMENSIONS = [
  'development_stage',
  'gender',
  'age_band',
  'ethnicity',
  'education',
  'occupation',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Counts = { key: string; count: number }[];

/**
 * The running tallies of a subtree (migration 20261122100000): its root's rows hold the whole
 * subtree's active members per dimension and key, kept current by triggers. A few thousand rows
 * (one per birth date and per step due date at most) however many members lie below.
 * $1: the subtree root's id.
 */
export const SUBTREE_TALLIES_SQL = `select dimension, key, count from member_tallies where organisation_id = $1::uuid and count <> 0`;

export interface TallyRow {
  dimension: string;
  key: string;
  count: number;
}

/** Age ≤ 30 on `today` ⇔ born after today − 31 years; likewise for 40, 50 and 60. */
export function ageBandBounds(today: string): [string, string, string, string] {
  return [
    addMonths(today, -31 * 12),
    addMonths(today, -41 * 12),
    addMonths(today, -51 * 12),
    addMonths(today, -61 * 12),
  ];
}

/** The age band of a birth date (YYYY-MM-DD) against bounds from ageBandBounds. */
export function ageBandOf(
  birthDate: string,
  [to30, to40, to50, to60]: [string, string, string, string],
): string {
  if (birthDate > to30) return '30_or_under';
  if (birthDate > to40) return '31_40';
  if (birthDate > to50) return '41_50';
  if (birthDate > to60) return '51_60';
  return '61_or_over';
}

const biggestFirst = (map: Map<string, number>): Counts =>
  [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));

/**
 * The statistics of a subtree on `today` from its tallies: counts per dimension (ages banded from
 * birth dates), the total, and the pipeline steps past due (tally key "<step> <due date>").
 */
export function statisticsFromTallies(
  rows: TallyRow[],
  today: string,
): { total: number; byDimension: Record<Dimension, Counts>; overdueSteps: Counts } {
  const maps = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as Record<
    Dimension,
    Map<string, number>
  >;
  const overdue = new Map<string, number>();
  const bounds = ageBandBounds(today);
  const add = (map: Map<string, number>, key: string, count: number) =>
    map.set(key, (map.get(key) ?? 0) + count);
  for (const row of rows) {
    if (row.dimension === 'birth_date') add(maps.age_band, ageBandOf(row.key, bounds), row.count);
    else if (row.dimension === 'step_due') {
      const [step = '', dueOn = ''] = row.key.split(' ');
      if (dueOn < today) add(overdue, step, row.count);
    } else if ((DIMENSIONS as readonly string[]).includes(row.dimension))
      add(maps[row.dimension as Dimension], row.key, row.count);
  }
  const total = [...maps.development_stage.values()].reduce((sum, count) => sum + count, 0);
  const byDimension = Object.fromEntries(DIMENSIONS.map((d) => [d, biggestFirst(maps[d])])) as Record<
    Dimension,
    Counts
  >;
  return { total, byDimension, overdueSteps: biggestFirst(overdue) };
}
