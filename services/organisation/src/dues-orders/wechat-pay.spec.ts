import { createCipheriv, createVerify, generateKeyPairSync, createSign } from 'node:crypto';
import {
  decryptResource,
  signRequest,
  verifySignature,
  WechatPayV3,
  NotificationRefused,
} from './wechat-pay.js';

const pem = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};
const merchant = pem();
const wechat = pem();
const apiV3Key = 'k'.repeat(32);

const encrypt = (plain: string, nonce = 'abcdefghijkl', aad = 'transaction') => {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: data.toString('base64'), nonce, associated_data: aad };
};
const signAsWechat = (timestamp: string, nonce: string, body: string) =>
  createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(wechat.privateKey, 'base64');

const now = new Date('2026-12-01T02:00:00Z');
const pay = new WechatPayV3(
  {
    merchantId: '1900000109',
    appId: 'wxd678efh567hg6787',
    merchantSerial: 'ABCDEF0123456789',
    merchantPrivateKey: merchant.privateKey,
    apiV3Key,
    platformPublicKey: wechat.publicKey,
    platformSerial: 'PUB_KEY_ID_0001',
    baseUrl: 'http://127.0.0.1:9',
  },
  () => now,
);

describe('WeChat Pay APIv3 signing and decryption, with keys made here', () => {
  it('signs a request the merchant’s public key verifies, and only that request', () => {
    const request = {
      method: 'POST',
      path: '/v3/pay/transactions/native',
      timestamp: '1764554400',
      nonce: 'n1',
      body: '{"a":1}',
    };
    const signature = signRequest(merchant.privateKey, request);
    const message = (r: typeof request) => `${r.method}\n${r.path}\n${r.timestamp}\n${r.nonce}\n${r.body}\n`;
    expect(
      createVerify('RSA-SHA256').update(message(request)).verify(merchant.publicKey, signature, 'base64'),
    ).toBe(true);
    expect(
      createVerify('RSA-SHA256')
        .update(message({ ...request, body: '{"a":2}' }))
        .verify(merchant.publicKey, signature, 'base64'),
    ).toBe(false);
  });

  it('verifies WeChat Pay’s signature and opens the AES-256-GCM resource; a changed byte fails both', () => {
    const body = '{"x":1}';
    const signature = signAsWechat('1764554400', 'n2', body);
    expect(verifySignature(wechat.publicKey, { timestamp: '1764554400', nonce: 'n2', signature }, body)).toBe(
      true,
    );
    expect(
      verifySignature(wechat.publicKey, { timestamp: '1764554400', nonce: 'n2', signature }, '{"x":2}'),
    ).toBe(false);
    expect(
      verifySignature(merchant.publicKey, { timestamp: '1764554400', nonce: 'n2', signature }, body),
    ).toBe(false);
    const resource = encrypt('{"out_trade_no":"o1"}');
    expect(decryptResource(apiV3Key, resource)).toBe('{"out_trade_no":"o1"}');
    const tampered = Buffer.from(resource.ciphertext, 'base64');
    tampered[0] = tampered[0]! ^ 1;
    expect(() =>
      decryptResource(apiV3Key, { ...resource, ciphertext: tampered.toString('base64') }),
    ).toThrow();
    expect(() => decryptResource(apiV3Key, { ...resource, associated_data: 'other' })).toThrow();
  });

  it('opens a notification only when signed by the known key, recent, and about this merchant', () => {
    const notification = (transaction: object) =>
      JSON.stringify({
        id: 'EV-1',
        event_type: 'TRANSACTION.SUCCESS',
        resource: encrypt(JSON.stringify(transaction)),
      });
    const headers = (body: string, timestamp = String(now.getTime() / 1000), serial = 'PUB_KEY_ID_0001') => ({
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': 'n3',
      'wechatpay-serial': serial,
      'wechatpay-signature': signAsWechat(timestamp, 'n3', body),
    });
    const body = notification({
      mchid: '1900000109',
      out_trade_no: 'o1',
      trade_state: 'SUCCESS',
      amount: { total: 9750 },
    });
    expect(pay.openNotification(headers(body), body)).toMatchObject({
      out_trade_no: 'o1',
      amount: { total: 9750 },
    });
    expect(() => pay.openNotification(headers(body, undefined, 'OTHER'), body)).toThrow(NotificationRefused);
    expect(() => pay.openNotification(headers(body, String(now.getTime() / 1000 - 301)), body)).toThrow(
      /too far/,
    );
    expect(() => pay.openNotification(headers(body), body.replace('EV-1', 'EV-2'))).toThrow(/signature/);
    const other = notification({ mchid: '1900000999', out_trade_no: 'o1', trade_state: 'SUCCESS' });
    expect(() => pay.openNotification(headers(other), other)).toThrow(/another merchant/);
  });
});
