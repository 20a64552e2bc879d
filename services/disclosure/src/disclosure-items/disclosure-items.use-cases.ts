import { create } from '@bufbuild/protobuf';
import {
  ConfidentialityFindingSchema,
  DisclosureItemEventSchema,
  DisclosureItemSchema,
  type ApproveDisclosureItemRequest,
  type DisclosureItem,
  type ListDisclosureItemsRequest,
  type ListMyDisclosuresRequest,
  type ProposeDisclosureItemRequest,
  type ResubmitDisclosureItemRequest,
  type ReviewDisclosureItemRequest,
  type WithdrawDisclosureItemRequest,
} from '@dangjian/contracts';
import {
  ConflictError,
  ForbiddenError,
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  ruleProblem,
  Validator,
  type TenantId,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { DisclosureDatabase, DisclosureTx } from '../db/disclosure-database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { categoriesOf } from '../disclosure-settings/disclosure-settings.use-cases.js';
import {
  carryAcknowledgements,
  nameFindings,
  scanNumbers,
  unresolved,
  type Finding,
} from './confidentiality-scan.js';
import {
  DisclosureItemsRepository,
  publishedNow,
  withdrawnAfterPublication,
  type ItemWithHistory,
} from './disclosure-items.repository.js';
import { beyondAuthority, next, statusOf, type Action, type StoredState } from './disclosure-workflow.js';
import type { Tree } from './tree.js';

export const AUDIENCES = ['organisation', 'subtree', 'tenant', 'public'] as const;
export const CHANNELS = ['platform', 'noticeboard', 'meeting', 'document'] as const;
const STATUSES = [
  'proposed',
  'returned',
  'awaiting_approval',
  'scheduled',
  'published',
  'expired',
  'withdrawn',
];
const STAFF = ['tenant-admin', 'secretary'] as const;
const EVERYONE = ['tenant-admin', 'secretary', 'inspector', 'member'] as const;

type Fields = Pick<
  ProposeDisclosureItemRequest,
  'category' | 'title' | 'body' | 'audience' | 'channels' | 'startsAt' | 'endsAt'
>;

/** The text the review reads: the title and the body, as one. */
const scannedText = (item: { title: string; body: string }) => `${item.title}\n${item.body}`;

/**
 * 党务公开 (rules.md §6): staff propose; someone else in the organisation (or above it) reviews for
 * confidentiality; the organisation's secretaries approve, or the parent's when the item goes beyond
 * the organisation (a tenant-wide or public audience, personnel matters). Nobody does two of those
 * steps on one item, so no one person publishes alone.
 */
export class DisclosureItemsUseCases {
  private readonly items = new DisclosureItemsRepository();

  constructor(
    private readonly db: DisclosureDatabase,
    private readonly tree: Tree,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(request: ListDisclosureItemsRequest): Promise<{ items: DisclosureItem[]; total: number }> {
    const principal = requireRole(...STAFF);
    const tenantId = requireTenant();
    const now = this.now();
    const where: Prisma.DisclosureItemWhereInput[] = [];
    const admin = principal.platformOperator || principal.roles.includes('tenant-admin');
    if (!admin) where.push({ organisationPathIds: { hasSome: principal.organisationScope } });
    if (request.organisationId) where.push({ organisationId: request.organisationId });
    if (request.status) where.push(statusWhere(request.status, now));
    if (request.awaitingMe) {
      where.push({ state: { in: ['proposed', 'awaiting_approval'] }, proposedBy: { not: principal.userId } });
    }
    return this.db.database.inTenant(tenantId, async (tx) => {
      const { rows, total } = await this.items.list(tx, { AND: where }, pageWindow(request.page));
      const items = rows.map((row) => this.toMessage(row, now));
      // "Awaiting me" is the steps the caller may take, which the list's filter only narrows to.
      return request.awaitingMe
        ? { items: items.filter((i) => i.actions.some((a) => a === 'review' || a === 'approve')), total }
        : { items, total };
    });
  }

  async get(id: string): Promise<DisclosureItem> {
    requireRole(...STAFF);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) =>
      this.toMessage(await this.readable(tx, id), this.now()),
    );
  }

  async propose(request: ProposeDisclosureItemRequest): Promise<DisclosureItem> {
    const principal = requireRole(...STAFF);
    const validator = new Validator().check(isUuid(request.organisationId), 'organisationId', 'not_an_id');
    const tenantId = requireTenant();
    const categories = await this.db.database.inTenant(tenantId, (tx) => categoriesOf(tx, tenantId));
    this.validateFields(
      validator,
      request,
      categories.categories.map((c) => c.key),
    ).throwIfInvalid();
    // 404/403 from the organisation service when the caller may not name this organisation.
    const organisation = await this.tree.placed(request.organisationId);
    const escalate = beyondAuthority(request) && organisation.parent !== undefined;
    const approval = escalate ? organisation.parent! : organisation;
    const findings = await this.scan(scannedText(request), organisation.id, request.audience);
    const id = randomUUID();
    return this.db.database.inTenant(tenantId, async (tx) => {
      await this.items.insert(tx, {
        id,
        tenantId,
        organisationId: organisation.id,
        organisationName: organisation.name,
        organisationPathIds: organisation.pathIds,
        approvalOrganisationId: approval.id,
        approvalOrganisationName: approval.name,
        escalated: escalate,
        ...this.fieldsOf(request),
        state: 'proposed',
        findings: findings as unknown as Prisma.InputJsonValue,
        proposedBy: principal.userId,
        proposedByName: principal.displayName || principal.username,
      });
      await this.log(tx, tenantId, id, 'proposed');
      return this.toMessage((await this.items.find(tx, id))!, this.now());
    });
  }

  async resubmit(request: ResubmitDisclosureItemRequest): Promise<DisclosureItem> {
    requireRole(...STAFF);
    const tenantId = requireTenant();
    const categories = await this.db.database.inTenant(tenantId, (tx) => categoriesOf(tx, tenantId));
    this.validateFields(
      new Validator(),
      request,
      categories.categories.map((c) => c.key),
    ).throwIfInvalid();
    const current = await this.db.database.inTenant(tenantId, (tx) => this.readable(tx, request.id));
    this.requireReach(current, 'organisation');
    // The tree as it stands now: the audience or category may have changed who approves.
    const organisation = await this.tree.placed(current.organisationId);
    const escalate = beyondAuthority(request) && organisation.parent !== undefined;
    const approval = escalate ? organisation.parent! : organisation;
    const found = await this.scan(scannedText(request), current.organisationId, request.audience);
    const findings = carryAcknowledgements(
      current.findings as unknown as Finding[],
      scannedText(request),
      scannedText(current),
      found,
    );
    return this.transition(request.id, request.version, 'resubmit', '', () => ({
      data: {
        ...this.fieldsOf(request),
        organisationPathIds: organisation.pathIds,
        approvalOrganisationId: approval.id,
        approvalOrganisationName: approval.name,
        escalated: escalate,
        findings: findings as unknown as Prisma.InputJsonValue,
        returnNote: '',
        reviewedBy: null,
      },
    }));
  }

  async review(request: ReviewDisclosureItemRequest): Promise<DisclosureItem> {
    requireRole(...STAFF);
    new Validator()
      .check(['pass', 'return'].includes(request.decision), 'decision', 'not_one_of', {
        allowed: 'pass, return',
      })
      .check(request.decision !== 'return' || request.note.trim().length > 0, 'note', 'required')
      .check(request.note.length <= 2000, 'note', 'length_between', { min: 0, max: 2000 })
      .throwIfInvalid();
    const action: Action = request.decision === 'pass' ? 'review_pass' : 'review_return';
    return this.transition(request.id, request.version, action, request.note, (row) => {
      const findings = (row.findings as unknown as Finding[]).map((f) => ({ ...f }));
      const validator = new Validator();
      request.acknowledgements.forEach((ack, i) => {
        const finding = findings[ack.index];
        validator
          .check(finding !== undefined, `acknowledgements[${i}].index`, 'not_one_of', {
            allowed: findings.map((_, j) => j).join(', '),
          })
          .check(
            ack.note.trim().length > 0 && ack.note.length <= 200,
            `acknowledgements[${i}].note`,
            'length_between',
            {
              min: 1,
              max: 200,
            },
          );
        if (finding?.kind === 'id_card') {
          throw new RuleViolatedError('disclosure-id-card', undefined, [
            ruleProblem(`acknowledgements[${i}].index`, 'disclosure-id-card'),
          ]);
        }
        if (finding) finding.acknowledgedNote = ack.note.trim();
      });
      validator.throwIfInvalid();
      return {
        unresolvedFindings: unresolved(findings),
        data: {
          findings: findings as unknown as Prisma.InputJsonValue,
          reviewedBy: requirePrincipal().userId,
          ...(action === 'review_return' ? { returnNote: request.note.trim() } : {}),
        },
      };
    });
  }

  async approve(request: ApproveDisclosureItemRequest): Promise<DisclosureItem> {
    const principal = requireRole(...STAFF);
    new Validator()
      .check(['approve', 'return'].includes(request.decision), 'decision', 'not_one_of', {
        allowed: 'approve, return',
      })
      .check(request.decision !== 'return' || request.note.trim().length > 0, 'note', 'required')
      .check(request.note.length <= 2000, 'note', 'length_between', { min: 0, max: 2000 })
      .throwIfInvalid();
    const approving = request.decision === 'approve';
    return this.transition(
      request.id,
      request.version,
      approving ? 'approve' : 'approval_return',
      request.note,
      () => ({
        data: approving
          ? {
              approvedBy: principal.userId,
              approvedByName: principal.displayName || principal.username,
              approvedAt: this.now(),
            }
          : { returnNote: request.note.trim() },
      }),
    );
  }

  async withdraw(request: WithdrawDisclosureItemRequest): Promise<DisclosureItem> {
    requireRole(...STAFF);
    new Validator()
      .check(request.reason.trim().length > 0 && request.reason.length <= 500, 'reason', 'length_between', {
        min: 1,
        max: 500,
      })
      .throwIfInvalid();
    const tenantId = requireTenant();
    const current = await this.db.database.inTenant(tenantId, (tx) => this.readable(tx, request.id));
    return this.transition(request.id, current.version, 'withdraw', request.reason, () => ({
      data: { withdrawnReason: request.reason.trim(), withdrawnAt: this.now() },
    }));
  }

  /** 党务公开 in the member space: what is published to the caller, where they stand in the tree now. */
  async mine(request: ListMyDisclosuresRequest): Promise<{ items: DisclosureItem[]; total: number }> {
    requireRole(...EVERYONE);
    const tenantId = requireTenant();
    const path = await this.tree.myPath();
    const own = path.at(-1);
    const now = this.now();
    const reaches: Prisma.DisclosureItemWhereInput = {
      OR: [
        { audience: { in: ['tenant', 'public'] } },
        ...(path.length > 0 ? [{ audience: 'subtree', organisationId: { in: path } }] : []),
        ...(own ? [{ audience: 'organisation', organisationId: own }] : []),
      ],
    };
    return this.db.database.inTenant(tenantId, async (tx) => {
      const { rows, total } = await this.items.list(
        tx,
        { AND: [reaches, { OR: [publishedNow(now), withdrawnAfterPublication] }] },
        pageWindow(request.page),
        [{ startsAt: 'desc' }, { id: 'asc' }],
      );
      return { items: rows.map((row) => this.forReader(this.toMessage(row, now))), total };
    });
  }

  // ---- the workflow's one way of changing an item ----

  private async transition(
    id: string,
    version: number,
    action: Action,
    note: string,
    change: (row: ItemWithHistory) => {
      unresolvedFindings?: number;
      data: Prisma.DisclosureItemUncheckedUpdateInput;
    },
  ): Promise<DisclosureItem> {
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, id);
      this.requireMayAct(row, action);
      const { data, unresolvedFindings } = change(row);
      const now = this.now();
      const outcome = next(action, {
        state: row.state as StoredState,
        startsAt: (data.startsAt as Date | undefined) ?? row.startsAt,
        endsAt: data.endsAt !== undefined ? (data.endsAt as Date | null) : row.endsAt,
        now,
        unresolvedFindings: unresolvedFindings ?? unresolved(row.findings as unknown as Finding[]),
      });
      if (!outcome.ok) {
        const status = statusOf({ ...row, state: row.state as StoredState }, now);
        throw new RuleViolatedError(outcome.rule, undefined, [], {
          status,
          count: unresolvedFindings ?? unresolved(row.findings as unknown as Finding[]),
        });
      }
      if (!(await this.items.update(tx, id, version, { ...data, state: outcome.state }))) {
        throw new ConflictError('the item was changed by someone else: read it again');
      }
      await this.log(tx, tenantId, id, LOGGED[action], note.trim());
      return this.toMessage((await this.items.find(tx, id))!, now);
    });
  }

  /** Who may take which step (the proposer never reviews or approves their own item). */
  private requireMayAct(row: ItemWithHistory, action: Action): void {
    const principal = requirePrincipal();
    if (
      action === 'review_pass' ||
      action === 'review_return' ||
      action === 'approve' ||
      action === 'approval_return'
    ) {
      if (row.proposedBy === principal.userId) throw new RuleViolatedError('disclosure-own-item');
      if (action === 'review_pass' || action === 'review_return') {
        // The reviewer is not the approver either: review and approval are two people.
        this.requireReach(row, 'organisation');
      } else {
        if (row.reviewedBy === principal.userId) throw new RuleViolatedError('disclosure-own-item');
        if (!this.reaches(row, 'approval')) {
          throw new RuleViolatedError('disclosure-approver', undefined, [], {
            organisation: row.approvalOrganisationName,
          });
        }
      }
      return;
    }
    this.requireReach(row, 'organisation');
  }

  /** A tenant admin reaches everything; a secretary what lies in their subtrees. */
  private reaches(row: ItemWithHistory, level: 'organisation' | 'approval'): boolean {
    const principal = requirePrincipal();
    if (principal.platformOperator || principal.roles.includes('tenant-admin')) return true;
    const path = level === 'organisation' ? row.organisationPathIds : approvalPath(row);
    return principal.organisationScope.some((id) => path.includes(id));
  }

  private requireReach(row: ItemWithHistory, level: 'organisation' | 'approval'): void {
    if (!this.reaches(row, level)) throw new ForbiddenError('outside your organisations');
  }

  /** An item the caller may not see is as absent as one that does not exist. */
  private async readable(tx: DisclosureTx, id: string): Promise<ItemWithHistory> {
    const row = isUuid(id) ? await this.items.find(tx, id) : null;
    if (!row || !this.reaches(row, 'organisation')) throw new NotFoundError('disclosure item', id);
    return row;
  }

  private async scan(text: string, organisationId: string, audience: string): Promise<Finding[]> {
    const names = await this.tree.namesOutsideAudience(text, organisationId, audience);
    return [...scanNumbers(text), ...nameFindings(text, names)].sort((a, b) => a.start - b.start);
  }

  private validateFields(validator: Validator, request: Fields, categories: string[]): Validator {
    const startsAt = Date.parse(request.startsAt);
    const endsAt = request.endsAt ? Date.parse(request.endsAt) : undefined;
    return validator
      .check(categories.includes(request.category), 'category', 'not_one_of', {
        allowed: categories.join(', '),
      })
      .check(request.title.trim().length > 0 && request.title.length <= 100, 'title', 'length_between', {
        min: 1,
        max: 100,
      })
      .check(request.body.trim().length > 0 && request.body.length <= 20_000, 'body', 'length_between', {
        min: 1,
        max: 20_000,
      })
      .check((AUDIENCES as readonly string[]).includes(request.audience), 'audience', 'not_one_of', {
        allowed: AUDIENCES.join(', '),
      })
      .check(
        request.channels.length > 0 &&
          new Set(request.channels).size === request.channels.length &&
          request.channels.every((c) => (CHANNELS as readonly string[]).includes(c)),
        'channels',
        'not_one_of',
        { allowed: CHANNELS.join(', ') },
      )
      .check(
        isZonedDateTime(request.startsAt) && !Number.isNaN(startsAt),
        'startsAt',
        'not_a_datetime_with_zone',
      )
      .check(
        request.endsAt === undefined || (isZonedDateTime(request.endsAt) && !Number.isNaN(endsAt!)),
        'endsAt',
        'not_a_datetime_with_zone',
      )
      .check(endsAt === undefined || Number.isNaN(endsAt) || endsAt > startsAt, 'endsAt', 'not_after_start', {
        start: request.startsAt,
      });
  }

  private fieldsOf(request: Fields) {
    return {
      category: request.category,
      title: request.title.trim(),
      body: request.body.trim(),
      audience: request.audience,
      channels: request.channels,
      startsAt: new Date(request.startsAt),
      endsAt: request.endsAt ? new Date(request.endsAt) : null,
    };
  }

  private async log(
    tx: DisclosureTx,
    tenantId: TenantId,
    itemId: string,
    action: string,
    note = '',
  ): Promise<void> {
    const principal = requirePrincipal();
    await this.items.addEvent(tx, {
      id: randomUUID(),
      tenantId,
      itemId,
      action,
      byUserId: principal.userId,
      byName: principal.displayName || principal.username,
      note,
    });
  }

  private toMessage(row: ItemWithHistory, now: Date): DisclosureItem {
    const status = statusOf({ ...row, state: row.state as StoredState }, now);
    return create(DisclosureItemSchema, {
      id: row.id,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      category: row.category,
      title: row.title,
      body: row.body,
      audience: row.audience,
      channels: row.channels,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt?.toISOString() ?? '',
      status,
      approvalOrganisationId: row.approvalOrganisationId,
      approvalOrganisationName: row.approvalOrganisationName,
      escalated: row.escalated,
      findings: (row.findings as unknown as Finding[]).map((f) =>
        create(ConfidentialityFindingSchema, {
          kind: f.kind,
          excerpt: f.excerpt,
          start: f.start,
          length: f.length,
          acknowledgedNote: f.acknowledgedNote,
          resolved: f.acknowledgedNote.length > 0,
        }),
      ),
      proposedByName: row.proposedByName,
      approvedByName: row.approvedByName,
      approvedAt: row.approvedAt?.toISOString() ?? '',
      returnNote: row.returnNote,
      withdrawnReason: row.withdrawnReason,
      withdrawnAt: row.withdrawnAt?.toISOString() ?? '',
      history: row.events.map((e) =>
        create(DisclosureItemEventSchema, {
          action: e.action,
          byName: e.byName,
          note: e.note,
          at: e.at.toISOString(),
        }),
      ),
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      actions: this.actionsOf(row, status),
    });
  }

  /** The steps the caller could take now, for the console's buttons (the use cases decide again). */
  private actionsOf(row: ItemWithHistory, status: string): string[] {
    const principal = requirePrincipal();
    const mine = row.proposedBy === principal.userId;
    const actions: string[] = [];
    if (status === 'proposed' && !mine && this.reaches(row, 'organisation')) actions.push('review');
    if (
      status === 'awaiting_approval' &&
      !mine &&
      row.reviewedBy !== principal.userId &&
      this.reaches(row, 'approval')
    ) {
      actions.push('approve');
    }
    if (status === 'returned' && this.reaches(row, 'organisation')) actions.push('resubmit');
    if (
      ['proposed', 'returned', 'awaiting_approval', 'scheduled', 'published'].includes(status) &&
      this.reaches(row, 'organisation')
    ) {
      actions.push('withdraw');
    }
    return actions;
  }

  /** What a member reads: no workflow, no findings; a withdrawn item's title and reason, not its text. */
  private forReader(item: DisclosureItem): DisclosureItem {
    return create(DisclosureItemSchema, {
      id: item.id,
      organisationName: item.organisationName,
      category: item.category,
      title: item.title,
      body: item.status === 'withdrawn' ? '' : item.body,
      audience: item.audience,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      status: item.status,
      withdrawnReason: item.withdrawnReason,
      withdrawnAt: item.withdrawnAt,
    });
  }
}

const LOGGED: Record<Action, string> = {
  review_pass: 'reviewed',
  review_return: 'returned',
  approve: 'approved',
  approval_return: 'returned',
  resubmit: 'resubmitted',
  withdraw: 'withdrawn',
};

/** The ids from the root down to the organisation that approves. */
function approvalPath(row: { organisationPathIds: string[]; approvalOrganisationId: string }): string[] {
  const at = row.organisationPathIds.indexOf(row.approvalOrganisationId);
  return at >= 0 ? row.organisationPathIds.slice(0, at + 1) : row.organisationPathIds;
}

function isZonedDateTime(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
}

function statusWhere(status: string, now: Date): Prisma.DisclosureItemWhereInput {
  switch (status) {
    case 'scheduled':
      return { state: 'approved', startsAt: { gt: now } };
    case 'published':
      return publishedNow(now);
    case 'expired':
      return { state: 'approved', endsAt: { lte: now } };
    default:
      return STATUSES.includes(status) ? { state: status } : { id: { in: [] } };
  }
}
