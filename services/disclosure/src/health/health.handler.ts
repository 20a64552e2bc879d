import { DisclosureService } from '@dangjian/contracts';
import type { DisclosureServiceHealthRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { DisclosureDatabase } from '../db/disclosure-database.js';

/** The service's own health. */
@Controller()
export class HealthHandler implements RpcHandlers<typeof DisclosureService> {
  constructor(@Inject(DisclosureDatabase) private readonly db: DisclosureDatabase) {}

  @RpcMethod(DisclosureService.method.health)
  async health(_request: DisclosureServiceHealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }
}
