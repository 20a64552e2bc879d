import { MemberService } from '@dangjian/contracts';
import type {
  CreateMemberRequest,
  GetMemberRequest,
  ListMemberChangesRequest,
  ListMembersRequest,
  RevealMemberPiiRequest,
  UpdateMemberRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MembersUseCases } from './members.use-cases.js';

/** Member records' RPCs. */
@Controller()
export class MembersHandler implements RpcHandlers<typeof MemberService> {
  constructor(@Inject(MembersUseCases) private readonly members: MembersUseCases) {}

  @RpcMethod(MemberService.method.listMembers)
  listMembers(request: ListMembersRequest) {
    return this.members.list(request);
  }

  @RpcMethod(MemberService.method.getMember)
  async getMember(request: GetMemberRequest) {
    return { member: await this.members.get(request.id) };
  }

  @RpcMethod(MemberService.method.createMember)
  async createMember(request: CreateMemberRequest) {
    return { member: await this.members.create(request) };
  }

  @RpcMethod(MemberService.method.updateMember)
  async updateMember(request: UpdateMemberRequest) {
    return { member: await this.members.update(request) };
  }

  @RpcMethod(MemberService.method.revealMemberPii)
  revealMemberPii(request: RevealMemberPiiRequest) {
    return this.members.unmask(request.id, request.reason);
  }

  @RpcMethod(MemberService.method.listMemberChanges)
  async listMemberChanges(request: ListMemberChangesRequest) {
    return { changes: await this.members.history(request.id) };
  }
}
