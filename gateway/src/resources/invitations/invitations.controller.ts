import { InvitationService, InvitationStatus, type Invitation } from '@dangjian/contracts';
import { RpcClient } from '@dangjian/kit';
import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, Public, TenantRoles } from '../../auth/access.decorators.js';
import { contentRange, filterOf, parseListQuery } from '../../http/list-query.js';
import { CONSOLE_SETTINGS, type ConsoleSettings } from '../console/console-config.controller.js';
import { checkOrganisationScope } from '../users/organisation-scope.js';
import {
  ActivateInvitationDto,
  CreateInvitationDto,
  CreatedInvitationView,
  INVITATION_STATUSES,
  InvitationCodeDto,
  InvitationView,
} from './invitation.dto.js';
import { IdParamPipe } from '../../http/id-param.pipe.js';

const STATUS_NAME: Record<InvitationStatus, string> = {
  [InvitationStatus.UNSPECIFIED]: 'pending',
  [InvitationStatus.PENDING]: 'pending',
  [InvitationStatus.ACCEPTED]: 'accepted',
  [InvitationStatus.REVOKED]: 'revoked',
  [InvitationStatus.EXPIRED]: 'expired',
};
const STATUS_OF_NAME: Record<(typeof INVITATION_STATUSES)[number], InvitationStatus> = {
  pending: InvitationStatus.PENDING,
  accepted: InvitationStatus.ACCEPTED,
  revoked: InvitationStatus.REVOKED,
  expired: InvitationStatus.EXPIRED,
};

function toView(invitation: Invitation): InvitationView {
  const {
    id,
    displayName,
    email,
    roles,
    organisationScope,
    expiresAt,
    createdAt,
    createdByUsername,
    acceptedByUserId,
    acceptedAt,
  } = invitation;
  return {
    id,
    displayName,
    email,
    roles,
    organisationScope,
    status: STATUS_NAME[invitation.status],
    expiresAt,
    createdAt,
    createdByUsername,
    acceptedByUserId,
    acceptedAt,
  };
}

/**
 * How a tenant adds a person (decision 0016): an admin invites and hands over a one-time code; the
 * person activates it (a new login) or accepts it while logged in (the login they have).
 */
@ApiTags('invitations')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(
    @Inject(RpcClient) private readonly rpc: RpcClient,
    @Inject(CONSOLE_SETTINGS) private readonly settings: ConsoleSettings,
  ) {}

  @Get()
  @TenantRoles(['tenant-admin'])
  @ApiOperation({ summary: 'The tenant’s invitations, newest first' })
  @ApiOkResponse({ type: [InvitationView] })
  @ApiQuery({ name: 'filter', required: false, example: '{"status":"pending"}' })
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InvitationView[]> {
    const { page, filter, offset } = parseListQuery(
      query,
      ['createdAt'],
      { status: filterOf.oneOf(INVITATION_STATUSES) },
      { sortField: 'createdAt' },
    );
    const result = await this.rpc.call(InvitationService.method.listInvitations, {
      page,
      ...(filter.status ? { status: STATUS_OF_NAME[filter.status] } : {}),
    });
    reply.header(
      'Content-Range',
      contentRange('invitations', offset, result.invitations.length, result.total),
    );
    return result.invitations.map(toView);
  }

  @Post()
  @HttpCode(201)
  @TenantRoles(['tenant-admin'])
  @ApiOperation({ summary: 'Invite a person: a one-time code and the activation link to hand over' })
  @ApiOkResponse({ type: CreatedInvitationView })
  async create(@Body() body: CreateInvitationDto): Promise<CreatedInvitationView> {
    await checkOrganisationScope(this.rpc, body.organisationScope);
    const { invitation, code } = await this.rpc.call(InvitationService.method.createInvitation, {
      displayName: body.displayName,
      email: body.email,
      roles: body.roles,
      organisationScope: body.organisationScope,
    });
    // The identity provider's invitation page (embedded); with Keycloak, a page of the deployment's own.
    return {
      ...toView(invitation!),
      code,
      activationUrl: `${this.settings.issuer}/invitation?code=${encodeURIComponent(code)}`,
    };
  }

  /** Revokes a pending invitation (its code stops working); others are returned as they are. */
  @Delete(':id')
  @TenantRoles(['tenant-admin'])
  @ApiOperation({ summary: 'Revoke a pending invitation (its code stops working)' })
  @ApiOkResponse({ type: InvitationView })
  async revoke(@Param('id', IdParamPipe) id: string): Promise<InvitationView> {
    return toView((await this.rpc.call(InvitationService.method.revokeInvitation, { id })).invitation!);
  }

  /** What the code holder is invited to (no login): the tenant, the name, the roles. */
  @Post('preview')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'What a code invites to: the tenant, the name, the roles (no login)' })
  async preview(@Body() body: InvitationCodeDto) {
    const { tenantName, displayName, roles, expiresAt } = await this.rpc.call(
      InvitationService.method.previewInvitation,
      { code: body.code },
    );
    return { tenantName, displayName, roles, expiresAt };
  }

  /** A person new to the platform creates their login with the code (no login yet). */
  @Post('activate')
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: 'Create a login with an invitation code (a person new to the platform)' })
  async activate(@Body() body: ActivateInvitationDto) {
    const { userId, username, tenantSlug } = await this.rpc.call(
      InvitationService.method.activateInvitation,
      {
        code: body.code,
        username: body.username,
        password: body.password,
        ...(body.displayName ? { displayName: body.displayName } : {}),
      },
    );
    return { userId, username, tenantSlug };
  }

  /** A person with a login joins the inviting tenant. */
  @Post('accept')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Join the inviting tenant with the login one has' })
  async accept(@Body() body: InvitationCodeDto) {
    const { tenantSlug, roles } = await this.rpc.call(InvitationService.method.acceptInvitation, {
      code: body.code,
    });
    return { tenantSlug, roles };
  }
}
