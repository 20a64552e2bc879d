import {
  QuestionBankService,
  type AddQuestionRequest,
  type CreateQuestionBankRequest,
  type GetQuestionBankRequest,
  type ImportQuestionsRequest,
  type ListQuestionBanksRequest,
  type ListQuestionsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { QuestionBanksUseCases } from './question-banks.use-cases.js';

/** 题库's RPCs: one line each. */
@Controller()
export class QuestionBanksHandler implements RpcHandlers<typeof QuestionBankService> {
  constructor(@Inject(QuestionBanksUseCases) private readonly banks: QuestionBanksUseCases) {}

  @RpcMethod(QuestionBankService.method.createQuestionBank)
  async createQuestionBank(request: CreateQuestionBankRequest) {
    return { questionBank: await this.banks.create(request.name) };
  }

  @RpcMethod(QuestionBankService.method.getQuestionBank)
  async getQuestionBank(request: GetQuestionBankRequest) {
    return { questionBank: await this.banks.get(request.id) };
  }

  @RpcMethod(QuestionBankService.method.listQuestionBanks)
  listQuestionBanks(request: ListQuestionBanksRequest) {
    return this.banks.list(request);
  }

  @RpcMethod(QuestionBankService.method.addQuestion)
  async addQuestion(request: AddQuestionRequest) {
    return { question: await this.banks.addQuestion(request) };
  }

  @RpcMethod(QuestionBankService.method.importQuestions)
  importQuestions(request: ImportQuestionsRequest) {
    return this.banks.importQuestions(request);
  }

  @RpcMethod(QuestionBankService.method.listQuestions)
  async listQuestions(request: ListQuestionsRequest) {
    return { questions: await this.banks.questions(request.bankId) };
  }
}
