import { MeetingVoteService } from '@dangjian/contracts';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import { RecordMeetingVoteDto } from './meeting-vote.dto.js';

/**
 * 表决 (issue 14, part 6): the branch general meeting's vote on a member's admission, probation
 * extension or confirmation, recorded with the meeting; development steps name it instead of
 * typing the figures again.
 */
export const MeetingVotesResource = bindResource({
  path: 'meeting-votes',
  tag: 'meetings',
  routes: {
    list: list({
      rpc: MeetingVoteService.method.listMeetingVotes,
      summary: 'The votes taken at a meeting, or on a member',
      access: ORGANISATION_STAFF,
      sort: ['createdAt'],
      filters: { meetingId: filterOf.uuid, memberId: filterOf.uuid },
      items: 'votes',
      filterExample: '{"meetingId":"…"}',
    }),
    record: call({
      rpc: MeetingVoteService.method.recordMeetingVote,
      method: 'POST',
      summary: 'Record a general meeting’s vote on one member’s admission, extension or confirmation',
      access: ORGANISATION_STAFF,
      body: RecordMeetingVoteDto,
      reply: 'vote',
    }),
  },
});
