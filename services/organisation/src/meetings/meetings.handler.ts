import { MeetingService } from '@dangjian/contracts';
import type {
  ActOnMeetingRequest,
  AddMeetingAttachmentRequest,
  CreateMeetingRequest,
  GetMeetingAttachmentRequest,
  GetMeetingComplianceRequest,
  GetMeetingRequest,
  IssueSignInTokenRequest,
  ListAppraisalGradesRequest,
  ListAttendanceRequest,
  ListMeetingsRequest,
  RecordAppraisalGradesRequest,
  RecordAttendanceRequest,
  SignInRequest,
  UpdateMeetingRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MeetingComplianceUseCases } from './meeting-compliance.use-cases.js';
import { MeetingsUseCases } from './meetings.use-cases.js';

/** Organisational life's RPCs. */
@Controller()
export class MeetingsHandler implements RpcHandlers<typeof MeetingService> {
  constructor(
    @Inject(MeetingsUseCases) private readonly meetings: MeetingsUseCases,
    @Inject(MeetingComplianceUseCases) private readonly compliance: MeetingComplianceUseCases,
  ) {}

  @RpcMethod(MeetingService.method.createMeeting)
  async createMeeting(request: CreateMeetingRequest) {
    return { meeting: await this.meetings.create(request) };
  }

  @RpcMethod(MeetingService.method.updateMeeting)
  async updateMeeting(request: UpdateMeetingRequest) {
    return { meeting: await this.meetings.update(request) };
  }

  @RpcMethod(MeetingService.method.actOnMeeting)
  async actOnMeeting(request: ActOnMeetingRequest) {
    return { meeting: await this.meetings.act(request) };
  }

  @RpcMethod(MeetingService.method.getMeeting)
  async getMeeting(request: GetMeetingRequest) {
    return { meeting: await this.meetings.get(request.id) };
  }

  @RpcMethod(MeetingService.method.listMeetings)
  listMeetings(request: ListMeetingsRequest) {
    return this.meetings.list(request);
  }

  @RpcMethod(MeetingService.method.addMeetingAttachment)
  async addMeetingAttachment(request: AddMeetingAttachmentRequest) {
    return { attachment: await this.meetings.addAttachment(request) };
  }

  @RpcMethod(MeetingService.method.getMeetingAttachment)
  getMeetingAttachment(request: GetMeetingAttachmentRequest) {
    return this.meetings.getAttachment(request.meetingId, request.id);
  }

  @RpcMethod(MeetingService.method.issueSignInToken)
  issueSignInToken(request: IssueSignInTokenRequest) {
    return this.meetings.issueSignInToken(request.meetingId);
  }

  @RpcMethod(MeetingService.method.signIn)
  async signIn(request: SignInRequest) {
    return { attendance: await this.meetings.signIn(request) };
  }

  @RpcMethod(MeetingService.method.recordAttendance)
  async recordAttendance(request: RecordAttendanceRequest) {
    return { attendance: await this.meetings.recordAttendance(request) };
  }

  @RpcMethod(MeetingService.method.listAttendance)
  listAttendance(request: ListAttendanceRequest) {
    return this.meetings.listAttendance(request);
  }

  @RpcMethod(MeetingService.method.recordAppraisalGrades)
  async recordAppraisalGrades(request: RecordAppraisalGradesRequest) {
    return { grades: await this.meetings.recordGrades(request) };
  }

  @RpcMethod(MeetingService.method.listAppraisalGrades)
  async listAppraisalGrades(request: ListAppraisalGradesRequest) {
    return { grades: await this.meetings.listGrades(request.meetingId) };
  }

  @RpcMethod(MeetingService.method.getMeetingCompliance)
  async getMeetingCompliance(request: GetMeetingComplianceRequest) {
    return this.compliance.compliance(request);
  }
}
