import { DevelopmentService } from '@dangjian/contracts';
import type {
  ListDevelopmentOverdueRequest,
  ListDevelopmentStepsRequest,
  RecordDevelopmentStepRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { DevelopmentUseCases } from './development.use-cases.js';

/** Membership development's RPCs. */
@Controller()
export class DevelopmentHandler implements RpcHandlers<typeof DevelopmentService> {
  constructor(@Inject(DevelopmentUseCases) private readonly development: DevelopmentUseCases) {}

  @RpcMethod(DevelopmentService.method.recordDevelopmentStep)
  recordDevelopmentStep(request: RecordDevelopmentStepRequest) {
    return this.development.record(request);
  }

  @RpcMethod(DevelopmentService.method.listDevelopmentSteps)
  listDevelopmentSteps(request: ListDevelopmentStepsRequest) {
    return this.development.list(request);
  }

  @RpcMethod(DevelopmentService.method.listDevelopmentOverdue)
  async listDevelopmentOverdue(request: ListDevelopmentOverdueRequest) {
    return { overdue: await this.development.overdue(request.withinId) };
  }
}
