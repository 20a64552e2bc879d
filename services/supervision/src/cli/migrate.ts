import { env, loadConfigOrExit, migrate } from '@dangjian/kit';
import { fileURLToPath } from 'node:url';

// Applies prisma/migrations with the owner's connection (not the service role's).
const config = loadConfigOrExit(
  { MIGRATION_DATABASE_URL: env.url({ protocols: ['postgres', 'postgresql'] }) },
  'supervision migrate',
);
const dir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const result = await migrate(config.MIGRATION_DATABASE_URL, dir);
process.stdout.write(
  `supervision: ${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already there\n`,
);
