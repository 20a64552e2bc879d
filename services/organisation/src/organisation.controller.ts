import { OrganisationService } from '@dangjian/contracts';
import type {
  AppendImportChunkRequest, CreateImportJobRequest, GetImportJobRequest, GetImportTemplateRequest, ListImportJobErrorsRequest, ListImportJobsRequest, StartImportJobRequest,
  GetOrganisationSettingsRequest, ListDevelopmentOverdueRequest, ListDevelopmentStepsRequest, ListPublicityPeriodsRequest, OpenPublicityPeriodRequest, RecordDevelopmentStepRequest, RecordPublicityObjectionRequest, UpdateOrganisationSettingsRequest,
  CreateMemberRequest, CreateThoughtReportRequest, GetMemberRequest, GetStatisticsRequest, ListOverdueThoughtReportsRequest, ListThoughtReportsRequest, ListMemberChangesRequest, ListMembersRequest, RevealMemberPiiRequest, UpdateMemberRequest,
  CreateOrganisationRequest, CreatePositionRequest, DissolveOrganisationRequest, EndPositionRequest, GetOrganisationRequest, ListOrganisationsRequest, ListPositionsRequest, MoveOrganisationRequest,
  OrganisationServiceHealthRequest, UpdateOrganisationRequest,
  ActOnTransferRequest, CreateTransferRequest, GetTransferRequest, ListTransferOverdueRequest, ListTransfersRequest,
  ActOnMeetingRequest, AddMeetingAttachmentRequest, CreateMeetingRequest, GetMeetingAttachmentRequest, GetMeetingComplianceRequest, GetMeetingRequest, IssueSignInTokenRequest,
  ListAppraisalGradesRequest, ListAttendanceRequest, ListMeetingsRequest, RecordAppraisalGradesRequest, RecordAttendanceRequest, SignInRequest, UpdateMeetingRequest,
  CloseWithdrawalCaseRequest, ListWithdrawalCasesRequest, RunWithdrawalCheckRequest,
  ListGraduateOverdueRequest, ListGraduationsRequest, RecordGraduationRequest,
  GetDuesReportRequest, CreateDuesAssessmentRequest, ListDuesAssessmentsRequest, ListDuesLedgerRequest, ListDuesPaymentsRequest, RecordDuesPaymentRequest, RunDuesMonthRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { OrganisationDatabase } from './db/organisation-database.js';
import { DuesUseCases } from './dues/dues.use-cases.js';
import { DevelopmentUseCases } from './development/development.use-cases.js';
import { ImportJobsUseCases } from './import/import-jobs.use-cases.js';
import { PublicityUseCases } from './publicity/publicity.use-cases.js';
import { SettingsUseCases } from './settings/organisation-settings.js';
import { MembersUseCases } from './members/members.use-cases.js';
import { StatisticsUseCases } from './statistics/statistics.use-cases.js';
import { ThoughtReportsUseCases } from './thought-reports/thought-reports.use-cases.js';
import { PositionsUseCases } from './positions/positions.use-cases.js';
import { TransfersUseCases } from './transfers/transfers.use-cases.js';
import { MeetingsUseCases } from './meetings/meetings.use-cases.js';
import { WithdrawalUseCases } from './withdrawal/withdrawal.use-cases.js';
import { GraduationsUseCases } from './graduations/graduations.use-cases.js';
import { OrganisationsUseCases } from './tree/organisations.use-cases.js';

@Controller()
export class OrganisationController implements RpcHandlers<typeof OrganisationService> {
  constructor(
    @Inject(OrganisationsUseCases) private readonly organisations: OrganisationsUseCases,
    @Inject(PositionsUseCases) private readonly positions: PositionsUseCases,
    @Inject(MembersUseCases) private readonly members: MembersUseCases,
    @Inject(StatisticsUseCases) private readonly statistics: StatisticsUseCases,
    @Inject(ThoughtReportsUseCases) private readonly thoughtReports: ThoughtReportsUseCases,
    @Inject(DevelopmentUseCases) private readonly development: DevelopmentUseCases,
    @Inject(PublicityUseCases) private readonly publicity: PublicityUseCases,
    @Inject(SettingsUseCases) private readonly settings: SettingsUseCases,
    @Inject(ImportJobsUseCases) private readonly imports: ImportJobsUseCases,
    @Inject(DuesUseCases) private readonly dues: DuesUseCases,
    @Inject(TransfersUseCases) private readonly transfers: TransfersUseCases,
    @Inject(MeetingsUseCases) private readonly meetings: MeetingsUseCases,
    @Inject(WithdrawalUseCases) private readonly withdrawal: WithdrawalUseCases,
    @Inject(GraduationsUseCases) private readonly graduations: GraduationsUseCases,
    @Inject(OrganisationDatabase) private readonly db: OrganisationDatabase,
  ) {}

  @RpcMethod(OrganisationService.method.recordGraduation)
  async recordGraduation(request: RecordGraduationRequest) {
    return { graduation: await this.graduations.record(request) };
  }

  @RpcMethod(OrganisationService.method.listGraduations)
  listGraduations(request: ListGraduationsRequest) {
    return this.graduations.list(request);
  }

  @RpcMethod(OrganisationService.method.listGraduateOverdue)
  async listGraduateOverdue(request: ListGraduateOverdueRequest) {
    return { overdue: await this.graduations.overdue(request.withinId) };
  }

  @RpcMethod(OrganisationService.method.createMeeting)
  async createMeeting(request: CreateMeetingRequest) {
    return { meeting: await this.meetings.create(request) };
  }

  @RpcMethod(OrganisationService.method.updateMeeting)
  async updateMeeting(request: UpdateMeetingRequest) {
    return { meeting: await this.meetings.update(request) };
  }

  @RpcMethod(OrganisationService.method.actOnMeeting)
  async actOnMeeting(request: ActOnMeetingRequest) {
    return { meeting: await this.meetings.act(request) };
  }

  @RpcMethod(OrganisationService.method.getMeeting)
  async getMeeting(request: GetMeetingRequest) {
    return { meeting: await this.meetings.get(request.id) };
  }

  @RpcMethod(OrganisationService.method.listMeetings)
  listMeetings(request: ListMeetingsRequest) {
    return this.meetings.list(request);
  }

  @RpcMethod(OrganisationService.method.addMeetingAttachment)
  async addMeetingAttachment(request: AddMeetingAttachmentRequest) {
    return { attachment: await this.meetings.addAttachment(request) };
  }

  @RpcMethod(OrganisationService.method.getMeetingAttachment)
  getMeetingAttachment(request: GetMeetingAttachmentRequest) {
    return this.meetings.getAttachment(request.meetingId, request.id);
  }

  @RpcMethod(OrganisationService.method.issueSignInToken)
  issueSignInToken(request: IssueSignInTokenRequest) {
    return this.meetings.issueSignInToken(request.meetingId);
  }

  @RpcMethod(OrganisationService.method.signIn)
  async signIn(request: SignInRequest) {
    return { attendance: await this.meetings.signIn(request) };
  }

  @RpcMethod(OrganisationService.method.recordAttendance)
  async recordAttendance(request: RecordAttendanceRequest) {
    return { attendance: await this.meetings.recordAttendance(request) };
  }

  @RpcMethod(OrganisationService.method.listAttendance)
  listAttendance(request: ListAttendanceRequest) {
    return this.meetings.listAttendance(request);
  }

  @RpcMethod(OrganisationService.method.recordAppraisalGrades)
  async recordAppraisalGrades(request: RecordAppraisalGradesRequest) {
    return { grades: await this.meetings.recordGrades(request) };
  }

  @RpcMethod(OrganisationService.method.listAppraisalGrades)
  async listAppraisalGrades(request: ListAppraisalGradesRequest) {
    return { grades: await this.meetings.listGrades(request.meetingId) };
  }

  @RpcMethod(OrganisationService.method.getMeetingCompliance)
  async getMeetingCompliance(request: GetMeetingComplianceRequest) {
    return { rows: await this.meetings.compliance(request) };
  }

  @RpcMethod(OrganisationService.method.runWithdrawalCheck)
  runWithdrawalCheck(_request: RunWithdrawalCheckRequest) {
    return this.withdrawal.run();
  }

  @RpcMethod(OrganisationService.method.listWithdrawalCases)
  listWithdrawalCases(request: ListWithdrawalCasesRequest) {
    return this.withdrawal.list(request);
  }

  @RpcMethod(OrganisationService.method.closeWithdrawalCase)
  async closeWithdrawalCase(request: CloseWithdrawalCaseRequest) {
    return { case: await this.withdrawal.close(request) };
  }

  @RpcMethod(OrganisationService.method.createTransfer)
  async createTransfer(request: CreateTransferRequest) {
    return { transfer: await this.transfers.create(request) };
  }

  @RpcMethod(OrganisationService.method.actOnTransfer)
  async actOnTransfer(request: ActOnTransferRequest) {
    return { transfer: await this.transfers.act(request) };
  }

  @RpcMethod(OrganisationService.method.getTransfer)
  getTransfer(request: GetTransferRequest) {
    return this.transfers.get(request.id);
  }

  @RpcMethod(OrganisationService.method.listTransfers)
  listTransfers(request: ListTransfersRequest) {
    return this.transfers.list(request);
  }

  @RpcMethod(OrganisationService.method.listTransferOverdue)
  async listTransferOverdue(_request: ListTransferOverdueRequest) {
    return { overdue: await this.transfers.overdue() };
  }

  @RpcMethod(OrganisationService.method.createDuesAssessment)
  async createDuesAssessment(request: CreateDuesAssessmentRequest) {
    return { assessment: await this.dues.assess(request) };
  }

  @RpcMethod(OrganisationService.method.listDuesAssessments)
  listDuesAssessments(request: ListDuesAssessmentsRequest) {
    return this.dues.listAssessments(request);
  }

  @RpcMethod(OrganisationService.method.runDuesMonth)
  runDuesMonth(request: RunDuesMonthRequest) {
    return this.dues.runMonth(request.month);
  }

  @RpcMethod(OrganisationService.method.listDuesLedger)
  listDuesLedger(request: ListDuesLedgerRequest) {
    return this.dues.listLedger(request);
  }

  @RpcMethod(OrganisationService.method.recordDuesPayment)
  async recordDuesPayment(request: RecordDuesPaymentRequest) {
    return { payment: await this.dues.recordPayment(request) };
  }

  @RpcMethod(OrganisationService.method.listDuesPayments)
  listDuesPayments(request: ListDuesPaymentsRequest) {
    return this.dues.listPayments(request);
  }

  @RpcMethod(OrganisationService.method.getDuesReport)
  async getDuesReport(request: GetDuesReportRequest) {
    return { rows: await this.dues.report(request) };
  }

  @RpcMethod(OrganisationService.method.createImportJob)
  async createImportJob(request: CreateImportJobRequest) {
    return { job: await this.imports.create(request) };
  }

  @RpcMethod(OrganisationService.method.appendImportChunk)
  async appendImportChunk(request: AppendImportChunkRequest) {
    return { receivedBytes: await this.imports.appendChunk(request) };
  }

  @RpcMethod(OrganisationService.method.startImportJob)
  async startImportJob(request: StartImportJobRequest) {
    return { job: await this.imports.start(request.jobId) };
  }

  @RpcMethod(OrganisationService.method.getImportJob)
  async getImportJob(request: GetImportJobRequest) {
    return { job: await this.imports.get(request.id) };
  }

  @RpcMethod(OrganisationService.method.listImportJobs)
  listImportJobs(request: ListImportJobsRequest) {
    return this.imports.list(request.page);
  }

  @RpcMethod(OrganisationService.method.listImportJobErrors)
  listImportJobErrors(request: ListImportJobErrorsRequest) {
    return this.imports.errors(request);
  }

  @RpcMethod(OrganisationService.method.getImportTemplate)
  async getImportTemplate(request: GetImportTemplateRequest) {
    return { columns: this.imports.template(request.kind) };
  }

  @RpcMethod(OrganisationService.method.recordDevelopmentStep)
  recordDevelopmentStep(request: RecordDevelopmentStepRequest) {
    return this.development.record(request);
  }

  @RpcMethod(OrganisationService.method.listDevelopmentSteps)
  listDevelopmentSteps(request: ListDevelopmentStepsRequest) {
    return this.development.list(request);
  }

  @RpcMethod(OrganisationService.method.listDevelopmentOverdue)
  async listDevelopmentOverdue(request: ListDevelopmentOverdueRequest) {
    return { overdue: await this.development.overdue(request.withinId) };
  }

  @RpcMethod(OrganisationService.method.openPublicityPeriod)
  async openPublicityPeriod(request: OpenPublicityPeriodRequest) {
    return { publicityPeriod: await this.publicity.open(request) };
  }

  @RpcMethod(OrganisationService.method.listPublicityPeriods)
  listPublicityPeriods(request: ListPublicityPeriodsRequest) {
    return this.publicity.list(request);
  }

  @RpcMethod(OrganisationService.method.recordPublicityObjection)
  async recordPublicityObjection(request: RecordPublicityObjectionRequest) {
    return { publicityPeriod: await this.publicity.recordObjection(request) };
  }

  @RpcMethod(OrganisationService.method.getOrganisationSettings)
  async getOrganisationSettings(_request: GetOrganisationSettingsRequest) {
    return { settings: await this.settings.get() };
  }

  @RpcMethod(OrganisationService.method.updateOrganisationSettings)
  async updateOrganisationSettings(request: UpdateOrganisationSettingsRequest) {
    return { settings: await this.settings.update(request) };
  }

  @RpcMethod(OrganisationService.method.listOrganisations)
  listOrganisations(request: ListOrganisationsRequest) {
    return this.organisations.list(request);
  }

  @RpcMethod(OrganisationService.method.getOrganisation)
  async getOrganisation(request: GetOrganisationRequest) {
    return { organisation: await this.organisations.get(request.id) };
  }

  @RpcMethod(OrganisationService.method.createOrganisation)
  async createOrganisation(request: CreateOrganisationRequest) {
    return { organisation: await this.organisations.create(request) };
  }

  @RpcMethod(OrganisationService.method.updateOrganisation)
  async updateOrganisation(request: UpdateOrganisationRequest) {
    return { organisation: await this.organisations.update(request) };
  }

  @RpcMethod(OrganisationService.method.moveOrganisation)
  moveOrganisation(request: MoveOrganisationRequest) {
    return this.organisations.move(request);
  }

  @RpcMethod(OrganisationService.method.dissolveOrganisation)
  dissolveOrganisation(request: DissolveOrganisationRequest) {
    return this.organisations.dissolve(request);
  }

  @RpcMethod(OrganisationService.method.listPositions)
  listPositions(request: ListPositionsRequest) {
    return this.positions.list(request);
  }

  @RpcMethod(OrganisationService.method.createPosition)
  async createPosition(request: CreatePositionRequest) {
    return { position: await this.positions.create(request) };
  }

  @RpcMethod(OrganisationService.method.endPosition)
  async endPosition(request: EndPositionRequest) {
    return { position: await this.positions.end(request) };
  }

  @RpcMethod(OrganisationService.method.listMembers)
  listMembers(request: ListMembersRequest) {
    return this.members.list(request);
  }

  @RpcMethod(OrganisationService.method.getMember)
  async getMember(request: GetMemberRequest) {
    return { member: await this.members.get(request.id) };
  }

  @RpcMethod(OrganisationService.method.createMember)
  async createMember(request: CreateMemberRequest) {
    return { member: await this.members.create(request) };
  }

  @RpcMethod(OrganisationService.method.updateMember)
  async updateMember(request: UpdateMemberRequest) {
    return { member: await this.members.update(request) };
  }

  @RpcMethod(OrganisationService.method.revealMemberPii)
  revealMemberPii(request: RevealMemberPiiRequest) {
    return this.members.reveal(request.id, request.reason);
  }

  @RpcMethod(OrganisationService.method.listMemberChanges)
  async listMemberChanges(request: ListMemberChangesRequest) {
    return { changes: await this.members.history(request.id) };
  }

  @RpcMethod(OrganisationService.method.getStatistics)
  getStatistics(request: GetStatisticsRequest) {
    return this.statistics.forSubtree(request.withinId);
  }

  @RpcMethod(OrganisationService.method.listThoughtReports)
  listThoughtReports(request: ListThoughtReportsRequest) {
    return this.thoughtReports.list(request);
  }

  @RpcMethod(OrganisationService.method.createThoughtReport)
  async createThoughtReport(request: CreateThoughtReportRequest) {
    return { thoughtReport: await this.thoughtReports.create(request) };
  }

  @RpcMethod(OrganisationService.method.listOverdueThoughtReports)
  listOverdueThoughtReports(request: ListOverdueThoughtReportsRequest) {
    return this.thoughtReports.overdue(request.withinId);
  }

  @RpcMethod(OrganisationService.method.health)
  async health(_request: OrganisationServiceHealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }
}
