import { create } from '@bufbuild/protobuf';
import { GetMyDuesResponseSchema, type GetMyDuesResponse } from '@dangjian/contracts';
import { chinaToday, dateColumn, dateOnly } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { MyMemberRow } from './my-member.js';

/** Months of the ledger the member sees at once: two years. */
const MONTHS_SHOWN = 24;

/** What the member owes and paid (rules.md §1): the assessment in force, the ledger, the differences. */
export async function myDues(tx: OrganisationTx, member: MyMemberRow, now: Date): Promise<GetMyDuesResponse> {
  const today = chinaToday(now);
  const thisMonth = dateColumn(`${today.slice(0, 7)}-01`);
  const [assessment, months, differences, owed, online] = await Promise.all([
    tx.duesAssessment.findFirst({
      where: { memberId: member.id, effectiveFrom: { lte: dateColumn(today) } },
      orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }],
    }),
    tx.duesLedgerEntry.findMany({
      where: { memberId: member.id },
      orderBy: { month: 'desc' },
      take: MONTHS_SHOWN,
    }),
    tx.duesDifference.findMany({
      where: { memberId: member.id, state: { in: ['open', 'settled'] } },
      orderBy: [{ month: 'desc' }, { createdAt: 'desc' }],
    }),
    tx.$queryRawUnsafe(
      `select coalesce(sum(due_fen - paid_fen), 0)::int as fen, count(*)::int as months
       from dues_ledger where member_id = $1::uuid and paid_fen < due_fen and month <= $2::date`,
      member.id,
      thisMonth,
    ) as Promise<{ fen: number; months: number }[]>,
    tx.paymentSettings.count(),
  ]);
  return create(GetMyDuesResponseSchema, {
    ...(assessment
      ? {
          assessment: {
            effectiveFrom: dateOnly(assessment.effectiveFrom),
            occupation: assessment.occupation,
            ...(assessment.baseFen !== null ? { baseFen: assessment.baseFen } : {}),
            basisPoints: assessment.basisPoints,
            monthlyFen: assessment.monthlyFen,
            paymentSchedule: assessment.paymentSchedule,
            reduction: assessment.reduction,
          },
        }
      : {}),
    months: months.map((entry) => ({
      month: dateOnly(entry.month).slice(0, 7),
      dueFen: entry.dueFen,
      paidFen: entry.paidFen,
      ...(entry.paidOn ? { paidOn: dateOnly(entry.paidOn) } : {}),
      ...(entry.paymentId ? { paymentId: entry.paymentId } : {}),
    })),
    differences: differences.map((difference) => ({
      id: difference.id,
      month: dateOnly(difference.month).slice(0, 7),
      differenceFen: difference.differenceFen,
      state: difference.state,
      ...(difference.settledOn ? { settledOn: dateOnly(difference.settledOn) } : {}),
    })),
    outstandingFen: owed[0]?.fen ?? 0,
    outstandingMonths: owed[0]?.months ?? 0,
    onlinePayment: online > 0,
  });
}
