import { IdentityService } from '@dangjian/contracts';
import type { HealthRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { IdentityDatabase } from '../db/identity-database.js';

/** The service's own health. */
@Controller()
export class HealthHandler implements RpcHandlers<typeof IdentityService> {
  constructor(@Inject(IdentityDatabase) private readonly db: IdentityDatabase) {}

  @RpcMethod(IdentityService.method.health)
  async health(_request: HealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }
}
