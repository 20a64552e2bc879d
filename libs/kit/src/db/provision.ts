import pg from 'pg';

/**
 * Local and test provisioning of a service database: the database (owned by the admin role that
 * runs migrations), a login role for the service (`<service>_app`) and one for its outbox relay
 * (`<service>_outbox`). Neither owns tables, is superuser or bypasses row-level security.
 * Production provisions these with its own tooling (see charts/); the names are the contract.
 */
export interface ServiceDatabaseUrls {
  admin: string;
  app: string;
  outbox: string;
}

export function serviceRoles(service: string): { app: string; outbox: string } {
  if (!/^[a-z]+$/.test(service)) throw new Error(`bad service name ${service}`);
  return { app: `${service}_app`, outbox: `${service}_outbox` };
}

export function withDatabase(url: string, database: string, user?: string, password?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  if (user) {
    parsed.username = user;
    parsed.password = password ? encodeURIComponent(password) : '';
  }
  return parsed.toString();
}

/**
 * @param rolePassword given when the server asks for passwords (the embedded Postgres does; the
 *   machine's trusts local connections): set on both service roles and carried in their URLs.
 */
export async function provisionServiceDatabase(
  adminUrl: string,
  service: string,
  database: string,
  rolePassword?: string,
): Promise<ServiceDatabaseUrls> {
  const roles = serviceRoles(service);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const role of [roles.app, roles.outbox]) {
      const exists = await admin.query('select 1 from pg_roles where rolname = $1', [role]);
      if (exists.rowCount === 0) {
        await admin
          .query(`create role ${role} login nosuperuser nobypassrls noinherit`)
          .catch((error: { code?: string }) => {
            // Created concurrently (another platform on this server provisioning at the same moment).
            if (error.code !== '42710' && error.code !== '23505') throw error;
          });
      } else {
        // A role made by hand (or by another tool) is brought to what the service needs.
        await admin.query(`alter role ${role} login nosuperuser nobypassrls noinherit`);
      }
      if (rolePassword) {
        const { rows } = await admin.query<{ sql: string }>(
          'select format($$alter role %I password %L$$, $1::text, $2::text) as sql',
          [role, rolePassword],
        );
        await admin.query(rows[0]!.sql);
      }
    }
    const db = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (db.rowCount === 0) {
      await admin
        .query(`create database "${database.replace(/"/g, '')}"`)
        .catch((error: { code?: string }) => {
          if (error.code !== '42P04' && error.code !== '23505') throw error;
        });
    }
  } finally {
    await admin.end();
  }
  return {
    admin: withDatabase(adminUrl, database),
    app: withDatabase(adminUrl, database, roles.app, rolePassword),
    outbox: withDatabase(adminUrl, database, roles.outbox, rolePassword),
  };
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${database.replace(/"/g, '')}" with (force)`);
  } finally {
    await admin.end();
  }
}
