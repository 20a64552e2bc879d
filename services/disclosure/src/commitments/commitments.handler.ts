import {
  CommitmentService,
  type AppraiseCommitmentRequest,
  type CloseCommitmentRequest,
  type GetCommitmentRequest,
  type GetCommitmentRollupRequest,
  type ListCommitmentsRequest,
  type ProposeCommitmentRequest,
  type RecordCommitmentProgressRequest,
  type ResubmitCommitmentRequest,
  type ReviewCommitmentRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { CommitmentsUseCases } from './commitments.use-cases.js';

/** 承诺's RPCs: one line each. */
@Controller()
export class CommitmentsHandler implements RpcHandlers<typeof CommitmentService> {
  constructor(@Inject(CommitmentsUseCases) private readonly commitments: CommitmentsUseCases) {}

  @RpcMethod(CommitmentService.method.listCommitments)
  listCommitments(request: ListCommitmentsRequest) {
    return this.commitments.list(request);
  }

  @RpcMethod(CommitmentService.method.getCommitment)
  async getCommitment(request: GetCommitmentRequest) {
    return { commitment: await this.commitments.get(request.id) };
  }

  @RpcMethod(CommitmentService.method.proposeCommitment)
  async proposeCommitment(request: ProposeCommitmentRequest) {
    return { commitment: await this.commitments.propose(request) };
  }

  @RpcMethod(CommitmentService.method.resubmitCommitment)
  async resubmitCommitment(request: ResubmitCommitmentRequest) {
    return { commitment: await this.commitments.resubmit(request) };
  }

  @RpcMethod(CommitmentService.method.reviewCommitment)
  async reviewCommitment(request: ReviewCommitmentRequest) {
    return { commitment: await this.commitments.review(request) };
  }

  @RpcMethod(CommitmentService.method.recordCommitmentProgress)
  async recordCommitmentProgress(request: RecordCommitmentProgressRequest) {
    return { commitment: await this.commitments.recordProgress(request) };
  }

  @RpcMethod(CommitmentService.method.closeCommitment)
  async closeCommitment(request: CloseCommitmentRequest) {
    return { commitment: await this.commitments.close(request) };
  }

  @RpcMethod(CommitmentService.method.appraiseCommitment)
  async appraiseCommitment(request: AppraiseCommitmentRequest) {
    return { commitment: await this.commitments.appraise(request) };
  }

  @RpcMethod(CommitmentService.method.getCommitmentRollup)
  getCommitmentRollup(request: GetCommitmentRollupRequest) {
    return this.commitments.rollup(request);
  }
}
