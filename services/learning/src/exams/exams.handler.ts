import {
  ExamService,
  type CreateExamRequest,
  type GetExamAttemptRequest,
  type GetExamRequest,
  type GradeExamAttemptRequest,
  type ListExamAttemptsRequest,
  type ListExamsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { ExamsUseCases } from './exams.use-cases.js';

/** 考试's RPCs: one line each. */
@Controller()
export class ExamsHandler implements RpcHandlers<typeof ExamService> {
  constructor(@Inject(ExamsUseCases) private readonly exams: ExamsUseCases) {}

  @RpcMethod(ExamService.method.createExam)
  async createExam(request: CreateExamRequest) {
    return { exam: await this.exams.create(request) };
  }

  @RpcMethod(ExamService.method.getExam)
  async getExam(request: GetExamRequest) {
    return { exam: await this.exams.get(request.id) };
  }

  @RpcMethod(ExamService.method.listExams)
  listExams(request: ListExamsRequest) {
    return this.exams.list(request);
  }

  @RpcMethod(ExamService.method.listExamAttempts)
  listExamAttempts(request: ListExamAttemptsRequest) {
    return this.exams.attempts(request);
  }

  @RpcMethod(ExamService.method.getExamAttempt)
  async getExamAttempt(request: GetExamAttemptRequest) {
    return { examAttempt: await this.exams.attempt(request.id) };
  }

  @RpcMethod(ExamService.method.gradeExamAttempt)
  async gradeExamAttempt(request: GradeExamAttemptRequest) {
    return { examAttempt: await this.exams.grade(request) };
  }
}
