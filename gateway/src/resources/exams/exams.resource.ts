import { ExamService } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { LEARNING_STAFF } from '../access.js';

export class DrawRuleDto {
  @ApiProperty({ example: '党章' }) @IsString() @MinLength(1) @MaxLength(20) category!: string;
  @ApiProperty({ example: 5 }) @IsInt() @Min(1) @Max(100) count!: number;
}

export class CreateExamDto {
  @ApiProperty({ example: '2026年党章党规知识测试' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty() @IsUUID() bankId!: string;
  @ApiProperty({ enum: ['fixed', 'random'] }) @IsIn(['fixed', 'random']) paperKind!: string;
  @ApiPropertyOptional({ description: 'fixed: the questions in order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  questionIds?: string[];
  @ApiPropertyOptional({ type: [DrawRuleDto], description: 'random: how many of each category' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DrawRuleDto)
  draw?: DrawRuleDto[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() shuffleOptions?: boolean;
  @ApiProperty({ example: 30 }) @IsInt() @Min(1) @Max(600) timeLimitMinutes!: number;
  @ApiProperty({ example: 60 }) @IsInt() @Min(0) @Max(10_000) passingScore!: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(20) maxAttempts!: number;
  @ApiPropertyOptional({ example: 60 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(43_200)
  retakeDelayMinutes?: number;
  @ApiPropertyOptional({
    description: 'a training exam: the class hours of the training it closes (rules.md §3 needs 24)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  trainingClassHours?: number;
  @ApiPropertyOptional({ description: 'a training exam: the days of the training (rules.md §3 needs 3)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  trainingDays?: number;
  @ApiProperty({ example: '2026-12-01T08:00:00+08:00' }) @IsString() opensAt!: string;
  @ApiProperty({ example: '2026-12-31T22:00:00+08:00' }) @IsString() closesAt!: string;
}

export class GradeDto {
  @ApiProperty() @IsUUID() questionId!: string;
  @ApiProperty() @IsInt() @Min(0) @Max(100) points!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class GradeAttemptDto {
  @ApiProperty({ type: [GradeDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => GradeDto)
  grades!: GradeDto[];
}

/** 考试 (exams): the paper, the window, the time limit, the attempts allowed. */
export const ExamsResource = bindResource({
  path: 'exams',
  tag: 'learning',
  routes: {
    list: list({
      rpc: ExamService.method.listExams,
      summary: 'The tenant’s exams, the latest first',
      access: LEARNING_STAFF,
      sort: ['opensAt'],
      filters: { q: filterOf.text },
      request: ({ q }: { q?: string }) => ({ query: q }),
      items: 'exams',
    }),
    get: call({
      rpc: ExamService.method.getExam,
      method: 'GET',
      path: ':id',
      summary: 'One exam',
      access: LEARNING_STAFF,
      reply: 'exam',
    }),
    create: call({
      rpc: ExamService.method.createExam,
      method: 'POST',
      summary: 'Set an exam: a fixed paper, or K drawn at random of each category',
      access: LEARNING_STAFF,
      body: CreateExamDto,
      request: ({ body }) => ({
        ...body,
        questionIds: body.questionIds ?? [],
        draw: body.draw ?? [],
        shuffleOptions: body.shuffleOptions ?? true,
        retakeDelayMinutes: body.retakeDelayMinutes ?? 0,
        trainingClassHours: body.trainingClassHours ?? 0,
        trainingDays: body.trainingDays ?? 0,
      }),
      reply: 'exam',
    }),
  },
});

/** 答卷: the attempts of an exam, for the organiser (integrity signals shown) and the grader. */
export const ExamAttemptsResource = bindResource({
  path: 'exam-attempts',
  tag: 'learning',
  routes: {
    list: list({
      rpc: ExamService.method.listExamAttempts,
      summary: 'An exam’s attempts, the latest first (status grading: waiting for a grader)',
      access: LEARNING_STAFF,
      sort: ['startedAt'],
      filters: { examId: filterOf.uuid, status: filterOf.oneOf(['in_progress', 'grading', 'graded']) },
      required: ['examId'],
      items: 'examAttempts',
      filterExample: '{"examId":"…","status":"grading"}',
    }),
    get: call({
      rpc: ExamService.method.getExamAttempt,
      method: 'GET',
      path: ':id',
      summary: 'One attempt with its answers, the right answers and the rubric',
      access: LEARNING_STAFF,
      reply: 'examAttempt',
    }),
    grade: call({
      rpc: ExamService.method.gradeExamAttempt,
      method: 'POST',
      path: ':id/grades',
      status: 200,
      summary: 'Score the short answers of a handed-in attempt; the score is then final',
      access: LEARNING_STAFF,
      body: GradeAttemptDto,
      request: ({ params, body }) => ({
        id: params['id'],
        grades: body.grades.map((g) => ({ ...g, comment: g.comment ?? '' })),
      }),
      reply: 'examAttempt',
    }),
  },
});
