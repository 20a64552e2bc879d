import {
  NotificationPreferencesSchema,
  NotificationSchema,
  NotificationService,
  NotificationSettingsSchema,
  WebhookEndpointSchema,
  type Notification,
  type NotificationPreferences,
  type NotificationSettings,
  type WebhookEndpoint,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { filterOf } from '../../http/list-query.js';
import { bindResource, call, list } from '../../http/resource.js';
import { TENANT_ADMINS } from '../access.js';

/** Everyone with a role in the tenant reads their own inbox and sets their own preferences. */
const ANY_PERSON = { tenant: ['tenant-admin', 'secretary', 'inspector', 'member'] } as const;

export class MarkReadDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];
  @ApiPropertyOptional({ description: 'every unread notification of mine' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class PreferencesDto {
  @ApiProperty({
    description: 'kind → channels besides the inbox (email, wechat, sms); a kind left out gets e-mail',
    example: { meeting_notified: ['email'], thought_report_replied: [] },
  })
  @IsObject()
  channels!: Record<string, string[]>;
  @ApiPropertyOptional({ example: '22:00', description: 'quiet hours start, China time' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  quietFrom?: string;
  @ApiPropertyOptional({ example: '07:00' })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  quietUntil?: string;
  @ApiProperty({ description: 'one e-mail a day at 08:00 with what is not urgent' })
  @IsBoolean()
  dailyDigest!: boolean;
  @ApiPropertyOptional({
    example: '13800138000',
    description: 'for text messages, where offered; "" removes it',
  })
  @IsOptional()
  @IsString()
  @MaxLength(11)
  smsPhone?: string;
}

export class BindWechatDto {
  @ApiProperty({ description: 'the code of a WeChat sign-in (网页授权)' })
  @IsString()
  @MaxLength(128)
  code!: string;
}

export class SettingsDto {
  @ApiPropertyOptional({
    example: 'smtp.example.com',
    description: 'the tenant’s mail relay; empty: no e-mail',
  })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  smtpHost?: string;
  @ApiProperty({ example: 587 }) @IsInt() @Min(1) @Max(65535) smtpPort!: number;
  @ApiProperty() @IsBoolean() smtpTls!: boolean;
  @ApiProperty({ example: '党委办公室 <dangwei@example.com>' }) @IsString() @MaxLength(200) smtpFrom!: string;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://oa.example.com/hooks/dangjian' })
  @IsString()
  @MaxLength(2000)
  url!: string;
  @ApiProperty({ example: ['meeting_notified'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  kinds!: string[];
}

const preferencesView = (p: NotificationPreferences) => {
  const { channels, ...rest } = toJson(NotificationPreferencesSchema, p) as {
    channels: Record<string, { channels: string[] }>;
  } & Record<string, unknown>;
  return { ...rest, channels: Object.fromEntries(Object.entries(channels).map(([k, v]) => [k, v.channels])) };
};
const preferencesRequest = (body: PreferencesDto) => ({
  preferences: {
    channels: Object.fromEntries(
      Object.entries(body.channels).map(([kind, list]) => [
        kind,
        { channels: Array.isArray(list) ? list.map(String) : [] },
      ]),
    ),
    ...(body.quietFrom ? { quietFrom: body.quietFrom } : {}),
    ...(body.quietUntil ? { quietUntil: body.quietUntil } : {}),
    ...(body.smsPhone !== undefined ? { smsPhone: body.smsPhone } : {}),
    dailyDigest: body.dailyDigest,
  },
});

/** 通知: my inbox, read and unread (issue 15). */
export const MyNotificationsResource = bindResource({
  path: 'me/notifications',
  tag: 'notifications',
  routes: {
    list: list({
      rpc: NotificationService.method.listMyNotifications,
      summary: 'My notifications, newest first, with how many are unread',
      access: ANY_PERSON,
      sort: ['createdAt'],
      filters: { unreadOnly: filterOf.bool },
      items: 'notifications',
      view: (n: Notification) => toJson(NotificationSchema, n),
      headers: (reply): Record<string, string> => ({ 'X-Unread': String(reply.unread) }),
      filterExample: '{"unreadOnly":true}',
    }),
    read: call({
      rpc: NotificationService.method.markMyNotificationsRead,
      method: 'POST',
      path: 'read',
      status: 200,
      summary: 'Mark my notifications read: these ids, or all',
      access: ANY_PERSON,
      body: MarkReadDto,
      request: ({ body }) => ({ ids: body.ids ?? [], all: body.all ?? false }),
    }),
  },
});

/** How I want to be told: channels per kind, quiet hours, a daily digest. */
export const MyNotificationPreferencesResource = bindResource({
  path: 'me/notification-preferences',
  tag: 'notifications',
  routes: {
    get: call({
      rpc: NotificationService.method.getMyNotificationPreferences,
      method: 'GET',
      summary: 'My notification preferences',
      access: ANY_PERSON,
      reply: 'preferences',
      view: preferencesView,
    }),
    update: call({
      rpc: NotificationService.method.updateMyNotificationPreferences,
      method: 'PUT',
      summary: 'Change my notification preferences',
      access: ANY_PERSON,
      body: PreferencesDto,
      request: ({ body }) => preferencesRequest(body),
      reply: 'preferences',
      view: preferencesView,
    }),
  },
});

/** My WeChat account, for subscription messages where the operator offers them. */
export const MyWechatBindingResource = bindResource({
  path: 'me/wechat-binding',
  tag: 'notifications',
  routes: {
    bind: call({
      rpc: NotificationService.method.bindMyWechat,
      method: 'POST',
      status: 200,
      summary: 'Bind my login to my WeChat account (the code of a WeChat sign-in)',
      access: ANY_PERSON,
      body: BindWechatDto,
    }),
  },
});

/** The tenant's channels: its mail relay. */
export const NotificationSettingsResource = bindResource({
  path: 'notification-settings',
  tag: 'notifications',
  routes: {
    get: call({
      rpc: NotificationService.method.getNotificationSettings,
      method: 'GET',
      summary: 'The tenant’s mail relay for notifications',
      access: TENANT_ADMINS,
      reply: 'settings',
      view: (s: NotificationSettings) => toJson(NotificationSettingsSchema, s),
    }),
    update: call({
      rpc: NotificationService.method.updateNotificationSettings,
      method: 'PUT',
      summary: 'Set the tenant’s mail relay (empty host: no e-mail is sent)',
      access: TENANT_ADMINS,
      body: SettingsDto,
      request: ({ body }) => ({ settings: { ...body, ...(body.smtpHost ? {} : { smtpHost: undefined }) } }),
      reply: 'settings',
      view: (s: NotificationSettings) => toJson(NotificationSettingsSchema, s),
    }),
  },
});

/** The tenant's signed webhooks. */
export const WebhookEndpointsResource = bindResource({
  path: 'webhook-endpoints',
  tag: 'notifications',
  routes: {
    list: list({
      rpc: NotificationService.method.listWebhookEndpoints,
      summary: 'The tenant’s webhook endpoints',
      access: TENANT_ADMINS,
      sort: ['createdAt'],
      filters: {},
      items: 'endpoints',
      view: (e: WebhookEndpoint) => toJson(WebhookEndpointSchema, e),
    }),
    create: call({
      rpc: NotificationService.method.createWebhookEndpoint,
      method: 'POST',
      summary: 'Add a webhook endpoint; its signing secret is answered once',
      access: TENANT_ADMINS,
      body: CreateWebhookEndpointDto,
      reply: 'endpoint',
      view: (e: WebhookEndpoint) => toJson(WebhookEndpointSchema, e),
    }),
    remove: call({
      rpc: NotificationService.method.deleteWebhookEndpoint,
      method: 'DELETE',
      path: ':id',
      status: 200,
      summary: 'Remove a webhook endpoint (nothing more is sent to it)',
      access: TENANT_ADMINS,
    }),
  },
});
