// The processes of the platform and how each is started. One entry per service; the gateway last.
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Services with a database: name, entry point, CLIs, in start order (identity first: others ask it). */
export const SERVICES = [
  {
    name: 'identity',
    main: 'services/identity/dist/main.js',
    migrations: 'services/identity/prisma/migrations',
    migrate: 'services/identity/dist/cli/migrate.js',
    seed: 'services/identity/dist/cli/seed.js',
  },
  {
    name: 'organisation',
    main: 'services/organisation/dist/main.js',
    migrations: 'services/organisation/prisma/migrations',
    migrate: 'services/organisation/dist/cli/migrate.js',
    seed: 'services/organisation/dist/cli/seed.js',
  },
];
