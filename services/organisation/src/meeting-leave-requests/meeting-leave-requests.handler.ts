import { MeetingLeaveRequestService } from '@dangjian/contracts';
import type { DecideMeetingLeaveRequestRequest, ListMeetingLeaveRequestsRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MeetingLeaveRequestsUseCases } from './meeting-leave-requests.use-cases.js';

/** Leave requests' RPCs (the organiser's side; members ask in their own space). */
@Controller()
export class MeetingLeaveRequestsHandler implements RpcHandlers<typeof MeetingLeaveRequestService> {
  constructor(@Inject(MeetingLeaveRequestsUseCases) private readonly leave: MeetingLeaveRequestsUseCases) {}

  @RpcMethod(MeetingLeaveRequestService.method.listMeetingLeaveRequests)
  listMeetingLeaveRequests(request: ListMeetingLeaveRequestsRequest) {
    return this.leave.list(request);
  }

  @RpcMethod(MeetingLeaveRequestService.method.decideMeetingLeaveRequest)
  async decideMeetingLeaveRequest(request: DecideMeetingLeaveRequestRequest) {
    return { leaveRequest: await this.leave.decide(request) };
  }
}
