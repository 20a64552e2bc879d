import { asTenantId, logger } from '@dangjian/kit';
import type { IdentityDatabase } from '../db/identity-database.js';
import type { Channel, Outgoing } from './channels/channel.js';
import { digestText, notificationText } from './notification-texts.js';

/** Tries before a delivery is given up (about 4 hours at the default 30 s base, doubling). */
export const MAX_ATTEMPTS = 10;
/** A claimed delivery is another replica's to take after this long (a crash mid-send). */
const LEASE_MS = 120_000;
const BATCH = 50;

export const backoffMs = (attempts: number, baseMs: number) =>
  Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);

interface Claimed {
  id: string;
  channel: string;
  target: string;
  digest: boolean;
  attempts: number;
  notification_id: string;
  user_id: string;
  kind: string;
  params: Record<string, string>;
  ref_id: string | null;
  created_at: Date;
}

/**
 * Sends what is due, tenant by tenant: claims a batch (a lease, so two replicas never send one
 * delivery at once), sends outside the transaction, then records each outcome. A failure is tried
 * again later with backoff; a sent delivery is never sent again. A person's digest e-mails due
 * together go out as one message.
 */
export class DeliveryJob {
  private readonly channels: Map<string, Channel>;

  constructor(
    private readonly db: IdentityDatabase,
    channels: Channel[],
    private readonly retryBaseMs: number,
  ) {
    this.channels = new Map(channels.map((channel) => [channel.name, channel]));
  }

  async runOnce(): Promise<{ sent: number; failed: number }> {
    const tenants = await this.db.database.platform((tx) => tx.tenant.findMany({ select: { id: true } }));
    const totals = { sent: 0, failed: 0 };
    for (const { id } of tenants) {
      const outcome = await this.runTenant(id);
      totals.sent += outcome.sent;
      totals.failed += outcome.failed;
    }
    return totals;
  }

  private async runTenant(tenantId: string): Promise<{ sent: number; failed: number }> {
    const claimed = (await this.db.database.inTenant(asTenantId(tenantId), (tx) =>
      tx.$queryRawUnsafe(
        `with due as (
           select id from notification_deliveries
           where state = 'pending' and next_attempt_at <= now()
           order by next_attempt_at limit ${BATCH} for update skip locked)
         update notification_deliveries d
            set next_attempt_at = now() + make_interval(secs => ${LEASE_MS / 1000}), attempts = d.attempts + 1
           from due, notifications n
          where d.id = due.id and n.id = d.notification_id
         returning d.id::text, d.channel, d.target, d.digest, d.attempts, n.id::text as notification_id,
                   n.user_id::text, n.kind, n.params, n.ref_id, n.created_at`,
      ),
    )) as Claimed[];
    if (claimed.length === 0) return { sent: 0, failed: 0 };
    const outcomes: { ids: string[]; error?: string; attempts: number }[] = [];
    for (const message of this.messages(tenantId, claimed)) {
      const channel = this.channels.get(message.channel);
      const attempts = Math.max(
        ...claimed.filter((c) => message.deliveryIds.includes(c.id)).map((c) => c.attempts),
      );
      try {
        if (!channel) throw new Error(`no ${message.channel} channel is configured`);
        await channel.send(message);
        outcomes.push({ ids: message.deliveryIds, attempts });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        logger.warn(
          { tenantId, channel: message.channel, deliveries: message.deliveryIds, reason },
          'delivery failed',
        );
        outcomes.push({ ids: message.deliveryIds, error: reason.slice(0, 500), attempts });
      }
    }
    await this.db.database.inTenant(asTenantId(tenantId), async (tx) => {
      for (const outcome of outcomes) {
        if (!outcome.error) {
          await tx.notificationDelivery.updateMany({
            where: { id: { in: outcome.ids } },
            data: { state: 'sent', sentAt: new Date(), lastError: '' },
          });
          continue;
        }
        const givenUp = outcome.attempts >= MAX_ATTEMPTS;
        await tx.notificationDelivery.updateMany({
          where: { id: { in: outcome.ids } },
          data: {
            state: givenUp ? 'failed' : 'pending',
            lastError: outcome.error,
            nextAttemptAt: new Date(Date.now() + backoffMs(outcome.attempts, this.retryBaseMs)),
          },
        });
      }
    });
    return {
      sent: outcomes.filter((o) => !o.error).reduce((n, o) => n + o.ids.length, 0),
      failed: outcomes.filter((o) => o.error).reduce((n, o) => n + o.ids.length, 0),
    };
  }

  /** One message per delivery, except a person's digest e-mails, which go as one. */
  private *messages(tenantId: string, claimed: Claimed[]): Generator<Outgoing & { channel: string }> {
    const digests = new Map<string, Claimed[]>();
    for (const row of claimed) {
      if (row.digest && row.channel === 'email') {
        digests.set(row.target, [...(digests.get(row.target) ?? []), row]);
        continue;
      }
      const text = notificationText(row.kind, row.params);
      yield {
        channel: row.channel,
        deliveryIds: [row.id],
        tenantId,
        target: row.target,
        ...text,
        payload: {
          deliveryId: row.id,
          notificationId: row.notification_id,
          userId: row.user_id,
          kind: row.kind,
          params: row.params,
          refId: row.ref_id,
          createdAt: row.created_at.toISOString(),
          text: text.body,
        },
      };
    }
    for (const [target, rows] of digests)
      yield {
        channel: 'email',
        deliveryIds: rows.map((row) => row.id),
        tenantId,
        target,
        ...digestText(rows),
        payload: {},
      };
  }
}
