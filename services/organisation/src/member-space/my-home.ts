import { create, type MessageInitShape } from '@bufbuild/protobuf';
import {
  GetMyHomeResponseSchema,
  HomeItemSchema,
  type GetMyHomeResponse,
  type HomeItem,
} from '@dangjian/contracts';
import { addDays, chinaToday, dateOnly } from '@dangjian/kit';
import { OPEN_TRANSFER_STATES } from '../transfers/transfers.use-cases.js';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { MyMeetings } from './my-meetings.js';
import { myDues } from './my-dues.js';
import type { MyMemberRow } from './my-member.js';
import { nextStepOf } from './my-record.js';
import { nextReportDueOn } from './my-thought-reports.js';

/** How far ahead the home page looks: a meeting this week, a report or step due within two weeks. */
const MEETING_DAYS_AHEAD = 7;
const DUE_DAYS_AHEAD = 14;
/** A decision or a reply stays on the home page this long. */
const NEWS_DAYS = 14;

const item = (fields: MessageInitShape<typeof HomeItemSchema>) => create(HomeItemSchema, fields);

/**
 * What needs the member now, and nothing else (anti-formalism, rules.md §9): a meeting today or this
 * week, dues outstanding, a thought report or development step due, a leave request decided, a reply
 * to a report. Each item leads to the page where it is dealt with.
 */
export async function myHome(
  tx: OrganisationTx,
  member: MyMemberRow,
  meetings: MyMeetings,
  now: Date,
): Promise<GetMyHomeResponse> {
  const today = chinaToday(now);
  const newsSince = new Date(now.getTime() - NEWS_DAYS * 86_400_000);
  const [upcoming, dues, reportDue, step, decided, replied, transfer] = await Promise.all([
    meetings.list(tx, member, { when: 'upcoming', page: { offset: 0, limit: 20 } as never }),
    myDues(tx, member, now),
    nextReportDueOn(tx, member),
    nextStepOf(tx, member),
    tx.meetingLeaveRequest.findMany({
      where: { memberId: member.id, state: { in: ['granted', 'refused'] }, decidedAt: { gte: newsSince } },
      include: { meeting: { select: { title: true } } },
      orderBy: { decidedAt: 'desc' },
    }),
    tx.thoughtReport.findMany({
      where: { memberId: member.id, repliedAt: { gte: newsSince } },
      orderBy: { repliedAt: 'desc' },
    }),
    tx.transfer.findFirst({
      where: { memberId: member.id, direction: 'outgoing', state: { in: [...OPEN_TRANSFER_STATES] } },
      orderBy: { createdAt: 'desc' },
    }),
  ]);
  const items: HomeItem[] = [];
  for (const meeting of upcoming.meetings) {
    const day = chinaToday(new Date(meeting.scheduledAt));
    if (day > addDays(today, MEETING_DAYS_AHEAD)) continue;
    items.push(
      item({
        kind: day <= today ? 'meeting_today' : 'meeting_soon',
        title: meeting.title,
        at: meeting.scheduledAt,
        refId: meeting.id,
        ...(meeting.leaveState ? { state: meeting.leaveState } : {}),
      }),
    );
  }
  if (dues.outstandingMonths > 0)
    items.push(
      item({
        kind: 'dues_outstanding',
        amountFen: dues.outstandingFen,
        count: dues.outstandingMonths,
      }),
    );
  const openDifferences = dues.differences.filter((difference) => difference.state === 'open');
  if (openDifferences.length > 0)
    items.push(
      item({
        kind: 'difference_outstanding',
        amountFen: openDifferences.reduce((sum, difference) => sum + difference.differenceFen, 0),
        count: openDifferences.length,
      }),
    );
  if (reportDue && reportDue <= addDays(today, DUE_DAYS_AHEAD))
    items.push(item({ kind: 'thought_report_due', at: reportDue }));
  if (step && step.dueOn <= addDays(today, DUE_DAYS_AHEAD))
    items.push(item({ kind: 'development_step_due', title: step.step, at: step.dueOn }));
  // A transfer under way: where it stands (with the letter's last valid day once issued).
  if (transfer)
    items.push(
      item({
        kind: 'transfer_in_progress',
        title: transfer.receivingOrganisationName,
        state: transfer.state,
        refId: transfer.id,
        ...(transfer.validUntil ? { at: dateOnly(transfer.validUntil) } : {}),
      }),
    );
  for (const request of decided)
    items.push(
      item({
        kind: 'leave_decided',
        title: request.meeting.title,
        refId: request.meetingId,
        state: request.state,
      }),
    );
  for (const report of replied)
    items.push(
      item({
        kind: 'thought_report_replied',
        title: report.title,
        refId: report.id,
        at: report.repliedAt!.toISOString(),
      }),
    );
  return create(GetMyHomeResponseSchema, {
    hasRecord: true,
    memberName: member.name,
    organisationName: member.organisation.name,
    items,
  });
}
