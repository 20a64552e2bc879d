/**
 * Party dues rules (rules.md §1, 中组部《关于中国共产党党费收缴、使用和管理的规定》2008) as pure
 * functions over integer fen (分). Money never passes through floating point: rates are kept in
 * basis points and products rounded half up with integer arithmetic.
 */
import { ruleText, type ProblemParams, type RuleName } from '@dangjian/contracts';
import { addMonths } from '@dangjian/kit';

/** Occupation categories whose dues are a percentage of a monthly base, and which bracket table applies. */
const SALARIED_BRACKETS = [
  { upToFen: 300_000, basisPoints: 50 }, // ≤ ¥3,000: 0.5%
  { upToFen: 500_000, basisPoints: 100 }, // ≤ ¥5,000: 1%
  { upToFen: 1_000_000, basisPoints: 150 }, // ≤ ¥10,000: 1.5%
  { upToFen: Number.POSITIVE_INFINITY, basisPoints: 200 }, // above: 2%
] as const;
const RETIRED_BRACKETS = [
  { upToFen: 500_000, basisPoints: 50 }, // pension ≤ ¥5,000: 0.5%
  { upToFen: Number.POSITIVE_INFINITY, basisPoints: 100 }, // above: 1%
] as const;

export const BASE_RATED_OCCUPATIONS = ['salaried', 'annual_salary', 'self_employed', 'retired'] as const;
/** Fixed monthly amounts: farmers pay a tenant-configured ¥0.2–1.0; students, the unemployed and those on relief ¥0.2. */
export const FIXED_AMOUNT_OCCUPATIONS = ['farmer', 'student', 'unemployed'] as const;
export const FARMER_MIN_FEN = 20;
export const FARMER_MAX_FEN = 100;
export const LOW_INCOME_FEN = 20;
/** A single voluntary payment of ¥1,000 or more is passed up in full (flagged on the ledger). */
export const LARGE_VOLUNTARY_FEN = 100_000;
/** Back payment reaches at most this many months before the current month. */
export const BACK_PAYMENT_MONTHS = 6;
/** monthly, or quarterly with the branch's consent (rules.md §1). */
export const PAYMENT_SCHEDULES = ['monthly', 'quarterly'] as const;
export type PaymentSchedule = (typeof PAYMENT_SCHEDULES)[number];

export const isBaseRated = (occupation: string): boolean =>
  (BASE_RATED_OCCUPATIONS as readonly string[]).includes(occupation);

/** The dues rate for a monthly base, in basis points (1 bp = 0.01%): upper bounds are inclusive. */
export function duesRateBasisPoints(occupation: string, baseFen: number): number {
  const brackets = occupation === 'retired' ? RETIRED_BRACKETS : SALARIED_BRACKETS;
  return brackets.find((bracket) => baseFen <= bracket.upToFen)!.basisPoints;
}

/** base × rate, rounded half up to the fen, exactly (integers only). */
export function percentageOfFen(baseFen: number, basisPoints: number): number {
  return Math.floor((baseFen * basisPoints + 5_000) / 10_000);
}

export interface AssessmentInput {
  occupation: string;
  /** The monthly base in fen, for base-rated occupations. */
  baseFen?: number;
  /** The tenant's farmer amount (¥0.2–1.0). */
  farmerMonthlyFen: number;
  /** Reduced or exempt by branch decision with higher approval; `reducedFen` is the reduced amount. */
  reduction: 'none' | 'reduced' | 'exempt';
  reducedFen?: number;
  branchDecidedOn?: string;
  higherApprovedOn?: string;
}

export type AssessmentOutcome =
  | { ok: true; monthlyFen: number; standardFen: number; basisPoints: number }
  | { ok: false; rule: RuleName; field: string; message: string };

/** The monthly amount a member owes under an assessment, or the rule the input breaks. */
export function assessMonthlyDues(input: AssessmentInput): AssessmentOutcome {
  let standardFen: number;
  let basisPoints = 0;
  if (isBaseRated(input.occupation)) {
    if (input.baseFen === undefined || !Number.isSafeInteger(input.baseFen) || input.baseFen < 0)
      return {
        ok: false,
        rule: 'dues-base-required',
        field: 'baseFen',
        message: 'a base-rated member needs a monthly base in fen (0 or more)',
      };
    basisPoints = duesRateBasisPoints(input.occupation, input.baseFen);
    standardFen = percentageOfFen(input.baseFen, basisPoints);
  } else if (input.occupation === 'farmer') {
    if (input.farmerMonthlyFen < FARMER_MIN_FEN || input.farmerMonthlyFen > FARMER_MAX_FEN)
      return {
        ok: false,
        rule: 'dues-farmer-range',
        field: 'farmerMonthlyFen',
        message: 'farmers pay ¥0.2–1.0 a month',
      };
    standardFen = input.farmerMonthlyFen;
  } else if ((FIXED_AMOUNT_OCCUPATIONS as readonly string[]).includes(input.occupation)) {
    standardFen = LOW_INCOME_FEN;
  } else {
    return {
      ok: false,
      rule: 'dues-occupation',
      field: 'occupation',
      message: `unknown occupation category ${input.occupation}`,
    };
  }
  if (input.reduction === 'none') return { ok: true, monthlyFen: standardFen, standardFen, basisPoints };
  // Reducing or exempting needs the branch's decision and the next-higher committee's approval.
  if (!input.branchDecidedOn)
    return {
      ok: false,
      rule: 'dues-reduction-approval',
      field: 'branchDecidedOn',
      message: 'a reduction or exemption needs the branch decision date',
    };
  if (!input.higherApprovedOn)
    return {
      ok: false,
      rule: 'dues-reduction-approval',
      field: 'higherApprovedOn',
      message: 'a reduction or exemption needs the higher committee approval date',
    };
  if (input.higherApprovedOn < input.branchDecidedOn)
    return {
      ok: false,
      rule: 'dues-reduction-approval',
      field: 'higherApprovedOn',
      message: 'the higher approval comes after the branch decision',
    };
  if (input.reduction === 'exempt') return { ok: true, monthlyFen: 0, standardFen, basisPoints };
  if (
    input.reducedFen === undefined ||
    !Number.isSafeInteger(input.reducedFen) ||
    input.reducedFen < 0 ||
    input.reducedFen >= standardFen
  )
    return {
      ok: false,
      rule: 'dues-reduced-amount',
      field: 'reducedFen',
      message: 'a reduced amount is below the standard amount (use exempt for zero)',
    };
  return { ok: true, monthlyFen: input.reducedFen, standardFen, basisPoints };
}

/** "YYYY-MM" of a date "YYYY-MM-DD". */
export const monthOf = (date: string): string => date.slice(0, 7);
/** The month `n` months after `month` ("YYYY-MM"). */
export const monthsAfter = (month: string, n: number): string => addMonths(`${month}-01`, n).slice(0, 7);

/** The last month ("YYYY-MM") of the calendar quarter that holds `month`. */
export const quarterEnd = (month: string): string =>
  `${month.slice(0, 4)}-${String(Math.ceil(Number(month.slice(5, 7)) / 3) * 3).padStart(2, '0')}`;

/**
 * Whether a payment made in `currentMonth` may cover `month` (rules.md §1, decision 0023): back
 * payment at most 6 months back; dues are paid monthly, so a month ahead of the current one needs the
 * branch's consent to pay quarterly, and a quarterly payer pays at most to the end of the quarter the
 * payment is made in. Returns the rule broken, or null.
 */
export function paymentMonthRule(
  month: string,
  currentMonth: string,
  schedule: PaymentSchedule = 'monthly',
): { rule: RuleName; message: string; params: ProblemParams } | null {
  const earliest = monthsAfter(currentMonth, -BACK_PAYMENT_MONTHS);
  if (month < earliest) {
    const params = { months: BACK_PAYMENT_MONTHS, earliest };
    return { rule: 'dues-back-payment-limit', message: ruleText('dues-back-payment-limit', params), params };
  }
  if (month > currentMonth && schedule === 'monthly') {
    const params = { month };
    return {
      rule: 'dues-ahead-needs-consent',
      message: ruleText('dues-ahead-needs-consent', params),
      params,
    };
  }
  if (month > quarterEnd(currentMonth)) {
    const params = { last: quarterEnd(currentMonth) };
    return { rule: 'dues-quarter-limit', message: ruleText('dues-quarter-limit', params), params };
  }
  return null;
}

/** The first month a member owes dues: a probationary member from the month the branch meeting accepted them. */
export function firstDuesMonth(member: { developmentStage: string; joinedOn?: string }): string | null {
  if (member.developmentStage !== 'full' && member.developmentStage !== 'probationary') return null;
  return member.joinedOn ? monthOf(member.joinedOn) : '0000-01';
}

/**
 * The assessment in force for a month: assessments are held for the year, and a pay change applies
 * from the month the new pay is received, so the latest one effective on or before the month wins
 * (history is never overwritten; a later record for the same month corrects an earlier one).
 */
export function assessmentInForce<T extends { effectiveFrom: string; recordedAt: string }>(
  assessments: T[],
  month: string,
): T | undefined {
  return assessments
    .filter((a) => a.effectiveFrom <= month)
    .sort(
      (a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.recordedAt.localeCompare(a.recordedAt),
    )[0];
}

/**
 * How far back an assessment may take effect (issue 14, decision 0019): a pay change applies from the
 * month the new pay is received (rules.md §1), and the amount is held for the year, so a late record
 * reaches back at most 12 months before the current one.
 */
export const ASSESSMENT_BACK_MONTHS = 12;

export function assessmentTooFarBack(effectiveFrom: string, currentMonth: string): boolean {
  return effectiveFrom < monthsAfter(currentMonth, -ASSESSMENT_BACK_MONTHS);
}

/**
 * What a new assessment does to one month already in the ledger: a month not yet paid is simply due
 * at the new amount; a month paid (in full: payments settle whole months) stays paid, and any rise
 * over what was paid for it (the ledger's payment and differences settled before) is a difference
 * owed on its own (补交差额). A lower amount leaves a paid month as it is: nothing is refunded.
 */
export type Reassessment =
  { kind: 'due'; dueFen: number } | { kind: 'difference'; differenceFen: number } | { kind: 'none' };

export function reassessMonth(
  month: { paid: boolean; paidFen: number; settledDifferencesFen: number },
  assessedFen: number,
): Reassessment {
  if (!month.paid) return { kind: 'due', dueFen: assessedFen };
  const paid = month.paidFen + month.settledDifferencesFen;
  return assessedFen > paid ? { kind: 'difference', differenceFen: assessedFen - paid } : { kind: 'none' };
}
