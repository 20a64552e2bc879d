import {
  BallotService,
  type ActOnBallotRequest,
  type CastBallotRequest,
  type CreateBallotRequest,
  type GetBallotRequest,
  type ListBallotsRequest,
  type ListMyBallotsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { BallotsUseCases } from './ballots.use-cases.js';

/** 民主测评's RPCs: staff create, open (the roll) and close; those on the roll vote once. */
@Controller()
export class BallotsHandler implements RpcHandlers<typeof BallotService> {
  constructor(@Inject(BallotsUseCases) private readonly ballots: BallotsUseCases) {}

  @RpcMethod(BallotService.method.listBallots)
  listBallots(request: ListBallotsRequest) {
    return this.ballots.list(request);
  }

  @RpcMethod(BallotService.method.getBallot)
  async getBallot(request: GetBallotRequest) {
    return { ballot: await this.ballots.get(request.id) };
  }

  @RpcMethod(BallotService.method.createBallot)
  async createBallot(request: CreateBallotRequest) {
    return { ballot: await this.ballots.create(request) };
  }

  @RpcMethod(BallotService.method.actOnBallot)
  async actOnBallot(request: ActOnBallotRequest) {
    return { ballot: await this.ballots.act(request) };
  }

  @RpcMethod(BallotService.method.castBallot)
  async castBallot(request: CastBallotRequest) {
    return { ballot: await this.ballots.cast(request) };
  }

  @RpcMethod(BallotService.method.listMyBallots)
  listMyBallots(request: ListMyBallotsRequest) {
    return this.ballots.listMine(request.page);
  }
}
