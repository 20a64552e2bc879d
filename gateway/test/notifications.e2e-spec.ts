import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import pg from 'pg';
import { listQuery, passwordLogin } from '@dangjian/testing';
import { simpleParser } from 'mailparser';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { freshTenant, gateway, platform, uniqueSlug, until } from './support.js';

/*
 * Issue 15: notifications that reach people. A meeting called puts a notice in each participant's
 * inbox, sends them an e-mail through the tenant's relay (a real SMTP server started here, read back)
 * and posts a signed webhook to the tenant's endpoint (a real HTTP receiver started here, which checks
 * the signature and fails the first try: the platform tries again, and sends nothing twice).
 */
let serial = 0;
const region = String(370000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19880808${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

interface Mail {
  to: string;
  subject: string;
  text: string;
}

function startSmtp(): Promise<{ server: SMTPServer; port: number; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          mails.push({ to: to?.text ?? '', subject: mail.subject ?? '', text: mail.text ?? '' });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = (server as unknown as { server: Server }).server.address() as AddressInfo;
      resolve({ server, port: address.port, mails });
    }),
  );
}

interface Hook {
  deliveryId: string;
  signatureValid: boolean;
  body: { kind: string; params: Record<string, string>; userId: string; refId: string };
}

/** A receiver that checks each request's signature and answers 500 to the first one. */
function startReceiver(
  secret: () => string,
): Promise<{ server: Server; url: string; hooks: Hook[]; tries: number[] }> {
  const hooks: Hook[] = [];
  const tries: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['x-dangjian-timestamp']);
      const expected = `sha256=${createHmac('sha256', secret()).update(`${timestamp}.${body}`).digest('hex')}`;
      tries.push(Date.now());
      if (tries.length === 1) {
        response.writeHead(500).end();
        return;
      }
      hooks.push({
        deliveryId: String(request.headers['x-dangjian-delivery']),
        signatureValid: request.headers['x-dangjian-signature'] === expected,
        body: JSON.parse(body),
      });
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
        hooks,
        tries,
      }),
    ),
  );
}

describe('notifications that reach people', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let secret = '';

  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startReceiver(() => secret);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  });

  it('tells a meeting’s participants in the inbox, by e-mail and by a signed webhook retried once', async () => {
    const { api, root, slug } = await freshTenant('notify');
    // Before the tenant configures a relay nothing is mailed; these are the admin's channels.
    expect((await api('GET', '/api/v1/notification-settings')).body).toMatchObject({
      smtpPort: 25,
      smtpHost: null,
    });
    const badRelay = await api('PUT', '/api/v1/notification-settings', {
      smtpHost: 'not a host',
      smtpPort: 70000,
      smtpTls: false,
      smtpFrom: '',
    });
    expect(badRelay.status).toBe(400);
    expect(new Set(badRelay.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['smtpPort']),
    );
    const relay = await api('PUT', '/api/v1/notification-settings', {
      smtpHost: '127.0.0.1',
      smtpPort: smtp.port,
      smtpTls: false,
      smtpFrom: '测试党委 <dangwei@example.com>',
    });
    expect(relay.status).toBe(200);
    const endpoint = await api('POST', '/api/v1/webhook-endpoints', {
      url: receiver.url,
      kinds: ['meeting_notified'],
    });
    expect(endpoint.status).toBe(201);
    secret = endpoint.body.secret;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    // The secret is answered once only.
    expect(
      (await api('GET', `/api/v1/webhook-endpoints?${listQuery(['createdAt', 'ASC'], [0, 9])}`)).body,
    ).toEqual([expect.objectContaining({ id: endpoint.body.id, secret: null })]);

    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '通知支部',
        code: uniqueSlug('NOTE'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body as { id: string };
    const people: { userId: string; email: string; token: string }[] = [];
    for (const name of ['甲', '乙']) {
      const username = uniqueSlug(`notify-${name === '甲' ? 'a' : 'b'}`);
      const email = `${username}@example.com`;
      const invited = await api('POST', '/api/v1/invitations', {
        displayName: `党员${name}`,
        roles: ['member'],
        email,
      });
      const activated = await gateway('POST', '/api/v1/invitations/activate', {
        body: { code: invited.body.code, username, password: 'Secret-123' },
      });
      const userId = activated.body.userId as string;
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: `党员${name}`,
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2012-07-01',
        confirmedOn: '2013-07-01',
        userId,
      });
      people.push({ userId, email, token: await passwordLogin(platform.issuer, username, 'Secret-123') });
    }
    const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
    // 乙 wants no e-mail of meeting notices.
    const off = await gateway('PUT', '/api/v1/me/notification-preferences', {
      token: b.token,
      tenant: slug,
      body: { channels: { meeting_notified: [] }, dailyDigest: false },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({
      channels: { meeting_notified: [] },
      dailyDigest: false,
      quietFrom: null,
    });
    // Only e-mail is offered here: no WeChat binding, no number kept for text messages.
    expect(off.body.availableChannels).toEqual(['email']);
    const sms = await gateway('PUT', '/api/v1/me/notification-preferences', {
      token: b.token,
      tenant: slug,
      body: { channels: { meeting_notified: [] }, dailyDigest: false, smsPhone: '13800138000' },
    });
    expect(sms.body.rule).toBe('sms-not-configured');
    const bind = await gateway('POST', '/api/v1/me/wechat-binding', {
      token: b.token,
      tenant: slug,
      body: { code: 'CODE12345678' },
    });
    expect(bind.body.rule).toBe('wechat-not-configured');
    const badPreferences = await gateway('PUT', '/api/v1/me/notification-preferences', {
      token: b.token,
      tenant: slug,
      body: { channels: { meeting_notified: ['pigeon'] }, quietFrom: '25:00', dailyDigest: false },
    });
    expect(badPreferences.status).toBe(400);
    expect(badPreferences.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'channels.meeting_notified',
      'quietFrom',
      'quietUntil',
    ]);

    const meeting = (
      await api('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind: 'branch_general_meeting',
        title: '学习贯彻党的二十大精神',
        scheduledAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
        place: '三楼会议室',
      })
    ).body as { id: string };
    expect((await api('POST', `/api/v1/meetings/${meeting.id}/actions`, { action: 'notify' })).status).toBe(
      200,
    );

    // The inbox: both participants, unread, with what the notice is made of.
    const inbox = async (token: string) =>
      gateway('GET', `/api/v1/me/notifications?${listQuery(['createdAt', 'DESC'], [0, 9])}`, {
        token,
        tenant: slug,
      });
    const notice = await until(async () => {
      const listed = await inbox(a.token);
      return listed.body.length > 0 ? listed : undefined;
    }, 'the inbox entry');
    expect(notice.headers.get('x-unread')).toBe('1');
    expect(notice.body).toEqual([
      expect.objectContaining({
        kind: 'meeting_notified',
        refId: meeting.id,
        readAt: null,
        params: expect.objectContaining({
          title: '学习贯彻党的二十大精神',
          place: '三楼会议室',
          organisation: '通知支部',
        }),
      }),
    ]);
    expect(
      await until(async () => ((await inbox(b.token)).body.length ? true : undefined), 'b’s inbox'),
    ).toBe(true);

    // The e-mail, read back from the SMTP server: to 甲 only (乙 turned it off).
    const mail = await until(async () => smtp.mails.find((m) => m.to === a.email), 'the e-mail');
    expect(mail.subject).toBe('会议通知：学习贯彻党的二十大精神');
    expect(mail.text).toContain('三楼会议室');
    expect(mail.text).toContain('通知支部');

    // The webhook: failed once, tried again, signature valid, one delivery per person, never twice.
    await until(async () => (receiver.hooks.length >= 2 ? true : undefined), 'the webhooks');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.tries.length).toBe(3);
    expect(receiver.hooks.every((hook) => hook.signatureValid)).toBe(true);
    expect(new Set(receiver.hooks.map((hook) => hook.deliveryId)).size).toBe(2);
    expect(receiver.hooks.map((hook) => hook.body.userId).sort()).toEqual([a.userId, b.userId].sort());
    expect(receiver.hooks[0]!.body).toMatchObject({ kind: 'meeting_notified', refId: meeting.id });
    expect(smtp.mails.filter((m) => m.to === a.email && m.subject.startsWith('会议通知'))).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.to === b.email)).toHaveLength(0);

    // Moved after the notice: both are told again (urgent: within a day); a title change alone tells nobody.
    expect(
      (await api('PUT', `/api/v1/meetings/${meeting.id}`, { title: '学习贯彻党的二十大精神（一）' })).status,
    ).toBe(200);
    expect((await api('PUT', `/api/v1/meetings/${meeting.id}`, { place: '一楼报告厅' })).status).toBe(200);
    const moved = await until(async () => {
      const listed = (await inbox(b.token)).body as { kind: string; params: Record<string, string> }[];
      return listed.find((n) => n.kind === 'meeting_rescheduled');
    }, 'the rescheduled notice');
    expect(moved.params).toMatchObject({ place: '一楼报告厅', title: '学习贯彻党的二十大精神（一）' });
    expect(((await inbox(b.token)).body as { kind: string }[]).map((n) => n.kind).sort()).toEqual([
      'meeting_notified',
      'meeting_rescheduled',
    ]);
    const movedMail = await until(
      async () => smtp.mails.find((m) => m.to === a.email && m.subject.startsWith('会议时间地点变更')),
      'the e-mail of the move',
    );
    expect(movedMail.text).toContain('一楼报告厅');

    // Read: mine only. Another person's ids change nothing of theirs.
    const aId = notice.body[0].id as string;
    const bNotice = (await inbox(b.token)).body[0] as { id: string };
    const marked = await gateway('POST', '/api/v1/me/notifications/read', {
      token: a.token,
      tenant: slug,
      body: { ids: [aId, bNotice.id] },
    });
    // The move's notice is still unread; b's notices are untouched.
    expect(marked.body).toEqual({ unread: 1 });
    expect(((await inbox(b.token)).body as { readAt: string | null }[]).every((n) => n.readAt === null)).toBe(
      true,
    );
    const mine = (await inbox(a.token)).body as { id: string; readAt: string | null }[];
    expect(mine.find((n) => n.id === aId)!.readAt).not.toBeNull();
    // Pages, totals and the unread filter (the inbox is one statement: decision 0040): a page of one,
    // a page past the end (no row, the counts still right), unread only.
    const page = (range: [number, number], filter: object = {}) =>
      gateway('GET', `/api/v1/me/notifications?${listQuery(['createdAt', 'DESC'], range, filter)}`, {
        token: a.token,
        tenant: slug,
      });
    const total = (response: { headers: Headers }) =>
      Number(response.headers.get('content-range')!.split('/').pop());
    const first = await page([0, 0]);
    expect([first.body.length, total(first), first.headers.get('x-unread')]).toEqual([1, 2, '1']);
    expect(first.body[0].id).toBe(mine[0]!.id);
    const second = await page([1, 1]);
    expect(second.body.map((n: { id: string }) => n.id)).toEqual([mine[1]!.id]);
    const past = await page([5, 9]);
    expect([past.body, total(past), past.headers.get('x-unread')]).toEqual([[], 2, '1']);
    const unread = await page([0, 9], { unreadOnly: true });
    expect([unread.body.map((n: { id: string }) => n.id), total(unread)]).toEqual([
      mine.filter((n) => n.readAt === null).map((n) => n.id),
      1,
    ]);
    const all = await gateway('POST', '/api/v1/me/notifications/read', {
      token: a.token,
      tenant: slug,
      body: { all: true },
    });
    expect(all.body).toEqual({ unread: 0 });
    // Members configure nothing of the tenant's; without a token there is no inbox.
    expect(
      (await gateway('GET', '/api/v1/notification-settings', { token: a.token, tenant: slug })).status,
    ).toBe(403);
    expect((await gateway('GET', '/api/v1/me/notifications', { tenant: slug })).status).toBe(401);
  }, 60_000);

  it('names bad webhook input and finds no endpoint of another tenant', async () => {
    const { api } = await freshTenant('notify-bad');
    const bad = await api('POST', '/api/v1/webhook-endpoints', {
      url: 'ftp://example.com/x',
      kinds: ['nonsense'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kinds', 'url']);
    const none = await api('DELETE', '/api/v1/webhook-endpoints/5b0e3d4e-8f0a-4a57-9a51-3f3a8c2f1e11');
    expect(none.status).toBe(404);
  });

  it('tells a member of their transfer’s steps and the month’s reminders, and the secretary alone of a self-withdrawal warning', async () => {
    const { api, root, slug } = await freshTenant('notify-sources');
    const month = (offset: number) => addMonths(`${chinaToday().slice(0, 7)}-01`, offset).slice(0, 7);
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '提醒支部',
        code: uniqueSlug('REM'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body as { id: string };
    const person = async (name: string, roles: string[], body: object) => {
      const username = uniqueSlug('remind');
      const invited = await api('POST', '/api/v1/invitations', {
        displayName: name,
        roles,
        organisationScope: roles.includes('secretary') ? [branch.id] : [],
      });
      const activated = await gateway('POST', '/api/v1/invitations/activate', {
        body: { code: invited.body.code, username, password: 'Secret-123' },
      });
      const member = await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name,
        idCardNumber: idCard(),
        occupation: 'student',
        userId: activated.body.userId,
        ...body,
      });
      expect(member.status).toBe(201);
      const token = await passwordLogin(platform.issuer, username, 'Secret-123');
      return {
        memberId: member.body.id as string,
        call: (method: string, path: string, b?: unknown) =>
          gateway(method, path, { token, tenant: slug, ...(b !== undefined ? { body: b } : {}) }),
      };
    };
    const full = { developmentStage: 'full', joinedOn: '2015-07-01', confirmedOn: '2016-07-01' };
    const secretary = await person('提醒书记', ['secretary'], full);
    const late = await person('欠费党员', ['member'], full);
    const peer = await person('同支部党员', ['member'], full);
    const applicant = await person('申请人', ['member'], {
      developmentStage: 'applicant',
      stageSince: addMonths(chinaToday(), -4),
    });
    const year = Number(chinaToday().slice(0, 4));
    expect(
      (
        await api('POST', '/api/v1/positions', {
          organisationId: branch.id,
          kind: 'secretary',
          holderMemberId: secretary.memberId,
          termStart: `${year - 1}-01-01`,
          termEnd: `${year + 3}-12-31`,
        })
      ).status,
    ).toBe(201);
    const database = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await database.connect();
    try {
      // The records existed a year ago (as if imported then).
      await database.query(
        `update members set created_at = now() - interval '13 months' where organisation_id = $1`,
        [branch.id],
      );
    } finally {
      await database.end();
    }
    // The applicant's last report was nearly a cadence (3 months) ago: the next falls due this month.
    expect(
      (
        await api('POST', '/api/v1/thought-reports', {
          memberId: applicant.memberId,
          submittedOn: addMonths(chinaToday(), -3),
          title: '思想汇报',
          content: '正文',
        })
      ).status,
    ).toBe(201);
    // Dues from three months back: the late member pays none, the others all.
    for (const who of [secretary, late, peer])
      expect(
        (await api('POST', '/api/v1/dues-assessments', { memberId: who.memberId, effectiveFrom: month(-3) }))
          .status,
      ).toBe(201);
    // The others pay up to this month before any run: only the late member is reminded.
    for (const who of [secretary, peer])
      expect(
        (
          await api('POST', '/api/v1/dues-payments', {
            memberId: who.memberId,
            months: [-3, -2, -1, 0].map(month),
            paidOn: chinaToday(),
          })
        ).status,
      ).toBe(201);
    for (const offset of [-3, -2, -1])
      expect((await api('POST', '/api/v1/dues-ledger/runs', { month: month(offset) })).status).toBe(200);
    // This month's first run reminds; a second run of it does not remind again.
    for (let run = 0; run < 2; run++)
      expect((await api('POST', '/api/v1/dues-ledger/runs', { month: month(0) })).status).toBe(200);
    expect((await api('POST', '/api/v1/withdrawal-cases/runs')).status).toBe(200);
    // The late member applies for a transfer; the secretary approves.
    const applied = await late.call('POST', '/api/v1/me/transfers', {
      destination: 'outside_platform',
      receivingOrganisationName: '外地街道党工委',
      reason: '工作调动',
    });
    expect(applied.status).toBe(201);
    expect(
      (await secretary.call('POST', `/api/v1/transfers/${applied.body.id}/actions`, { action: 'approve' }))
        .status,
    ).toBe(200);

    const kinds = async (who: { call: typeof late.call }) =>
      (
        (await who.call('GET', `/api/v1/me/notifications?${listQuery(['createdAt', 'DESC'], [0, 49])}`))
          .body as {
          kind: string;
          params: Record<string, string>;
        }[]
      )
        .map((n) => `${n.kind}:${n.params['month'] ?? n.params['state'] ?? n.params['member'] ?? ''}`)
        .sort();
    const lateKinds = await until(async () => {
      const found = await kinds(late);
      return found.filter((k) => k.startsWith('transfer_step')).length >= 2 ? found : undefined;
    }, 'the late member’s notices');
    expect(lateKinds).toEqual(
      [
        `dues_reminder:${month(-3)}`,
        `dues_reminder:${month(-2)}`,
        `dues_reminder:${month(-1)}`,
        `dues_reminder:${month(0)}`,
        'transfer_step:applied',
        'transfer_step:approved',
      ].sort(),
    );
    const secretaryKinds = await until(async () => {
      const found = await kinds(secretary);
      return found.some((k) => k.startsWith('self_withdrawal_flagged')) ? found : undefined;
    }, 'the secretary’s warning');
    expect(secretaryKinds).toContain('self_withdrawal_flagged:warning');
    expect(await kinds(applicant)).toEqual([`thought_report_due:${month(0)}`]);
    // The peer is told nothing of the late member (nor owes anything).
    expect(await kinds(peer)).toEqual([]);
  }, 90_000);
});
