import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/*
 * Defence in depth: for every table with tenant_id, the service's role sees none of tenant A's
 * rows with tenant B's context or none, and cannot write a row for another tenant.
 */
const platform = testPlatform();
const urls = platform.databases['identity']!;

/** How to make a row of each tenant table for a tenant. A new tenant table without one fails the test. */
const ROW_FACTORIES: Record<string, (tenantId: string, personId: string) => { sql: string; values: unknown[] }> = {
  memberships: (tenantId, personId) => ({ sql: 'insert into memberships (tenant_id, person_id, roles) values ($1, $2, $3)', values: [tenantId, personId, ['member']] }),
  outbox: (tenantId) => ({ sql: "insert into outbox (id, tenant_id, subject, payload) values ($1, $2, 'events.identity.test.rls', '\\x00')", values: [randomUUID(), tenantId] }),
  processed_events: (tenantId) => ({ sql: "insert into processed_events (consumer, event_id, tenant_id) values ('rls-test', $1, $2)", values: [randomUUID(), tenantId] }),
};

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function asTenant<T>(client: pg.Client, tenantId: string | null, fn: () => Promise<T>): Promise<T> {
  await client.query('begin');
  try {
    if (tenantId) await client.query("select set_config('app.tenant_id', $1, true)", [tenantId]);
    return await fn();
  } finally {
    await client.query('rollback');
  }
}

describe('row-level security in the identity database', () => {
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const person = randomUUID();
  let tenantTables: string[];

  beforeAll(async () => {
    await withClient(urls.admin, async (admin) => {
      for (const [id, slug] of [[tenantA, `rls-a-${tenantA.slice(0, 8)}`], [tenantB, `rls-b-${tenantB.slice(0, 8)}`]]) {
        await admin.query("insert into tenants (id, slug, name, type, modules) values ($1, $2, 'RLS', 'enterprise', '{}')", [id, slug]);
      }
      await admin.query("insert into people (id, username, display_name, password_hash) values ($1, $2, 'RLS', 'x')", [person, `rls-${person.slice(0, 8)}`]);
      const { rows } = await admin.query<{ table_name: string }>(
        "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by 1",
      );
      tenantTables = rows.map((r) => r.table_name);
    });
    // Tenant A's rows, written by the service role inside tenant A's context.
    await withClient(urls.app, async (app) => {
      await app.query('begin');
      await app.query("select set_config('app.tenant_id', $1, true)", [tenantA]);
      for (const table of tenantTables) {
        const { sql, values } = ROW_FACTORIES[table]!(tenantA, person);
        await app.query(sql, values);
      }
      await app.query('commit');
    });
  });

  it('knows how to test every tenant table', () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(3);
    expect(tenantTables.filter((t) => !ROW_FACTORIES[t])).toEqual([]);
  });

  it('has ENABLE and FORCE row level security with USING and WITH CHECK on every tenant table', async () => {
    await withClient(urls.admin, async (admin) => {
      for (const table of tenantTables) {
        const { rows } = await admin.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
          'select relrowsecurity, relforcerowsecurity from pg_class where relname = $1', [table]);
        expect({ table, ...rows[0] }).toEqual({ table, relrowsecurity: true, relforcerowsecurity: true });
        const policies = await admin.query<{ qual: string | null; with_check: string | null }>(
          "select qual, with_check from pg_policies where tablename = $1 and 'identity_app' = any(roles) or (tablename = $1 and roles = '{public}')", [table]);
        expect(policies.rows.some((p) => p.qual?.includes('app.tenant_id') && p.with_check?.includes('app.tenant_id'))).toBe(true);
      }
    });
  });

  it.each([["tenant B's context", tenantB], ['no tenant context', null]])("shows none of tenant A's rows with %s", async (_label, context) => {
    await withClient(urls.app, async (app) => {
      for (const table of tenantTables) {
        const count = await asTenant(app, context, async () => (await app.query(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantA])).rows[0].n);
        expect({ table, count }).toEqual({ table, count: 0 });
      }
    });
  });

  it("shows tenant A's rows with tenant A's context (control)", async () => {
    await withClient(urls.app, async (app) => {
      for (const table of tenantTables) {
        const count = await asTenant(app, tenantA, async () => (await app.query(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantA])).rows[0].n);
        expect({ table, seen: count > 0 }).toEqual({ table, seen: true });
      }
    });
  });

  it('refuses to insert a row with a foreign tenant_id', async () => {
    await withClient(urls.app, async (app) => {
      for (const table of tenantTables) {
        const { sql, values } = ROW_FACTORIES[table]!(tenantA, person);
        const error = await asTenant(app, tenantB, () => app.query(sql, values).then(() => null, (e: { code: string }) => e));
        expect({ table, code: error?.code }).toEqual({ table, code: '42501' });
      }
    });
  });

  it('runs the service as a role that is not owner, superuser or BYPASSRLS', async () => {
    await withClient(urls.admin, async (admin) => {
      for (const role of ['identity_app', 'identity_outbox']) {
        const { rows } = await admin.query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = $1', [role]);
        expect({ role, ...rows[0] }).toEqual({ role, rolsuper: false, rolbypassrls: false });
        const owned = await admin.query("select tablename from pg_tables where schemaname = 'public' and tableowner = $1", [role]);
        expect({ role, owned: owned.rows }).toEqual({ role, owned: [] });
      }
    });
  });
});
