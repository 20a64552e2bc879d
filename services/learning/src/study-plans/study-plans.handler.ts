import {
  StudyPlanService,
  type CreateStudyPlanRequest,
  type GetStudyPlanRequest,
  type GetStudyPlanResultsRequest,
  type GetStudyPlanSummaryRequest,
  type ListStudyPlansRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { StudyPlansUseCases } from './study-plans.use-cases.js';

/** 学习计划's RPCs: one line each. */
@Controller()
export class StudyPlansHandler implements RpcHandlers<typeof StudyPlanService> {
  constructor(@Inject(StudyPlansUseCases) private readonly plans: StudyPlansUseCases) {}

  @RpcMethod(StudyPlanService.method.createStudyPlan)
  async createStudyPlan(request: CreateStudyPlanRequest) {
    return { studyPlan: await this.plans.create(request) };
  }

  @RpcMethod(StudyPlanService.method.getStudyPlan)
  async getStudyPlan(request: GetStudyPlanRequest) {
    return { studyPlan: await this.plans.get(request.id) };
  }

  @RpcMethod(StudyPlanService.method.listStudyPlans)
  listStudyPlans(request: ListStudyPlansRequest) {
    return this.plans.list(request);
  }

  @RpcMethod(StudyPlanService.method.getStudyPlanResults)
  getStudyPlanResults(request: GetStudyPlanResultsRequest) {
    return this.plans.results(request);
  }

  @RpcMethod(StudyPlanService.method.getStudyPlanSummary)
  getStudyPlanSummary(request: GetStudyPlanSummaryRequest) {
    return this.plans.summary(request.id);
  }
}
