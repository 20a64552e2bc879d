import { SupervisionService } from '@dangjian/contracts';
import type { SupervisionServiceHealthRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { SupervisionDatabase } from '../db/supervision-database.js';

/** The service's own health. */
@Controller()
export class HealthHandler implements RpcHandlers<typeof SupervisionService> {
  constructor(@Inject(SupervisionDatabase) private readonly db: SupervisionDatabase) {}

  @RpcMethod(SupervisionService.method.health)
  async health(_request: SupervisionServiceHealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }
}
