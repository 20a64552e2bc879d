import { DisclosureSettingsService, type UpdateDisclosureSettingsRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { DisclosureSettingsUseCases } from './disclosure-settings.use-cases.js';

/** 公开类别's RPCs. */
@Controller()
export class DisclosureSettingsHandler implements RpcHandlers<typeof DisclosureSettingsService> {
  constructor(@Inject(DisclosureSettingsUseCases) private readonly settings: DisclosureSettingsUseCases) {}

  @RpcMethod(DisclosureSettingsService.method.getDisclosureSettings)
  async getDisclosureSettings() {
    return { settings: await this.settings.get() };
  }

  @RpcMethod(DisclosureSettingsService.method.updateDisclosureSettings)
  async updateDisclosureSettings(request: UpdateDisclosureSettingsRequest) {
    return { settings: await this.settings.update(request) };
  }
}
