import { StudyPlanService, StudyPlanResultSchema } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { LEARNING_STAFF } from '../access.js';

const AUDIENCES = ['all', 'committee', 'activists', 'candidates'];
const STATUSES = ['not_started', 'behind', 'on_track', 'finished'] as const;

export class CreateStudyPlanDto {
  @ApiProperty({ example: '2026年第四季度党员集中学习' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
  @ApiProperty({ description: 'the plan is for this organisation’s subtree' })
  @IsUUID()
  organisationId!: string;
  @ApiProperty({
    enum: AUDIENCES,
    description:
      'all (probationary and full members), committee (secretaries and committee members), activists, candidates',
  })
  @IsIn(AUDIENCES)
  audience!: string;
  @ApiProperty({ example: '2026-10-01' }) @IsString() startsOn!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsString() endsOn!: string;
  @ApiProperty({ description: 'study time required, in minutes', example: 240 })
  @IsInt()
  @Min(0)
  @Max(60_000)
  requiredMinutes!: number;
  @ApiProperty()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  courseIds!: string[];
  @ApiPropertyOptional({ description: 'an exam the plan requires to be passed' })
  @IsOptional()
  @IsUUID()
  examId?: string;
}

/** 学习计划 (study plans) and their results, computed from the roster. */
export const StudyPlansResource = bindResource({
  path: 'study-plans',
  tag: 'learning',
  routes: {
    list: list({
      rpc: StudyPlanService.method.listStudyPlans,
      summary: 'The tenant’s study plans, the latest first',
      access: LEARNING_STAFF,
      sort: ['startsOn'],
      filters: { q: filterOf.text },
      request: ({ q }: { q?: string }) => ({ query: q }),
      items: 'studyPlans',
    }),
    get: call({
      rpc: StudyPlanService.method.getStudyPlan,
      method: 'GET',
      path: ':id',
      summary: 'One study plan',
      access: LEARNING_STAFF,
      reply: 'studyPlan',
    }),
    create: call({
      rpc: StudyPlanService.method.createStudyPlan,
      method: 'POST',
      summary: 'Set a study plan for an organisation’s subtree and an audience',
      access: LEARNING_STAFF,
      body: CreateStudyPlanDto,
      request: ({ body }) => ({ ...body, examId: body.examId ?? '' }),
      reply: 'studyPlan',
    }),
  },
});

/**
 * Where everyone of a plan's roster stands: who has not started, who is behind, who finished. The
 * list's totals by status come in headers (X-Not-Started, X-Behind, X-On-Track, X-Finished), and
 * X-Roster-Pending says whether the roster copy is still catching up (decision 0030).
 */
export const StudyPlanResultsResource = bindResource({
  path: 'study-plan-results',
  tag: 'learning',
  routes: {
    list: list({
      rpc: StudyPlanService.method.getStudyPlanResults,
      summary: 'A plan’s results by member, from the roster of its subtree',
      access: LEARNING_STAFF,
      sort: ['organisationName'],
      filters: { planId: filterOf.uuid, status: filterOf.someOf(STATUSES) },
      required: ['planId'],
      request: ({ planId, status }: { planId: string; status?: string[] }) => ({
        id: planId,
        statuses: status ?? [],
      }),
      items: 'results',
      view: (item: never) => toJson(StudyPlanResultSchema, item),
      headers: (reply) => ({
        'X-Not-Started': String(reply.notStarted),
        'X-Behind': String(reply.behind),
        'X-On-Track': String(reply.onTrack),
        'X-Finished': String(reply.finished),
        'X-Roster-Pending': String(reply.rosterPending),
      }),
      filterExample: '{"planId":"…","status":["not_started","behind"]}',
    }),
  },
});
