import { DEVELOPMENT_STAGES, OCCUPATIONS } from '@dangjian/contracts';
import { IsDateOnly } from '../../http/date-only.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

export { DEVELOPMENT_STAGES, MEMBER_STATUSES, OCCUPATIONS } from '@dangjian/contracts';

export class CreateMemberDto {
  @ApiProperty() @IsUUID() organisationId!: string;
  @ApiProperty({ example: '张伟' }) @IsString() @MaxLength(50) name!: string;
  @ApiPropertyOptional({ example: '汉族' }) @IsOptional() @IsString() @MaxLength(20) ethnicity?: string;
  @ApiProperty({
    description: 'GB 11643 (check character validated); gender and birth date are read from it',
  })
  @IsString()
  @MaxLength(18)
  idCardNumber!: string;
  @ApiPropertyOptional({ example: '13812345678' }) @IsOptional() @IsString() @MaxLength(11) phone?: string;
  @ApiPropertyOptional({ example: '大学本科' }) @IsOptional() @IsString() @MaxLength(20) education?: string;
  @ApiProperty({ enum: OCCUPATIONS }) @IsIn(OCCUPATIONS) occupation!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) workUnit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string;
  @ApiProperty({ enum: DEVELOPMENT_STAGES }) @IsIn(DEVELOPMENT_STAGES) developmentStage!: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() joinedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateOnly() confirmedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() mobile?: boolean;
  @ApiPropertyOptional({ description: "the member's login, when they have one" })
  @IsOptional()
  @IsUUID()
  userId?: string;
  @ApiPropertyOptional({
    description: 'when the member entered the stage (an applicant: the date of the written application)',
  })
  @IsOptional()
  @IsDateOnly()
  stageSince?: string;
}

/** PUT: the fields that may change here, and why (kept in the member's history). */
export class UpdateMemberDto {
  @ApiProperty({ description: 'why the record changes (kept in the history)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) ethnicity?: string;
  @ApiPropertyOptional({ description: 'empty to remove' })
  @IsOptional()
  @IsString()
  @MaxLength(11)
  phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) education?: string;
  @ApiPropertyOptional({ enum: OCCUPATIONS }) @IsOptional() @IsIn(OCCUPATIONS) occupation?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) workUnit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() mobile?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() lostContact?: boolean;
  @ApiPropertyOptional({ description: "the member's login (a user of this tenant); empty to unlink" })
  @IsOptional()
  @ValidateIf((dto: { userId?: string }) => dto.userId !== '')
  @IsUUID()
  userId?: string;
}

export class UnmaskDto {
  @ApiProperty({ description: 'why the full numbers are needed (audited)' })
  @IsString()
  @MaxLength(200)
  reason!: string;
}
