import { randomUUID } from 'node:crypto';
import type { IdentityTx } from '../db/identity-database.js';
import { DEFAULT_CHANNELS, type Notice } from './notification-kinds.js';
import { sendAt } from './quiet-hours.js';

type Channels = Record<string, string[]>;

/**
 * Stores each notice as one notification per person of the tenant (the inbox) and plans its
 * deliveries: e-mail where the person wants it, has an address and the tenant has a relay — at once,
 * after quiet hours or with the digest; and each of the tenant's webhooks for the kind, at once.
 * Runs in the consumer's transaction, so an event is stored exactly once.
 */
export async function recordNotices(
  tx: IdentityTx,
  tenantId: string,
  eventId: string,
  notices: Notice[],
  now: Date,
  optional: { wechatKinds: string[]; smsKinds: string[] } = { wechatKinds: [], smsKinds: [] },
): Promise<number> {
  let stored = 0;
  const [settings, endpoints] = await Promise.all([
    tx.notificationSetting.findUnique({ where: { tenantId } }),
    tx.webhookEndpoint.findMany({ where: { active: true } }),
  ]);
  for (const notice of notices) {
    // Only people of this tenant are told, whatever the event claims.
    const memberships = await tx.membership.findMany({
      where: { tenantId, personId: { in: [...new Set(notice.userIds)] } },
      include: { person: { select: { id: true, email: true, wechatOpenid: true } } },
    });
    const preferences = await tx.notificationPreference.findMany({
      where: { tenantId, userId: { in: memberships.map((m) => m.personId) } },
    });
    for (const { person } of memberships) {
      const notificationId = randomUUID();
      await tx.notification.create({
        data: {
          id: notificationId,
          tenantId,
          userId: person.id,
          kind: notice.kind,
          params: notice.params,
          urgent: notice.urgent,
          refId: notice.refId ?? null,
          sourceEventId: eventId,
        },
      });
      stored++;
      const preference = preferences.find((p) => p.userId === person.id);
      const channels = (preference?.channels as Channels | undefined)?.[notice.kind] ?? DEFAULT_CHANNELS;
      const deliveries: { channel: string; target: string; at: Date; digest: boolean }[] = [];
      const quiet = {
        quietFrom: preference?.quietFrom ?? null,
        quietUntil: preference?.quietUntil ?? null,
        dailyDigest: preference?.dailyDigest ?? false,
      };
      if (channels.includes('email') && person.email && settings?.smtpHost)
        deliveries.push({ channel: 'email', target: person.email, ...sendAt(now, quiet, notice.urgent) });
      // A phone or WeChat message is one each: quiet hours hold it, the digest (an e-mail) does not.
      const single = { ...quiet, dailyDigest: false };
      if (channels.includes('wechat') && person.wechatOpenid && optional.wechatKinds.includes(notice.kind))
        deliveries.push({
          channel: 'wechat',
          target: person.wechatOpenid,
          ...sendAt(now, single, notice.urgent),
        });
      if (channels.includes('sms') && preference?.smsPhoneCipher && optional.smsKinds.includes(notice.kind))
        deliveries.push({
          channel: 'sms',
          target: preference.smsPhoneCipher,
          ...sendAt(now, single, notice.urgent),
        });
      for (const endpoint of endpoints.filter((e) => e.kinds.includes(notice.kind)))
        deliveries.push({ channel: 'webhook', target: endpoint.id, at: now, digest: false });
      if (deliveries.length > 0)
        await tx.notificationDelivery.createMany({
          data: deliveries.map((delivery) => ({
            id: randomUUID(),
            tenantId,
            notificationId,
            channel: delivery.channel,
            target: delivery.target,
            digest: delivery.digest,
            nextAttemptAt: delivery.at,
          })),
        });
    }
  }
  return stored;
}
