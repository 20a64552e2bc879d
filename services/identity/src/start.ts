import { connect } from '@nats-io/transport-node';
import { createNatsMicroservice, logger, OutboxRelay, startHealthServer, stopOnSignals, type ConfigOf } from '@dangjian/kit';
import { AccessUseCases } from './access/access.use-cases.js';
import { IdentityModule } from './app.module.js';
import type { identityConfigSpec } from './config.js';
import { IdentityDatabase } from './db/identity-database.js';
import { EmbeddedDirectory, type IdentityDirectory } from './directory/identity-directory.js';
import { KeycloakDirectory } from './directory/keycloak-directory.js';
import { startOidcServer } from './oidc/oidc-server.js';

export async function startIdentity(config: ConfigOf<typeof identityConfigSpec>, stopTelemetry: () => Promise<void>): Promise<void> {
  const db = new IdentityDatabase(config.DATABASE_URL);
  const directory = createDirectory(config);
  const nats = await connect({ servers: config.NATS_URL, name: 'identity-outbox' });
  const relay = new OutboxRelay({ service: 'identity', outboxDatabaseUrl: config.OUTBOX_DATABASE_URL, nats });
  await relay.start();

  const app = await createNatsMicroservice('identity', IdentityModule.register(config, db, directory), config.NATS_URL);
  await app.listen();

  const oidc = config.IDENTITY_PROVIDER === 'embedded'
    ? await startOidcServer({ config, db, access: new AccessUseCases(db) })
    : undefined;
  const health = await startHealthServer(config.HEALTH_PORT, [
    { name: 'postgres', check: () => db.ping() },
    { name: 'nats', check: async () => !nats.isClosed() },
  ]);
  logger.info({ healthPort: config.HEALTH_PORT, oidc: oidc?.issuer, directory: directory.kind }, 'identity ready');

  stopOnSignals('identity', [
    () => health.close(),
    () => oidc?.server.close(),
    () => app.close(),
    () => relay.stop(),
    () => nats.drain(),
    () => db.close(),
    stopTelemetry,
  ]);
}

function createDirectory(config: ConfigOf<typeof identityConfigSpec>): IdentityDirectory {
  if (config.IDENTITY_PROVIDER === 'embedded') return new EmbeddedDirectory();
  if (!config.KEYCLOAK_URL || !config.KEYCLOAK_ADMIN_CLIENT_ID || !config.KEYCLOAK_ADMIN_CLIENT_SECRET) {
    process.stderr.write('identity: configuration error: KEYCLOAK_URL, KEYCLOAK_ADMIN_CLIENT_ID and KEYCLOAK_ADMIN_CLIENT_SECRET are required with IDENTITY_PROVIDER=keycloak\n');
    process.exit(1);
  }
  const issuer = new URL(config.OIDC_ISSUER);
  const realm = issuer.pathname.split('/').filter(Boolean).pop() ?? 'dangjian';
  return new KeycloakDirectory({ baseUrl: config.KEYCLOAK_URL, realm, clientId: config.KEYCLOAK_ADMIN_CLIENT_ID, clientSecret: config.KEYCLOAK_ADMIN_CLIENT_SECRET });
}
