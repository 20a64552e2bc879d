import { create } from '@bufbuild/protobuf';
import {
  DuesAssessmentSchema,
  DuesLedgerEntrySchema,
  DuesPaymentSchema,
  DuesReportRowSchema,
  SortOrder,
  type CreateDuesAssessmentRequest,
  type DuesAssessment,
  type DuesLedgerEntry,
  type DuesPayment,
  type DuesReportRow,
  type GetDuesReportRequest,
  type ListDuesAssessmentsRequest,
  type ListDuesLedgerRequest,
  type ListDuesPaymentsRequest,
  type RecordDuesPaymentRequest,
  type RunDuesMonthResponse,
} from '@dangjian/contracts';
import {
  chinaToday,
  dateColumn,
  dateOnly,
  ForbiddenError,
  isCalendarDate,
  isCalendarMonth,
  isUuid,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  Validator,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { DuesAssessment as AssessmentRow, DuesPayment as PaymentRow } from '../generated/prisma/client.js';
import { readableMember } from '../members/readable-member.js';
import { readSettings } from '../settings/organisation-settings.js';
import { TreeAccess } from '../tree/tree-access.js';
import { assessMonthlyDues, firstDuesMonth, LARGE_VOLUNTARY_FEN, monthOf, paymentMonthRule } from './dues-rules.js';
import { PaymentProviders } from './payment-providers.js';

const REDUCTIONS = ['none', 'reduced', 'exempt'] as const;
/** Members per transaction in the monthly run. */
const RUN_BATCH_MEMBERS = 20_000;
const monthColumn = (month: string) => dateColumn(`${month}-01`);
const monthOfColumn = (value: Date) => dateOnly(value).slice(0, 7);

/**
 * Whether member `m` owes dues in the month starting on the date `month` (rules.md §1): full members,
 * and probationary members from the month the branch meeting accepted them.
 */
const owesDuesIn = (month: string) => `m.status in ('active', 'in_transfer') and m.development_stage in ('full', 'probationary')
    and (m.joined_on is null or m.joined_on < (${month} + interval '1 month'))`;

/**
 * The ledger rows for the months in `$1` (first days) of every member who owes dues then and has an
 * assessment in force, at its amount. Existing rows are left alone, so a run can be repeated.
 * $2: null for the whole tenant, or member ids.
 */
export const DUES_MONTH_SQL = `insert into dues_ledger (tenant_id, member_id, month, organisation_id, due_fen, assessment_id)
  select m.tenant_id, m.id, months.month, m.organisation_id, a.monthly_fen, a.id
  from members m
  cross join unnest($1::date[]) as months(month)
  cross join lateral (select id, monthly_fen from dues_assessments a
                      where a.member_id = m.id and a.effective_from <= months.month
                      order by a.effective_from desc, a.created_at desc limit 1) a
  where ${owesDuesIn('months.month')}
    and ($2::uuid[] is null or m.id = any($2::uuid[]))
  on conflict (tenant_id, member_id, month) do nothing`;

function assessmentMessage(row: AssessmentRow): DuesAssessment {
  return create(DuesAssessmentSchema, {
    id: row.id,
    memberId: row.memberId,
    effectiveFrom: monthOfColumn(row.effectiveFrom),
    occupation: row.occupation,
    ...(row.baseFen !== null ? { baseFen: row.baseFen } : {}),
    basisPoints: row.basisPoints,
    standardFen: row.standardFen,
    monthlyFen: row.monthlyFen,
    reduction: row.reduction,
    branchDecidedOn: row.branchDecidedOn ? dateOnly(row.branchDecidedOn) : '',
    higherApprovedOn: row.higherApprovedOn ? dateOnly(row.higherApprovedOn) : '',
    reason: row.reason,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
  });
}

function paymentMessage(row: PaymentRow): DuesPayment {
  return create(DuesPaymentSchema, {
    id: row.id,
    memberId: row.memberId,
    months: row.months.map(monthOfColumn),
    duesFen: row.duesFen,
    voluntaryFen: row.voluntaryFen,
    largeVoluntary: row.largeVoluntary,
    provider: row.provider,
    providerReference: row.providerReference,
    paidOn: dateOnly(row.paidOn),
    paidByName: row.paidByName,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
  });
}

/** Party dues: assessments with history, the monthly run, the ledger and payments (rules.md §1). */
export class DuesUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly providers = new PaymentProviders(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Records an assessment (the year's, or a pay change from the month it is received). Ledger
   * months from then on follow the new amount; what was paid stays paid, so a rise leaves the
   * difference outstanding.
   */
  async assess(request: CreateDuesAssessmentRequest): Promise<DuesAssessment> {
    const baseFen = request.baseFen === undefined ? undefined : Number(request.baseFen);
    const date = (value: string) => !value || isCalendarDate(value);
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'must be a member id')
      .check(isCalendarMonth(request.effectiveFrom), 'effectiveFrom', 'must be a month YYYY-MM')
      .check(baseFen === undefined || (Number.isSafeInteger(baseFen) && baseFen >= 0 && baseFen <= 1_000_000_000), 'baseFen', 'must be whole fen from 0 to 1,000,000,000')
      .check((REDUCTIONS as readonly string[]).includes(request.reduction || 'none'), 'reduction', `must be one of ${REDUCTIONS.join(', ')}`)
      .check(request.reducedFen === undefined || (Number.isInteger(request.reducedFen) && request.reducedFen >= 0), 'reducedFen', 'must be whole fen, 0 or more')
      .check(date(request.branchDecidedOn), 'branchDecidedOn', 'must be a date YYYY-MM-DD')
      .check(date(request.higherApprovedOn), 'higherApprovedOn', 'must be a date YYYY-MM-DD')
      .check(request.reason.length <= 500, 'reason', 'must be at most 500 characters')
      .throwIfInvalid();
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = await readableMember(tx, this.access, request.memberId);
      const settings = await readSettings(tx, tenantId);
      const outcome = assessMonthlyDues({
        occupation: member.occupation,
        ...(baseFen !== undefined ? { baseFen } : {}),
        farmerMonthlyFen: settings.farmerMonthlyDuesFen,
        reduction: (request.reduction || 'none') as (typeof REDUCTIONS)[number],
        ...(request.reducedFen !== undefined ? { reducedFen: request.reducedFen } : {}),
        ...(request.branchDecidedOn ? { branchDecidedOn: request.branchDecidedOn } : {}),
        ...(request.higherApprovedOn ? { higherApprovedOn: request.higherApprovedOn } : {}),
      });
      if (!outcome.ok) throw new RuleViolatedError(outcome.rule, outcome.message, [{ field: outcome.field, description: outcome.message }]);
      const row = await tx.duesAssessment.create({
        data: {
          id: randomUUID(),
          tenantId,
          memberId: member.id,
          effectiveFrom: monthColumn(request.effectiveFrom),
          occupation: member.occupation,
          baseFen: baseFen === undefined ? null : BigInt(baseFen),
          basisPoints: outcome.basisPoints,
          standardFen: outcome.standardFen,
          monthlyFen: outcome.monthlyFen,
          reduction: request.reduction || 'none',
          branchDecidedOn: request.branchDecidedOn ? dateColumn(request.branchDecidedOn) : null,
          higherApprovedOn: request.higherApprovedOn ? dateColumn(request.higherApprovedOn) : null,
          reason: request.reason,
          recordedBy: principal.userId,
        },
      });
      // Months already in the ledger from the effective month on follow the new assessment, up to the
      // next assessment that starts later.
      const later = await tx.duesAssessment.findFirst({
        where: { memberId: member.id, effectiveFrom: { gt: row.effectiveFrom } },
        orderBy: { effectiveFrom: 'asc' },
      });
      await tx.duesLedgerEntry.updateMany({
        where: { memberId: member.id, month: { gte: row.effectiveFrom, ...(later ? { lt: later.effectiveFrom } : {}) } },
        data: { dueFen: row.monthlyFen, assessmentId: row.id },
      });
      return assessmentMessage(row);
    });
  }

  async listAssessments(request: ListDuesAssessmentsRequest): Promise<{ assessments: DuesAssessment[]; total: number }> {
    new Validator().check(isUuid(request.memberId), 'filter.memberId', 'must be a member id').throwIfInvalid();
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      await readableMember(tx, this.access, request.memberId);
      const where = { memberId: request.memberId };
      const [rows, total] = await Promise.all([
        tx.duesAssessment.findMany({ where, orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }], ...pageWindow(request.page) }),
        tx.duesAssessment.count({ where }),
      ]);
      return { assessments: rows.map(assessmentMessage), total };
    });
  }

  /**
   * The monthly dues run for the whole tenant: ledger rows for everyone who owes that month, and
   * the arrears up to it. Safe to repeat (existing rows are kept) and to run on two replicas at once
   * (the primary key settles who inserts).
   */
  async runMonth(month: string): Promise<Omit<RunDuesMonthResponse, '$typeName'>> {
    new Validator().check(isCalendarMonth(month), 'month', 'must be a month YYYY-MM').throwIfInvalid();
    requireRole('tenant-admin');
    const today = chinaToday(this.now());
    if (month > monthOf(today)) throw new RuleViolatedError('dues-month-future', 'a month is run once it has begun (prepayments create their own rows)', [{ field: 'month', description: 'must not be after the current month' }]);
    // Batches of members by id, each in its own short transaction: a tenant of a million members
    // stays within the transaction time limit, and a run cut off half way is completed by the next.
    let created = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
      const batch = await this.db.database.inRequestTenant(async (tx) => {
        const ids = ((await tx.$queryRawUnsafe(
          `select m.id::text from members m where m.id > $1::uuid and ${owesDuesIn('$2::date')} order by m.id limit ${RUN_BATCH_MEMBERS}`,
          after,
          `${month}-01`,
        )) as { id: string }[]).map((row) => row.id);
        const inserted = ids.length > 0 ? await tx.$executeRawUnsafe(DUES_MONTH_SQL, [`${month}-01`], ids) : 0;
        return { ids, inserted };
      });
      created += batch.inserted;
      if (batch.ids.length < RUN_BATCH_MEMBERS) break;
      after = batch.ids[batch.ids.length - 1]!;
    }
    return this.db.database.inRequestTenant(async (tx) => {
      const [unassessed] = (await tx.$queryRawUnsafe(
        `select count(*)::int as count from members m
         where ${owesDuesIn('$1::date')}
           and not exists (select 1 from dues_ledger l where l.member_id = m.id and l.month = $1::date)`,
        `${month}-01`,
      )) as { count: number }[];
      const [arrears] = (await tx.$queryRawUnsafe(
        `select count(distinct member_id)::int as members, coalesce(sum(due_fen - paid_fen), 0)::bigint as fen
         from dues_ledger where month <= $1::date and paid_fen < due_fen`,
        `${month}-01`,
      )) as { members: number; fen: bigint }[];
      return { month, created, unassessed: unassessed!.count, membersInArrears: arrears!.members, arrearsFen: BigInt(arrears!.fen) };
    });
  }

  async listLedger(request: ListDuesLedgerRequest): Promise<{ entries: DuesLedgerEntry[]; total: number; dueFen: bigint; paidFen: bigint }> {
    new Validator()
      .check(!request.withinId || isUuid(request.withinId), 'filter.withinId', 'must be an organisation id')
      .check(!request.memberId || isUuid(request.memberId), 'filter.memberId', 'must be a member id')
      .check(!request.month || isCalendarMonth(request.month), 'filter.month', 'must be a month YYYY-MM')
      .throwIfInvalid();
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      if (request.memberId) await readableMember(tx, this.access, request.memberId);
      const paths = await this.access.visiblePaths(tx, request.withinId || undefined);
      const filters = `($1::text[] is null or o.path like any($1::text[]))
        and ($2::uuid is null or l.member_id = $2::uuid)
        and ($3::date is null or l.month = $3::date)
        and (not $4::boolean or l.paid_fen < l.due_fen)`;
      const values = [paths ? paths.map((p) => `${p}%`) : null, request.memberId || null, request.month ? `${request.month}-01` : null, request.outstandingOnly];
      const { skip, take } = pageWindow(request.page);
      const rows = (await tx.$queryRawUnsafe(
        `select l.member_id::text, m.name, l.organisation_id::text, l.month, l.due_fen, l.paid_fen, l.paid_on, l.payment_id::text
         from dues_ledger l join members m on m.id = l.member_id join organisations o on o.id = l.organisation_id
         where ${filters} order by l.month ${request.page?.sortOrder === SortOrder.DESC ? 'desc' : 'asc'}, m.name, l.member_id limit ${take} offset ${skip}`,
        ...values,
      )) as { member_id: string; name: string; organisation_id: string; month: Date; due_fen: number; paid_fen: number; paid_on: Date | null; payment_id: string | null }[];
      const [totals] = (await tx.$queryRawUnsafe(
        `select count(*)::int as total, coalesce(sum(l.due_fen), 0)::bigint as due, coalesce(sum(l.paid_fen), 0)::bigint as paid
         from dues_ledger l join organisations o on o.id = l.organisation_id where ${filters}`,
        ...values,
      )) as { total: number; due: bigint; paid: bigint }[];
      return {
        entries: rows.map((row) =>
          create(DuesLedgerEntrySchema, {
            memberId: row.member_id,
            memberName: row.name,
            organisationId: row.organisation_id,
            month: monthOfColumn(row.month),
            dueFen: row.due_fen,
            paidFen: row.paid_fen,
            outstandingFen: row.due_fen - row.paid_fen,
            paidOn: row.paid_on ? dateOnly(row.paid_on) : '',
            paymentId: row.payment_id ?? '',
          }),
        ),
        total: totals!.total,
        dueFen: BigInt(totals!.due),
        paidFen: BigInt(totals!.paid),
      };
    });
  }

  /**
   * A payment for one or more months (back payment at most 6 months, prepayment at most 12),
   * possibly on the member's behalf, with any voluntary extra. The months are settled in full.
   */
  async recordPayment(request: RecordDuesPaymentRequest): Promise<DuesPayment> {
    const today = chinaToday(this.now());
    const months = [...new Set(request.months)].sort();
    const provider = this.providers.get(request.provider || 'treasurer');
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'must be a member id')
      .check(months.length >= 1 && months.length <= 19 && months.length === request.months.length && months.every(isCalendarMonth), 'months', 'must be 1–19 different months YYYY-MM')
      .check(Number.isInteger(request.voluntaryFen) && request.voluntaryFen >= 0 && request.voluntaryFen <= 100_000_000, 'voluntaryFen', 'must be whole fen from 0 to 100,000,000')
      .check(isCalendarDate(request.paidOn) && request.paidOn <= today, 'paidOn', 'must be a date YYYY-MM-DD, not in the future')
      .check(request.paidByName.length <= 50, 'paidByName', 'must be at most 50 characters')
      .check(provider !== undefined, 'provider', `must be one of ${this.providers.names().join(', ')}`)
      .throwIfInvalid();
    const principal = requirePrincipal();
    const officer = principal.platformOperator || principal.roles.includes('tenant-admin') || principal.roles.includes('secretary');
    if (!officer && !provider!.memberInitiated) throw new ForbiddenError(`payments through ${provider!.name} are recorded by the treasurer (a tenant admin or secretary)`);
    const tenantId = requireTenant();
    const currentMonth = monthOf(today);
    const broken = months.map((month) => ({ month, broken: paymentMonthRule(month, currentMonth) })).find((m) => m.broken);
    if (broken) throw new RuleViolatedError(broken.broken!.rule, broken.broken!.message, [{ field: 'months', description: `${broken.month}: ${broken.broken!.message}` }]);

    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = officer ? await readableMember(tx, this.access, request.memberId) : await this.ownMember(tx, request.memberId, principal.userId);
      const first = firstDuesMonth({ developmentStage: member.developmentStage, ...(member.joinedOn ? { joinedOn: dateOnly(member.joinedOn) } : {}) });
      if (!first) throw new RuleViolatedError('dues-not-owed', 'only full and probationary members pay dues', [{ field: 'memberId', description: 'is not a full or probationary member' }]);
      const early = months.find((month) => month < first);
      if (early) throw new RuleViolatedError('dues-before-joining', `dues start in ${first}, the month the branch meeting accepted the member`, [{ field: 'months', description: `${early} is before ${first}` }]);
      // Months not yet in the ledger (not run yet, or paid ahead) get their row from the assessment in force.
      await tx.$executeRawUnsafe(DUES_MONTH_SQL, months.map((month) => `${month}-01`), [member.id]);
      const entries = await tx.duesLedgerEntry.findMany({ where: { memberId: member.id, month: { in: months.map(monthColumn) } }, orderBy: { month: 'asc' } });
      const missing = months.filter((month) => !entries.some((e) => monthOfColumn(e.month) === month));
      if (missing.length > 0) throw new RuleViolatedError('dues-unassessed', 'the member has no dues assessment in force for some months', [{ field: 'months', description: `no assessment for ${missing.join(', ')}` }]);
      const settled = entries.filter((e) => e.paidFen >= e.dueFen && e.dueFen > 0);
      if (settled.length > 0) throw new RuleViolatedError('dues-already-paid', 'some months are already paid', [{ field: 'months', description: `already paid: ${settled.map((e) => monthOfColumn(e.month)).join(', ')}` }]);

      const duesFen = entries.reduce((sum, e) => sum + Math.max(0, e.dueFen - e.paidFen), 0);
      const id = randomUUID();
      const { reference } = await provider!.confirm({ paymentId: id, memberId: member.id, amountFen: duesFen + request.voluntaryFen });
      const row = await tx.duesPayment.create({
        data: {
          id,
          tenantId,
          memberId: member.id,
          months: months.map(monthColumn),
          duesFen,
          voluntaryFen: request.voluntaryFen,
          largeVoluntary: request.voluntaryFen >= LARGE_VOLUNTARY_FEN,
          provider: provider!.name,
          providerReference: reference,
          paidOn: dateColumn(request.paidOn),
          paidByName: request.paidByName,
          recordedBy: principal.userId,
        },
      });
      await tx.$executeRawUnsafe(
        'update dues_ledger set paid_fen = greatest(paid_fen, due_fen), paid_on = $3::date, payment_id = $4::uuid where member_id = $1::uuid and month = any($2::date[])',
        member.id,
        months.map((month) => `${month}-01`),
        request.paidOn,
        id,
      );
      return paymentMessage(row);
    });
  }

  /**
   * The month's dues for a subtree: the root's own members, each organisation directly below it
   * (with everything under it), and the total. Collection rate is paid / due of the month's ledger;
   * what is remitted upward is the money received in the month (rules.md §1: dues go up, and a
   * voluntary payment of ¥1,000 or more goes up in full).
   */
  async report(request: GetDuesReportRequest): Promise<DuesReportRow[]> {
    new Validator()
      .check(isUuid(request.withinId), 'filter.withinId', 'must be an organisation id')
      .check(isCalendarMonth(request.month), 'filter.month', 'must be a month YYYY-MM')
      .throwIfInvalid();
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      const root = await this.access.subtreeRoot(tx, request.withinId);
      const rows = (await tx.$queryRawUnsafe(
        `with parts as (
           select o.id, o.name, 'own' as scope, o.path, true as own_only, 0 as sort from organisations o where o.id = $1::uuid
           union all
           select o.id, o.name, 'subtree', o.path, false, 1 from organisations o where o.parent_id = $1::uuid and o.status = 'active'
           union all
           select o.id, o.name, 'total', o.path, false, 2 from organisations o where o.id = $1::uuid
         )
         select p.id::text, p.name, p.scope,
           coalesce(l.due, 0)::bigint as due, coalesce(l.paid, 0)::bigint as paid, coalesce(l.members_in_arrears, 0)::int as members_in_arrears, coalesce(l.arrears, 0)::bigint as arrears,
           coalesce(y.collected, 0)::bigint as collected, coalesce(y.voluntary, 0)::bigint as voluntary, coalesce(y.large, 0)::int as large
         from parts p
         left join lateral (
           select sum(l.due_fen) as due, sum(l.paid_fen) as paid, count(distinct l.member_id) filter (where l.paid_fen < l.due_fen) as members_in_arrears,
                  sum(l.due_fen - l.paid_fen) filter (where l.paid_fen < l.due_fen) as arrears
           from dues_ledger l join organisations o on o.id = l.organisation_id
           where l.month = $2::date and (case when p.own_only then o.id = p.id else o.path like p.path || '%' end)
         ) l on true
         left join lateral (
           select sum(y.dues_fen + y.voluntary_fen) as collected, sum(y.voluntary_fen) as voluntary, count(*) filter (where y.large_voluntary) as large
           from dues_payments y join members m on m.id = y.member_id join organisations o on o.id = m.organisation_id
           where y.paid_on >= $2::date and y.paid_on < ($2::date + interval '1 month') and (case when p.own_only then o.id = p.id else o.path like p.path || '%' end)
         ) y on true
         order by p.sort, p.name`,
        root.id,
        `${request.month}-01`,
      )) as { id: string; name: string; scope: string; due: bigint; paid: bigint; members_in_arrears: number; arrears: bigint; collected: bigint; voluntary: bigint; large: number }[];
      return rows.map((row) =>
        create(DuesReportRowSchema, {
          organisationId: row.id,
          organisationName: row.name,
          scope: row.scope,
          dueFen: BigInt(row.due),
          paidFen: BigInt(row.paid),
          membersInArrears: row.members_in_arrears,
          arrearsFen: BigInt(row.arrears),
          collectedFen: BigInt(row.collected),
          voluntaryFen: BigInt(row.voluntary),
          largeVoluntaryPayments: row.large,
        }),
      );
    });
  }

  async listPayments(request: ListDuesPaymentsRequest): Promise<{ payments: DuesPayment[]; total: number }> {
    new Validator()
      .check(!request.memberId || isUuid(request.memberId), 'filter.memberId', 'must be a member id')
      .check(!request.withinId || isUuid(request.withinId), 'filter.withinId', 'must be an organisation id')
      .throwIfInvalid();
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      if (request.memberId) await readableMember(tx, this.access, request.memberId);
      const paths = await this.access.visiblePaths(tx, request.withinId || undefined);
      const where = {
        ...(request.memberId ? { memberId: request.memberId } : {}),
        ...(paths ? { member: { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } } : {}),
      };
      const [rows, total] = await Promise.all([
        tx.duesPayment.findMany({ where, orderBy: [{ paidOn: 'desc' }, { createdAt: 'desc' }], ...pageWindow(request.page) }),
        tx.duesPayment.count({ where }),
      ]);
      return { payments: rows.map(paymentMessage), total };
    });
  }

  /** A member paying for themselves: the member record linked to their login. */
  private async ownMember(tx: OrganisationTx, memberId: string, userId: string) {
    const member = await tx.member.findUnique({ where: { id: memberId } });
    if (!member || member.userId !== userId) throw new ForbiddenError('a member pays only their own dues');
    return member;
  }
}
