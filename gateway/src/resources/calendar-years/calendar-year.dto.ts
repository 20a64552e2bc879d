import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { IsDateOnly } from '../../http/date-only.js';

export class HolidayRangeDto {
  @ApiProperty({ example: '2027-02-05' }) @IsDateOnly() first!: string;
  @ApiProperty({ example: '2027-02-13' }) @IsDateOnly() last!: string;
}

/** A year of the State Council's holiday arrangement, as the notice gives it. */
export class PutCalendarYearDto {
  @ApiProperty({ type: [HolidayRangeDto], description: 'days off, as inclusive ranges' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(40)
  @ValidateNested({ each: true })
  @Type(() => HolidayRangeDto)
  holidays!: HolidayRangeDto[];
  @ApiProperty({ type: [String], example: ['2027-02-20'], description: 'weekend days that are working days' })
  @IsArray()
  @ArrayMaxSize(40)
  @IsDateOnly({ each: true })
  workingWeekends!: string[];
  // What the console sends back of the record it read: accepted and ignored.
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() id?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() year?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() source?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() updatedBy?: unknown;
  @ApiPropertyOptional({ readOnly: true }) @IsOptional() updatedAt?: unknown;
}
