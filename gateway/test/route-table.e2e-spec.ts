import { routeOperations, type RouteOperation } from './route-operations.js';
import { gateway, tokenFor } from './support.js';

/*
 * Denial suite generated from the gateway's own OpenAPI document: a new route is covered
 * without anyone writing a test for it.
 */
const RANDOM_ID = '00000000-0000-4000-8000-000000000001';

interface Operation extends RouteOperation {
  /** The path with a random id in each parameter. */
  path: string;
}

async function operations(): Promise<Operation[]> {
  return (await routeOperations()).map((op) => ({
    ...op,
    path: op.template.replace(/\{[^}]+\}/g, RANDOM_ID),
  }));
}

describe('the route table', () => {
  let routes: Operation[];
  beforeAll(async () => {
    routes = await operations();
  });

  it('is served as OpenAPI (JSON and UI) and lists the resources of this issue', async () => {
    const paths = routes.map((r) => `${r.method} ${r.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'GET /api/v1/tenants',
        'POST /api/v1/tenants',
        'GET /api/v1/users',
        'GET /api/v1/me',
      ]),
    );
    const ui = await gateway('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('refuses every secured route without a token (401)', async () => {
    const secured = routes.filter((r) => r.secured);
    expect(secured.length).toBeGreaterThan(5);
    for (const route of secured) {
      const response = await gateway(route.method, route.path, route.hasBody ? { body: {} } : {});
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it("refuses every tenant route to another tenant's admin (403)", async () => {
    const univAdmin = await tokenFor('univ-admin');
    for (const route of routes.filter((r) => r.tenantScoped)) {
      const response = await gateway(route.method, route.path, {
        token: univAdmin,
        tenant: 'acme-corp',
        ...(route.hasBody ? { body: {} } : {}),
      });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
      });
    }
  });

  it('refuses every platform route to a tenant admin (403)', async () => {
    const acmeAdmin = await tokenFor('acme-admin');
    for (const route of routes.filter(
      (r) => r.secured && !r.tenantScoped && r.path.startsWith('/api/v1/tenants'),
    )) {
      const response = await gateway(route.method, route.path, {
        token: acmeAdmin,
        ...(route.hasBody ? { body: {} } : {}),
      });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 403,
      });
    }
  });

  it('answers bad input on every write route with 400 problem+json naming the field', async () => {
    const operator = await tokenFor('operator');
    const acmeAdmin = await tokenFor('acme-admin');
    // Inspector-only routes (reports) are called by the demo inspector: a tenant admin is refused first.
    const acmeInspector = await tokenFor('acme-inspector');
    const writes = routes.filter((r) => r.hasBody && !r.fileBody);
    expect(writes.length).toBeGreaterThanOrEqual(4);
    for (const route of routes.filter((r) => r.fileBody)) {
      // A file upload without its query parameters: 400 naming them, never a 500.
      const response = await gateway(route.method, route.path, {
        token: acmeAdmin,
        tenant: 'acme-corp',
        body: Buffer.from('x'),
        headers: { 'content-type': 'text/csv' },
      });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 400,
      });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('fileName');
    }
    for (const route of writes) {
      const inspectorOnly = route.roles.length > 0 && !route.roles.includes('tenant-admin');
      const tenantToken = inspectorOnly ? acmeInspector : acmeAdmin;
      const auth = route.tenantScoped ? { token: tenantToken, tenant: 'acme-corp' } : { token: operator };
      const response = await gateway(route.method, route.path, { ...auth, body: { unexpectedField: 1 } });
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 400,
      });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('unexpectedField');
      const malformed = await gateway(route.method, route.path, { ...auth, body: '{not json' });
      expect(malformed.status).toBe(400);
    }
  });
});
