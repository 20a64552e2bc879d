import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { optionalChannels } from '../channel-config.js';
import { tc3Authorization } from './sms-channel.js';
import type { Outgoing } from './channel.js';

/*
 * WeChat subscription messages and Tencent Cloud SMS (decision 0025): neither can be reached here, so
 * each is tested against an HTTP server started by the test in its place — the token, the openid
 * exchange and the message for WeChat; the TC3-HMAC-SHA256 signature, recomputed by the server, for SMS.
 */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function standIn(
  answer: (seen: Seen) => { status?: number; body: object },
): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const item = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(item);
      const { status, body } = answer(item);
      response.writeHead(status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }),
    ),
  );
}

const message = (target: string): Outgoing => ({
  deliveryIds: ['d1'],
  tenantId: 't1',
  target,
  subject: '会议通知：学习贯彻党的二十大精神专题会议（第一次）',
  body: '正文',
  payload: {
    kind: 'meeting_notified',
    params: { title: '学习贯彻党的二十大精神', time: '2026/12/01 14:30' },
  },
});

describe('optional channels, configured or absent', () => {
  it('exist only when configured in full', () => {
    expect(optionalChannels({})).toEqual({});
    expect(() => optionalChannels({ WECHAT_APP_ID: 'wx1' })).toThrow(/WECHAT_APP_SECRET/);
    expect(() => optionalChannels({ SMS_SECRET_ID: 'id' })).toThrow(/NOTIFY_CONTACT_KEY/);
  });

  it('sends a WeChat subscription message with a cached token, and exchanges a sign-in code for the openid', async () => {
    let tokens = 0;
    const wechat = await standIn(({ url, body }) => {
      if (url.startsWith('/cgi-bin/token?')) {
        tokens++;
        return { body: { access_token: `TOKEN${tokens}`, expires_in: 7200 } };
      }
      if (url.startsWith('/sns/oauth2/access_token?'))
        return url.includes('code=GOODCODE123')
          ? { body: { openid: 'OPENID-1' } }
          : { body: { errcode: 40029 } };
      if (url.startsWith('/cgi-bin/message/subscribe/send?access_token=TOKEN1')) {
        const sent = JSON.parse(body) as { touser: string };
        return {
          body:
            sent.touser === 'OPENID-1'
              ? { errcode: 0 }
              : { errcode: 43101, errmsg: 'user refuse to accept the msg' },
        };
      }
      return { status: 404, body: {} };
    });
    try {
      const { wechat: channel } = optionalChannels({
        WECHAT_APP_ID: 'wxd678efh567hg6787',
        WECHAT_APP_SECRET: 'secret',
        WECHAT_API_BASE: wechat.url,
        WECHAT_TEMPLATES: JSON.stringify({
          meeting_notified: { id: 'TPL-1', data: { thing1: 'title', time2: 'time', thing3: 'subject' } },
        }),
      });
      expect(channel!.kinds()).toEqual(['meeting_notified']);
      expect(await channel!.openIdOf('GOODCODE123')).toBe('OPENID-1');
      await expect(channel!.openIdOf('BADCODE1234')).rejects.toThrow(/40029/);
      await channel!.send(message('OPENID-1'));
      await channel!.send(message('OPENID-1'));
      expect(tokens).toBe(1);
      const sent = JSON.parse(wechat.seen.filter((s) => s.url.includes('subscribe/send'))[0]!.body);
      expect(sent).toEqual({
        touser: 'OPENID-1',
        template_id: 'TPL-1',
        data: {
          thing1: { value: '学习贯彻党的二十大精神' },
          time2: { value: '2026/12/01 14:30' },
          // A thing field holds 20 characters at most.
          thing3: { value: '会议通知：学习贯彻党的二十大精神专题会…' },
        },
      });
      await expect(channel!.send(message('OPENID-2'))).rejects.toThrow(/43101/);
    } finally {
      wechat.server.close();
    }
  });

  it('sends a text message signed TC3-HMAC-SHA256 to the number sealed in the preferences', async () => {
    const secretKey = randomBytes(16).toString('hex');
    const sms = await standIn(({ headers, body }) => {
      const expected = tc3Authorization(
        { secretId: 'AKID1', secretKey },
        {
          host: String(headers['host']),
          service: 'sms',
          action: 'SendSms',
          timestamp: Number(headers['x-tc-timestamp']),
          body,
        },
      );
      if (headers['authorization'] !== expected)
        return { body: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' } } } };
      return { body: { Response: { SendStatusSet: [{ Code: 'Ok', Message: 'send success' }] } } };
    });
    try {
      const channels = optionalChannels({
        SMS_SECRET_ID: 'AKID1',
        SMS_SECRET_KEY: secretKey,
        SMS_SDK_APP_ID: '1400000000',
        SMS_SIGN_NAME: '党建云',
        SMS_API_BASE: sms.url,
        SMS_TEMPLATES: JSON.stringify({ meeting_notified: { id: '123456', params: ['title', 'time'] } }),
        NOTIFY_CONTACT_KEY: randomBytes(32).toString('base64'),
      });
      const sealed = channels.phones!.seal('13800138000');
      expect(sealed).not.toContain('13800138000');
      await channels.sms!.send(message(sealed));
      expect(JSON.parse(sms.seen[0]!.body)).toMatchObject({
        PhoneNumberSet: ['+8613800138000'],
        SmsSdkAppId: '1400000000',
        SignName: '党建云',
        TemplateId: '123456',
        TemplateParamSet: ['学习贯彻党的二十大精神', '2026/12/01 14:30'],
      });
      expect(sms.seen[0]!.headers['x-tc-action']).toBe('SendSms');
      // A wrong key: the stand-in refuses the signature, and the channel says so.
      const wrong = optionalChannels({
        SMS_SECRET_ID: 'AKID1',
        SMS_SECRET_KEY: 'not-the-key',
        SMS_SDK_APP_ID: '1400000000',
        SMS_SIGN_NAME: '党建云',
        SMS_API_BASE: sms.url,
        SMS_TEMPLATES: JSON.stringify({ meeting_notified: { id: '123456', params: ['title'] } }),
        NOTIFY_CONTACT_KEY: randomBytes(32).toString('base64'),
      });
      await expect(wrong.sms!.send(message(wrong.phones!.seal('13800138000')))).rejects.toThrow(
        /SignatureFailure/,
      );
    } finally {
      sms.server.close();
    }
  });
});
