import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin } from '@dangjian/testing';
import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
const keys = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const merchant = keys();
const wechat = keys();
const apiV3Key = randomBytes(16).toString('hex');
const MCHID = '1900000109';
const PLATFORM_SERIAL = 'PUB_KEY_ID_0114232021';

function signedByWechat(body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-serial': PLATFORM_SERIAL,
    'wechatpay-signature': createSign('RSA-SHA256')
      .update(`${timestamp}\n${nonce}\n${body}\n`)
      .sign(wechat.privateKey, 'base64'),
  };
}

function notification(transaction: object): string {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from('transaction'));
  const data = Buffer.concat([
    cipher.update(JSON.stringify(transaction)),
    cipher.final(),
    cipher.getAuthTag(),
  ]);
  return JSON.stringify({
    id: randomBytes(8).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    resource: {
      original_type: 'transaction',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: data.toString('base64'),
      associated_data: 'transaction',
      nonce,
    },
  });
}

interface Order {
  out_trade_no: string;
  amount: { total: number };
  notify_url: string;
  signatureValid: boolean;
}

/** WeChat Pay's place: Native orders and order queries, merchant signatures checked, answers signed. */
function startWechatPay(): Promise<{
  server: Server;
  url: string;
  orders: Order[];
  paid: Map<string, string>;
}> {
  const orders: Order[] = [];
  const paid = new Map<string, string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = String(request.headers['authorization'] ?? '');
      const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(auth)?.[1] ?? '';
      const signatureValid =
        auth.startsWith('WECHATPAY2-SHA256-RSA2048 ') &&
        field('mchid') === MCHID &&
        createVerify('RSA-SHA256')
          .update(
            `${request.method}\n${request.url}\n${field('timestamp')}\n${field('nonce_str')}\n${body}\n`,
          )
          .verify(merchant.publicKey, field('signature'), 'base64');
      const answer = (status: number, value: object) => {
        const text = JSON.stringify(value);
        response.writeHead(status, { 'content-type': 'application/json', ...signedByWechat(text) }).end(text);
      };
      if (!signatureValid) return answer(401, { code: 'SIGN_ERROR', message: '签名错误' });
      if (request.method === 'POST' && request.url === '/v3/pay/transactions/native') {
        const order = JSON.parse(body) as Order;
        orders.push({ ...order, signatureValid });
        return answer(200, { code_url: `weixin://wxpay/bizpayurl?pr=${order.out_trade_no.slice(0, 8)}` });
      }
      const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^?]+)\?mchid=(\d+)$/.exec(request.url ?? '');
      if (request.method === 'GET' && query) {
        const order = orders.find((o) => o.out_trade_no === query[1]);
        if (!order) return answer(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
        const transactionId = paid.get(order.out_trade_no);
        return answer(200, {
          mchid: MCHID,
          out_trade_no: order.out_trade_no,
          trade_state: transactionId ? 'SUCCESS' : 'NOTPAY',
          ...(transactionId
            ? {
                transaction_id: transactionId,
                success_time: new Date().toISOString(),
                amount: { total: order.amount.total },
              }
            : {}),
        });
      }
      answer(404, { code: 'NOT_FOUND', message: '' });
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, orders, paid }),
    ),
  );
}

describe('dues paid online through the WeChat Pay adapter', () => {
  let wechatPay: Awaited<ReturnType<typeof startWechatPay>>;
  beforeAll(async () => {
    wechatPay = await startWechatPay();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => wechatPay.server.close(() => resolve()));
  });

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
      platformPublicKey: wechat.publicKey,
      platformSerial: PLATFORM_SERIAL,
      notifyBaseUrl: platform.gatewayUrl,
    });
    expect(badSettings.status).toBe(400);
    expect(badSettings.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'apiV3Key',
      'merchantId',
      'merchantPrivateKey',
    ]);
    const settings = await api('PUT', '/api/v1/payment-settings', {
      merchantId: MCHID,
      appId: 'wxd678efh567hg6787',
      merchantSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
      merchantPrivateKey: merchant.privateKey,
      apiV3Key,
      platformPublicKey: wechat.publicKey,
      platformSerial: PLATFORM_SERIAL,
      baseUrl: wechatPay.url,
      notifyBaseUrl: platform.gatewayUrl,
    });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ configured: true, merchantId: MCHID });
    expect(JSON.stringify(settings.body)).not.toContain(apiV3Key);
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

    const notify = (body: string, headers = signedByWechat(body)) =>
      gateway('POST', notifyUrl.pathname, {
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const success = notification({
      mchid: MCHID,
      out_trade_no: order.out_trade_no,
      transaction_id: '4200000000202612010000000001',
      trade_state: 'SUCCESS',
      success_time: new Date().toISOString(),
      amount: { total: 9_750, currency: 'CNY' },
    });
    // Forged: signed over other bytes; nothing settles.
    const forged = await notify(success, signedByWechat(success.replace('TRANSACTION', 'TRANSACTIOM')));
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
    const late = notification({
      mchid: MCHID,
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
