import { createTransport } from 'nodemailer';
import type { IdentityDatabase } from '../../db/identity-database.js';
import { asTenantId } from '@dangjian/kit';
import type { Channel, Outgoing } from './channel.js';

/** E-mail through the tenant's own relay (its notification settings); nothing else is ever called. */
export class EmailChannel implements Channel {
  readonly name = 'email';

  constructor(private readonly db: IdentityDatabase) {}

  async send(message: Outgoing): Promise<void> {
    const settings = await this.db.database.inTenant(asTenantId(message.tenantId), (tx) =>
      tx.notificationSetting.findUnique({ where: { tenantId: message.tenantId } }),
    );
    if (!settings?.smtpHost) throw new Error('the tenant has no mail relay configured');
    const implicitTls = settings.smtpTls && settings.smtpPort === 465;
    const transport = createTransport({
      host: settings.smtpHost,
      port: settings.smtpPort,
      secure: implicitTls,
      // Without TLS configured, STARTTLS is not attempted (a relay inside the tenant's network).
      ignoreTLS: !settings.smtpTls,
      requireTLS: settings.smtpTls && !implicitTls,
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
    try {
      await transport.sendMail({
        from: settings.smtpFrom || `党建云 <no-reply@${settings.smtpHost}>`,
        to: message.target,
        subject: message.subject,
        text: message.body,
        headers: { 'X-Dangjian-Delivery': message.deliveryIds.join(',') },
      });
    } finally {
      transport.close();
    }
  }
}
