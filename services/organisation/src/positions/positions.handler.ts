import { PositionService } from '@dangjian/contracts';
import type { CreatePositionRequest, EndPositionRequest, ListPositionsRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { PositionsUseCases } from './positions.use-cases.js';

/** Office holders' RPCs. */
@Controller()
export class PositionsHandler implements RpcHandlers<typeof PositionService> {
  constructor(@Inject(PositionsUseCases) private readonly positions: PositionsUseCases) {}

  @RpcMethod(PositionService.method.listPositions)
  listPositions(request: ListPositionsRequest) {
    return this.positions.list(request);
  }

  @RpcMethod(PositionService.method.createPosition)
  async createPosition(request: CreatePositionRequest) {
    return { position: await this.positions.create(request) };
  }

  @RpcMethod(PositionService.method.endPosition)
  async endPosition(request: EndPositionRequest) {
    return { position: await this.positions.end(request) };
  }
}
