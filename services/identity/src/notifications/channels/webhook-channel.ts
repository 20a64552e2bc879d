import { createHmac } from 'node:crypto';
import { asTenantId } from '@dangjian/kit';
import type { IdentityDatabase } from '../../db/identity-database.js';
import type { Channel, Outgoing } from './channel.js';

export const SIGNATURE_HEADER = 'x-dangjian-signature';
export const TIMESTAMP_HEADER = 'x-dangjian-timestamp';
export const DELIVERY_HEADER = 'x-dangjian-delivery';

/**
 * The signature a receiver checks: HMAC-SHA256 with the endpoint's secret over "<timestamp>.<body>",
 * hex, as `sha256=<hex>`. The timestamp lets the receiver refuse replays; the delivery id, which
 * stays the same across retries, lets it drop a duplicate.
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Signed webhooks to the tenant's own endpoints; a non-2xx answer or no answer in 10 s is a failure. */
export class WebhookChannel implements Channel {
  readonly name = 'webhook';

  constructor(
    private readonly db: IdentityDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async send(message: Outgoing): Promise<void> {
    const endpoint = await this.db.database.inTenant(asTenantId(message.tenantId), (tx) =>
      tx.webhookEndpoint.findUnique({ where: { id: message.target } }),
    );
    if (!endpoint?.active) throw new Error('the webhook endpoint is removed');
    const body = JSON.stringify(message.payload);
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(endpoint.secret, timestamp, body),
        [DELIVERY_HEADER]: message.deliveryIds[0]!,
      },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: 'manual',
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299)
      throw new Error(`the endpoint answered ${response.status}`);
  }
}
