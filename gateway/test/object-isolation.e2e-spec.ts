import { routeOperations, type RouteOperation } from './route-operations.js';
import { gateway, tokenFor } from './support.js';

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
        const page = await gateway('GET', `${list}?range=${encodeURIComponent('[0,0]')}`, { token, tenant });
        const first = Array.isArray(page.body) ? (page.body[0] as { id?: string } | undefined) : undefined;
        if (page.status === 200 && first?.id) foreignIds.set(list, { id: first.id, tenant, token });
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
});
