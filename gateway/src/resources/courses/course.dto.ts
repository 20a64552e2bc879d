import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsBoolean,
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

export class CreateCourseDto {
  @ApiProperty({ example: '课程一' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
  @ApiPropertyOptional({ example: ['党史', '党章'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  tags?: string[];
}

export class AddLessonDto {
  @ApiProperty({ enum: ['article', 'video', 'audio', 'document'] })
  @IsIn(['article', 'video', 'audio', 'document'])
  kind!: string;
  @ApiProperty({ example: '第一讲 党的性质和宗旨' }) @IsString() @MinLength(1) @MaxLength(100) title!: string;
  @ApiPropertyOptional({ description: 'an article’s text; for media, an introduction' })
  @IsOptional()
  @IsString()
  @MaxLength(100_000)
  body?: string;
  @ApiPropertyOptional({
    description: 'a completed upload (POST /media-uploads) of a video, audio or document',
  })
  @IsOptional()
  @IsUUID()
  mediaUploadId?: string;
  @ApiPropertyOptional({ description: '学时 the lesson counts for, in minutes', example: 45 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  studyMinutes?: number;
  @ApiPropertyOptional({
    description: 'active seconds before it counts as studied; 4/5 of the minutes by default',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36_000)
  minDwellSeconds?: number;
}

export class CoursePublicationDto {
  @ApiProperty({ description: 'true publishes the catalogue course to every tenant; false takes it back' })
  @IsBoolean()
  published!: boolean;
}
