import { QuestionBankService, QuestionSchema } from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { LEARNING_STAFF } from '../access.js';

const QUESTION_KINDS = ['single_choice', 'multiple_choice', 'true_false', 'fill_blank', 'short_answer'];

export class CreateQuestionBankDto {
  @ApiProperty({ example: '党章知识题库' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
}

export class AddQuestionDto {
  @ApiProperty({ example: '党章' }) @IsString() @MinLength(1) @MaxLength(20) category!: string;
  @ApiProperty({ enum: QUESTION_KINDS }) @IsIn(QUESTION_KINDS) kind!: string;
  @ApiProperty({ example: '中国共产党的最高理想和最终目标是（ ）' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  stem!: string;
  @ApiPropertyOptional({ description: 'the choices of a choice question, 2 to 8' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  options?: string[];
  @ApiPropertyOptional({
    description:
      'choice: the right options’ indexes ("0"); true_false: "true" or "false"; fill_blank: per blank the accepted answers separated by "|"; short_answer: none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  answer?: string[];
  @ApiPropertyOptional({ description: 'how a grader scores a short answer' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  rubric?: string;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(100) points!: number;
  @ApiPropertyOptional({ description: 'why the answer is right (解析), shown in the wrong-answer book' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  explanation?: string;
}

/** 题库 (question banks) and their questions. */
export const QuestionBanksResource = bindResource({
  path: 'question-banks',
  tag: 'learning',
  routes: {
    list: list({
      rpc: QuestionBankService.method.listQuestionBanks,
      summary: 'The tenant’s question banks',
      access: LEARNING_STAFF,
      sort: ['name'],
      filters: { q: filterOf.text },
      request: ({ q }: { q?: string }) => ({ query: q }),
      items: 'questionBanks',
    }),
    get: call({
      rpc: QuestionBankService.method.getQuestionBank,
      method: 'GET',
      path: ':id',
      summary: 'One bank, with its categories and how many questions each holds',
      access: LEARNING_STAFF,
      reply: 'questionBank',
    }),
    create: call({
      rpc: QuestionBankService.method.createQuestionBank,
      method: 'POST',
      summary: 'Add a question bank',
      access: LEARNING_STAFF,
      body: CreateQuestionBankDto,
      reply: 'questionBank',
    }),
    questions: call({
      rpc: QuestionBankService.method.listQuestions,
      method: 'GET',
      path: ':id/questions',
      summary: 'A bank’s questions, by category',
      access: LEARNING_STAFF,
      request: ({ params }) => ({ bankId: params['id'] }),
      reply: ({ questions }) => questions.map((q) => toJson(QuestionSchema, q)),
    }),
    addQuestion: call({
      rpc: QuestionBankService.method.addQuestion,
      method: 'POST',
      path: ':id/questions',
      summary: 'Add a question to a bank',
      access: LEARNING_STAFF,
      body: AddQuestionDto,
      request: ({ params, body }) => ({
        bankId: params['id'],
        category: body.category,
        kind: body.kind,
        stem: body.stem,
        options: body.options ?? [],
        answer: body.answer ?? [],
        rubric: body.rubric ?? '',
        points: body.points,
        explanation: body.explanation ?? '',
      }),
      reply: 'question',
    }),
  },
});
