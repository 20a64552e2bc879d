import { create } from '@bufbuild/protobuf';
import { eventSubject, MonthRemindersSchema } from '@dangjian/contracts';
import { addMonths, writeOutboxEvent } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import { readSettings } from '../settings/organisation-settings.js';
import { REPORTING_STAGES } from '../thought-reports/thought-reports.use-cases.js';

/**
 * The monthly reminders (issue 15), written when a month's dues are first run for a tenant: the
 * logins of members who still owe dues up to that month, and of those whose next thought report
 * falls due within it. Identity turns them into notices (a digest for who wants one).
 */
export async function writeMonthReminders(
  tx: OrganisationTx,
  tenantId: string,
  month: string,
): Promise<void> {
  const first = `${month}-01`;
  const owing = (await tx.$queryRawUnsafe(
    `select distinct m.user_id::text as user_id from dues_ledger l join members m on m.id = l.member_id
      where l.month <= $1::date and l.paid_fen < l.due_fen and m.user_id is not null and m.status = 'active'`,
    first,
  )) as { user_id: string }[];
  const { thoughtReportCadenceMonths } = await readSettings(tx, tenantId);
  const reporting = (await tx.$queryRawUnsafe(
    `select m.user_id::text as user_id from members m left join thought_reports r on r.member_id = m.id
      where m.status = 'active' and m.user_id is not null and m.development_stage = any($3::text[])
      group by m.id
     having (coalesce(max(r.submitted_on), m.created_at::date) + make_interval(months => $2::int))::date < $1::date`,
    addMonths(first, 1),
    thoughtReportCadenceMonths,
    [...REPORTING_STAGES],
  )) as { user_id: string }[];
  if (owing.length === 0 && reporting.length === 0) return;
  await writeOutboxEvent(tx, {
    subject: eventSubject('organisation', 'dues', 'month_reminded'),
    schema: MonthRemindersSchema,
    message: create(MonthRemindersSchema, {
      month,
      duesUserIds: owing.map((row) => row.user_id),
      thoughtReportUserIds: reporting.map((row) => row.user_id),
    }),
    tenantId,
  });
}
