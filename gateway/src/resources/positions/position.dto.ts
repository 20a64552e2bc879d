import { IsDateOnly } from '../../http/date-only.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const POSITION_KINDS = ['secretary', 'deputy_secretary', 'committee_member'] as const;

export class CreatePositionDto {
  @ApiProperty() @IsUUID() organisationId!: string;
  @ApiProperty({ enum: POSITION_KINDS }) @IsIn(POSITION_KINDS) kind!: (typeof POSITION_KINDS)[number];
  @ApiPropertyOptional({
    example: '张伟',
    description: "may be left out when holderMemberId names the member: the member's name is used",
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  holderName?: string;
  @ApiPropertyOptional({ description: "the holder's login, when they have one" })
  @IsOptional()
  @IsUUID()
  holderUserId?: string;
  @ApiPropertyOptional({
    description:
      "the holder's member record in the organisation's subtree (committee quorum counts holders by it)",
  })
  @IsOptional()
  @IsUUID()
  holderMemberId?: string;
  @ApiProperty({ example: '2024-12-01' }) @IsDateOnly() termStart!: string;
  @ApiProperty({ example: '2027-11-30' }) @IsDateOnly() termEnd!: string;
}

/** PUT ends the term early; the position stays in the history. */
export class EndPositionDto {
  @ApiProperty({ example: '2026-06-30' }) @IsDateOnly() endedOn!: string;
}

export class PositionView {
  @ApiProperty() id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty({ enum: POSITION_KINDS }) kind!: string;
  @ApiProperty() holderName!: string;
  @ApiProperty({ nullable: true, type: String }) holderUserId!: string | null;
  @ApiProperty({ nullable: true, type: String }) holderMemberId!: string | null;
  @ApiProperty() termStart!: string;
  @ApiProperty() termEnd!: string;
  @ApiProperty({ nullable: true, type: String }) endedOn!: string | null;
  @ApiProperty() current!: boolean;
  @ApiProperty({ description: 'the term ends within 90 days' }) termEndingSoon!: boolean;
  @ApiProperty() createdAt!: string;
}
