import {
  ReportService,
  type AttachToReportRequest,
  type GetReportAttachmentRequest,
  type ActOnReportRequest,
  type FileReportRequest,
  type FollowReportRequest,
  type GetReportRequest,
  type ListReportReadsRequest,
  type ListReportsRequest,
  type UpdateReportSettingsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { ReportsUseCases } from './reports.use-cases.js';

/** 举报's RPCs: the inspectors', the audit of their reads, and the reporter's (public pages). */
@Controller()
export class ReportsHandler implements RpcHandlers<typeof ReportService> {
  constructor(@Inject(ReportsUseCases) private readonly reports: ReportsUseCases) {}

  @RpcMethod(ReportService.method.listReports)
  listReports(request: ListReportsRequest) {
    return this.reports.list(request);
  }

  @RpcMethod(ReportService.method.getReport)
  async getReport(request: GetReportRequest) {
    return { report: await this.reports.get(request.id) };
  }

  @RpcMethod(ReportService.method.actOnReport)
  async actOnReport(request: ActOnReportRequest) {
    return { report: await this.reports.act(request) };
  }

  @RpcMethod(ReportService.method.listReportReads)
  listReportReads(request: ListReportReadsRequest) {
    return this.reports.reads(request.page);
  }

  @RpcMethod(ReportService.method.getReportSettings)
  async getReportSettings() {
    return { settings: await this.reports.getSettings() };
  }

  @RpcMethod(ReportService.method.updateReportSettings)
  async updateReportSettings(request: UpdateReportSettingsRequest) {
    return { settings: await this.reports.updateSettings(request) };
  }

  @RpcMethod(ReportService.method.getReportForm)
  getReportForm() {
    return this.reports.form();
  }

  @RpcMethod(ReportService.method.fileReport)
  fileReport(request: FileReportRequest) {
    return this.reports.file(request);
  }

  @RpcMethod(ReportService.method.followReport)
  async followReport(request: FollowReportRequest) {
    return { report: await this.reports.follow(request) };
  }

  @RpcMethod(ReportService.method.eraseExpiredReports)
  async eraseExpiredReports() {
    return { erased: await this.reports.eraseExpired() };
  }

  @RpcMethod(ReportService.method.attachToReport)
  attachToReport(request: AttachToReportRequest) {
    return this.reports.attach(request);
  }

  @RpcMethod(ReportService.method.getReportAttachment)
  getReportAttachment(request: GetReportAttachmentRequest) {
    return this.reports.attachment(request);
  }
}
