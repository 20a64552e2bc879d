import {
  assessmentInForce,
  assessmentTooFarBack,
  reassessMonth,
  assessMonthlyDues,
  duesRateBasisPoints,
  firstDuesMonth,
  monthsAfter,
  paymentMonthRule,
  percentageOfFen,
  quarterEnd,
  type AssessmentInput,
} from './dues-rules.js';

const assess = (input: Partial<AssessmentInput>) =>
  assessMonthlyDues({ occupation: 'salaried', farmerMonthlyFen: 50, reduction: 'none', ...input });
const yuan = (amount: string) => Math.round(Number(amount) * 100); // test inputs only: "3000.01" → 300001 fen

describe('party dues brackets (rules.md §1), in fen', () => {
  // [occupation, monthly base in yuan, rate in basis points, monthly dues in fen]
  const cases: [string, string, number, number][] = [
    ['salaried', '0', 50, 0],
    ['salaried', '2999.99', 50, 1500], // 14.99995 → 15.00 (half up)
    ['salaried', '3000', 50, 1500], // upper bound inclusive
    ['salaried', '3000.01', 100, 3000], // 30.0001 → 30.00
    ['salaried', '5000', 100, 5000],
    ['salaried', '5000.01', 150, 7500], // 75.00015 → 75.00
    ['salaried', '10000', 150, 15000],
    ['salaried', '10000.01', 200, 20000], // 200.0002 → 200.00
    ['salaried', '25000', 200, 50000],
    ['annual_salary', '3000.01', 100, 3000],
    ['self_employed', '10000.01', 200, 20000],
    ['retired', '3000.01', 50, 1500], // retired: 0.5% up to 5000
    ['retired', '5000', 50, 2500],
    ['retired', '5000.01', 100, 5000],
    ['retired', '12000', 100, 12000],
  ];
  it.each(cases)('%s with a base of ¥%s pays %i bp → %i fen', (occupation, base, basisPoints, fen) => {
    expect(duesRateBasisPoints(occupation, yuan(base))).toBe(basisPoints);
    expect(assess({ occupation, baseFen: yuan(base) })).toEqual({
      ok: true,
      monthlyFen: fen,
      standardFen: fen,
      basisPoints,
    });
  });

  it('rounds half up to the fen, exactly', () => {
    expect(percentageOfFen(300, 50)).toBe(2); // 1.5 fen → 2
    expect(percentageOfFen(299, 50)).toBe(1); // 1.495 → 1
    expect(percentageOfFen(4_321_987, 150)).toBe(64_830); // 64829.805 → 64830
    expect(percentageOfFen(333_333, 150)).toBe(5_000); // 4999.995 → 5000
  });

  it('charges fixed amounts: farmers the tenant amount within ¥0.2–1.0, students and the unemployed ¥0.2', () => {
    expect(assess({ occupation: 'farmer', farmerMonthlyFen: 20 })).toMatchObject({
      ok: true,
      monthlyFen: 20,
    });
    expect(assess({ occupation: 'farmer', farmerMonthlyFen: 100 })).toMatchObject({
      ok: true,
      monthlyFen: 100,
    });
    expect(assess({ occupation: 'farmer', farmerMonthlyFen: 101 })).toMatchObject({
      ok: false,
      rule: 'dues-farmer-range',
    });
    expect(assess({ occupation: 'farmer', farmerMonthlyFen: 19 })).toMatchObject({
      ok: false,
      rule: 'dues-farmer-range',
    });
    expect(assess({ occupation: 'student', baseFen: 900_000 })).toMatchObject({ ok: true, monthlyFen: 20 });
    expect(assess({ occupation: 'unemployed' })).toMatchObject({ ok: true, monthlyFen: 20 });
  });

  it('needs a base for base-rated members', () => {
    expect(assess({ occupation: 'salaried' })).toMatchObject({
      ok: false,
      rule: 'dues-base-required',
      field: 'baseFen',
    });
    expect(assess({ occupation: 'retired', baseFen: -1 })).toMatchObject({ ok: false, field: 'baseFen' });
    expect(assess({ occupation: 'salaried', baseFen: 1.5 })).toMatchObject({ ok: false, field: 'baseFen' });
  });

  it('reduces or exempts only with the branch decision and a later higher approval', () => {
    const base = { occupation: 'salaried', baseFen: 800_000 }; // 1.5% → 12000 fen
    expect(assess({ ...base, reduction: 'exempt' })).toMatchObject({ ok: false, field: 'branchDecidedOn' });
    expect(assess({ ...base, reduction: 'exempt', branchDecidedOn: '2026-03-01' })).toMatchObject({
      ok: false,
      field: 'higherApprovedOn',
    });
    expect(
      assess({ ...base, reduction: 'exempt', branchDecidedOn: '2026-03-01', higherApprovedOn: '2026-02-28' }),
    ).toMatchObject({ ok: false, rule: 'dues-reduction-approval' });
    expect(
      assess({ ...base, reduction: 'exempt', branchDecidedOn: '2026-03-01', higherApprovedOn: '2026-03-01' }),
    ).toEqual({ ok: true, monthlyFen: 0, standardFen: 12_000, basisPoints: 150 });
    const approved = {
      ...base,
      reduction: 'reduced' as const,
      branchDecidedOn: '2026-03-01',
      higherApprovedOn: '2026-03-10',
    };
    expect(assess({ ...approved, reducedFen: 5_000 })).toMatchObject({
      ok: true,
      monthlyFen: 5_000,
      standardFen: 12_000,
    });
    expect(assess({ ...approved, reducedFen: 12_000 })).toMatchObject({
      ok: false,
      rule: 'dues-reduced-amount',
    });
    expect(assess({ ...approved })).toMatchObject({ ok: false, field: 'reducedFen' });
  });
});

describe('which months a payment may cover', () => {
  it('allows back payment of at most 6 months', () => {
    expect(paymentMonthRule('2026-05', '2026-11')).toBeNull(); // 6 months back
    expect(paymentMonthRule('2026-04', '2026-11')).toMatchObject({ rule: 'dues-back-payment-limit' });
    expect(paymentMonthRule('2025-12', '2026-06')).toBeNull(); // across the year
    expect(paymentMonthRule('2025-11', '2026-06')).toMatchObject({ rule: 'dues-back-payment-limit' });
    expect(paymentMonthRule('2026-05', '2026-11', 'quarterly')).toBeNull();
    expect(paymentMonthRule('2026-04', '2026-11', 'quarterly')).toMatchObject({
      rule: 'dues-back-payment-limit',
    });
  });

  it('pays monthly: a month ahead only with the branch’s consent to pay quarterly', () => {
    expect(paymentMonthRule('2026-11', '2026-11')).toBeNull();
    expect(paymentMonthRule('2026-12', '2026-11')).toMatchObject({
      rule: 'dues-ahead-needs-consent',
      params: { month: '2026-12' },
    });
    expect(paymentMonthRule('2026-12', '2026-11', 'quarterly')).toBeNull();
  });

  it('lets a quarterly payer pay to the end of the quarter the payment is made in, not beyond', () => {
    for (const [current, last] of [
      ['2026-01', '2026-03'],
      ['2026-03', '2026-03'],
      ['2026-04', '2026-06'],
      ['2026-09', '2026-09'],
      ['2026-10', '2026-12'],
      ['2026-12', '2026-12'],
    ] as const) {
      expect(quarterEnd(current)).toBe(last);
      expect(paymentMonthRule(last, current, 'quarterly')).toBeNull();
      expect(paymentMonthRule(monthsAfter(last, 1), current, 'quarterly')).toMatchObject({
        rule: 'dues-quarter-limit',
        params: { last },
      });
    }
  });

  it('starts a probationary member’s dues in the month the branch meeting accepted them', () => {
    expect(firstDuesMonth({ developmentStage: 'probationary', joinedOn: '2026-03-31' })).toBe('2026-03');
    expect(firstDuesMonth({ developmentStage: 'candidate' })).toBeNull();
  });
});

describe('the assessment in force for a month', () => {
  const history = [
    { id: 'yearly', effectiveFrom: '2026-01', recordedAt: '2026-01-05T00:00:00Z' },
    { id: 'pay-rise', effectiveFrom: '2026-07', recordedAt: '2026-07-20T00:00:00Z' },
    { id: 'pay-rise-corrected', effectiveFrom: '2026-07', recordedAt: '2026-07-25T00:00:00Z' },
  ];
  it('re-assesses from the month the new pay is received, keeping the earlier months as they were', () => {
    expect(assessmentInForce(history, '2026-06')?.id).toBe('yearly');
    expect(assessmentInForce(history, '2026-07')?.id).toBe('pay-rise-corrected');
    expect(assessmentInForce(history, '2026-12')?.id).toBe('pay-rise-corrected');
    expect(assessmentInForce(history, '2025-12')).toBeUndefined();
  });
});

describe('a re-assessment of months already in the ledger (issue 14: a paid month stays paid)', () => {
  it.each([
    // [paid, paid fen, differences settled, assessed fen, outcome]
    [false, 0, 0, 24_000, { kind: 'due', dueFen: 24_000 }],
    [false, 0, 0, 5_000, { kind: 'due', dueFen: 5_000 }],
    [true, 9_750, 0, 24_000, { kind: 'difference', differenceFen: 14_250 }],
    [true, 9_750, 0, 9_751, { kind: 'difference', differenceFen: 1 }],
    [true, 9_750, 0, 9_750, { kind: 'none' }],
    [true, 9_750, 0, 5_000, { kind: 'none' }],
    [true, 9_750, 14_250, 24_000, { kind: 'none' }],
    [true, 9_750, 14_250, 30_000, { kind: 'difference', differenceFen: 6_000 }],
    [true, 0, 0, 20, { kind: 'difference', differenceFen: 20 }], // an exempt month paid at 0, then assessed
  ] as const)(
    'paid %s at %i fen (+%i settled), assessed %i → %o',
    (paid, paidFen, settled, assessed, outcome) => {
      expect(reassessMonth({ paid, paidFen, settledDifferencesFen: settled }, assessed)).toEqual(outcome);
    },
  );

  it('lets an assessment reach back 12 months, not 13', () => {
    expect(assessmentTooFarBack('2025-11', '2026-11')).toBe(false);
    expect(assessmentTooFarBack('2025-10', '2026-11')).toBe(true);
    expect(assessmentTooFarBack('2026-12', '2026-11')).toBe(false);
  });
});
