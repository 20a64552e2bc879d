import { create } from '@bufbuild/protobuf';
import {
  DuesOrderSchema,
  DuesReceiptSchema,
  PaymentSettingsViewSchema,
  type CreateMyDuesOrderRequest,
  type DuesOrder,
  type ReceivePaymentNotificationRequest,
  type UpdatePaymentSettingsRequest,
} from '@dangjian/contracts';
import {
  asTenantId,
  chinaToday,
  dateColumn,
  dateOnly,
  decryptField,
  encryptField,
  isCalendarMonth,
  isUuid,
  logger,
  NotFoundError,
  requireRole,
  requireTenant,
  RuleViolatedError,
  Validator,
  type TenantId,
} from '@dangjian/kit';
import { randomUUID } from 'node:crypto';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';
import type { DuesOrder as OrderRow, PaymentSettings } from '../generated/prisma/client.js';
import { payableMonths } from '../dues/payable-months.js';
import { settleLedgerMonths } from '../dues/ledger-sql.js';
import { myMember } from '../member-space/my-member.js';
import type { TenantKeyRing } from '@dangjian/kit';
import {
  NotificationRefused,
  WechatPayV3,
  type WechatPayConfig,
  type WechatTransaction,
} from './wechat-pay.js';

/** Waiting orders are asked after by the schedule once they are this old (the member may still be paying). */
const RECONCILE_AFTER_MS = 3 * 60_000;
/** An unpaid order stays payable this long; then the provider closes it and a new one may be placed. */
const ORDER_MINUTES = 30;
export const WECHAT_PAY = 'wechat_pay';
const DEFAULT_BASE_URL = 'https://api.mch.weixin.qq.com';
const PEM = /^-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----\s*$/;

const month = (value: Date) => dateOnly(value).slice(0, 7);

const orderMessage = (row: OrderRow): DuesOrder =>
  create(DuesOrderSchema, {
    id: row.id,
    months: row.months.map(month),
    amountFen: row.amountFen,
    provider: row.provider,
    state: row.state,
    codeUrl: row.codeUrl,
    ...(row.paymentId ? { paymentId: row.paymentId } : {}),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    ...(row.paidAt ? { paidAt: row.paidAt.toISOString() } : {}),
    failure: row.failure,
  });

/**
 * Dues paid online (decision 0026): the member orders months, WeChat Pay takes the money, and its
 * signed notification — or the member's "I have paid" when that is lost — settles the months once.
 */
export class DuesOrdersUseCases {
  constructor(
    private readonly db: OrganisationDatabase,
    private readonly keyRing: TenantKeyRing,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async createMine(request: CreateMyDuesOrderRequest): Promise<DuesOrder> {
    const months = [...new Set(request.months)].sort();
    new Validator()
      .check(
        months.length >= 1 &&
          months.length <= 19 &&
          months.length === request.months.length &&
          months.every(isCalendarMonth),
        'months',
        'not_one_of',
        { allowed: '1–19 different months YYYY-MM' },
      )
      .throwIfInvalid();
    const now = this.now();
    const placed = await this.db.database.inRequestTenant(async (tx) => {
      const { member, userId } = await myMember(tx);
      const settings = await tx.paymentSettings.findUnique({ where: { tenantId: member.tenantId } });
      if (!settings) throw new RuleViolatedError('dues-online-not-configured');
      // One open order at a time for a month: two could both be paid.
      await tx.$queryRawUnsafe('select 1 from members where id = $1::uuid for update', member.id);
      const open = await tx.duesOrder.findFirst({
        where: {
          memberId: member.id,
          state: 'created',
          expiresAt: { gt: now },
          months: { hasSome: months.map((m) => dateColumn(`${m}-01`)) },
        },
      });
      if (open)
        throw new RuleViolatedError('dues-order-open', undefined, [], {
          months: open.months.map(month).join(', '),
          expiresAt: open.expiresAt.toISOString(),
        });
      const { duesFen } = await payableMonths(tx, member, months, chinaToday(now).slice(0, 7));
      const order = await tx.duesOrder.create({
        data: {
          id: randomUUID(),
          tenantId: member.tenantId,
          memberId: member.id,
          months: months.map((m) => dateColumn(`${m}-01`)),
          amountFen: duesFen,
          provider: WECHAT_PAY,
          createdBy: userId,
          expiresAt: new Date(now.getTime() + ORDER_MINUTES * 60_000),
        },
      });
      return { order, config: await this.config(tx, settings), settings };
    });
    // The provider is called outside the transaction; what it answers is written after.
    let codeUrl: string;
    try {
      ({ codeUrl } = await new WechatPayV3(placed.config, this.now).createNativeOrder({
        outTradeNo: placed.order.id.replaceAll('-', ''),
        description: `党费 ${months.join('、')}`.slice(0, 127),
        amountFen: placed.order.amountFen,
        notifyUrl: `${placed.settings.notifyBaseUrl.replace(/\/$/, '')}/api/v1/payment-notifications/wechat-pay/${placed.order.tenantId}`,
        expiresAt: placed.order.expiresAt,
      }));
    } catch (error) {
      logger.warn({ order: placed.order.id, err: error }, 'WeChat Pay refused the order');
      await this.db.database.inRequestTenant((tx) =>
        tx.duesOrder.update({
          where: { id: placed.order.id },
          data: { state: 'failed', failure: 'provider_unavailable', updatedAt: new Date() },
        }),
      );
      throw new RuleViolatedError('dues-provider-failed');
    }
    const row = await this.db.database.inRequestTenant((tx) =>
      tx.duesOrder.update({ where: { id: placed.order.id }, data: { codeUrl, updatedAt: new Date() } }),
    );
    return orderMessage(row);
  }

  /** My order; while it waits, WeChat Pay is asked how it stands, and a payment it reports is settled. */
  async getMine(id: string): Promise<DuesOrder> {
    const found = await this.db.database.inRequestTenant(async (tx) => {
      const { member } = await myMember(tx);
      const order = isUuid(id) ? await tx.duesOrder.findUnique({ where: { id } }) : null;
      if (!order || order.memberId !== member.id) throw new NotFoundError('dues order', id);
      const settings =
        order.state === 'created'
          ? await tx.paymentSettings.findUnique({ where: { tenantId: order.tenantId } })
          : null;
      return { order, config: settings ? await this.config(tx, settings) : undefined };
    });
    if (!found.config) return orderMessage(found.order);
    return orderMessage(await this.askProvider(asTenantId(found.order.tenantId), found.order, found.config));
  }

  /**
   * Orders still waiting after a few minutes, in every tenant that takes dues online: WeChat Pay is
   * asked how each stands, so a payment whose notification was lost is settled without the member
   * asking (the schedule runs this every few minutes; orders older than a day are left).
   */
  async reconcileAllTenants(
    tenants?: TenantId[],
    afterMs = RECONCILE_AFTER_MS,
  ): Promise<{ asked: number; paid: number }> {
    const ids = tenants ?? (await this.db.tenantIds());
    const now = this.now();
    let asked = 0;
    let paid = 0;
    for (const tenantId of ids) {
      const waiting = await this.db.database.inTenant(tenantId, async (tx) => {
        const settings = await tx.paymentSettings.findUnique({ where: { tenantId } });
        if (!settings) return undefined;
        const orders = await tx.duesOrder.findMany({
          where: {
            state: 'created',
            createdAt: {
              lte: new Date(now.getTime() - afterMs),
              gte: new Date(now.getTime() - 86_400_000),
            },
          },
          orderBy: { createdAt: 'asc' },
          take: 100,
        });
        return { orders, config: await this.config(tx, settings) };
      });
      for (const order of waiting?.orders ?? []) {
        asked++;
        if ((await this.askProvider(tenantId, order, waiting!.config)).state === 'paid') paid++;
      }
    }
    return { asked, paid };
  }

  /** A tenant admin's "check now": the same as the schedule, for this tenant, orders of any age under a day. */
  async reconcileMine(): Promise<{ asked: number; paid: number }> {
    requireRole('tenant-admin');
    return this.reconcileAllTenants([requireTenant()], 0);
  }

  /** Asks WeChat Pay about one order and settles what it reports; a failure to ask changes nothing. */
  private async askProvider(tenantId: TenantId, order: OrderRow, config: WechatPayConfig): Promise<OrderRow> {
    const transaction = await new WechatPayV3(config, this.now)
      .queryOrder(order.id.replaceAll('-', ''))
      .catch((error: unknown) => {
        logger.warn({ order: order.id, err: error }, 'could not ask WeChat Pay about an order');
        return undefined;
      });
    if (!transaction) return order;
    return this.db.database.inTenant(
      tenantId,
      async (tx) => (await this.settle(tx, tenantId, transaction)) ?? order,
    );
  }

  async receipt(paymentId: string) {
    return this.db.database.inRequestTenant(async (tx) => {
      const { member } = await myMember(tx);
      const payment = isUuid(paymentId)
        ? await tx.duesPayment.findUnique({ where: { id: paymentId } })
        : null;
      if (!payment || payment.memberId !== member.id) throw new NotFoundError('dues payment', paymentId);
      return create(DuesReceiptSchema, {
        paymentId: payment.id,
        memberName: member.name,
        organisationName: member.organisation.name,
        months: payment.months.map(month),
        duesFen: payment.duesFen,
        voluntaryFen: payment.voluntaryFen,
        provider: payment.provider,
        providerReference: payment.providerReference,
        paidOn: dateOnly(payment.paidOn),
        recordedAt: payment.createdAt.toISOString(),
      });
    });
  }

  /** WeChat Pay's notification: nobody is signed in; its signature, checked with the tenant's key, is the proof. */
  async receiveNotification(request: ReceivePaymentNotificationRequest) {
    if (!isUuid(request.tenantId) || request.provider !== WECHAT_PAY)
      return { accepted: false, reason: 'unknown' };
    return this.db.database.inTenant(asTenantId(request.tenantId), async (tx) => {
      const settings = await tx.paymentSettings.findUnique({ where: { tenantId: request.tenantId } });
      if (!settings) return { accepted: false, reason: 'not configured' };
      let transaction: WechatTransaction;
      try {
        transaction = new WechatPayV3(await this.config(tx, settings), this.now).openNotification(
          request.headers,
          Buffer.from(request.body).toString('utf8'),
        );
      } catch (error) {
        if (!(error instanceof NotificationRefused)) throw error;
        logger.warn({ tenantId: request.tenantId, reason: error.message }, 'payment notification refused');
        return { accepted: false, reason: error.message };
      }
      const order = await this.settle(tx, request.tenantId, transaction);
      return order ? { accepted: true, reason: order.state } : { accepted: false, reason: 'no such order' };
    });
  }

  async settings() {
    requireRole('tenant-admin');
    return this.db.database.inRequestTenant(async (tx) =>
      this.settingsView(await tx.paymentSettings.findUnique({ where: { tenantId: requireTenant() } })),
    );
  }

  async updateSettings(request: UpdatePaymentSettingsRequest) {
    const principal = requireRole('tenant-admin');
    const tenantId = requireTenant();
    const url = (value: string) => {
      try {
        return ['https:', 'http:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    };
    const baseUrl = request.baseUrl?.trim() || DEFAULT_BASE_URL;
    new Validator()
      .check(/^\d{6,20}$/.test(request.merchantId), 'merchantId', 'bad_format')
      .check(/^wx[0-9a-zA-Z]{6,30}$/.test(request.appId), 'appId', 'bad_format')
      .check(/^[0-9A-Fa-f]{8,64}$/.test(request.merchantSerial), 'merchantSerial', 'bad_format')
      .check(PEM.test(request.merchantPrivateKey.trim()), 'merchantPrivateKey', 'not_a_pem_key')
      .check(request.apiV3Key.length === 32, 'apiV3Key', 'length_exactly', { length: 32 })
      .check(PEM.test(request.platformPublicKey.trim()), 'platformPublicKey', 'not_a_pem_key')
      .check(/^[0-9A-Za-z_]{8,64}$/.test(request.platformSerial), 'platformSerial', 'bad_format')
      .check(url(baseUrl), 'baseUrl', 'not_a_url')
      .check(url(request.notifyBaseUrl), 'notifyBaseUrl', 'not_a_url')
      .throwIfInvalid();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const keys = await this.keyRing.keysFor(tx, tenantId);
      const data = {
        merchantId: request.merchantId,
        appId: request.appId,
        merchantSerial: request.merchantSerial,
        merchantKeyCipher: encryptField(
          keys,
          'merchantPrivateKey',
          tenantId,
          request.merchantPrivateKey.trim(),
        ),
        apiV3KeyCipher: encryptField(keys, 'apiV3Key', tenantId, request.apiV3Key),
        platformPublicKey: request.platformPublicKey.trim(),
        platformSerial: request.platformSerial,
        baseUrl: baseUrl.replace(/\/$/, ''),
        notifyBaseUrl: request.notifyBaseUrl.replace(/\/$/, ''),
        updatedBy: principal.userId,
        updatedAt: new Date(),
      };
      return this.settingsView(
        await tx.paymentSettings.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data }),
      );
    });
  }

  /**
   * A transaction WeChat Pay reports settles its order once: the payment (its transaction id the
   * reference, unique per tenant and provider), the months in the ledger, the order paid. A repeated
   * notification finds the order paid and changes nothing; an amount that differs is refused.
   */
  private async settle(
    tx: OrganisationTx,
    tenantId: string,
    transaction: WechatTransaction,
  ): Promise<OrderRow | null> {
    const id = transaction.out_trade_no.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    if (!isUuid(id)) return null;
    await tx.$queryRawUnsafe('select 1 from dues_orders where id = $1::uuid for update', id);
    const order = await tx.duesOrder.findUnique({ where: { id } });
    if (!order || order.state === 'paid') return order;
    if (['CLOSED', 'REVOKED', 'PAYERROR'].includes(transaction.trade_state))
      return tx.duesOrder.update({
        where: { id },
        data: { state: 'failed', failure: transaction.trade_state.toLowerCase(), updatedAt: new Date() },
      });
    if (transaction.trade_state !== 'SUCCESS') return order;
    if (transaction.amount?.total !== order.amountFen || !transaction.transaction_id) {
      logger.error(
        { order: id, amount: transaction.amount },
        'a paid amount differs from the order: not settled',
      );
      return tx.duesOrder.update({
        where: { id },
        data: { failure: 'amount_mismatch', updatedAt: new Date() },
      });
    }
    const paidAt = transaction.success_time ? new Date(transaction.success_time) : this.now();
    const paidOn = chinaToday(paidAt);
    const paymentId = randomUUID();
    await tx.duesPayment.create({
      data: {
        id: paymentId,
        tenantId,
        memberId: order.memberId,
        months: order.months,
        duesFen: order.amountFen,
        provider: WECHAT_PAY,
        providerReference: transaction.transaction_id,
        paidOn: dateColumn(paidOn),
        recordedBy: WECHAT_PAY,
      },
    });
    await settleLedgerMonths(tx, order.memberId, order.months.map(dateOnly), paidOn, paymentId);
    return tx.duesOrder.update({
      where: { id },
      data: {
        state: 'paid',
        paymentId,
        providerTransactionId: transaction.transaction_id,
        paidAt,
        updatedAt: new Date(),
      },
    });
  }

  private async config(tx: OrganisationTx, settings: PaymentSettings): Promise<WechatPayConfig> {
    const keys = await this.keyRing.keysFor(tx, settings.tenantId);
    return {
      merchantId: settings.merchantId,
      appId: settings.appId,
      merchantSerial: settings.merchantSerial,
      merchantPrivateKey: decryptField(
        keys,
        'merchantPrivateKey',
        settings.tenantId,
        settings.merchantKeyCipher,
      ),
      apiV3Key: decryptField(keys, 'apiV3Key', settings.tenantId, settings.apiV3KeyCipher),
      platformPublicKey: settings.platformPublicKey,
      platformSerial: settings.platformSerial,
      baseUrl: settings.baseUrl,
    };
  }

  private settingsView(row: PaymentSettings | null) {
    return create(PaymentSettingsViewSchema, {
      configured: row !== null,
      provider: row?.provider ?? WECHAT_PAY,
      merchantId: row?.merchantId ?? '',
      appId: row?.appId ?? '',
      merchantSerial: row?.merchantSerial ?? '',
      platformSerial: row?.platformSerial ?? '',
      baseUrl: row?.baseUrl ?? DEFAULT_BASE_URL,
      notifyBaseUrl: row?.notifyBaseUrl ?? '',
      ...(row ? { updatedAt: row.updatedAt.toISOString() } : {}),
    });
  }
}
