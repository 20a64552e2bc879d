import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayRequest } from '../auth/access.guard.js';
import { installPublicLimits, PublicLimits } from './public-limits.js';

/*
 * The edge's count of requests without a login, on a real Fastify with small limits: per address,
 * per tenant, a token on a public route counting all the same, probes and exempt addresses not counted.
 */
describe('limits on requests without a login', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = Fastify();
    // As start.ts: the tenant is resolved before the limits count.
    app.addHook('onRequest', async (request) => {
      (request as GatewayRequest).tenantSlug = String(request.headers['x-tenant'] ?? '') || undefined;
    });
    installPublicLimits(
      app,
      new PublicLimits({ perAddressPerMinute: 3, perTenantPerMinute: 5, exempt: '10.9.0.0/16' }),
    );
    app.get('/api/v1/console-config', { config: { public: true } }, async () => ({ ok: true }));
    app.get('/api/v1/members', async () => ({ ok: true }));
    app.get('/public/index', async () => 'page');
    app.get('/health', async () => ({ status: 'ok' }));
    await app.ready();
  });
  afterEach(() => app.close());

  const call = (url: string, from: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, remoteAddress: from, headers });

  it('answers an address past its limit 429, problem+json with Retry-After, and spares another address', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await call('/api/v1/console-config', '203.0.113.1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call('/api/v1/console-config', '203.0.113.1');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({ status: 429 });
    expect((await call('/api/v1/console-config', '203.0.113.2')).statusCode).toBe(200);
  });

  it('counts a public route called with a token, and a secured route called without one; not a token on a secured route', async () => {
    const token = { authorization: 'Bearer anything' };
    const statuses = [
      (await call('/api/v1/console-config', '203.0.113.3', token)).statusCode,
      (await call('/api/v1/members', '203.0.113.3')).statusCode,
      (await call('/public/index', '203.0.113.3', token)).statusCode,
      (await call('/api/v1/members', '203.0.113.3')).statusCode,
    ];
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Logged-in calls are limited elsewhere (by who they are), not by address.
    expect((await call('/api/v1/members', '203.0.113.3', token)).statusCode).toBe(200);
    const page = await call('/public/index', '203.0.113.3');
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('访问过于频繁');
  });

  it("limits a tenant's requests from all addresses together, apart from other tenants", async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await call('/public/index', `198.51.100.${i}`, { 'x-tenant': 'flooded' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await call('/public/index', '198.51.100.9', { 'x-tenant': 'other' })).statusCode).toBe(200);
  });

  it('does not count health probes, the addresses exempted, or the address an ingress hides', async () => {
    for (let i = 0; i < 5; i++) expect((await call('/health', '203.0.113.4')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call('/api/v1/members', '10.9.1.1')).statusCode).toBe(200);
    // Behind an ingress (a private peer), each client is counted by the address it appended.
    for (let i = 0; i < 5; i++) {
      const headers = { 'x-forwarded-for': `203.0.113.${100 + i}`, 'x-tenant': `tenant-${i}` };
      expect((await call('/api/v1/members', '10.0.0.5', headers)).statusCode).toBe(200);
    }
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await call('/api/v1/members', '10.0.0.5', { 'x-forwarded-for': '1.1.1.1, 203.0.113.200' }))
          .statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
