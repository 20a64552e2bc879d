import {
  NotificationService,
  type BindMyWechatRequest,
  type CreateWebhookEndpointRequest,
  type DeleteWebhookEndpointRequest,
  type ListMyNotificationsRequest,
  type ListWebhookEndpointsRequest,
  type MarkMyNotificationsReadRequest,
  type UpdateMyNotificationPreferencesRequest,
  type UpdateNotificationSettingsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { NotificationsUseCases } from './notifications.use-cases.js';

/** Notifications' RPCs: one line each. */
@Controller()
export class NotificationsHandler implements RpcHandlers<typeof NotificationService> {
  constructor(@Inject(NotificationsUseCases) private readonly notifications: NotificationsUseCases) {}

  @RpcMethod(NotificationService.method.listMyNotifications)
  listMyNotifications(request: ListMyNotificationsRequest) {
    return this.notifications.listMine(request);
  }

  @RpcMethod(NotificationService.method.markMyNotificationsRead)
  markMyNotificationsRead(request: MarkMyNotificationsReadRequest) {
    return this.notifications.markRead(request);
  }

  @RpcMethod(NotificationService.method.getMyNotificationPreferences)
  async getMyNotificationPreferences() {
    return { preferences: await this.notifications.preferences() };
  }

  @RpcMethod(NotificationService.method.updateMyNotificationPreferences)
  async updateMyNotificationPreferences(request: UpdateMyNotificationPreferencesRequest) {
    return { preferences: await this.notifications.updatePreferences(request.preferences) };
  }

  @RpcMethod(NotificationService.method.getNotificationSettings)
  async getNotificationSettings() {
    return { settings: await this.notifications.settings() };
  }

  @RpcMethod(NotificationService.method.updateNotificationSettings)
  async updateNotificationSettings(request: UpdateNotificationSettingsRequest) {
    return { settings: await this.notifications.updateSettings(request.settings) };
  }

  @RpcMethod(NotificationService.method.bindMyWechat)
  bindMyWechat(request: BindMyWechatRequest) {
    return this.notifications.bindWechat(request.code);
  }

  @RpcMethod(NotificationService.method.listWebhookEndpoints)
  listWebhookEndpoints(request: ListWebhookEndpointsRequest) {
    return this.notifications.listEndpoints(request);
  }

  @RpcMethod(NotificationService.method.createWebhookEndpoint)
  createWebhookEndpoint(request: CreateWebhookEndpointRequest) {
    return this.notifications.createEndpoint(request);
  }

  @RpcMethod(NotificationService.method.deleteWebhookEndpoint)
  deleteWebhookEndpoint(request: DeleteWebhookEndpointRequest) {
    return this.notifications.deleteEndpoint(request.id);
  }
}
