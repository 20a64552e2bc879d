import { ThoughtReportService } from '@dangjian/contracts';
import type {
  CreateThoughtReportRequest,
  ListOverdueThoughtReportsRequest,
  ListThoughtReportsRequest,
  ListUnansweredThoughtReportsRequest,
  GetThoughtReportAttachmentRequest,
  ReplyToThoughtReportRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { ThoughtReportsUseCases } from './thought-reports.use-cases.js';

/** Thought reports' RPCs. */
@Controller()
export class ThoughtReportsHandler implements RpcHandlers<typeof ThoughtReportService> {
  constructor(@Inject(ThoughtReportsUseCases) private readonly thoughtReports: ThoughtReportsUseCases) {}

  @RpcMethod(ThoughtReportService.method.listThoughtReports)
  listThoughtReports(request: ListThoughtReportsRequest) {
    return this.thoughtReports.list(request);
  }

  @RpcMethod(ThoughtReportService.method.createThoughtReport)
  async createThoughtReport(request: CreateThoughtReportRequest) {
    return { thoughtReport: await this.thoughtReports.create(request) };
  }

  @RpcMethod(ThoughtReportService.method.listOverdueThoughtReports)
  listOverdueThoughtReports(request: ListOverdueThoughtReportsRequest) {
    return this.thoughtReports.overdue(request.withinId);
  }

  @RpcMethod(ThoughtReportService.method.listUnansweredThoughtReports)
  listUnansweredThoughtReports(request: ListUnansweredThoughtReportsRequest) {
    return this.thoughtReports.unanswered(request);
  }

  @RpcMethod(ThoughtReportService.method.getThoughtReportAttachment)
  getThoughtReportAttachment(request: GetThoughtReportAttachmentRequest) {
    return this.thoughtReports.attachment(request);
  }

  @RpcMethod(ThoughtReportService.method.replyToThoughtReport)
  async replyToThoughtReport(request: ReplyToThoughtReportRequest) {
    return { thoughtReport: await this.thoughtReports.reply(request) };
  }
}
