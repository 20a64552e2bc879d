import { create } from '@bufbuild/protobuf';
import {
  CommitmentRollupRowSchema,
  CommitmentSchema,
  CommitmentTargetSchema,
  GetCommitmentRollupResponseSchema,
  LinkedFactSchema,
  OrganisationTreeService,
  ProgressEntrySchema,
  type AppraiseCommitmentRequest,
  type CloseCommitmentRequest,
  type Commitment,
  type CommitmentTargetInput,
  type GetCommitmentRollupRequest,
  type GetCommitmentRollupResponse,
  type ListCommitmentsRequest,
  type ProposeCommitmentRequest,
  type RecordCommitmentProgressRequest,
  type ResubmitCommitmentRequest,
  type ReviewCommitmentRequest,
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
  Validator,
  type RpcClient,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { DisclosureDatabase, DisclosureTx } from '../db/disclosure-database.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Tree } from '../disclosure-items/tree.js';
import { categoriesOf } from '../disclosure-settings/disclosure-settings.use-cases.js';
import { measurable, periodsOf, progressOf, rolledUp, type Target } from './commitment-progress.js';
import { LinkedFacts, type Fact } from './linked-facts.js';

const STAFF = ['tenant-admin', 'secretary'] as const;
const EVERYONE = ['tenant-admin', 'secretary', 'inspector', 'member'] as const;
export const GRADES = ['satisfied', 'fair', 'unsatisfied'] as const;
const VISIBLE = ['published', 'met', 'unmet'];

type Row = Prisma.CommitmentGetPayload<{
  include: { progress: true; appraisals: { select: { grade: true } } };
}>;
const withFacts = {
  progress: { orderBy: { recordedAt: 'asc' } },
  appraisals: { select: { grade: true } },
} as const;

/** The latest entry's figures (the last recorded counts; earlier ones stay as the record). */
export const latestAchieved = (row: { progress: { achieved: unknown }[] }) =>
  row.progress.at(-1)?.achieved as number[] | undefined;

/**
 * 承诺 (rules.md §6): an organisation or its secretary commits at the start of the year; the
 * organisation above reviews before publication (a target without a number and a unit is sent back);
 * progress on the tenant's cadence with evidence; at year end met, or unmet with an explanation its
 * audience reads; members and the public appraise it.
 */
export class CommitmentsUseCases {
  private readonly facts: LinkedFacts;

  constructor(
    private readonly db: DisclosureDatabase,
    private readonly tree: Tree,
    private readonly rpc: RpcClient,
  ) {
    this.facts = new LinkedFacts(rpc);
  }

  async list(request: ListCommitmentsRequest): Promise<{ commitments: Commitment[]; total: number }> {
    const principal = requireRole(...EVERYONE);
    const tenantId = requireTenant();
    const staff =
      principal.platformOperator || principal.roles.some((r) => r === 'tenant-admin' || r === 'secretary');
    const where: Prisma.CommitmentWhereInput[] = [];
    if (!staff) where.push({ state: { in: VISIBLE } });
    else if (!principal.platformOperator && !principal.roles.includes('tenant-admin')) {
      // A secretary: their organisations' commitments, and everything published in the tenant.
      where.push({
        OR: [{ organisationPathIds: { hasSome: principal.organisationScope } }, { state: { in: VISIBLE } }],
      });
    }
    if (request.year !== undefined) where.push({ year: request.year });
    if (request.organisationId) where.push({ organisationPathIds: { has: request.organisationId } });
    if (request.status) where.push({ state: request.status });
    return this.db.database.inTenant(tenantId, async (tx) => {
      const w = { AND: where };
      const [rows, total] = await Promise.all([
        tx.commitment.findMany({
          where: w,
          include: withFacts,
          orderBy: [{ year: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.commitment.count({ where: w }),
      ]);
      return { commitments: rows.map((row) => this.toMessage(row)), total };
    });
  }

  async get(id: string): Promise<Commitment> {
    requireRole(...EVERYONE);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => this.toMessage(await this.readable(tx, id)));
  }

  async propose(request: ProposeCommitmentRequest): Promise<Commitment> {
    const principal = requireRole(...STAFF);
    const validator = new Validator()
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check(['organisation', 'secretary'].includes(request.committerKind), 'committerKind', 'not_one_of', {
        allowed: 'organisation, secretary',
      })
      .check((request.committerName ?? '').length <= 50, 'committerName', 'length_between', {
        min: 0,
        max: 50,
      })
      .check(request.year >= 2000 && request.year <= 2100, 'year', 'not_a_year', { min: 2000, max: 2100 });
    this.validateFields(validator, request).throwIfInvalid();
    const organisation = await this.tree.placed(request.organisationId);
    const tenantId = requireTenant();
    const id = randomUUID();
    const committerName =
      request.committerKind === 'organisation'
        ? organisation.name
        : request.committerName?.trim() || principal.displayName || principal.username;
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.commitment.create({
        data: {
          id,
          tenantId,
          organisationId: organisation.id,
          organisationName: organisation.name,
          organisationPathIds: organisation.pathIds,
          committerKind: request.committerKind,
          committerName,
          year: request.year,
          ...this.fieldsOf(request),
          state: 'proposed',
          proposedBy: principal.userId,
          proposedByName: principal.displayName || principal.username,
        },
      });
      return this.toMessage(await this.readable(tx, id));
    });
  }

  async resubmit(request: ResubmitCommitmentRequest): Promise<Commitment> {
    requireRole(...STAFF);
    this.validateFields(new Validator(), request).throwIfInvalid();
    return this.change(request.id, request.version, ['returned'], 'organisation', () => ({
      ...this.fieldsOf(request),
      state: 'proposed',
      returnNote: '',
    }));
  }

  /** The organisation above reviews (the root's own, for the root): published, or sent back. */
  async review(request: ReviewCommitmentRequest): Promise<Commitment> {
    const principal = requireRole(...STAFF);
    new Validator()
      .check(['publish', 'return'].includes(request.decision), 'decision', 'not_one_of', {
        allowed: 'publish, return',
      })
      .check(request.decision !== 'return' || request.note.trim().length > 0, 'note', 'required')
      .check(request.note.length <= 2000, 'note', 'length_between', { min: 0, max: 2000 })
      .throwIfInvalid();
    return this.change(request.id, request.version, ['proposed'], 'review', (row) => {
      if (row.proposedBy === principal.userId) throw new RuleViolatedError('disclosure-own-item');
      if (request.decision === 'return')
        return { state: 'returned', returnNote: request.note.trim(), reviewedBy: principal.userId };
      if (!(row.targets as unknown as Target[]).every(measurable))
        throw new RuleViolatedError('commitment-measurable');
      return { state: 'published', reviewedBy: principal.userId };
    });
  }

  async recordProgress(request: RecordCommitmentProgressRequest): Promise<Commitment> {
    const principal = requireRole(...STAFF);
    const tenantId = requireTenant();
    const { row, progressCadence } = await this.db.database.inTenant(tenantId, async (tx) => ({
      row: await this.readable(tx, request.commitmentId),
      progressCadence: (await categoriesOf(tx, tenantId)).progressCadence,
    }));
    this.requireReach(row, 'organisation');
    if (row.state !== 'published') throw new RuleViolatedError('commitment-state');
    const periods = periodsOf(progressCadence);
    const targets = row.targets as unknown as Target[];
    new Validator()
      .check(periods.includes(request.period), 'period', 'not_one_of', { allowed: periods.join(', ') })
      .check(
        request.achieved.length === targets.length &&
          request.achieved.every((a) => Number.isFinite(a) && a >= 0 && a <= 1e9),
        'achieved',
        'too_many',
        { max: targets.length },
      )
      .check(
        request.evidence.trim().length > 0 && request.evidence.length <= 5000,
        'evidence',
        'length_between',
        { min: 1, max: 5000 },
      )
      .check(request.studyPlanId === undefined || isUuid(request.studyPlanId), 'studyPlanId', 'not_an_id')
      .throwIfInvalid();
    // Asked of the other services outside the transaction, with the caller's own context.
    const facts = await this.facts.of(row.organisationId, row.year, request.period, request);
    return this.db.database.inTenant(tenantId, async (tx) => {
      const current = await this.readable(tx, row.id);
      if (current.state !== 'published') throw new RuleViolatedError('commitment-state');
      await tx.commitmentProgress.create({
        data: {
          id: randomUUID(),
          tenantId,
          commitmentId: row.id,
          period: request.period,
          achieved: request.achieved,
          evidence: request.evidence.trim(),
          facts: facts as unknown as Prisma.InputJsonValue,
          recordedBy: principal.userId,
          recordedByName: principal.displayName || principal.username,
        },
      });
      return this.toMessage(await this.readable(tx, row.id));
    });
  }

  /** Year end, decided by whoever reviews it: met, or unmet with the explanation its audience reads. */
  async close(request: CloseCommitmentRequest): Promise<Commitment> {
    requireRole(...STAFF);
    new Validator()
      .check(['met', 'unmet'].includes(request.outcome), 'outcome', 'not_one_of', { allowed: 'met, unmet' })
      .check(request.outcome !== 'unmet' || request.explanation.trim().length > 0, 'explanation', 'required')
      .check(request.explanation.length <= 2000, 'explanation', 'length_between', { min: 0, max: 2000 })
      .throwIfInvalid();
    return this.change(request.id, request.version, ['published'], 'review', () => ({
      state: request.outcome,
      explanation: request.explanation.trim(),
    }));
  }

  /** A member's appraisal: once each, of a published (or closed) commitment of the tenant. */
  async appraise(request: AppraiseCommitmentRequest): Promise<Commitment> {
    const principal = requireRole(...EVERYONE);
    new Validator()
      .check((GRADES as readonly string[]).includes(request.grade), 'grade', 'not_one_of', {
        allowed: GRADES.join(', '),
      })
      .throwIfInvalid();
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, request.id);
      if (!VISIBLE.includes(row.state)) throw new RuleViolatedError('commitment-state');
      const inserted = await tx.$executeRawUnsafe(
        `insert into commitment_appraisals (id, tenant_id, commitment_id, source, voter_key, grade)
         values ($1::uuid, $2::uuid, $3::uuid, 'member', $4, $5) on conflict (commitment_id, voter_key) do nothing`,
        randomUUID(),
        tenantId,
        row.id,
        principal.userId,
        request.grade,
      );
      if (inserted === 0) throw new RuleViolatedError('commitment-appraised');
      return this.toMessage(await this.readable(tx, row.id));
    });
  }

  /** 承诺晾晒: an organisation's subtree for a year, rolled up, and each organisation directly below. */
  async rollup(request: GetCommitmentRollupRequest): Promise<GetCommitmentRollupResponse> {
    requireRole(...STAFF);
    new Validator()
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check(request.year >= 2000 && request.year <= 2100, 'year', 'not_a_year', { min: 2000, max: 2100 })
      .throwIfInvalid();
    // 404/403 from the organisation service for an organisation the caller may not read.
    const organisation = await this.tree.placed(request.organisationId);
    const { organisations: children } = await this.rpc.call(
      OrganisationTreeService.method.listOrganisations,
      {
        parentId: organisation.id,
        page: { offset: 0, limit: 500 },
      },
    );
    const tenantId = requireTenant();
    const rows = await this.db.database.inTenant(tenantId, (tx) =>
      tx.commitment.findMany({
        where: { year: request.year, state: { in: VISIBLE }, organisationPathIds: { has: organisation.id } },
        include: { progress: { orderBy: { recordedAt: 'asc' } } },
      }),
    );
    const figures = rows.map((row) => ({
      pathIds: row.organisationPathIds,
      weight: row.weight,
      progress: progressOf(row.targets as unknown as Target[], latestAchieved(row)),
    }));
    const row = (id: string, name: string, of: typeof figures) =>
      create(CommitmentRollupRowSchema, {
        organisationId: id,
        organisationName: name,
        commitments: of.length,
        progress: rolledUp(of),
      });
    return create(GetCommitmentRollupResponseSchema, {
      total: row(organisation.id, organisation.name, figures),
      children: children.map((child) =>
        row(
          child.id,
          child.name,
          figures.filter((f) => f.pathIds.includes(child.id)),
        ),
      ),
    });
  }

  // ---- one way of changing a commitment ----

  private async change(
    id: string,
    version: number,
    from: string[],
    level: 'organisation' | 'review',
    data: (row: Row) => Prisma.CommitmentUncheckedUpdateInput,
  ): Promise<Commitment> {
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, id);
      this.requireReach(row, level);
      if (!from.includes(row.state)) throw new RuleViolatedError('commitment-state');
      const { count } = await tx.commitment.updateMany({
        where: { id, version },
        data: { ...data(row), version: { increment: 1 }, updatedAt: new Date() },
      });
      if (count !== 1) throw new ConflictError('the commitment was changed by someone else: read it again');
      return this.toMessage(await this.readable(tx, id));
    });
  }

  /** Staff reach their subtrees; the reviewer is the organisation above (the root reviews its own). */
  private reaches(row: Row, level: 'organisation' | 'review'): boolean {
    const principal = requirePrincipal();
    if (principal.platformOperator || principal.roles.includes('tenant-admin')) return true;
    if (!principal.roles.includes('secretary')) return false;
    const path =
      level === 'review' && row.organisationPathIds.length > 1
        ? row.organisationPathIds.slice(0, -1)
        : row.organisationPathIds;
    return principal.organisationScope.some((id) => path.includes(id));
  }

  private requireReach(row: Row, level: 'organisation' | 'review'): void {
    if (!this.reaches(row, level)) {
      if (level === 'review') throw new RuleViolatedError('commitment-reviewer');
      throw new ForbiddenError('outside your organisations');
    }
  }

  /** Members read what is published; staff their organisations' too. Others: as if absent. */
  private async readable(tx: DisclosureTx, id: string): Promise<Row> {
    const row = isUuid(id) ? await tx.commitment.findUnique({ where: { id }, include: withFacts }) : null;
    if (!row || (!VISIBLE.includes(row.state) && !this.reaches(row, 'organisation'))) {
      throw new NotFoundError('commitment', id);
    }
    return row;
  }

  private validateFields(
    validator: Validator,
    request: { title: string; targets: CommitmentTargetInput[]; audience: string; weight?: number },
  ): Validator {
    validator
      .check(request.title.trim().length > 0 && request.title.length <= 200, 'title', 'length_between', {
        min: 1,
        max: 200,
      })
      .check(request.targets.length >= 1, 'targets', 'too_few', { min: 1 })
      .check(request.targets.length <= 20, 'targets', 'too_many', { max: 20 })
      .check(['tenant', 'public'].includes(request.audience), 'audience', 'not_one_of', {
        allowed: 'tenant, public',
      })
      .check(
        request.weight === undefined ||
          (Number.isFinite(request.weight) && request.weight > 0 && request.weight <= 100),
        'weight',
        'too_large',
        { max: 100 },
      );
    request.targets.forEach((t, i) => {
      validator
        .check(
          t.description.trim().length > 0 && t.description.length <= 500,
          `targets[${i}].description`,
          'length_between',
          {
            min: 1,
            max: 500,
          },
        )
        .check(t.unit.length <= 10, `targets[${i}].unit`, 'length_between', { min: 0, max: 10 })
        .check(
          Number.isFinite(t.target) && t.target >= 0 && t.target <= 1e9,
          `targets[${i}].target`,
          'too_large',
          {
            max: 1e9,
          },
        )
        .check(
          t.weight === undefined || (Number.isFinite(t.weight) && t.weight > 0 && t.weight <= 100),
          `targets[${i}].weight`,
          'too_large',
          { max: 100 },
        );
    });
    return validator;
  }

  private fieldsOf(request: {
    title: string;
    targets: CommitmentTargetInput[];
    audience: string;
    weight?: number;
  }) {
    return {
      title: request.title.trim(),
      targets: request.targets.map((t) => ({
        description: t.description.trim(),
        unit: t.unit.trim(),
        target: t.target,
        weight: t.weight ?? 1,
      })) as unknown as Prisma.InputJsonValue,
      audience: request.audience,
      weight: request.weight ?? 1,
    };
  }

  private toMessage(row: Row): Commitment {
    const targets = row.targets as unknown as Target[];
    const achieved = latestAchieved(row);
    const grades = (grade: string) => row.appraisals.filter((a) => a.grade === grade).length;
    return create(CommitmentSchema, {
      id: row.id,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      committerKind: row.committerKind,
      committerName: row.committerName,
      year: row.year,
      title: row.title,
      targets: targets.map((t, i) => create(CommitmentTargetSchema, { ...t, achieved: achieved?.[i] ?? 0 })),
      audience: row.audience,
      weight: row.weight,
      status: row.state,
      returnNote: row.returnNote,
      progress: progressOf(targets, achieved),
      progressEntries: row.progress.map((p) =>
        create(ProgressEntrySchema, {
          id: p.id,
          period: p.period,
          achieved: p.achieved as number[],
          evidence: p.evidence,
          recordedByName: p.recordedByName,
          recordedAt: p.recordedAt.toISOString(),
          facts: (p.facts as unknown as Fact[]).map((f) => create(LinkedFactSchema, f)),
        }),
      ),
      explanation: row.explanation,
      appraisalsSatisfied: grades('satisfied'),
      appraisalsFair: grades('fair'),
      appraisalsUnsatisfied: grades('unsatisfied'),
      version: row.version,
      createdAt: row.createdAt.toISOString(),
      proposedByName: row.proposedByName,
      actions: this.actionsOf(row),
    });
  }

  private actionsOf(row: Row): string[] {
    const principal = requirePrincipal();
    const actions: string[] = [];
    if (row.state === 'proposed' && row.proposedBy !== principal.userId && this.reaches(row, 'review'))
      actions.push('review');
    if (row.state === 'returned' && this.reaches(row, 'organisation')) actions.push('resubmit');
    if (row.state === 'published' && this.reaches(row, 'organisation')) actions.push('progress');
    if (row.state === 'published' && this.reaches(row, 'review')) actions.push('close');
    if (VISIBLE.includes(row.state)) actions.push('appraise');
    return actions;
  }
}
