import { MeetingVoteService } from '@dangjian/contracts';
import type { ListMeetingVotesRequest, RecordMeetingVoteRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MeetingVotesUseCases } from './meeting-votes.use-cases.js';

/** The general meeting's votes on development steps. */
@Controller()
export class MeetingVotesHandler implements RpcHandlers<typeof MeetingVoteService> {
  constructor(@Inject(MeetingVotesUseCases) private readonly votes: MeetingVotesUseCases) {}

  @RpcMethod(MeetingVoteService.method.recordMeetingVote)
  async recordMeetingVote(request: RecordMeetingVoteRequest) {
    return { vote: await this.votes.record(request) };
  }

  @RpcMethod(MeetingVoteService.method.listMeetingVotes)
  async listMeetingVotes(request: ListMeetingVotesRequest) {
    return this.votes.list(request);
  }
}
