import {
  PortalService,
  type AppraisePublicCommitmentRequest,
  type FilePublicityObjectionRequest,
  type GetPublicCommitmentRequest,
  type GetPublicItemRequest,
  type GetPublicityNoticeRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { PortalUseCases } from './portal.use-cases.js';

/** The public portal's RPCs (no principal: the gateway's public routes). */
@Controller()
export class PortalHandler implements RpcHandlers<typeof PortalService> {
  constructor(@Inject(PortalUseCases) private readonly portal: PortalUseCases) {}

  @RpcMethod(PortalService.method.getPortal)
  getPortal() {
    return this.portal.portal();
  }

  @RpcMethod(PortalService.method.getPublicItem)
  async getPublicItem(request: GetPublicItemRequest) {
    return { item: await this.portal.item(request.id) };
  }

  @RpcMethod(PortalService.method.getPublicityNotice)
  async getPublicityNotice(request: GetPublicityNoticeRequest) {
    return { notice: await this.portal.notice(request.id) };
  }

  @RpcMethod(PortalService.method.filePublicityObjection)
  filePublicityObjection(request: FilePublicityObjectionRequest) {
    return this.portal.fileObjection(request);
  }

  @RpcMethod(PortalService.method.getPublicCommitment)
  async getPublicCommitment(request: GetPublicCommitmentRequest) {
    return { commitment: await this.portal.commitment(request.id) };
  }

  @RpcMethod(PortalService.method.appraisePublicCommitment)
  async appraisePublicCommitment(request: AppraisePublicCommitmentRequest) {
    await this.portal.appraise(request);
    return {};
  }
}
