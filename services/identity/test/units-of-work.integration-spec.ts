import { createPgAdapter, TenantDatabase, asTenantId } from '@dangjian/kit';
import { testPlatform } from '@dangjian/testing';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaClient } from '../src/generated/prisma/client.js';
import type { IdentityTx } from '../src/db/identity-database.js';

// The kit's units of work over a real service schema: the tenant setting travels with BEGIN
// (issue 20, item 6) and never reaches another unit, however many wait for the pool at once.
const urls = testPlatform().databases['identity']!;
const tenants = [randomUUID(), randomUUID()];
const person = randomUUID();
let adapter: ReturnType<typeof createPgAdapter>;
let client: PrismaClient;
let database: TenantDatabase<IdentityTx>;
const sent: string[] = [];

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: urls.admin });
  await admin.connect();
  await admin.query(
    "insert into people (id, username, display_name, password_hash) values ($1, $2, 'UoW', 'x')",
    [person, `uow-${person.slice(0, 8)}`],
  );
  for (const id of tenants) {
    await admin.query(
      "insert into tenants (id, slug, name, type, modules) values ($1, $2, 'UoW', 'enterprise', '{}')",
      [id, `uow-${id.slice(0, 8)}`],
    );
    await admin.query('insert into memberships (tenant_id, person_id, roles) values ($1, $2, $3)', [
      id,
      person,
      [id === tenants[0] ? 'tenant-admin' : 'member'],
    ]);
  }
  await admin.end();
  // A pool of 2 for 40 units: most of them wait for a connection another unit gives back.
  adapter = createPgAdapter(urls.app, 2);
  adapter.pool.on('connect', (connection) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (config, ...rest) => {
      sent.push(typeof config === 'string' ? config : String((config as { text?: string }).text));
      return query(config, ...rest);
    };
  });
  client = new PrismaClient({ adapter: adapter.adapter });
  database = new TenantDatabase<IdentityTx>(client);
});

afterAll(async () => {
  adapter.stopObserving();
  await client.$disconnect();
  await adapter.pool.end();
});

const unit = (tenant: string) =>
  database.inTenant(asTenantId(tenant), async (tx) => {
    const [setting] = (await tx.$queryRawUnsafe(
      "select current_setting('app.tenant_id', true) as tenant",
    )) as { tenant: string }[];
    const memberships = await tx.membership.findMany({ where: { personId: person } });
    return { setting: setting!.tenant, tenants: memberships.map((m) => m.tenantId) };
  });

describe('units of work', () => {
  it('send the tenant with BEGIN: one round trip fewer', async () => {
    sent.length = 0;
    const seen = await unit(tenants[0]!);
    expect(seen).toEqual({ setting: tenants[0], tenants: [tenants[0]] });
    // BEGIN (which the kit sends with the setting: this recorder sees it before), the two
    // statements, COMMIT — and no set_config of its own, though the setting was in force.
    expect(sent).toEqual(['BEGIN', expect.stringMatching(/current_setting/), expect.any(String), 'COMMIT']);
  });

  it('give each of many concurrent units its own tenant and rows only', async () => {
    const wanted = Array.from({ length: 40 }, (_, i) => tenants[i % 2]!);
    const seen = await Promise.all(wanted.map(unit));
    seen.forEach((result, i) => expect(result).toEqual({ setting: wanted[i], tenants: [wanted[i]] }));
  });

  it('leave nothing behind on the connection after a unit that failed', async () => {
    await expect(
      database.inTenant(asTenantId(tenants[0]!), async (tx) => {
        await tx.$queryRawUnsafe('select 1');
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    const outside = (await client.$queryRawUnsafe(
      "select coalesce(current_setting('app.tenant_id', true), '') as tenant, (select count(*)::int from memberships) as n",
    )) as { tenant: string; n: number }[];
    expect(outside[0]).toEqual({ tenant: '', n: 0 });
  });
});
