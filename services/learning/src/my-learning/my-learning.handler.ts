import {
  MyLearningService,
  type GetMyCourseRequest,
  type GetMyExamAttemptRequest,
  type GetMyStudyHoursRequest,
  type RecordLessonHeartbeatRequest,
  type RecordMyFocusLostRequest,
  type SaveMyExamAnswerRequest,
  type StartMyExamAttemptRequest,
  type SubmitMyExamAttemptRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { MyLearningUseCases } from './my-learning.use-cases.js';

/** The member's own learning's RPCs (党员e家 · 学习): each answers for the caller's login. */
@Controller()
export class MyLearningHandler implements RpcHandlers<typeof MyLearningService> {
  constructor(@Inject(MyLearningUseCases) private readonly my: MyLearningUseCases) {}

  @RpcMethod(MyLearningService.method.listMyCourses)
  async listMyCourses() {
    return { courses: await this.my.courses() };
  }

  @RpcMethod(MyLearningService.method.getMyCourse)
  getMyCourse(request: GetMyCourseRequest) {
    return this.my.course(request.id);
  }

  @RpcMethod(MyLearningService.method.recordLessonHeartbeat)
  recordLessonHeartbeat(request: RecordLessonHeartbeatRequest) {
    return this.my.beat(request);
  }

  @RpcMethod(MyLearningService.method.getMyStudyHours)
  getMyStudyHours(request: GetMyStudyHoursRequest) {
    return this.my.studyHours(request.year);
  }

  @RpcMethod(MyLearningService.method.listMyExams)
  async listMyExams() {
    return { exams: await this.my.exams.list(this.my.learner().tenantId) };
  }

  @RpcMethod(MyLearningService.method.startMyExamAttempt)
  async startMyExamAttempt(request: StartMyExamAttemptRequest) {
    return { attempt: await this.my.exams.start(this.my.learner().tenantId, request.examId) };
  }

  @RpcMethod(MyLearningService.method.getMyExamAttempt)
  async getMyExamAttempt(request: GetMyExamAttemptRequest) {
    return { attempt: await this.my.exams.get(this.my.learner().tenantId, request.id) };
  }

  @RpcMethod(MyLearningService.method.saveMyExamAnswer)
  async saveMyExamAnswer(request: SaveMyExamAnswerRequest) {
    const savedAt = await this.my.exams.save(this.my.learner().tenantId, request);
    return { savedAt: savedAt.toISOString() };
  }

  @RpcMethod(MyLearningService.method.submitMyExamAttempt)
  async submitMyExamAttempt(request: SubmitMyExamAttemptRequest) {
    return { attempt: await this.my.exams.submit(this.my.learner().tenantId, request.id) };
  }

  @RpcMethod(MyLearningService.method.recordMyFocusLost)
  async recordMyFocusLost(request: RecordMyFocusLostRequest) {
    return { focusLost: await this.my.exams.focusLost(this.my.learner().tenantId, request.attemptId) };
  }

  @RpcMethod(MyLearningService.method.listMyWrongAnswers)
  async listMyWrongAnswers() {
    return { wrongAnswers: await this.my.exams.wrongAnswers(this.my.learner().tenantId) };
  }
}
