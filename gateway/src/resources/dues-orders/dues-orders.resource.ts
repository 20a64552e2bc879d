import {
  DuesOrderSchema,
  DuesOrderService,
  PaymentSettingsViewSchema,
  type DuesOrder,
  type PaymentSettingsView,
} from '@dangjian/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { toJson } from '../../http/json-view.js';
import { bindResource, call } from '../../http/resource.js';
import { MEMBER_SPACE, ORGANISATION_ADMINS } from '../access.js';

export class CreateDuesOrderDto {
  @ApiProperty({ example: ['2026-11', '2026-12'] })
  @IsArray()
  @ArrayMaxSize(19)
  @IsString({ each: true })
  months!: string[];
}

export class PaymentSettingsDto {
  @ApiProperty({ example: '1900000109' }) @IsString() @MaxLength(20) merchantId!: string;
  @ApiProperty({ example: 'wxd678efh567hg6787' }) @IsString() @MaxLength(32) appId!: string;
  @ApiProperty() @IsString() @MaxLength(64) merchantSerial!: string;
  @ApiProperty({ description: 'PEM (PKCS#8); never shown again' })
  @IsString()
  @MaxLength(8000)
  merchantPrivateKey!: string;
  @ApiProperty({ description: '32 characters; never shown again' })
  @IsString()
  @MaxLength(64)
  apiV3Key!: string;
  @ApiProperty({ description: 'WeChat Pay’s public key, PEM' })
  @IsString()
  @MaxLength(8000)
  platformPublicKey!: string;
  @ApiProperty({ description: 'the public key’s id (Wechatpay-Serial)' })
  @IsString()
  @MaxLength(64)
  platformSerial!: string;
  @ApiPropertyOptional({ example: 'https://api.mch.weixin.qq.com' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  baseUrl?: string;
  @ApiProperty({
    example: 'https://dangjian.example.com',
    description: 'where WeChat Pay sends notifications',
  })
  @IsString()
  @MaxLength(300)
  notifyBaseUrl!: string;
}

const orderView = (order: DuesOrder) => toJson(DuesOrderSchema, order);

/** 在线缴纳党费: my orders (WeChat Pay, a QR code) and the receipts of my payments. */
export const MyDuesOrdersResource = bindResource({
  path: 'me/dues-orders',
  tag: 'dues',
  routes: {
    create: call({
      rpc: DuesOrderService.method.createMyDuesOrder,
      method: 'POST',
      summary: 'Order months of my dues to pay online: the QR code’s URL to pay with WeChat',
      access: MEMBER_SPACE,
      body: CreateDuesOrderDto,
      reply: 'order',
      view: orderView,
    }),
    get: call({
      rpc: DuesOrderService.method.getMyDuesOrder,
      method: 'GET',
      path: ':id',
      summary: 'One of my orders, asking the provider while it waits (settles it once paid)',
      access: MEMBER_SPACE,
      reply: 'order',
      view: orderView,
    }),
  },
});

/** 党费收据: what one of my payments settled. */
export const MyDuesReceiptsResource = bindResource({
  path: 'me/dues-receipts',
  tag: 'dues',
  routes: {
    get: call({
      rpc: DuesOrderService.method.getMyDuesReceipt,
      method: 'GET',
      path: ':paymentId',
      summary: 'The receipt of one of my dues payments',
      access: MEMBER_SPACE,
      request: ({ params }) => ({ paymentId: params['paymentId'] }),
      reply: 'receipt',
    }),
  },
});

/** The tenant's merchant account for dues paid online (WeChat Pay APIv3). */
export const PaymentSettingsResource = bindResource({
  path: 'payment-settings',
  tag: 'dues',
  routes: {
    get: call({
      rpc: DuesOrderService.method.getPaymentSettings,
      method: 'GET',
      summary: 'The merchant account dues are paid online to (its keys are never shown)',
      access: ORGANISATION_ADMINS,
      reply: 'settings',
      view: (s: PaymentSettingsView) => toJson(PaymentSettingsViewSchema, s),
    }),
    update: call({
      rpc: DuesOrderService.method.updatePaymentSettings,
      method: 'PUT',
      summary: 'Set the merchant account (keys sealed under the tenant’s key)',
      access: ORGANISATION_ADMINS,
      body: PaymentSettingsDto,
      reply: 'settings',
      view: (s: PaymentSettingsView) => toJson(PaymentSettingsViewSchema, s),
    }),
    reconcile: call({
      rpc: DuesOrderService.method.reconcileDuesOrders,
      method: 'POST',
      path: 'reconcile',
      status: 200,
      summary:
        'Ask WeChat Pay now about the tenant’s orders still waiting (the schedule does it every few minutes)',
      access: ORGANISATION_ADMINS,
    }),
  },
});
