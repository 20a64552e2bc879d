// `npm start`: builds what is stale, brings up Postgres, NATS, every service, the gateway and the
// console, seeds the demo, prints where everything is. Ctrl-C stops it all.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// Only modules that need no build are imported statically; the built ones after the build.
import { buildPlatform } from '../platform/build.mjs';
import { resolveNats } from '../platform/nats.mjs';
import { resolvePostgres } from '../platform/postgres.mjs';
import { root } from '../platform/services.mjs';

const say = (line) => process.stdout.write(`${line}\n`);

async function main() {
  if (process.env.NODE_ENV === 'production') {
    say(
      'npm start runs the development platform with demo logins; production deploys with charts/ (see README).',
    );
    process.exit(1);
  }
  await buildPlatform(say);
  const postgres = await resolvePostgres({ databaseUrl: process.env.DATABASE_URL });
  let nats;
  try {
    nats = await resolveNats({ natsUrl: process.env.NATS_URL, logFile: join(root, '.data', 'nats.log') });
  } catch (error) {
    await postgres.stop();
    say(error.message);
    process.exit(1);
  }
  const { startPlatform } = await import('../platform/platform.mjs');
  // The development master key for personal data, kept beside the embedded database it protects.
  const keyFile = join(root, '.data', 'pii-master.key');
  mkdirSync(join(root, '.data'), { recursive: true });
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  const platform = await startPlatform({
    adminDatabaseUrl: postgres.adminUrl,
    natsUrl: nats.url,
    namespace: process.env.PLATFORM_NAMESPACE ?? 'dangjian',
    databasePrefix: 'dangjian',
    gatewayPort: Number(process.env.PORT ?? 3000),
    oidcPort: Number(process.env.OIDC_PORT ?? 8080),
    seed: true,
    logDir: join(root, '.data', 'logs'),
    consoleDist: join(root, 'admin-ui', 'dist'),
    echo: process.env.ECHO_LOGS === 'true',
    piiMasterKey: readFileSync(keyFile, 'utf8').trim(),
    // One laptop runs all five services and the gateway: V8's young generation is kept at 1 MB a
    // process (default 16), which took the summed RSS of a fresh start from 2,092 MB to 1,581 MB here.
    // Production sizes its pods' heaps itself (NODE_OPTIONS in the chart).
    nodeArgs: ['--max-semi-space-size=1'],
  });
  say('');
  say('党建云 Dangjian Cloud is running');
  say(`  console           ${platform.gatewayUrl}/console/`);
  say(`  API               ${platform.gatewayUrl}/api/v1   (OpenAPI: ${platform.gatewayUrl}/api/docs)`);
  say(`  identity provider ${platform.issuer}`);
  say(`  health            ${platform.gatewayUrl}/health`);
  say(
    `  Postgres          ${postgres.adminUrl.replace(/:[^:@/]+@/, ':***@')}   NATS ${nats.url} (namespace ${platform.namespace})`,
  );
  say(`  logs              ${join(root, '.data', 'logs')}`);
  say(
    '  demo logins (password Passw0rd!): operator (platform operator); acme-admin, univ-admin, county-admin (tenant admins of acme-corp, east-univ, river-county)',
  );
  say('Ctrl-C stops everything.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('stopping …');
    await platform.stop();
    await nats.stop();
    await postgres.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`npm start failed: ${error.message}\n`);
  process.exit(1);
});
