import { randomUUID } from 'node:crypto';
import { dateColumn } from '@dangjian/kit';
import type { OrganisationTx } from '../db/organisation-database.js';
import type { Prisma, Transfer as TransferRow } from '../generated/prisma/client.js';

/**
 * Letters past their last valid day become expired, with the clock as actor (rules.md §5). Run
 * before every read and move, so "expired" never depends on a scheduler having run.
 */
const EXPIRE_BY_CLOCK_SQL = `with expired as (
    update transfers set state = 'expired', expired_on = valid_until + 1, updated_at = now()
    where state = 'letter_issued' and valid_until < $1::date
    returning id, tenant_id, expired_on)
  insert into transfer_actions (id, tenant_id, transfer_id, action, from_state, to_state, acted_by, acted_on)
  select gen_random_uuid(), tenant_id, id, 'expire', 'letter_issued', 'expired', 'clock', expired_on from expired`;

/** The last month of the member's unbroken run of paid dues months, YYYY-MM ('' when none). */
const DUES_PAID_UP_TO_SQL = `select coalesce(to_char(max(month), 'YYYY-MM'), '') as "paidUpTo" from dues_ledger
  where member_id = $1::uuid and paid_fen >= due_fen
    and month < coalesce((select min(month) from dues_ledger where member_id = $1::uuid and paid_fen < due_fen), 'infinity'::date)`;

const SORT_COLUMNS: Record<string, string> = {
  appliedOn: 't.applied_on',
  validUntil: 't.valid_until',
  state: 't.state',
  memberName: 't.member_name',
};

export interface TransferFilter {
  /** Subtree paths the caller may see (a secretary's scope); undefined: the whole tenant. */
  scope: string[] | undefined;
  direction?: string;
  states: string[];
  memberId?: string;
}

/** Relationship transfers, their actions and letter serials: the only code that touches those tables. */
export class TransfersRepository {
  /** Expires the letters the clock has passed (before any read or move). */
  async expireByClock(tx: OrganisationTx, today: string): Promise<void> {
    await tx.$executeRawUnsafe(EXPIRE_BY_CLOCK_SQL, today);
  }

  findById(tx: OrganisationTx, id: string) {
    return tx.transfer.findUnique({ where: { id } });
  }

  /** The row, locked for this transaction: two moves of one transfer never interleave. */
  async findLocked(tx: OrganisationTx, id: string) {
    await tx.$queryRawUnsafe('select id from transfers where id = $1::uuid for update', id);
    return this.findById(tx, id);
  }

  findWithActions(tx: OrganisationTx, id: string) {
    return tx.transfer.findUnique({ where: { id }, include: { actions: { orderBy: { createdAt: 'asc' } } } });
  }

  /** The member's transfer out that is still under way, if any. */
  openOutgoing(tx: OrganisationTx, memberId: string, openStates: string[]) {
    return tx.transfer.findFirst({
      where: { direction: 'outgoing', memberId, state: { in: openStates } },
      select: { id: true },
    });
  }

  /** This tenant's copy of another tenant's transfer. */
  findByPeer(tx: OrganisationTx, peerTransferId: string) {
    return tx.transfer.findFirst({ where: { peerTransferId } });
  }

  create(tx: OrganisationTx, data: Prisma.TransferUncheckedCreateInput) {
    return tx.transfer.create({ data });
  }

  update(tx: OrganisationTx, id: string, data: Prisma.TransferUncheckedUpdateInput) {
    return tx.transfer.update({ where: { id }, data });
  }

  /** A page of the visible transfers in the order asked for, and how many there are. */
  async page(
    tx: OrganisationTx,
    filter: TransferFilter,
    order: { field: string; descending: boolean; skip: number; take: number },
  ): Promise<{ rows: TransferRow[]; total: number }> {
    const { sql, values } = visibility(filter);
    const column = SORT_COLUMNS[order.field] ?? 't.updated_at';
    const [{ total }] = await tx.$queryRawUnsafe<[{ total: number }]>(
      `select count(*)::int as total from transfers t ${sql}`,
      ...values,
    );
    const ids = await tx.$queryRawUnsafe<{ id: string }[]>(
      `select t.id::text from transfers t ${sql} order by ${column} ${order.descending ? 'desc' : 'asc'} nulls last, t.id offset ${order.skip} limit ${order.take}`,
      ...values,
    );
    const byId = new Map(
      (await tx.transfer.findMany({ where: { id: { in: ids.map((r) => r.id) } } })).map((row) => [
        row.id,
        row,
      ]),
    );
    return { rows: ids.map(({ id }) => byId.get(id)!), total };
  }

  /** Every visible transfer in the filter (the chase list). */
  async all(tx: OrganisationTx, filter: TransferFilter): Promise<TransferRow[]> {
    const { sql, values } = visibility(filter);
    const ids = await tx.$queryRawUnsafe<{ id: string }[]>(
      `select t.id::text from transfers t ${sql}`,
      ...values,
    );
    return tx.transfer.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
  }

  recordAction(
    tx: OrganisationTx,
    row: TransferRow,
    move: {
      action: string;
      fromState: string;
      toState: string;
      reason: string;
      actedBy: string;
      actedOn: string;
    },
  ) {
    return tx.transferAction.create({
      data: {
        id: randomUUID(),
        tenantId: row.tenantId,
        transferId: row.id,
        action: move.action,
        fromState: move.fromState,
        toState: move.toState,
        reason: move.reason,
        actedBy: move.actedBy,
        actedOn: dateColumn(move.actedOn),
      },
    });
  }

  /** The tenant's next letter number of the year (2026-000001), counted under a row lock. */
  async nextSerial(tx: OrganisationTx, tenantId: string, today: string): Promise<string> {
    const year = Number(today.slice(0, 4));
    const [{ lastNumber }] = await tx.$queryRawUnsafe<[{ lastNumber: number }]>(
      `insert into transfer_serials (tenant_id, year, last_number) values ($1::uuid, $2, 1)
       on conflict (tenant_id, year) do update set last_number = transfer_serials.last_number + 1
       returning last_number as "lastNumber"`,
      tenantId,
      year,
    );
    return `${year}-${String(lastNumber).padStart(6, '0')}`;
  }

  /** What the letter says about dues: the last month of the member's unbroken paid run. */
  async duesPaidUpTo(tx: OrganisationTx, memberId: string): Promise<string> {
    const [{ paidUpTo }] = await tx.$queryRawUnsafe<[{ paidUpTo: string }]>(DUES_PAID_UP_TO_SQL, memberId);
    return paidUpTo;
  }
}

/** The subtree filter: a secretary sees transfers leaving or entering their organisations. */
function visibility(filter: TransferFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.scope) {
    const paths = param(filter.scope);
    where.push(`(exists (select 1 from organisations o where o.id = t.sending_organisation_id and t.direction = 'outgoing' and o.path like any (select p || '%' from unnest(${paths}::text[]) p))
        or exists (select 1 from organisations o where o.id = t.receiving_organisation_id and o.path like any (select p || '%' from unnest(${paths}::text[]) p)))`);
  }
  if (filter.direction) where.push(`t.direction = ${param(filter.direction)}`);
  if (filter.states.length > 0) where.push(`t.state = any(${param(filter.states)}::text[])`);
  if (filter.memberId) where.push(`t.member_id = ${param(filter.memberId)}::uuid`);
  return { sql: where.length ? `where ${where.join(' and ')}` : '', values };
}
