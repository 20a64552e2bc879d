import { excellentCap, paperProblems, results } from './ballot-rules.js';

const members = [
  { id: 'a', name: '甲', graded: true },
  { id: 'b', name: '乙', graded: true },
  { id: 'c', name: '丙', graded: true },
  { id: 'd', name: '丁', graded: true },
  { id: 'p', name: '预备', graded: false },
];

describe('appraisal ballots', () => {
  it('lets at most a third of those graded be 优秀', () => {
    expect([2, 3, 4, 6, 7].map(excellentCap)).toEqual([0, 1, 1, 2, 2]);
  });

  it('wants every graded candidate once, known grades, and the cap on each paper', () => {
    expect(
      paperProblems('member_appraisal', members, {
        a: 'excellent',
        b: 'qualified',
        c: 'qualified',
        d: 'qualified',
      }),
    ).toEqual([]);
    expect(
      paperProblems('member_appraisal', members, {
        a: 'excellent',
        b: 'excellent',
        c: 'qualified',
        d: 'qualified',
      }),
    ).toEqual([{ field: 'grades', code: 'too_many', params: { max: 1 } }]);
    const missing = paperProblems('member_appraisal', members, {
      a: 'qualified',
      b: 'good',
      c: 'qualified',
      p: 'qualified',
    });
    expect(missing.map((p) => `${p.field}:${p.code}`)).toEqual([
      'grades.b:not_one_of',
      'grades.d:required',
      'grades.p:not_one_of',
    ]);
    expect(paperProblems('cadre', [{ id: 'x', name: '王', graded: true }], { x: 'satisfied' })).toEqual([]);
    expect(paperProblems('cadre', [{ id: 'x', name: '王', graded: true }], { x: 'excellent' })[0]!.code).toBe(
      'not_one_of',
    );
  });

  it('gives each the grade most papers gave, the lower on a tie, and caps 优秀 at a third', () => {
    const papers = [
      { a: 'excellent', b: 'qualified', c: 'qualified', d: 'unqualified' },
      { a: 'excellent', b: 'excellent', c: 'qualified', d: 'basically_qualified' },
      { a: 'qualified', b: 'excellent', c: 'excellent', d: 'basically_qualified' },
    ];
    const graded = results('member_appraisal', members, papers);
    expect(graded.map((r) => [r.name, r.grade])).toEqual([
      ['甲', 'excellent'],
      // 乙 also has most papers 优秀, but only one of four may be: 甲 and 乙 tie on 2, 甲 first by name order.
      ['乙', 'qualified'],
      ['丙', 'qualified'],
      ['丁', 'basically_qualified'],
    ]);
    expect(graded[0]!.counts).toEqual({ excellent: 2, qualified: 1, basically_qualified: 0, unqualified: 0 });
    // The probationary member voted but is not graded.
    expect(graded.map((r) => r.candidateId)).not.toContain('p');
    expect(
      results(
        'cadre',
        [{ id: 'x', name: '王', graded: true }],
        [{ x: 'satisfied' }, { x: 'dissatisfied' }],
      )[0]!.grade,
    ).toBe('dissatisfied');
  });
});
