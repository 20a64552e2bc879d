import { memberChange, type ChangeReason } from '../members/member-changes.js';
import { create } from '@bufbuild/protobuf';
import {
  eventSubject,
  SortOrder,
  TRANSFER_DESTINATIONS,
  TRANSFER_REQUESTED_ACTIONS,
  GetTransferResponseSchema,
  MemberLoginTransferredSchema,
  TransferLetterMemberSchema,
  TransferOverdueSchema,
  TransferPeerEventSchema,
  TransferStepRecordedSchema,
  type ActOnTransferRequest,
  type ApplyForMyTransferRequest,
  type CreateTransferRequest,
  type GetTransferResponse,
  type ListTransfersRequest,
  type Transfer,
  type TransferOverdue,
  type TransferPeerEvent,
  type TransferAction as TransferActionMessage,
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
  fieldProblem,
  ruleProblem,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { Member, Transfer as TransferRow } from '../generated/prisma/client.js';
import { idCardIndexesOf, idCardIndexOf, memberRow, stageSinceOf } from '../members/member-record.js';
import type { TenantKeyRing } from '@dangjian/kit';
import { myMember } from '../member-space/my-member.js';
import { readSettings } from '../settings/organisation-settings.js';
import { OrganisationsRepository } from '../organisations/organisations.repository.js';
import { TransfersRepository } from './transfers.repository.js';
import { TreeAccess } from '../access/tree-access.js';
import { toTransferActionMessage, toTransferMessage } from './transfer-mapper.js';
import { moveTransfer, startGuard, type TransferAction, type TransferState } from './transfer-rules.js';

const includes = (list: readonly string[], value: string) => list.includes(value);
/** Transfers still under way: they block another application and a hand-added record elsewhere. */
export const OPEN_TRANSFER_STATES: TransferState[] = [
  'applied',
  'first_approved',
  'approved',
  'letter_issued',
  'expired',
];
/** Local practice (rules.md §5 gives no numbers): chase an approval after 15 days, a receipt after 30, a letter 15 days before it expires. */
export const APPROVAL_CHASE_DAYS = 15;
export const RECEIPT_CHASE_DAYS = 30;
export const EXPIRY_WARNING_DAYS = 15;

/** Away for less than this at a fixed place: a mobile member (流动党员), not a transfer (rules.md §5). */
export const MOBILE_MEMBER_MONTHS = 6;

/** Relationship transfers (组织关系转接, rules.md §5): applications, approvals, letters, reporting in, receipts. */
export class TransfersUseCases {
  private readonly access = new TreeAccess();
  private readonly organisations = new OrganisationsRepository();
  private readonly transfers = new TransfersRepository();

  constructor(
    private readonly db: OrganisationDatabase,
    private readonly keyRing: TenantKeyRing,
    private readonly masterKeys: Buffer[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(request: CreateTransferRequest): Promise<Transfer> {
    requireRole('tenant-admin', 'secretary');
    return this.open(request, false);
  }

  /**
   * A member applies for their own transfer (issue 15): the same application as a secretary's, for
   * the caller's own record; the secretary approves it as today.
   */
  async applyForMine(request: ApplyForMyTransferRequest): Promise<Transfer> {
    requirePrincipal();
    return this.open({ ...request, memberId: '' }, true);
  }

  /** My transfers, newest first, each with its steps so far. */
  async listMine(): Promise<{ transfers: { transfer: Transfer; actions: TransferActionMessage[] }[] }> {
    return this.db.database.inRequestTenant(async (tx) => {
      await this.transfers.expireByClock(tx, chinaToday(this.now()));
      const { member } = await myMember(tx);
      const rows = await tx.transfer.findMany({
        where: { memberId: member.id, direction: 'outgoing' },
        orderBy: { createdAt: 'desc' },
        take: 20,
        include: { actions: { orderBy: { createdAt: 'asc' } } },
      });
      return {
        transfers: await Promise.all(
          rows.map(async (row) => ({
            transfer: await this.message(tx, row),
            actions: row.actions.map(toTransferActionMessage),
          })),
        ),
      };
    });
  }

  private async open(request: Omit<CreateTransferRequest, '$typeName'>, mine: boolean): Promise<Transfer> {
    const principal = requirePrincipal();
    const { destination } = request;
    const receivingOrganisationId = request.receivingOrganisationId ?? '';
    const receivingOrganisationName = (request.receivingOrganisationName ?? '').trim();
    const receivingOrganisationCode = (request.receivingOrganisationCode ?? '').trim();
    new Validator()
      .check(mine || isUuid(request.memberId), 'memberId', 'not_an_id')
      .check(includes(TRANSFER_DESTINATIONS, destination), 'destination', 'not_one_of', {
        allowed: TRANSFER_DESTINATIONS.join(', '),
      })
      .check(request.reason.trim().length > 0 && request.reason.length <= 200, 'reason', 'length_between', {
        min: 1,
        max: 200,
      })
      .check(
        destination !== 'within_tenant' || isUuid(receivingOrganisationId),
        'receivingOrganisationId',
        'not_an_id',
      )
      .check(
        destination !== 'other_tenant' || isUuid(request.receivingTenantId ?? ''),
        'receivingTenant',
        'unknown_tenant',
      )
      .check(
        destination === 'within_tenant' ||
          (receivingOrganisationName.length > 0 && receivingOrganisationName.length <= 100),
        'receivingOrganisationName',
        'length_between',
        { min: 1, max: 100 },
      )
      .check(
        request.awayMonths === undefined || (Number.isInteger(request.awayMonths) && request.awayMonths >= 1),
        'awayMonths',
        'number_between',
        { min: 1, max: 120 },
      )
      .check(receivingOrganisationCode.length <= 40, 'receivingOrganisationCode', 'too_long', {
        max: 40,
      })
      .throwIfInvalid();
    // rules.md §5: a transfer when the work unit changes or for 6 months or more away at a fixed place.
    if (request.awayMonths !== undefined && request.awayMonths < MOBILE_MEMBER_MONTHS)
      throw new RuleViolatedError(
        'transfer-short-absence',
        `an absence of less than ${MOBILE_MEMBER_MONTHS} months makes a mobile member, not a transfer`,
        [ruleProblem('awayMonths', 'transfer-short-absence', { months: MOBILE_MEMBER_MONTHS })],
        { months: MOBILE_MEMBER_MONTHS },
      );
    const tenantId = requireTenant();
    if (destination === 'other_tenant' && request.receivingTenantId === tenantId) {
      throw new RuleViolatedError(
        'transfer-other-tenant',
        'a transfer inside this tenant is a within_tenant transfer',
        [fieldProblem('receivingTenant', 'same_tenant')],
      );
    }
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      // The member row is locked so two applications for one member cannot both pass the guard.
      const member = await this.lockedMember(tx, mine ? (await myMember(tx)).member.id : request.memberId);
      const sending = (await this.organisations.findById(tx, member.organisationId))!;
      // A secretary applies within their organisations; a member for themselves only.
      if (!mine) await this.access.requireWithin(tx, sending.path);
      const open = await this.transfers.openOutgoing(tx, member.id, OPEN_TRANSFER_STATES);
      const refused = startGuard({ status: member.status, hasOpenTransfer: Boolean(open) });
      if (refused)
        throw new RuleViolatedError(refused.rule, refused.message, [
          ruleProblem('memberId', refused.rule, undefined, refused.message),
        ]);
      let receiving: { id: string; name: string } | undefined;
      if (destination === 'within_tenant') {
        const organisation = await this.organisations.findById(tx, receivingOrganisationId);
        if (!organisation) throw new NotFoundError('organisation', receivingOrganisationId);
        if (organisation.status !== 'active')
          throw new RuleViolatedError(
            'organisation-dissolved',
            'members are not transferred to a dissolved organisation',
            [fieldProblem('receivingOrganisationId', 'organisation_dissolved')],
          );
        if (organisation.id === member.organisationId)
          throw new RuleViolatedError(
            'transfer-same-organisation',
            'the member already belongs to this organisation',
            [fieldProblem('receivingOrganisationId', 'own_organisation')],
          );
        receiving = organisation;
      }
      const settings = await readSettings(tx, tenantId);
      const row = await this.transfers.create(tx, {
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
        receivingTenantId:
          destination === 'other_tenant'
            ? request.receivingTenantId
            : destination === 'within_tenant'
              ? tenantId
              : null,
        receivingTenantName:
          destination === 'other_tenant'
            ? (request.receivingTenantName ?? '')
            : destination === 'within_tenant'
              ? request.sendingTenantName
              : '',
        receivingOrganisationId: receiving?.id ?? null,
        receivingOrganisationName: receiving?.name ?? receivingOrganisationName,
        receivingOrganisationCode,
        appliedBy: principal.userId,
        appliedOn: dateColumn(today),
      });
      await this.recordAction(tx, row, 'apply', 'applied', 'applied', row.reason, principal.userId, today);
      return toTransferMessage(row, member);
    });
  }

  async act(request: ActOnTransferRequest): Promise<Transfer> {
    const principal = requireRole('tenant-admin', 'secretary');
    const reason = (request.reason ?? '').trim();
    new Validator()
      .check(isUuid(request.id), 'id', 'not_an_id')
      .check(includes(TRANSFER_REQUESTED_ACTIONS, request.action), 'action', 'not_one_of', {
        allowed: TRANSFER_REQUESTED_ACTIONS.join(', '),
      })
      .check(reason.length <= 500, 'reason', 'too_long', { max: 500 })
      .check(
        request.validityDays === undefined || Number.isInteger(request.validityDays),
        'validityDays',
        'not_an_integer',
      )
      .check(!request.organisationId || isUuid(request.organisationId), 'organisationId', 'not_an_id')
      .throwIfInvalid();
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    const action = request.action as TransferAction;
    return this.db.database.inTenant(tenantId, async (tx) => {
      await this.transfers.expireByClock(tx, today);
      const row = await this.transfers.findLocked(tx, request.id);
      if (!row) throw new NotFoundError('transfer', request.id);
      await this.authorise(tx, row, action, request);
      if (
        action === 'approve' &&
        row.state === 'first_approved' &&
        row.firstApprovedBy === principal.userId
      ) {
        throw new RuleViolatedError(
          'second-approver',
          'the second approval comes from someone other than the first approver',
        );
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
        {
          action,
          today,
          reason: request.reason,
          validityDays: request.validityDays ?? settings.letterValidityDays,
        },
      );
      if (!outcome.ok) {
        const field = ['send-back-reason', 'void-reason', 'reissue-reason'].includes(outcome.rule)
          ? 'reason'
          : outcome.rule === 'letter-validity'
            ? 'validityDays'
            : 'action';
        throw new RuleViolatedError(
          outcome.rule,
          outcome.message,
          [ruleProblem(field, outcome.rule, outcome.params, outcome.message)],
          outcome.params,
        );
      }
      const changes: Parameters<OrganisationTx['transfer']['update']>[0]['data'] = {
        state: outcome.state,
        updatedAt: new Date(),
      };
      if (reason) changes.lastReason = reason;
      if (action === 'approve' && outcome.state === 'first_approved')
        changes.firstApprovedBy = principal.userId;
      if (action === 'issue_letter' || action === 'reissue') {
        Object.assign(changes, {
          serialNumber: await this.transfers.nextSerial(tx, tenantId, today),
          issuedOn: dateColumn(today),
          validUntil: dateColumn(outcome.validUntil!),
          expiredOn: null,
          duesPaidUpTo: row.memberId ? await this.transfers.duesPaidUpTo(tx, row.memberId) : '',
        });
      }
      if (action === 'report_in') Object.assign(changes, { reportedInOn: dateColumn(today) });
      if (action === 'return_receipt') Object.assign(changes, { receiptReturnedOn: dateColumn(today) });
      let updated = await this.transfers.update(tx, row.id, changes);
      updated = await this.applyToMember(tx, updated, action, request, principal.userId);
      await this.recordAction(tx, updated, action, row.state, outcome.state, reason, principal.userId, today);
      if (updated.destination === 'other_tenant') await this.tellPeer(tx, updated, action, reason, today);
      return this.message(tx, updated);
    });
  }

  async get(id: string): Promise<GetTransferResponse> {
    requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      await this.transfers.expireByClock(tx, chinaToday(this.now()));
      const row = isUuid(id) ? await this.transfers.findWithActions(tx, id) : null;
      if (!row) throw new NotFoundError('transfer', id);
      await this.requireVisible(tx, row);
      return create(GetTransferResponseSchema, {
        transfer: await this.message(tx, row),
        actions: row.actions.map(toTransferActionMessage),
      });
    });
  }

  async list(request: ListTransfersRequest): Promise<{ transfers: Transfer[]; total: number }> {
    // The filter was validated at the edge; who sees which transfers is the scope below.
    requireRole('tenant-admin', 'secretary');
    const { skip, take } = pageWindow(request.page);
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      await this.transfers.expireByClock(tx, chinaToday(this.now()));
      const scope = await this.access.scopePaths(tx);
      const { rows, total } = await this.transfers.page(
        tx,
        { scope, direction: request.direction, states: request.states, memberId: request.memberId },
        {
          field: request.page?.sortField ?? 'updatedAt',
          descending: request.page?.sortOrder !== SortOrder.ASC,
          skip,
          take,
        },
      );
      return { transfers: await this.messages(tx, rows), total };
    });
  }

  /** What needs chasing, oldest first: approvals waiting, letters about to expire, receipts not returned. */
  async overdue(): Promise<TransferOverdue[]> {
    requireRole('tenant-admin', 'secretary');
    const tenantId = requireTenant();
    const today = chinaToday(this.now());
    return this.db.database.inTenant(tenantId, async (tx) => {
      await this.transfers.expireByClock(tx, today);
      const scope = await this.access.scopePaths(tx);
      const rows = await this.transfers.all(tx, {
        scope,
        states: ['applied', 'first_approved', 'letter_issued', 'reported_in'],
      });
      const chased = rows.flatMap((row) => {
        const chase = overdueOf(row, today);
        return chase ? [{ row, chase }] : [];
      });
      const messages = await this.messages(
        tx,
        chased.map(({ row }) => row),
      );
      return chased
        .map(({ chase }, index) => create(TransferOverdueSchema, { transfer: messages[index]!, ...chase }))
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
    });
  }

  /** Who may do what (rules.md §5): the sending side runs the application and the letter; the receiving side takes the member in. */
  private async authorise(
    tx: OrganisationTx,
    row: TransferRow,
    action: TransferAction,
    request: ActOnTransferRequest,
  ): Promise<void> {
    const principal = requirePrincipal();
    const admin = principal.platformOperator || principal.roles.includes('tenant-admin');
    const requireAdmin = (what: string) => {
      if (!admin)
        throw new ForbiddenError(
          `${what} is for the tenant administrators (the committee that keeps the letters)`,
        );
    };
    const receivingSide =
      action === 'report_in' ||
      action === 'return_receipt' ||
      (action === 'send_back' && (row.state === 'letter_issued' || row.direction === 'incoming'));
    if (row.direction === 'incoming') {
      if (!receivingSide)
        throw new RuleViolatedError(
          'transfer-peer-action',
          `the sending tenant does "${action}"; this tenant takes the member in, sends the letter back, or returns the receipt`,
          [fieldProblem('action', 'sending_side_only')],
        );
      const organisationId = request.organisationId || row.receivingOrganisationId;
      if (!organisationId) {
        requireAdmin('taking in a transfer that names no organisation here');
        if (action === 'report_in')
          throw new RuleViolatedError('receiving-organisation', 'say which organisation the member joins', [
            fieldProblem('organisationId', 'required'),
          ]);
        return;
      }
      await this.requireReceivingOrganisation(tx, organisationId, row);
      return;
    }
    if (receivingSide) {
      if (row.destination === 'other_tenant')
        throw new RuleViolatedError(
          'transfer-peer-action',
          'the receiving tenant takes the member in, sends the letter back and returns the receipt',
          [fieldProblem('action', 'receiving_side_only')],
        );
      if (row.destination === 'outside_platform')
        return requireAdmin('recording what an organisation outside the platform did');
      const receiving = (await this.organisations.findById(tx, row.receivingOrganisationId!))!;
      await this.access.requireWithin(tx, receiving.path);
      return;
    }
    if (action === 'issue_letter' || action === 'void' || action === 'reissue')
      requireAdmin(`${action.replace('_', ' ')}`);
    const sending = await this.organisations.findById(tx, row.sendingOrganisationId!);
    await this.access.requireWithin(tx, sending!.path);
  }

  private async requireReceivingOrganisation(tx: OrganisationTx, organisationId: string, row: TransferRow) {
    const organisation = await this.organisations.findById(tx, organisationId);
    if (!organisation) throw new NotFoundError('organisation', organisationId);
    if (organisation.status !== 'active')
      throw new RuleViolatedError(
        'organisation-dissolved',
        'members are not taken into a dissolved organisation',
        [fieldProblem('organisationId', 'organisation_dissolved')],
      );
    await this.access.requireWithin(tx, organisation.path);
    if (row.receivingOrganisationId !== organisation.id) {
      await this.transfers.update(tx, row.id, {
        receivingOrganisationId: organisation.id,
        receivingOrganisationName: organisation.name,
      });
      row.receivingOrganisationId = organisation.id;
    }
  }

  /** What a move does to the member record: marked in transfer, back, moved, or gone with the letter. */
  private async applyToMember(
    tx: OrganisationTx,
    row: TransferRow,
    action: TransferAction,
    request: ActOnTransferRequest,
    userId: string,
  ): Promise<TransferRow> {
    const note = (
      memberId: string,
      reasonCode: ChangeReason,
      params: Record<string, string>,
      fields: string[],
    ) =>
      tx.memberChange.create({
        data: memberChange({
          tenantId: row.tenantId,
          memberId,
          changedBy: userId,
          reasonCode,
          params: { ...params, letter },
          fields,
        }),
      });
    const letter = row.serialNumber ? `介绍信 ${row.serialNumber}` : '';
    if (row.direction === 'incoming') {
      if (action !== 'report_in') return row;
      const memberId = await this.admitFromLetter(
        tx,
        row,
        request.organisationId || row.receivingOrganisationId!,
      );
      await note(
        memberId,
        'transferred_in',
        { from: `${row.sendingTenantName} ${row.sendingOrganisationName}` },
        ['*'],
      );
      return this.transfers.update(tx, row.id, { memberId });
    }
    const memberId = row.memberId!;
    const setStatus = (status: string, extra: Record<string, unknown> = {}) =>
      tx.member.update({ where: { id: memberId }, data: { status, updatedAt: new Date(), ...extra } });
    if (action === 'issue_letter') {
      await setStatus('in_transfer');
      await note(memberId, 'in_transfer', { to: row.receivingOrganisationName ?? '' }, ['status']);
    } else if (action === 'send_back' || action === 'void') {
      const member = await tx.member.findUniqueOrThrow({ where: { id: memberId } });
      if (member.status === 'in_transfer') {
        await setStatus('active');
        await note(
          memberId,
          action === 'void' ? 'transfer_voided' : 'transfer_sent_back',
          { reason: (request.reason ?? '').trim() },
          ['status'],
        );
      }
    } else if (action === 'report_in') {
      if (row.destination === 'within_tenant') {
        await setStatus('active', { organisationId: row.receivingOrganisationId });
        await note(
          memberId,
          'transferred',
          { from: row.sendingOrganisationName ?? '', to: row.receivingOrganisationName ?? '' },
          ['organisationId', 'status'],
        );
      } else {
        await setStatus('transferred_out');
        await note(memberId, 'reported_in', { at: row.receivingOrganisationName ?? '' }, ['status']);
      }
    }
    return row;
  }

  /** The receiving tenant's member record, made from the letter alone. */
  private async admitFromLetter(
    tx: OrganisationTx,
    row: TransferRow,
    organisationId: string,
  ): Promise<string> {
    const letter = row.letterMember as Record<string, string>;
    const keys = await this.keyRing.keysFor(tx, row.tenantId);
    const id = randomUUID();
    const idCard = decryptField(keys, 'idCardNumber', row.id, letter['idCardCipher']!);
    const phone = letter['phoneCipher'] ? decryptField(keys, 'phone', row.id, letter['phoneCipher']) : '';
    // The record the letter carried (issue 14): the receiver's rules see the same history.
    const record: Partial<DevelopmentRecord> = letter['developmentCipher']
      ? JSON.parse(decryptField(keys, 'development', row.id, letter['developmentCipher']))
      : {};
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
      stageSince: record.stageSince ?? '',
      mobile: record.mobile ?? false,
      userId: letter['userId'] ?? '',
    };
    // The number itself, not the letter's stored index: during a key rotation the two may differ in age.
    const indexes = idCardIndexesOf(keys, idCard);
    if (await tx.member.findFirst({ where: { idCardIndex: { in: indexes } }, select: { id: true } })) {
      throw new RuleViolatedError(
        'member-on-record',
        'a member with this ID-card number is already on record in this tenant',
        [fieldProblem('id', 'member_already_here')],
      );
    }
    await tx.member.create({
      data: {
        ...memberRow(keys, row.tenantId, id, input, stageSinceOf(input, chinaToday(this.now()))),
        status: 'active',
        probationExtensionMonths: record.probationExtensionMonths ?? 0,
        talkedOn: record.talkedOn ? dateColumn(record.talkedOn) : null,
        reviewedOn: record.reviewedOn ? dateColumn(record.reviewedOn) : null,
        oathTakenOn: record.oathTakenOn ? dateColumn(record.oathTakenOn) : null,
      } as never,
    });
    // The last thought report's date travels (its text stays with the sending organisation), so the
    // cadence is counted from it rather than from the day of arrival.
    if (record.lastThoughtReportOn)
      await tx.thoughtReport.create({
        data: {
          id: randomUUID(),
          tenantId: row.tenantId,
          memberId: id,
          submittedOn: dateColumn(record.lastThoughtReportOn),
          title: '转入前最近一次思想汇报',
          content: `随组织关系转入：${row.sendingTenantName} ${row.sendingOrganisationName} 记录的最近一次思想汇报。`,
          recordedBy: 'transfer',
        },
      });
    // A member who has a login keeps it: the identity service moves its member role to this tenant.
    if (input.userId) {
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'member', 'login_transferred'),
        schema: MemberLoginTransferredSchema,
        message: create(MemberLoginTransferredSchema, {
          userId: input.userId,
          receivingTenantId: row.tenantId,
          sendingTenantId: row.sendingTenantId,
          memberId: id,
          transferId: row.id,
        }),
        tenantId: row.tenantId,
      });
    }
    return id;
  }

  /** Tells the other tenant what this side did; the event's addressee changes its own row. */
  private async tellPeer(
    tx: OrganisationTx,
    row: TransferRow,
    action: TransferAction,
    reason: string,
    today: string,
  ): Promise<void> {
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
      const sealFor = letterKeys(this.masterKeys[0]!, row.receivingTenantId!);
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
        idCardSealed: encryptField(
          sealFor,
          'idCardNumber',
          row.id,
          decryptField(keys, 'idCardNumber', member.id, member.idCardCipher),
        ),
        phoneSealed: member.phoneCipher
          ? encryptField(sealFor, 'phone', row.id, decryptField(keys, 'phone', member.id, member.phoneCipher))
          : '',
        userId: member.userId ?? '',
        idCardMasked: member.idCardMasked,
        developmentSealed: encryptField(
          sealFor,
          'development',
          row.id,
          JSON.stringify(await developmentRecordOf(tx, member)),
        ),
      });
    }
    await writeOutboxEvent(tx, {
      subject: eventSubject('organisation', 'transfer', action),
      schema: TransferPeerEventSchema,
      message: event,
      tenantId: row.tenantId,
    });
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
      if (await this.transfers.findByPeer(tx, event.sendingTransferId)) return;
      await this.receiveLetter(tx, tenantId, event);
      return;
    }
    const toSender = ['report_in', 'return_receipt', 'send_back'].includes(event.action);
    const row = toSender
      ? await this.transfers.findById(tx, event.sendingTransferId)
      : await this.transfers.findByPeer(tx, event.sendingTransferId);
    if (!row) throw new Error(`transfer ${event.sendingTransferId} is not known in tenant ${tenantId}`);
    const action = event.action as TransferAction;
    const validUntil = row.validUntil ? dayOf(row.validUntil) : undefined;
    // A member who reported in on the letter's last day is in, even if the clock expired this side's copy since.
    const state =
      row.state === 'expired' && action === 'report_in' && validUntil && event.actedOn <= validUntil
        ? 'letter_issued'
        : (row.state as TransferState);
    const outcome = moveTransfer(
      {
        state,
        approvalLevels: row.approvalLevels === 2 ? 2 : 1,
        ...(validUntil ? { validUntil } : {}),
        ...(row.expiredOn ? { expiredOn: dayOf(row.expiredOn) } : {}),
      },
      {
        action,
        today: event.actedOn,
        reason: event.reason,
        ...(action === 'reissue' ? { validityDays: daysBetween(event.actedOn, event.validUntil) + 1 } : {}),
      },
    );
    if (!outcome.ok) {
      await this.recordAction(
        tx,
        row,
        `${action}_refused`,
        row.state,
        row.state,
        `${outcome.rule}: ${outcome.message}`,
        actor,
        event.actedOn,
      );
      return;
    }
    const changes: Record<string, unknown> = { state: outcome.state, updatedAt: new Date() };
    if (event.reason) changes['lastReason'] = event.reason;
    if (action === 'report_in') changes['reportedInOn'] = dateColumn(event.actedOn);
    if (action === 'return_receipt') changes['receiptReturnedOn'] = dateColumn(event.actedOn);
    if (action === 'reissue')
      Object.assign(changes, {
        issuedOn: dateColumn(event.actedOn),
        validUntil: dateColumn(event.validUntil),
        expiredOn: null,
        serialNumber: event.letter?.serialNumber ?? row.serialNumber,
      });
    const updated = await this.transfers.update(tx, row.id, changes);
    await this.applyToMember(
      tx,
      updated,
      action,
      { reason: event.reason } as ActOnTransferRequest,
      `transfer:${row.serialNumber ?? row.id}`,
    );
    await this.recordAction(
      tx,
      updated,
      action,
      row.state,
      outcome.state,
      event.reason,
      actor,
      event.actedOn,
    );
  }

  /** The incoming row: the letter's facts, personal numbers opened from the bus seal and sealed again under this tenant's keys. */
  private async receiveLetter(tx: OrganisationTx, tenantId: string, event: TransferPeerEvent): Promise<void> {
    const letter = event.letter!;
    const member = event.member!;
    if (!letter.issuedOn || !letter.validUntil) throw new Error('a transfer letter event without its dates');
    const id = randomUUID();
    const sealedFor = letterKeys(this.masterKeys, tenantId);
    const keys = await this.keyRing.keysFor(tx, tenantId);
    const idCard = decryptField(sealedFor, 'idCardNumber', event.sendingTransferId, member.idCardSealed);
    const phone = member.phoneSealed
      ? decryptField(sealedFor, 'phone', event.sendingTransferId, member.phoneSealed)
      : '';
    const named = letter.receivingOrganisationCode
      ? await tx.organisation.findFirst({
          where: { code: letter.receivingOrganisationCode, status: 'active' },
          select: { id: true, name: true },
        })
      : null;
    const row = await this.transfers.create(tx, {
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
        // The development record, opened from the bus seal and sealed again under this tenant's keys.
        developmentCipher: member.developmentSealed
          ? encryptField(
              keys,
              'development',
              id,
              decryptField(sealedFor, 'development', event.sendingTransferId, member.developmentSealed),
            )
          : '',
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
    });
    await this.recordAction(
      tx,
      row,
      'letter_received',
      'letter_issued',
      'letter_issued',
      '',
      'peer',
      event.actedOn,
    );
  }

  private async message(tx: OrganisationTx, row: TransferRow): Promise<Transfer> {
    return (await this.messages(tx, [row]))[0]!;
  }

  /** Outgoing rows show the member's current facts, read in one query for the whole page. */
  private async messages(tx: OrganisationTx, rows: TransferRow[]): Promise<Transfer[]> {
    const memberIds = rows
      .filter((row) => row.direction === 'outgoing' && row.memberId)
      .map((row) => row.memberId!);
    const members = new Map(
      (memberIds.length ? await tx.member.findMany({ where: { id: { in: memberIds } } }) : []).map((m) => [
        m.id,
        m,
      ]),
    );
    return rows.map((row) =>
      toTransferMessage(
        row,
        row.direction === 'outgoing' && row.memberId ? members.get(row.memberId) : undefined,
      ),
    );
  }

  private async requireVisible(tx: OrganisationTx, row: TransferRow): Promise<void> {
    const scope = await this.access.scopePaths(tx);
    if (!scope) return;
    const ids = [
      row.direction === 'outgoing' ? row.sendingOrganisationId : null,
      row.receivingOrganisationId,
    ].filter((id): id is string => Boolean(id));
    const paths = (await this.organisations.pathsOf(tx, ids)).map((p) => p.path);
    if (!paths.some((path) => scope.some((root) => path.startsWith(root))))
      throw new ForbiddenError('outside your organisations');
  }

  private async lockedMember(tx: OrganisationTx, id: string): Promise<Member> {
    await tx.$queryRawUnsafe('select id from members where id = $1::uuid for update', id);
    const member = await tx.member.findUnique({ where: { id } });
    if (!member) throw new NotFoundError('member', id);
    return member;
  }

  /** A step on record; the member with a login here is told of it (issue 15). */
  private async recordAction(
    tx: OrganisationTx,
    row: TransferRow,
    action: string,
    fromState: string,
    toState: string,
    reason: string,
    actedBy: string,
    today: string,
  ) {
    const recorded = await this.transfers.recordAction(tx, row, {
      action,
      fromState,
      toState,
      reason,
      actedBy,
      actedOn: today,
    });
    const member = row.memberId
      ? await tx.member.findUnique({ where: { id: row.memberId }, select: { userId: true } })
      : null;
    if (member?.userId) {
      const current = await tx.transfer.findUnique({ where: { id: row.id }, select: { validUntil: true } });
      await writeOutboxEvent(tx, {
        subject: eventSubject('organisation', 'transfer_step', 'recorded'),
        schema: TransferStepRecordedSchema,
        message: create(TransferStepRecordedSchema, {
          transferId: row.id,
          memberUserId: member.userId,
          action,
          state: toState,
          receivingOrganisationName: row.receivingOrganisationName,
          ...(current?.validUntil ? { validUntil: dayOf(current.validUntil) } : {}),
        }),
        tenantId: row.tenantId,
      });
    }
    return recorded;
  }
}

const dayOf = (value: Date) => value.toISOString().slice(0, 10);

/** What a letter carries of a member's development (issue 14): every fact a rule of rules.md §3 reads. */
export interface DevelopmentRecord {
  stageSince: string;
  probationExtensionMonths: number;
  talkedOn?: string;
  reviewedOn?: string;
  oathTakenOn?: string;
  mobile: boolean;
  lastThoughtReportOn?: string;
  trainingHours: number;
  trainingDays: number;
  sponsors: string[];
  introducers: string[];
}

async function developmentRecordOf(tx: OrganisationTx, member: Member): Promise<DevelopmentRecord> {
  const [lastReport] = await tx.thoughtReport.findMany({
    where: { memberId: member.id },
    orderBy: { submittedOn: 'desc' },
    take: 1,
  });
  const steps = await tx.developmentStep.findMany({ where: { memberId: member.id } });
  const ids = [...new Set(steps.flatMap((step) => [...step.sponsorIds, ...step.introducerIds]))];
  const names = new Map(
    (ids.length
      ? await tx.member.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
      : []
    ).map((m) => [m.id, m.name]),
  );
  const named = (list: string[]) => [...new Set(list.map((id) => names.get(id) ?? ''))].filter(Boolean);
  return {
    stageSince: dayOf(member.stageSince),
    probationExtensionMonths: member.probationExtensionMonths,
    ...(member.talkedOn ? { talkedOn: dayOf(member.talkedOn) } : {}),
    ...(member.reviewedOn ? { reviewedOn: dayOf(member.reviewedOn) } : {}),
    ...(member.oathTakenOn ? { oathTakenOn: dayOf(member.oathTakenOn) } : {}),
    mobile: member.mobile,
    ...(lastReport ? { lastThoughtReportOn: dayOf(lastReport.submittedOn) } : {}),
    trainingHours: steps.reduce((sum, step) => sum + step.trainingHours, 0),
    trainingDays: steps.reduce((sum, step) => sum + step.trainingDays, 0),
    sponsors: named(steps.flatMap((step) => step.sponsorIds)),
    introducers: named(steps.flatMap((step) => step.introducerIds)),
  };
}
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Whether a transfer needs chasing today, why, since when and by when (the due day). */
export function overdueOf(
  row: Pick<TransferRow, 'state' | 'direction' | 'appliedOn' | 'validUntil' | 'reportedInOn' | 'destination'>,
  today: string,
): { kind: string; since: string; dueOn: string } | undefined {
  if (row.direction === 'outgoing' && (row.state === 'applied' || row.state === 'first_approved')) {
    const since = dayOf(row.appliedOn);
    const dueOn = addDays(since, APPROVAL_CHASE_DAYS);
    return today >= dueOn ? { kind: 'approval_waiting', since, dueOn } : undefined;
  }
  if (row.state === 'letter_issued' && row.validUntil) {
    const dueOn = dayOf(row.validUntil);
    return today >= addDays(dueOn, -EXPIRY_WARNING_DAYS)
      ? { kind: 'letter_expiring', since: addDays(dueOn, -EXPIRY_WARNING_DAYS), dueOn }
      : undefined;
  }
  // The receipt is owed by the receiving side; on a transfer out of the platform the sender waits for paper.
  if (row.state === 'reported_in' && row.reportedInOn) {
    const since = dayOf(row.reportedInOn);
    const dueOn = addDays(since, RECEIPT_CHASE_DAYS);
    return today >= dueOn ? { kind: 'receipt_missing', since, dueOn } : undefined;
  }
  return undefined;
}
