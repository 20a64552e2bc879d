import { createCipheriv, createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * WeChat Pay cannot be reached from these machines: this HTTP server stands in its place for the
 * tests (decision 0026). It checks the merchant's request signatures and signs its answers with a key
 * made here, as WeChat Pay does, answers Native orders and order queries, and makes the payment
 * notifications WeChat Pay would send (AES-256-GCM encrypted, RSA-SHA256 signed).
 */

export interface StandInOrder {
  out_trade_no: string;
  amount: { total: number };
  notify_url: string;
  signatureValid: boolean;
}

export interface WechatPayStandIn {
  url: string;
  merchantId: string;
  platformSerial: string;
  merchant: { privateKey: string; publicKey: string };
  wechat: { privateKey: string; publicKey: string };
  apiV3Key: string;
  orders: StandInOrder[];
  /** out_trade_no → transaction id: what the order query reports paid. */
  paid: Map<string, string>;
  /** Headers WeChat Pay signs a body with. */
  signed(body: string): Record<string, string>;
  /** A notification of this transaction, as WeChat Pay sends it. */
  notification(transaction: object): string;
  /** The settings a tenant admin enters for this merchant. */
  settings(notifyBaseUrl: string): Record<string, string>;
  close(): Promise<void>;
}

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

export async function startWechatPayStandIn(): Promise<WechatPayStandIn> {
  const merchant = keyPair();
  const wechat = keyPair();
  const apiV3Key = randomBytes(16).toString('hex');
  const merchantId = '1900000109';
  const platformSerial = 'PUB_KEY_ID_0114232021';
  const orders: StandInOrder[] = [];
  const paid = new Map<string, string>();
  const signed = (body: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    return {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': platformSerial,
      'wechatpay-signature': createSign('RSA-SHA256')
        .update(`${timestamp}\n${nonce}\n${body}\n`)
        .sign(wechat.privateKey, 'base64'),
    };
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const auth = String(request.headers['authorization'] ?? '');
      const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(auth)?.[1] ?? '';
      const signatureValid =
        auth.startsWith('WECHATPAY2-SHA256-RSA2048 ') &&
        field('mchid') === merchantId &&
        createVerify('RSA-SHA256')
          .update(
            `${request.method}\n${request.url}\n${field('timestamp')}\n${field('nonce_str')}\n${body}\n`,
          )
          .verify(merchant.publicKey, field('signature'), 'base64');
      const answer = (status: number, value: object) => {
        const text = JSON.stringify(value);
        response.writeHead(status, { 'content-type': 'application/json', ...signed(text) }).end(text);
      };
      if (!signatureValid) return answer(401, { code: 'SIGN_ERROR', message: '签名错误' });
      if (request.method === 'POST' && request.url === '/v3/pay/transactions/native') {
        const order = JSON.parse(body) as StandInOrder;
        orders.push({ ...order, signatureValid });
        return answer(200, { code_url: `weixin://wxpay/bizpayurl?pr=${order.out_trade_no.slice(0, 8)}` });
      }
      const query = /^\/v3\/pay\/transactions\/out-trade-no\/([^?]+)\?mchid=(\d+)$/.exec(request.url ?? '');
      if (request.method === 'GET' && query) {
        const order = orders.find((o) => o.out_trade_no === query[1]);
        if (!order) return answer(404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
        const transactionId = paid.get(order.out_trade_no);
        return answer(200, {
          mchid: merchantId,
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    merchantId,
    platformSerial,
    merchant,
    wechat,
    apiV3Key,
    orders,
    paid,
    signed,
    notification(transaction) {
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
    },
    settings(notifyBaseUrl) {
      return {
        merchantId,
        appId: 'wxd678efh567hg6787',
        merchantSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
        merchantPrivateKey: merchant.privateKey,
        apiV3Key,
        platformPublicKey: wechat.publicKey,
        platformSerial,
        baseUrl: url,
        notifyBaseUrl,
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
