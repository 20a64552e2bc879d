import { create } from '@bufbuild/protobuf';
import {
  GRID_LABEL,
  GridLabel,
  ORGANISATION_KIND,
  OrganisationCreatedSchema,
  OrganisationDissolvedSchema,
  OrganisationMovedSchema,
  SortOrder,
  eventSubject,
  type CreateOrganisationRequest,
  type DissolveOrganisationRequest,
  type ListOrganisationsRequest,
  type MoveOrganisationRequest,
  type Organisation,
  type UpdateOrganisationRequest,
} from '@dangjian/contracts';
import {
  chinaToday,
  ConflictError,
  fieldProblem,
  dateColumn,
  isCalendarDate,
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireTenant,
  RuleViolatedError,
  Validator,
  writeOutboxEvent,
  ruleProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import { ALLOWED_PARENTS, type GridLabelName, type KindName } from './organisation-kinds.js';
import { toOrganisationMessage, type OrganisationRowWithCount } from './organisation-mapper.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { TreeAccess } from '../access/tree-access.js';
import { withFormation } from './formation.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A joint branch (联合党支部) covers 2 to 5 units (rules.md §4). */
const JOINT_UNITS = { min: 2, max: 5 };
const jointUnitsValid = (units: number | undefined) =>
  units === undefined || (Number.isInteger(units) && units >= JOINT_UNITS.min && units <= JOINT_UNITS.max);

/** The sortable fields (the edge refuses any other). */
type SortField = 'name' | 'code' | 'kind' | 'depth' | 'createdAt';

/** The organisation tree of the request's tenant: list, read, create, edit, move subtrees. */
export class OrganisationsUseCases {
  private readonly organisations = new OrganisationsRepository();
  private readonly access = new TreeAccess();

  constructor(private readonly db: OrganisationDatabase) {}

  async list(request: ListOrganisationsRequest): Promise<{ organisations: Organisation[]; total: number }> {
    const sortField = (request.page?.sortField || 'name') as SortField;
    // The filter and the sort were validated at the edge (the gateway's list binding).
    return this.db.database.inRequestTenant(async (tx) => {
      const withinPaths = await this.access.visiblePaths(tx, request.withinId);
      const { rows, total } = await this.organisations.list(tx, {
        offset: pageWindow(request.page).skip,
        limit: pageWindow(request.page).take,
        sortField,
        descending: request.page?.sortOrder === SortOrder.DESC,
        ...(request.query?.trim() ? { text: request.query.trim() } : {}),
        ...(request.parentId ? { parentId: request.parentId } : {}),
        ...(withinPaths ? { withinPaths } : {}),
        ...(request.kind !== undefined ? { kind: ORGANISATION_KIND.nameOf(request.kind) as KindName } : {}),
        rootsOnly: request.rootsOnly,
        ...(request.ids.length > 0 ? { ids: request.ids } : {}),
        includeDissolved: request.includeDissolved,
      });
      return { organisations: await withFormation(tx, rows.map(toOrganisationMessage)), total };
    });
  }

  async get(id: string): Promise<Organisation> {
    return this.db.database.inRequestTenant(
      async (tx) => (await withFormation(tx, [toOrganisationMessage(await this.readable(tx, id))]))[0]!,
    );
  }

  async create(request: CreateOrganisationRequest): Promise<Organisation> {
    const kind = ORGANISATION_KIND.nameOf(request.kind) as KindName | undefined;
    this.validateFields({
      ...request,
      foundedOn: request.foundedOn ?? '',
      kindGiven: kind !== undefined,
      parentIdValid: !request.parentId || isUuid(request.parentId),
    });
    new Validator()
      .check(jointUnitsValid(request.jointUnits), 'jointUnits', 'number_between', JOINT_UNITS)
      .throwIfInvalid();
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const parent = request.parentId ? await this.readable(tx, request.parentId) : null;
      if (parent && parent.status !== 'active')
        throw new RuleViolatedError('organisation-dissolved', 'the parent organisation is dissolved');
      if (!parent) {
        // A new root: only those who manage the whole tree.
        if ((await this.access.scopePaths(tx)) !== undefined)
          throw new RuleViolatedError(
            'organisation-root',
            'only a tenant admin may create a root organisation',
          );
      }
      this.checkNesting(kind!, parent?.kind as KindName | undefined);
      if (await this.organisations.codeTaken(tx, request.code))
        throw new ConflictError(`organisation code ${request.code} is taken`, [
          fieldProblem('code', 'taken'),
        ]);
      const id = randomUUID();
      const row = await this.organisations.insert(tx, {
        id,
        tenantId,
        parentId: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`,
        depth: (parent?.depth ?? -1) + 1,
        kind: kind!,
        name: request.name.trim(),
        code: request.code.trim(),
        joint: request.joint,
        jointUnits: request.joint ? (request.jointUnits ?? null) : null,
        gridLabel: GRID_LABEL.nameOf(request.gridLabel) as GridLabelName,
        contact: request.contact,
        foundedOn: request.foundedOn ? dateColumn(request.foundedOn) : null,
      });
      await this.organisations.recordChange(tx, {
        id: randomUUID(),
        tenantId,
        organisationId: id,
        changedBy: principal.userId,
        change: 'created',
        detail: { name: row.name, parentId: row.parentId },
      });
      const organisation = toOrganisationMessage(row);
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'organisation', 'created'),
        schema: OrganisationCreatedSchema,
        message: create(OrganisationCreatedSchema, { organisation }),
        tenantId,
      });
      return organisation;
    });
  }

  async update(request: UpdateOrganisationRequest): Promise<Organisation> {
    this.validateFields({
      name: request.name ?? 'unchanged',
      code: request.code ?? 'unchanged',
      foundedOn: request.foundedOn ?? '',
      gridLabel: request.gridLabel ?? GridLabel.UNSPECIFIED,
      kindGiven: true,
      parentIdValid: true,
    });
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    new Validator()
      .check(!request.newParentId || isUuid(request.newParentId), 'parentId', 'not_an_id')
      .check(jointUnitsValid(request.jointUnits), 'jointUnits', 'number_between', JOINT_UNITS)
      .throwIfInvalid();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const current = await this.readable(tx, request.id);
      if (request.newParentId && request.newParentId !== current.parentId) {
        await this.moveWithin(
          tx,
          tenantId,
          principal.userId,
          current,
          await this.readable(tx, request.newParentId),
        );
      }
      if (request.code !== undefined && (await this.organisations.codeTaken(tx, request.code, current.id))) {
        throw new ConflictError(`organisation code ${request.code} is taken`, [
          fieldProblem('code', 'taken'),
        ]);
      }
      const row = await this.organisations.update(tx, current.id, {
        ...(request.name !== undefined ? { name: request.name.trim() } : {}),
        ...(request.code !== undefined ? { code: request.code.trim() } : {}),
        ...(request.joint !== undefined ? { joint: request.joint } : {}),
        // A joint branch covers 2 to 5 units (rules.md §4); a branch that is not joint records none.
        ...(request.jointUnits !== undefined || request.joint === false
          ? {
              jointUnits:
                (request.joint ?? current.joint) ? (request.jointUnits ?? current.jointUnits) : null,
            }
          : {}),
        ...(request.gridLabel !== undefined
          ? { gridLabel: GRID_LABEL.nameOf(request.gridLabel) as GridLabelName }
          : {}),
        ...(request.contact !== undefined ? { contact: request.contact } : {}),
        ...(request.foundedOn !== undefined
          ? { foundedOn: request.foundedOn ? dateColumn(request.foundedOn) : null }
          : {}),
      });
      await this.organisations.recordChange(tx, {
        id: randomUUID(),
        tenantId,
        organisationId: current.id,
        changedBy: principal.userId,
        change: 'updated',
        detail: {
          before: {
            name: current.name,
            code: current.code,
            joint: current.joint,
            gridLabel: current.gridLabel,
            contact: current.contact,
          },
          after: {
            name: row.name,
            code: row.code,
            joint: row.joint,
            gridLabel: row.gridLabel,
            contact: row.contact,
          },
        },
      });
      return toOrganisationMessage(row);
    });
  }

  /** Moves an organisation with its whole subtree; members stay with their organisations. */
  async move(request: MoveOrganisationRequest): Promise<{ organisation: Organisation; movedCount: number }> {
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(isUuid(request.newParentId), 'newParentId', 'not_an_id')
      .throwIfInvalid();
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      this.moveWithin(
        tx,
        tenantId,
        principal.userId,
        await this.readable(tx, request.id),
        await this.readable(tx, request.newParentId),
      ),
    );
  }

  private async moveWithin(
    tx: OrganisationTx,
    tenantId: string,
    changedBy: string,
    moving: OrganisationRowWithCount,
    target: OrganisationRowWithCount,
  ): Promise<{ organisation: Organisation; movedCount: number }> {
    if (target.path.startsWith(moving.path)) {
      throw new RuleViolatedError(
        'organisation-no-cycle',
        'an organisation cannot move into its own subtree',
      );
    }
    if (target.status !== 'active')
      throw new RuleViolatedError('organisation-dissolved', 'the target organisation is dissolved');
    this.checkNesting(moving.kind as KindName, target.kind as KindName);
    const newPath = `${target.path}${moving.id}/`;
    const movedCount = await this.organisations.moveSubtree(
      tx,
      moving.path,
      newPath,
      target.depth + 1 - moving.depth,
    );
    const row = await this.organisations.update(tx, moving.id, { parentId: target.id });
    await this.organisations.recordChange(tx, {
      id: randomUUID(),
      tenantId,
      organisationId: moving.id,
      changedBy,
      change: 'moved',
      detail: { from: moving.parentId, to: target.id, movedCount },
    });
    const organisation = toOrganisationMessage(row);
    await writeOutboxEvent(tx, {
      subject: eventSubject('organisation', 'organisation', 'moved'),
      schema: OrganisationMovedSchema,
      message: create(OrganisationMovedSchema, {
        organisation,
        oldParentId: moving.parentId ?? '',
        movedCount,
      }),
      tenantId,
    });
    return { organisation, movedCount };
  }

  /**
   * 撤销 / 合并. With a successor, the members and child organisations move there first (members'
   * histories say why); without one, only an empty organisation can be dissolved. The row stays,
   * marked dissolved, so references and history keep working. One transaction, one event.
   */
  async dissolve(
    request: DissolveOrganisationRequest,
  ): Promise<{ organisation: Organisation; membersMoved: number; childrenMoved: number }> {
    const today = chinaToday();
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(request.reason.trim().length >= 2 && request.reason.length <= 500, 'reason', 'length_between', {
        min: 2,
        max: 500,
      })
      .check(!request.successorId || isUuid(request.successorId), 'successorId', 'not_an_id')
      .check(
        !request.dissolvedOn || (isCalendarDate(request.dissolvedOn) && request.dissolvedOn <= today),
        'dissolvedOn',
        'not_a_past_date',
      )
      .throwIfInvalid();
    const principal = requirePrincipal();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const dissolving = await this.readable(tx, request.id);
      if (dissolving.status !== 'active')
        throw new RuleViolatedError('organisation-dissolved', 'the organisation is already dissolved');
      if (!dissolving.parentId)
        throw new RuleViolatedError('organisation-root', "a tree's root organisation is not dissolved here");
      const children = await tx.organisation.findMany({
        where: { parentId: dissolving.id, status: 'active' },
        include: { _count: { select: { children: true } } },
      });
      const memberCount = await tx.member.count({ where: { organisationId: dissolving.id } });
      let successor: OrganisationRowWithCount | undefined;
      if (request.successorId) {
        successor = await this.readable(tx, request.successorId);
        if (successor.status !== 'active')
          throw new RuleViolatedError('organisation-dissolved', 'the successor is dissolved');
        if (successor.path.startsWith(dissolving.path)) {
          throw new RuleViolatedError(
            'organisation-no-cycle',
            'the successor cannot lie inside the organisation being dissolved',
          );
        }
        for (const child of children) await this.moveWithin(tx, tenantId, principal.userId, child, successor);
        if (memberCount > 0) {
          await tx.$executeRawUnsafe(
            `with moved as (
               update members set organisation_id = $2::uuid, updated_at = now() where organisation_id = $1::uuid returning id, tenant_id)
             insert into member_changes (id, tenant_id, member_id, changed_by, changed_by_name, reason, reason_code, reason_params, fields)
             select gen_random_uuid(), tenant_id, id, $3, $5, $4, 'merged', $6::jsonb, array['organisationId'] from moved`,
            dissolving.id,
            successor.id,
            principal.userId,
            `${dissolving.name} merged into ${successor.name}: ${request.reason.trim()}`,
            principal.username,
            JSON.stringify({ from: dissolving.name, into: successor.name, reason: request.reason.trim() }),
          );
        }
      } else if (children.length > 0 || memberCount > 0) {
        throw new RuleViolatedError(
          'organisation-not-empty',
          `${dissolving.name} still has ${memberCount} members and ${children.length} organisations below it: name a successor to merge them into`,
          [
            ruleProblem('successorId', 'organisation-not-empty', {
              members: memberCount,
              organisations: children.length,
            }),
          ],
          { members: memberCount, organisations: children.length },
        );
      }
      const row = await this.organisations.update(tx, dissolving.id, {
        status: 'dissolved',
        dissolvedOn: dateColumn(request.dissolvedOn || today),
        successorId: successor?.id ?? null,
      });
      await this.organisations.recordChange(tx, {
        id: randomUUID(),
        tenantId,
        organisationId: dissolving.id,
        changedBy: principal.userId,
        change: 'dissolved',
        detail: {
          reason: request.reason.trim(),
          successorId: successor?.id ?? null,
          membersMoved: memberCount,
          childrenMoved: children.length,
        },
      });
      const organisation = toOrganisationMessage(row);
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'organisation', 'dissolved'),
        schema: OrganisationDissolvedSchema,
        message: create(OrganisationDissolvedSchema, {
          organisation,
          successorId: successor?.id ?? '',
          membersMoved: memberCount,
          childrenMoved: children.length,
        }),
        tenantId,
      });
      return { organisation, membersMoved: memberCount, childrenMoved: children.length };
    });
  }

  /** The organisation, if it exists and lies within the caller's scope (else 404 / 403). */
  private async readable(tx: OrganisationTx, id: string): Promise<OrganisationRowWithCount> {
    if (!isUuid(id)) throw new NotFoundError('organisation', id);
    const row = await this.organisations.findById(tx, id);
    if (!row) throw new NotFoundError('organisation', id);
    await this.access.requireWithin(tx, row.path);
    return row;
  }

  private checkNesting(kind: KindName, parentKind: KindName | undefined): void {
    if (!ALLOWED_PARENTS[kind].includes(parentKind ?? null)) {
      throw new RuleViolatedError(
        'organisation-nesting',
        `a ${kind} cannot be placed ${parentKind ? `under a ${parentKind}` : 'at the root'}`,
      );
    }
  }

  private validateFields(fields: {
    name: string;
    code: string;
    foundedOn: string;
    gridLabel: GridLabel;
    kindGiven: boolean;
    parentIdValid: boolean;
  }): void {
    new Validator()
      .check(fields.name.trim().length > 0 && fields.name.length <= 100, 'name', 'length_between', {
        min: 1,
        max: 100,
      })
      .check(/^[\w-]{1,40}$/.test(fields.code.trim()), 'code', 'organisation_code_format')
      .check(fields.kindGiven, 'kind', 'not_one_of', { allowed: 'committee, general_branch, branch, group' })
      .check(fields.parentIdValid, 'parentId', 'not_an_id')
      .check(
        !fields.foundedOn || (DATE.test(fields.foundedOn) && !Number.isNaN(Date.parse(fields.foundedOn))),
        'foundedOn',
        'not_a_date',
      )
      .check(GRID_LABEL.nameOf(fields.gridLabel) !== undefined, 'gridLabel', 'not_one_of', {
        allowed: 'community, industry, building',
      })
      .throwIfInvalid();
  }
}
