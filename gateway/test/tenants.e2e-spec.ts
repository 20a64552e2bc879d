import { listQuery } from '@dangjian/testing';
import { gateway, tokenFor, uniqueSlug } from './support.js';

describe('tenants (platform operators)', () => {
  let operator: string;
  beforeAll(async () => {
    operator = await tokenFor('operator');
  });

  it('lists with react-admin paging, sorting and Content-Range', async () => {
    const response = await gateway('GET', `/api/v1/tenants?${listQuery(['slug', 'ASC'], [0, 1])}`, {
      token: operator,
    });
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(2);
    expect(response.headers.get('content-range')).toMatch(/^tenants 0-1\/\d+$/);
    const all = await gateway('GET', `/api/v1/tenants?${listQuery(['slug', 'ASC'], [0, 499])}`, {
      token: operator,
    });
    const slugs = all.body.map((t: { slug: string }) => t.slug);
    expect(slugs).toEqual([...slugs].sort());
    expect(slugs).toEqual(expect.arrayContaining(['acme-corp', 'east-univ', 'river-county']));
  });

  it('filters by text and type', async () => {
    const response = await gateway(
      'GET',
      `/api/v1/tenants?${listQuery(['slug', 'ASC'], [0, 24], { q: 'univ', type: 'university' })}`,
      { token: operator },
    );
    expect(response.body.map((t: { slug: string }) => t.slug)).toContain('east-univ');
    expect(response.body.every((t: { type: string }) => t.type === 'university')).toBe(true);
  });

  it('creates a tenant with the preset modules of its type, then edits, suspends and toggles modules', async () => {
    const slug = uniqueSlug('county');
    const created = await gateway('POST', '/api/v1/tenants', {
      token: operator,
      body: {
        slug,
        name: '测试县委组织部',
        type: 'county',
        branding: { displayName: '测试县', logoUrl: 'https://example.cn/logo.png', primaryColour: '#aa0000' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug, type: 'county', status: 'active', realm: 'dangjian' });
    expect(created.body.modules).toEqual(
      expect.arrayContaining(['supervision', 'feature:appeals', 'feature:micro-wishes']),
    );

    const id = created.body.id;
    const edited = await gateway('PUT', `/api/v1/tenants/${id}`, {
      token: operator,
      body: { ...created.body, name: '测试县委', modules: ['organisation'], status: 'suspended' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: '测试县委',
      modules: ['organisation'],
      status: 'suspended',
      slug,
    });

    const fetched = await gateway('GET', `/api/v1/tenants/${id}`, { token: operator });
    expect(fetched.body).toMatchObject({ name: '测试县委', status: 'suspended' });
  });

  it('refuses a taken slug with 409', async () => {
    const response = await gateway('POST', '/api/v1/tenants', {
      token: operator,
      body: { slug: 'acme-corp', name: 'x', type: 'enterprise' },
    });
    expect(response.status).toBe(409);
  });

  it.each([
    [{ slug: 'ok-slug', name: 'n', type: 'factory' }, 'type'],
    [{ slug: 'Bad Slug', name: 'n', type: 'county' }, 'slug'],
    [{ slug: 'ok-slug', name: '', type: 'county' }, 'name'],
    [{ slug: 'ok-slug', name: 'n', type: 'county', modules: ['nonsense'] }, 'modules'],
    [
      {
        slug: 'ok-slug',
        name: 'n',
        type: 'county',
        branding: { displayName: 'x', logoUrl: 'ftp://x', primaryColour: '#aa0000' },
      },
      'branding.logoUrl',
    ],
    [
      {
        slug: 'ok-slug',
        name: 'n',
        type: 'county',
        branding: { displayName: 'x', logoUrl: '', primaryColour: 'red' },
      },
      'branding.primaryColour',
    ],
    [{ slug: 'ok-slug', name: 'n', type: 'county', owner: 'me' }, 'owner'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await gateway('POST', '/api/v1/tenants', { token: operator, body });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it.each([
    ['sort=oops', 'sort'],
    [`sort=${encodeURIComponent('["password","ASC"]')}`, 'sort'],
    [`range=${encodeURIComponent('[5,1]')}`, 'range'],
    [`range=${encodeURIComponent('[0,10000]')}`, 'range'],
    [`filter=${encodeURIComponent('{"owner":"x"}')}`, 'filter.owner'],
    [`filter=${encodeURIComponent('{"status":"deleted"}')}`, 'filter.status'],
  ])('refuses list parameters %s with 400 naming %s', async (query, field) => {
    const response = await gateway('GET', `/api/v1/tenants?${query}`, { token: operator });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('answers an unknown tenant id with 404 and a malformed id with 400', async () => {
    expect(
      (await gateway('GET', '/api/v1/tenants/00000000-0000-4000-8000-000000000000', { token: operator }))
        .status,
    ).toBe(404);
    expect((await gateway('GET', '/api/v1/tenants/not-a-uuid', { token: operator })).status).toBe(400);
  });

  it('is closed to tenant admins (403)', async () => {
    const admin = await tokenFor('acme-admin');
    expect((await gateway('GET', '/api/v1/tenants', { token: admin })).status).toBe(403);
    expect(
      (
        await gateway('POST', '/api/v1/tenants', {
          token: admin,
          body: { slug: 'x-y-z', name: 'x', type: 'county' },
        })
      ).status,
    ).toBe(403);
  });
});
