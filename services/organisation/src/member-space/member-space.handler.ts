import { MemberSpaceService } from '@dangjian/contracts';
import type {
  ListMyTransferDestinationsRequest,
  GetMyMeetingRequest,
  GetMyReportAttachmentRequest,
  ListMyMeetingsRequest,
  ListMyThoughtReportsRequest,
  RequestMyLeaveRequest,
  SubmitMyThoughtReportRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MemberSpaceUseCases } from './member-space.use-cases.js';

/** The member's own space's RPCs (党员e家). */
@Controller()
export class MemberSpaceHandler implements RpcHandlers<typeof MemberSpaceService> {
  constructor(@Inject(MemberSpaceUseCases) private readonly space: MemberSpaceUseCases) {}

  @RpcMethod(MemberSpaceService.method.getMyHome)
  getMyHome() {
    return this.space.home();
  }

  @RpcMethod(MemberSpaceService.method.getMyRecord)
  async getMyRecord() {
    return { record: await this.space.record() };
  }

  @RpcMethod(MemberSpaceService.method.revealMyPii)
  revealMyPii() {
    return this.space.revealPii();
  }

  @RpcMethod(MemberSpaceService.method.listMyMeetings)
  listMyMeetings(request: ListMyMeetingsRequest) {
    return this.space.listMeetings(request);
  }

  @RpcMethod(MemberSpaceService.method.getMyMeeting)
  async getMyMeeting(request: GetMyMeetingRequest) {
    return { meeting: await this.space.getMeeting(request.id) };
  }

  @RpcMethod(MemberSpaceService.method.requestMyLeave)
  async requestMyLeave(request: RequestMyLeaveRequest) {
    return { meeting: await this.space.requestLeave(request) };
  }

  @RpcMethod(MemberSpaceService.method.listMyThoughtReports)
  listMyThoughtReports(request: ListMyThoughtReportsRequest) {
    return this.space.listThoughtReports(request);
  }

  @RpcMethod(MemberSpaceService.method.submitMyThoughtReport)
  async submitMyThoughtReport(request: SubmitMyThoughtReportRequest) {
    return { thoughtReport: await this.space.submitThoughtReport(request) };
  }

  @RpcMethod(MemberSpaceService.method.getMyReportAttachment)
  getMyReportAttachment(request: GetMyReportAttachmentRequest) {
    return this.space.reportAttachment(request.thoughtReportId, request.id);
  }

  @RpcMethod(MemberSpaceService.method.listMyTransferDestinations)
  listMyTransferDestinations(request: ListMyTransferDestinationsRequest) {
    return this.space.transferDestinations(request);
  }

  @RpcMethod(MemberSpaceService.method.getMyDues)
  getMyDues() {
    return this.space.dues();
  }
}
