import { create } from '@bufbuild/protobuf';
import {
  eventSubject,
  MAX_REPORT_ATTACHMENTS,
  MAX_REPORT_ATTACHMENTS_BYTES,
  REPORT_ATTACHMENT_TYPES,
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
  isUuid,
  NotFoundError,
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

type Attachment = { id: string; fileName: string; contentType: string; sizeBytes: number };
const ATTACHMENT_FIELDS = { id: true, fileName: true, contentType: true, sizeBytes: true } as const;

const toMessage = (row: ThoughtReportRow & { attachments: Attachment[] }): MyThoughtReport =>
  create(MyThoughtReportSchema, {
    attachments: row.attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
    })),
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
        include: { attachments: { select: ATTACHMENT_FIELDS, orderBy: { createdAt: 'asc' } } },
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
    request: {
      title: string;
      content: string;
      attachments: { fileName: string; contentType: string; content: Uint8Array }[];
    },
  ): Promise<MyThoughtReport> {
    const total = request.attachments.reduce((sum, a) => sum + a.content.length, 0);
    new Validator()
      .check(request.attachments.length <= MAX_REPORT_ATTACHMENTS, 'attachments', 'too_many', {
        max: MAX_REPORT_ATTACHMENTS,
      })
      .check(
        request.attachments.every((a) => a.content.length > 0) && total <= MAX_REPORT_ATTACHMENTS_BYTES,
        'attachments',
        'file_size',
        { max: `${MAX_REPORT_ATTACHMENTS_BYTES / 1024} KB` },
      )
      .check(
        request.attachments.every((a) =>
          (REPORT_ATTACHMENT_TYPES as readonly string[]).includes(a.contentType),
        ),
        'attachments',
        'not_one_of',
        { allowed: REPORT_ATTACHMENT_TYPES.join(', ') },
      )
      .check(
        request.attachments.every((a) => a.fileName.trim().length > 0 && a.fileName.length <= 200),
        'attachments',
        'length_between',
        { min: 1, max: 200 },
      )
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
        attachments: {
          create: request.attachments.map((a) => ({
            id: randomUUID(),
            tenantId: member.tenantId,
            fileName: a.fileName.trim(),
            contentType: a.contentType,
            sizeBytes: a.content.length,
            content: Buffer.from(a.content),
          })),
        },
      },
      include: { attachments: { select: ATTACHMENT_FIELDS, orderBy: { createdAt: 'asc' } } },
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

  /** A file of one of my own reports. */
  async attachment(tx: OrganisationTx, member: MyMemberRow, reportId: string, id: string) {
    const row =
      isUuid(reportId) && isUuid(id)
        ? await tx.thoughtReportAttachment.findFirst({
            where: { id, thoughtReportId: reportId, thoughtReport: { memberId: member.id } },
          })
        : null;
    if (!row) throw new NotFoundError('attachment', id);
    return {
      attachment: {
        id: row.id,
        fileName: row.fileName,
        contentType: row.contentType,
        sizeBytes: row.sizeBytes,
      },
      content: new Uint8Array(row.content),
    };
  }
}
