import { create } from '@bufbuild/protobuf';
import {
  OBJECTION_STATUSES,
  PUBLICITY_STAGES,
  PublicityObjectionRecordedSchema,
  PublicityOpenedSchema,
  PublicityObjectionSchema,
  PublicityPeriodSchema,
  type ListPublicityObjectionsRequest,
  type PublicityObjection,
  type ReceivePublicityObjectionRequest,
  type ListPublicityPeriodsRequest,
  type OpenPublicityPeriodRequest,
  type PublicityPeriod,
  type RecordPublicityObjectionRequest,
  eventSubject,
} from '@dangjian/contracts';
import {
  chinaToday,
  dateColumn,
  dateOnly,
  decryptField,
  encryptField,
  isCalendarDate,
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  Validator,
  writeOutboxEvent,
  ruleProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { Prisma, PublicityPeriod as PublicityRow } from '../generated/prisma/client.js';
import { readableMember } from '../members/readable-member.js';
import { readSettings } from '../settings/organisation-settings.js';
import { TreeAccess } from '../access/tree-access.js';
import { CalendarUseCases } from '../calendar/calendar.use-cases.js';
import type { TenantKeyRing } from '@dangjian/kit';

/** For each stage a publicity period announces, the stage the member must be at to be announced. */
const ANNOUNCED_FROM: Record<(typeof PUBLICITY_STAGES)[number], string> = {
  activist: 'applicant',
  candidate: 'activist',
  probationary: 'candidate',
  full: 'probationary',
};

type Row = PublicityRow & {
  member: { name: string; organisationId: string; organisation: { name: string } };
  _count: { objections: number };
};

function toMessage(row: Row): PublicityPeriod {
  return create(PublicityPeriodSchema, {
    id: row.id,
    memberId: row.memberId,
    memberName: row.member.name,
    organisationId: row.member.organisationId,
    stage: row.stage,
    startsOn: dateOnly(row.startsOn),
    endsOn: dateOnly(row.endsOn),
    workingDays: row.workingDays,
    calendarProvisional: row.calendarProvisional,
    objectionStatus: row.objectionStatus,
    objectionNote: row.objectionNote,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    organisationName: row.member.organisation.name,
    receivedObjections: row._count.objections,
  });
}

const withMember = {
  member: { select: { name: true, organisationId: true, organisation: { select: { name: true } } } },
  _count: { select: { objections: true } },
} as const;

const OBJECTION_CONTACT = 'publicity_objection.contact';

/** 公示期: opened before a development step; ends after the tenant's number of working days. */
export class PublicityUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly keyRing: TenantKeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async open(request: OpenPublicityPeriodRequest): Promise<PublicityPeriod> {
    const principal = requirePrincipal();
    const today = chinaToday(this.now());
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check((PUBLICITY_STAGES as readonly string[]).includes(request.stage), 'stage', 'not_one_of', {
        allowed: PUBLICITY_STAGES.join(', '),
      })
      .check(isCalendarDate(request.startsOn), 'startsOn', 'not_a_date')
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = await readableMember(tx, this.access, request.memberId);
      const announcedFrom = ANNOUNCED_FROM[request.stage as (typeof PUBLICITY_STAGES)[number]];
      if (member.developmentStage !== announcedFrom) {
        throw new RuleViolatedError(
          'publicity-stage',
          `a publicity period for ${request.stage} is for a member at stage ${announcedFrom}, not ${member.developmentStage}`,
          [ruleProblem('stage', 'publicity-stage')],
        );
      }
      const open = await tx.publicityPeriod.findFirst({
        where: { memberId: member.id, stage: request.stage, endsOn: { gte: dateColumn(today) } },
      });
      if (open) {
        throw new RuleViolatedError(
          'publicity-already-open',
          `a publicity period for ${request.stage} runs until ${dateOnly(open.endsOn)}`,
        );
      }
      const { publicityWorkingDays } = await readSettings(tx, tenantId);
      // Counted on the calendar as it stands: the code's years and the operator's table (issue 14).
      const period = (await CalendarUseCases.load(tx)).workingDaysFrom(
        request.startsOn,
        publicityWorkingDays,
      );
      const row = await tx.publicityPeriod.create({
        data: {
          id: randomUUID(),
          tenantId,
          memberId: member.id,
          stage: request.stage,
          startsOn: dateColumn(request.startsOn),
          endsOn: dateColumn(period.endsOn),
          workingDays: publicityWorkingDays,
          calendarProvisional: period.provisional,
          createdBy: principal.userId,
        },
        include: withMember,
      });
      const message = toMessage(row);
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'publicity', 'opened'),
        schema: PublicityOpenedSchema,
        message: create(PublicityOpenedSchema, { publicityPeriod: message }),
        tenantId,
      });
      return message;
    });
  }

  async list(
    request: ListPublicityPeriodsRequest,
  ): Promise<{ publicityPeriods: PublicityPeriod[]; total: number }> {
    // The filter was validated at the edge.
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const where: Prisma.PublicityPeriodWhereInput = {
        ...(request.memberId ? { memberId: request.memberId } : {}),
        ...(paths
          ? { member: { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        tx.publicityPeriod.findMany({
          where,
          include: withMember,
          orderBy: [{ startsOn: 'desc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.publicityPeriod.count({ where }),
      ]);
      return { publicityPeriods: rows.map(toMessage), total };
    });
  }

  /** An objection raised (pending), then sustained or dismissed after it is looked into. */
  async recordObjection(request: RecordPublicityObjectionRequest): Promise<PublicityPeriod> {
    requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(
        (OBJECTION_STATUSES as readonly string[]).includes(request.objectionStatus),
        'objectionStatus',
        'not_one_of',
        { allowed: OBJECTION_STATUSES.join(', ') },
      )
      .check(
        request.objectionNote.trim().length > 0 && request.objectionNote.length <= 2000,
        'objectionNote',
        'length_between',
        { min: 1, max: 2000 },
      )
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const current = await this.readable(tx, request.id);
      if (
        await tx.developmentStep.findFirst({ where: { publicityPeriodId: current.id }, select: { id: true } })
      ) {
        throw new RuleViolatedError(
          'publicity-used',
          'the step this publicity period preceded is already recorded',
        );
      }
      const row = await tx.publicityPeriod.update({
        where: { id: current.id },
        data: {
          objectionStatus: request.objectionStatus,
          objectionNote: request.objectionNote.trim(),
          updatedAt: new Date(),
        },
        include: withMember,
      });
      const message = toMessage(row);
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'publicity', 'objection_recorded'),
        schema: PublicityObjectionRecordedSchema,
        message: create(PublicityObjectionRecordedSchema, { publicityPeriod: message }),
        tenantId,
      });
      return message;
    });
  }

  /**
   * An objection from the public portal (the disclosure service; no gateway route reaches this). Kept
   * here, where it is decided: the period becomes pending, so the step waits until a secretary
   * sustains or dismisses it. Only while the period runs (China time).
   */
  async receiveObjection(request: ReceivePublicityObjectionRequest): Promise<{ id: string }> {
    new Validator()
      .check(isUuid(request.publicityPeriodId), 'publicityPeriodId', 'not_an_id')
      .check(
        request.content.trim().length > 0 && request.content.length <= 2000,
        'content',
        'length_between',
        { min: 1, max: 2000 },
      )
      .check((request.name ?? '').length <= 50, 'name', 'length_between', { min: 0, max: 50 })
      .check((request.contact ?? '').length <= 100, 'contact', 'length_between', { min: 0, max: 100 })
      .throwIfInvalid();
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      // The row is locked so a secretary's decision and a new objection do not cross.
      const [period] = await tx.$queryRawUnsafe<{ id: string; starts_on: Date; ends_on: Date }[]>(
        'select id, starts_on, ends_on from publicity_periods where id = $1::uuid for update',
        request.publicityPeriodId,
      );
      if (!period) throw new NotFoundError('publicity period', request.publicityPeriodId);
      if (dateOnly(period.starts_on) > today || dateOnly(period.ends_on) < today) {
        throw new RuleViolatedError('publicity-closed', 'objections are taken while the period runs');
      }
      const id = randomUUID();
      const contact = request.contact?.trim() ?? '';
      await tx.publicityObjection.create({
        data: {
          id,
          tenantId,
          publicityPeriodId: period.id,
          content: request.content.trim(),
          name: request.name?.trim() ?? '',
          contactCipher: contact
            ? encryptField(await this.keyRing.keysFor(tx, tenantId), OBJECTION_CONTACT, id, contact)
            : '',
        },
      });
      await tx.publicityPeriod.update({
        where: { id: period.id },
        data: { objectionStatus: 'pending', updatedAt: new Date() },
      });
      return { id };
    });
  }

  /** The objections received for a period, for the secretaries over it. */
  async objections(
    request: ListPublicityObjectionsRequest,
  ): Promise<{ objections: PublicityObjection[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const period = await this.readable(tx, request.publicityPeriodId);
      const where = { publicityPeriodId: period.id };
      const [rows, total] = await Promise.all([
        tx.publicityObjection.findMany({
          where,
          orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.publicityObjection.count({ where }),
      ]);
      const keys = rows.some((row) => row.contactCipher)
        ? await this.keyRing.keysFor(tx, tenantId)
        : undefined;
      return {
        objections: rows.map((row) =>
          create(PublicityObjectionSchema, {
            id: row.id,
            publicityPeriodId: row.publicityPeriodId,
            content: row.content,
            name: row.name,
            contact: row.contactCipher
              ? decryptField(keys!, OBJECTION_CONTACT, row.id, row.contactCipher)
              : '',
            receivedAt: row.receivedAt.toISOString(),
          }),
        ),
        total,
      };
    });
  }

  private async readable(tx: OrganisationTx, id: string): Promise<Row> {
    const row = await tx.publicityPeriod.findUnique({ where: { id }, include: withMember });
    if (!row) throw new NotFoundError('publicity period', id);
    await readableMember(tx, this.access, row.memberId);
    return row;
  }
}
