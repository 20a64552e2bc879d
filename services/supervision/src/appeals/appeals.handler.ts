import {
  AppealService,
  type ActOnAppealRequest,
  type AnswerAppealRequest,
  type ListPublishedAppealsRequest,
  type EnterAppealRequest,
  type FileAppealRequest,
  type FollowAppealRequest,
  type GetAppealRequest,
  type ListAppealsRequest,
  type UpdateAppealSettingsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { AppealSettingsUseCases } from './appeal-settings.js';
import { AppealsUseCases } from './appeals.use-cases.js';

/** 诉求's RPCs: staff, the tenant's categories, and the citizen's side (public pages). */
@Controller()
export class AppealsHandler implements RpcHandlers<typeof AppealService> {
  constructor(
    @Inject(AppealsUseCases) private readonly appeals: AppealsUseCases,
    @Inject(AppealSettingsUseCases) private readonly settings: AppealSettingsUseCases,
  ) {}

  @RpcMethod(AppealService.method.listAppeals)
  listAppeals(request: ListAppealsRequest) {
    return this.appeals.list(request);
  }

  @RpcMethod(AppealService.method.getAppeal)
  async getAppeal(request: GetAppealRequest) {
    return { appeal: await this.appeals.get(request.id) };
  }

  @RpcMethod(AppealService.method.enterAppeal)
  async enterAppeal(request: EnterAppealRequest) {
    return { appeal: await this.appeals.enter(request) };
  }

  @RpcMethod(AppealService.method.actOnAppeal)
  async actOnAppeal(request: ActOnAppealRequest) {
    return { appeal: await this.appeals.act(request) };
  }

  @RpcMethod(AppealService.method.getAppealSettings)
  async getAppealSettings() {
    return { settings: await this.settings.get() };
  }

  @RpcMethod(AppealService.method.updateAppealSettings)
  async updateAppealSettings(request: UpdateAppealSettingsRequest) {
    return { settings: await this.settings.update(request) };
  }

  @RpcMethod(AppealService.method.getAppealForm)
  getAppealForm() {
    return this.appeals.form();
  }

  @RpcMethod(AppealService.method.fileAppeal)
  fileAppeal(request: FileAppealRequest) {
    return this.appeals.file(request);
  }

  @RpcMethod(AppealService.method.followAppeal)
  async followAppeal(request: FollowAppealRequest) {
    return { appeal: await this.appeals.follow(request.code) };
  }

  @RpcMethod(AppealService.method.answerAppeal)
  async answerAppeal(request: AnswerAppealRequest) {
    return { appeal: await this.appeals.answer(request) };
  }

  @RpcMethod(AppealService.method.listPublishedAppeals)
  listPublishedAppeals(request: ListPublishedAppealsRequest) {
    return this.appeals.published(request);
  }
}
