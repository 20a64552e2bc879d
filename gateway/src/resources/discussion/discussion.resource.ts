import {
  DiscussionPostSchema,
  DiscussionService,
  DiscussionTopicSchema,
  ModerationLogEntrySchema,
  type DiscussionPost,
  type DiscussionTopic,
  type ModerationLogEntry,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { LEARNING_ADMINS, LEARNING_STAFF, MY_LEARNING } from '../access.js';

export class CreateDiscussionTopicDto {
  @ApiPropertyOptional({ description: 'a course’s topic (or give organisationId)' })
  @IsOptional()
  @IsUUID()
  courseId?: string;
  @ApiPropertyOptional({ description: 'an organisation’s topic, for its members and those above it' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
  @ApiProperty({ example: '学习党章第二章的体会' }) @IsString() @MinLength(1) @MaxLength(100) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) body?: string;
}

export class AddDiscussionPostDto {
  @ApiPropertyOptional({ description: 'the post replied to' }) @IsOptional() @IsUUID() parentId?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(5000) body!: string;
}

export class ReportDiscussionPostDto {
  @ApiPropertyOptional({ example: '含有不实信息' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class ModerateDiscussionPostDto {
  @ApiProperty({ enum: ['restore', 'remove'] }) @IsIn(['restore', 'remove']) decision!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class UpdateDiscussionSettingsDto {
  @ApiProperty({ description: 'reports that hide a post until a moderator decides', example: 3 })
  @IsInt()
  @Min(1)
  @Max(100)
  hideAfterReports!: number;
}

const topicView = (topic: DiscussionTopic) => toJson(DiscussionTopicSchema, topic);
const postView = (post: DiscussionPost) => toJson(DiscussionPostSchema, post);

/** 学习讨论: topics of a course or an organisation, their posts and replies. */
export const DiscussionTopicsResource = bindResource({
  path: 'discussion-topics',
  tag: 'learning',
  routes: {
    list: list({
      rpc: DiscussionService.method.listDiscussionTopics,
      summary: 'Topics of a course, of an organisation, or of my own organisations (latest activity first)',
      access: MY_LEARNING,
      sort: ['lastPostAt'],
      filters: { courseId: filterOf.uuid, organisationId: filterOf.uuid, myOrganisations: filterOf.bool },
      filterExample: '{"courseId":"…"}',
      request: (f: { courseId?: string; organisationId?: string; myOrganisations?: boolean }) => ({
        courseId: f.courseId,
        organisationId: f.organisationId,
        myOrganisations: f.myOrganisations ?? false,
      }),
      items: 'topics',
      view: topicView as never,
      headers: (reply) => ({ 'X-My-Organisation': reply.myOrganisationId }),
    }),
    create: call({
      rpc: DiscussionService.method.createDiscussionTopic,
      method: 'POST',
      summary: 'Open a topic on a course or an organisation',
      access: MY_LEARNING,
      body: CreateDiscussionTopicDto,
      request: ({ body }) => ({ ...body, body: body.body ?? '' }),
      reply: ({ topic }) => topicView(topic!),
    }),
    get: call({
      rpc: DiscussionService.method.getDiscussionTopic,
      method: 'GET',
      path: ':id',
      summary: 'A topic with its posts (a hidden post’s text only for its author and the moderators)',
      access: MY_LEARNING,
      reply: ({ topic, posts, moderator }) => ({
        ...topicView(topic!),
        posts: posts.map(postView),
        moderator,
      }),
    }),
    addPost: call({
      rpc: DiscussionService.method.addDiscussionPost,
      method: 'POST',
      path: ':id/posts',
      summary: 'Post on a topic, or reply to a post',
      access: MY_LEARNING,
      body: AddDiscussionPostDto,
      request: ({ params, body }) => ({ topicId: params['id'], parentId: body.parentId, body: body.body }),
      reply: ({ post }) => postView(post!),
    }),
  },
});

/** Reporting a post, and a moderator's decision on a hidden one. */
export const DiscussionPostsResource = bindResource({
  path: 'discussion-posts',
  tag: 'learning',
  routes: {
    report: call({
      rpc: DiscussionService.method.reportDiscussionPost,
      method: 'POST',
      path: ':id/reports',
      status: 200,
      summary: 'Report a post (once per person; enough reports hide it until a moderator decides)',
      access: MY_LEARNING,
      body: ReportDiscussionPostDto,
      request: ({ params, body }) => ({ postId: params['id'], reason: body.reason ?? '' }),
      reply: ({ post }) => postView(post!),
    }),
    moderate: call({
      rpc: DiscussionService.method.moderateDiscussionPost,
      method: 'POST',
      path: ':id/moderation',
      status: 200,
      summary: 'Restore or remove a post (the topic’s moderators: tenant admins, secretaries over it)',
      access: LEARNING_STAFF,
      body: ModerateDiscussionPostDto,
      request: ({ params, body }) => ({
        postId: params['id'],
        decision: body.decision,
        note: body.note ?? '',
      }),
      reply: ({ post }) => postView(post!),
    }),
  },
});

/** 待处理: hidden posts awaiting the caller's decision. */
export const ModerationQueueResource = bindResource({
  path: 'moderation-queue',
  tag: 'learning',
  routes: {
    list: list({
      rpc: DiscussionService.method.listModerationQueue,
      summary: 'Posts hidden by reports in the topics the caller moderates, oldest first',
      access: LEARNING_STAFF,
      sort: ['createdAt'],
      filters: {},
      items: 'posts',
      view: postView as never,
    }),
  },
});

/** 审核记录: the moderators' log. */
export const ModerationLogResource = bindResource({
  path: 'moderation-log',
  tag: 'learning',
  routes: {
    list: list({
      rpc: DiscussionService.method.listModerationLog,
      summary: 'What was hidden by reports and what moderators decided, newest first',
      access: LEARNING_ADMINS,
      sort: ['createdAt'],
      filters: {},
      items: 'entries',
      view: ((entry: ModerationLogEntry) => toJson(ModerationLogEntrySchema, entry)) as never,
    }),
  },
});

/** react-admin reads the one record as `discussion-settings/current`. */
const ONLY_ID = 'current';

export const DiscussionSettingsResource = bindResource({
  path: 'discussion-settings',
  tag: 'learning',
  routes: {
    get: call({
      rpc: DiscussionService.method.getDiscussionSettings,
      method: 'GET',
      path: ONLY_ID,
      summary: 'How many reports hide a post (default 3)',
      access: LEARNING_ADMINS,
      reply: ({ settings }) => ({ id: ONLY_ID, hideAfterReports: settings!.hideAfterReports }),
    }),
    update: call({
      rpc: DiscussionService.method.updateDiscussionSettings,
      method: 'PUT',
      path: ONLY_ID,
      summary: 'Set how many reports hide a post (tenant admins)',
      access: LEARNING_ADMINS,
      body: UpdateDiscussionSettingsDto,
      reply: ({ settings }) => ({ id: ONLY_ID, hideAfterReports: settings!.hideAfterReports }),
    }),
  },
});
