import { listQuery, passwordLogin } from '@dangjian/testing';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

interface Org {
  id: string;
  name: string;
  code: string;
  kind: string;
  parentId: string | null;
  ancestorIds: string[];
  depth: number;
  childCount: number;
}

describe('organisations (the party organisation tree)', () => {
  let admin: string;
  const create = async (body: object, token = admin) =>
    gateway('POST', '/api/v1/organisations', { token, tenant: 'acme-corp', body });
  const list = async (filter: object, token = admin) =>
    (
      await gateway('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 499], filter)}`, {
        token,
        tenant: 'acme-corp',
      })
    ).body as Org[];

  beforeAll(async () => {
    admin = await tokenFor('acme-admin');
  });

  // Other tests (here and in the console suite) add organisations to this tenant's tree at any
  // time: assertions on the demo tree check what the seed put there, not exact totals.
  it('serves the demo tree, roots first, children by parent, a subtree by root', async () => {
    const [root] = await list({ roots: true });
    expect(root).toMatchObject({ code: 'ACME', kind: 'committee', depth: 0, parentId: null });
    const children = await list({ parentId: root!.id });
    expect(children.map((o) => o.code)).toEqual(
      expect.arrayContaining(['ACME-ADMIN', 'ACME-RD', 'ACME-SALES']),
    );
    expect(children.every((o) => o.parentId === root!.id && o.depth === 1)).toBe(true);
    const rd = children.find((o) => o.code === 'ACME-RD')!;
    expect(rd.childCount).toBeGreaterThanOrEqual(2);
    const subtree = await list({ withinId: rd.id });
    expect(subtree.map((o) => o.code)).toEqual(
      expect.arrayContaining(['ACME-RD', 'ACME-RD-1', 'ACME-RD-1-G1', 'ACME-RD-2']),
    );
    expect(subtree.every((o) => o.id === rd.id || o.ancestorIds.includes(rd.id))).toBe(true);
    expect(subtree.map((o) => o.code)).not.toContain('ACME-SALES');
    expect(subtree.find((o) => o.code === 'ACME-RD-1-G1')!.ancestorIds).toEqual([
      root!.id,
      rd.id,
      subtree.find((o) => o.code === 'ACME-RD-1')!.id,
    ]);
  });

  it('creates, edits and moves a subtree, keeping paths and depths right', async () => {
    const [root] = await list({ roots: true });
    const code = uniqueSlug('GB').toUpperCase();
    const general = (
      await create({
        name: '测试党总支',
        code,
        kind: 'general_branch',
        parentId: root!.id,
        foundedOn: '2001-07-01',
      })
    ).body as Org;
    expect(general).toMatchObject({ depth: 1, parentId: root!.id, foundedOn: '2001-07-01' });
    const branch = (
      await create({
        name: '测试党支部',
        code: `${code}-B`,
        kind: 'branch',
        parentId: general.id,
        gridLabel: 'building',
        joint: true,
      })
    ).body as Org;
    const group = (
      await create({ name: '测试党小组', code: `${code}-G`, kind: 'group', parentId: branch.id })
    ).body as Org;
    expect(group.depth).toBe(3);

    // Move the branch (with its group) directly under the root committee.
    const moved = await gateway('PUT', `/api/v1/organisations/${branch.id}`, {
      token: admin,
      tenant: 'acme-corp',
      body: { ...branch, parentId: root!.id, name: '测试党支部（调整）' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ parentId: root!.id, depth: 1, name: '测试党支部（调整）' });
    const movedGroup = (
      await gateway('GET', `/api/v1/organisations/${group.id}`, { token: admin, tenant: 'acme-corp' })
    ).body as Org;
    expect(movedGroup).toMatchObject({ depth: 2, ancestorIds: [root!.id, branch.id] });
    expect((await list({ withinId: general.id })).map((o) => o.id)).toEqual([general.id]);
  });

  it.each<[string, { kind: string; under?: 'root' }, string]>([
    ['a branch at the root', { kind: 'branch' }, 'organisation-nesting'],
    ['a group under a committee', { kind: 'group', under: 'root' }, 'organisation-nesting'],
  ])('refuses %s (422, rule named)', async (_name, spec, rule) => {
    const [root] = await list({ roots: true });
    const response = await create({
      name: 'x',
      code: uniqueSlug('X'),
      kind: spec.kind,
      ...(spec.under ? { parentId: root!.id } : {}),
    });
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe(rule);
  });

  it('refuses moving an organisation into its own subtree', async () => {
    const [root] = await list({ roots: true });
    const rd = (await list({ parentId: root!.id })).find((o) => o.code === 'ACME-RD')!;
    const rd1 = (await list({ parentId: rd.id })).find((o) => o.code === 'ACME-RD-1')!;
    const response = await gateway('PUT', `/api/v1/organisations/${rd.id}`, {
      token: admin,
      tenant: 'acme-corp',
      body: { parentId: rd1.id },
    });
    expect(response.status).toBe(422);
    expect(response.body.rule).toBe('organisation-no-cycle');
  });

  it('refuses a duplicate code (409) and bad fields (400 naming them)', async () => {
    const [root] = await list({ roots: true });
    expect((await create({ name: 'x', code: 'ACME-SALES', kind: 'branch', parentId: root!.id })).status).toBe(
      409,
    );
    const bad = await create({ name: '', code: 'has space', kind: 'cell', foundedOn: '2024-13-45' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['kind', 'foundedOn']),
    );
  });

  it('keeps a secretary to their own subtree', async () => {
    const [root] = await list({ roots: true });
    const rd = (await list({ parentId: root!.id })).find((o) => o.code === 'ACME-RD')!;
    const sales = (await list({ parentId: root!.id })).find((o) => o.code === 'ACME-SALES')!;
    const username = uniqueSlug('secretary');
    const id = await invite(admin, 'acme-corp', {
      username,
      displayName: '研发书记',
      password: 'Secret-123',
      roles: ['secretary'],
      organisationScope: [rd.id],
    });
    expect(
      (await gateway('GET', `/api/v1/users/${id}`, { token: admin, tenant: 'acme-corp' })).body
        .organisationScope,
    ).toEqual([rd.id]);
    const secretary = await passwordLogin(platform.issuer, username, 'Secret-123');

    const seen = await list({}, secretary);
    expect(seen.map((o) => o.code).sort()).toEqual(
      expect.arrayContaining(['ACME-RD', 'ACME-RD-1', 'ACME-RD-2']),
    );
    expect(seen.every((o) => o.id === rd.id || o.ancestorIds.includes(rd.id))).toBe(true);
    expect(
      (await gateway('GET', `/api/v1/organisations/${sales.id}`, { token: secretary, tenant: 'acme-corp' }))
        .status,
    ).toBe(403);
    expect(
      (
        await gateway(
          'GET',
          `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { withinId: root!.id })}`,
          { token: secretary, tenant: 'acme-corp' },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await create(
          { name: '越权支部', code: uniqueSlug('OUT'), kind: 'branch', parentId: root!.id },
          secretary,
        )
      ).status,
    ).toBe(403);
    const inside = await create(
      { name: '研发第三党支部', code: uniqueSlug('RD3'), kind: 'branch', parentId: rd.id },
      secretary,
    );
    expect(inside.status).toBe(201);
    // A member without the secretary role sees nothing of the tree.
    const memberName = uniqueSlug('member');
    await invite(admin, 'acme-corp', {
      username: memberName,
      displayName: '党员',
      password: 'Secret-123',
      roles: ['member'],
    });
    const member = await passwordLogin(platform.issuer, memberName, 'Secret-123');
    expect(
      (await gateway('GET', '/api/v1/organisations', { token: member, tenant: 'acme-corp' })).status,
    ).toBe(403);
  });

  it('answers 404 where the tenant has not enabled the organisation module', async () => {
    const operator = await tokenFor('operator');
    const slug = uniqueSlug('nomod');
    await gateway('POST', '/api/v1/tenants', {
      token: operator,
      body: { slug, name: '无组织模块', type: 'enterprise', modules: ['learning'] },
    });
    const response = await gateway('GET', '/api/v1/organisations', { token: operator, tenant: slug });
    expect(response.status).toBe(404);
    expect(response.body.detail).toContain('organisation');
  });

  it("answers react-admin's getMany (filter by ids), and refuses a malformed id list", async () => {
    const [root] = await list({ roots: true });
    const children = await list({ parentId: root!.id });
    const wanted = [root!.id, children[0]!.id];
    expect((await list({ id: wanted })).map((o) => o.id).sort()).toEqual([...wanted].sort());
    const bad = await gateway(
      'GET',
      `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { id: ['nope'] })}`,
      { token: admin, tenant: 'acme-corp' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('filter.id');
  });

  it("keeps each tenant's tree to itself", async () => {
    const univ = await tokenFor('univ-admin');
    const roots = (
      await gateway('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`, {
        token: univ,
        tenant: 'east-univ',
      })
    ).body as Org[];
    expect(roots.map((o) => o.code)).toEqual(['EU']);
    const [acmeRoot] = await list({ roots: true });
    expect(
      (await gateway('GET', `/api/v1/organisations/${acmeRoot!.id}`, { token: univ, tenant: 'east-univ' }))
        .status,
    ).toBe(404);
  });
});
