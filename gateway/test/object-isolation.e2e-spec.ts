import { routeOperations, type RouteOperation } from './route-operations.js';
import { listQuery, passwordLogin } from '@dangjian/testing';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

/*
 * Object-level isolation, generated from the gateway's OpenAPI document (issue 20): for every route
 * that names a record by id, the id of a record that exists in another tenant. The right tenant's own
 * admin (or inspector, where only inspectors may call) is answered as for an id that does not exist —
 * never the record, never a change.
 * A new route with an id is covered without anyone writing a test for it.
 */
const OWN = 'acme-corp';
const NOWHERE = '00000000-0000-4000-8000-000000000001';
// Tenants whose records are used as the foreign ids, with their admins.
const FOREIGN = [
  { tenant: 'east-univ', admin: 'univ-admin' },
  { tenant: 'river-county', admin: 'county-admin' },
];

/** Tenant routes, each called as the own tenant's admin (or inspector). */
async function operations(): Promise<RouteOperation[]> {
  return (await routeOperations()).filter((op) => op.tenantScoped);
}

/** `/api/v1/<resource>/{id}…`: the resource's list, whose records carry the ids this route takes. */
function listOf(template: string): string | undefined {
  const match = /^(\/api\/v1\/[a-z-]+)\/\{[^}]+\}(\/[a-z-]+)?$/.exec(template);
  return match?.[1];
}

/**
 * The oldest of a list's first records that belongs to the tenant alone: the demo's, which no other suite is changing while this one
 * compares it before and after (the newest is often a record another suite is working on right now).
 */
async function oldestRecord(list: string, token: string, tenant: string): Promise<string | undefined> {
  const page = await gateway('GET', `${list}?range=${encodeURIComponent('[0,24]')}`, { token, tenant });
  if (page.status !== 200 || !Array.isArray(page.body)) return undefined;
  // A course of the platform's catalogue is every tenant's by design (decision 0031), not another's.
  const records = (page.body as { id?: string; createdAt?: string; fromPlatform?: boolean }[]).filter(
    (r) => r.id && !r.fromPlatform,
  );
  records.sort((a, b) => String(a.createdAt ?? '').localeCompare(String(b.createdAt ?? '')));
  return records[0]?.id;
}

describe('object-level isolation, on every route with an id', () => {
  let routes: RouteOperation[];
  const foreignIds = new Map<string, { id: string; tenant: string; token: string }>();
  let admin: string;
  let inspector: string;

  beforeAll(async () => {
    routes = await operations();
    admin = await tokenFor('acme-admin');
    inspector = await tokenFor('acme-inspector');
    const lists = [...new Set(routes.map((r) => listOf(r.template)).filter((l): l is string => !!l))];
    for (const { tenant, admin: username } of FOREIGN) {
      const token = await tokenFor(username);
      for (const list of lists) {
        if (foreignIds.has(list)) continue;
        const first = await oldestRecord(list, token, tenant);
        if (first) foreignIds.set(list, { id: first, tenant, token });
      }
    }
  }, 120_000);

  it("answers another tenant's record as one that does not exist, and leaves it as it was", async () => {
    const covered: string[] = [];
    const leaks: { route: string; status: number; nowhere: number }[] = [];
    for (const route of routes) {
      const list = listOf(route.template);
      const foreign = list ? foreignIds.get(list) : undefined;
      if (!foreign || route.fileBody) continue;
      const own = route.roles.length > 0 && !route.roles.includes('tenant-admin') ? inspector : admin;
      const before = await gateway('GET', `${list}/${foreign.id}`, {
        token: foreign.token,
        tenant: foreign.tenant,
      });
      const call = (id: string) =>
        gateway(route.method, route.template.replace(/\{[^}]+\}/, id), {
          token: own,
          tenant: OWN,
          ...(route.hasBody ? { body: {} } : {}),
        });
      const response = await call(foreign.id);
      // Another tenant's record is indistinguishable from one that does not exist: the same refusal
      // (404; or 400/403 where the body or the role is refused before any record is looked up).
      const nowhere = await call(NOWHERE);
      covered.push(`${route.method} ${route.template}`);
      if (response.status < 400 || response.status !== nowhere.status)
        leaks.push({
          route: `${route.method} ${route.template}`,
          status: response.status,
          nowhere: nowhere.status,
        });
      const after = await gateway('GET', `${list}/${foreign.id}`, {
        token: foreign.token,
        tenant: foreign.tenant,
      });
      expect({ route: `${route.method} ${route.template}`, after: after.body }).toEqual({
        route: `${route.method} ${route.template}`,
        after: before.body,
      });
    }
    expect(leaks).toEqual([]);
    // The generation found the routes: most resources with an id have a record in a demo tenant.
    expect(covered.length).toBeGreaterThan(20);
  }, 300_000);

  it('keeps a secretary to their subtree: a record they cannot read is refused by every route with its id, and left as it was', async () => {
    // A secretary of a new, empty branch of the same tenant: every demo record lies outside it.
    const root = (
      await gateway('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 0], { roots: true })}`, {
        token: admin,
        tenant: OWN,
      })
    ).body[0] as { id: string };
    const branch = (
      await gateway('POST', '/api/v1/organisations', {
        token: admin,
        tenant: OWN,
        body: { name: '隔离测试支部', code: uniqueSlug('ISO'), kind: 'branch', parentId: root.id },
      })
    ).body as { id: string };
    const username = uniqueSlug('iso-sec');
    await invite(admin, OWN, {
      username,
      displayName: '隔离测试书记',
      password: 'Secret-123',
      roles: ['secretary'],
      organisationScope: [branch.id],
    });
    const secretary = await passwordLogin(platform.issuer, username, 'Secret-123');
    const lists = [...new Set(routes.map((r) => listOf(r.template)).filter((l): l is string => !!l))];
    const ownIds = new Map<string, string>();
    for (const list of lists) {
      const id = await oldestRecord(list, admin, OWN);
      if (id) ownIds.set(list, id);
    }

    const unreadable = new Set<string>();
    const covered: string[] = [];
    const leaks: { route: string; status: number }[] = [];
    for (const route of routes) {
      const list = listOf(route.template);
      const id = list ? ownIds.get(list) : undefined;
      if (!list || !id || route.fileBody) continue;
      // What the secretary may read (a course, a setting of the tenant) is theirs to use; only what is
      // hidden from them is tried.
      const read = await gateway('GET', `${list}/${id}`, { token: secretary, tenant: OWN });
      if (read.status === 200) continue;
      unreadable.add(list);
      const before = await gateway('GET', `${list}/${id}`, { token: admin, tenant: OWN });
      const response = await gateway(route.method, route.template.replace(/\{[^}]+\}/, id), {
        token: secretary,
        tenant: OWN,
        ...(route.hasBody ? { body: {} } : {}),
      });
      covered.push(`${route.method} ${route.template}`);
      if (response.status < 400)
        leaks.push({ route: `${route.method} ${route.template}`, status: response.status });
      const after = await gateway('GET', `${list}/${id}`, { token: admin, tenant: OWN });
      expect({ route: `${route.method} ${route.template}`, after: after.body }).toEqual({
        route: `${route.method} ${route.template}`,
        after: before.body,
      });
    }
    expect(leaks).toEqual([]);
    // A member of another branch is hidden from this secretary; so are the organisations outside theirs.
    expect([...unreadable]).toEqual(expect.arrayContaining(['/api/v1/members', '/api/v1/organisations']));
    expect(covered.length).toBeGreaterThan(10);
  }, 300_000);

  it("finds nothing when a list's filter names another tenant's records", async () => {
    // The filters that name a record: the record itself, its member, its organisation.
    const foreignOf = (list: string) => foreignIds.get(list)?.id;
    const named: Record<string, string | undefined> = {
      memberId: foreignOf('/api/v1/members'),
      organisationId: foreignOf('/api/v1/organisations'),
    };
    expect(named.memberId && named.organisationId).toBeTruthy();
    const lists = routes.filter((r) => r.method === 'GET' && /^\/api\/v1\/[a-z-]+$/.test(r.template));
    const answered: string[] = [];
    const found: { list: string; filter: string; count: number }[] = [];
    for (const route of lists) {
      const filters: Record<string, unknown>[] = [
        ...Object.entries(named).map(([field, id]) => ({ [field]: id })),
        ...(foreignOf(route.template) ? [{ id: [foreignOf(route.template)] }] : []),
      ];
      for (const filter of filters) {
        const own = route.roles.length > 0 && !route.roles.includes('tenant-admin') ? inspector : admin;
        const response = await gateway(
          'GET',
          `${route.template}?range=${encodeURIComponent('[0,24]')}&filter=${encodeURIComponent(JSON.stringify(filter))}`,
          {
            token: own,
            tenant: OWN,
          },
        );
        expect(response.status).toBeLessThan(500);
        // A filter the list does not take is refused (400); one it takes must find nothing.
        if (response.status !== 200) continue;
        answered.push(`${route.template} ${Object.keys(filter)[0]}`);
        const rows = Array.isArray(response.body) ? response.body.length : 0;
        if (rows > 0) found.push({ list: route.template, filter: JSON.stringify(filter), count: rows });
      }
    }
    expect(found).toEqual([]);
    expect(answered.length).toBeGreaterThan(10);
  }, 300_000);
});
