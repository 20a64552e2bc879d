import { PointsService, type UpdatePointsSettingsRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { PointsUseCases } from './points.use-cases.js';

/** 学习积分's RPCs: one line each. */
@Controller()
export class PointsHandler implements RpcHandlers<typeof PointsService> {
  constructor(@Inject(PointsUseCases) private readonly points: PointsUseCases) {}

  @RpcMethod(PointsService.method.getPointsSettings)
  async getPointsSettings() {
    return { settings: await this.points.settings() };
  }

  @RpcMethod(PointsService.method.updatePointsSettings)
  async updatePointsSettings(request: UpdatePointsSettingsRequest) {
    return { settings: await this.points.update(request) };
  }

  @RpcMethod(PointsService.method.getMyPoints)
  getMyPoints() {
    return this.points.mine();
  }
}
