import { create } from '@bufbuild/protobuf';
import {
  NotificationPreferencesSchema,
  NotificationSchema,
  NotificationSettingsSchema,
  WebhookEndpointSchema,
  type CreateWebhookEndpointRequest,
  type ListMyNotificationsRequest,
  type ListWebhookEndpointsRequest,
  type MarkMyNotificationsReadRequest,
  type NotificationPreferences,
  type NotificationSettings,
} from '@dangjian/contracts';
import {
  isUuid,
  NotFoundError,
  pageWindow,
  requirePrincipal,
  requireRole,
  requireTenant,
  RuleViolatedError,
  maskPhone,
  Validator,
} from '@dangjian/kit';
import { randomBytes, randomUUID } from 'node:crypto';
import type { IdentityDatabase } from '../db/identity-database.js';
import type {
  Notification as NotificationRow,
  WebhookEndpoint as EndpointRow,
} from '../generated/prisma/client.js';
import { NOTIFICATION_KINDS, PERSONAL_CHANNELS } from './notification-kinds.js';
import { isPrivateTarget } from './private-target.js';
import { isClock } from './quiet-hours.js';
import type { OptionalChannels } from './channel-config.js';

/** What a notification shows (the inbox reads these only). */
type NotificationFields = Pick<
  NotificationRow,
  'id' | 'kind' | 'params' | 'urgent' | 'refId' | 'createdAt' | 'readAt'
>;
type InboxRow = Omit<NotificationFields, 'id'> & { id: string | null; total: number; unread: number };

/** The counts always make a row; a page past the end leaves its notification columns null. */
const inboxSql = (unreadOnly: boolean) =>
  `select c.total, c.unread, n.id, n.kind, n.params, n.urgent, n.ref_id as "refId",
          n.created_at as "createdAt", n.read_at as "readAt"
     from (select count(*) filter (where ${unreadOnly ? 'read_at is null' : 'true'})::int as total,
                  count(*) filter (where read_at is null)::int as unread
             from notifications where tenant_id = $1::uuid and user_id = $2::uuid) c
     left join lateral (
       select * from notifications
        where tenant_id = $1::uuid and user_id = $2::uuid ${unreadOnly ? 'and read_at is null' : ''}
        order by created_at desc, id asc limit $3 offset $4) n on true
    order by n.created_at desc, n.id asc`;

const toMessage = (row: NotificationFields) =>
  create(NotificationSchema, {
    id: row.id,
    kind: row.kind,
    params: row.params as Record<string, string>,
    urgent: row.urgent,
    ...(row.refId ? { refId: row.refId } : {}),
    createdAt: row.createdAt.toISOString(),
    ...(row.readAt ? { readAt: row.readAt.toISOString() } : {}),
  });

const endpointMessage = (row: EndpointRow, secret?: string) =>
  create(WebhookEndpointSchema, {
    id: row.id,
    url: row.url,
    kinds: row.kinds,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    ...(secret ? { secret } : {}),
  });

const HOST =
  /^(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*$|^\[?[0-9a-fA-F:.]+\]?$/;

/**
 * A person's inbox and preferences (their own only), and the tenant admin's channels: the mail
 * relay and signed webhooks.
 */
export class NotificationsUseCases {
  constructor(
    private readonly db: IdentityDatabase,
    /** Relays and webhooks inside the platform's network are allowed (single machine, tests). */
    private readonly allowPrivateTargets: boolean,
    private readonly channels: OptionalChannels = {},
  ) {}

  /** Binds my login to my WeChat account, from a WeChat sign-in's code (the operator's WeChat account). */
  async bindWechat(code: string) {
    const { userId } = requirePrincipal();
    new Validator().check(/^[0-9A-Za-z_-]{8,128}$/.test(code), 'code', 'bad_format').throwIfInvalid();
    if (!this.channels.wechat) throw new RuleViolatedError('wechat-not-configured');
    const openid = await this.channels.wechat.openIdOf(code);
    await this.db.database.platform((tx) =>
      tx.person.update({ where: { id: userId }, data: { wechatOpenid: openid } }),
    );
    return { wechatBound: true };
  }

  /**
   * My inbox: a page, its total and my unread count in one statement, read in one round trip
   * (decision 0040) — the member space asks for it on every page, from a phone.
   */
  async listMine(request: ListMyNotificationsRequest) {
    const { userId } = requirePrincipal();
    const { skip, take } = pageWindow(request.page);
    const rows = await this.db.database.readInRequestTenant<InboxRow>(inboxSql(Boolean(request.unreadOnly)), [
      requireTenant(),
      userId,
      take,
      skip,
    ]);
    return {
      notifications: rows.filter((row): row is InboxRow & { id: string } => row.id !== null).map(toMessage),
      total: rows[0]?.total ?? 0,
      unread: rows[0]?.unread ?? 0,
    };
  }

  async markRead(request: MarkMyNotificationsReadRequest) {
    const { userId } = requirePrincipal();
    const tenantId = requireTenant();
    new Validator()
      .check(request.ids.length <= 500 && request.ids.every(isUuid), 'ids', 'not_ids')
      .check(request.all || request.ids.length > 0, 'ids', 'required')
      .throwIfInvalid();
    return this.db.database.inTenant(tenantId, async (tx) => {
      await tx.notification.updateMany({
        // Someone else's ids change nothing: the caller's own rows only.
        where: { tenantId, userId, readAt: null, ...(request.all ? {} : { id: { in: request.ids } }) },
        data: { readAt: new Date() },
      });
      return { unread: await tx.notification.count({ where: { tenantId, userId, readAt: null } }) };
    });
  }

  async preferences(): Promise<NotificationPreferences> {
    const { userId } = requirePrincipal();
    const tenantId = requireTenant();
    const [row, person] = await this.db.database.inTenant(tenantId, (tx) =>
      Promise.all([
        tx.notificationPreference.findUnique({ where: { tenantId_userId: { tenantId, userId } } }),
        tx.person.findUnique({ where: { id: userId }, select: { wechatOpenid: true } }),
      ]),
    );
    return this.preferencesMessage(row, Boolean(person?.wechatOpenid));
  }

  async updatePreferences(
    preferences: NotificationPreferences | undefined,
  ): Promise<NotificationPreferences> {
    const { userId } = requirePrincipal();
    const tenantId = requireTenant();
    const p = preferences ?? create(NotificationPreferencesSchema, {});
    const v = new Validator();
    for (const [kind, choice] of Object.entries(p.channels)) {
      v.check((NOTIFICATION_KINDS as readonly string[]).includes(kind), `channels.${kind}`, 'unknown_field');
      v.check(
        choice.channels.every((c) => (PERSONAL_CHANNELS as readonly string[]).includes(c)),
        `channels.${kind}`,
        'not_one_of',
        { allowed: PERSONAL_CHANNELS.join(', ') },
      );
    }
    v.check(
      p.smsPhone === undefined || p.smsPhone === '' || /^1\d{10}$/.test(p.smsPhone),
      'smsPhone',
      'phone_format',
    );
    v.check(p.quietFrom === undefined || isClock(p.quietFrom), 'quietFrom', 'not_a_clock')
      .check(p.quietUntil === undefined || isClock(p.quietUntil), 'quietUntil', 'not_a_clock')
      .check((p.quietFrom === undefined) === (p.quietUntil === undefined), 'quietUntil', 'quiet_hours_pair')
      .throwIfInvalid();
    const data = {
      channels: Object.fromEntries(
        Object.entries(p.channels).map(([kind, choice]) => [kind, [...new Set(choice.channels)]]),
      ),
      quietFrom: p.quietFrom ?? null,
      quietUntil: p.quietUntil ?? null,
      dailyDigest: p.dailyDigest,
      // The number is kept only where text messages are offered, sealed; '' removes it.
      ...(p.smsPhone === undefined
        ? {}
        : p.smsPhone === ''
          ? { smsPhoneCipher: null, smsPhoneMasked: '' }
          : this.channels.phones
            ? { smsPhoneCipher: this.channels.phones.seal(p.smsPhone), smsPhoneMasked: maskPhone(p.smsPhone) }
            : {}),
      updatedAt: new Date(),
    };
    if (p.smsPhone && !this.channels.phones) throw new RuleViolatedError('sms-not-configured');
    const row = await this.db.database.inTenant(tenantId, (tx) =>
      tx.notificationPreference.upsert({
        where: { tenantId_userId: { tenantId, userId } },
        create: { tenantId, userId, ...data },
        update: data,
      }),
    );
    const person = await this.db.database.inTenant(tenantId, (tx) =>
      tx.person.findUnique({ where: { id: userId }, select: { wechatOpenid: true } }),
    );
    return this.preferencesMessage(row, Boolean(person?.wechatOpenid));
  }

  async settings(): Promise<NotificationSettings> {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    const row = await this.db.database.inTenant(tenantId, (tx) =>
      tx.notificationSetting.findUnique({ where: { tenantId } }),
    );
    return this.settingsMessage(row);
  }

  async updateSettings(settings: NotificationSettings | undefined): Promise<NotificationSettings> {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    const s = settings ?? create(NotificationSettingsSchema, {});
    const host = s.smtpHost?.trim() || undefined;
    new Validator()
      .check(host === undefined || HOST.test(host), 'smtpHost', 'not_a_host')
      .check(
        host === undefined || this.allowPrivateTargets || !isPrivateTarget(host),
        'smtpHost',
        'private_target',
      )
      .check(s.smtpPort >= 1 && s.smtpPort <= 65535, 'smtpPort', 'number_between', { min: 1, max: 65535 })
      .check(s.smtpFrom.length <= 200, 'smtpFrom', 'too_long', { max: 200 })
      .throwIfInvalid();
    const data = {
      smtpHost: host ?? null,
      smtpPort: s.smtpPort,
      smtpTls: s.smtpTls,
      smtpFrom: s.smtpFrom.trim(),
      updatedAt: new Date(),
    };
    const row = await this.db.database.inTenant(tenantId, (tx) =>
      tx.notificationSetting.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data }),
    );
    return this.settingsMessage(row);
  }

  async listEndpoints(request: ListWebhookEndpointsRequest) {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    return this.db.database.inTenant(tenantId, async (tx) => {
      const where = { active: true };
      const [rows, total] = await Promise.all([
        tx.webhookEndpoint.findMany({ where, orderBy: { createdAt: 'asc' }, ...pageWindow(request.page) }),
        tx.webhookEndpoint.count({ where }),
      ]);
      return { endpoints: rows.map((row) => endpointMessage(row)), total };
    });
  }

  /** The secret is answered once, now; afterwards it is never shown again. */
  async createEndpoint(request: CreateWebhookEndpointRequest) {
    const principal = requireRole('tenant-admin');
    const tenantId = requireTenant();
    let url: URL | undefined;
    try {
      url = new URL(request.url);
    } catch {
      url = undefined;
    }
    new Validator()
      .check(
        !!url && ['http:', 'https:'].includes(url.protocol) && request.url.length <= 2000,
        'url',
        'not_a_url',
      )
      .check(!url || this.allowPrivateTargets || !isPrivateTarget(url.hostname), 'url', 'private_target')
      .check(request.kinds.length > 0, 'kinds', 'required')
      .check(
        request.kinds.every((kind) => (NOTIFICATION_KINDS as readonly string[]).includes(kind)),
        'kinds',
        'not_one_of',
        { allowed: NOTIFICATION_KINDS.join(', ') },
      )
      .throwIfInvalid();
    const secret = randomBytes(32).toString('hex');
    const row = await this.db.database.inTenant(tenantId, (tx) =>
      tx.webhookEndpoint.create({
        data: {
          id: randomUUID(),
          tenantId,
          url: request.url,
          secret,
          kinds: [...new Set(request.kinds)],
          createdBy: principal.userId,
        },
      }),
    );
    return { endpoint: endpointMessage(row, secret) };
  }

  /** Removed, not deleted: its deliveries stay on record; nothing more is sent to it. */
  async deleteEndpoint(id: string) {
    requireRole('tenant-admin');
    const tenantId = requireTenant();
    await this.db.database.inTenant(tenantId, async (tx) => {
      const changed = isUuid(id)
        ? await tx.webhookEndpoint.updateMany({ where: { id, active: true }, data: { active: false } })
        : { count: 0 };
      if (changed.count === 0) throw new NotFoundError('webhook endpoint', id);
    });
    return {};
  }

  private preferencesMessage(
    row: {
      channels: unknown;
      quietFrom: string | null;
      quietUntil: string | null;
      dailyDigest: boolean;
      smsPhoneMasked: string;
    } | null,
    wechatBound: boolean,
  ) {
    const channels = (row?.channels ?? {}) as Record<string, string[]>;
    return create(NotificationPreferencesSchema, {
      channels: Object.fromEntries(
        Object.entries(channels).map(([kind, list]) => [kind, { channels: list }]),
      ),
      ...(row?.quietFrom ? { quietFrom: row.quietFrom } : {}),
      ...(row?.quietUntil ? { quietUntil: row.quietUntil } : {}),
      dailyDigest: row?.dailyDigest ?? false,
      ...(row?.smsPhoneMasked ? { smsPhone: row.smsPhoneMasked } : {}),
      wechatBound,
      availableChannels: [
        'email',
        ...(this.channels.wechat ? ['wechat'] : []),
        ...(this.channels.sms ? ['sms'] : []),
      ],
    });
  }

  private settingsMessage(
    row: { smtpHost: string | null; smtpPort: number; smtpTls: boolean; smtpFrom: string } | null,
  ) {
    return create(NotificationSettingsSchema, {
      ...(row?.smtpHost ? { smtpHost: row.smtpHost } : {}),
      smtpPort: row?.smtpPort ?? 25,
      smtpTls: row?.smtpTls ?? false,
      smtpFrom: row?.smtpFrom ?? '',
    });
  }
}
