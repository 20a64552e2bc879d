import { addDays, chinaToday } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { gateway, tokenFor, uniqueSlug } from './support.js';

describe('positions and terms of office', () => {
  let admin: string;
  let branchId: string;
  const today = chinaToday();

  beforeAll(async () => {
    admin = await tokenFor('acme-admin');
    const roots = (
      await gateway('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`, {
        token: admin,
        tenant: 'acme-corp',
      })
    ).body;
    // A branch of its own, so other tests' positions do not interfere.
    const branch = await gateway('POST', '/api/v1/organisations', {
      token: admin,
      tenant: 'acme-corp',
      body: { name: '任期测试党支部', code: uniqueSlug('TERM'), kind: 'branch', parentId: roots[0].id },
    });
    branchId = branch.body.id;
  });

  const post = (body: object) =>
    gateway('POST', '/api/v1/positions', {
      token: admin,
      tenant: 'acme-corp',
      body: { organisationId: branchId, ...body },
    });
  const listed = async (filter: object) =>
    (
      await gateway(
        'GET',
        `/api/v1/positions?${listQuery(['termEnd', 'ASC'], [0, 99], { withinId: branchId, ...filter })}`,
        { token: admin, tenant: 'acme-corp' },
      )
    ).body as { id: string; kind: string; current: boolean; termEndingSoon: boolean }[];

  it('records a secretary and flags the term ending within 90 days (China time)', async () => {
    const secretary = await post({
      kind: 'secretary',
      holderName: '张书记',
      termStart: addDays(today, -1000),
      termEnd: addDays(today, 60),
    });
    expect(secretary.status).toBe(201);
    expect(secretary.body).toMatchObject({
      kind: 'secretary',
      current: true,
      termEndingSoon: true,
      endedOn: null,
    });
    const deputy = await post({
      kind: 'deputy_secretary',
      holderName: '李副书记',
      termStart: addDays(today, -10),
      termEnd: addDays(today, 1000),
    });
    expect(deputy.body).toMatchObject({ current: true, termEndingSoon: false });
    expect((await listed({ endingSoon: true })).map((p) => p.id)).toEqual([secretary.body.id]);
    expect((await listed({ current: true })).map((p) => p.id).sort()).toEqual(
      [secretary.body.id, deputy.body.id].sort(),
    );
  });

  it('allows one secretary at a time: a second is refused until the first term ends', async () => {
    const overlapping = await post({
      kind: 'secretary',
      holderName: '王书记',
      termStart: addDays(today, 30),
      termEnd: addDays(today, 1100),
    });
    expect(overlapping.status).toBe(422);
    expect(overlapping.body.rule).toBe('one-secretary');

    const [current] = (await listed({ current: true })).filter((p) => p.kind === 'secretary');
    const ended = await gateway('PUT', `/api/v1/positions/${current!.id}`, {
      token: admin,
      tenant: 'acme-corp',
      body: { endedOn: addDays(today, 29) },
    });
    expect(ended.status).toBe(200);
    expect(ended.body.endedOn).toBe(addDays(today, 29));
    expect(
      (
        await post({
          kind: 'secretary',
          holderName: '王书记',
          termStart: addDays(today, 30),
          termEnd: addDays(today, 1100),
        })
      ).status,
    ).toBe(201);
    // History is kept: the ended position is still listed.
    expect((await listed({})).filter((p) => p.kind === 'secretary')).toHaveLength(2);
    expect(
      (
        await gateway('PUT', `/api/v1/positions/${current!.id}`, {
          token: admin,
          tenant: 'acme-corp',
          body: { endedOn: today },
        })
      ).status,
    ).toBe(409);
  });

  it.each([
    [{ kind: 'chairman', holderName: 'x', termStart: '2024-01-01', termEnd: '2026-01-01' }, 'kind'],
    [
      { kind: 'committee_member', holderName: 'x', termStart: '2024-02-30', termEnd: '2026-01-01' },
      'termStart',
    ],
    [
      { kind: 'committee_member', holderName: 'x', termStart: '2026-01-01', termEnd: '2024-01-01' },
      'termEnd',
    ],
    [
      { kind: 'committee_member', holderName: '', termStart: '2024-01-01', termEnd: '2026-01-01' },
      'holderName',
    ],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});
