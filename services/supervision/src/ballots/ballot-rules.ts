/**
 * 民主测评 as pure rules (rules.md §4 and §7): the grades of each kind of ballot, what a paper may
 * say, and the results — for members' appraisal, 优秀 for at most a third of those graded.
 */
export const KINDS = ['member_appraisal', 'cadre', 'commitment'] as const;

export function gradesOf(kind: string): string[] {
  return kind === 'member_appraisal'
    ? ['excellent', 'qualified', 'basically_qualified', 'unqualified']
    : ['satisfied', 'basically_satisfied', 'dissatisfied'];
}

export interface Candidate {
  id: string;
  name: string;
  graded: boolean;
}

/** At most a third of those graded may be 优秀 (rounded down). */
export const excellentCap = (graded: number) => Math.floor(graded / 3);

/** What is wrong with a paper, by field: every graded candidate once, known grades, the cap. */
export function paperProblems(kind: string, candidates: Candidate[], grades: Record<string, string>) {
  const allowed = gradesOf(kind);
  const graded = candidates.filter((c) => c.graded);
  const problems: {
    field: string;
    code: 'required' | 'not_one_of' | 'too_many';
    params?: Record<string, string | number>;
  }[] = [];
  for (const c of graded) {
    const grade = grades[c.id];
    if (grade === undefined) problems.push({ field: `grades.${c.id}`, code: 'required' });
    else if (!allowed.includes(grade))
      problems.push({ field: `grades.${c.id}`, code: 'not_one_of', params: { allowed: allowed.join(', ') } });
  }
  for (const id of Object.keys(grades))
    if (!graded.some((c) => c.id === id))
      problems.push({
        field: `grades.${id}`,
        code: 'not_one_of',
        params: { allowed: 'the ballot’s candidates' },
      });
  if (kind === 'member_appraisal') {
    const excellent = Object.values(grades).filter((g) => g === 'excellent').length;
    const cap = excellentCap(graded.length);
    if (excellent > cap) problems.push({ field: 'grades', code: 'too_many', params: { max: cap } });
  }
  return problems;
}

export interface Result {
  candidateId: string;
  name: string;
  counts: Record<string, number>;
  grade: string;
}

/**
 * Each candidate's counts and grade: the grade most papers gave (a tie goes to the lower grade). In
 * members' appraisal, when more than a third would be 优秀, those with the most 优秀 papers keep it
 * and the others are 合格.
 */
export function results(kind: string, candidates: Candidate[], papers: Record<string, string>[]): Result[] {
  const grades = gradesOf(kind);
  const rows = candidates
    .filter((c) => c.graded)
    .map((c) => {
      const counts = Object.fromEntries(grades.map((g) => [g, 0])) as Record<string, number>;
      for (const paper of papers) {
        const g = paper[c.id];
        if (g !== undefined && g in counts) counts[g] = (counts[g] ?? 0) + 1;
      }
      // Later grades are lower: on a tie the lower one wins (>=).
      let grade = '';
      let most = 0;
      for (const g of grades)
        if ((counts[g] ?? 0) >= most && (counts[g] ?? 0) > 0) {
          most = counts[g] ?? 0;
          grade = g;
        }
      return { candidateId: c.id, name: c.name, counts, grade };
    });
  if (kind === 'member_appraisal') {
    const cap = excellentCap(rows.length);
    const excellent = rows
      .filter((r) => r.grade === 'excellent')
      .sort(
        (a, b) =>
          (b.counts['excellent'] ?? 0) - (a.counts['excellent'] ?? 0) ||
          a.name.localeCompare(b.name, 'zh-CN'),
      );
    for (const r of excellent.slice(cap)) r.grade = 'qualified';
  }
  return rows;
}
