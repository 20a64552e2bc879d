import { DuesService } from '@dangjian/contracts';
import type {
  CreateDuesAssessmentRequest,
  GetDuesReportRequest,
  ListDuesDifferencesRequest,
  SettleDuesDifferenceRequest,
  ListDuesAssessmentsRequest,
  ListDuesLedgerRequest,
  ListDuesPaymentsRequest,
  RecordDuesPaymentRequest,
  RunDuesMonthRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { DuesUseCases } from './dues.use-cases.js';

/** Party dues' RPCs. */
@Controller()
export class DuesHandler implements RpcHandlers<typeof DuesService> {
  constructor(@Inject(DuesUseCases) private readonly dues: DuesUseCases) {}

  @RpcMethod(DuesService.method.createDuesAssessment)
  async createDuesAssessment(request: CreateDuesAssessmentRequest) {
    return this.dues.assess(request);
  }

  @RpcMethod(DuesService.method.listDuesAssessments)
  listDuesAssessments(request: ListDuesAssessmentsRequest) {
    return this.dues.listAssessments(request);
  }

  @RpcMethod(DuesService.method.runDuesMonth)
  runDuesMonth(request: RunDuesMonthRequest) {
    return this.dues.runMonth(request.month);
  }

  @RpcMethod(DuesService.method.listDuesLedger)
  listDuesLedger(request: ListDuesLedgerRequest) {
    return this.dues.listLedger(request);
  }

  @RpcMethod(DuesService.method.recordDuesPayment)
  async recordDuesPayment(request: RecordDuesPaymentRequest) {
    return { payment: await this.dues.recordPayment(request) };
  }

  @RpcMethod(DuesService.method.listDuesPayments)
  listDuesPayments(request: ListDuesPaymentsRequest) {
    return this.dues.listPayments(request);
  }

  @RpcMethod(DuesService.method.getDuesReport)
  async getDuesReport(request: GetDuesReportRequest) {
    return { rows: await this.dues.report(request) };
  }

  @RpcMethod(DuesService.method.listDuesDifferences)
  listDuesDifferences(request: ListDuesDifferencesRequest) {
    return this.dues.listDifferences(request);
  }

  @RpcMethod(DuesService.method.settleDuesDifference)
  async settleDuesDifference(request: SettleDuesDifferenceRequest) {
    return { difference: await this.dues.settleDifference(request) };
  }
}
