import { createHash, createHmac } from 'node:crypto';
import type { Channel, Outgoing } from './channel.js';

/**
 * SMS through Tencent Cloud SMS (API 3.0, `SendSms`, signed TC3-HMAC-SHA256), with the operator's
 * account, signature and a template per kind whose parameters are the notice's params. Configured
 * by the operator (SMS_*); without it the channel does not exist. It has never met Tencent Cloud: it
 * is tested against an HTTP server standing in for it, which checks the signature (decision 0025).
 */
export interface SmsConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  region: string;
  /** https://sms.tencentcloudapi.com unless the operator says otherwise. */
  baseUrl: string;
  /** Per kind: the template and the params that fill it, in order. */
  templates: Record<string, { id: string; params: string[] }>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/** The TC3-HMAC-SHA256 Authorization header of a JSON POST to `/` (Tencent Cloud API 3.0). */
export function tc3Authorization(
  config: { secretId: string; secretKey: string },
  request: { host: string; service: string; action: string; timestamp: number; body: string },
): string {
  const date = new Date(request.timestamp * 1000).toISOString().slice(0, 10);
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:application/json; charset=utf-8\nhost:${request.host}\nx-tc-action:${request.action.toLowerCase()}\n`,
    signedHeaders,
    sha256(request.body),
  ].join('\n');
  const scope = `${date}/${request.service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', String(request.timestamp), scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${config.secretKey}`, date), request.service), 'tc3_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${config.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export class SmsChannel implements Channel {
  readonly name = 'sms';

  constructor(
    private readonly config: SmsConfig,
    /** The delivery's target is the number as sealed in the person's preferences. */
    private readonly openPhone: (sealed: string) => string = (phone) => phone,
    private readonly now: () => number = Date.now,
  ) {}

  kinds(): string[] {
    return Object.keys(this.config.templates);
  }

  async send(message: Outgoing): Promise<void> {
    const kind = String(message.payload['kind'] ?? '');
    const template = this.config.templates[kind];
    if (!template) throw new Error(`no SMS template for ${kind}`);
    const params = (message.payload['params'] ?? {}) as Record<string, string>;
    const body = JSON.stringify({
      PhoneNumberSet: [`+86${this.openPhone(message.target)}`],
      SmsSdkAppId: this.config.sdkAppId,
      SignName: this.config.signName,
      TemplateId: template.id,
      TemplateParamSet: template.params.map((name) => params[name] ?? ''),
    });
    const url = new URL(this.config.baseUrl);
    const timestamp = Math.floor(this.now() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: tc3Authorization(this.config, {
          host: url.host,
          service: 'sms',
          action: 'SendSms',
          timestamp,
          body,
        }),
        'content-type': 'application/json; charset=utf-8',
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': this.config.region,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json()) as {
      Response?: {
        Error?: { Code: string; Message: string };
        SendStatusSet?: { Code: string; Message: string }[];
      };
    };
    const error = answer.Response?.Error;
    if (!response.ok || error)
      throw new Error(`Tencent Cloud SMS refused: ${error?.Code ?? response.status}`);
    const status = answer.Response?.SendStatusSet?.[0];
    if (status && status.Code !== 'Ok')
      throw new Error(`the SMS was not sent: ${status.Code} ${status.Message}`);
  }
}
