import { createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';

/*
 * WeChat Pay API v3 (微信支付 APIv3), the parts dues need: a Native order (a QR code the member scans
 * in WeChat), the order's state, and the payment notification. Requests are signed with the
 * merchant's RSA key (SHA256-RSA2048); answers and notifications are verified with WeChat Pay's public
 * key; a notification's resource is AES-256-GCM encrypted with the merchant's APIv3 key. It has never
 * met WeChat's servers: its signing and decryption are tested with keys made in the test, against an
 * HTTP server the test starts in WeChat Pay's place (README, decision 0026).
 */

export interface WechatPayConfig {
  merchantId: string;
  appId: string;
  /** The serial number of the merchant's API certificate (商户API证书序列号). */
  merchantSerial: string;
  /** PEM, PKCS#8. */
  merchantPrivateKey: string;
  /** The APIv3 key: 32 ASCII characters. */
  apiV3Key: string;
  /** WeChat Pay's public key (微信支付公钥), PEM, and its id (the Wechatpay-Serial it signs with). */
  platformPublicKey: string;
  platformSerial: string;
  /** https://api.mch.weixin.qq.com unless the operator says otherwise. */
  baseUrl: string;
}

/** The merchant's signature of a request: method, path with query, timestamp, nonce, body. */
export function signRequest(
  privateKey: string,
  request: { method: string; path: string; timestamp: string; nonce: string; body: string },
): string {
  const message = `${request.method}\n${request.path}\n${request.timestamp}\n${request.nonce}\n${request.body}\n`;
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

export function authorization(
  config: WechatPayConfig,
  method: string,
  path: string,
  body: string,
  now: Date,
): string {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const signature = signRequest(config.merchantPrivateKey, { method, path, timestamp, nonce, body });
  return `WECHATPAY2-SHA256-RSA2048 mchid="${config.merchantId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${config.merchantSerial}"`;
}

/** WeChat Pay's signature of an answer or a notification: timestamp, nonce, body. */
export function verifySignature(
  publicKey: string,
  headers: { timestamp: string; nonce: string; signature: string },
  body: string,
): boolean {
  try {
    return createVerify('RSA-SHA256')
      .update(`${headers.timestamp}\n${headers.nonce}\n${body}\n`)
      .verify(publicKey, headers.signature, 'base64');
  } catch {
    return false;
  }
}

/** A notification's encrypted resource, opened with the APIv3 key (AEAD_AES_256_GCM; the tag is the last 16 bytes). */
export function decryptResource(
  apiV3Key: string,
  resource: { ciphertext: string; nonce: string; associated_data?: string },
): string {
  const data = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv(
    'aes-256-gcm',
    Buffer.from(apiV3Key, 'utf8'),
    Buffer.from(resource.nonce, 'utf8'),
  );
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString(
    'utf8',
  );
}

/** A transaction as WeChat Pay reports it (the fields dues read). */
export interface WechatTransaction {
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  success_time?: string;
  amount?: { total: number; currency?: string };
  mchid?: string;
}

/** Headers of an answer or notification, by their lower-case names. */
export type Headers = Record<string, string | undefined>;

/** Why a notification is refused: it is not WeChat Pay's, or not about this merchant. */
export class NotificationRefused extends Error {}

export class WechatPayV3 {
  constructor(
    private readonly config: WechatPayConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A Native order: WeChat Pay answers the QR code's URL (code_url). */
  async createNativeOrder(order: {
    outTradeNo: string;
    description: string;
    amountFen: number;
    notifyUrl: string;
    expiresAt: Date;
  }): Promise<{ codeUrl: string }> {
    const answer = (await this.call('POST', '/v3/pay/transactions/native', {
      appid: this.config.appId,
      mchid: this.config.merchantId,
      description: order.description,
      out_trade_no: order.outTradeNo,
      time_expire: order.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
      notify_url: order.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
    })) as { code_url?: string };
    if (!answer.code_url) throw new Error('WeChat Pay answered no code_url');
    return { codeUrl: answer.code_url };
  }

  /** The order's state, asked of WeChat Pay (when a notification did not arrive). */
  async queryOrder(outTradeNo: string): Promise<WechatTransaction> {
    return (await this.call(
      'GET',
      `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.config.merchantId)}`,
    )) as WechatTransaction;
  }

  /** A payment notification: verified, decrypted, and about this merchant, or refused. */
  openNotification(headers: Headers, body: string): WechatTransaction {
    const signed = {
      timestamp: headers['wechatpay-timestamp'] ?? '',
      nonce: headers['wechatpay-nonce'] ?? '',
      signature: headers['wechatpay-signature'] ?? '',
    };
    if (headers['wechatpay-serial'] !== this.config.platformSerial)
      throw new NotificationRefused('signed with a key this merchant does not know');
    if (!verifySignature(this.config.platformPublicKey, signed, body))
      throw new NotificationRefused('the signature does not verify');
    // Five minutes either way, as WeChat Pay advises: an old notification replayed is refused.
    if (Math.abs(this.now().getTime() / 1000 - Number(signed.timestamp)) > 300)
      throw new NotificationRefused('the timestamp is too far from now');
    const notification = JSON.parse(body) as {
      event_type?: string;
      resource?: { ciphertext: string; nonce: string; associated_data?: string };
    };
    if (!notification.resource) throw new NotificationRefused('no resource');
    let transaction: WechatTransaction;
    try {
      transaction = JSON.parse(
        decryptResource(this.config.apiV3Key, notification.resource),
      ) as WechatTransaction;
    } catch {
      throw new NotificationRefused('the resource does not decrypt');
    }
    if (transaction.mchid && transaction.mchid !== this.config.merchantId)
      throw new NotificationRefused('about another merchant');
    return transaction;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: object): Promise<unknown> {
    const text = body ? JSON.stringify(body) : '';
    const response = await fetch(`${this.config.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: authorization(this.config, method, path, text, this.now()),
      },
      ...(body ? { body: text } : {}),
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    const answer = await response.text();
    const header = (name: string) => response.headers.get(name) ?? '';
    // An answer is believed only when WeChat Pay signed it.
    if (
      header('wechatpay-serial') !== this.config.platformSerial ||
      !verifySignature(
        this.config.platformPublicKey,
        {
          timestamp: header('wechatpay-timestamp'),
          nonce: header('wechatpay-nonce'),
          signature: header('wechatpay-signature'),
        },
        answer,
      )
    )
      throw new Error(`WeChat Pay's answer (${response.status}) is not signed by its key`);
    if (response.status < 200 || response.status > 299)
      throw new Error(`WeChat Pay answered ${response.status}: ${answer.slice(0, 200)}`);
    return answer ? JSON.parse(answer) : {};
  }
}
