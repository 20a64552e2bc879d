import {
  InvitationService,
  type AcceptInvitationRequest,
  type ActivateInvitationRequest,
  type CreateInvitationRequest,
  type ListInvitationsRequest,
  type PreviewInvitationRequest,
  type RevokeInvitationRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { InvitationsUseCases } from './invitations.use-cases.js';

/** One line per method; the use case does the work. */
@Controller()
export class InvitationsHandler implements RpcHandlers<typeof InvitationService> {
  constructor(@Inject(InvitationsUseCases) private readonly invitations: InvitationsUseCases) {}

  @RpcMethod(InvitationService.method.createInvitation)
  createInvitation(request: CreateInvitationRequest) {
    return this.invitations.create(request);
  }

  @RpcMethod(InvitationService.method.listInvitations)
  listInvitations(request: ListInvitationsRequest) {
    return this.invitations.list(request);
  }

  @RpcMethod(InvitationService.method.revokeInvitation)
  async revokeInvitation(request: RevokeInvitationRequest) {
    return { invitation: await this.invitations.revoke(request.id) };
  }

  @RpcMethod(InvitationService.method.previewInvitation)
  previewInvitation(request: PreviewInvitationRequest) {
    return this.invitations.preview(request.code);
  }

  @RpcMethod(InvitationService.method.activateInvitation)
  async activateInvitation(request: ActivateInvitationRequest) {
    const { userId, username, tenantSlug } = await this.invitations.activate(request);
    return { userId, username, tenantSlug };
  }

  @RpcMethod(InvitationService.method.acceptInvitation)
  async acceptInvitation(request: AcceptInvitationRequest) {
    const { tenantSlug, roles } = await this.invitations.accept(request.code);
    return { tenantSlug, roles };
  }
}
