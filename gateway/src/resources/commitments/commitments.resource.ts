import {
  CommitmentSchema,
  CommitmentService,
  GetCommitmentRollupResponseSchema,
  type Commitment,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { DISCLOSURE_STAFF, MY_DISCLOSURES } from '../access.js';

class CommitmentTargetDto {
  @ApiProperty({ example: '开展主题党日活动' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description!: string;
  @ApiProperty({ example: '次' }) @IsString() @MaxLength(10) unit!: string;
  @ApiProperty({ example: 12, description: '0: not measurable yet (the review sends it back)' })
  @IsNumber()
  @Min(0)
  @Max(1e9)
  target!: number;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsNumber() @Min(0.01) @Max(100) weight?: number;
}

class CommitmentFieldsDto {
  @ApiProperty({ example: '2027年党建工作承诺' }) @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty({ type: [CommitmentTargetDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CommitmentTargetDto)
  targets!: CommitmentTargetDto[];
  @ApiProperty({ enum: ['tenant', 'public'] }) @IsIn(['tenant', 'public']) audience!: string;
  @ApiPropertyOptional({ description: 'its share in the tree’s roll-up (default 1)' })
  @IsOptional()
  @IsNumber()
  @Min(0.01)
  @Max(100)
  weight?: number;
}

export class ProposeCommitmentDto extends CommitmentFieldsDto {
  @ApiProperty() @IsUUID() organisationId!: string;
  @ApiProperty({ enum: ['organisation', 'secretary'] })
  @IsIn(['organisation', 'secretary'])
  committerKind!: string;
  @ApiPropertyOptional({ description: 'a secretary’s name as they sign it (default: theirs)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  committerName?: string;
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class ResubmitCommitmentDto extends CommitmentFieldsDto {
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) version!: number;
}

export class ReviewCommitmentDto {
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @ApiProperty({ enum: ['publish', 'return'] }) @IsIn(['publish', 'return']) decision!: string;
  @ApiPropertyOptional({ description: 'required when returning' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CommitmentProgressDto {
  @ApiProperty({ example: 'Q1', description: 'Q1–Q4, or M01–M12 where the tenant publishes monthly' })
  @IsString()
  @MaxLength(3)
  period!: string;
  @ApiProperty({ type: [Number], description: 'one figure per target, in order' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsNumber({}, { each: true })
  achieved!: number[];
  @ApiProperty({ example: '3月开展主题党日活动3次，见活动记录' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  evidence!: string;
  @ApiPropertyOptional({ description: 'link the meetings held in the organisation’s subtree in the period' })
  @IsOptional()
  @IsBoolean()
  linkMeetings?: boolean;
  @ApiPropertyOptional({ description: 'link a study plan’s completion' })
  @IsOptional()
  @IsUUID()
  studyPlanId?: string;
}

export class CloseCommitmentDto {
  @ApiProperty() @IsInt() @Min(1) @Max(1_000_000) version!: number;
  @ApiProperty({ enum: ['met', 'unmet'] }) @IsIn(['met', 'unmet']) outcome!: string;
  @ApiPropertyOptional({ description: 'required when unmet: shown to the commitment’s audience' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  explanation?: string;
}

export class AppraiseCommitmentDto {
  @ApiProperty({ enum: ['satisfied', 'fair', 'unsatisfied'] })
  @IsIn(['satisfied', 'fair', 'unsatisfied'])
  grade!: string;
}

const view = (commitment: Commitment) => toJson(CommitmentSchema, commitment);

/** 承诺 (公开承诺, 网上晾晒): commitments with measurable targets, progress and year-end appraisal. */
export const CommitmentsResource = bindResource({
  path: 'commitments',
  tag: 'disclosure',
  routes: {
    list: list({
      rpc: CommitmentService.method.listCommitments,
      summary: 'Commitments (a member: the published ones), by year, organisation subtree or status',
      access: MY_DISCLOSURES,
      sort: ['year'],
      filters: {
        year: filterOf.int,
        organisationId: filterOf.uuid,
        status: filterOf.oneOf(['proposed', 'returned', 'published', 'met', 'unmet'] as const),
      },
      filterExample: '{"year":2027}',
      items: 'commitments',
      view: view as never,
    }),
    get: call({
      rpc: CommitmentService.method.getCommitment,
      method: 'GET',
      path: ':id',
      summary: 'A commitment with its targets, progress entries and appraisals',
      access: MY_DISCLOSURES,
      reply: 'commitment',
      view,
    }),
    propose: call({
      rpc: CommitmentService.method.proposeCommitment,
      method: 'POST',
      summary: 'Propose a commitment for the year (reviewed by the organisation above before publication)',
      access: DISCLOSURE_STAFF,
      body: ProposeCommitmentDto,
      reply: 'commitment',
      view,
    }),
    resubmit: call({
      rpc: CommitmentService.method.resubmitCommitment,
      method: 'PUT',
      path: ':id',
      summary: 'Correct a returned commitment and send it for review again',
      access: DISCLOSURE_STAFF,
      body: ResubmitCommitmentDto,
      reply: 'commitment',
      view,
    }),
    review: call({
      rpc: CommitmentService.method.reviewCommitment,
      method: 'POST',
      path: ':id/review',
      status: 200,
      summary: 'Publish (every target measurable) or return with a note',
      access: DISCLOSURE_STAFF,
      body: ReviewCommitmentDto,
      request: ({ params, body }) => ({ id: params['id'], ...body, note: body.note ?? '' }),
      reply: 'commitment',
      view,
    }),
    progress: call({
      rpc: CommitmentService.method.recordCommitmentProgress,
      method: 'POST',
      path: ':id/progress',
      summary: 'Record the period’s progress with its evidence (the latest entry counts; all are kept)',
      access: DISCLOSURE_STAFF,
      body: CommitmentProgressDto,
      request: ({ params, body }) => ({
        commitmentId: params['id'],
        ...body,
        linkMeetings: body.linkMeetings ?? false,
      }),
      reply: 'commitment',
      view,
    }),
    close: call({
      rpc: CommitmentService.method.closeCommitment,
      method: 'POST',
      path: ':id/outcome',
      status: 200,
      summary: 'Year end: met, or unmet with the explanation its audience reads',
      access: DISCLOSURE_STAFF,
      body: CloseCommitmentDto,
      request: ({ params, body }) => ({ id: params['id'], ...body, explanation: body.explanation ?? '' }),
      reply: 'commitment',
      view,
    }),
    appraise: call({
      rpc: CommitmentService.method.appraiseCommitment,
      method: 'POST',
      path: ':id/appraisals',
      summary: 'My appraisal of a commitment (once)',
      access: MY_DISCLOSURES,
      body: AppraiseCommitmentDto,
      reply: 'commitment',
      view,
    }),
  },
});

/** 承诺晾晒: an organisation's subtree for a year, rolled up, and each organisation below it. */
export const CommitmentRollupsResource = bindResource({
  path: 'commitment-rollups',
  tag: 'disclosure',
  routes: {
    get: call({
      rpc: CommitmentService.method.getCommitmentRollup,
      method: 'GET',
      path: ':id/:year',
      textParams: ['year'],
      summary: 'The year’s progress of an organisation’s subtree (weighted) and of each organisation below',
      access: DISCLOSURE_STAFF,
      request: ({ params }) => ({
        organisationId: params['id'],
        // Not a year: 0, which the service names as the bad field.
        year: /^\d{4}$/.test(params['year'] ?? '') ? Number(params['year']) : 0,
      }),
      reply: (reply) => toJson(GetCommitmentRollupResponseSchema, reply),
    }),
  },
});
