import { create } from '@bufbuild/protobuf';
import {
  OBJECTION_STATUSES,
  PUBLICITY_STAGES,
  PublicityObjectionRecordedSchema,
  PublicityOpenedSchema,
  PublicityPeriodSchema,
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

/** For each stage a publicity period announces, the stage the member must be at to be announced. */
const ANNOUNCED_FROM: Record<(typeof PUBLICITY_STAGES)[number], string> = {
  activist: 'applicant',
  candidate: 'activist',
  probationary: 'candidate',
  full: 'probationary',
};

type Row = PublicityRow & { member: { name: string; organisationId: string } };

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
  });
}

const withMember = { member: { select: { name: true, organisationId: true } } } as const;

/** 公示期: opened before a development step; ends after the tenant's number of working days. */
export class PublicityUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
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

  private async readable(tx: OrganisationTx, id: string): Promise<Row> {
    const row = await tx.publicityPeriod.findUnique({ where: { id }, include: withMember });
    if (!row) throw new NotFoundError('publicity period', id);
    await readableMember(tx, this.access, row.memberId);
    return row;
  }
}
