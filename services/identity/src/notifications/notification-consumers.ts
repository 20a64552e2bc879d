import { DurableConsumer, PeriodicJob, type Bus } from '@dangjian/kit';
import type { IdentityDatabase, IdentityTx } from '../db/identity-database.js';
import { EmailChannel } from './channels/email-channel.js';
import { WebhookChannel } from './channels/webhook-channel.js';
import { DeliveryJob } from './delivery-job.js';
import { recordNotices } from './notification-store.js';
import { SOURCES } from './notices.js';
import type { OptionalChannels } from './channel-config.js';

/** One durable consumer per source: the notices of an event are stored once, in the event's tenant. */
export function notificationConsumers(bus: Bus, db: IdentityDatabase, optional: OptionalChannels = {}) {
  const kinds = { wechatKinds: optional.wechat?.kinds() ?? [], smsKinds: optional.sms?.kinds() ?? [] };
  return SOURCES.map(
    (source) =>
      new DurableConsumer<IdentityTx>({
        bus,
        sourceService: source.sourceService ?? 'organisation',
        durable: source.durable,
        filterSubject: source.filterSubject,
        database: db.database,
        handle: async (tx, event) => {
          if (!event.tenantId) return;
          const now = new Date();
          await recordNotices(
            tx,
            event.tenantId,
            event.id,
            source.notices(event.subject, event.data, now),
            now,
            kinds,
          );
        },
      }),
  );
}

/** The sender: e-mail through the tenant's relay and signed webhooks, on a short timer. */
export function deliveryJob(
  db: IdentityDatabase,
  options: { everyMs: number; retryBaseMs: number },
  optional: OptionalChannels = {},
) {
  const channels = [new EmailChannel(db), new WebhookChannel(db), optional.wechat, optional.sms].filter(
    (channel): channel is NonNullable<typeof channel> => channel !== undefined,
  );
  const job = new DeliveryJob(db, channels, options.retryBaseMs);
  return new PeriodicJob(
    'notification-delivery',
    { firstRunAfterMs: options.everyMs, everyMs: options.everyMs },
    () => job.runOnce(),
  );
}
