import { testPlatform } from '@dangjian/testing';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { PLATFORM_MIGRATIONS } from './platform-migrations.js';
import { migrate } from './migrate.js';
import { dropDatabase, withDatabase } from './provision.js';

const admin = testPlatform().adminDatabaseUrl;

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dj-migrations-'));
  made.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('the migration runner (Prisma layout, no engine download)', () => {
  const database = `dangjian_scratch_migrate_${process.pid}`;
  const url = withDatabase(admin, database);
  beforeEach(async () => {
    await dropDatabase(admin, database);
    await query(admin, `create database ${database}`);
  });
  afterAll(() => dropDatabase(admin, database));

  const first = {
    '20260101000000_first': 'create table a (id int primary key);',
    '20260102000000_second': 'create table b (id int primary key);',
  };

  it('applies migrations in order and records them as Prisma does', async () => {
    const result = await migrate(url, migrationsDir(first));
    expect(result).toEqual({
      applied: ['20260101000000_first', '20260102000000_second'],
      alreadyApplied: [],
      platform: PLATFORM_MIGRATIONS.map((m) => m.name),
    });
    const rows = await query<{ migration_name: string; checksum: string }>(
      url,
      // The service's own (the platform's shared migrations are recorded beside them).
      `select migration_name, checksum from _prisma_migrations where migration_name not like '00000000000000_%' order by migration_name`,
    );
    expect(rows).toEqual([
      {
        migration_name: '20260101000000_first',
        checksum: createHash('sha256').update(first['20260101000000_first']).digest('hex'),
      },
      {
        migration_name: '20260102000000_second',
        checksum: createHash('sha256').update(first['20260102000000_second']).digest('hex'),
      },
    ]);
  });

  it('is idempotent and applies only what is new', async () => {
    await migrate(url, migrationsDir(first));
    const result = await migrate(
      url,
      migrationsDir({ ...first, '20260103000000_third': 'create table c (id int);' }),
    );
    expect(result).toEqual({
      applied: ['20260103000000_third'],
      alreadyApplied: ['20260101000000_first', '20260102000000_second'],
      platform: [],
    });
  });

  it('refuses a migration changed after it was applied', async () => {
    await migrate(url, migrationsDir(first));
    await expect(
      migrate(
        url,
        migrationsDir({ ...first, '20260101000000_first': 'create table a (id bigint primary key);' }),
      ),
    ).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls back a failing migration whole and names it', async () => {
    await expect(
      migrate(
        url,
        migrationsDir({ '20260101000000_bad': 'create table ok (id int); select * from no_such_table;' }),
      ),
    ).rejects.toThrow(/20260101000000_bad failed/);
    expect(await query(url, "select 1 from information_schema.tables where table_name = 'ok'")).toEqual([]);
  });

  it('gives a service its tenant isolation, outbox and grants from the platform’s one source', async () => {
    for (const role of ['migrateprobe_app', 'migrateprobe_outbox'])
      await query(
        admin,
        `do $$ begin create role ${role}; exception when duplicate_object then null; end $$`,
      );
    await migrate(
      url,
      migrationsDir({
        '20260101000000_widgets': `select platform.outbox('migrateprobe');
          create table widgets (id uuid primary key, tenant_id uuid not null, name text not null);
          select platform.tenant_table('widgets', 'migrateprobe_app', 'select, insert');`,
      }),
    );
    const tables = await query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      url,
      `select relname, relrowsecurity, relforcerowsecurity from pg_class
       where relname in ('widgets', 'outbox', 'processed_events') order by relname`,
    );
    expect(tables).toEqual([
      { relname: 'outbox', relrowsecurity: true, relforcerowsecurity: true },
      { relname: 'processed_events', relrowsecurity: true, relforcerowsecurity: true },
      { relname: 'widgets', relrowsecurity: true, relforcerowsecurity: true },
    ]);
    const grants = await query<{ grantee: string; table_name: string; privilege_type: string }>(
      url,
      `select grantee, table_name, privilege_type from information_schema.role_table_grants
       where grantee like 'migrateprobe_%' order by 1, 2, 3`,
    );
    expect(grants.map((g) => `${g.grantee} ${g.privilege_type} ${g.table_name}`).sort()).toEqual([
      'migrateprobe_app INSERT outbox',
      'migrateprobe_app INSERT processed_events',
      'migrateprobe_app INSERT widgets',
      'migrateprobe_app SELECT outbox',
      'migrateprobe_app SELECT processed_events',
      'migrateprobe_app SELECT widgets',
      'migrateprobe_outbox SELECT outbox',
      'migrateprobe_outbox UPDATE outbox',
    ]);
    // The policy reads the session's tenant: another tenant's row is neither seen nor written.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('set role migrateprobe_app');
      await client.query(`select set_config('app.tenant_id', '00000000-0000-4000-8000-00000000000a', false)`);
      await client.query(
        `insert into widgets values (gen_random_uuid(), '00000000-0000-4000-8000-00000000000a', 'a')`,
      );
      await expect(
        client.query(
          `insert into widgets values (gen_random_uuid(), '00000000-0000-4000-8000-00000000000b', 'b')`,
        ),
      ).rejects.toThrow(/row-level security/);
      await client.query(`select set_config('app.tenant_id', '00000000-0000-4000-8000-00000000000b', false)`);
      expect((await client.query('select name from widgets')).rows).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('applies each migration once when two runners start together', async () => {
    const dir = migrationsDir(first);
    const results = await Promise.all([migrate(url, dir), migrate(url, dir)]);
    expect(results.flatMap((r) => r.applied).sort()).toEqual([
      '20260101000000_first',
      '20260102000000_second',
    ]);
  });
});
