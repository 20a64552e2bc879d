import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';

const SUBJECTS = ['to_probationary', 'probation_extension', 'confirmation'] as const;

/** 表决: one member, one step, the counts as the meeting took them. */
export class RecordMeetingVoteDto {
  @ApiProperty({ description: 'a branch general meeting recorded as held' }) @IsUUID() meetingId!: string;
  @ApiProperty({ description: 'the member voted on' }) @IsUUID() memberId!: string;
  @ApiProperty({ enum: SUBJECTS }) @IsIn(SUBJECTS) subject!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) inFavour!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) against!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(100_000) abstained!: number;
}
