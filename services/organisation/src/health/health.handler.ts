import { OrganisationService } from '@dangjian/contracts';
import type { OrganisationServiceHealthRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { OrganisationDatabase } from '../db/organisation-database.js';

/** The service's own health. */
@Controller()
export class HealthHandler implements RpcHandlers<typeof OrganisationService> {
  constructor(@Inject(OrganisationDatabase) private readonly db: OrganisationDatabase) {}

  @RpcMethod(OrganisationService.method.health)
  async health(_request: OrganisationServiceHealthRequest) {
    const database = await this.db.ping().catch(() => false);
    return { status: database ? 'ok' : 'degraded', database };
  }
}
