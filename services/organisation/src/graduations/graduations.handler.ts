import { GraduationService } from '@dangjian/contracts';
import type {
  ListGraduateOverdueRequest,
  ListGraduationsRequest,
  RecordGraduationRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { GraduationsUseCases } from './graduations.use-cases.js';

/** Graduates' RPCs. */
@Controller()
export class GraduationsHandler implements RpcHandlers<typeof GraduationService> {
  constructor(@Inject(GraduationsUseCases) private readonly graduations: GraduationsUseCases) {}

  @RpcMethod(GraduationService.method.recordGraduation)
  async recordGraduation(request: RecordGraduationRequest) {
    return { graduation: await this.graduations.record(request) };
  }

  @RpcMethod(GraduationService.method.listGraduations)
  listGraduations(request: ListGraduationsRequest) {
    return this.graduations.list(request);
  }

  @RpcMethod(GraduationService.method.listGraduateOverdue)
  async listGraduateOverdue(request: ListGraduateOverdueRequest) {
    return { overdue: await this.graduations.overdue(request.withinId) };
  }
}
