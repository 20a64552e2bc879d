import { create } from '@bufbuild/protobuf';
import {
  eventSubject,
  SortOrder,
  TRANSFER_DESTINATIONS,
  TRANSFER_REQUESTED_ACTIONS,
  TRANSFER_STATES,
  GetTransferResponseSchema,
  MemberLoginTransferredSchema,
  TransferLetterMemberSchema,
  TransferOverdueSchema,
  TransferPeerEventSchema,
  type ActOnTransferRequest,
  type CreateTransferRequest,
  type GetTransferResponse,
  type ListTransfersRequest,
  type Transfer,
  type TransferOverdue,
  type TransferPeerEvent,
} from '@dangjian/contracts';
import {
  addDays,
  chinaToday,
  dateColumn,
  decryptField,
  encryptField,
  ForbiddenError,
  isUuid,
  letterKeys,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  Validator,
  writeOutboxEvent,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { Member, Transfer as TransferRow } from '../generated/prisma/client.js';
import { idCardIndexOf, memberRow, stageSinceOf } from '../members/member-record.js';
import type { TenantKeyRing } from '../members/tenant-key-ring.js';
import { readSettings } from '../settings/organisation-settings.js';
import { OrganisationsRepository } from '../tree/organisations.repository.js';
import { TreeAccess } from '../tree/tree-access.js';
import { toTransferActionMessage, toTransferMessage } from './transfer-mapper.js';
import { moveTransfer, startGuard, type TransferAction, type TransferState } from './transfer-rules.js';

const includes = (list: readonly string[], value: string) => list.includes(value);
/** Transfers still under way: they block another application and a hand-added record elsewhere. */
export const OPEN_TRANSFER_STATES: TransferState[] = ['applied', 'first_approved', 'approved', 'letter_issued', 'expired'];
/** Local practice (rules.md §5 gives no numbers): chase an approval after 15 days, a receipt after 30, a letter 15 days before it expires. */
export const APPROVAL_CHASE_DAYS = 15;
export const RECEIPT_CHASE_DAYS = 30;
export const EXPIRY_WARNING_DAYS = 15;

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

/** Relationship transfers (组织关系转接, rules.md §5): applications, approvals, letters, reporting in, receipts. */
export class TransfersUseCases {
  private readonly access = new TreeAccess();
  private readonly organisations = new OrganisationsRepository();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly keyRing: TenantKeyRing,
    private readonly masterKey: Buffer,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(request: CreateTransferRequest): Promise<Transfer> {
    const { destination } = request;
    new Validator()
      .check(isUuid(request.memberId), 'memberId', 'must be a member id')
      .check(includes(TRANSFER_DESTINATIONS, destination), 'destination', `must be one of ${TRANSFER_DESTINATIONS.join(', ')}`)
      .check(request.reason.trim().length > 0 && request.reason.length <= 200, 'reason', 'say why the member moves (1–200 characters)')
      .check(destination !== 'within_tenant' || isUuid(request.receivingOrganisationId), 'receivingOrganisationId', 'must be an organisation id')
      .check(destination !== 'other_tenant' || isUuid(request.receivingTenantId), 'receivingTenant', 'must name a tenant of the platform')
      .check(
        destination === 'within_tenant' || (request.receivingOrganisationName.trim().length > 0 && request.receivingOrganisationName.length <= 100),
        'receivingOrganisationName',
        'must be the receiving organisation’s full name (1–100 characters)',
      )
      .check(request.receivingOrganisationCode.length <= 40, 'receivingOrganisationCode', 'must be at most 40 characters')
      .throwIfInvalid();
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    if (destination === 'other_tenant' && request.receivingTenantId === tenantId) {
      throw new RuleViolatedError('transfer-other-tenant', 'a transfer inside this tenant is a within_tenant transfer', [{ field: 'receivingTenant', description: 'is this tenant' }]);
    }
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      // The member row is locked so two applications for one member cannot both pass the guard.
      const member = await this.lockedMember(tx, request.memberId);
      const sending = (await this.organisations.findById(tx, member.organisationId))!;
      await this.access.requireWithin(tx, sending.path);
      const open = await tx.transfer.findFirst({ where: { direction: 'outgoing', memberId: member.id, state: { in: OPEN_TRANSFER_STATES } }, select: { id: true } });
      const refused = startGuard({ status: member.status, hasOpenTransfer: Boolean(open) });
      if (refused) throw new RuleViolatedError(refused.rule, refused.message, [{ field: 'memberId', description: refused.message }]);
      let receiving: { id: string; name: string } | undefined;
      if (destination === 'within_tenant') {
        const organisation = await this.organisations.findById(tx, request.receivingOrganisationId);
        if (!organisation) throw new NotFoundError('organisation', request.receivingOrganisationId);
        if (organisation.status !== 'active') throw new RuleViolatedError('organisation-dissolved', 'members are not transferred to a dissolved organisation', [{ field: 'receivingOrganisationId', description: 'is dissolved' }]);
        if (organisation.id === member.organisationId) throw new RuleViolatedError('transfer-same-organisation', 'the member already belongs to this organisation', [{ field: 'receivingOrganisationId', description: 'is the member’s own organisation' }]);
        receiving = organisation;
      }
      const settings = await readSettings(tx, tenantId);
      const row = await tx.transfer.create({
        data: {
          id: randomUUID(),
          tenantId,
          direction: 'outgoing',
          destination,
          state: 'applied',
          approvalLevels: settings.transferApprovalLevels,
          memberId: member.id,
          memberName: member.name,
          reason: request.reason.trim(),
          sendingTenantId: tenantId,
          sendingTenantName: request.sendingTenantName,
          sendingOrganisationId: sending.id,
          sendingOrganisationName: sending.name,
          receivingTenantId: destination === 'other_tenant' ? request.receivingTenantId : destination === 'within_tenant' ? tenantId : null,
          receivingTenantName: destination === 'other_tenant' ? request.receivingTenantName : destination === 'within_tenant' ? request.sendingTenantName : '',
          receivingOrganisationId: receiving?.id ?? null,
          receivingOrganisationName: receiving?.name ?? request.receivingOrganisationName.trim(),
          receivingOrganisationCode: request.receivingOrganisationCode.trim(),
          appliedBy: principal.userId,
          appliedOn: dateColumn(today),
        },
      });
      await this.recordAction(tx, row, 'apply', 'applied', 'applied', row.reason, principal.userId, today);
      return toTransferMessage(row, member);
    });
  }

  async act(request: ActOnTransferRequest): Promise<Transfer> {
    new Validator()
      .check(isUuid(request.id), 'id', 'must be a transfer id')
      .check(includes(TRANSFER_REQUESTED_ACTIONS, request.action), 'action', `must be one of ${TRANSFER_REQUESTED_ACTIONS.join(', ')}`)
      .check(request.reason.length <= 500, 'reason', 'must be at most 500 characters')
      .check(request.validityDays === undefined || Number.isInteger(request.validityDays), 'validityDays', 'must be a whole number of days')
      .check(!request.organisationId || isUuid(request.organisationId), 'organisationId', 'must be an organisation id')
      .throwIfInvalid();
    const principal = requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    const action = request.action as TransferAction;
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.$executeRawUnsafe(EXPIRE_BY_CLOCK_SQL, today);
      await tx.$queryRawUnsafe('select id from transfers where id = $1::uuid for update', request.id);
      const row = await tx.transfer.findUnique({ where: { id: request.id } });
      if (!row) throw new NotFoundError('transfer', request.id);
      await this.authorise(tx, row, action, request);
      if (action === 'approve' && row.state === 'first_approved' && row.firstApprovedBy === principal.userId) {
        throw new RuleViolatedError('second-approver', 'the second approval comes from someone other than the first approver');
      }
      const settings = await readSettings(tx, tenantId);
      const outcome = moveTransfer(
        {
          state: row.state as TransferState,
          approvalLevels: row.approvalLevels === 2 ? 2 : 1,
          ...(row.issuedOn ? { issuedOn: dayOf(row.issuedOn) } : {}),
          ...(row.validUntil ? { validUntil: dayOf(row.validUntil) } : {}),
          ...(row.expiredOn ? { expiredOn: dayOf(row.expiredOn) } : {}),
        },
        { action, today, reason: request.reason, validityDays: request.validityDays ?? settings.letterValidityDays },
      );
      if (!outcome.ok) {
        const field = ['send-back-reason', 'void-reason', 'reissue-reason'].includes(outcome.rule) ? 'reason' : outcome.rule === 'letter-validity' ? 'validityDays' : 'action';
        throw new RuleViolatedError(outcome.rule, outcome.message, [{ field, description: outcome.message }]);
      }
      const changes: Parameters<OrganisationTx['transfer']['update']>[0]['data'] = { state: outcome.state, updatedAt: new Date() };
      if (request.reason.trim()) changes.lastReason = request.reason.trim();
      if (action === 'approve' && outcome.state === 'first_approved') changes.firstApprovedBy = principal.userId;
      if (action === 'issue_letter' || action === 'reissue') {
        Object.assign(changes, {
          serialNumber: await this.nextSerial(tx, tenantId, today),
          issuedOn: dateColumn(today),
          validUntil: dateColumn(outcome.validUntil!),
          expiredOn: null,
          duesPaidUpTo: row.memberId ? await this.duesPaidUpTo(tx, row.memberId) : '',
        });
      }
      if (action === 'report_in') Object.assign(changes, { reportedInOn: dateColumn(today) });
      if (action === 'return_receipt') Object.assign(changes, { receiptReturnedOn: dateColumn(today) });
      let updated = await tx.transfer.update({ where: { id: row.id }, data: changes });
      updated = await this.applyToMember(tx, updated, action, request, principal.userId);
      await this.recordAction(tx, updated, action, row.state, outcome.state, request.reason.trim(), principal.userId, today);
      if (updated.destination === 'other_tenant') await this.tellPeer(tx, updated, action, request.reason.trim(), today);
      return this.message(tx, updated);
    });
  }

  async get(id: string): Promise<GetTransferResponse> {
    requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.$executeRawUnsafe(EXPIRE_BY_CLOCK_SQL, chinaToday(this.now()));
      const row = isUuid(id) ? await tx.transfer.findUnique({ where: { id }, include: { actions: { orderBy: { createdAt: 'asc' } } } }) : null;
      if (!row) throw new NotFoundError('transfer', id);
      await this.requireVisible(tx, row);
      return create(GetTransferResponseSchema, { transfer: await this.message(tx, row), actions: row.actions.map(toTransferActionMessage) });
    });
  }

  async list(request: ListTransfersRequest): Promise<{ transfers: Transfer[]; total: number }> {
    new Validator()
      .check(!request.direction || ['outgoing', 'incoming'].includes(request.direction), 'filter.direction', 'must be outgoing or incoming')
      .check(request.states.every((state) => includes(TRANSFER_STATES, state)), 'filter.state', `must be among ${TRANSFER_STATES.join(', ')}`)
      .check(!request.memberId || isUuid(request.memberId), 'filter.memberId', 'must be a member id')
      .throwIfInvalid();
    const { skip, take } = pageWindow(request.page);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.$executeRawUnsafe(EXPIRE_BY_CLOCK_SQL, chinaToday(this.now()));
      const scope = await this.access.scopePaths(tx);
      const order = request.page?.sortOrder === SortOrder.ASC ? 'asc' : 'desc';
      const sortColumn = ({ appliedOn: 't.applied_on', validUntil: 't.valid_until', state: 't.state', memberName: 't.member_name' } as Record<string, string>)[request.page?.sortField ?? ''] ?? 't.updated_at';
      const { sql, values } = this.visibleSql(scope, request);
      const [{ total }] = await tx.$queryRawUnsafe<[{ total: number }]>(`select count(*)::int as total from transfers t ${sql}`, ...values);
      const ids = await tx.$queryRawUnsafe<{ id: string }[]>(
        `select t.id::text from transfers t ${sql} order by ${sortColumn} ${order} nulls last, t.id offset ${skip} limit ${take}`,
        ...values,
      );
      const rows = await tx.transfer.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
      const byId = new Map((await this.messages(tx, rows)).map((t) => [t.id, t]));
      return { transfers: ids.map(({ id }) => byId.get(id)!), total };
    });
  }

  /** What needs chasing, oldest first: approvals waiting, letters about to expire, receipts not returned. */
  async overdue(): Promise<TransferOverdue[]> {
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.$executeRawUnsafe(EXPIRE_BY_CLOCK_SQL, today);
      const scope = await this.access.scopePaths(tx);
      const { sql, values } = this.visibleSql(scope, { direction: '', states: ['applied', 'first_approved', 'letter_issued', 'reported_in'], memberId: '' });
      const ids = await tx.$queryRawUnsafe<{ id: string }[]>(`select t.id::text from transfers t ${sql}`, ...values);
      const rows = await tx.transfer.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
      const chased = rows.flatMap((row) => {
        const chase = overdueOf(row, today);
        return chase ? [{ row, chase }] : [];
      });
      const messages = await this.messages(tx, chased.map(({ row }) => row));
      return chased
        .map(({ chase }, index) => create(TransferOverdueSchema, { transfer: messages[index]!, ...chase }))
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    });
  }

  /** The subtree filter: a secretary sees transfers leaving or entering their organisations. */
  private visibleSql(scope: string[] | undefined, request: Pick<ListTransfersRequest, 'direction' | 'states' | 'memberId'>) {
    const values: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    if (scope) {
      const paths = param(scope);
      where.push(`(exists (select 1 from organisations o where o.id = t.sending_organisation_id and t.direction = 'outgoing' and o.path like any (select p || '%' from unnest(${paths}::text[]) p))
        or exists (select 1 from organisations o where o.id = t.receiving_organisation_id and o.path like any (select p || '%' from unnest(${paths}::text[]) p)))`);
    }
    if (request.direction) where.push(`t.direction = ${param(request.direction)}`);
    if (request.states.length > 0) where.push(`t.state = any(${param(request.states)}::text[])`);
    if (request.memberId) where.push(`t.member_id = ${param(request.memberId)}::uuid`);
    return { sql: where.length ? `where ${where.join(' and ')}` : '', values };
  }

  /** Who may do what (rules.md §5): the sending side runs the application and the letter; the receiving side takes the member in. */
  private async authorise(tx: OrganisationTx, row: TransferRow, action: TransferAction, request: ActOnTransferRequest): Promise<void> {
    const principal = requirePrincipal();
    const admin = principal.platformOperator || principal.roles.includes('tenant-admin');
    const requireAdmin = (what: string) => {
      if (!admin) throw new ForbiddenError(`${what} is for the tenant administrators (the committee that keeps the letters)`);
    };
    const receivingSide = action === 'report_in' || action === 'return_receipt' || (action === 'send_back' && (row.state === 'letter_issued' || row.direction === 'incoming'));
    if (row.direction === 'incoming') {
      if (!receivingSide) throw new RuleViolatedError('transfer-peer-action', `the sending tenant does "${action}"; this tenant takes the member in, sends the letter back, or returns the receipt`, [{ field: 'action', description: 'is the sending side’s' }]);
      const organisationId = request.organisationId || row.receivingOrganisationId;
      if (!organisationId) {
        requireAdmin('taking in a transfer that names no organisation here');
        if (action === 'report_in') throw new RuleViolatedError('receiving-organisation', 'say which organisation the member joins', [{ field: 'organisationId', description: 'is required' }]);
        return;
      }
      await this.requireReceivingOrganisation(tx, organisationId, row);
      return;
    }
    if (receivingSide) {
      if (row.destination === 'other_tenant') throw new RuleViolatedError('transfer-peer-action', 'the receiving tenant takes the member in, sends the letter back and returns the receipt', [{ field: 'action', description: 'is the receiving side’s' }]);
      if (row.destination === 'outside_platform') return requireAdmin('recording what an organisation outside the platform did');
      const receiving = (await this.organisations.findById(tx, row.receivingOrganisationId!))!;
      await this.access.requireWithin(tx, receiving.path);
      return;
    }
    if (action === 'issue_letter' || action === 'void' || action === 'reissue') requireAdmin(`${action.replace('_', ' ')}`);
    const sending = await this.organisations.findById(tx, row.sendingOrganisationId!);
    await this.access.requireWithin(tx, sending!.path);
  }

  private async requireReceivingOrganisation(tx: OrganisationTx, organisationId: string, row: TransferRow) {
    const organisation = await this.organisations.findById(tx, organisationId);
    if (!organisation) throw new NotFoundError('organisation', organisationId);
    if (organisation.status !== 'active') throw new RuleViolatedError('organisation-dissolved', 'members are not taken into a dissolved organisation', [{ field: 'organisationId', description: 'is dissolved' }]);
    await this.access.requireWithin(tx, organisation.path);
    if (row.receivingOrganisationId !== organisation.id) {
      await tx.transfer.update({ where: { id: row.id }, data: { receivingOrganisationId: organisation.id, receivingOrganisationName: organisation.name } });
      row.receivingOrganisationId = organisation.id;
    }
  }

  /** What a move does to the member record: marked in transfer, back, moved, or gone with the letter. */
  private async applyToMember(tx: OrganisationTx, row: TransferRow, action: TransferAction, request: ActOnTransferRequest, userId: string): Promise<TransferRow> {
    const note = (memberId: string, reason: string, fields: string[]) =>
      tx.memberChange.create({ data: { id: randomUUID(), tenantId: row.tenantId, memberId, changedBy: userId, reason, fields } });
    const letter = row.serialNumber ? `介绍信 ${row.serialNumber}` : '';
    if (row.direction === 'incoming') {
      if (action !== 'report_in') return row;
      const memberId = await this.admitFromLetter(tx, row, request.organisationId || row.receivingOrganisationId!);
      await note(memberId, `transferred in from ${row.sendingTenantName} ${row.sendingOrganisationName} (${letter})`, ['*']);
      return tx.transfer.update({ where: { id: row.id }, data: { memberId } });
    }
    const memberId = row.memberId!;
    const setStatus = (status: string, extra: Record<string, unknown> = {}) => tx.member.update({ where: { id: memberId }, data: { status, updatedAt: new Date(), ...extra } });
    if (action === 'issue_letter') {
      await setStatus('in_transfer');
      await note(memberId, `in transfer to ${row.receivingOrganisationName} (${letter})`, ['status']);
    } else if (action === 'send_back' || action === 'void') {
      const member = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
      if (member.status === 'in_transfer') {
        await setStatus('active');
        await note(memberId, `transfer ${action === 'void' ? 'voided' : 'sent back'}: ${request.reason.trim()}`, ['status']);
      }
    } else if (action === 'report_in') {
      if (row.destination === 'within_tenant') {
        await setStatus('active', { organisationId: row.receivingOrganisationId });
        await note(memberId, `transferred from ${row.sendingOrganisationName} to ${row.receivingOrganisationName} (${letter})`, ['organisationId', 'status']);
      } else {
        await setStatus('transferred_out');
        await note(memberId, `reported in at ${row.receivingOrganisationName} (${letter})`, ['status']);
      }
    }
    return row;
  }

  /** The receiving tenant's member record, made from the letter alone. */
  private async admitFromLetter(tx: OrganisationTx, row: TransferRow, organisationId: string): Promise<string> {
    const letter = row.letterMember as Record<string, string>;
    const keys = await this.keyRing.keysFor(tx, row.tenantId);
    const id = randomUUID();
    const idCard = decryptField(keys, 'idCardNumber', row.id, letter['idCardCipher']!);
    const phone = letter['phoneCipher'] ? decryptField(keys, 'phone', row.id, letter['phoneCipher']) : '';
    const input = {
      organisationId,
      name: row.memberName,
      ethnicity: letter['ethnicity'] ?? '',
      idCardNumber: idCard,
      phone,
      education: letter['education'] ?? '',
      occupation: letter['occupation'] ?? 'other',
      workUnit: '',
      address: '',
      developmentStage: letter['developmentStage'] ?? 'full',
      joinedOn: letter['joinedOn'] ?? '',
      confirmedOn: letter['confirmedOn'] ?? '',
      stageSince: '',
      mobile: false,
      userId: letter['userId'] ?? '',
    };
    if (await tx.member.findFirst({ where: { idCardIndex: row.idCardIndex! }, select: { id: true } })) {
      throw new RuleViolatedError('member-on-record', 'a member with this ID-card number is already on record in this tenant', [{ field: 'id', description: 'the member is already on record here' }]);
    }
    await tx.member.create({ data: { ...memberRow(keys, row.tenantId, id, input, stageSinceOf(input, chinaToday(this.now()))), status: 'active' } as never });
    // A member who has a login keeps it: the identity service moves its member role to this tenant.
    if (input.userId) {
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'member', 'login_transferred'),
        schema: MemberLoginTransferredSchema,
        message: create(MemberLoginTransferredSchema, { userId: input.userId, receivingTenantId: row.tenantId, sendingTenantId: row.sendingTenantId, memberId: id, transferId: row.id }),
        tenantId: row.tenantId,
      });
    }
    return id;
  }

  /** Tells the other tenant what this side did; the event's addressee changes its own row. */
  private async tellPeer(tx: OrganisationTx, row: TransferRow, action: TransferAction, reason: string, today: string): Promise<void> {
    const outgoing = row.direction === 'outgoing';
    if (outgoing && !['issue_letter', 'reissue', 'void'].includes(action)) return;
    const event = create(TransferPeerEventSchema, {
      addressedTenantId: outgoing ? row.receivingTenantId! : row.sendingTenantId,
      sendingTenantId: row.sendingTenantId,
      sendingTransferId: outgoing ? row.id : row.peerTransferId!,
      action,
      reason,
      actedOn: today,
      validUntil: row.validUntil ? dayOf(row.validUntil) : '',
    });
    if (action === 'issue_letter') {
      const member = await tx.member.findUniqueOrThrow({ where: { id: row.memberId! } });
      const keys = await this.keyRing.keysFor(tx, row.tenantId);
      const sealFor = letterKeys(this.masterKey, row.receivingTenantId!);
      event.letter = toTransferMessage(row, member);
      event.member = create(TransferLetterMemberSchema, {
        name: member.name,
        gender: member.gender,
        ethnicity: member.ethnicity,
        education: member.education,
        occupation: member.occupation,
        developmentStage: member.developmentStage,
        joinedOn: member.joinedOn ? dayOf(member.joinedOn) : '',
        confirmedOn: member.confirmedOn ? dayOf(member.confirmedOn) : '',
        idCardSealed: encryptField(sealFor, 'idCardNumber', row.id, decryptField(keys, 'idCardNumber', member.id, member.idCardCipher)),
        phoneSealed: member.phoneCipher ? encryptField(sealFor, 'phone', row.id, decryptField(keys, 'phone', member.id, member.phoneCipher)) : '',
        userId: member.userId ?? '',
        idCardMasked: member.idCardMasked,
      });
    }
    await writeOutboxEvent(tx, { subject: eventSubject('organisation', 'transfer', action), schema: TransferPeerEventSchema, message: event, tenantId: row.tenantId });
  }

  /**
   * The other tenant's side of a cross-tenant transfer, delivered by the bus into this tenant's
   * transaction (exactly once, see DurableConsumer). A letter makes the incoming row; the receiver's
   * moves reach the sender's row, the sender's re-issue or void reach the receiver's. A move that no
   * longer fits (both sides acted at once) is recorded as refused rather than retried for ever.
   */
  async applyPeerEvent(tx: OrganisationTx, tenantId: string, event: TransferPeerEvent): Promise<void> {
    const actor = 'peer';
    if (event.action === 'issue_letter') {
      if (await tx.transfer.findFirst({ where: { peerTransferId: event.sendingTransferId }, select: { id: true } })) return;
      await this.receiveLetter(tx, tenantId, event);
      return;
    }
    const toSender = ['report_in', 'return_receipt', 'send_back'].includes(event.action);
    const row = toSender
      ? await tx.transfer.findUnique({ where: { id: event.sendingTransferId } })
      : await tx.transfer.findFirst({ where: { peerTransferId: event.sendingTransferId } });
    if (!row) throw new Error(`transfer ${event.sendingTransferId} is not known in tenant ${tenantId}`);
    const action = event.action as TransferAction;
    const validUntil = row.validUntil ? dayOf(row.validUntil) : undefined;
    // A member who reported in on the letter's last day is in, even if the clock expired this side's copy since.
    const state = row.state === 'expired' && action === 'report_in' && validUntil && event.actedOn <= validUntil ? 'letter_issued' : (row.state as TransferState);
    const outcome = moveTransfer(
      { state, approvalLevels: row.approvalLevels === 2 ? 2 : 1, ...(validUntil ? { validUntil } : {}), ...(row.expiredOn ? { expiredOn: dayOf(row.expiredOn) } : {}) },
      { action, today: event.actedOn, reason: event.reason, ...(action === 'reissue' ? { validityDays: daysBetween(event.actedOn, event.validUntil) + 1 } : {}) },
    );
    if (!outcome.ok) {
      await this.recordAction(tx, row, `${action}_refused`, row.state, row.state, `${outcome.rule}: ${outcome.message}`, actor, event.actedOn);
      return;
    }
    const changes: Record<string, unknown> = { state: outcome.state, updatedAt: new Date() };
    if (event.reason) changes['lastReason'] = event.reason;
    if (action === 'report_in') changes['reportedInOn'] = dateColumn(event.actedOn);
    if (action === 'return_receipt') changes['receiptReturnedOn'] = dateColumn(event.actedOn);
    if (action === 'reissue') Object.assign(changes, { issuedOn: dateColumn(event.actedOn), validUntil: dateColumn(event.validUntil), expiredOn: null, serialNumber: event.letter?.serialNumber ?? row.serialNumber });
    const updated = await tx.transfer.update({ where: { id: row.id }, data: changes });
    await this.applyToMember(tx, updated, action, { reason: event.reason } as ActOnTransferRequest, `transfer:${row.serialNumber ?? row.id}`);
    await this.recordAction(tx, updated, action, row.state, outcome.state, event.reason, actor, event.actedOn);
  }

  /** The incoming row: the letter's facts, personal numbers opened from the bus seal and sealed again under this tenant's keys. */
  private async receiveLetter(tx: OrganisationTx, tenantId: string, event: TransferPeerEvent): Promise<void> {
    const letter = event.letter!;
    const member = event.member!;
    const id = randomUUID();
    const sealedFor = letterKeys(this.masterKey, tenantId);
    const keys = await this.keyRing.keysFor(tx, tenantId);
    const idCard = decryptField(sealedFor, 'idCardNumber', event.sendingTransferId, member.idCardSealed);
    const phone = member.phoneSealed ? decryptField(sealedFor, 'phone', event.sendingTransferId, member.phoneSealed) : '';
    const named = letter.receivingOrganisationCode
      ? await tx.organisation.findFirst({ where: { code: letter.receivingOrganisationCode, status: 'active' }, select: { id: true, name: true } })
      : null;
    const row = await tx.transfer.create({
      data: {
        id,
        tenantId,
        direction: 'incoming',
        destination: 'other_tenant',
        state: 'letter_issued',
        approvalLevels: letter.approvalLevels,
        memberName: member.name,
        letterMember: {
          gender: member.gender,
          ethnicity: member.ethnicity,
          education: member.education,
          occupation: member.occupation,
          developmentStage: member.developmentStage,
          joinedOn: member.joinedOn,
          confirmedOn: member.confirmedOn,
          idCardMasked: member.idCardMasked,
          idCardCipher: encryptField(keys, 'idCardNumber', id, idCard),
          phoneCipher: phone ? encryptField(keys, 'phone', id, phone) : '',
          userId: member.userId,
        },
        idCardIndex: idCardIndexOf(keys, idCard),
        reason: letter.reason,
        sendingTenantId: event.sendingTenantId,
        sendingTenantName: letter.sendingTenantName,
        sendingOrganisationName: letter.sendingOrganisationName,
        receivingTenantId: tenantId,
        receivingTenantName: letter.receivingTenantName,
        receivingOrganisationId: named?.id ?? null,
        receivingOrganisationName: named?.name ?? letter.receivingOrganisationName,
        receivingOrganisationCode: letter.receivingOrganisationCode,
        peerTransferId: event.sendingTransferId,
        serialNumber: letter.serialNumber,
        issuedOn: dateColumn(letter.issuedOn),
        validUntil: dateColumn(letter.validUntil),
        duesPaidUpTo: letter.duesPaidUpTo,
        appliedBy: 'peer',
        appliedOn: dateColumn(letter.appliedOn),
      },
    });
    await this.recordAction(tx, row, 'letter_received', 'letter_issued', 'letter_issued', '', 'peer', event.actedOn);
  }

  private async message(tx: OrganisationTx, row: TransferRow): Promise<Transfer> {
    return (await this.messages(tx, [row]))[0]!;
  }

  /** Outgoing rows show the member's current facts, read in one query for the whole page. */
  private async messages(tx: OrganisationTx, rows: TransferRow[]): Promise<Transfer[]> {
    const memberIds = rows.filter((row) => row.direction === 'outgoing' && row.memberId).map((row) => row.memberId!);
    const members = new Map((memberIds.length ? await tx.member.findMany({ where: { id: { in: memberIds } } }) : []).map((m) => [m.id, m]));
    return rows.map((row) => toTransferMessage(row, row.direction === 'outgoing' && row.memberId ? members.get(row.memberId) : undefined));
  }

  private async requireVisible(tx: OrganisationTx, row: TransferRow): Promise<void> {
    const scope = await this.access.scopePaths(tx);
    if (!scope) return;
    const ids = [row.direction === 'outgoing' ? row.sendingOrganisationId : null, row.receivingOrganisationId].filter((id): id is string => Boolean(id));
    const paths = (await this.organisations.pathsOf(tx, ids)).map((p) => p.path);
    if (!paths.some((path) => scope.some((root) => path.startsWith(root)))) throw new ForbiddenError('outside your organisations');
  }

  private async lockedMember(tx: OrganisationTx, id: string): Promise<Member> {
    await tx.$queryRawUnsafe('select id from members where id = $1::uuid for update', id);
    const member = await tx.member.findUnique({ where: { id } });
    if (!member) throw new NotFoundError('member', id);
    return member;
  }

  private async nextSerial(tx: OrganisationTx, tenantId: string, today: string): Promise<string> {
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

  private async duesPaidUpTo(tx: OrganisationTx, memberId: string): Promise<string> {
    const [{ paidUpTo }] = await tx.$queryRawUnsafe<[{ paidUpTo: string }]>(DUES_PAID_UP_TO_SQL, memberId);
    return paidUpTo;
  }

  private recordAction(tx: OrganisationTx, row: TransferRow, action: string, fromState: string, toState: string, reason: string, actedBy: string, today: string) {
    return tx.transferAction.create({ data: { id: randomUUID(), tenantId: row.tenantId, transferId: row.id, action, fromState, toState, reason, actedBy, actedOn: dateColumn(today) } });
  }
}

const dayOf = (value: Date) => value.toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Whether a transfer needs chasing today, why, since when and by when (the due day). */
export function overdueOf(row: Pick<TransferRow, 'state' | 'direction' | 'appliedOn' | 'validUntil' | 'reportedInOn' | 'destination'>, today: string): { kind: string; since: string; dueOn: string } | undefined {
  if (row.direction === 'outgoing' && (row.state === 'applied' || row.state === 'first_approved')) {
    const since = dayOf(row.appliedOn);
    const dueOn = addDays(since, APPROVAL_CHASE_DAYS);
    return today >= dueOn ? { kind: 'approval_waiting', since, dueOn } : undefined;
  }
  if (row.state === 'letter_issued' && row.validUntil) {
    const dueOn = dayOf(row.validUntil);
    return today >= addDays(dueOn, -EXPIRY_WARNING_DAYS) ? { kind: 'letter_expiring', since: addDays(dueOn, -EXPIRY_WARNING_DAYS), dueOn } : undefined;
  }
  // The receipt is owed by the receiving side; on a transfer out of the platform the sender waits for paper.
  if (row.state === 'reported_in' && row.reportedInOn) {
    const since = dayOf(row.reportedInOn);
    const dueOn = addDays(since, RECEIPT_CHASE_DAYS);
    return today >= dueOn ? { kind: 'receipt_missing', since, dueOn } : undefined;
  }
  return undefined;
}
