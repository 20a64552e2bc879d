import type { Channel, Outgoing } from './channel.js';

/**
 * WeChat subscription messages (订阅消息) through the operator's WeChat account: an access token
 * (client credential, cached until shortly before it expires), then `message/subscribe/send` to the
 * person's openid with the kind's template. Configured by the operator (WECHAT_*); without it the
 * channel does not exist and nothing is planned for it. It has never met WeChat's servers: it is
 * tested against an HTTP server standing in for them (decision 0025).
 */
export interface WechatSubscribeConfig {
  appId: string;
  appSecret: string;
  baseUrl: string;
  /** Per kind: the template and which of the notice's words fill which template field. */
  templates: Record<string, { id: string; data: Record<string, string> }>;
  /** The mini program page a tap opens, if any. */
  page?: string;
}

/** A template field's value from the message: its subject, its text, or one of its params. */
const fieldValue = (message: Outgoing, from: string): string => {
  const params = (message.payload['params'] ?? {}) as Record<string, string>;
  const value = from === 'subject' ? message.subject : from === 'body' ? message.body : (params[from] ?? '');
  // WeChat caps a `thing` field at 20 characters.
  return value.length > 20 ? `${value.slice(0, 19)}…` : value;
};

export class WechatSubscribeChannel implements Channel {
  readonly name = 'wechat';
  private token: { value: string; until: number } | undefined;

  constructor(
    private readonly config: WechatSubscribeConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kinds this account has a template for: the only ones planned for this channel. */
  kinds(): string[] {
    return Object.keys(this.config.templates);
  }

  async send(message: Outgoing): Promise<void> {
    const kind = String(message.payload['kind'] ?? '');
    const template = this.config.templates[kind];
    if (!template) throw new Error(`no WeChat template for ${kind}`);
    const answer = (await this.post(
      `/cgi-bin/message/subscribe/send?access_token=${await this.accessToken()}`,
      {
        touser: message.target,
        template_id: template.id,
        ...(this.config.page ? { page: this.config.page } : {}),
        data: Object.fromEntries(
          Object.entries(template.data).map(([field, from]) => [field, { value: fieldValue(message, from) }]),
        ),
      },
    )) as { errcode?: number; errmsg?: string };
    if (answer.errcode) {
      // An expired token is fetched again at the next try.
      if (answer.errcode === 40001 || answer.errcode === 42001) this.token = undefined;
      throw new Error(`WeChat refused the message: ${answer.errcode} ${answer.errmsg ?? ''}`);
    }
  }

  /** The openid of the person who signed in to WeChat with this OAuth code (网页授权), for binding. */
  async openIdOf(code: string): Promise<string> {
    const query = new URLSearchParams({
      appid: this.config.appId,
      secret: this.config.appSecret,
      code,
      grant_type: 'authorization_code',
    });
    const answer = (await this.get(`/sns/oauth2/access_token?${query}`)) as {
      openid?: string;
      errcode?: number;
    };
    if (!answer.openid) throw new Error(`WeChat refused the code: ${answer.errcode ?? 'no openid'}`);
    return answer.openid;
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > this.now()) return this.token.value;
    const query = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.config.appId,
      secret: this.config.appSecret,
    });
    const answer = (await this.get(`/cgi-bin/token?${query}`)) as {
      access_token?: string;
      expires_in?: number;
    };
    if (!answer.access_token) throw new Error('WeChat gave no access token');
    // Renewed five minutes before it expires.
    this.token = {
      value: answer.access_token,
      until: this.now() + ((answer.expires_in ?? 7200) - 300) * 1000,
    };
    return this.token.value;
  }

  private async get(path: string): Promise<unknown> {
    const response = await fetch(`${this.config.baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`WeChat answered ${response.status}`);
    return response.json();
  }

  private async post(path: string, body: object): Promise<unknown> {
    const response = await fetch(`${this.config.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`WeChat answered ${response.status}`);
    return response.json();
  }
}
