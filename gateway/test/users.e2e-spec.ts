import { listQuery } from '@dangjian/testing';
import { gateway, platform, tokenFor, uniqueSlug } from './support.js';

describe('users of a tenant (tenant admins)', () => {
  let acmeAdmin: string;
  let univAdmin: string;
  beforeAll(async () => {
    acmeAdmin = await tokenFor('acme-admin');
    univAdmin = await tokenFor('univ-admin');
  });

  it('lists the people of the tenant with their roles', async () => {
    const response = await gateway('GET', `/api/v1/users?${listQuery(['username', 'ASC'], [0, 24])}`, { token: acmeAdmin, tenant: 'acme-corp' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-range')).toMatch(/^users 0-\d+\/\d+$/);
    const admin = response.body.find((u: { username: string }) => u.username === 'acme-admin');
    expect(admin.roles).toEqual(expect.arrayContaining(['tenant-admin']));
    expect(response.body.map((u: { username: string }) => u.username)).not.toContain('univ-admin');
  });

  it('creates, edits and removes a person, keeping their login', async () => {
    const username = uniqueSlug('zhang');
    const created = await gateway('POST', '/api/v1/users', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { username, displayName: '张伟', email: `${username}@example.cn`, password: 'Secret-123', roles: ['secretary'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username, displayName: '张伟', roles: ['secretary'] });
    const updated = await gateway('PUT', `/api/v1/users/${created.body.id}`, { token: acmeAdmin, tenant: 'acme-corp', body: { ...created.body, roles: ['secretary', 'inspector'] } });
    expect(updated.status).toBe(200);
    expect(updated.body.roles).toEqual(['secretary', 'inspector']);
    const removed = await gateway('DELETE', `/api/v1/users/${created.body.id}`, { token: acmeAdmin, tenant: 'acme-corp' });
    expect(removed.status).toBe(200);
    expect((await gateway('GET', `/api/v1/users/${created.body.id}`, { token: acmeAdmin, tenant: 'acme-corp' })).status).toBe(404);
    // The login stays: the person can still sign in.
    const login = await fetch(`${platform.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'dangjian-cli', username, password: 'Secret-123' }),
    });
    expect(login.status).toBe(200);
  });

  it('adds an existing person to a second tenant without a new login (one login across tenants)', async () => {
    const username = uniqueSlug('graduate');
    await gateway('POST', '/api/v1/users', { token: univAdmin, tenant: 'east-univ', body: { username, displayName: '李娜', password: 'Secret-123', roles: ['member'] } });
    const added = await gateway('POST', '/api/v1/users', { token: acmeAdmin, tenant: 'acme-corp', body: { username, roles: ['member'] } });
    expect(added.status).toBe(201);
    expect(added.body.displayName).toBe('李娜');
    const { passwordLogin } = await import('@dangjian/testing');
    const token = await passwordLogin(platform.issuer, username, 'Secret-123');
    const me = await gateway('GET', '/api/v1/me', { token });
    expect(me.body.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual(['acme-corp', 'east-univ']);
  });

  it.each([
    [{ username: 'Bad Name!', displayName: 'x', password: 'Secret-123' }, 'username'],
    [{ username: 'new-person-1', displayName: '', password: 'Secret-123' }, 'displayName'],
    [{ username: 'new-person-2', displayName: 'x', password: 'short' }, 'password'],
    [{ username: 'new-person-3', displayName: 'x', password: 'Secret-123', roles: ['emperor'] }, 'roles'],
    [{ username: 'new-person-4', displayName: 'x', password: 'Secret-123', email: 'not-mail' }, 'email'],
    [{ username: 42 }, 'username'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await gateway('POST', '/api/v1/users', { token: acmeAdmin, tenant: 'acme-corp', body });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a tenant admin removing their own membership', async () => {
    const me = await gateway('GET', '/api/v1/me', { token: acmeAdmin });
    const response = await gateway('DELETE', `/api/v1/users/${me.body.id}`, { token: acmeAdmin, tenant: 'acme-corp' });
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe('self-removal');
  });
});

describe('tenant isolation and resolution', () => {
  it("gives tenant A's admin 403 on tenant B, however B is named", async () => {
    const acmeAdmin = await tokenFor('acme-admin');
    expect((await gateway('GET', '/api/v1/users', { token: acmeAdmin, tenant: 'east-univ' })).status).toBe(403);
    expect((await gateway('GET', '/t/east-univ/api/v1/users', { token: acmeAdmin })).status).toBe(403);
    const users = await gateway('GET', '/api/v1/users', { token: acmeAdmin, headers: { host: 'east-univ.localhost' } });
    expect(users.status).toBe(403);
  });

  it('resolves the tenant from the host first, then X-Tenant, then /t/<slug>/', async () => {
    const acmeAdmin = await tokenFor('acme-admin');
    // host wins over a header naming another tenant
    expect((await gateway('GET', '/api/v1/users', { token: acmeAdmin, headers: { host: 'acme-corp.localhost', 'x-tenant': 'east-univ' } })).status).toBe(200);
    // header wins over the path
    expect((await gateway('GET', '/t/east-univ/api/v1/users', { token: acmeAdmin, tenant: 'acme-corp' })).status).toBe(200);
    // path alone
    expect((await gateway('GET', '/t/acme-corp/api/v1/users', { token: acmeAdmin })).status).toBe(200);
  });

  it('answers an unknown tenant with 404 and no tenant with 400', async () => {
    const operator = await tokenFor('operator');
    expect((await gateway('GET', '/api/v1/users', { token: operator, tenant: 'no-such-tenant' })).status).toBe(404);
    const none = await gateway('GET', '/api/v1/users', { token: operator });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('tenant');
  });

  it('answers a suspended tenant with 403 and lets it back in when reactivated', async () => {
    const operator = await tokenFor('operator');
    const slug = uniqueSlug('ent');
    const tenant = (await gateway('POST', '/api/v1/tenants', { token: operator, body: { slug, name: '暂停测试', type: 'enterprise' } })).body;
    await gateway('PUT', `/api/v1/tenants/${tenant.id}`, { token: operator, body: { status: 'suspended' } });
    await new Promise((r) => setTimeout(r, 1100)); // the test platform caches access for 1 s
    expect((await gateway('GET', '/api/v1/users', { token: operator, tenant: slug })).status).toBe(403);
    await gateway('PUT', `/api/v1/tenants/${tenant.id}`, { token: operator, body: { status: 'active' } });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await gateway('GET', '/api/v1/users', { token: operator, tenant: slug })).status).toBe(200);
  });

  it('applies a role change without a new login once the cache expires', async () => {
    const acmeAdmin = await tokenFor('acme-admin');
    const { passwordLogin } = await import('@dangjian/testing');
    const username = uniqueSlug('promoted');
    const person = (await gateway('POST', '/api/v1/users', { token: acmeAdmin, tenant: 'acme-corp', body: { username, displayName: '王芳', password: 'Secret-123', roles: ['member'] } })).body;
    const token = await passwordLogin(platform.issuer, username, 'Secret-123');
    expect((await gateway('GET', '/api/v1/users', { token, tenant: 'acme-corp' })).status).toBe(403);
    await gateway('PUT', `/api/v1/users/${person.id}`, { token: acmeAdmin, tenant: 'acme-corp', body: { roles: ['tenant-admin'] } });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await gateway('GET', '/api/v1/users', { token, tenant: 'acme-corp' })).status).toBe(200);
  });
});
