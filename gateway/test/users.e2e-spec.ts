import { listQuery, passwordLogin } from '@dangjian/testing';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

/** Any organisation of a tenant (for a secretary's scope). */
async function someOrganisation(tenant: string, token: string): Promise<string> {
  return (
    await gateway('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 0], { roots: true })}`, {
      token,
      tenant,
    })
  ).body[0].id;
}

describe('users of a tenant (tenant admins)', () => {
  let acmeAdmin: string;
  let univAdmin: string;
  beforeAll(async () => {
    acmeAdmin = await tokenFor('acme-admin');
    univAdmin = await tokenFor('univ-admin');
  });

  it('lists the people of the tenant with their roles', async () => {
    const response = await gateway('GET', `/api/v1/users?${listQuery(['username', 'ASC'], [0, 24])}`, {
      token: acmeAdmin,
      tenant: 'acme-corp',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-range')).toMatch(/^users 0-\d+\/\d+$/);
    const admin = response.body.find((u: { username: string }) => u.username === 'acme-admin');
    expect(admin.roles).toEqual(expect.arrayContaining(['tenant-admin']));
    expect(response.body.map((u: { username: string }) => u.username)).not.toContain('univ-admin');
  });

  it('filters by name and role, sorts either way, and counts the whole list on every page, past the end too', async () => {
    const list = (sort: [string, 'ASC' | 'DESC'], range: [number, number], filter = {}) =>
      gateway('GET', `/api/v1/users?${listQuery(sort, range, filter)}`, {
        token: acmeAdmin,
        tenant: 'acme-corp',
      });
    const totalOf = (response: { headers: Headers }) =>
      Number(response.headers.get('content-range')!.split('/')[1]);
    const usernames = (response: { body: { username: string }[] }) => response.body.map((u) => u.username);
    // The databases collate as C: byte order, as JavaScript compares these ASCII names.
    const ascending = await list(['username', 'ASC'], [0, 499]);
    expect(ascending.body.length).toBeGreaterThanOrEqual(2);
    expect(usernames(ascending)).toEqual([...usernames(ascending)].sort());
    const descending = await list(['username', 'DESC'], [0, 499]);
    expect(usernames(descending)).toEqual([...usernames(descending)].sort().reverse());
    // Other suites add people meanwhile: the total is at least what this page showed.
    const firstTwo = await list(['username', 'ASC'], [0, 1]);
    expect(firstTwo.body).toHaveLength(2);
    expect(totalOf(firstTwo)).toBeGreaterThanOrEqual(ascending.body.length);
    // Past the end: no rows, and still the whole list's total.
    const past = await list(['username', 'ASC'], [100_000, 100_009]);
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    expect(totalOf(past)).toBeGreaterThanOrEqual(ascending.body.length);
    const admins = await list(['username', 'ASC'], [0, 99], { role: 'tenant-admin' });
    expect(usernames(admins)).toContain('acme-admin');
    expect(admins.body.every((u: { roles: string[] }) => u.roles.includes('tenant-admin'))).toBe(true);
    expect(totalOf(admins)).toBe(admins.body.length);
    // The text matches a username or a name, in any case; % and _ are themselves, not wildcards.
    const byText = await list(['username', 'ASC'], [0, 99], { q: 'ACME-ADM' });
    expect(usernames(byText)).toContain('acme-admin');
    // A filtered list counts what the filter keeps, on a page past its end too.
    expect(totalOf(byText)).toBe(byText.body.length);
    const byTextPast = await list(['username', 'ASC'], [500, 509], { q: 'ACME-ADM' });
    expect(byTextPast.body).toEqual([]);
    expect(totalOf(byTextPast)).toBe(byText.body.length);
    const adminsPast = await list(['username', 'ASC'], [500, 509], { role: 'tenant-admin' });
    expect(totalOf(adminsPast)).toBe(admins.body.length);
    expect((await list(['username', 'ASC'], [0, 99], { q: '%' })).body).toEqual([]);
    expect((await list(['username', 'ASC'], [0, 99], { q: 'acme_admin' })).body).toEqual([]);
  });

  const login = (username: string, password = 'Secret-123') =>
    fetch(`${platform.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: 'dangjian-cli', username, password }),
    });

  it('invites a person who activates the code, then edits their roles and removes them, keeping their login', async () => {
    const username = uniqueSlug('zhang');
    const invited = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: {
        displayName: '张伟',
        email: `${username}@example.cn`,
        roles: ['secretary'],
        organisationScope: [await someOrganisation('acme-corp', acmeAdmin)],
      },
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ displayName: '张伟', roles: ['secretary'], status: 'pending' });
    expect(invited.body.code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    // The code holder sees what they are invited to, without a login.
    const preview = await gateway('POST', '/api/v1/invitations/preview', {
      body: { code: invited.body.code.toLowerCase() },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      tenantName: expect.any(String),
      displayName: '张伟',
      roles: ['secretary'],
    });
    const activated = await gateway('POST', '/api/v1/invitations/activate', {
      body: { code: invited.body.code, username, password: 'Secret-123' },
    });
    expect(activated.status).toBe(201);
    expect(activated.body).toMatchObject({ username, tenantSlug: 'acme-corp' });
    // Used once.
    expect(
      (
        await gateway('POST', '/api/v1/invitations/activate', {
          body: { code: invited.body.code, username: `${username}-2`, password: 'Secret-123' },
        })
      ).status,
    ).toBe(404);
    const listed = await gateway(
      'GET',
      `/api/v1/invitations?${listQuery(['createdAt', 'DESC'], [0, 49], { status: 'accepted' })}`,
      { token: acmeAdmin, tenant: 'acme-corp' },
    );
    expect(listed.body.find((i: { id: string }) => i.id === invited.body.id)).toMatchObject({
      status: 'accepted',
      acceptedByUserId: activated.body.userId,
    });
    expect(JSON.stringify(listed.body)).not.toContain(invited.body.code);

    const user = (
      await gateway('GET', `/api/v1/users/${activated.body.userId}`, {
        token: acmeAdmin,
        tenant: 'acme-corp',
      })
    ).body;
    const updated = await gateway('PUT', `/api/v1/users/${user.id}`, {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { ...user, roles: ['member', 'inspector'], organisationScope: [] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.roles).toEqual(['member', 'inspector']);
    const removed = await gateway('DELETE', `/api/v1/users/${user.id}`, {
      token: acmeAdmin,
      tenant: 'acme-corp',
    });
    expect(removed.status).toBe(200);
    expect(
      (await gateway('GET', `/api/v1/users/${user.id}`, { token: acmeAdmin, tenant: 'acme-corp' })).status,
    ).toBe(404);
    // The login stays: the person can still sign in.
    expect((await login(username)).status).toBe(200);
  });

  it('lets a person with a login join a second tenant only by accepting its invitation (one login across tenants)', async () => {
    const username = uniqueSlug('graduate');
    await invite(univAdmin, 'east-univ', {
      username,
      displayName: '李娜',
      password: 'Secret-123',
      roles: ['member'],
    });
    const invited = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: '李娜', roles: ['member'] },
    });
    const token = await passwordLogin(platform.issuer, username, 'Secret-123');
    const accepted = await gateway('POST', '/api/v1/invitations/accept', {
      token,
      body: { code: invited.body.code },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ tenantSlug: 'acme-corp', roles: ['member'] });
    const me = await gateway('GET', '/api/v1/me', { token });
    expect(me.body.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual(['acme-corp', 'east-univ']);
  });

  it('adds nobody by username, and tells a tenant admin nothing about logins elsewhere (issue 11)', async () => {
    const username = uniqueSlug('univ-only');
    const id = await invite(univAdmin, 'east-univ', {
      username,
      displayName: '只在高校',
      password: 'Secret-123',
      email: `${username}@example.cn`,
    });
    // The old way in is gone, for an existing username and a new one alike.
    for (const name of [username, uniqueSlug('nobody')]) {
      const attempt = await gateway('POST', '/api/v1/users', {
        token: acmeAdmin,
        tenant: 'acme-corp',
        body: { username: name, roles: ['member'] },
      });
      expect(attempt.status).toBe(404);
    }
    // An invitation names no login: asking for one is refused whatever it is.
    const byName = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: 'x', username },
    });
    expect(byName.status).toBe(400);
    expect(byName.body.errors.map((e: { field: string }) => e.field)).toContain('username');
    // Another tenant's person cannot be read or rewritten.
    expect(
      (await gateway('GET', `/api/v1/users/${id}`, { token: acmeAdmin, tenant: 'acme-corp' })).status,
    ).toBe(404);
    const rewrite = await gateway('PUT', `/api/v1/users/${id}`, {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: '攻击者', email: 'evil@example.cn' },
    });
    expect(rewrite.status).toBe(404);
    expect(
      (await gateway('GET', `/api/v1/users/${id}`, { token: univAdmin, tenant: 'east-univ' })).body,
    ).toMatchObject({ displayName: '只在高校', email: `${username}@example.cn` });
  });

  it("refuses a tenant admin changing a shared person's name or e-mail: they are the person's own", async () => {
    const username = uniqueSlug('shared');
    const id = await invite(univAdmin, 'east-univ', {
      username,
      displayName: '共享的人',
      password: 'Secret-123',
      email: `${username}@example.cn`,
    });
    const invited = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: '共享的人' },
    });
    await gateway('POST', '/api/v1/invitations/accept', {
      token: await passwordLogin(platform.issuer, username, 'Secret-123'),
      body: { code: invited.body.code },
    });
    for (const body of [{ displayName: '攻击者' }, { email: 'evil@example.cn' }]) {
      const response = await gateway('PUT', `/api/v1/users/${id}`, {
        token: acmeAdmin,
        tenant: 'acme-corp',
        body,
      });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(Object.keys(body));
    }
    // Roles are the tenant's own; the same values round-trip.
    const unchanged = await gateway('PUT', `/api/v1/users/${id}`, {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: '共享的人', email: `${username}@example.cn`, roles: ['member', 'inspector'] },
    });
    expect(unchanged.status).toBe(200);
    expect(
      (await gateway('GET', `/api/v1/users/${id}`, { token: univAdmin, tenant: 'east-univ' })).body,
    ).toMatchObject({ displayName: '共享的人', roles: ['member'] });
  });

  it('voids a code after repeated failed activations, so it cannot probe usernames', async () => {
    const invited = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: '试探者' },
    });
    const taken = await gateway('POST', '/api/v1/invitations/activate', {
      body: { code: invited.body.code, username: 'univ-admin', password: 'Secret-123' },
    });
    expect(taken.status).toBe(400);
    expect(taken.body.errors[0].field).toBe('username');
    for (let i = 1; i < 10; i++)
      await gateway('POST', '/api/v1/invitations/activate', {
        body: { code: invited.body.code, username: 'acme-admin', password: 'Secret-123' },
      });
    const fresh = await gateway('POST', '/api/v1/invitations/activate', {
      body: { code: invited.body.code, username: uniqueSlug('late'), password: 'Secret-123' },
    });
    expect(fresh.status).toBe(404);
  });

  it.each([
    [{ displayName: '' }, 'displayName'],
    [{ displayName: 'x', roles: ['emperor'] }, 'roles'],
    [{ displayName: 'x', email: 'not-mail' }, 'email'],
    [{ displayName: 'x', roles: ['secretary'] }, 'organisationScope'],
    [
      { displayName: 'x', roles: ['member'], organisationScope: ['00000000-0000-4000-8000-000000000001'] },
      'organisationScope',
    ],
    [{ displayName: 42 }, 'displayName'],
  ])('refuses the invitation %j with 400 naming %s', async (body, field) => {
    const response = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body,
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    [{ username: 'Bad Name!', password: 'Secret-123' }, 'username'],
    [{ username: 'fine-name', password: 'short' }, 'password'],
    [{ username: 42, password: 'Secret-123' }, 'username'],
  ])('refuses the activation %j with 400 naming %s', async (body, field) => {
    const invited = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: '新人' },
    });
    const response = await gateway('POST', '/api/v1/invitations/activate', {
      body: { code: invited.body.code, ...body },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it("refuses a secretary scope naming another tenant's organisation", async () => {
    const univOrganisation = await someOrganisation('east-univ', univAdmin);
    const response = await gateway('POST', '/api/v1/invitations', {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { displayName: 'x', roles: ['secretary'], organisationScope: [univOrganisation] },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('organisationScope');
  });

  it('never lets anyone give roles to themselves: not by editing, not by accepting their own invitation', async () => {
    const username = uniqueSlug('admin2');
    const id = await invite(acmeAdmin, 'acme-corp', {
      username,
      displayName: '第二管理员',
      password: 'Secret-123',
      roles: ['tenant-admin'],
    });
    const second = await passwordLogin(platform.issuer, username, 'Secret-123');
    const own = await gateway('PUT', `/api/v1/users/${id}`, {
      token: second,
      tenant: 'acme-corp',
      body: { roles: ['tenant-admin', 'inspector'] },
    });
    expect(own.status).toBe(422);
    expect(own.body.rule).toBe('self-grant');
    const invitation = await gateway('POST', '/api/v1/invitations', {
      token: second,
      tenant: 'acme-corp',
      body: { displayName: '自己', roles: ['inspector'] },
    });
    const accepted = await gateway('POST', '/api/v1/invitations/accept', {
      token: second,
      body: { code: invitation.body.code },
    });
    expect(accepted.status).toBe(422);
    expect(accepted.body.rule).toBe('self-grant');
  });

  it('stops a removed tenant admin at once: no write in the cached window, so it cannot reinstate itself', async () => {
    const username = uniqueSlug('removed-admin');
    const id = await invite(acmeAdmin, 'acme-corp', {
      username,
      displayName: '将被移除',
      password: 'Secret-123',
      roles: ['tenant-admin'],
    });
    const removedAdmin = await passwordLogin(platform.issuer, username, 'Secret-123');
    // Warm the gateway's access cache (the test platform keeps it for a second).
    expect((await gateway('GET', '/api/v1/users', { token: removedAdmin, tenant: 'acme-corp' })).status).toBe(
      200,
    );
    expect(
      (await gateway('DELETE', `/api/v1/users/${id}`, { token: acmeAdmin, tenant: 'acme-corp' })).status,
    ).toBe(200);
    const started = Date.now();
    const reinstate = await gateway('POST', '/api/v1/invitations', {
      token: removedAdmin,
      tenant: 'acme-corp',
      body: { displayName: '后门', roles: ['tenant-admin'] },
    });
    expect(Date.now() - started).toBeLessThan(1000); // inside the cached window
    expect(reinstate.status).toBe(403);
  });

  it('refuses a tenant admin removing their own membership', async () => {
    const me = await gateway('GET', '/api/v1/me', { token: acmeAdmin });
    const response = await gateway('DELETE', `/api/v1/users/${me.body.id}`, {
      token: acmeAdmin,
      tenant: 'acme-corp',
    });
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe('self-removal');
  });
});

describe('tenant isolation and resolution', () => {
  it("gives tenant A's admin 403 on tenant B, however B is named", async () => {
    const acmeAdmin = await tokenFor('acme-admin');
    expect((await gateway('GET', '/api/v1/users', { token: acmeAdmin, tenant: 'east-univ' })).status).toBe(
      403,
    );
    expect((await gateway('GET', '/t/east-univ/api/v1/users', { token: acmeAdmin })).status).toBe(403);
    const users = await gateway('GET', '/api/v1/users', {
      token: acmeAdmin,
      headers: { host: 'east-univ.localhost' },
    });
    expect(users.status).toBe(403);
  });

  it('resolves the tenant from the host, X-Tenant or /t/<slug>/, and refuses a request naming two (issue 11)', async () => {
    const acmeAdmin = await tokenFor('acme-admin');
    expect(
      (await gateway('GET', '/api/v1/users', { token: acmeAdmin, headers: { host: 'acme-corp.localhost' } }))
        .status,
    ).toBe(200);
    expect((await gateway('GET', '/t/acme-corp/api/v1/users', { token: acmeAdmin })).status).toBe(200);
    expect(
      (await gateway('GET', '/t/acme-corp/api/v1/users', { token: acmeAdmin, tenant: 'acme-corp' })).status,
    ).toBe(200);
    const contradictions: { headers: Record<string, string>; path: string }[] = [
      { headers: { host: 'acme-corp.localhost', 'x-tenant': 'east-univ' }, path: '/api/v1/users' },
      { headers: { 'x-tenant': 'acme-corp' }, path: '/t/east-univ/api/v1/users' },
      { headers: { host: 'east-univ.localhost' }, path: '/t/acme-corp/api/v1/users' },
    ];
    for (const request of contradictions) {
      const response = await gateway('GET', request.path, { token: acmeAdmin, headers: request.headers });
      expect(response.status).toBe(400);
      expect(response.body.errors[0].field).toBe('tenant');
    }
  });

  it('answers an unknown tenant with 404 and no tenant with 400', async () => {
    const operator = await tokenFor('operator');
    expect(
      (await gateway('GET', '/api/v1/users', { token: operator, tenant: 'no-such-tenant' })).status,
    ).toBe(404);
    const none = await gateway('GET', '/api/v1/users', { token: operator });
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('tenant');
  });

  it('answers a suspended tenant with 403 and lets it back in when reactivated', async () => {
    const operator = await tokenFor('operator');
    const slug = uniqueSlug('ent');
    const tenant = (
      await gateway('POST', '/api/v1/tenants', {
        token: operator,
        body: { slug, name: '暂停测试', type: 'enterprise' },
      })
    ).body;
    await gateway('PUT', `/api/v1/tenants/${tenant.id}`, { token: operator, body: { status: 'suspended' } });
    await new Promise((r) => setTimeout(r, 1100)); // the test platform caches access for 1 s
    expect((await gateway('GET', '/api/v1/users', { token: operator, tenant: slug })).status).toBe(403);
    await gateway('PUT', `/api/v1/tenants/${tenant.id}`, { token: operator, body: { status: 'active' } });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await gateway('GET', '/api/v1/users', { token: operator, tenant: slug })).status).toBe(200);
  });

  it('applies a role change without a new login once the cache expires', async () => {
    const acmeAdmin = await tokenFor('acme-admin');
    const username = uniqueSlug('promoted');
    const person = {
      id: await invite(acmeAdmin, 'acme-corp', {
        username,
        displayName: '王芳',
        password: 'Secret-123',
        roles: ['member'],
      }),
    };
    const token = await passwordLogin(platform.issuer, username, 'Secret-123');
    expect((await gateway('GET', '/api/v1/users', { token, tenant: 'acme-corp' })).status).toBe(403);
    await gateway('PUT', `/api/v1/users/${person.id}`, {
      token: acmeAdmin,
      tenant: 'acme-corp',
      body: { roles: ['tenant-admin'] },
    });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await gateway('GET', '/api/v1/users', { token, tenant: 'acme-corp' })).status).toBe(200);
  });
});
