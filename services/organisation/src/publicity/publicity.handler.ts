import { PublicityService } from '@dangjian/contracts';
import type {
  ListPublicityObjectionsRequest,
  ListPublicityPeriodsRequest,
  ReceivePublicityObjectionRequest,
  OpenPublicityPeriodRequest,
  RecordPublicityObjectionRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { PublicityUseCases } from './publicity.use-cases.js';

/** Publicity periods' RPCs. */
@Controller()
export class PublicityHandler implements RpcHandlers<typeof PublicityService> {
  constructor(@Inject(PublicityUseCases) private readonly publicity: PublicityUseCases) {}

  @RpcMethod(PublicityService.method.openPublicityPeriod)
  async openPublicityPeriod(request: OpenPublicityPeriodRequest) {
    return { publicityPeriod: await this.publicity.open(request) };
  }

  @RpcMethod(PublicityService.method.listPublicityPeriods)
  listPublicityPeriods(request: ListPublicityPeriodsRequest) {
    return this.publicity.list(request);
  }

  @RpcMethod(PublicityService.method.recordPublicityObjection)
  async recordPublicityObjection(request: RecordPublicityObjectionRequest) {
    return { publicityPeriod: await this.publicity.recordObjection(request) };
  }

  @RpcMethod(PublicityService.method.receivePublicityObjection)
  receivePublicityObjection(request: ReceivePublicityObjectionRequest) {
    return this.publicity.receiveObjection(request);
  }

  @RpcMethod(PublicityService.method.listPublicityObjections)
  listPublicityObjections(request: ListPublicityObjectionsRequest) {
    return this.publicity.objections(request);
  }
}
