import { StatisticsService } from '@dangjian/contracts';
import type { GetStatisticsRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { StatisticsUseCases } from './statistics.use-cases.js';

/** Statistics' RPC. */
@Controller()
export class StatisticsHandler implements RpcHandlers<typeof StatisticsService> {
  constructor(@Inject(StatisticsUseCases) private readonly statistics: StatisticsUseCases) {}

  @RpcMethod(StatisticsService.method.getStatistics)
  getStatistics(request: GetStatisticsRequest) {
    return this.statistics.forSubtree(request.withinId);
  }
}
