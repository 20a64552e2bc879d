import { create } from '@bufbuild/protobuf';
import {
  ErrorCode,
  GetReportFormResponseSchema,
  PublicReportSchema,
  ReportMessageSchema,
  ReportOrganisationSchema,
  ReportReadSchema,
  ReportAttachmentSchema,
  ReportSchema,
  ReportSettingsSchema,
  type ActOnReportRequest,
  type AttachToReportRequest,
  type GetReportAttachmentRequest,
  type FileReportRequest,
  type FollowReportRequest,
  type GetReportFormResponse,
  type ListReportsRequest,
  type Principal,
  type PublicReport,
  type Report,
  type ReportSettings,
  type UpdateReportSettingsRequest,
} from '@dangjian/contracts';
import {
  addDays,
  chinaToday,
  ConflictError,
  dateColumn,
  dateOnly,
  decryptField,
  encryptField,
  ForbiddenError,
  isUuid,
  NotFoundError,
  pageWindow,
  RemoteError,
  requirePrincipal,
  requireTenant,
  RuleViolatedError,
  ValidationError,
  Validator,
  workingDaysFrom,
  type TenantId,
  type TenantKeyRing,
  type TenantKeys,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { SupervisionDatabase, SupervisionTx } from '../db/supervision-database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { hashSecret, newReceiptCode, newSecret, readReceiptCode, secretMatches } from '../shared/receipt.js';
import type { Tree } from '../shared/tree.js';
import { addPart, ATTACHMENT_PART_BYTES, checkPart } from './report-attachments.js';

const ACTIONS = ['acknowledge', 'reply', 'close', 'forward'] as const;
type Action = (typeof ACTIONS)[number];
const STATUSES = ['received', 'acknowledged', 'answered', 'closed', 'forwarded'];
type Row = Prisma.ReportGetPayload<{ include: { messages: true } }>;

const DEFAULT_SETTINGS = {
  acknowledgeDays: 7,
  feedbackDays: 90,
  forwardWorkingDays: 5,
  retentionDays: 365,
  smallOrganisationSize: 10,
  version: 0,
};
type Settings = typeof DEFAULT_SETTINGS;

/** The steps that apply to a report as it stands. */
export function reportActions(status: string): Action[] {
  switch (status) {
    case 'received':
      return ['acknowledge', 'reply', 'forward'];
    case 'acknowledged':
      return ['reply', 'close', 'forward'];
    case 'answered':
      return ['reply', 'close'];
    default:
      return [];
  }
}

const afterAction: Record<Action, string> = {
  acknowledge: 'acknowledged',
  reply: 'answered',
  close: 'closed',
  forward: 'forwarded',
};

/**
 * 举报 (rules.md §7). Anonymity is built into what is kept: no account, address or browser reaches
 * these rows (the public pages carry none to this service), only days, the secret as a slow hash.
 * Only inspectors read reports — never tenant admins or platform operators — each read is written
 * to the audit, and an inspector who sits in the reported organisation, or bears the name of a
 * person the report names, does not see it.
 */
export class ReportsUseCases {
  constructor(
    private readonly db: SupervisionDatabase,
    private readonly tree: Tree,
    private readonly keyRing: TenantKeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---- inspectors ----

  async list(request: ListReportsRequest): Promise<{ reports: Report[]; total: number }> {
    const principal = this.inspector();
    const tenantId = requireTenant();
    new Validator()
      .check(!request.status || STATUSES.includes(request.status), 'status', 'not_one_of', {
        allowed: STATUSES.join(', '),
      })
      .throwIfInvalid();
    const me = await this.tree.myPlacement();
    const window = pageWindow(request.page);
    return this.db.database.inTenant(tenantId, async (tx) => {
      const settings = await this.settingsOf(tx, tenantId);
      const rows = await tx.report.findMany({
        where: request.status ? { status: request.status } : {},
        orderBy: [{ filedOn: 'desc' }, { receiptCode: 'asc' }],
        take: 5000,
        include: { messages: true },
      });
      const visible = rows.filter((row) => !this.excluded(row, me));
      const page = visible.slice(window.skip, window.skip + window.take);
      // The list shows no content: reading one is a read, audited.
      return {
        reports: page.map((row) => this.toMessage(row, undefined, settings, principal, false)),
        total: visible.length,
      };
    });
  }

  async get(id: string): Promise<Report> {
    const principal = this.inspector();
    const tenantId = requireTenant();
    const me = await this.tree.myPlacement();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.visible(tx, id, me);
      await this.audit(tx, tenantId, row, principal.userId, 'read');
      const keys = await this.keyRing.keysFor(tx, tenantId);
      const report = this.toMessage(row, keys, await this.settingsOf(tx, tenantId), principal, true);
      report.attachments = (
        await tx.reportAttachment.findMany({
          where: { reportId: row.id, complete: true },
          select: { number: true, contentType: true, size: true },
          orderBy: { number: 'asc' },
        })
      ).map((a) => create(ReportAttachmentSchema, a));
      return report;
    });
  }

  /** An attachment, a part at a time, for an inspector who may read the report (audited once). */
  async attachment(request: GetReportAttachmentRequest) {
    const principal = this.inspector();
    const tenantId = requireTenant();
    const me = await this.tree.myPlacement();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.visible(tx, request.reportId, me);
      const [found] = (await tx.$queryRaw`
        select content_type, size, substring(data from ${request.offset + 1}::int for ${ATTACHMENT_PART_BYTES}::int) as data
          from report_attachments
         where report_id = ${row.id}::uuid and number = ${request.number}::int and complete`) as {
        content_type: string;
        size: number;
        data: Uint8Array;
      }[];
      if (!found || request.offset < 0) throw new NotFoundError('report attachment', String(request.number));
      if (request.offset === 0) await this.audit(tx, tenantId, row, principal.userId, 'attachment');
      return { contentType: found.content_type, size: found.size, data: found.data };
    });
  }

  /** The reporter's photo, a part at a time, with the code and the secret of the report just filed. */
  async attach(request: AttachToReportRequest): Promise<{ complete: boolean }> {
    const tenantId = requireTenant();
    const code = readReceiptCode(request.receiptCode);
    if (!code) throw ValidationError.of('receiptCode', 'bad_format');
    checkPart(request);
    const row = await this.db.database.inTenant(tenantId, (tx) =>
      tx.report.findUnique({ where: { tenantId_receiptCode: { tenantId, receiptCode: code } } }),
    );
    if (!row || !(await secretMatches(request.secret, row.secretHash))) throw new NotFoundError('report', '');
    if (row.status === 'closed' || row.status === 'forwarded') throw new RuleViolatedError('report-state');
    const complete = await this.db.database.inTenant(tenantId, (tx) =>
      addPart(tx, tenantId, row.id, request),
    );
    return { complete };
  }

  async act(request: ActOnReportRequest): Promise<Report> {
    const principal = this.inspector();
    const tenantId = requireTenant();
    const note = request.note.trim();
    const action = request.action as Action;
    const validator = new Validator()
      .check((ACTIONS as readonly string[]).includes(action), 'action', 'not_one_of', {
        allowed: ACTIONS.join(', '),
      })
      .check(note.length <= 5000, 'note', 'too_long', { max: 5000 })
      .check(action !== 'reply' || note.length > 0, 'note', 'required');
    if (action === 'forward')
      validator.check(
        (request.forwardedTo ?? '').trim().length >= 1 && (request.forwardedTo ?? '').length <= 100,
        'forwardedTo',
        'length_between',
        { min: 1, max: 100 },
      );
    validator.throwIfInvalid();
    const me = await this.tree.myPlacement();
    const today = chinaToday(this.now());
    await this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.visible(tx, request.id, me);
      if (row.version !== request.version) throw new ConflictError('the report was changed by someone else');
      if (!reportActions(row.status).includes(action)) throw new RuleViolatedError('report-state');
      const day = dateColumn(today);
      const data: Prisma.ReportUpdateInput = { status: afterAction[action], version: { increment: 1 } };
      if (action === 'acknowledge' || (action === 'reply' && !row.acknowledgedOn)) data.acknowledgedOn = day;
      if (action === 'reply') data.answeredOn = day;
      if (action === 'close') data.closedOn = day;
      if (action === 'forward') {
        // Forwarded to the level it belongs to: only the record of forwarding stays here.
        Object.assign(data, {
          forwardedOn: day,
          forwardedTo: request.forwardedTo!.trim(),
          content: '',
          subjectNames: [],
          reporterNameSealed: null,
          reporterContactSealed: null,
        });
        await tx.reportMessage.deleteMany({ where: { reportId: row.id } });
        await tx.reportAttachment.deleteMany({ where: { reportId: row.id } });
      }
      await tx.report.update({ where: { id: row.id }, data });
      if (note && action !== 'forward') await this.addMessage(tx, tenantId, row.id, 'inspector', note, today);
      await this.audit(tx, tenantId, row, principal.userId, action);
    });
    return this.get(request.id);
  }

  async reads(page: ListReportsRequest['page']) {
    const principal = requirePrincipal();
    if (principal.platformOperator || !principal.roles.some((r) => r === 'inspector' || r === 'tenant-admin'))
      throw new ForbiddenError('needs one of the roles inspector, tenant-admin');
    const tenantId = requireTenant();
    const window = pageWindow(page);
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [rows, total] = await Promise.all([
        tx.reportRead.findMany({ orderBy: { at: 'desc' }, skip: window.skip, take: window.take }),
        tx.reportRead.count(),
      ]);
      return {
        reads: rows.map((r) =>
          create(ReportReadSchema, {
            reportId: r.reportId,
            receiptCode: r.receiptCode,
            readerUserId: r.readerUserId,
            action: r.action,
            at: r.at.toISOString(),
          }),
        ),
        total,
      };
    });
  }

  async getSettings(): Promise<ReportSettings> {
    this.inspector();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      create(ReportSettingsSchema, await this.settingsOf(tx, tenantId)),
    );
  }

  async updateSettings(request: UpdateReportSettingsRequest): Promise<ReportSettings> {
    this.inspector();
    const s = request.settings;
    const between = (value: number | undefined, field: string, min: number, max: number, v: Validator) =>
      v.check(value !== undefined && value >= min && value <= max, `settings.${field}`, 'number_between', {
        min,
        max,
      });
    const v = new Validator().check(s !== undefined, 'settings', 'required');
    between(s?.acknowledgeDays, 'acknowledgeDays', 1, 30, v);
    between(s?.feedbackDays, 'feedbackDays', 7, 365, v);
    between(s?.forwardWorkingDays, 'forwardWorkingDays', 1, 20, v);
    between(s?.retentionDays, 'retentionDays', 0, 3650, v);
    between(s?.smallOrganisationSize, 'smallOrganisationSize', 0, 1000, v);
    v.throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const current = await this.settingsOf(tx, tenantId);
      if (current.version !== s!.version)
        throw new ConflictError('report settings were changed by someone else');
      const fields = {
        acknowledgeDays: s!.acknowledgeDays,
        feedbackDays: s!.feedbackDays,
        forwardWorkingDays: s!.forwardWorkingDays,
        retentionDays: s!.retentionDays,
        smallOrganisationSize: s!.smallOrganisationSize,
      };
      const saved = await tx.reportSettings.upsert({
        where: { tenantId },
        create: { tenantId, ...fields, version: 1 },
        update: { ...fields, version: { increment: 1 } },
      });
      return create(ReportSettingsSchema, { ...fields, version: saved.version });
    });
  }

  /** Erases closed and forwarded reports past retention: the rows go, messages with them. */
  async eraseExpired(tenantId?: TenantId): Promise<number> {
    if (!tenantId) this.inspector();
    const tenant = tenantId ?? requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenant, async (tx) => {
      const { retentionDays } = await this.settingsOf(tx, tenant);
      const before = dateColumn(addDays(today, -retentionDays));
      const { count } = await tx.report.deleteMany({
        where: {
          OR: [
            { status: 'closed', closedOn: { lte: before } },
            { status: 'forwarded', forwardedOn: { lte: before } },
          ],
        },
      });
      return count;
    });
  }

  async eraseExpiredInAllTenants(): Promise<void> {
    for (const tenantId of await this.db.tenantIds()) await this.eraseExpired(tenantId);
  }

  // ---- the reporter (public pages) ----

  async form(): Promise<GetReportFormResponse> {
    const tenantId = requireTenant();
    const settings = await this.db.database.inTenant(tenantId, (tx) => this.settingsOf(tx, tenantId));
    const organisations = await this.tree.all();
    return create(GetReportFormResponseSchema, {
      organisations: organisations.map((o) =>
        create(ReportOrganisationSchema, {
          id: o.id,
          name: o.name,
          small: o.memberCount < settings.smallOrganisationSize,
        }),
      ),
    });
  }

  async file(request: FileReportRequest): Promise<{ receiptCode: string; secret: string }> {
    const tenantId = requireTenant();
    const subjects = request.subjectNames.map((n) => n.trim()).filter((n) => n.length > 0);
    const validator = new Validator()
      .check(
        request.content.trim().length >= 10 && request.content.length <= 5000,
        'content',
        'length_between',
        {
          min: 10,
          max: 5000,
        },
      )
      .check(subjects.length <= 5, 'subjectNames', 'too_many', { max: 5 })
      .check(
        request.organisationId === undefined || isUuid(request.organisationId),
        'organisationId',
        'not_an_id',
      )
      .check(request.reporterName.length <= 20, 'reporterName', 'too_long', { max: 20 })
      .check(request.reporterContact.length <= 100, 'reporterContact', 'too_long', { max: 100 });
    subjects.forEach((n, i) =>
      validator.check(n.length <= 20, `subjectNames[${i}]`, 'too_long', { max: 20 }),
    );
    validator.throwIfInvalid();
    const organisation = request.organisationId
      ? await this.tree.ladder(request.organisationId).catch((error: unknown) => {
          if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND)
            throw ValidationError.of('organisationId', 'not_an_id');
          throw error;
        })
      : undefined;
    const secret = newSecret();
    const secretHash = await hashSecret(secret);
    const id = randomUUID();
    const today = chinaToday(this.now());
    const receiptCode = await this.db.database.inTenant(tenantId, async (tx) => {
      const keys = await this.keyRing.keysFor(tx, tenantId);
      let code = newReceiptCode();
      while (await tx.report.findUnique({ where: { tenantId_receiptCode: { tenantId, receiptCode: code } } }))
        code = newReceiptCode();
      const name = request.reporterName.trim();
      const contact = request.reporterContact.trim();
      await tx.report.create({
        data: {
          id,
          tenantId,
          receiptCode: code,
          secretHash,
          organisationId: organisation?.id ?? null,
          organisationName: organisation?.name ?? '',
          organisationPathIds: organisation?.pathIds ?? [],
          subjectNames: subjects,
          content: request.content.trim(),
          reporterNameSealed: name ? encryptField(keys, 'report.reporterName', id, name) : null,
          reporterContactSealed: contact ? encryptField(keys, 'report.reporterContact', id, contact) : null,
          status: 'received',
          filedOn: dateColumn(today),
        },
      });
      return code;
    });
    return { receiptCode, secret };
  }

  /** The reporter's follow-up: the code and the secret (a wrong pair is "not found", as no code). */
  async follow(request: FollowReportRequest): Promise<PublicReport> {
    const tenantId = requireTenant();
    const code = readReceiptCode(request.receiptCode);
    const message = request.message.trim();
    new Validator()
      .check(code !== undefined, 'receiptCode', 'bad_format')
      .check(request.secret.length >= 1 && request.secret.length <= 40, 'secret', 'length_between', {
        min: 1,
        max: 40,
      })
      .check(message.length <= 5000, 'message', 'too_long', { max: 5000 })
      .throwIfInvalid();
    const row = await this.db.database.inTenant(tenantId, (tx) =>
      tx.report.findUnique({ where: { tenantId_receiptCode: { tenantId, receiptCode: code! } } }),
    );
    if (!row || !(await secretMatches(request.secret, row.secretHash))) throw new NotFoundError('report', '');
    return this.db.database.inTenant(tenantId, async (tx) => {
      if (message) {
        if (row.status === 'closed' || row.status === 'forwarded')
          throw new RuleViolatedError('report-state');
        await this.addMessage(tx, tenantId, row.id, 'reporter', message, chinaToday(this.now()));
      }
      const saved = await tx.report.findUniqueOrThrow({ where: { id: row.id }, include: { messages: true } });
      return create(PublicReportSchema, {
        receiptCode: saved.receiptCode,
        status: saved.status,
        filedOn: dateOnly(saved.filedOn),
        messages: this.messagesOf(saved),
        attachmentCount: await tx.reportAttachment.count({ where: { reportId: row.id, complete: true } }),
      });
    });
  }

  // ---- shared ----

  /** Inspectors of the tenant, and nobody else: not tenant admins, not platform operators. */
  private inspector(): Principal {
    const principal = requirePrincipal();
    if (principal.platformOperator || !principal.roles.includes('inspector'))
      throw new ForbiddenError('only the tenant’s inspectors read reports');
    return principal;
  }

  /** Sits in the reported organisation (or below it), or bears the name of a person it names. */
  private excluded(
    row: { organisationId: string | null; subjectNames: string[] },
    me: { name: string; pathIds: string[] },
  ) {
    return (
      (row.organisationId !== null && me.pathIds.includes(row.organisationId)) ||
      (me.name !== '' && row.subjectNames.includes(me.name))
    );
  }

  /** A report the caller may read; an excluded one does not exist for them. */
  private async visible(
    tx: SupervisionTx,
    id: string,
    me: { name: string; pathIds: string[] },
  ): Promise<Row> {
    if (!isUuid(id)) throw new NotFoundError('report', id);
    const row = await tx.report.findUnique({ where: { id }, include: { messages: true } });
    if (!row || this.excluded(row, me)) throw new NotFoundError('report', id);
    return row;
  }

  private audit(tx: SupervisionTx, tenantId: string, row: Row, userId: string, action: string) {
    return tx.reportRead.create({
      data: {
        id: randomUUID(),
        tenantId,
        reportId: row.id,
        receiptCode: row.receiptCode,
        readerUserId: userId,
        action,
      },
    });
  }

  private async addMessage(
    tx: SupervisionTx,
    tenantId: string,
    reportId: string,
    author: string,
    body: string,
    on: string,
  ) {
    const last = await tx.reportMessage.findFirst({
      where: { reportId },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    await tx.reportMessage.create({
      data: {
        id: randomUUID(),
        tenantId,
        reportId,
        seq: (last?.seq ?? 0) + 1,
        author,
        body,
        sentOn: dateColumn(on),
      },
    });
  }

  private async settingsOf(tx: SupervisionTx, tenantId: string): Promise<Settings> {
    const row = await tx.reportSettings.findUnique({ where: { tenantId } });
    return row
      ? {
          acknowledgeDays: row.acknowledgeDays,
          feedbackDays: row.feedbackDays,
          forwardWorkingDays: row.forwardWorkingDays,
          retentionDays: row.retentionDays,
          smallOrganisationSize: row.smallOrganisationSize,
          version: row.version,
        }
      : DEFAULT_SETTINGS;
  }

  private messagesOf(row: Row) {
    return [...row.messages]
      .sort((a, b) => a.seq - b.seq)
      .map((m) => create(ReportMessageSchema, { author: m.author, body: m.body, on: dateOnly(m.sentOn) }));
  }

  private toMessage(
    row: Row,
    keys: TenantKeys | undefined,
    s: Settings,
    _principal: Principal,
    full: boolean,
  ): Report {
    const filed = dateOnly(row.filedOn);
    const today = chinaToday(this.now());
    const acknowledgeBy = addDays(filed, s.acknowledgeDays);
    const feedbackBy = addDays(filed, s.feedbackDays);
    const overdue =
      (row.status === 'received' && today > acknowledgeBy) ||
      ((row.status === 'received' || row.status === 'acknowledged') && today > feedbackBy);
    const open = (field: string, sealed: string | null) =>
      full && keys && sealed ? decryptField(keys, field, row.id, sealed) : '';
    return create(ReportSchema, {
      id: row.id,
      receiptCode: row.receiptCode,
      organisationId: row.organisationId ?? undefined,
      organisationName: row.organisationName,
      subjectNames: row.subjectNames,
      content: full ? row.content : '',
      reporterName: open('report.reporterName', row.reporterNameSealed),
      reporterContact: open('report.reporterContact', row.reporterContactSealed),
      status: row.status,
      filedOn: filed,
      acknowledgeBy,
      feedbackBy,
      forwardBy: workingDaysFrom(addDays(filed, 1), s.forwardWorkingDays).endsOn,
      acknowledgedOn: row.acknowledgedOn ? dateOnly(row.acknowledgedOn) : '',
      answeredOn: row.answeredOn ? dateOnly(row.answeredOn) : '',
      closedOn: row.closedOn ? dateOnly(row.closedOn) : '',
      forwardedOn: row.forwardedOn ? dateOnly(row.forwardedOn) : '',
      forwardedTo: row.forwardedTo,
      overdue,
      messages: full ? this.messagesOf(row) : [],
      actions: reportActions(row.status),
      version: row.version,
    });
  }
}
