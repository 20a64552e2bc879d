import { create } from '@bufbuild/protobuf';
import {
  eventSubject,
  MyThoughtReportSchema,
  ThoughtReportSubmittedSchema,
  type MyThoughtReport,
  type PageRequest,
} from '@dangjian/contracts';
import {
  addMonths,
  chinaToday,
  dateColumn,
  dateOnly,
  pageWindow,
  RuleViolatedError,
  Validator,
  writeOutboxEvent,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { ThoughtReport as ThoughtReportRow } from '../generated/prisma/client.js';
import { readSettings } from '../settings/organisation-settings.js';
import { REPORTING_STAGES } from '../thought-reports/thought-reports.use-cases.js';
import type { MyMemberRow } from './my-member.js';

const toMessage = (row: ThoughtReportRow): MyThoughtReport =>
  create(MyThoughtReportSchema, {
    id: row.id,
    submittedOn: dateOnly(row.submittedOn),
    title: row.title,
    content: row.content,
    source: row.source,
    reply: row.reply,
    ...(row.repliedAt ? { repliedAt: row.repliedAt.toISOString() } : {}),
  });

export const reportsExpectedOf = (member: MyMemberRow) =>
  member.status === 'active' && (REPORTING_STAGES as readonly string[]).includes(member.developmentStage);

/** When the member's next report is due: the tenant's cadence after the last one (or after the record began). */
export async function nextReportDueOn(tx: OrganisationTx, member: MyMemberRow): Promise<string | undefined> {
  if (!reportsExpectedOf(member)) return undefined;
  const [{ thoughtReportCadenceMonths }, last] = await Promise.all([
    readSettings(tx, member.tenantId),
    tx.thoughtReport.findFirst({ where: { memberId: member.id }, orderBy: { submittedOn: 'desc' } }),
  ]);
  const from = last ? dateOnly(last.submittedOn) : chinaToday(member.createdAt);
  return addMonths(from, thoughtReportCadenceMonths);
}

/** 思想汇报 written by the member in their space, and the replies they received. */
export class MyThoughtReports {
  constructor(private readonly now: () => Date) {}

  async list(tx: OrganisationTx, member: MyMemberRow, page: PageRequest | undefined) {
    const where = { memberId: member.id };
    const [rows, total, nextDueOn] = await Promise.all([
      tx.thoughtReport.findMany({
        where,
        orderBy: [{ submittedOn: 'desc' }, { createdAt: 'desc' }],
        ...pageWindow(page),
      }),
      tx.thoughtReport.count({ where }),
      nextReportDueOn(tx, member),
    ]);
    return { thoughtReports: rows.map(toMessage), total, ...(nextDueOn ? { nextDueOn } : {}) };
  }

  async submit(
    tx: OrganisationTx,
    member: MyMemberRow,
    userId: string,
    request: { title: string; content: string },
  ): Promise<MyThoughtReport> {
    new Validator()
      .check(request.title.trim().length > 0 && request.title.length <= 100, 'title', 'length_between', {
        min: 1,
        max: 100,
      })
      .check(
        request.content.trim().length > 0 && request.content.length <= 20_000,
        'content',
        'length_between',
        {
          min: 1,
          max: 20000,
        },
      )
      .throwIfInvalid();
    if (!reportsExpectedOf(member)) throw new RuleViolatedError('thought-report-stage');
    const submittedOn = chinaToday(this.now());
    const row = await tx.thoughtReport.create({
      data: {
        id: randomUUID(),
        tenantId: member.tenantId,
        memberId: member.id,
        submittedOn: dateColumn(submittedOn),
        title: request.title.trim(),
        content: request.content,
        recordedBy: userId,
        source: 'member',
      },
    });
    await writeOutboxEvent(tx, {
      subject: eventSubject('organisation', 'thought_report', 'submitted'),
      schema: ThoughtReportSubmittedSchema,
      message: create(ThoughtReportSubmittedSchema, {
        id: row.id,
        memberId: member.id,
        organisationId: member.organisationId,
        submittedOn,
      }),
      tenantId: member.tenantId,
    });
    return toMessage(row);
  }
}
