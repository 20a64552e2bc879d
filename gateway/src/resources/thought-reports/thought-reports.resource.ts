import { ThoughtReportService } from '@dangjian/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsDateOnly } from '../../http/date-only.js';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { ORGANISATION_STAFF } from '../access.js';
import { OverdueThoughtReportSchema, type OverdueThoughtReport } from '@dangjian/contracts';

export class ReplyToThoughtReportDto {
  @ApiProperty({ example: '汇报认真，联系工作实际，请继续加强理论学习。' })
  @IsString()
  @MinLength(2)
  @MaxLength(5_000)
  reply!: string;
}

export class CreateThoughtReportDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ example: '2026-10-15' }) @IsDateOnly() submittedOn!: string;
  @ApiProperty({ example: '2026年第三季度思想汇报' }) @IsString() @MaxLength(100) title!: string;
  @ApiProperty() @IsString() @MaxLength(20_000) content!: string;
}

/** 思想汇报 of applicants, activists and probationary members. */
export const ThoughtReportsResource = bindResource({
  path: 'thought-reports',
  routes: {
    list: list({
      rpc: ThoughtReportService.method.listThoughtReports,
      summary: 'A member’s thought reports',
      access: ORGANISATION_STAFF,
      sort: ['submittedOn'],
      filters: { memberId: filterOf.uuid },
      items: 'thoughtReports',
      filterExample: '{"memberId":"…"}',
    }),
    create: call({
      rpc: ThoughtReportService.method.createThoughtReport,
      method: 'POST',
      summary: 'Record a thought report a member handed in',
      access: ORGANISATION_STAFF,
      body: CreateThoughtReportDto,
      reply: 'thoughtReport',
    }),
    reply: call({
      rpc: ThoughtReportService.method.replyToThoughtReport,
      method: 'POST',
      path: ':id/reply',
      status: 200,
      summary: 'Answer a thought report; the member reads the reply in their space',
      access: ORGANISATION_STAFF,
      body: ReplyToThoughtReportDto,
      request: ({ params, body }) => ({ id: params['id'], reply: body.reply }),
      reply: 'thoughtReport',
    }),
  },
});

/** Reports members submitted themselves that nobody answered yet, oldest first. */
export const UnansweredThoughtReportsResource = bindResource({
  path: 'unanswered-thought-reports',
  tag: 'thought-reports',
  routes: {
    list: list({
      rpc: ThoughtReportService.method.listUnansweredThoughtReports,
      summary: 'Thought reports members submitted that wait for an answer',
      access: ORGANISATION_STAFF,
      sort: ['createdAt'],
      filters: { withinId: filterOf.uuid },
      items: 'thoughtReports',
      filterExample: '{"withinId":"…"}',
    }),
  },
});

/** Members behind the tenant's thought-report cadence (default quarterly), for their secretary. */
export const OverdueThoughtReportsResource = bindResource({
  path: 'overdue-thought-reports',
  tag: 'thought-reports',
  routes: {
    list: list({
      rpc: ThoughtReportService.method.listOverdueThoughtReports,
      summary: 'Members whose next thought report is overdue',
      access: ORGANISATION_STAFF,
      sort: ['dueOn'],
      filters: { withinId: filterOf.uuid },
      items: 'overdue',
      // react-admin needs an id: the member's.
      view: (item: OverdueThoughtReport, { reply }) => ({
        id: item.memberId,
        ...toJson(OverdueThoughtReportSchema, item),
        cadenceMonths: reply.cadenceMonths,
      }),
      filterExample: '{"withinId":"…"}',
    }),
  },
});
