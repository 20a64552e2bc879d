import { create } from '@bufbuild/protobuf';
import {
  eventSubject,
  OverdueThoughtReportSchema,
  ThoughtReportSubmittedSchema,
  ThoughtReportSchema,
  type CreateThoughtReportRequest,
  type ListThoughtReportsRequest,
  type ListUnansweredThoughtReportsRequest,
  type GetThoughtReportAttachmentRequest,
  type ReplyToThoughtReportRequest,
  ThoughtReportRepliedSchema,
  type OverdueThoughtReport,
  type ThoughtReport,
} from '@dangjian/contracts';
import {
  chinaToday,
  dateColumn,
  dateOnly,
  isCalendarDate,
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  requirePrincipal,
  requireTenant,
  RuleViolatedError,
  Validator,
  writeOutboxEvent,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { ThoughtReport as ThoughtReportRow } from '../generated/prisma/client.js';
import { readableMember } from '../members/readable-member.js';
import { readSettings } from '../settings/organisation-settings.js';
import { TreeAccess } from '../access/tree-access.js';

/** Who writes thought reports (glossary: applicants, activists, probationary members). */
export const REPORTING_STAGES = ['applicant', 'activist', 'probationary'] as const;

type AttachmentInfo = { id: string; fileName: string; contentType: string; sizeBytes: number };
const ATTACHMENTS = {
  attachments: {
    select: { id: true, fileName: true, contentType: true, sizeBytes: true },
    orderBy: { createdAt: 'asc' },
  },
} as const;

function toMessage(
  row: ThoughtReportRow & { member?: { name: string }; attachments?: AttachmentInfo[] },
): ThoughtReport {
  return create(ThoughtReportSchema, {
    attachments: (row.attachments ?? []).map((a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
    })),
    id: row.id,
    memberId: row.memberId,
    submittedOn: dateOnly(row.submittedOn),
    title: row.title,
    content: row.content,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
    source: row.source,
    reply: row.reply,
    ...(row.repliedAt ? { repliedAt: row.repliedAt.toISOString() } : {}),
    ...(row.member ? { memberName: row.member.name } : {}),
  });
}

export class ThoughtReportsUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(
    request: ListThoughtReportsRequest,
  ): Promise<{ thoughtReports: ThoughtReport[]; total: number }> {
    // A member's reports only: the list is never the whole tenant's.
    new Validator().check(isUuid(request.memberId ?? ''), 'filter.memberId', 'required').throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      await this.readableMember(tx, request.memberId!);
      const where = { memberId: request.memberId! };
      const [rows, total] = await Promise.all([
        tx.thoughtReport.findMany({
          where,
          include: ATTACHMENTS,
          orderBy: [{ submittedOn: 'desc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.thoughtReport.count({ where }),
      ]);
      return { thoughtReports: rows.map(toMessage), total };
    });
  }

  async create(request: CreateThoughtReportRequest): Promise<ThoughtReport> {
    const principal = requirePrincipal();
    const today = chinaToday(this.now());
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check(
        isCalendarDate(request.submittedOn) && request.submittedOn <= today,
        'submittedOn',
        'not_a_past_date',
      )
      .check(request.title.trim().length > 0 && request.title.length <= 100, 'title', 'length_between', {
        min: 1,
        max: 100,
      })
      .check(
        request.content.trim().length > 0 && request.content.length <= 20_000,
        'content',
        'length_between',
        { min: 1, max: 20000 },
      )
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = await this.readableMember(tx, request.memberId);
      if (!(REPORTING_STAGES as readonly string[]).includes(member.developmentStage)) {
        throw new RuleViolatedError(
          'thought-report-stage',
          'thought reports come from applicants, activists and probationary members',
        );
      }
      const row = await tx.thoughtReport.create({
        data: {
          id: randomUUID(),
          tenantId,
          memberId: member.id,
          submittedOn: dateColumn(request.submittedOn),
          title: request.title.trim(),
          content: request.content,
          recordedBy: principal.userId,
        },
      });
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'thought_report', 'submitted'),
        schema: ThoughtReportSubmittedSchema,
        message: create(ThoughtReportSubmittedSchema, {
          id: row.id,
          memberId: row.memberId,
          organisationId: member.organisationId,
          submittedOn: request.submittedOn,
        }),
        tenantId,
      });
      return toMessage(row);
    });
  }

  /** Reports members submitted themselves that nobody answered, oldest first: the secretary's reading list. */
  async unanswered(
    request: ListUnansweredThoughtReportsRequest,
  ): Promise<{ thoughtReports: ThoughtReport[]; total: number }> {
    new Validator()
      .check(request.withinId === undefined || isUuid(request.withinId), 'filter.withinId', 'not_an_id')
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const where = {
        source: 'member',
        reply: '',
        ...(paths
          ? { member: { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        tx.thoughtReport.findMany({
          where,
          include: { member: { select: { name: true } }, ...ATTACHMENTS },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.thoughtReport.count({ where }),
      ]);
      return { thoughtReports: rows.map(toMessage), total };
    });
  }

  /** The secretary answers a report; the member reads it in their space (a later reply replaces it). */
  async reply(request: ReplyToThoughtReportRequest): Promise<ThoughtReport> {
    const principal = requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(request.reply.trim().length >= 2 && request.reply.length <= 5_000, 'reply', 'length_between', {
        min: 2,
        max: 5000,
      })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const report = isUuid(request.id)
        ? await tx.thoughtReport.findUnique({ where: { id: request.id } })
        : null;
      if (!report) throw new NotFoundError('thought report', request.id);
      await this.readableMember(tx, report.memberId);
      const row = await tx.thoughtReport.update({
        where: { id: report.id },
        data: { reply: request.reply.trim(), repliedBy: principal.userId, repliedAt: this.now() },
        include: { member: { select: { name: true, userId: true } }, ...ATTACHMENTS },
      });
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'thought_report', 'replied'),
        schema: ThoughtReportRepliedSchema,
        message: create(ThoughtReportRepliedSchema, {
          id: row.id,
          memberId: row.memberId,
          title: row.title,
          repliedAt: row.repliedAt!.toISOString(),
          ...(row.member.userId ? { memberUserId: row.member.userId } : {}),
        }),
        tenantId: row.tenantId,
      });
      return toMessage(row);
    });
  }

  /** A file sent with a report of a member the caller may see. */
  async attachment(request: GetThoughtReportAttachmentRequest) {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      const row =
        isUuid(request.thoughtReportId) && isUuid(request.id)
          ? await tx.thoughtReportAttachment.findFirst({
              where: { id: request.id, thoughtReportId: request.thoughtReportId },
              include: { thoughtReport: { select: { memberId: true } } },
            })
          : null;
      if (!row) throw new NotFoundError('attachment', request.id);
      await this.readableMember(tx, row.thoughtReport.memberId);
      return {
        attachment: {
          id: row.id,
          fileName: row.fileName,
          contentType: row.contentType,
          sizeBytes: row.sizeBytes,
        },
        content: new Uint8Array(row.content),
      };
    });
  }

  /** Members expected to report whose next report is past due (their secretary's list). */
  async overdue(withinId?: string): Promise<{ overdue: OverdueThoughtReport[]; cadenceMonths: number }> {
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      const paths = await this.access.visiblePaths(tx, withinId);
      const { thoughtReportCadenceMonths: cadenceMonths } = await readSettings(tx, tenantId);
      const rows = (await tx.$queryRawUnsafe(
        `select m.id::text as member_id, m.name, m.organisation_id::text as organisation_id, m.development_stage,
                max(r.submitted_on) as last_submitted_on,
                (coalesce(max(r.submitted_on), m.created_at::date) + make_interval(months => $2::int))::date as due_on
         from members m
         join organisations o on o.id = m.organisation_id
         left join thought_reports r on r.member_id = m.id
         where m.status = 'active' and m.development_stage = any($3::text[])
           and ($4::text[] is null or o.path like any($4::text[]))
         group by m.id
         having (coalesce(max(r.submitted_on), m.created_at::date) + make_interval(months => $2::int))::date < $1::date
         order by due_on, m.name`,
        today,
        cadenceMonths,
        [...REPORTING_STAGES],
        paths ? paths.map((path) => `${path}%`) : null,
      )) as {
        member_id: string;
        name: string;
        organisation_id: string;
        development_stage: string;
        last_submitted_on: Date | null;
        due_on: Date;
      }[];
      return {
        cadenceMonths,
        overdue: rows.map((row) =>
          create(OverdueThoughtReportSchema, {
            memberId: row.member_id,
            name: row.name,
            organisationId: row.organisation_id,
            developmentStage: row.development_stage,
            ...(row.last_submitted_on ? { lastSubmittedOn: dateOnly(row.last_submitted_on) } : {}),
            dueOn: dateOnly(row.due_on),
          }),
        ),
      };
    });
  }

  private readableMember(tx: OrganisationTx, id: string) {
    return readableMember(tx, this.access, id);
  }
}
