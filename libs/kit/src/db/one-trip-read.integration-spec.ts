import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { fromDatabaseError } from '../errors/database-errors.js';
import { ValidationError } from '../errors/domain-errors.js';
import { migrate } from './migrate.js';
import { readInOneTrip, withLiterals } from './one-trip-read.js';
import { dropDatabase, provisionServiceDatabase } from './provision.js';

/*
 * A read in one round trip, on a real Postgres as the service's own role (row-level security applies
 * to it) and a pool of one connection, so that what one read leaves behind is what the next one meets.
 */
const admin = testPlatform().adminDatabaseUrl;
const database = `dangjian_scratch_one_trip_${process.pid}`;
const migrations = fileURLToPath(new URL('../../../../services/identity/prisma/migrations', import.meta.url));

describe('a read in one round trip', () => {
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  let pool: pg.Pool;

  beforeAll(async () => {
    await dropDatabase(admin, database);
    const urls = await provisionServiceDatabase(admin, 'identity', database);
    await migrate(urls.admin, migrations);
    const setup = new pg.Client({ connectionString: urls.admin });
    await setup.connect();
    await setup.query(`create table probes (tenant_id uuid not null, label text not null);
      alter table probes enable row level security;
      create policy probes_tenant on probes
        using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
      grant select, insert on probes to identity_app`);
    await setup.query(`insert into probes values ($1, 'a1'), ($1, 'a2'), ($2, 'b1')`, [tenantA, tenantB]);
    await setup.end();
    pool = new pg.Pool({ connectionString: urls.app, max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await dropDatabase(admin, database);
  });

  const labels = (tenant: string, sql = 'select label from probes where label like $1 order by label') =>
    readInOneTrip<{ label: string }>(pool, { 'app.tenant_id': tenant }, sql, ['%']).then((rows) =>
      rows.map((row) => row.label),
    );

  it("shows the tenant's own rows only, and leaves no tenant on the connection", async () => {
    expect(await labels(tenantA)).toEqual(['a1', 'a2']);
    expect(await labels(tenantB)).toEqual(['b1']);
    expect(await labels(randomUUID())).toEqual([]);
    // The same (only) connection, outside any read: no tenant setting survived the transaction.
    const { rows } = await pool.query(
      `select coalesce(current_setting('app.tenant_id', true), '') as tenant, count(*)::int as seen
         from probes`,
    );
    expect(rows[0]).toEqual({ tenant: '', seen: 0 });
    // Three reads of one text: prepared once on the connection, then executed.
    const prepared = await pool.query(
      `select statement from pg_prepared_statements where name like 'dj_read_%'`,
    );
    expect(prepared.rows.map((row) => row.statement)).toEqual([
      expect.stringContaining('select label from probes where label like $1'),
    ]);
  });

  it('gives back values exactly as parameters would: quotes, backslashes, arrays, nulls, numbers', async () => {
    const values = [
      `it's a \\ "test" $1 ％_`,
      ['x', 'y"z', 'back\\slash', null],
      42,
      true,
      null,
      -1.5,
      BigInt('9007199254740993'),
      new Date('2026-12-02T08:00:00.000Z'),
    ];
    const sql = `select $1::text as a, $2::text[] as b, $3::int as c, $4::boolean as d, $5::text as e,
                        $6::numeric::float8 as f, $7::bigint::text as g, $8::timestamptz as h`;
    const [viaLiterals] = await readInOneTrip<Record<string, unknown>>(
      pool,
      { 'app.tenant_id': tenantA },
      sql,
      values,
    );
    const { rows: viaParameters } = await pool.query(sql, values);
    expect(viaLiterals).toEqual(viaParameters[0]);
    expect(viaLiterals).toEqual({
      a: values[0],
      b: values[1],
      c: 42,
      d: true,
      e: null,
      f: -1.5,
      g: '9007199254740993',
      h: values[7],
    });
  });

  it('runs read-only, rolls a failed statement back, and the connection serves the next read', async () => {
    await expect(
      readInOneTrip(pool, { 'app.tenant_id': tenantA }, `insert into probes values ($1, 'x')`, [tenantA]),
    ).rejects.toMatchObject({ code: '25006' });
    await expect(
      readInOneTrip(pool, { 'app.tenant_id': tenantA }, 'select 1 / ($1::int - 1)', [1]),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await labels(tenantA)).toEqual(['a1', 'a2']);
    const { rows } = await pool.query('select count(*)::int as n from probes');
    expect(rows[0].n).toBe(0);
  });

  it('refuses text Postgres cannot store as Postgres does (a validation error), and a setting name not ours', async () => {
    const error = await readInOneTrip(pool, { 'app.tenant_id': tenantA }, 'select $1::text', [
      'a\u0000b',
    ]).catch((e: unknown) => e);
    expect(fromDatabaseError(error)).toBeInstanceOf(ValidationError);
    await expect(readInOneTrip(pool, { "app.x'; drop": tenantA }, 'select 1', [])).rejects.toThrow(
      'bad setting name',
    );
    expect(await labels(tenantA)).toEqual(['a1', 'a2']);
  });

  it('puts a literal for every placeholder, and fails on a placeholder without a value', () => {
    expect(withLiterals('select $1, $2, $10', ['a', 1, ...Array(7).fill(0), `o'k`])).toBe(
      `select 'a', '1', 'o''k'`,
    );
    expect(() => withLiterals('select $2', ['a'])).toThrow('no value for $2');
  });
});
