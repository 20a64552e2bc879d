import { listQuery } from '@dangjian/testing';
import { request } from 'node:http';
import { idCard } from './id-cards.js';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

/*
 * What probing the platform from outside found (issue 11), each as a test that failed before its fix:
 * input the edge must refuse with a 400 naming the field, concurrent duplicates answered 409, large
 * bodies refused before they are read, security headers, and refusals that say no more than needed.
 */
describe('the edge refuses what no route should see', () => {
  let admin: string;
  let root: { id: string; code: string };
  const asAdmin = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    gateway(method, path, {
      token: admin,
      tenant: 'acme-corp',
      ...(body !== undefined ? { body } : {}),
      ...(headers ? { headers } : {}),
    });

  beforeAll(async () => {
    admin = await tokenFor('acme-admin');
    root = (
      await asAdmin('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 0], { roots: true })}`)
    ).body[0];
  });

  it('refuses JSON nested thousands deep with 400 naming where, not a stack overflow', async () => {
    const deep = `{"name":${'['.repeat(4000)}${']'.repeat(4000)}}`;
    const response = await asAdmin('POST', '/api/v1/organisations', deep);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body.errors[0].field).toMatch(/^name(\.0)+$/);
  });

  it.each([
    ['a NUL character', 'a\u0000b'],
    ['a lone surrogate', 'a\ud800b'],
  ])('refuses %s in a text field with 400 naming the field', async (_what, name) => {
    const response = await asAdmin('POST', '/api/v1/organisations', {
      name,
      code: uniqueSlug('NUL'),
      kind: 'branch',
      parentId: root.id,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('refuses NUL in a nested field and in a query parameter', async () => {
    const nested = await gateway('POST', '/api/v1/tenants', {
      token: await tokenFor('operator'),
      body: { slug: uniqueSlug('nul'), name: 'x', type: 'county', branding: { displayName: 'a\u0000' } },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.errors[0].field).toBe('branding.displayName');
    const query = await asAdmin(
      'GET',
      `/api/v1/members?${listQuery(['name', 'ASC'], [0, 9], { q: 'a\u0000' })}`,
    );
    expect(query.status).toBe(400);
    expect(query.body.errors[0].field).toBe('filter.q');
  });

  it('refuses a body that is not UTF-8, and prototype keys', async () => {
    const invalid = await asAdmin(
      'POST',
      '/api/v1/organisations',
      Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0]).toMatchObject({
      field: 'body',
      description: expect.stringContaining('UTF-8'),
    });
    const proto = await asAdmin('POST', '/api/v1/organisations', '{"__proto__":{"admin":true},"name":"x"}');
    expect(proto.status).toBe(400);
    expect(proto.body.errors[0].field).toBe('__proto__');
  });

  it('reads null in an optional number as not given, not a crash', async () => {
    // Before the fix: TypeError: Cannot convert null to a BigInt (500). A base-rated member needs a base.
    const response = await asAdmin('POST', '/api/v1/dues-assessments', {
      memberId: '00000000-0000-4000-8000-000000000001',
      effectiveFrom: '2026-01',
      baseFen: null,
    });
    expect(response.status).toBe(404);
  });

  it('answers the same organisation code created by several requests at once with one 201 and 409s', async () => {
    const code = uniqueSlug('DUP');
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        asAdmin('POST', '/api/v1/organisations', { name: '并发', code, kind: 'branch', parentId: root.id }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
  });

  it('answers the same ID-card number registered by several requests at once with one 201 and refusals, never a 500', async () => {
    const branch = (
      await asAdmin('POST', '/api/v1/organisations', {
        name: '并发党支部',
        code: uniqueSlug('DUPM'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const idCardNumber = idCard();
    const member = {
      organisationId: branch.id,
      name: '并发党员',
      idCardNumber,
      occupation: 'salaried',
      developmentStage: 'full',
      joinedOn: '2010-07-01',
      confirmedOn: '2011-07-01',
    };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => asAdmin('POST', '/api/v1/members', member)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 422)).toBe(true);
  });

  it('answers the same new username activated by several people at once with one 201 and refusals, never a 500', async () => {
    const username = uniqueSlug('race');
    const codes = await Promise.all(
      Array.from(
        { length: 5 },
        async () =>
          (await asAdmin('POST', '/api/v1/invitations', { displayName: '并发' })).body.code as string,
      ),
    );
    const responses = await Promise.all(
      codes.map((code) =>
        gateway('POST', '/api/v1/invitations/activate', { body: { code, username, password: 'Secret-123' } }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 400 || s === 409)).toBe(true);
  });

  it('refuses a file upload without a valid token before reading its body', async () => {
    // Headers announce 50 MB and no byte of it is sent: only an answer given before the body can come back.
    const answer = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      const url = new URL(platform.gatewayUrl);
      const req = request({
        hostname: '127.0.0.1',
        port: url.port,
        path: '/api/v1/import-jobs?kind=members&fileName=big.csv',
        method: 'POST',
        headers: {
          'content-type': 'text/csv',
          'content-length': String(50 * 1024 * 1024),
          'x-tenant': 'acme-corp',
        },
      });
      req.on('response', (res) => {
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']) });
        res.resume();
        req.destroy();
      });
      req.on('error', () => undefined);
      req.setTimeout(5000, () =>
        reject(new Error('no answer before the body: the gateway waited to read it')),
      );
      req.flushHeaders();
    });
    expect(answer.status).toBe(401);
    expect(answer.type).toMatch(/^application\/problem\+json/);
  });

  it('sends security headers on the console, the API, the API docs and the login page', async () => {
    const consolePage = await gateway('GET', '/console/');
    expect(consolePage.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(consolePage.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(consolePage.headers.get('x-content-type-options')).toBe('nosniff');
    const list = await asAdmin('GET', '/api/v1/users');
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.headers.get('x-content-type-options')).toBe('nosniff');
    expect(list.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await gateway('GET', '/api/docs')).headers.get('content-security-policy')).toMatch(
      /frame-ancestors 'none'/,
    );
    const authorize = new URL(`${platform.issuer}/protocol/openid-connect/auth`);
    authorize.search = new URLSearchParams({
      client_id: 'dangjian-console',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${platform.gatewayUrl}/console/`,
      code_challenge: 'x'.repeat(43),
      code_challenge_method: 'S256',
    }).toString();
    let next = authorize.toString();
    let login: Response | undefined;
    const cookies: string[] = [];
    for (let i = 0; i < 5 && !login; i++) {
      const response = await fetch(next, { redirect: 'manual', headers: { cookie: cookies.join('; ') } });
      for (const cookie of response.headers.getSetCookie()) cookies.push(cookie.split(';')[0]!);
      if (response.status >= 300 && response.status < 400)
        next = new URL(response.headers.get('location')!, next).toString();
      else login = response;
    }
    expect(await login!.text()).toContain('<form');
    expect(login!.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(login!.headers.get('x-frame-options')).toBe('DENY');
  });

  it('answers an over-long path with 414 problem+json that does not echo it, and over-large headers with 431', async () => {
    const secret = `13800138000${'x'.repeat(300)}`;
    const long = await asAdmin('GET', `/api/v1/members/${secret}`);
    expect(long.status).toBe(414);
    expect(long.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(long.raw.toString()).not.toContain('13800138000');
    const big = await gateway('GET', '/api/v1/users', { headers: { 'x-filler': 'y'.repeat(20_000) } });
    expect(big.status).toBe(431);
    expect(big.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('refuses a bad token without repeating the verifier’s reason', async () => {
    const response = await gateway('GET', '/api/v1/users', { token: 'a.b.c', tenant: 'acme-corp' });
    expect(response.status).toBe(401);
    expect(response.body.detail).toBe('the token is invalid or has expired; log in again');
  });

  it('refuses a person whose scope names no organisation of the tenant as secretary', async () => {
    const username = uniqueSlug('scope');
    const id = await invite(admin, 'acme-corp', { username, displayName: '范围', password: 'Secret-123' });
    for (const scope of [[], ['00000000-0000-4000-8000-000000000001']]) {
      const response = await asAdmin('PUT', `/api/v1/users/${id}`, {
        roles: ['secretary'],
        organisationScope: scope,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('organisationScope');
    }
  });
});
