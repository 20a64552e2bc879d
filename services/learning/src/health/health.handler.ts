import { LearningService } from '@dangjian/contracts';
import type { LearningServiceHealthRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { LearningDatabase } from '../db/learning-database.js';

/** The service's own health. */
@Controller()
export class HealthHandler implements RpcHandlers<typeof LearningService> {
  constructor(@Inject(LearningDatabase) private readonly db: LearningDatabase) {}

  @RpcMethod(LearningService.method.health)
  async health(_request: LearningServiceHealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }
}
