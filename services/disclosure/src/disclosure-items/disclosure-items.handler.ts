import {
  DisclosureItemService,
  type ApproveDisclosureItemRequest,
  type GetDisclosureItemRequest,
  type ListDisclosureItemsRequest,
  type ListMyDisclosuresRequest,
  type ProposeDisclosureItemRequest,
  type ResubmitDisclosureItemRequest,
  type ReviewDisclosureItemRequest,
  type WithdrawDisclosureItemRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { DisclosureItemsUseCases } from './disclosure-items.use-cases.js';

/** 党务公开事项's RPCs: one line each. */
@Controller()
export class DisclosureItemsHandler implements RpcHandlers<typeof DisclosureItemService> {
  constructor(@Inject(DisclosureItemsUseCases) private readonly items: DisclosureItemsUseCases) {}

  @RpcMethod(DisclosureItemService.method.listDisclosureItems)
  listDisclosureItems(request: ListDisclosureItemsRequest) {
    return this.items.list(request);
  }

  @RpcMethod(DisclosureItemService.method.getDisclosureItem)
  async getDisclosureItem(request: GetDisclosureItemRequest) {
    return { item: await this.items.get(request.id) };
  }

  @RpcMethod(DisclosureItemService.method.proposeDisclosureItem)
  async proposeDisclosureItem(request: ProposeDisclosureItemRequest) {
    return { item: await this.items.propose(request) };
  }

  @RpcMethod(DisclosureItemService.method.resubmitDisclosureItem)
  async resubmitDisclosureItem(request: ResubmitDisclosureItemRequest) {
    return { item: await this.items.resubmit(request) };
  }

  @RpcMethod(DisclosureItemService.method.reviewDisclosureItem)
  async reviewDisclosureItem(request: ReviewDisclosureItemRequest) {
    return { item: await this.items.review(request) };
  }

  @RpcMethod(DisclosureItemService.method.approveDisclosureItem)
  async approveDisclosureItem(request: ApproveDisclosureItemRequest) {
    return { item: await this.items.approve(request) };
  }

  @RpcMethod(DisclosureItemService.method.withdrawDisclosureItem)
  async withdrawDisclosureItem(request: WithdrawDisclosureItemRequest) {
    return { item: await this.items.withdraw(request) };
  }

  @RpcMethod(DisclosureItemService.method.listMyDisclosures)
  listMyDisclosures(request: ListMyDisclosuresRequest) {
    return this.items.mine(request);
  }
}
