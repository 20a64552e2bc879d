import pg from 'pg';

/*
 * The row-level security suite every service runs on its own database: for every table with
 * tenant_id, the service role sees none of tenant A's rows with tenant B's context or none, sees
 * them with A's (control), cannot write a row for another tenant; RLS is enabled and forced with
 * USING and WITH CHECK; the service's roles are not owner, superuser or BYPASSRLS.
 */
export type RowFactory = (tenantId: string) => { sql: string; values: unknown[] };

export interface RowLevelSecurityOptions {
  service: string;
  urls: { admin: string; app: string };
  tenantA: string;
  tenantB: string;
  /** One per tenant table; a tenant table without one fails the suite. */
  factories: Record<string, RowFactory>;
}

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

export function describeRowLevelSecurity(options: RowLevelSecurityOptions): void {
  const { service, urls, tenantA, tenantB, factories } = options;
  describe(`row-level security in the ${service} database`, () => {
    let tenantTables: string[] = [];

    beforeAll(async () => {
      tenantTables = await withClient(urls.admin, async (admin) =>
        (
          await admin.query<{ table_name: string }>(
            "select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by 1",
          )
        ).rows.map((r) => r.table_name),
      );
      await withClient(urls.app, async (app) => {
        await app.query('begin');
        await app.query("select set_config('app.tenant_id', $1, true)", [tenantA]);
        for (const table of tenantTables) {
          const factory = factories[table];
          if (factory) {
            const { sql, values } = factory(tenantA);
            await app.query(sql, values);
          }
        }
        await app.query('commit');
      });
    });

    it('knows how to test every tenant table', () => {
      expect(tenantTables.length).toBeGreaterThan(0);
      expect(tenantTables.filter((t) => !factories[t])).toEqual([]);
    });

    it('has ENABLE and FORCE row level security with USING and WITH CHECK on every tenant table', async () => {
      await withClient(urls.admin, async (admin) => {
        for (const table of tenantTables) {
          const { rows } = await admin.query(
            'select relrowsecurity, relforcerowsecurity from pg_class where relname = $1',
            [table],
          );
          expect({ table, ...rows[0] }).toEqual({ table, relrowsecurity: true, relforcerowsecurity: true });
          const policies = await admin.query<{ qual: string | null; with_check: string | null }>(
            "select qual, with_check from pg_policies where tablename = $1 and ($2 = any(roles) or roles = '{public}')",
            [table, `${service}_app`],
          );
          expect({
            table,
            guarded: policies.rows.some(
              (p) => p.qual?.includes('app.tenant_id') && p.with_check?.includes('app.tenant_id'),
            ),
          }).toEqual({ table, guarded: true });
        }
      });
    });

    it.each([
      ["tenant B's context", 'B'],
      ['no tenant context', null],
    ])("shows none of tenant A's rows with %s", async (_label, which) => {
      await withClient(urls.app, async (app) => {
        for (const table of tenantTables) {
          const count = await asTenant(
            app,
            which ? tenantB : null,
            async () =>
              (await app.query(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantA]))
                .rows[0].n,
          );
          expect({ table, count }).toEqual({ table, count: 0 });
        }
      });
    });

    it("shows tenant A's rows with tenant A's context (control)", async () => {
      await withClient(urls.app, async (app) => {
        for (const table of tenantTables) {
          const count = await asTenant(
            app,
            tenantA,
            async () =>
              (await app.query(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantA]))
                .rows[0].n,
          );
          expect({ table, seen: count > 0 }).toEqual({ table, seen: true });
        }
      });
    });

    it('refuses to insert a row with a foreign tenant_id', async () => {
      await withClient(urls.app, async (app) => {
        for (const table of tenantTables) {
          const { sql, values } = factories[table]!(tenantA);
          const error = await asTenant(app, tenantB, () =>
            app.query(sql, values).then(
              () => null,
              (e: { code: string }) => e,
            ),
          );
          expect({ table, code: error?.code }).toEqual({ table, code: '42501' });
        }
      });
    });

    it('runs the service as roles that are not owner, superuser or BYPASSRLS', async () => {
      await withClient(urls.admin, async (admin) => {
        for (const role of [`${service}_app`, `${service}_outbox`]) {
          const { rows } = await admin.query(
            'select rolsuper, rolbypassrls from pg_roles where rolname = $1',
            [role],
          );
          expect({ role, ...rows[0] }).toEqual({ role, rolsuper: false, rolbypassrls: false });
          const owned = await admin.query(
            "select tablename from pg_tables where schemaname = 'public' and tableowner = $1",
            [role],
          );
          expect({ role, owned: owned.rows }).toEqual({ role, owned: [] });
        }
      });
    });
  });
}
