import { create } from '@bufbuild/protobuf';
import {
  POSITION_KIND,
  PositionSchema,
  SortOrder,
  type CreatePositionRequest,
  type EndPositionRequest,
  type ListPositionsRequest,
  type Position,
} from '@dangjian/contracts';
import {
  addDays,
  chinaToday,
  ConflictError,
  dateColumn,
  dateOnly,
  isCalendarDate,
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireTenant,
  RuleViolatedError,
  Validator,
  fieldProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { Position as PositionRow, Prisma } from '../generated/prisma/client.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { TreeAccess } from '../access/tree-access.js';
import { TERM_ENDING_SOON_DAYS, isCurrent, isTermEndingSoon, termsOverlap } from './position-rules.js';

function terms(row: PositionRow) {
  return {
    termStart: dateOnly(row.termStart),
    termEnd: dateOnly(row.termEnd),
    endedOn: row.endedOn ? dateOnly(row.endedOn) : null,
  };
}

function toPositionMessage(row: PositionRow, today: string, memberUserId?: string | null): Position {
  const t = terms(row);
  const holderUserId = row.holderUserId ?? memberUserId;
  return create(PositionSchema, {
    id: row.id,
    organisationId: row.organisationId,
    kind: POSITION_KIND.valueOf(row.kind)!,
    holderName: row.holderName,
    ...(holderUserId ? { holderUserId } : {}),
    ...(row.holderMemberId ? { holderMemberId: row.holderMemberId } : {}),
    termStart: t.termStart,
    termEnd: t.termEnd,
    ...(t.endedOn ? { endedOn: t.endedOn } : {}),
    current: isCurrent(t, today),
    termEndingSoon: isTermEndingSoon(t, today),
    createdAt: row.createdAt.toISOString(),
  });
}

/** Positions and terms of office in the organisations the caller may see. */
export class PositionsUseCases {
  private readonly organisations = new OrganisationsRepository();
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(request: ListPositionsRequest): Promise<{ positions: Position[]; total: number }> {
    // The filter was validated at the edge; organisationIds comes from services only.
    new Validator()
      .check(request.organisationIds.every(isUuid), 'organisationIds', 'not_an_id')
      .throwIfInvalid();
    const today = chinaToday(this.now());
    const byOrganisation = request.organisationIds.length > 0;
    return this.db.database.inRequestTenant(async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const todayDate = dateColumn(today);
      const where: Prisma.PositionWhereInput = {
        ...(paths ? { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } : {}),
        ...(byOrganisation ? { organisationId: { in: request.organisationIds } } : {}),
        ...(request.currentOnly || request.endingSoonOnly
          ? { endedOn: null, termStart: { lte: todayDate }, termEnd: { gte: todayDate } }
          : {}),
        ...(request.endingSoonOnly
          ? { AND: [{ termEnd: { lte: dateColumn(addDays(today, TERM_ENDING_SOON_DAYS)) } }] }
          : {}),
      };
      const [rows, total] = await Promise.all([
        tx.position.findMany({
          where,
          orderBy: [{ termEnd: request.page?.sortOrder === SortOrder.DESC ? 'desc' : 'asc' }, { id: 'asc' }],
          ...pageWindow(request.page),
          // Whom to tell: a holder known by their member record is reached by that record's login.
          ...(byOrganisation ? { include: { holderMember: { select: { userId: true } } } } : {}),
        }),
        tx.position.count({ where }),
      ]);
      return {
        positions: rows.map((row) =>
          toPositionMessage(
            row,
            today,
            (row as { holderMember?: { userId: string | null } }).holderMember?.userId,
          ),
        ),
        total,
      };
    });
  }

  async create(request: CreatePositionRequest): Promise<Position> {
    const principal = requirePrincipal();
    const kind = POSITION_KIND.nameOf(request.kind);
    new Validator()
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check(kind !== undefined, 'kind', 'not_one_of', {
        allowed: 'secretary, deputy_secretary, committee_member',
      })
      .check(
        (request.holderName.trim().length > 0 || Boolean(request.holderMemberId)) &&
          request.holderName.length <= 50,
        // It may be left empty when holderMemberId names the member.
        'holderName',
        'length_between',
        { min: 1, max: 50 },
      )
      .check(!request.holderUserId || isUuid(request.holderUserId), 'holderUserId', 'not_an_id')
      .check(!request.holderMemberId || isUuid(request.holderMemberId), 'holderMemberId', 'not_an_id')
      .check(isCalendarDate(request.termStart), 'termStart', 'not_a_date')
      .check(isCalendarDate(request.termEnd), 'termEnd', 'not_a_date')
      .throwIfInvalid();
    new Validator()
      .check(request.termEnd > request.termStart, 'termEnd', 'not_after_start', { start: 'termStart' })
      .throwIfInvalid();
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      const organisation = await this.organisations.findById(tx, request.organisationId);
      if (!organisation) throw new NotFoundError('organisation', request.organisationId);
      await this.access.requireWithin(tx, organisation.path);
      const holder = request.holderMemberId
        ? await this.requireHolderMember(tx, request.holderMemberId, organisation.path)
        : undefined;
      if (kind === 'secretary')
        await this.refuseSecondSecretary(tx, request.organisationId, {
          termStart: request.termStart,
          termEnd: request.termEnd,
          endedOn: null,
        });
      const row = await tx.position.create({
        data: {
          id: randomUUID(),
          tenantId,
          organisationId: organisation.id,
          kind: kind!,
          holderName: request.holderName.trim() || holder!.name,
          holderUserId: request.holderUserId || null,
          holderMemberId: request.holderMemberId || null,
          termStart: dateColumn(request.termStart),
          termEnd: dateColumn(request.termEnd),
          createdBy: principal.userId,
        },
      });
      await this.organisations.recordChange(tx, {
        id: randomUUID(),
        tenantId,
        organisationId: organisation.id,
        changedBy: principal.userId,
        change: 'position-created',
        detail: {
          positionId: row.id,
          kind,
          holderName: row.holderName,
          termStart: request.termStart,
          termEnd: request.termEnd,
        },
      });
      return toPositionMessage(row, today);
    });
  }

  /** Ends a term early (resignation, transfer); the position stays in the history. */
  async end(request: EndPositionRequest): Promise<Position> {
    const principal = requirePrincipal();
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(isCalendarDate(request.endedOn), 'endedOn', 'not_a_date')
      .throwIfInvalid();
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      const position = await tx.position.findUnique({
        where: { id: request.id },
        include: { organisation: { select: { path: true } } },
      });
      if (!position) throw new NotFoundError('position', request.id);
      await this.access.requireWithin(tx, position.organisation.path);
      if (position.endedOn) throw new ConflictError('this position has already ended');
      new Validator()
        .check(request.endedOn >= dateOnly(position.termStart), 'endedOn', 'not_after_start', {
          start: 'termStart',
        })
        .throwIfInvalid();
      const row = await tx.position.update({
        where: { id: position.id },
        data: { endedOn: dateColumn(request.endedOn) },
      });
      await this.organisations.recordChange(tx, {
        id: randomUUID(),
        tenantId,
        organisationId: position.organisationId,
        changedBy: principal.userId,
        change: 'position-ended',
        detail: { positionId: row.id, endedOn: request.endedOn },
      });
      return toPositionMessage(row, today);
    });
  }

  /** One secretary at a time in an organisation: terms may not overlap. */
  /** A holder's member record is a member on the books of the organisation or below it. */
  private async requireHolderMember(
    tx: OrganisationTx,
    memberId: string,
    organisationPath: string,
  ): Promise<{ name: string }> {
    const member = await tx.member.findUnique({
      where: { id: memberId },
      select: { name: true, status: true, organisation: { select: { path: true } } },
    });
    if (!member) throw new NotFoundError('member', memberId);
    if (
      !member.organisation.path.startsWith(organisationPath) ||
      !['active', 'in_transfer'].includes(member.status)
    ) {
      throw new RuleViolatedError(
        'position-holder-not-member-here',
        'an office holder is a member of the organisation or an organisation below it',
        [fieldProblem('holderMemberId', 'not_on_books_here')],
      );
    }
    return member;
  }

  private async refuseSecondSecretary(
    tx: OrganisationTx,
    organisationId: string,
    term: { termStart: string; termEnd: string; endedOn: null },
  ): Promise<void> {
    const secretaries = await tx.position.findMany({ where: { organisationId, kind: 'secretary' } });
    if (secretaries.some((row) => termsOverlap(terms(row), term))) {
      throw new RuleViolatedError(
        'one-secretary',
        'the organisation has a secretary for (part of) this term: end that term first',
      );
    }
  }
}
