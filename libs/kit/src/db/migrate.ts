import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';

/*
 * Applies SQL migrations kept in Prisma's layout (prisma/migrations/<timestamp>_<name>/migration.sql)
 * and records them in Prisma's own `_prisma_migrations` table with Prisma's checksum (sha256 of the
 * file), so `prisma migrate deploy` would see the same history where its engine can run. Needs no
 * download: Prisma's schema engine cannot be fetched on these machines.
 */

export interface MigrationResult {
  /** The service's own migrations applied now, and those found applied. */
  applied: string[];
  alreadyApplied: string[];
  /** The platform's shared migrations applied now (platform-migrations.ts). */
  platform: string[];
}

const checksumOf = (sql: string) => createHash('sha256').update(sql).digest('hex');

const LOCK_KEY = 727_201; // any constant: serialises concurrent runners (several replicas starting)

export async function listMigrations(
  migrationsDir: string,
): Promise<{ name: string; sql: string; checksum: string }[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

export async function migrate(databaseUrl: string, migrationsDir: string): Promise<MigrationResult> {
  // The platform's shared SQL first (platform-migrations.ts), then the service's own.
  const migrations = [
    ...PLATFORM_MIGRATIONS.map(({ name, sql }) => ({ name, sql, checksum: checksumOf(sql) })),
    ...(await listMigrations(migrationsDir)),
  ];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`create table if not exists _prisma_migrations (
      id varchar(36) primary key, checksum varchar(64) not null, finished_at timestamptz,
      migration_name varchar(255) not null, logs text, rolled_back_at timestamptz,
      started_at timestamptz not null default now(), applied_steps_count integer not null default 0)`);
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
    }>('select migration_name, checksum, finished_at from _prisma_migrations where rolled_back_at is null');
    const recorded = new Map(rows.map((r) => [r.migration_name, r]));
    const result: MigrationResult = { applied: [], alreadyApplied: [], platform: [] };
    const shared = new Set(PLATFORM_MIGRATIONS.map(({ name }) => name));
    for (const migration of migrations) {
      const previous = recorded.get(migration.name);
      if (previous) {
        if (!previous.finished_at)
          throw new Error(`migration ${migration.name} failed earlier; resolve it by hand`);
        if (previous.checksum !== migration.checksum) {
          throw new Error(`migration ${migration.name} was changed after it was applied (checksum differs)`);
        }
        if (!shared.has(migration.name)) result.alreadyApplied.push(migration.name);
        continue;
      }
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query(
          `insert into _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count)
           values ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      (shared.has(migration.name) ? result.platform : result.applied).push(migration.name);
    }
    return result;
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
