import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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
  @ApiProperty({
    enum: ['article'],
    description: 'article today; video, audio and documents with the media store',
  })
  @IsIn(['article'])
  kind!: string;
  @ApiProperty({ example: '第一讲 党的性质和宗旨' }) @IsString() @MinLength(1) @MaxLength(100) title!: string;
  @ApiProperty({ description: 'the article’s text' })
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  body!: string;
}
