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
} from 'class-validator';
import { IsDateOnly, IsMonth } from '../../http/date-only.js';

/** 党费核定: amounts in fen (分), never floating yuan. */
export class CreateDuesAssessmentDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({
    example: '2027-01',
    description: 'first month it applies to (YYYY-MM): January, or the month new pay is received',
  })
  @IsMonth()
  effectiveFrom!: string;
  @ApiPropertyOptional({
    example: 650_000,
    description: 'monthly base in fen (salary after tax, pension, …) for base-rated occupations',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  baseFen?: number;
  @ApiPropertyOptional({ enum: ['none', 'reduced', 'exempt'], default: 'none' })
  @IsOptional()
  @IsIn(['none', 'reduced', 'exempt'])
  reduction?: string;
  @ApiPropertyOptional({ description: 'the reduced monthly amount in fen' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  reducedFen?: number;
  @ApiPropertyOptional({ example: '2026-12-20' }) @IsOptional() @IsDateOnly() branchDecidedOn?: string;
  @ApiPropertyOptional({ example: '2026-12-28' }) @IsOptional() @IsDateOnly() higherApprovedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @ApiPropertyOptional({
    enum: ['monthly', 'quarterly'],
    default: 'monthly',
    description: 'quarterly only with the branch’s consent (quarterlyConsentedOn)',
  })
  @IsOptional()
  @IsIn(['monthly', 'quarterly'])
  paymentSchedule?: string;
  @ApiPropertyOptional({
    example: '2026-12-20',
    description: 'the day the branch consented to quarterly payment',
  })
  @IsOptional()
  @IsDateOnly()
  quarterlyConsentedOn?: string;
}

export class RunDuesMonthDto {
  @ApiProperty({ example: '2026-11' }) @IsMonth() month!: string;
}

export class RecordDuesPaymentDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({
    example: ['2026-10', '2026-11'],
    description: 'months paid (back payment ≤ 6 months, prepayment ≤ 12)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(19)
  @IsMonth({ each: true })
  months!: string[];
  @ApiPropertyOptional({
    description: 'voluntary extra in fen; ¥1,000 or more is flagged to be passed up in full',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  voluntaryFen?: number;
  @ApiProperty({ example: '2026-11-20' }) @IsDateOnly() paidOn!: string;
  @ApiPropertyOptional({ description: 'who paid on the member’s behalf (a relative, another member)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  paidByName?: string;
  @ApiPropertyOptional({ default: 'treasurer', description: 'payment provider; offline: treasurer' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  provider?: string;
}

export class SettleDuesDifferenceDto {
  @ApiProperty({ example: '2026-11-30', description: 'the day the difference was paid' })
  @IsDateOnly()
  paidOn!: string;
}
