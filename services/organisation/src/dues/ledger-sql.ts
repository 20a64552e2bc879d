import type { OrganisationTx } from '../db/organisation-database.js';

/**
 * Whether member `m` owes dues in the month starting on the date `month` (rules.md §1): full members,
 * and probationary members from the month the branch meeting accepted them.
 */
export const owesDuesIn = (
  month: string,
) => `m.status in ('active', 'in_transfer') and m.development_stage in ('full', 'probationary')
    and (m.joined_on is null or m.joined_on < (${month} + interval '1 month'))`;

/**
 * The ledger rows for the months in `$1` (first days) of every member who owes dues then and has an
 * assessment in force, at its amount. Existing rows are left alone, so a run can be repeated.
 * $2: null for the whole tenant, or member ids.
 */
export const DUES_MONTH_SQL = `insert into dues_ledger (tenant_id, member_id, month, organisation_id, due_fen, assessment_id)
  select m.tenant_id, m.id, months.month, m.organisation_id, a.monthly_fen, a.id
  from members m
  cross join unnest($1::date[]) as months(month)
  cross join lateral (select id, monthly_fen from dues_assessments a
                      where a.member_id = m.id and a.effective_from <= months.month
                      order by a.effective_from desc, a.created_at desc limit 1) a
  where ${owesDuesIn('months.month')}
    and ($2::uuid[] is null or m.id = any($2::uuid[]))
  on conflict (tenant_id, member_id, month) do nothing`;

/**
 * A payment settles its months in the ledger: paid in full, the day, the payment. A month already
 * settled (by another payment) keeps its own. The treasurer's record and an online order both end here.
 */
export function settleLedgerMonths(
  tx: OrganisationTx,
  memberId: string,
  months: string[],
  paidOn: string,
  paymentId: string,
): Promise<number> {
  return tx.$executeRawUnsafe(
    `update dues_ledger set paid_fen = greatest(paid_fen, due_fen), paid_on = $3::date, payment_id = $4::uuid
      where member_id = $1::uuid and month = any($2::date[]) and paid_fen < due_fen`,
    memberId,
    months.map((month) => `${month.slice(0, 7)}-01`),
    paidOn,
    paymentId,
  );
}
