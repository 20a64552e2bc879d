import { APPRAISAL_GRADES, ATTENDANCE_STATUSES, MEETING_ACTIONS, MEETING_KINDS } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBase64,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../../http/date-only.js';
import { IsInstant, WithZone } from '../../http/instant.js';

export class CreateMeetingDto {
  @ApiProperty() @IsUUID() organisationId!: string;
  @ApiProperty({ enum: MEETING_KINDS }) @IsIn(MEETING_KINDS) kind!: string;
  @ApiProperty({ example: '第四季度支部党员大会' }) @IsString() @MinLength(1) @MaxLength(100) title!: string;
  @ApiProperty({ example: '2026-12-01T14:30:00+08:00' }) @IsInstant() @WithZone() scheduledAt!: string;
  @ApiPropertyOptional({ example: '党员活动室' }) @IsOptional() @IsString() @MaxLength(200) place?: string;
  @ApiPropertyOptional({ example: '一、学习党章；二、讨论发展对象' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  agenda?: string;
  @ApiPropertyOptional({ description: 'mobile members (流动党员) may sign in online' })
  @IsOptional()
  @IsBoolean()
  onlineAllowed?: boolean;
  @ApiPropertyOptional({ description: 'party lectures only: the member who gives it' })
  @IsOptional()
  @IsUUID()
  lecturerMemberId?: string;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() @WithZone() scheduledAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) place?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) agenda?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() onlineAllowed?: boolean;
  @ApiPropertyOptional({ description: 'the minutes (会议纪要); also after the meeting was held' })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  minutes?: string;
  @ApiPropertyOptional({
    description: 'party lectures only: the member who gives (gave) it; empty clears it',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== '')
  @IsUUID()
  lecturerMemberId?: string;
}

export class ActOnMeetingDto {
  @ApiProperty({ enum: MEETING_ACTIONS }) @IsIn(MEETING_ACTIONS) action!: string;
  @ApiPropertyOptional({ description: 'hold: the date it was held' })
  @ValidateIf((dto: ActOnMeetingDto) => dto.action === 'hold')
  @IsDateOnly()
  heldOn?: string;
  @ApiPropertyOptional({ description: 'hold: the minutes' })
  @IsOptional()
  @IsString()
  @MaxLength(50_000)
  minutes?: string;
  @ApiPropertyOptional({ description: 'cancel: why' })
  @ValidateIf((dto: ActOnMeetingDto) => dto.action === 'cancel')
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class AddMeetingAttachmentDto {
  @ApiProperty({ example: '会议纪要.pdf' }) @IsString() @MinLength(1) @MaxLength(200) fileName!: string;
  @ApiProperty({ example: 'application/pdf' })
  @IsString()
  @Matches(/^[\w.+-]+\/[\w.+-]+$/, {
    message: 'contentType must be a media type',
    context: { code: 'not_a_media_type' },
  })
  contentType!: string;
  @ApiProperty({ description: 'the file, base64 (at most 700 KB)' }) @IsBase64() contentBase64!: string;
}

class AppraisalGradeEntryDto {
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ enum: APPRAISAL_GRADES }) @IsIn(APPRAISAL_GRADES) grade!: string;
}

export class RecordAppraisalGradesDto {
  @ApiProperty({ type: [AppraisalGradeEntryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AppraisalGradeEntryDto)
  grades!: AppraisalGradeEntryDto[];
}

export class RecordAttendanceDto {
  @ApiProperty() @IsUUID() meetingId!: string;
  @ApiProperty() @IsUUID() memberId!: string;
  @ApiProperty({ enum: ATTENDANCE_STATUSES, description: 'excused: 请假 (a valid reason)' })
  @IsIn(ATTENDANCE_STATUSES)
  status!: string;
}

export class SignInDto {
  @ApiProperty() @IsUUID() meetingId!: string;
  @ApiPropertyOptional({ description: 'the token from the QR code shown at the meeting' })
  @ValidateIf((dto: SignInDto) => !dto.online)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  token?: string;
  @ApiPropertyOptional({ description: 'sign in online (mobile members, when the meeting allows it)' })
  @IsOptional()
  @IsBoolean()
  online?: boolean;
}
