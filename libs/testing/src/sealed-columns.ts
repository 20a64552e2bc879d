import pg from 'pg';

/**
 * Decision 0041: a tenant's data-key rotation re-encrypts only the columns its service lists. Every
 * column of a tenant table named `*_cipher` or `*_sealed` (the naming rule for sealed values) must be
 * listed; this returns those that are not, as `table.column`, and those listed that do not exist.
 */
export async function unlistedSealedColumns(
  databaseUrl: string,
  listed: { table: string; columns: { name: string }[] }[],
): Promise<{ unlisted: string[]; missing: string[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `select c.table_name || '.' || c.column_name as name
       from information_schema.columns c
       where c.table_schema = 'public'
         and (c.column_name like '%\\_cipher' or c.column_name like '%\\_sealed')
         and exists (select 1 from information_schema.columns t
                     where t.table_schema = 'public' and t.table_name = c.table_name
                       and t.column_name = 'tenant_id')
       order by 1`,
    );
    const present = rows.map((r) => r.name);
    const named = listed.flatMap((t) => t.columns.map((c) => `${t.table}.${c.name}`));
    return {
      unlisted: present.filter((n) => !named.includes(n)),
      missing: named.filter((n) => !present.includes(n)),
    };
  } finally {
    await client.end();
  }
}
