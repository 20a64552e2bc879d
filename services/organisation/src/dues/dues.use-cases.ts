import { create } from '@bufbuild/protobuf';
import {
  DuesAssessmentSchema,
  DuesLedgerEntrySchema,
  DuesPaymentSchema,
  DuesReportRowSchema,
  SortOrder,
  DuesDifferenceSchema,
  type CreateDuesAssessmentRequest,
  type DuesDifference,
  type ListDuesDifferencesRequest,
  type SettleDuesDifferenceRequest,
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
  addToCounter,
  chinaToday,
  dateColumn,
  dateOnly,
  ForbiddenError,
  isCalendarDate,
  isCalendarMonth,
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  type TenantId,
  ValidationError,
  Validator,
  fieldProblem,
  ruleProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type {
  DuesAssessment as AssessmentRow,
  DuesDifference as DuesDifferenceRow,
  DuesPayment as PaymentRow,
} from '../generated/prisma/client.js';
import { readableMember } from '../members/readable-member.js';
import { readSettings } from '../settings/organisation-settings.js';
import { TreeAccess } from '../access/tree-access.js';
import {
  ASSESSMENT_BACK_MONTHS,
  assessmentTooFarBack,
  assessMonthlyDues,
  reassessMonth,
  LARGE_VOLUNTARY_FEN,
  monthOf,
  monthsAfter,
  PAYMENT_SCHEDULES,
} from './dues-rules.js';
import { PaymentProviders } from './payment-providers.js';
import { payableMonths } from './payable-months.js';
import { DUES_MONTH_SQL, owesDuesIn, settleLedgerMonths } from './ledger-sql.js';
import { writeMonthReminders } from './month-reminders.js';

const REDUCTIONS = ['none', 'reduced', 'exempt'] as const;
/** Members per transaction in the monthly run. */
const RUN_BATCH_MEMBERS = 20_000;
const monthColumn = (month: string) => dateColumn(`${month}-01`);
const monthOfColumn = (value: Date) => dateOnly(value).slice(0, 7);

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
    branchDecidedOn: row.branchDecidedOn ? dateOnly(row.branchDecidedOn) : undefined,
    higherApprovedOn: row.higherApprovedOn ? dateOnly(row.higherApprovedOn) : undefined,
    reason: row.reason,
    recordedBy: row.recordedBy,
    createdAt: row.createdAt.toISOString(),
    paymentSchedule: row.paymentSchedule,
    quarterlyConsentedOn: row.quarterlyConsentedOn ? dateOnly(row.quarterlyConsentedOn) : undefined,
  });
}

function differenceMessage(row: DuesDifferenceRow & { member: { name: string } }): DuesDifference {
  return create(DuesDifferenceSchema, {
    id: row.id,
    memberId: row.memberId,
    memberName: row.member.name,
    month: monthOfColumn(row.month),
    assessmentId: row.assessmentId,
    paidFen: row.paidFen,
    assessedFen: row.assessedFen,
    differenceFen: row.differenceFen,
    state: row.state,
    settledOn: row.settledOn ? dateOnly(row.settledOn) : undefined,
    settledBy: row.settledBy ?? undefined,
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
  async assess(
    request: CreateDuesAssessmentRequest,
  ): Promise<{ assessment: DuesAssessment; differencesCreated: number }> {
    const principal = requireRole('tenant-admin', 'secretary');
    const baseFen = request.baseFen === undefined ? undefined : Number(request.baseFen);
    const reduction = request.reduction ?? 'none';
    const reason = request.reason ?? '';
    const schedule = request.paymentSchedule ?? 'monthly';
    const today = chinaToday(this.now());
    const date = (value: string | undefined) => value === undefined || isCalendarDate(value);
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check(isCalendarMonth(request.effectiveFrom), 'effectiveFrom', 'not_a_month')
      .check(
        baseFen === undefined || (Number.isSafeInteger(baseFen) && baseFen >= 0 && baseFen <= 1_000_000_000),
        'baseFen',
        'number_between',
        { min: 0, max: 1000000000 },
      )
      .check((REDUCTIONS as readonly string[]).includes(reduction), 'reduction', 'not_one_of', {
        allowed: REDUCTIONS.join(', '),
      })
      .check(
        request.reducedFen === undefined || (Number.isInteger(request.reducedFen) && request.reducedFen >= 0),
        'reducedFen',
        'too_small',
        { min: 0 },
      )
      .check(date(request.branchDecidedOn), 'branchDecidedOn', 'not_a_date')
      .check(date(request.higherApprovedOn), 'higherApprovedOn', 'not_a_date')
      .check(reason.length <= 500, 'reason', 'too_long', { max: 500 })
      .check((PAYMENT_SCHEDULES as readonly string[]).includes(schedule), 'paymentSchedule', 'not_one_of', {
        allowed: PAYMENT_SCHEDULES.join(', '),
      })
      .check(
        request.quarterlyConsentedOn === undefined ||
          (isCalendarDate(request.quarterlyConsentedOn) && request.quarterlyConsentedOn <= today),
        'quarterlyConsentedOn',
        'not_a_past_date',
      )
      .throwIfInvalid();
    // Quarterly payment is the branch's decision (rules.md §1): its day is recorded with the schedule.
    if (schedule === 'quarterly' && request.quarterlyConsentedOn === undefined)
      throw new RuleViolatedError('dues-quarterly-consent', undefined, [
        ruleProblem('quarterlyConsentedOn', 'dues-quarterly-consent'),
      ]);
    if (assessmentTooFarBack(request.effectiveFrom, monthOf(today)))
      throw new RuleViolatedError(
        'dues-assessment-too-far-back',
        `an assessment takes effect at most ${ASSESSMENT_BACK_MONTHS} months back`,
        [ruleProblem('effectiveFrom', 'dues-assessment-too-far-back', { months: ASSESSMENT_BACK_MONTHS })],
        { months: ASSESSMENT_BACK_MONTHS },
      );
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = await readableMember(tx, this.access, request.memberId);
      const settings = await readSettings(tx, tenantId);
      const outcome = assessMonthlyDues({
        occupation: member.occupation,
        ...(baseFen !== undefined ? { baseFen } : {}),
        farmerMonthlyFen: settings.farmerMonthlyDuesFen,
        reduction: reduction as (typeof REDUCTIONS)[number],
        ...(request.reducedFen !== undefined ? { reducedFen: request.reducedFen } : {}),
        ...(request.branchDecidedOn ? { branchDecidedOn: request.branchDecidedOn } : {}),
        ...(request.higherApprovedOn ? { higherApprovedOn: request.higherApprovedOn } : {}),
      });
      if (!outcome.ok)
        throw new RuleViolatedError(outcome.rule, outcome.message, [
          ruleProblem(outcome.field, outcome.rule, undefined, outcome.message),
        ]);
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
          reduction,
          branchDecidedOn: request.branchDecidedOn ? dateColumn(request.branchDecidedOn) : null,
          higherApprovedOn: request.higherApprovedOn ? dateColumn(request.higherApprovedOn) : null,
          reason,
          paymentSchedule: schedule,
          quarterlyConsentedOn:
            schedule === 'quarterly' && request.quarterlyConsentedOn
              ? dateColumn(request.quarterlyConsentedOn)
              : null,
          recordedBy: principal.userId,
        },
      });
      const differencesCreated = await this.reassessLedger(tx, row, principal.userId);
      return { assessment: assessmentMessage(row), differencesCreated };
    });
  }

  async listAssessments(
    request: ListDuesAssessmentsRequest,
  ): Promise<{ assessments: DuesAssessment[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    const memberId = request.memberId;
    if (memberId === undefined) throw ValidationError.of('filter.memberId', 'required');
    return this.db.database.inRequestTenant(async (tx) => {
      await readableMember(tx, this.access, memberId);
      const where = { memberId };
      const [rows, total] = await Promise.all([
        tx.duesAssessment.findMany({
          where,
          orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }],
          ...pageWindow(request.page),
        }),
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
    requireRole('tenant-admin');
    new Validator().check(isCalendarMonth(month), 'month', 'not_a_month').throwIfInvalid();
    const today = chinaToday(this.now());
    if (month > monthOf(today))
      throw new RuleViolatedError(
        'dues-month-future',
        'a month is run once it has begun (prepayments create their own rows)',
        [fieldProblem('month', 'month_in_future')],
      );
    return this.runTenantMonth(requireTenant(), month, requirePrincipal().userId);
  }

  /**
   * The scheduled run (issue 14): each tenant's current month, and the one before in case the service
   * was down when the month began. Idempotent and batched, like the run a person starts, so two
   * replicas or a run cut off half way change nothing twice.
   */
  async runAllTenants(
    tenants: readonly TenantId[] | undefined = undefined,
  ): Promise<{ tenants: number; created: number }> {
    const current = monthOf(chinaToday(this.now()));
    tenants ??= await this.db.tenantIds();
    let created = 0;
    for (const tenantId of tenants)
      for (const month of [monthsAfter(current, -1), current])
        created += (await this.runTenantMonth(tenantId, month, 'schedule')).created;
    return { tenants: tenants.length, created };
  }

  private async runTenantMonth(
    tenantId: TenantId,
    month: string,
    ranBy: string,
  ): Promise<Omit<RunDuesMonthResponse, '$typeName'>> {
    // Batches of members by id, each in its own short transaction: a tenant of a million members
    // stays within the transaction time limit, and a run cut off half way is completed by the next.
    let created = 0;
    addToCounter('dangjian.dues.runs', 'Monthly dues runs started (one per tenant and month)', 1);
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const batch = await this.db.database.inTenant(tenantId, async (tx) => {
        const ids = (
          (await tx.$queryRawUnsafe(
            `select m.id::text from members m where m.id > $1::uuid and ${owesDuesIn('$2::date')} order by m.id limit ${RUN_BATCH_MEMBERS}`,
            after,
            `${month}-01`,
          )) as { id: string }[]
        ).map((row) => row.id);
        const inserted =
          ids.length > 0 ? await tx.$executeRawUnsafe(DUES_MONTH_SQL, [`${month}-01`], ids) : 0;
        return { ids, inserted };
      });
      created += batch.inserted;
      // Progress: members gone through and ledger rows written, batch by batch.
      addToCounter(
        'dangjian.dues.run.members',
        'Members the monthly dues runs have gone through',
        batch.ids.length,
      );
      addToCounter(
        'dangjian.dues.run.ledger_rows',
        'Ledger rows the monthly dues runs wrote',
        batch.inserted,
      );
      if (batch.ids.length < RUN_BATCH_MEMBERS) break;
      after = batch.ids[batch.ids.length - 1]!;
    }
    return this.db.database.inTenant(tenantId, async (tx) => {
      // The month's last completed run, for the console (a run cut off half way records nothing).
      const [run] = (await tx.$queryRawUnsafe(
        `insert into dues_month_runs (tenant_id, month, completed_at, created_rows, ran_by)
         values ($1::uuid, $2::date, now(), $3, $4)
         on conflict (tenant_id, month) do update
           set completed_at = excluded.completed_at, created_rows = excluded.created_rows, ran_by = excluded.ran_by
         returning (xmax = 0) as first`,
        tenantId,
        `${month}-01`,
        created,
        ranBy,
      )) as { first: boolean }[];
      // The month's first completed run reminds, once: who owes dues, whose thought report falls due.
      if (run?.first) await writeMonthReminders(tx, tenantId, month);
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
      return {
        month,
        created,
        unassessed: unassessed!.count,
        membersInArrears: arrears!.members,
        arrearsFen: BigInt(arrears!.fen),
      };
    });
  }

  async listLedger(
    request: ListDuesLedgerRequest,
  ): Promise<{ entries: DuesLedgerEntry[]; total: number; dueFen: bigint; paidFen: bigint }> {
    // The filter was validated at the edge (the gateway's resource binding).
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      if (request.memberId) await readableMember(tx, this.access, request.memberId);
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const filters = `($1::text[] is null or o.path like any($1::text[]))
        and ($2::uuid is null or l.member_id = $2::uuid)
        and ($3::date is null or l.month = $3::date)
        and (not $4::boolean or l.paid_fen < l.due_fen)`;
      const values = [
        paths ? paths.map((p) => `${p}%`) : null,
        request.memberId ?? null,
        request.month ? `${request.month}-01` : null,
        request.outstandingOnly ?? false,
      ];
      const { skip, take } = pageWindow(request.page);
      const rows = (await tx.$queryRawUnsafe(
        `select l.member_id::text, m.name, l.organisation_id::text, l.month, l.due_fen, l.paid_fen, l.paid_on, l.payment_id::text
         from dues_ledger l join members m on m.id = l.member_id join organisations o on o.id = l.organisation_id
         where ${filters} order by l.month ${request.page?.sortOrder === SortOrder.DESC ? 'desc' : 'asc'}, m.name, l.member_id limit ${take} offset ${skip}`,
        ...values,
      )) as {
        member_id: string;
        name: string;
        organisation_id: string;
        month: Date;
        due_fen: number;
        paid_fen: number;
        paid_on: Date | null;
        payment_id: string | null;
      }[];
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
            paidOn: row.paid_on ? dateOnly(row.paid_on) : undefined,
            paymentId: row.payment_id ?? undefined,
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
    const principal = requirePrincipal();
    const today = chinaToday(this.now());
    const months = [...new Set(request.months)].sort();
    const provider = this.providers.get(request.provider ?? 'treasurer');
    const voluntaryFen = request.voluntaryFen ?? 0;
    const paidByName = request.paidByName ?? '';
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'not_an_id')
      .check(
        months.length >= 1 &&
          months.length <= 19 &&
          months.length === request.months.length &&
          months.every(isCalendarMonth),
        'months',
        'not_one_of',
        { allowed: '1–19 different months YYYY-MM' },
      )
      .check(
        Number.isInteger(voluntaryFen) && voluntaryFen >= 0 && voluntaryFen <= 100_000_000,
        'voluntaryFen',
        'number_between',
        { min: 0, max: 100000000 },
      )
      .check(isCalendarDate(request.paidOn) && request.paidOn <= today, 'paidOn', 'not_a_past_date')
      .check(paidByName.length <= 50, 'paidByName', 'too_long', { max: 50 })
      .check(provider !== undefined, 'provider', 'not_one_of', { allowed: this.providers.names().join(', ') })
      .throwIfInvalid();
    const officer =
      principal.platformOperator ||
      principal.roles.includes('tenant-admin') ||
      principal.roles.includes('secretary');
    if (!officer && !provider!.memberInitiated)
      throw new ForbiddenError(
        `payments through ${provider!.name} are recorded by the treasurer (a tenant admin or secretary)`,
      );
    const tenantId = requireTenant();
    const currentMonth = monthOf(today);

    return this.db.database.inTenant(tenantId, async (tx) => {
      const member = officer
        ? await readableMember(tx, this.access, request.memberId)
        : await this.ownMember(tx, request.memberId, principal.userId);
      const { duesFen } = await payableMonths(tx, member, months, currentMonth);
      const id = randomUUID();
      const { reference } = await provider!.confirm({
        paymentId: id,
        memberId: member.id,
        amountFen: duesFen + voluntaryFen,
      });
      const row = await tx.duesPayment.create({
        data: {
          id,
          tenantId,
          memberId: member.id,
          months: months.map(monthColumn),
          duesFen,
          voluntaryFen: voluntaryFen,
          largeVoluntary: voluntaryFen >= LARGE_VOLUNTARY_FEN,
          provider: provider!.name,
          providerReference: reference,
          paidOn: dateColumn(request.paidOn),
          paidByName: paidByName,
          recordedBy: principal.userId,
        },
      });
      await settleLedgerMonths(tx, member.id, months, request.paidOn, id);
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
    requireRole('tenant-admin', 'secretary');
    const { withinId, month } = request;
    if (withinId === undefined || month === undefined)
      throw ValidationError.of(withinId === undefined ? 'filter.withinId' : 'filter.month', 'required');
    return this.db.database.inRequestTenant(async (tx) => {
      const root = await this.access.subtreeRoot(tx, withinId);
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
           (coalesce(y.collected, 0) + coalesce(dd.settled, 0))::bigint as collected, coalesce(y.voluntary, 0)::bigint as voluntary, coalesce(y.large, 0)::int as large,
           coalesce(u.unassessed, 0)::int as unassessed, coalesce(u.unrun, 0)::int as unrun
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
         -- Differences (补交差额) settled in the month are money received too (issue 14).
         left join lateral (
           select sum(d.difference_fen) as settled
           from dues_differences d join members m on m.id = d.member_id join organisations o on o.id = m.organisation_id
           where d.state = 'settled' and d.settled_on >= $2::date and d.settled_on < ($2::date + interval '1 month')
             and (case when p.own_only then o.id = p.id else o.path like p.path || '%' end)
         ) dd on true
         -- Who owes dues that month but is not in the ledger: never assessed, or the month not yet run.
         left join lateral (
           select count(*) filter (where not assessed) as unassessed, count(*) filter (where assessed) as unrun
           from (
             select exists (select 1 from dues_assessments a where a.member_id = m.id and a.effective_from <= $2::date) as assessed
             from members m join organisations o on o.id = m.organisation_id
             where ${owesDuesIn('$2::date')} and (case when p.own_only then o.id = p.id else o.path like p.path || '%' end)
               and not exists (select 1 from dues_ledger l where l.member_id = m.id and l.month = $2::date)
           ) owing
         ) u on true
         order by p.sort, p.name`,
        root.id,
        `${month}-01`,
      )) as {
        id: string;
        name: string;
        scope: string;
        due: bigint;
        paid: bigint;
        members_in_arrears: number;
        arrears: bigint;
        collected: bigint;
        voluntary: bigint;
        large: number;
        unassessed: number;
        unrun: number;
      }[];
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
          unassessedMembers: row.unassessed,
          unrunMembers: row.unrun,
        }),
      );
    });
  }

  async listPayments(request: ListDuesPaymentsRequest): Promise<{ payments: DuesPayment[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      if (request.memberId) await readableMember(tx, this.access, request.memberId);
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const where = {
        ...(request.memberId ? { memberId: request.memberId } : {}),
        ...(paths
          ? { member: { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        tx.duesPayment.findMany({
          where,
          orderBy: [{ paidOn: 'desc' }, { createdAt: 'desc' }],
          ...pageWindow(request.page),
        }),
        tx.duesPayment.count({ where }),
      ]);
      return { payments: rows.map(paymentMessage), total };
    });
  }

  /** A member paying for themselves: the member record linked to their login. */
  /**
   * Months already in the ledger from the assessment's month on, up to the next assessment that starts
   * later: those not paid yet fall due at the new amount; those paid stay paid, and a rise becomes a
   * difference of its own (补交差额), replacing any open one of the month (reassessMonth).
   */
  private async reassessLedger(
    tx: OrganisationTx,
    assessment: { id: string; tenantId: string; memberId: string; effectiveFrom: Date; monthlyFen: number },
    actor: string,
  ): Promise<number> {
    const later = await tx.duesAssessment.findFirst({
      where: { memberId: assessment.memberId, effectiveFrom: { gt: assessment.effectiveFrom } },
      orderBy: { effectiveFrom: 'asc' },
    });
    const months = await tx.duesLedgerEntry.findMany({
      where: {
        memberId: assessment.memberId,
        month: { gte: assessment.effectiveFrom, ...(later ? { lt: later.effectiveFrom } : {}) },
      },
    });
    const differences = await tx.duesDifference.findMany({
      where: { memberId: assessment.memberId, month: { in: months.map((m) => m.month) } },
    });
    // The rule decides month by month; the writes go in three statements, not one per month.
    const outcomes = months.map((entry) => {
      const ofMonth = differences.filter((d) => d.month.getTime() === entry.month.getTime());
      const settledDifferencesFen = ofMonth
        .filter((d) => d.state === 'settled')
        .reduce((sum, d) => sum + d.differenceFen, 0);
      const outcome = reassessMonth(
        { paid: entry.paidOn !== null, paidFen: entry.paidFen, settledDifferencesFen },
        assessment.monthlyFen,
      );
      return { entry, ofMonth, outcome };
    });
    await tx.duesLedgerEntry.updateMany({
      where: {
        memberId: assessment.memberId,
        month: { in: outcomes.filter((o) => o.outcome.kind === 'due').map((o) => o.entry.month) },
      },
      data: { dueFen: assessment.monthlyFen, assessmentId: assessment.id },
    });
    // A paid month: what was still open for it is replaced by what this assessment says.
    await tx.duesDifference.updateMany({
      where: {
        id: {
          in: outcomes
            .filter((o) => o.outcome.kind !== 'due')
            .flatMap((o) => o.ofMonth.filter((d) => d.state === 'open').map((d) => d.id)),
        },
      },
      data: { state: 'superseded', updatedAt: new Date() },
    });
    const rises = outcomes.flatMap(({ entry, outcome }) =>
      outcome.kind === 'difference'
        ? [
            {
              id: randomUUID(),
              tenantId: entry.tenantId,
              memberId: entry.memberId,
              month: entry.month,
              assessmentId: assessment.id,
              paidFen: assessment.monthlyFen - outcome.differenceFen,
              assessedFen: assessment.monthlyFen,
              differenceFen: outcome.differenceFen,
              createdBy: actor,
            },
          ]
        : [],
    );
    await tx.duesDifference.createMany({ data: rises });
    return rises.length;
  }

  /** 补交差额 in the caller's scope: a member's, or a subtree's; open ones first by month. */
  async listDifferences(
    request: ListDuesDifferencesRequest,
  ): Promise<{ differences: DuesDifference[]; total: number }> {
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      if (request.memberId) await readableMember(tx, this.access, request.memberId);
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const where = {
        ...(request.memberId ? { memberId: request.memberId } : {}),
        ...(request.state ? { state: request.state } : {}),
        ...(paths
          ? { member: { organisation: { OR: paths.map((path) => ({ path: { startsWith: path } })) } } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        tx.duesDifference.findMany({
          where,
          include: { member: { select: { name: true } } },
          orderBy: [{ state: 'asc' }, { month: 'asc' }, { createdAt: 'asc' }],
          ...pageWindow(request.page),
        }),
        tx.duesDifference.count({ where }),
      ]);
      return { differences: rows.map(differenceMessage), total };
    });
  }

  /** The treasurer records a difference as paid (the 6-month back-payment limit is for months, not this). */
  async settleDifference(request: SettleDuesDifferenceRequest): Promise<DuesDifference> {
    const principal = requireRole('tenant-admin', 'secretary');
    const today = chinaToday(this.now());
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(isCalendarDate(request.paidOn) && request.paidOn <= today, 'paidOn', 'not_a_past_date')
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      await tx.$queryRawUnsafe('select id from dues_differences where id = $1::uuid for update', request.id);
      const row = await tx.duesDifference.findUnique({ where: { id: request.id } });
      if (!row) throw new NotFoundError('dues difference', request.id);
      await readableMember(tx, this.access, row.memberId);
      if (row.state !== 'open')
        throw new RuleViolatedError(
          'dues-difference-not-open',
          'the difference is already settled or replaced',
        );
      const settled = await tx.duesDifference.update({
        where: { id: row.id },
        data: {
          state: 'settled',
          settledOn: dateColumn(request.paidOn),
          settledBy: principal.userId,
          updatedAt: new Date(),
        },
        include: { member: { select: { name: true } } },
      });
      return differenceMessage(settled);
    });
  }

  private async ownMember(tx: OrganisationTx, memberId: string, userId: string) {
    const member = await tx.member.findUnique({ where: { id: memberId } });
    if (!member || member.userId !== userId) throw new ForbiddenError('a member pays only their own dues');
    return member;
  }
}
