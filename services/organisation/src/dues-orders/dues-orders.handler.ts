import { DuesOrderService } from '@dangjian/contracts';
import type {
  CreateMyDuesOrderRequest,
  GetMyDuesOrderRequest,
  GetMyDuesReceiptRequest,
  ReceivePaymentNotificationRequest,
  UpdatePaymentSettingsRequest,
} from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { DuesOrdersUseCases } from './dues-orders.use-cases.js';

/** Dues paid online: the member's orders and receipts, the provider's notifications, the merchant account. */
@Controller()
export class DuesOrdersHandler implements RpcHandlers<typeof DuesOrderService> {
  constructor(@Inject(DuesOrdersUseCases) private readonly orders: DuesOrdersUseCases) {}

  @RpcMethod(DuesOrderService.method.createMyDuesOrder)
  async createMyDuesOrder(request: CreateMyDuesOrderRequest) {
    return { order: await this.orders.createMine(request) };
  }

  @RpcMethod(DuesOrderService.method.getMyDuesOrder)
  async getMyDuesOrder(request: GetMyDuesOrderRequest) {
    return { order: await this.orders.getMine(request.id) };
  }

  @RpcMethod(DuesOrderService.method.getMyDuesReceipt)
  async getMyDuesReceipt(request: GetMyDuesReceiptRequest) {
    return { receipt: await this.orders.receipt(request.paymentId) };
  }

  @RpcMethod(DuesOrderService.method.receivePaymentNotification)
  receivePaymentNotification(request: ReceivePaymentNotificationRequest) {
    return this.orders.receiveNotification(request);
  }

  @RpcMethod(DuesOrderService.method.reconcileDuesOrders)
  reconcileDuesOrders() {
    return this.orders.reconcileMine();
  }

  @RpcMethod(DuesOrderService.method.getPaymentSettings)
  async getPaymentSettings() {
    return { settings: await this.orders.settings() };
  }

  @RpcMethod(DuesOrderService.method.updatePaymentSettings)
  async updatePaymentSettings(request: UpdatePaymentSettingsRequest) {
    return { settings: await this.orders.updateSettings(request) };
  }
}
