import {
  MAX_REPORT_ATTACHMENTS,
  MAX_REPORT_ATTACHMENTS_BYTES,
  REPORT_ATTACHMENT_TYPES,
  MemberSpaceService,
  MyMeetingSchema,
  MyThoughtReportSchema,
  type MyMeeting,
  type MyThoughtReport,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidationError } from '@dangjian/kit';
import {
  ArrayMaxSize,
  IsArray,
  IsBase64,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { MEMBER_SPACE } from '../access.js';

export class RequestLeaveDto {
  @ApiProperty({ example: '出差在外地，无法参加' }) @IsString() @MinLength(2) @MaxLength(500) reason!: string;
}

export class ReportAttachmentDto {
  @ApiProperty({ example: '手写思想汇报.pdf' }) @IsString() @MinLength(1) @MaxLength(200) fileName!: string;
  @ApiProperty({ enum: REPORT_ATTACHMENT_TYPES }) @IsIn(REPORT_ATTACHMENT_TYPES) contentType!: string;
  @ApiProperty({ description: 'the file, base64' }) @IsBase64() @MaxLength(1_000_000) contentBase64!: string;
}

export class SubmitThoughtReportDto {
  @ApiProperty({ example: '2026年第四季度思想汇报' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  title!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) content!: string;
  @ApiPropertyOptional({
    type: [ReportAttachmentDto],
    description: 'at most 3 scans or photos, 700 KB in all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REPORT_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => ReportAttachmentDto)
  attachments?: ReportAttachmentDto[];
}

const meetingView = (meeting: MyMeeting) => toJson(MyMeetingSchema, meeting);
const reportView = (report: MyThoughtReport) => toJson(MyThoughtReportSchema, report);

/**
 * 党员e家 (issue 15): the caller's own space. No route takes a member id: each answers for the
 * caller's own record in the tenant asked for, so a member reads only their own records and the
 * meetings their organisations hold.
 */
export const MemberSpaceResource = bindResource({
  path: 'me',
  tag: 'member space',
  routes: {
    home: call({
      rpc: MemberSpaceService.method.getMyHome,
      method: 'GET',
      path: 'home',
      summary: 'What needs me now: meetings, dues, a report or step due, decisions and replies',
      access: MEMBER_SPACE,
    }),
    record: call({
      rpc: MemberSpaceService.method.getMyRecord,
      method: 'GET',
      path: 'record',
      summary: 'My member record as the organisation holds it (masked), my organisation and my development',
      access: MEMBER_SPACE,
      reply: 'record',
    }),
    revealPii: call({
      rpc: MemberSpaceService.method.revealMyPii,
      method: 'POST',
      path: 'record/pii',
      status: 200,
      summary: 'My own ID-card number and phone in full (audited like any unmasking)',
      access: MEMBER_SPACE,
    }),
    meetings: list({
      rpc: MemberSpaceService.method.listMyMeetings,
      path: 'meetings',
      unit: 'me/meetings',
      summary: 'Meetings of my organisations, with my attendance and leave',
      access: MEMBER_SPACE,
      sort: ['scheduledAt'],
      filters: { when: filterOf.oneOf(['upcoming', 'past']) },
      items: 'meetings',
      view: meetingView,
      filterExample: '{"when":"upcoming"}',
    }),
    meeting: call({
      rpc: MemberSpaceService.method.getMyMeeting,
      method: 'GET',
      path: 'meetings/:id',
      summary: 'One meeting of my organisations (its minutes once held)',
      access: MEMBER_SPACE,
      reply: 'meeting',
      view: meetingView,
    }),
    requestLeave: call({
      rpc: MemberSpaceService.method.requestMyLeave,
      method: 'POST',
      path: 'meetings/:id/leave-request',
      status: 200,
      summary: 'Ask the organiser to excuse me from a meeting (请假)',
      access: MEMBER_SPACE,
      body: RequestLeaveDto,
      request: ({ params, body }) => ({ meetingId: params['id'], reason: body.reason }),
      reply: 'meeting',
      view: meetingView,
    }),
    thoughtReports: list({
      rpc: MemberSpaceService.method.listMyThoughtReports,
      path: 'thought-reports',
      unit: 'me/thought-reports',
      summary: 'My thought reports and the replies to them',
      access: MEMBER_SPACE,
      sort: ['submittedOn'],
      filters: {},
      items: 'thoughtReports',
      view: reportView,
      headers: (reply): Record<string, string> =>
        reply.nextDueOn ? { 'X-Next-Due-On': reply.nextDueOn } : {},
    }),
    submitThoughtReport: call({
      rpc: MemberSpaceService.method.submitMyThoughtReport,
      method: 'POST',
      path: 'thought-reports',
      summary: 'Submit a thought report (思想汇报) to my branch',
      access: MEMBER_SPACE,
      body: SubmitThoughtReportDto,
      request: ({ body }) => {
        const attachments = (body.attachments ?? []).map((a) => ({
          fileName: a.fileName,
          contentType: a.contentType,
          content: Buffer.from(a.contentBase64, 'base64'),
        }));
        const total = attachments.reduce((sum, a) => sum + a.content.length, 0);
        if (total > MAX_REPORT_ATTACHMENTS_BYTES || attachments.some((a) => a.content.length === 0))
          throw ValidationError.of('attachments', 'file_size', {
            max: `${MAX_REPORT_ATTACHMENTS_BYTES / 1024} KB`,
          });
        return { title: body.title, content: body.content, attachments };
      },
      reply: 'thoughtReport',
      view: reportView,
    }),
    transferDestinations: list({
      rpc: MemberSpaceService.method.listMyTransferDestinations,
      path: 'transfer-destinations',
      unit: 'me/transfer-destinations',
      summary: 'Branches of this tenant I may ask to move to (names only)',
      access: MEMBER_SPACE,
      sort: ['name'],
      filters: { q: filterOf.text },
      request: ({ q }: { q?: string }) => (q !== undefined ? { query: q } : {}),
      items: 'destinations',
      filterExample: '{"q":"第二"}',
    }),
    dues: call({
      rpc: MemberSpaceService.method.getMyDues,
      method: 'GET',
      path: 'dues',
      summary: 'My dues: the assessment in force, months due and paid, differences, what is outstanding',
      access: MEMBER_SPACE,
    }),
  },
});
