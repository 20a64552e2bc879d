import {
  DiscussionService,
  type AddDiscussionPostRequest,
  type CreateDiscussionTopicRequest,
  type GetDiscussionTopicRequest,
  type ListDiscussionTopicsRequest,
  type ListModerationLogRequest,
  type ListModerationQueueRequest,
  type ModerateDiscussionPostRequest,
  type ReportDiscussionPostRequest,
  type UpdateDiscussionSettingsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { DiscussionUseCases } from './discussion.use-cases.js';

/** 学习讨论's RPCs: one line each. */
@Controller()
export class DiscussionHandler implements RpcHandlers<typeof DiscussionService> {
  constructor(@Inject(DiscussionUseCases) private readonly discussion: DiscussionUseCases) {}

  @RpcMethod(DiscussionService.method.listDiscussionTopics)
  listDiscussionTopics(request: ListDiscussionTopicsRequest) {
    return this.discussion.topics(request);
  }

  @RpcMethod(DiscussionService.method.createDiscussionTopic)
  async createDiscussionTopic(request: CreateDiscussionTopicRequest) {
    return { topic: await this.discussion.createTopic(request) };
  }

  @RpcMethod(DiscussionService.method.getDiscussionTopic)
  getDiscussionTopic(request: GetDiscussionTopicRequest) {
    return this.discussion.topic(request.id);
  }

  @RpcMethod(DiscussionService.method.addDiscussionPost)
  async addDiscussionPost(request: AddDiscussionPostRequest) {
    return { post: await this.discussion.addPost(request) };
  }

  @RpcMethod(DiscussionService.method.reportDiscussionPost)
  async reportDiscussionPost(request: ReportDiscussionPostRequest) {
    return { post: await this.discussion.report(request) };
  }

  @RpcMethod(DiscussionService.method.listModerationQueue)
  listModerationQueue(request: ListModerationQueueRequest) {
    return this.discussion.queue(request.page);
  }

  @RpcMethod(DiscussionService.method.moderateDiscussionPost)
  async moderateDiscussionPost(request: ModerateDiscussionPostRequest) {
    return { post: await this.discussion.moderate(request) };
  }

  @RpcMethod(DiscussionService.method.listModerationLog)
  listModerationLog(request: ListModerationLogRequest) {
    return this.discussion.log(request.page);
  }

  @RpcMethod(DiscussionService.method.getDiscussionSettings)
  async getDiscussionSettings() {
    return { settings: await this.discussion.settings() };
  }

  @RpcMethod(DiscussionService.method.updateDiscussionSettings)
  async updateDiscussionSettings(request: UpdateDiscussionSettingsRequest) {
    return { settings: await this.discussion.updateSettings(request.hideAfterReports) };
  }
}
