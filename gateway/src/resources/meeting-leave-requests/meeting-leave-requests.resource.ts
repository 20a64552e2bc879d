import {
  MeetingLeaveRequestSchema,
  MeetingLeaveRequestService,
  type MeetingLeaveRequest,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';

export class DecideLeaveRequestDto {
  @ApiProperty({ description: 'true: excused (请假 granted); false: refused, with a note saying why' })
  @IsBoolean()
  grant!: boolean;
  @ApiPropertyOptional({ example: '支部大会需全体党员参加，请调整行程' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

const view = (request: MeetingLeaveRequest) => toJson(MeetingLeaveRequestSchema, request);

/** 请假 from the organiser's side: members ask in their own space; the organiser grants or refuses. */
export const MeetingLeaveRequestsResource = bindResource({
  path: 'meeting-leave-requests',
  tag: 'meetings',
  routes: {
    list: list({
      rpc: MeetingLeaveRequestService.method.listMeetingLeaveRequests,
      summary: 'Leave requests for the meetings I organise',
      access: ORGANISATION_STAFF,
      sort: ['requestedAt'],
      filters: { meetingId: filterOf.uuid, state: filterOf.oneOf(['requested', 'granted', 'refused']) },
      items: 'leaveRequests',
      view,
      filterExample: '{"meetingId":"…","state":"requested"}',
    }),
    decide: call({
      rpc: MeetingLeaveRequestService.method.decideMeetingLeaveRequest,
      method: 'POST',
      path: ':id/decision',
      status: 200,
      summary: 'Grant a leave request (the member is recorded excused) or refuse it with a note',
      access: ORGANISATION_STAFF,
      body: DecideLeaveRequestDto,
      request: ({ params, body }) => ({ id: params['id'], grant: body.grant, note: body.note ?? '' }),
      reply: 'leaveRequest',
      view,
    }),
  },
});
