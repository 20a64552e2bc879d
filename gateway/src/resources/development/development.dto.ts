import { DEVELOPMENT_STEP_KINDS } from '@dangjian/contracts';
import { IsDateOnly } from '../../http/date-only.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  IsObject,
} from 'class-validator';

export class VoteDto {
  @ApiProperty({ description: 'members with the right to vote' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  eligible!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(10_000) present!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(10_000) inFavour!: number;
}

/** One step of membership development and the facts its checks read (rules.md §3). */
export class RecordStepDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ enum: DEVELOPMENT_STEP_KINDS }) @IsIn(DEVELOPMENT_STEP_KINDS) kind!: string;
  @ApiProperty({ example: '2026-11-20', description: 'date of the decision, meeting, talk or review' })
  @IsDateOnly()
  decidedOn!: string;
  @ApiPropertyOptional({
    type: [String],
    description: 'to_activist: 1–2 sponsors (培养联系人), full members',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  sponsorIds?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'to_probationary: two introducers (入党介绍人), full members',
  })
  @IsOptional()
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  introducerIds?: string[];
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(1000) trainingHours?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(365) trainingDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() politicalReviewConcludedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() preReviewedOn?: string;
  @ApiPropertyOptional({ description: 'the candidate leaves the unit within 3 months' })
  @IsOptional()
  @IsBoolean()
  leavingUnitSoon?: boolean;
  @ApiPropertyOptional({
    description: 'a person checked a provisional publicity end date against the published holidays',
  })
  @IsOptional()
  @IsBoolean()
  calendarConfirmed?: boolean;
  @ApiPropertyOptional({ type: VoteDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => VoteDto)
  vote?: VoteDto;
  @ApiPropertyOptional({
    description:
      'the general meeting’s vote as recorded with the meeting (meeting-votes); then vote is left out and decidedOn is the day it was held',
  })
  @IsOptional()
  @IsUUID()
  meetingVoteId?: string;
  @ApiPropertyOptional({
    description:
      'to_probationary: a training exam the member passed (learning); its class hours and days are the training, so trainingHours and trainingDays are left out',
  })
  @IsOptional()
  @IsUUID()
  trainingExamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() higherApprovedOn?: string;
  @ApiPropertyOptional({ description: 'needed when approval came more than 3 months after the meeting' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  lateApprovalReason?: string;
  @ApiPropertyOptional({ description: "confirmation: the member's written application" })
  @IsOptional()
  @IsDateOnly()
  appliedOn?: string;
  @ApiPropertyOptional({ description: 'probation_extension: 6–12' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(24)
  extensionMonths?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
