import { DurableConsumer, PeriodicJob, type Bus } from '@dangjian/kit';
import type { IdentityDatabase, IdentityTx } from '../db/identity-database.js';
import { EmailChannel } from './channels/email-channel.js';
import { WebhookChannel } from './channels/webhook-channel.js';
import { DeliveryJob } from './delivery-job.js';
import { recordNotices } from './notification-store.js';
import { SOURCES } from './notices.js';

/** One durable consumer per source: the notices of an event are stored once, in the event's tenant. */
export function notificationConsumers(bus: Bus, db: IdentityDatabase) {
  return SOURCES.map(
    (source) =>
      new DurableConsumer<IdentityTx>({
        bus,
        sourceService: 'organisation',
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
          );
        },
      }),
  );
}

/** The sender: e-mail through the tenant's relay and signed webhooks, on a short timer. */
export function deliveryJob(db: IdentityDatabase, options: { everyMs: number; retryBaseMs: number }) {
  const job = new DeliveryJob(db, [new EmailChannel(db), new WebhookChannel(db)], options.retryBaseMs);
  return new PeriodicJob(
    'notification-delivery',
    { firstRunAfterMs: options.everyMs, everyMs: options.everyMs },
    () => job.runOnce(),
  );
}
