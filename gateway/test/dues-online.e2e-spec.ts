import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin, startWechatPayStandIn, type WechatPayStandIn } from '@dangjian/testing';
import { freshTenant, gateway, platform, uniqueSlug } from './support.js';

/*
 * Issue 15: a member pays a month's dues online and sees it settled. WeChat Pay cannot be reached
 * here, so an HTTP server started by this test stands in its place: it checks the merchant's request
 * signatures and signs its answers with a key made here, as WeChat Pay does; the test sends the
 * payment notification encrypted (AES-256-GCM) and signed as WeChat Pay would.
 */
let serial = 0;
const region = String(320000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19850606${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
describe('dues paid online through the WeChat Pay adapter', () => {
  let wechatPay: WechatPayStandIn;
  beforeAll(async () => {
    wechatPay = await startWechatPayStandIn();
  });
  afterAll(() => wechatPay.close());

  it('orders, is notified, settles once, reconciles a lost notification, and gives a receipt', async () => {
    const { api, root, slug } = await freshTenant('payonline');
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '在线缴费支部',
        code: uniqueSlug('PAY'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body as { id: string };
    const login = async (name: string) => {
      const username = uniqueSlug('payer');
      const invited = await api('POST', '/api/v1/invitations', { displayName: name, roles: ['member'] });
      const activated = await gateway('POST', '/api/v1/invitations/activate', {
        body: { code: invited.body.code, username, password: 'Secret-123' },
      });
      const member = await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name,
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2012-07-01',
        confirmedOn: '2013-07-01',
        userId: activated.body.userId,
      });
      const token = await passwordLogin(platform.issuer, username, 'Secret-123');
      return {
        memberId: member.body.id as string,
        call: (method: string, path: string, body?: unknown) =>
          gateway(method, path, { token, tenant: slug, ...(body !== undefined ? { body } : {}) }),
      };
    };
    const payer = await login('线上缴费党员');
    const other = await login('另一党员');
    const month = chinaToday().slice(0, 7);
    const previous = addMonths(`${month}-01`, -1).slice(0, 7);
    expect(
      (
        await api('POST', '/api/v1/dues-assessments', {
          memberId: payer.memberId,
          effectiveFrom: previous,
          baseFen: 650_000,
        })
      ).status,
    ).toBe(201);
    for (const m of [previous, month])
      expect((await api('POST', '/api/v1/dues-ledger/runs', { month: m })).status).toBe(200);

    // Not configured: no order, and the member is told to pay the treasurer.
    const notYet = await payer.call('POST', '/api/v1/me/dues-orders', { months: [previous] });
    expect(notYet.body).toMatchObject({ status: 422, rule: 'dues-online-not-configured' });
    expect((await payer.call('GET', '/api/v1/me/dues')).body.onlinePayment).toBe(false);

    const badSettings = await api('PUT', '/api/v1/payment-settings', {
      merchantId: 'x',
      appId: 'wx1234567890',
      merchantSerial: 'ABCDEF01',
      merchantPrivateKey: 'not a key',
      apiV3Key: 'short',
      platformPublicKey: wechatPay.wechat.publicKey,
      platformSerial: wechatPay.platformSerial,
      notifyBaseUrl: platform.gatewayUrl,
    });
    expect(badSettings.status).toBe(400);
    expect(badSettings.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'apiV3Key',
      'merchantId',
      'merchantPrivateKey',
    ]);
    const settings = await api('PUT', '/api/v1/payment-settings', wechatPay.settings(platform.gatewayUrl));
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ configured: true, merchantId: wechatPay.merchantId });
    expect(JSON.stringify(settings.body)).not.toContain(wechatPay.apiV3Key);
    // A member configures nothing of the tenant's.
    expect((await payer.call('GET', '/api/v1/payment-settings')).status).toBe(403);

    const placed = await payer.call('POST', '/api/v1/me/dues-orders', { months: [previous] });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      months: [previous],
      amountFen: 9_750,
      state: 'created',
      provider: 'wechat_pay',
    });
    expect(placed.body.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    const order = wechatPay.orders.at(-1)!;
    expect(order).toMatchObject({ amount: { total: 9_750 }, signatureValid: true });
    expect(order.out_trade_no).toBe(placed.body.id.replaceAll('-', ''));
    const notifyUrl = new URL(order.notify_url);
    expect(notifyUrl.pathname).toMatch(/^\/api\/v1\/payment-notifications\/wechat-pay\/[0-9a-f-]{36}$/);
    // The same month again while the order waits: refused (both could be paid).
    expect((await payer.call('POST', '/api/v1/me/dues-orders', { months: [previous] })).body.rule).toBe(
      'dues-order-open',
    );

    const notify = (body: string, headers = wechatPay.signed(body)) =>
      gateway('POST', notifyUrl.pathname, {
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const success = wechatPay.notification({
      mchid: wechatPay.merchantId,
      out_trade_no: order.out_trade_no,
      transaction_id: '4200000000202612010000000001',
      trade_state: 'SUCCESS',
      success_time: new Date().toISOString(),
      amount: { total: 9_750, currency: 'CNY' },
    });
    // Forged: signed over other bytes; nothing settles.
    const forged = await notify(success, wechatPay.signed(success.replace('TRANSACTION', 'TRANSACTIOM')));
    expect(forged.status).toBe(400);
    expect((await payer.call('GET', `/api/v1/me/dues-orders/${placed.body.id}`)).body.state).toBe('created');
    const first = await notify(success);
    expect([first.status, first.body]).toEqual([200, { code: 'SUCCESS', message: '成功' }]);
    // WeChat Pay sends it again: still one payment.
    expect((await notify(success)).status).toBe(200);
    const payments = (
      await api(
        'GET',
        `/api/v1/dues-payments?${listQuery(['paidOn', 'DESC'], [0, 9], { memberId: payer.memberId })}`,
      )
    ).body as { id: string; provider: string; providerReference: string; duesFen: number }[];
    expect(payments).toEqual([
      expect.objectContaining({
        provider: 'wechat_pay',
        providerReference: '4200000000202612010000000001',
        duesFen: 9_750,
      }),
    ]);
    const paidOrder = (await payer.call('GET', `/api/v1/me/dues-orders/${placed.body.id}`)).body;
    expect(paidOrder).toMatchObject({ state: 'paid', paymentId: payments[0]!.id });
    const dues = (await payer.call('GET', '/api/v1/me/dues')).body;
    expect(dues.onlinePayment).toBe(true);
    expect(dues.months.find((m: { month: string }) => m.month === previous)).toMatchObject({
      paidFen: 9_750,
      paymentId: payments[0]!.id,
    });

    // The receipt is the payer's own.
    const receipt = await payer.call('GET', `/api/v1/me/dues-receipts/${payments[0]!.id}`);
    expect(receipt.body).toMatchObject({
      memberName: '线上缴费党员',
      organisationName: '在线缴费支部',
      months: [previous],
      duesFen: 9_750,
      provider: 'wechat_pay',
      providerReference: '4200000000202612010000000001',
    });
    expect((await other.call('GET', `/api/v1/me/dues-receipts/${payments[0]!.id}`)).status).toBe(404);
    expect((await other.call('GET', `/api/v1/me/dues-orders/${placed.body.id}`)).status).toBe(404);

    // A lost notification: the member's "I have paid" asks WeChat Pay, which reports it paid.
    const second = await payer.call('POST', '/api/v1/me/dues-orders', { months: [month] });
    expect(second.status).toBe(201);
    const secondNo = second.body.id.replaceAll('-', '');
    expect((await payer.call('GET', `/api/v1/me/dues-orders/${second.body.id}`)).body.state).toBe('created');
    wechatPay.paid.set(secondNo, '4200000000202612010000000002');
    expect((await payer.call('GET', `/api/v1/me/dues-orders/${second.body.id}`)).body).toMatchObject({
      state: 'paid',
    });
    expect((await payer.call('GET', '/api/v1/me/dues')).body).toMatchObject({
      outstandingFen: 0,
      outstandingMonths: 0,
    });
    // Lost again, and the member does not ask: the tenant's reconciliation (the schedule's work) settles it.
    const previousTwo = addMonths(`${month}-01`, -2).slice(0, 7);
    expect(
      (
        await api('POST', '/api/v1/dues-assessments', {
          memberId: payer.memberId,
          effectiveFrom: previousTwo,
          baseFen: 650_000,
        })
      ).status,
    ).toBe(201);
    const third = await payer.call('POST', '/api/v1/me/dues-orders', { months: [previousTwo] });
    expect(third.status).toBe(201);
    expect((await api('POST', '/api/v1/payment-settings/reconcile')).body).toEqual({ asked: 1, paid: 0 });
    wechatPay.paid.set(third.body.id.replaceAll('-', ''), '4200000000202612010000000003');
    expect((await api('POST', '/api/v1/payment-settings/reconcile')).body).toEqual({ asked: 1, paid: 1 });
    expect((await payer.call('GET', `/api/v1/me/dues-orders/${third.body.id}`)).body.state).toBe('paid');
    expect((await payer.call('POST', '/api/v1/payment-settings/reconcile')).status).toBe(403);
    // A notification that arrives after all changes nothing.
    const late = wechatPay.notification({
      mchid: wechatPay.merchantId,
      out_trade_no: secondNo,
      transaction_id: '4200000000202612010000000002',
      trade_state: 'SUCCESS',
      amount: { total: 9_750 },
    });
    expect((await notify(late)).status).toBe(200);
    expect(
      (
        await api(
          'GET',
          `/api/v1/dues-payments?${listQuery(['paidOn', 'DESC'], [0, 9], { memberId: payer.memberId })}`,
        )
      ).body,
    ).toHaveLength(3);
  }, 60_000);
});
