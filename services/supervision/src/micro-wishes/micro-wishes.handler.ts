import {
  MicroWishService,
  type ActOnMicroWishRequest,
  type ConfirmMicroWishRequest,
  type FileMicroWishRequest,
  type FollowMicroWishRequest,
  type GetMicroWishRequest,
  type ListMicroWishesRequest,
  type ListMicroWishRankingsRequest,
  type ListMyMicroWishesRequest,
  type PostMicroWishRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MicroWishesUseCases } from './micro-wishes.use-cases.js';

/** 微心愿's RPCs: staff review, members claim and fulfil, the resident posts and confirms. */
@Controller()
export class MicroWishesHandler implements RpcHandlers<typeof MicroWishService> {
  constructor(@Inject(MicroWishesUseCases) private readonly wishes: MicroWishesUseCases) {}

  @RpcMethod(MicroWishService.method.listMicroWishes)
  listMicroWishes(request: ListMicroWishesRequest) {
    return this.wishes.list(request);
  }

  @RpcMethod(MicroWishService.method.getMicroWish)
  async getMicroWish(request: GetMicroWishRequest) {
    return { wish: await this.wishes.get(request.id) };
  }

  @RpcMethod(MicroWishService.method.postMicroWish)
  async postMicroWish(request: PostMicroWishRequest) {
    return { wish: await this.wishes.post(request) };
  }

  @RpcMethod(MicroWishService.method.actOnMicroWish)
  async actOnMicroWish(request: ActOnMicroWishRequest) {
    return { wish: await this.wishes.act(request) };
  }

  @RpcMethod(MicroWishService.method.listMyMicroWishes)
  listMyMicroWishes(request: ListMyMicroWishesRequest) {
    return this.wishes.listMine(request.page);
  }

  @RpcMethod(MicroWishService.method.listMicroWishRankings)
  listMicroWishRankings(request: ListMicroWishRankingsRequest) {
    return this.wishes.rankings(request.page);
  }

  @RpcMethod(MicroWishService.method.fileMicroWish)
  fileMicroWish(request: FileMicroWishRequest) {
    return this.wishes.file(request);
  }

  @RpcMethod(MicroWishService.method.followMicroWish)
  async followMicroWish(request: FollowMicroWishRequest) {
    return { wish: await this.wishes.follow(request.code) };
  }

  @RpcMethod(MicroWishService.method.confirmMicroWish)
  async confirmMicroWish(request: ConfirmMicroWishRequest) {
    return { wish: await this.wishes.confirm(request.code) };
  }
}
