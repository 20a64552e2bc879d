import { OrganisationSettingsService } from '@dangjian/contracts';
import type { GetOrganisationSettingsRequest, UpdateOrganisationSettingsRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { SettingsUseCases } from './organisation-settings.js';

/** The per-tenant settings' RPCs. */
@Controller()
export class OrganisationSettingsHandler implements RpcHandlers<typeof OrganisationSettingsService> {
  constructor(@Inject(SettingsUseCases) private readonly settings: SettingsUseCases) {}

  @RpcMethod(OrganisationSettingsService.method.getOrganisationSettings)
  async getOrganisationSettings(_request: GetOrganisationSettingsRequest) {
    return { settings: await this.settings.get() };
  }

  @RpcMethod(OrganisationSettingsService.method.updateOrganisationSettings)
  async updateOrganisationSettings(request: UpdateOrganisationSettingsRequest) {
    return { settings: await this.settings.update(request) };
  }
}
