import { create } from '@bufbuild/protobuf';
import {
  BallotCandidateSchema,
  BallotResultSchema,
  BallotSchema,
  BallotTurnoutSchema,
  RosterService,
  type ActOnBallotRequest,
  type Ballot,
  type CastBallotRequest,
  type CreateBallotRequest,
  type ListBallotsRequest,
  type Principal,
  type RosterEntry,
} from '@dangjian/contracts';
import {
  ConflictError,
  fieldProblem,
  ForbiddenError,
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  requireTenant,
  RuleViolatedError,
  ValidationError,
  Validator,
  type RpcClient,
  type TenantId,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { SupervisionDatabase, SupervisionTx } from '../db/supervision-database.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Tree } from '../shared/tree.js';
import { isStaffOf, pathsInScope } from '../shared/staff-scope.js';
import { gradesOf, KINDS, paperProblems, results, type Candidate } from './ballot-rules.js';

type Row = Prisma.BallotGetPayload<object>;
const EVERYONE = ['tenant-admin', 'secretary', 'inspector', 'member'];

/** A ballot's roll as one caller sees it: their own row, and the roll counted per organisation. */
interface RollFacts {
  mine: { voted: boolean } | null;
  voters: { organisationId: string; organisationName: string; voted: boolean; _count: { _all: number } }[];
}

/**
 * 民主测评 (rules.md §7, §4): staff of an organisation create a ballot and open it — the roll is the
 * organisation's members (its subtree) as the member records stand at that moment; each on the roll
 * votes once; the roll records that they voted and a separate paper what they marked; turnout per
 * organisation while open, results once closed.
 */
export class BallotsUseCases {
  constructor(
    private readonly db: SupervisionDatabase,
    private readonly tree: Tree,
    private readonly rpc: RpcClient,
  ) {}

  async list(request: ListBallotsRequest) {
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    const where: Prisma.BallotWhereInput = {
      ...pathsInScope(principal),
      ...(request.status ? { status: request.status } : {}),
    };
    return this.page(tenantId, principal, where, request.page);
  }

  async listMine(page: ListBallotsRequest['page']) {
    const principal = requireRole(...EVERYONE);
    const tenantId = requireTenant();
    const ids = await this.db.database.inTenant(tenantId, async (tx) =>
      (
        await tx.ballotVoter.findMany({ where: { userId: principal.userId }, select: { ballotId: true } })
      ).map((v) => v.ballotId),
    );
    return this.page(tenantId, principal, { id: { in: ids }, status: { not: 'draft' } }, page);
  }

  async get(id: string): Promise<Ballot> {
    const principal = requireRole(...EVERYONE);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, principal, id);
      return this.toMessage(tx, row, principal, true);
    });
  }

  async create(request: CreateBallotRequest): Promise<Ballot> {
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    const subjectName = request.subjectName.trim();
    new Validator()
      .check(isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .check(
        request.subject.trim().length >= 1 && request.subject.length <= 100,
        'subject',
        'length_between',
        {
          min: 1,
          max: 100,
        },
      )
      .check((KINDS as readonly string[]).includes(request.kind), 'kind', 'not_one_of', {
        allowed: KINDS.join(', '),
      })
      .check(
        request.kind === 'member_appraisal' || (subjectName.length >= 1 && subjectName.length <= 50),
        'subjectName',
        'length_between',
        { min: 1, max: 50 },
      )
      .throwIfInvalid();
    await this.tree.checkCallerMayName(request.organisationId);
    const place = await this.tree.ladder(request.organisationId);
    const id = randomUUID();
    // A cadre or a commitment is one candidate; members' appraisal takes its candidates with the roll.
    const candidates: Candidate[] =
      request.kind === 'member_appraisal' ? [] : [{ id: randomUUID(), name: subjectName, graded: true }];
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await tx.ballot.create({
        data: {
          id,
          tenantId,
          organisationId: place.id,
          organisationName: place.name,
          organisationPathIds: place.pathIds,
          subject: request.subject.trim(),
          kind: request.kind,
          status: 'draft',
          candidates: candidates as unknown as Prisma.InputJsonValue,
          createdBy: principal.userId,
        },
      });
      return this.toMessage(tx, row, principal, true);
    });
  }

  async act(request: ActOnBallotRequest): Promise<Ballot> {
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    new Validator()
      .check(['open', 'close'].includes(request.action), 'action', 'not_one_of', { allowed: 'open, close' })
      .throwIfInvalid();
    const current = await this.db.database.inTenant(tenantId, (tx) =>
      this.readable(tx, principal, request.id),
    );
    if (!this.isStaffOf(principal, current))
      throw new ForbiddenError('the ballot is not in your organisations');
    if (current.version !== request.version)
      throw new ConflictError('the ballot was changed by someone else');
    if (request.action === 'open' && current.status !== 'draft') throw new RuleViolatedError('ballot-state');
    if (request.action === 'close' && current.status !== 'open') throw new RuleViolatedError('ballot-state');
    // The roll, asked with the caller's context (their scope is checked there), before the transaction.
    const roll = request.action === 'open' ? await this.roster(current.organisationId) : [];
    return this.db.database.inTenant(tenantId, async (tx) => {
      const now = new Date();
      const data: Prisma.BallotUpdateManyMutationInput = { version: { increment: 1 } };
      if (request.action === 'open') {
        const eligible = roll.filter(
          (e) => e.developmentStage === 'full' || e.developmentStage === 'probationary',
        );
        if (eligible.length === 0) throw new RuleViolatedError('ballot-empty-roll');
        await tx.ballotVoter.createMany({
          data: eligible.map((e) => ({
            id: randomUUID(),
            tenantId,
            ballotId: current.id,
            userId: e.userId || null,
            memberId: e.memberId,
            organisationId: e.organisationId,
            organisationName: e.organisationName,
          })),
        });
        Object.assign(data, { status: 'open', openedAt: now, rollSize: eligible.length });
        if (current.kind === 'member_appraisal')
          data.candidates = eligible.map((e) => ({
            id: e.memberId,
            name: e.name,
            graded: e.developmentStage === 'full',
          })) as unknown as Prisma.InputJsonValue;
      } else Object.assign(data, { status: 'closed', closedAt: now });
      const { count } = await tx.ballot.updateMany({
        where: { id: current.id, version: current.version },
        data,
      });
      if (count === 0) throw new ConflictError('the ballot was changed by someone else');
      return this.toMessage(
        tx,
        await tx.ballot.findUniqueOrThrow({ where: { id: current.id } }),
        principal,
        true,
      );
    });
  }

  async cast(request: CastBallotRequest): Promise<Ballot> {
    const principal = requireRole(...EVERYONE);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const row = await this.readable(tx, principal, request.ballotId);
      if (row.status !== 'open') throw new RuleViolatedError('ballot-state');
      const problems = paperProblems(row.kind, row.candidates as unknown as Candidate[], request.grades);
      if (problems.length > 0)
        throw new ValidationError(problems.map((p) => fieldProblem(p.field, p.code, p.params)));
      // The roll says that they voted; the paper, written apart, what — the two share only the ballot.
      const { count } = await tx.ballotVoter.updateMany({
        where: { ballotId: row.id, userId: principal.userId, voted: false },
        data: { voted: true },
      });
      if (count === 0) {
        const onRoll = await tx.ballotVoter.count({ where: { ballotId: row.id, userId: principal.userId } });
        throw new RuleViolatedError(onRoll > 0 ? 'ballot-voted' : 'ballot-not-on-roll');
      }
      await tx.ballotPaper.create({
        data: {
          id: randomUUID(),
          tenantId,
          ballotId: row.id,
          grades: request.grades as Prisma.InputJsonValue,
        },
      });
      return this.toMessage(tx, row, principal, false);
    });
  }

  // ---- shared ----

  private async roster(organisationId: string): Promise<RosterEntry[]> {
    const entries: RosterEntry[] = [];
    for (let after = ''; ;) {
      const page = await this.rpc.call(RosterService.method.listRoster, {
        organisationId,
        audience: 'all',
        afterMemberId: after,
        limit: 1000,
      });
      entries.push(...page.entries);
      if (!page.nextAfterMemberId) return entries;
      after = page.nextAfterMemberId;
    }
  }

  private async page(
    tenantId: TenantId,
    principal: Principal,
    where: Prisma.BallotWhereInput,
    page: ListBallotsRequest['page'],
  ) {
    const window = pageWindow(page);
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [rows, total] = await Promise.all([
        tx.ballot.findMany({ where, orderBy: { createdAt: 'desc' }, skip: window.skip, take: window.take }),
        tx.ballot.count({ where }),
      ]);
      // Two reads for the whole page: the caller's roll rows and the turnout of every ballot on it.
      const facts = await this.rollFacts(
        tx,
        rows.map((r) => r.id),
        principal.userId,
      );
      const ballots: Ballot[] = [];
      for (const row of rows)
        ballots.push(await this.toMessage(tx, row, principal, false, facts.get(row.id)));
      return { ballots, total };
    });
  }

  private isStaffOf = (p: Principal, row: Row): boolean => isStaffOf(p, row.organisationPathIds);

  /** Staff of its organisation, and the people on its roll. */
  private async readable(tx: SupervisionTx, principal: Principal, id: string): Promise<Row> {
    if (!isUuid(id)) throw new NotFoundError('ballot', id);
    const row = await tx.ballot.findUnique({ where: { id } });
    if (!row) throw new NotFoundError('ballot', id);
    if (this.isStaffOf(principal, row)) return row;
    const onRoll = await tx.ballotVoter.count({ where: { ballotId: id, userId: principal.userId } });
    if (onRoll > 0 && row.status !== 'draft') return row;
    throw new NotFoundError('ballot', id);
  }

  /** Per ballot: whether the caller is on its roll (and voted), and its roll counted per organisation. */
  private async rollFacts(tx: SupervisionTx, ids: string[], userId: string): Promise<Map<string, RollFacts>> {
    const [mine, groups] = await Promise.all([
      tx.ballotVoter.findMany({
        where: { ballotId: { in: ids }, userId },
        select: { ballotId: true, voted: true },
      }),
      tx.ballotVoter.groupBy({
        by: ['ballotId', 'organisationId', 'organisationName', 'voted'],
        where: { ballotId: { in: ids } },
        _count: { _all: true },
      }),
    ]);
    const facts = new Map<string, RollFacts>(ids.map((id) => [id, { mine: null, voters: [] }]));
    for (const m of mine) facts.get(m.ballotId)!.mine = { voted: m.voted };
    for (const g of groups) facts.get(g.ballotId)!.voters.push(g);
    return facts;
  }

  private async toMessage(
    tx: SupervisionTx,
    row: Row,
    principal: Principal,
    full: boolean,
    known?: RollFacts,
  ): Promise<Ballot> {
    const staff = this.isStaffOf(principal, row);
    const candidates = row.candidates as unknown as Candidate[];
    const { mine, voters } = known ?? (await this.rollFacts(tx, [row.id], principal.userId)).get(row.id)!;
    const byOrganisation = new Map<string, { name: string; roll: number; voted: number }>();
    for (const v of voters) {
      const entry = byOrganisation.get(v.organisationId) ?? { name: v.organisationName, roll: 0, voted: 0 };
      entry.roll += v._count._all;
      if (v.voted) entry.voted += v._count._all;
      byOrganisation.set(v.organisationId, entry);
    }
    const voted = [...byOrganisation.values()].reduce((sum, o) => sum + o.voted, 0);
    // Results once closed, never before: nobody watches a count while people still vote.
    const closedResults =
      row.status === 'closed' && full
        ? results(
            row.kind,
            candidates,
            (await tx.ballotPaper.findMany({ where: { ballotId: row.id }, select: { grades: true } })).map(
              (p) => p.grades as Record<string, string>,
            ),
          )
        : [];
    const actions = [
      ...(staff && row.status === 'draft' ? ['open'] : []),
      ...(staff && row.status === 'open' ? ['close'] : []),
      ...(row.status === 'open' && mine && !mine.voted ? ['vote'] : []),
    ];
    return create(BallotSchema, {
      id: row.id,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      subject: row.subject,
      kind: row.kind,
      status: row.status,
      candidates: candidates.map((c) => create(BallotCandidateSchema, c)),
      grades: gradesOf(row.kind),
      rollSize: row.rollSize,
      voted,
      turnout: staff
        ? [...byOrganisation].map(([organisationId, o]) =>
            create(BallotTurnoutSchema, {
              organisationId,
              organisationName: o.name,
              roll: o.roll,
              voted: o.voted,
            }),
          )
        : [],
      results: closedResults.map((r) => create(BallotResultSchema, r)),
      openedAt: row.openedAt?.toISOString() ?? '',
      closedAt: row.closedAt?.toISOString() ?? '',
      onMyRoll: mine !== null,
      iVoted: mine?.voted ?? false,
      actions,
      version: row.version,
    });
  }
}
