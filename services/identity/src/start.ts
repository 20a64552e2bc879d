import { logger, runService, type ConfigOf } from '@dangjian/kit';
import { AccessUseCases } from './access/access.use-cases.js';
import { IdentityModule } from './app.module.js';
import type { identityConfigSpec } from './config.js';
import { IdentityDatabase } from './db/identity-database.js';
import { EmbeddedDirectory, type IdentityDirectory } from './directory/identity-directory.js';
import { KeycloakDirectory } from './directory/keycloak-directory.js';
import { startOidcServer } from './oidc/oidc-server.js';
import { InvitationsUseCases } from './invitations/invitations.use-cases.js';
import { TransferredLogins, transferredLoginConsumer } from './people/transferred-logins.js';
import { deliveryJob, notificationConsumers } from './notifications/notification-consumers.js';
import { optionalChannels, type OptionalChannels } from './notifications/channel-config.js';

export async function startIdentity(
  config: ConfigOf<typeof identityConfigSpec>,
  stopTelemetry: () => Promise<void>,
): Promise<void> {
  const db = new IdentityDatabase(config.DATABASE_URL);
  let channels: OptionalChannels;
  try {
    channels = optionalChannels(config);
  } catch (error) {
    process.stderr.write(`identity: configuration error: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const directory = createDirectory(config);
  const oidc =
    config.IDENTITY_PROVIDER === 'embedded'
      ? await startOidcServer({
          config,
          db,
          access: new AccessUseCases(db),
          invitations: new InvitationsUseCases(db, directory, config.NODE_ENV === 'production'),
        })
      : undefined;
  await runService({
    name: 'identity',
    module: IdentityModule.register(config, db, directory, channels),
    consumers: (bus) => [
      transferredLoginConsumer(bus, db, new TransferredLogins(db, directory)),
      ...notificationConsumers(bus, db, channels),
      deliveryJob(
        db,
        { everyMs: config.NOTIFY_DELIVERY_EVERY_MS, retryBaseMs: config.NOTIFY_RETRY_BASE_MS },
        channels,
      ),
    ],
    bus: {
      url: config.NATS_URL,
      namespace: config.PLATFORM_NAMESPACE,
      streamReplicas: config.JETSTREAM_REPLICAS,
    },
    outboxDatabaseUrl: config.OUTBOX_DATABASE_URL,
    healthPort: config.HEALTH_PORT,
    database: db,
    extraStops: [() => oidc?.server.close()],
    stopTelemetry,
  });
  logger.info({ oidc: oidc?.issuer, directory: directory.kind }, 'identity directory');
}

function createDirectory(config: ConfigOf<typeof identityConfigSpec>): IdentityDirectory {
  if (config.IDENTITY_PROVIDER === 'embedded') return new EmbeddedDirectory();
  if (!config.KEYCLOAK_URL || !config.KEYCLOAK_ADMIN_CLIENT_ID || !config.KEYCLOAK_ADMIN_CLIENT_SECRET) {
    process.stderr.write(
      'identity: configuration error: KEYCLOAK_URL, KEYCLOAK_ADMIN_CLIENT_ID and KEYCLOAK_ADMIN_CLIENT_SECRET are required with IDENTITY_PROVIDER=keycloak\n',
    );
    process.exit(1);
  }
  const issuer = new URL(config.OIDC_ISSUER);
  const realm = issuer.pathname.split('/').filter(Boolean).pop() ?? 'dangjian';
  return new KeycloakDirectory({
    baseUrl: config.KEYCLOAK_URL,
    realm,
    clientId: config.KEYCLOAK_ADMIN_CLIENT_ID,
    clientSecret: config.KEYCLOAK_ADMIN_CLIENT_SECRET,
  });
}
