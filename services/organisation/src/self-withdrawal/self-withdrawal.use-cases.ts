import { create } from '@bufbuild/protobuf';
import {
  WITHDRAWAL_CASE_MONTHS,
  WITHDRAWAL_RESOLUTIONS,
  WithdrawalCaseSchema,
  SelfWithdrawalFlaggedSchema,
  eventSubject,
  type CloseWithdrawalCaseRequest,
  type ListWithdrawalCasesRequest,
  type RunWithdrawalCheckResponse,
  type WithdrawalCase,
} from '@dangjian/contracts';
import {
  addMonths,
  chinaToday,
  dateColumn,
  dateOnly,
  isUuid,
  NotFoundError,
  pageWindow,
  requireRole,
  requireTenant,
  RuleViolatedError,
  Validator,
  writeOutboxEvent,
  type TenantId,
} from '@dangjian/kit';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import { readSettings } from '../settings/organisation-settings.js';
import { TreeAccess } from '../access/tree-access.js';

/**
 * Members per transaction: small enough that a batch ends well within the transaction time limit
 * on a tenant of a million members. Each batch takes the tenant's check lock, so replicas take turns.
 */
const CHECK_BATCH_MEMBERS = 5_000;
/** How long a replica waits before trying the tenant's check lock again. */
const LOCK_RETRY_MS = 100;
/** Months looked back: enough to see a 6-month run and a little history. */
const LOOKBACK_MONTHS = 12;
/** Who closes a warning when dues or life resume. */
export const CHECK_ACTOR = 'withdrawal-check';

/** The first day of the month `months` before the month of `date`. */
export const monthsBefore = (date: string, months: number): string =>
  addMonths(`${date.slice(0, 7)}-01`, -months);

/**
 * For each member of the batch ($3, ids) who takes part in party life, the months without dues and
 * without organisational life counted back from the last completed month ($2), $1 being the first
 * month looked at (issue 14: only what the records show counts, either way).
 * - A month without dues: its ledger row is not fully paid. A month with no ledger row (the month
 *   was not run for the member) is no evidence: it neither counts nor breaks the count.
 * - A month without organisational life: the member's absence was recorded at a meeting of their
 *   branch or party group (or the branch above the group), and they were present at or excused from
 *   no meeting that month. A meeting whose attendance was never taken counts for nobody, and a month
 *   without such a meeting neither counts nor breaks the count; a month the member took part ends it.
 * - Months before the member's record existed are not looked at.
 */
export const STREAKS_SQL = `
with months as (select generate_series($1::date, $2::date, interval '1 month')::date as month),
participants as (
  select m.id, m.tenant_id, m.organisation_id, o.path, date_trunc('month', greatest(m.created_at::date, coalesce(m.joined_on, m.created_at::date)))::date as since
  from members m join organisations o on o.id = m.organisation_id
  where m.id = any($3::uuid[]) and m.status in ('active', 'in_transfer') and m.development_stage in ('probationary', 'full')
),
held as (
  select g.id, g.organisation_id, o.kind in ('branch', 'group') as everyones, date_trunc('month', g.held_on)::date as month
  from meetings g join organisations o on o.id = g.organisation_id
  where g.state = 'held' and g.held_on >= $1::date and g.held_on < ($2::date + interval '1 month')
),
ledger as (
  select l.member_id, l.month, bool_or(l.paid_fen < l.due_fen) as unpaid
  from dues_ledger l join participants p on p.tenant_id = l.tenant_id and p.id = l.member_id
  where l.month between $1::date and $2::date group by l.member_id, l.month
),
-- The member's own organisation and those above it, from the materialised path.
ancestors as (
  select p.id as member_id, unnest(string_to_array(trim(both '/' from p.path), '/'))::uuid as organisation_id from participants p
),
absent as (
  select distinct a.member_id, h.month from meeting_attendance a
  join held h on h.id = a.meeting_id and h.everyones
  join ancestors an on an.member_id = a.member_id and an.organisation_id = h.organisation_id
  where a.member_id = any($3::uuid[]) and a.status = 'absent'
),
attended as (
  select distinct a.member_id, h.month from meeting_attendance a join held h on h.id = a.meeting_id
  where a.member_id = any($3::uuid[]) and a.status in ('present', 'excused')
),
flags as (
  select p.id, p.tenant_id, p.organisation_id, months.month,
    months.month >= p.since and l.unpaid is true as no_dues,
    months.month >= p.since and l.unpaid is false as dues,
    months.month >= p.since and b.member_id is not null and t.member_id is null as no_life,
    months.month >= p.since and t.member_id is not null as life
  from participants p cross join months
  left join ledger l on l.member_id = p.id and l.month = months.month
  left join absent b on b.member_id = p.id and b.month = months.month
  left join attended t on t.member_id = p.id and t.month = months.month
),
runs as (
  select f.*,
    max(month) filter (where dues) over (partition by id) as last_dues,
    max(month) filter (where life) over (partition by id) as last_life
  from flags f
)
select id::text, tenant_id::text, organisation_id::text,
  count(*) filter (where no_dues and month > coalesce(last_dues, '-infinity'::date))::int as months_without_dues,
  count(*) filter (where no_life and month > coalesce(last_life, '-infinity'::date))::int as months_without_life
from runs group by id, tenant_id, organisation_id`;

/**
 * What the check could not see in the months counted ($1 to $2): held meetings of branches and party
 * groups with nobody's attendance taken, and members with an assessment in force who have a month
 * without a ledger row (the month was not run for them).
 */
const LACKING_EVIDENCE_SQL = `select
  (select count(*)::int from meetings g join organisations o on o.id = g.organisation_id
    where g.state = 'held' and o.kind in ('branch', 'group') and g.held_on >= $1::date and g.held_on < ($2::date + interval '1 month')
      and not exists (select 1 from meeting_attendance a where a.meeting_id = g.id)) as meetings,
  (select count(distinct m.id)::int from members m
    cross join generate_series($1::date, $2::date, interval '1 month') as months(month)
    where m.status in ('active', 'in_transfer') and m.development_stage in ('probationary', 'full')
      and months.month >= date_trunc('month', m.created_at)
      and exists (select 1 from dues_assessments s where s.member_id = m.id and s.effective_from <= months.month)
      and not exists (select 1 from dues_ledger l where l.member_id = m.id and l.month = months.month::date)) as members`;

function caseMessage(row: CaseRow): WithdrawalCase {
  return create(WithdrawalCaseSchema, {
    id: row.id,
    memberId: row.member_id,
    memberName: row.member_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    state: row.state,
    monthsWithoutDues: row.months_without_dues,
    monthsWithoutLife: row.months_without_life,
    countedTo: dateOnly(row.counted_to).slice(0, 7),
    warnedOn: dateOnly(row.warned_on),
    openedOn: row.opened_on ? dateOnly(row.opened_on) : undefined,
    closedOn: row.closed_on ? dateOnly(row.closed_on) : undefined,
    resolution: row.resolution || undefined,
    resolutionNote: row.resolution_note,
    closedBy: row.closed_by || undefined,
    updatedAt: row.updated_at.toISOString(),
  });
}

interface CaseRow {
  id: string;
  member_id: string;
  member_name: string;
  organisation_id: string;
  organisation_name: string;
  state: string;
  months_without_dues: number;
  months_without_life: number;
  counted_to: Date;
  warned_on: Date;
  opened_on: Date | null;
  closed_on: Date | null;
  resolution: string;
  resolution_note: string;
  closed_by: string;
  updated_at: Date;
  path: string;
}

const CASE_SELECT = `select c.id::text, c.member_id::text, m.name as member_name, c.organisation_id::text, o.name as organisation_name, c.state,
  c.months_without_dues, c.months_without_life, c.counted_to, c.warned_on, c.opened_on, c.closed_on, c.resolution, c.resolution_note, c.closed_by, c.updated_at, o.path
  from withdrawal_cases c join members m on m.id = c.member_id join organisations o on o.id = c.organisation_id`;

/**
 * Self-withdrawal (自行脱党, rules.md §2): a check that counts, per member, the months in a row
 * without dues and without organisational life; warns at the tenant's threshold, opens a case for
 * the branch at six months, and never removes anyone. Safe to repeat and to run on two replicas at
 * once: each batch is one transaction under the tenant's check lock, and a member has at most one
 * case in progress (a partial unique index).
 */
export class SelfWithdrawalUseCases {
  private readonly access = new TreeAccess();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Runs the check for the caller's tenant (tenant admins). */
  async run(): Promise<Omit<RunWithdrawalCheckResponse, '$typeName'>> {
    requireRole('tenant-admin');
    return this.checkTenant(requireTenant());
  }

  /** The daily job: every tenant with an organisation tree, one after another. */
  async checkAllTenants(): Promise<{ tenants: number }> {
    const tenants = await this.db.tenantIds();
    for (const tenantId of tenants) await this.checkTenant(tenantId);
    return { tenants: tenants.length };
  }

  async checkTenant(tenantId: TenantId): Promise<Omit<RunWithdrawalCheckResponse, '$typeName'>> {
    const today = chinaToday(this.now());
    const countedTo = monthsBefore(today, 1);
    const from = monthsBefore(today, LOOKBACK_MONTHS);
    let closedAsResumed = 0;
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const batch = await this.db.database.inTenant(tenantId, async (tx) => {
        // One check of a tenant at a time, batch by batch. The lock is tried, not awaited, so that
        // waiting for another replica never eats into this transaction's time limit; the second
        // replica then finds the batch done and changes nothing.
        const [lock] = (await tx.$queryRawUnsafe(
          `select pg_try_advisory_xact_lock(hashtextextended('withdrawal-check:' || $1, 0)) as locked`,
          tenantId,
        )) as { locked: boolean }[];
        if (!lock!.locked) return undefined;
        const ids = (
          (await tx.$queryRawUnsafe(
            `select id::text from members where id > $1::uuid order by id limit ${CHECK_BATCH_MEMBERS}`,
            after,
          )) as { id: string }[]
        ).map((row) => row.id);
        const closed =
          ids.length > 0 ? await this.applyBatch(tx, tenantId, ids, { from, countedTo, today }) : 0;
        return { ids, closed };
      });
      if (!batch) {
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
        continue;
      }
      closedAsResumed += batch.closed;
      if (batch.ids.length < CHECK_BATCH_MEMBERS) break;
      after = batch.ids[batch.ids.length - 1]!;
    }
    return this.db.database.inTenant(tenantId, async (tx) => {
      const [counts] = (await tx.$queryRawUnsafe(
        `select count(*) filter (where state = 'warning')::int as warnings, count(*) filter (where state = 'open')::int as open from withdrawal_cases`,
      )) as { warnings: number; open: number }[];
      const [lacking] = (await tx.$queryRawUnsafe(LACKING_EVIDENCE_SQL, from, countedTo)) as {
        meetings: number;
        members: number;
      }[];
      return {
        countedTo: countedTo.slice(0, 7),
        warnings: counts!.warnings,
        open: counts!.open,
        closedAsResumed,
        meetingsWithoutAttendance: lacking!.meetings,
        membersWithoutDuesMonths: lacking!.members,
      };
    });
  }

  async list(request: ListWithdrawalCasesRequest): Promise<{ cases: WithdrawalCase[]; total: number }> {
    // The filter was validated at the edge (the gateway's resource binding).
    requireRole('tenant-admin', 'secretary');
    return this.db.database.inRequestTenant(async (tx) => {
      const paths = await this.access.visiblePaths(tx, request.withinId);
      const filters = `($1::text[] is null or o.path like any($1::text[])) and ($2::text is null or c.state = $2::text)`;
      const values = [paths ? paths.map((p) => `${p}%`) : null, request.state ?? null];
      const { skip, take } = pageWindow(request.page);
      const rows = (await tx.$queryRawUnsafe(
        `${CASE_SELECT} where ${filters}
         order by case c.state when 'open' then 0 when 'warning' then 1 else 2 end, greatest(c.months_without_dues, c.months_without_life) desc, m.name, c.id
         limit ${take} offset ${skip}`,
        ...values,
      )) as CaseRow[];
      const [count] = (await tx.$queryRawUnsafe(
        `select count(*)::int as total from withdrawal_cases c join organisations o on o.id = c.organisation_id where ${filters}`,
        ...values,
      )) as { total: number }[];
      return { cases: rows.map(caseMessage), total: count!.total };
    });
  }

  /** The branch records its decision. Removal itself is the branch general meeting's, recorded here only. */
  async close(request: CloseWithdrawalCaseRequest): Promise<WithdrawalCase> {
    const principal = requireRole('tenant-admin', 'secretary');
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(
        (WITHDRAWAL_RESOLUTIONS as readonly string[]).includes(request.resolution),
        'resolution',
        'not_one_of',
        { allowed: WITHDRAWAL_RESOLUTIONS.join(', ') },
      )
      .check(request.note.trim().length >= 1 && request.note.length <= 1000, 'note', 'length_between', {
        min: 1,
        max: 1000,
      })
      .throwIfInvalid();
    return this.db.database.inRequestTenant(async (tx) => {
      const [row] = (await tx.$queryRawUnsafe(
        `${CASE_SELECT} where c.id = $1::uuid for update of c`,
        request.id,
      )) as CaseRow[];
      if (!row) throw new NotFoundError('withdrawal case', request.id);
      await this.access.requireWithin(tx, row.path);
      if (row.state === 'closed')
        throw new RuleViolatedError('withdrawal-case-closed', 'the case is already closed');
      await tx.withdrawalCase.update({
        where: { id: row.id },
        data: {
          state: 'closed',
          resolution: request.resolution,
          resolutionNote: request.note.trim(),
          closedBy: principal.userId,
          closedOn: dateColumn(chinaToday(this.now())),
          updatedAt: new Date(),
        },
      });
      const [after] = (await tx.$queryRawUnsafe(
        `${CASE_SELECT} where c.id = $1::uuid`,
        request.id,
      )) as CaseRow[];
      return caseMessage(after!);
    });
  }

  /** One batch: cases warned, opened or updated; warnings whose member resumed closed. Returns how many closed. */
  private async applyBatch(
    tx: OrganisationTx,
    tenantId: TenantId,
    ids: string[],
    when: { from: string; countedTo: string; today: string },
  ): Promise<number> {
    const settings = await readSettings(tx, tenantId);
    const before = await flaggedStates(tx, ids);
    // The run lengths once per batch, read by the three statements below. A batch is small and
    // short: compiling it (JIT) would cost more than running it.
    await tx.$executeRawUnsafe('set local jit = off');
    await tx.$executeRawUnsafe(
      `create temporary table withdrawal_streaks on commit drop as ${STREAKS_SQL}`,
      when.from,
      when.countedTo,
      ids,
    );
    // Reaching the threshold: a new case, or the one in progress brought up to date. An open case
    // stays open until the branch closes it.
    await tx.$executeRawUnsafe(
      `insert into withdrawal_cases (id, tenant_id, member_id, organisation_id, state, months_without_dues, months_without_life, counted_to, warned_on, opened_on)
       select gen_random_uuid(), s.tenant_id::uuid, s.id::uuid, s.organisation_id::uuid,
              case when greatest(s.months_without_dues, s.months_without_life) >= $2 then 'open' else 'warning' end,
              s.months_without_dues, s.months_without_life, $3::date, $4::date,
              case when greatest(s.months_without_dues, s.months_without_life) >= $2 then $4::date end
       from withdrawal_streaks s where greatest(s.months_without_dues, s.months_without_life) >= $1
       on conflict (tenant_id, member_id) where state <> 'closed' do update set
         organisation_id = excluded.organisation_id,
         months_without_dues = excluded.months_without_dues,
         months_without_life = excluded.months_without_life,
         counted_to = excluded.counted_to,
         state = case when withdrawal_cases.state = 'open' then 'open' else excluded.state end,
         opened_on = coalesce(withdrawal_cases.opened_on, excluded.opened_on),
         updated_at = case when (withdrawal_cases.state, withdrawal_cases.months_without_dues, withdrawal_cases.months_without_life, withdrawal_cases.counted_to)
                                is distinct from (case when withdrawal_cases.state = 'open' then 'open' else excluded.state end, excluded.months_without_dues, excluded.months_without_life, excluded.counted_to)
                           then now() else withdrawal_cases.updated_at end`,
      settings.withdrawalWarningMonths,
      WITHDRAWAL_CASE_MONTHS,
      when.countedTo,
      when.today,
    );
    // Below the threshold: a warning closes as resumed; an open case keeps waiting for the branch,
    // with its counts brought up to date.
    await tx.$executeRawUnsafe(
      `update withdrawal_cases c set months_without_dues = s.months_without_dues, months_without_life = s.months_without_life, counted_to = $2::date, updated_at = now()
       from withdrawal_streaks s where c.member_id = s.id::uuid and c.state = 'open' and greatest(s.months_without_dues, s.months_without_life) < $1
         and (c.months_without_dues, c.months_without_life, c.counted_to) is distinct from (s.months_without_dues, s.months_without_life, $2::date)`,
      settings.withdrawalWarningMonths,
      when.countedTo,
    );
    await tellSecretaries(tx, tenantId, before, await flaggedStates(tx, ids));
    return tx.$executeRawUnsafe(
      `update withdrawal_cases c set state = 'closed', resolution = 'resumed', closed_on = $3::date, closed_by = '${CHECK_ACTOR}',
              months_without_dues = s.months_without_dues, months_without_life = s.months_without_life, counted_to = $2::date, updated_at = now()
       from withdrawal_streaks s where c.member_id = s.id::uuid and c.state = 'warning' and greatest(s.months_without_dues, s.months_without_life) < $1`,
      settings.withdrawalWarningMonths,
      when.countedTo,
      when.today,
    );
  }
}

/** The members' cases that are not closed: warning or open. */
async function flaggedStates(tx: OrganisationTx, ids: string[]): Promise<Map<string, string>> {
  const rows = (await tx.$queryRawUnsafe(
    `select member_id::text, state from withdrawal_cases where member_id = any($1::uuid[]) and state <> 'closed'`,
    ids,
  )) as { member_id: string; state: string }[];
  return new Map(rows.map((row) => [row.member_id, row.state]));
}

/**
 * A member newly warned, or whose warning became a case, is told to the branch's secretary in office
 * (issue 15), never to the member's peers: who holds the secretary's position of the member's
 * organisation, by their login.
 */
async function tellSecretaries(
  tx: OrganisationTx,
  tenantId: string,
  before: Map<string, string>,
  after: Map<string, string>,
): Promise<void> {
  const changed = [...after].filter(([memberId, state]) => before.get(memberId) !== state).map(([id]) => id);
  if (changed.length === 0) return;
  const rows = (await tx.$queryRawUnsafe(
    `select m.id::text as member_id, m.name, o.id::text as organisation_id, o.name as organisation_name,
            c.state, c.months_without_dues, c.months_without_life,
            coalesce(array_agg(distinct coalesce(p.holder_user_id, h.user_id)) filter (where coalesce(p.holder_user_id, h.user_id) is not null), '{}')::text[] as secretaries
       from withdrawal_cases c join members m on m.id = c.member_id join organisations o on o.id = m.organisation_id
       left join positions p on p.organisation_id = o.id and p.kind = 'secretary' and p.ended_on is null
            and p.term_start <= (now() at time zone 'Asia/Shanghai')::date and p.term_end >= (now() at time zone 'Asia/Shanghai')::date
       left join members h on h.id = p.holder_member_id
      where c.member_id = any($1::uuid[]) and c.state <> 'closed'
      group by m.id, o.id, c.state, c.months_without_dues, c.months_without_life`,
    changed,
  )) as {
    member_id: string;
    name: string;
    organisation_id: string;
    organisation_name: string;
    state: string;
    months_without_dues: number;
    months_without_life: number;
    secretaries: string[];
  }[];
  for (const row of rows.filter((r) => r.secretaries.length > 0))
    await writeOutboxEvent(tx, {
      subject: eventSubject('organisation', 'self_withdrawal', 'flagged'),
      schema: SelfWithdrawalFlaggedSchema,
      message: create(SelfWithdrawalFlaggedSchema, {
        memberId: row.member_id,
        memberName: row.name,
        organisationId: row.organisation_id,
        organisationName: row.organisation_name,
        state: row.state,
        monthsWithoutDues: row.months_without_dues,
        monthsWithoutLife: row.months_without_life,
        secretaryUserIds: row.secretaries,
      }),
      tenantId,
    });
}
