import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, withDatabase } from '../db/provision.js';

/*
 * A tenant's key rotation lists the rows to do once, in a cursor held across its batches'
 * transactions (key-rotation.ts). In production the job runs as the tables' owner, which row-level
 * security binds (FORCE), and the tenant setting is local to the declaring transaction: this proves on
 * a real Postgres that the held cursor keeps that tenant's rows — not none, not another tenant's — and
 * lists them in order after its transaction has committed and the setting is gone.
 */
const admin = testPlatform().adminDatabaseUrl;
const database = `dangjian_scratch_rotation_${process.pid}`;
const owner = `dangjian_rotation_owner_${process.pid}`;

describe("a key rotation's list of rows, held across transactions", () => {
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  let client: pg.Client;

  beforeAll(async () => {
    await dropDatabase(admin, database);
    const setup = new pg.Client({ connectionString: admin });
    await setup.connect();
    await setup.query(`drop role if exists ${owner}`);
    await setup.query(`create role ${owner} login nosuperuser nobypassrls`);
    await setup.query(`create database ${database} owner ${owner}`);
    await setup.end();
    client = new pg.Client({ connectionString: withDatabase(admin, database, owner) });
    await client.connect();
    await client.query(`create table sealed (id uuid primary key, tenant_id uuid not null, secret text);
      alter table sealed enable row level security;
      alter table sealed force row level security;
      create policy sealed_tenant on sealed
        using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)`);
    await client.query("select set_config('app.tenant_id', $1, false)", [tenantA]);
    await client.query(
      `insert into sealed select gen_random_uuid(), $1, 'g1:' || n from generate_series(1, 1200) n`,
      [tenantA],
    );
    await client.query("select set_config('app.tenant_id', $1, false)", [tenantB]);
    await client.query(
      `insert into sealed select gen_random_uuid(), $1, 'g1:b' from generate_series(1, 5) n`,
      [tenantB],
    );
    await client.query("select set_config('app.tenant_id', '', false)");
  });
  afterAll(async () => {
    await client.end();
    await dropDatabase(admin, database);
    const cleanup = new pg.Client({ connectionString: admin });
    await cleanup.connect();
    await cleanup.query(`drop role if exists ${owner}`);
    await cleanup.end();
  });

  it("keeps the tenant's stale rows, in order, once the declaring transaction and its setting are gone", async () => {
    // Some of tenant A's rows already under the new generation: not listed.
    await client.query('begin');
    await client.query("select set_config('app.tenant_id', $1, true)", [tenantA]);
    await client.query(
      `update sealed set secret = 'g2:' || id where id in (select id from sealed order by id limit 200)`,
    );
    await client.query(
      `declare rotation_sealed cursor with hold for
         select id as record from sealed where tenant_id = $1 and secret not like $2 order by id`,
      [tenantA, 'g2:%'],
    );
    await client.query('commit');
    const { rows: setting } = await client.query(
      "select coalesce(current_setting('app.tenant_id', true), '') as tenant",
    );
    expect(setting[0].tenant).toBe('');
    const listed: string[] = [];
    for (;;) {
      await client.query('begin');
      const { rows } = await client.query<{ record: string }>('fetch 500 from rotation_sealed');
      await client.query('commit');
      if (rows.length === 0) break;
      listed.push(...rows.map((r) => r.record));
    }
    await client.query('close rotation_sealed');
    expect(listed).toHaveLength(1000);
    expect([...listed].sort()).toEqual(listed);
    // Every one is tenant A's and stale, read back under tenant A.
    await client.query('begin');
    await client.query("select set_config('app.tenant_id', $1, true)", [tenantA]);
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from sealed where id = any($1::uuid[]) and secret like 'g1:%'`,
      [listed],
    );
    await client.query('commit');
    expect(rows[0]!.n).toBe(1000);
  });
});
