import { decryptField, encryptField, parseMasterKey, type TenantKeys } from '@dangjian/kit';
import { SmsChannel, type SmsConfig } from './channels/sms-channel.js';
import { WechatSubscribeChannel, type WechatSubscribeConfig } from './channels/wechat-subscribe-channel.js';

/** The optional channels the operator configured (environment), and how a person's phone is sealed. */
export interface OptionalChannels {
  wechat?: WechatSubscribeChannel;
  sms?: SmsChannel;
  /** Seals and opens the mobile numbers people give for SMS. */
  phones?: { seal(phone: string): string; open(sealed: string): string };
}

type Env = Record<string, unknown>;

function json<T>(env: Env, name: string): T {
  try {
    return JSON.parse(String(env[name] ?? '')) as T;
  } catch {
    throw new Error(`${name} must be JSON`);
  }
}

/**
 * WeChat subscription messages when WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TEMPLATES are set;
 * SMS when SMS_SECRET_ID, SMS_SECRET_KEY, SMS_SDK_APP_ID, SMS_SIGN_NAME, SMS_TEMPLATES and
 * NOTIFY_CONTACT_KEY (32 bytes, base64: seals the numbers) are set. Partly set is a configuration
 * error; unset, the channel does not exist and nothing is ever sent to WeChat or Tencent Cloud.
 */
export function optionalChannels(env: Env): OptionalChannels {
  const result: OptionalChannels = {};
  const wechatNames = ['WECHAT_APP_ID', 'WECHAT_APP_SECRET', 'WECHAT_TEMPLATES'];
  const wechatSet = wechatNames.filter((name) => env[name]);
  if (wechatSet.length > 0) {
    if (wechatSet.length < wechatNames.length)
      throw new Error(`WeChat messages need all of ${wechatNames.join(', ')}`);
    const config: WechatSubscribeConfig = {
      appId: String(env['WECHAT_APP_ID']),
      appSecret: String(env['WECHAT_APP_SECRET']),
      baseUrl: String(env['WECHAT_API_BASE'] ?? 'https://api.weixin.qq.com'),
      templates: json(env, 'WECHAT_TEMPLATES'),
      ...(env['WECHAT_PAGE'] ? { page: String(env['WECHAT_PAGE']) } : {}),
    };
    result.wechat = new WechatSubscribeChannel(config);
  }
  const smsNames = [
    'SMS_SECRET_ID',
    'SMS_SECRET_KEY',
    'SMS_SDK_APP_ID',
    'SMS_SIGN_NAME',
    'SMS_TEMPLATES',
    'NOTIFY_CONTACT_KEY',
  ];
  const smsSet = smsNames.filter((name) => env[name]);
  if (smsSet.length > 0) {
    if (smsSet.length < smsNames.length) throw new Error(`text messages need all of ${smsNames.join(', ')}`);
    const key = parseMasterKey(String(env['NOTIFY_CONTACT_KEY']));
    const keys: TenantKeys = { dataKey: key, indexKey: key };
    result.phones = {
      seal: (phone) => encryptField(keys, 'smsPhone', 'notification-contact', phone),
      open: (sealed) => decryptField(keys, 'smsPhone', 'notification-contact', sealed),
    };
    const config: SmsConfig = {
      secretId: String(env['SMS_SECRET_ID']),
      secretKey: String(env['SMS_SECRET_KEY']),
      sdkAppId: String(env['SMS_SDK_APP_ID']),
      signName: String(env['SMS_SIGN_NAME']),
      region: String(env['SMS_REGION'] ?? 'ap-guangzhou'),
      baseUrl: String(env['SMS_API_BASE'] ?? 'https://sms.tencentcloudapi.com'),
      templates: json(env, 'SMS_TEMPLATES'),
    };
    result.sms = new SmsChannel(config, result.phones.open);
  }
  return result;
}
