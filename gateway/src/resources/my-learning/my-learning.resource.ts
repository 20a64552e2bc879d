import {
  MyLearningService,
  MyExamSchema,
  WrongAnswerSchema,
  type MyExam,
  type WrongAnswer,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { bindResource, call } from '../../http/resource.js';
import { MY_LEARNING } from '../access.js';

export class HeartbeatDto {
  @ApiProperty({ description: 'one page view or player (8–64 letters, digits, - or _)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/)
  sessionId!: string;
  @ApiProperty({
    description: 'the person was active since the last beat (input, scrolling or media playing)',
  })
  @IsBoolean()
  active!: boolean;
  @ApiPropertyOptional({ description: 'where the player is, in seconds' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(86_400)
  positionSeconds?: number;
}

export class SaveAnswerDto {
  @ApiProperty() @IsUUID() questionId!: string;
  @ApiProperty({
    description:
      'choice: the indexes of the options as shown; true_false: "true"/"false"; fill_blank: per blank; short_answer: one text',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(5000, { each: true })
  response!: string[];
}

/** 党员e家 · 学习: the caller's courses and lesson progress (by login, never by id). */
export const MyCoursesResource = bindResource({
  path: 'me/courses',
  tag: 'member space',
  routes: {
    list: call({
      rpc: MyLearningService.method.listMyCourses,
      method: 'GET',
      summary: 'Courses to study, with how many lessons I have studied',
      access: MY_LEARNING,
    }),
    get: call({
      rpc: MyLearningService.method.getMyCourse,
      method: 'GET',
      path: ':id',
      summary: 'A course’s lessons and my progress in each (a video resumes where I left it)',
      access: MY_LEARNING,
    }),
  },
});

export const MyLessonsResource = bindResource({
  path: 'me/lessons',
  tag: 'member space',
  routes: {
    heartbeat: call({
      rpc: MyLearningService.method.recordLessonHeartbeat,
      method: 'POST',
      path: ':id/heartbeats',
      status: 200,
      summary: 'I am on this lesson: the server credits active time and keeps the player’s position',
      access: MY_LEARNING,
      body: HeartbeatDto,
      request: ({ params, body }) => ({ lessonId: params['id'], ...body }),
    }),
  },
});

export const MyStudyHoursResource = bindResource({
  path: 'me/study-hours',
  tag: 'member space',
  routes: {
    get: call({
      rpc: MyLearningService.method.getMyStudyHours,
      method: 'GET',
      path: ':year',
      textParams: ['year'],
      summary: 'My study hours of a year: earned, required by my plans, and each plan’s standing',
      access: MY_LEARNING,
      request: ({ params }) => ({ year: Number(params['year']) }),
    }),
  },
});

export const MyExamsResource = bindResource({
  path: 'me/exams',
  tag: 'member space',
  routes: {
    list: call({
      rpc: MyLearningService.method.listMyExams,
      method: 'GET',
      summary: 'Exams open to me, my attempts and best score',
      access: MY_LEARNING,
      reply: ({ exams }) => exams.map((exam: MyExam) => toJson(MyExamSchema, exam)),
    }),
    start: call({
      rpc: MyLearningService.method.startMyExamAttempt,
      method: 'POST',
      path: ':id/attempts',
      summary: 'Start an attempt (or go back to the one open): the paper drawn for me, the server’s deadline',
      access: MY_LEARNING,
      request: ({ params }) => ({ examId: params['id'] }),
      reply: 'attempt',
    }),
  },
});

export const MyExamAttemptsResource = bindResource({
  path: 'me/exam-attempts',
  tag: 'member space',
  routes: {
    get: call({
      rpc: MyLearningService.method.getMyExamAttempt,
      method: 'GET',
      path: ':id',
      summary: 'My attempt: the paper, my saved answers, the deadline and the server’s time',
      access: MY_LEARNING,
      reply: 'attempt',
    }),
    save: call({
      rpc: MyLearningService.method.saveMyExamAnswer,
      method: 'PUT',
      path: ':id/answers',
      summary: 'Save one answer as it is given (refused once the time is up)',
      access: MY_LEARNING,
      body: SaveAnswerDto,
      request: ({ params, body }) => ({ attemptId: params['id'], ...body }),
    }),
    submit: call({
      rpc: MyLearningService.method.submitMyExamAttempt,
      method: 'POST',
      path: ':id/submission',
      status: 200,
      summary: 'Hand in: objective questions are graded at once',
      access: MY_LEARNING,
      reply: 'attempt',
    }),
    focusLost: call({
      rpc: MyLearningService.method.recordMyFocusLost,
      method: 'POST',
      path: ':id/focus-lost',
      status: 200,
      summary: 'The exam page lost focus (counted and shown to the organiser, never punished automatically)',
      access: MY_LEARNING,
      request: ({ params }) => ({ attemptId: params['id'] }),
    }),
  },
});

export const MyWrongAnswersResource = bindResource({
  path: 'me/wrong-answers',
  tag: 'member space',
  routes: {
    list: call({
      rpc: MyLearningService.method.listMyWrongAnswers,
      method: 'GET',
      summary: '错题本: questions I last answered wrongly, with the right answer',
      access: MY_LEARNING,
      reply: ({ wrongAnswers }) => wrongAnswers.map((w: WrongAnswer) => toJson(WrongAnswerSchema, w)),
    }),
  },
});
