import { ErrorCode, IdentityService, OrganisationService, TRANSFER_STATES, TenantStatus, type Transfer } from '@dangjian/contracts';
import { currentContext, RemoteError, RpcClient, RuleViolatedError, ValidationError } from '@dangjian/kit';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { renderTransferLetter } from './letter-pdf.js';
import { ActOnTransferDto, CreateTransferDto } from './transfers.dto.js';

const transferView = (t: Transfer) => ({
  id: t.id,
  direction: t.direction,
  destination: t.destination,
  state: t.state,
  approvalLevels: t.approvalLevels,
  memberId: t.memberId || null,
  memberName: t.memberName,
  gender: t.gender,
  ethnicity: t.ethnicity,
  developmentStage: t.developmentStage,
  idCardMasked: t.idCardMasked,
  reason: t.reason,
  sendingTenantName: t.sendingTenantName,
  sendingOrganisationId: t.sendingOrganisationId || null,
  sendingOrganisationName: t.sendingOrganisationName,
  receivingTenantName: t.receivingTenantName,
  receivingOrganisationId: t.receivingOrganisationId || null,
  receivingOrganisationName: t.receivingOrganisationName,
  receivingOrganisationCode: t.receivingOrganisationCode,
  serialNumber: t.serialNumber || null,
  issuedOn: t.issuedOn || null,
  validUntil: t.validUntil || null,
  expiredOn: t.expiredOn || null,
  duesPaidUpTo: t.duesPaidUpTo || null,
  reportedInOn: t.reportedInOn || null,
  receiptReturnedOn: t.receiptReturnedOn || null,
  lastReason: t.lastReason,
  appliedOn: t.appliedOn,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

const ROLES = ['tenant-admin', 'secretary'] as const;

/** 组织关系转接 (rules.md §5): applications, approvals, the letter and its PDF, reporting in, receipts. */
@ApiTags('transfers')
@Controller('api/v1/transfers')
export class TransfersController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(ROLES, { module: 'organisation' })
  @ApiQuery({ name: 'filter', required: false, example: '{"direction":"incoming","state":["letter_issued"]}' })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { page, filter, offset } = parseListQuery(
      query,
      ['appliedOn', 'validUntil', 'state', 'memberName', 'updatedAt'],
      { direction: filterOf.oneOf(['outgoing', 'incoming'] as const), state: (value: unknown) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined), memberId: filterOf.uuid },
      { sortField: 'updatedAt' },
    );
    const states = (filter.state ?? []) as string[];
    if (!states.every((state) => (TRANSFER_STATES as readonly string[]).includes(state))) {
      throw new ValidationError([{ field: 'filter.state', description: `must be among ${TRANSFER_STATES.join(', ')}` }]);
    }
    const result = await this.rpc.call(OrganisationService.method.listTransfers, { page, direction: filter.direction ?? '', states, memberId: filter.memberId ?? '' });
    reply.header('Content-Range', contentRange('transfers', offset, result.transfers.length, result.total));
    return result.transfers.map(transferView);
  }

  @Get(':id')
  @TenantRoles(ROLES, { module: 'organisation' })
  async get(@Param('id') id: string) {
    const { transfer, actions } = await this.rpc.call(OrganisationService.method.getTransfer, { id });
    return { ...transferView(transfer!), actions: actions.map(({ id: actionId, action, fromState, toState, reason, actedBy, actedOn, createdAt }) => ({ id: actionId, action, fromState, toState, reason, actedBy, actedOn, createdAt })) };
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(ROLES, { module: 'organisation' })
  async create(@Body() body: CreateTransferDto) {
    const sending = await this.tenantBySlug(currentContext()!.tenant!.slug, 'tenant');
    const receiving = body.destination === 'other_tenant' ? await this.receivingTenant(body.receivingTenant!) : undefined;
    const { transfer } = await this.rpc.call(OrganisationService.method.createTransfer, {
      memberId: body.memberId,
      destination: body.destination,
      receivingOrganisationId: body.receivingOrganisationId ?? '',
      receivingTenantId: receiving?.id ?? '',
      receivingTenantName: receiving?.name ?? '',
      receivingOrganisationName: body.receivingOrganisationName ?? '',
      receivingOrganisationCode: body.receivingOrganisationCode ?? '',
      reason: body.reason,
      sendingTenantName: sending.name,
    });
    return transferView(transfer!);
  }

  @Post(':id/actions')
  @HttpCode(200)
  @TenantRoles(ROLES, { module: 'organisation' })
  async act(@Param('id') id: string, @Body() body: ActOnTransferDto) {
    const { transfer } = await this.rpc.call(OrganisationService.method.actOnTransfer, {
      id,
      action: body.action,
      reason: body.reason ?? '',
      ...(body.validityDays !== undefined ? { validityDays: body.validityDays } : {}),
      organisationId: body.organisationId ?? '',
    });
    return transferView(transfer!);
  }

  /**
   * The letter as a PDF in the three-part layout. The sending tenant's administrators print it with
   * the full ID-card number (an audited disclosure, like any unmasking); the receiving side's copy
   * shows it masked.
   */
  @Get(':id/letter')
  @TenantRoles(['tenant-admin'], { module: 'organisation' })
  async letter(@Param('id') id: string, @Res() reply: FastifyReply) {
    const { transfer } = await this.rpc.call(OrganisationService.method.getTransfer, { id });
    const t = transfer!;
    if (!t.serialNumber || !t.issuedOn) throw new RuleViolatedError('letter-not-issued', 'the letter is printed once it is issued');
    const idCardNumber = t.direction === 'outgoing' && t.memberId
      ? (await this.rpc.call(OrganisationService.method.revealMemberPii, { id: t.memberId, reason: `打印组织关系介绍信 ${t.serialNumber}` })).idCardNumber
      : t.idCardMasked;
    const pdf = await renderTransferLetter({
      serialNumber: t.serialNumber,
      memberName: t.memberName,
      gender: t.gender,
      ethnicity: t.ethnicity,
      developmentStage: t.developmentStage,
      idCardNumber,
      sendingOrganisationName: t.sendingOrganisationName,
      receivingOrganisationName: t.receivingOrganisationName,
      duesPaidUpTo: t.duesPaidUpTo,
      issuedOn: t.issuedOn,
      validUntil: t.validUntil,
      validityDays: Math.round((Date.parse(t.validUntil) - Date.parse(t.issuedOn)) / 86_400_000) + 1,
    });
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `attachment; filename="transfer-letter-${t.serialNumber}.pdf"`)
      .send(pdf);
  }

  private async receivingTenant(slug: string) {
    const tenant = await this.tenantBySlug(slug, 'receivingTenant');
    if (tenant.status !== TenantStatus.ACTIVE || !tenant.modules.includes('organisation')) {
      throw new RuleViolatedError('receiving-tenant', 'the receiving tenant does not take transfers on the platform; send a printed letter (outside_platform)', [{ field: 'receivingTenant', description: 'does not use the organisation module' }]);
    }
    return tenant;
  }

  private async tenantBySlug(slug: string, field: string) {
    try {
      return (await this.rpc.call(IdentityService.method.findTenantBySlug, { slug })).tenant!;
    } catch (error) {
      if (error instanceof RemoteError && error.code === ErrorCode.NOT_FOUND) throw new ValidationError([{ field, description: `no tenant ${slug} on the platform` }]);
      throw error;
    }
  }
}

/** What needs chasing: approvals waiting, letters near expiry, receipts not returned. */
@ApiTags('transfers')
@Controller('api/v1/transfer-overdue')
export class TransferOverdueController {
  constructor(@Inject(RpcClient) private readonly rpc: RpcClient) {}

  @Get()
  @TenantRoles(ROLES, { module: 'organisation' })
  async list(@Res({ passthrough: true }) reply: FastifyReply) {
    const { overdue } = await this.rpc.call(OrganisationService.method.listTransferOverdue, {});
    reply.header('Content-Range', contentRange('transfer-overdue', 0, overdue.length, overdue.length));
    return overdue.map((o) => ({ id: `${o.transfer!.id}:${o.kind}`, kind: o.kind, since: o.since, dueOn: o.dueOn, transfer: transferView(o.transfer!) }));
  }
}
