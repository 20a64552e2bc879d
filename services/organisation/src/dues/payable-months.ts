import { dateColumn, dateOnly, fieldProblem, ruleProblem, RuleViolatedError } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { Member } from '../generated/prisma/client.js';
import { firstDuesMonth, paymentMonthRule, type PaymentSchedule } from './dues-rules.js';
import { DUES_MONTH_SQL } from './ledger-sql.js';

const monthColumn = (month: string) => dateColumn(`${month}-01`);
const monthOfColumn = (value: Date) => dateOnly(value).slice(0, 7);

/**
 * The months a payment may settle for a member, and what they still owe (rules.md §1): monthly, or
 * to the quarter's end with the branch's consent; back at most 6 months; not before the member owes
 * dues; each month assessed and not yet paid. The treasurer's record and an online order both ask
 * this before any money moves.
 */
export async function payableMonths(
  tx: OrganisationTx,
  member: Pick<Member, 'id' | 'developmentStage' | 'joinedOn'>,
  months: string[],
  currentMonth: string,
) {
  // Monthly, or quarterly where the assessment in force this month records the branch's consent.
  const inForce = await tx.duesAssessment.findFirst({
    where: { memberId: member.id, effectiveFrom: { lte: monthColumn(currentMonth) } },
    orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }],
    select: { paymentSchedule: true },
  });
  const schedule = (inForce?.paymentSchedule ?? 'monthly') as PaymentSchedule;
  const broken = months
    .map((month) => ({ month, broken: paymentMonthRule(month, currentMonth, schedule) }))
    .find((m) => m.broken);
  if (broken) {
    const { rule, message, params } = broken.broken!;
    throw new RuleViolatedError(
      rule,
      message,
      [ruleProblem('months', rule, { ...params, month: broken.month }, `${broken.month}: ${message}`)],
      params,
    );
  }
  const first = firstDuesMonth({
    developmentStage: member.developmentStage,
    ...(member.joinedOn ? { joinedOn: dateOnly(member.joinedOn) } : {}),
  });
  if (!first)
    throw new RuleViolatedError('dues-not-owed', 'only full and probationary members pay dues', [
      fieldProblem('memberId', 'not_full_or_probationary'),
    ]);
  const early = months.find((month) => month < first);
  if (early)
    throw new RuleViolatedError(
      'dues-before-joining',
      undefined,
      [fieldProblem('months', 'month_before', { month: early, first })],
      { first },
    );
  // Months not yet in the ledger (not run yet, or paid ahead) get their row from the assessment in force.
  await tx.$executeRawUnsafe(
    DUES_MONTH_SQL,
    months.map((month) => `${month}-01`),
    [member.id],
  );
  const entries = await tx.duesLedgerEntry.findMany({
    where: { memberId: member.id, month: { in: months.map(monthColumn) } },
    orderBy: { month: 'asc' },
  });
  const missing = months.filter((month) => !entries.some((e) => monthOfColumn(e.month) === month));
  if (missing.length > 0)
    throw new RuleViolatedError('dues-unassessed', undefined, [
      fieldProblem('months', 'no_assessment', { months: missing.join(', ') }),
    ]);
  const settled = entries.filter((e) => e.paidFen >= e.dueFen && e.dueFen > 0);
  if (settled.length > 0)
    throw new RuleViolatedError('dues-already-paid', undefined, [
      fieldProblem('months', 'already_paid', {
        months: settled.map((e) => monthOfColumn(e.month)).join(', '),
      }),
    ]);
  const duesFen = entries.reduce((sum, e) => sum + Math.max(0, e.dueFen - e.paidFen), 0);
  return { entries, duesFen };
}
