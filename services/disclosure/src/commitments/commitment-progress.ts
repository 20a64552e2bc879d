/**
 * How far a commitment has come, and how an organisation's subtree has (issue 17): each target counts
 * by its weight, achieved over target capped at 100%; the tree's figure is the commitments' figures
 * weighted by theirs — like Decidim's accountability results, where a parent's progress is its
 * children's, weighted.
 */
export interface Target {
  description: string;
  unit: string;
  target: number;
  weight: number;
}

/** 0–100, one decimal; 0 with no progress recorded or no measurable target. */
export function progressOf(targets: Target[], achieved: number[] | undefined): number {
  const measurable = targets.filter((t) => t.target > 0);
  const total = measurable.reduce((sum, t) => sum + t.weight, 0);
  if (!achieved || total === 0) return 0;
  const done = targets.reduce(
    (sum, t, i) =>
      t.target > 0 ? sum + t.weight * Math.min(1, Math.max(0, achieved[i] ?? 0) / t.target) : sum,
    0,
  );
  return Math.round((done / total) * 1000) / 10;
}

/** The weighted mean of the commitments' progress; 0 when there are none. */
export function rolledUp(commitments: { progress: number; weight: number }[]): number {
  const total = commitments.reduce((sum, c) => sum + c.weight, 0);
  if (total === 0) return 0;
  return Math.round((commitments.reduce((sum, c) => sum + c.weight * c.progress, 0) / total) * 10) / 10;
}

/** Whether a target can be measured: a positive number and a unit. */
export const measurable = (t: Target) => t.target > 0 && t.unit.trim().length > 0;

/** The periods of the tenant's cadence: Q1–Q4, or M01–M12. */
export function periodsOf(cadence: string): string[] {
  return cadence === 'monthly'
    ? Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`)
    : ['Q1', 'Q2', 'Q3', 'Q4'];
}
