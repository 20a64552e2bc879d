import { GRADUATE_DESTINATIONS } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateOnly } from '../../http/date-only.js';

export class RecordGraduationDto {
  @ApiProperty({ example: '2026-06-30' }) @IsDateOnly() graduatesOn!: string;
  @ApiPropertyOptional({
    enum: GRADUATE_DESTINATIONS,
    default: 'unknown',
    description:
      'employed: transfer to the employer (or the local street / talent-service organisation); unemployed: may stay up to 2 years',
  })
  @IsOptional()
  @IsIn(GRADUATE_DESTINATIONS)
  destination?: string;
  @ApiPropertyOptional({ example: '艾克米集团' }) @IsOptional() @IsString() @MaxLength(100) employer?: string;
}
