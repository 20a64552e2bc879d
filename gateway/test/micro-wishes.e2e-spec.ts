import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, gateway, person, placedMember, uniqueSlug, until } from './support.js';

/*
 * Issue 18, 微心愿: a resident posts a wish on the public pages; the branch reviews it before it is
 * public; a member claims it and withdraws the claim, another claims and fulfils it; the resident
 * confirms with the code; the ranking counts confirmed wishes only, and the member earns learning
 * points where the tenant has them on. Only the claimer and staff read the resident's number; another
 * tenant finds nothing.
 */
const MODULES = ['organisation', 'supervision', 'learning'];
let serial = 400;
const idCard = () => {
  const first17 = `11010619900202${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('micro-wishes (微心愿)', () => {
  it('goes from a resident’s wish through review, claims and fulfilment to the resident’s confirmation', async () => {
    const tenant = await freshTenant('wsh', MODULES);
    const branch = (
      await tenant.api('POST', '/api/v1/organisations', {
        name: '心愿网格支部',
        code: uniqueSlug('WS'),
        kind: 'branch',
        parentId: tenant.root.id,
      })
    ).body as { id: string };
    const secretary = await person(tenant.api, tenant.slug, ['secretary'], [branch.id]);
    const memberA = await placedMember(tenant, branch, '认领甲', idCard());
    const memberB = await placedMember(tenant, branch, '认领乙', idCard());

    // Learning points on, with the default rules (a fulfilled wish: 3 points).
    const points = await tenant.api('GET', '/api/v1/points-settings/current');
    const { rules } = points.body;
    expect(
      (
        await tenant.api('PUT', '/api/v1/points-settings/current', {
          enabled: true,
          rankingEnabled: false,
          rules,
          windows: [],
          version: 0,
        })
      ).status,
    ).toBe(200);

    const wish = {
      organisationId: branch.id,
      title: '想要一副老花镜',
      content: '眼睛花了，看不清药盒上的字。',
      wisherName: '刘桂芝',
      wisherPhone: '13800138111',
    };
    const bad = await gateway('POST', `/t/${tenant.slug}/public/wishes`, {
      body: { ...wish, wisherPhone: '12' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('wisherPhone');
    const filed = await gateway('POST', `/t/${tenant.slug}/public/wishes`, { body: wish });
    expect(filed.status).toBe(201);
    const code = filed.body.code as string;
    const mine = (who: typeof memberA) =>
      who.call('GET', `/api/v1/me/micro-wishes?${listQuery(['createdAt', 'DESC'], [0, 49], {})}`);
    // Not public before review.
    expect((await mine(memberA)).body).toEqual([]);

    const submitted = await secretary.call(
      'GET',
      `/api/v1/micro-wishes?${listQuery(['createdAt', 'DESC'], [0, 9], { status: 'submitted' })}`,
    );
    expect(submitted.body).toHaveLength(1);
    const id = submitted.body[0].id as string;
    expect(submitted.body[0]).toMatchObject({
      wisherName: '刘桂芝',
      wisherPhone: '13800138111',
      actions: ['publish', 'reject'],
    });
    const act = async (who: typeof memberA, action: string, note = '') => {
      const current = await who.call('GET', `/api/v1/micro-wishes/${id}`);
      return who.call('POST', `/api/v1/micro-wishes/${id}/actions`, {
        version: current.body.version,
        action,
        note,
      });
    };
    expect((await act(secretary, 'reject')).status).toBe(400);
    // A member cannot see it before review, let alone publish it.
    const early = await memberA.call('POST', `/api/v1/micro-wishes/${id}/actions`, {
      version: 1,
      action: 'publish',
    });
    expect(early.status).toBe(404);
    expect((await act(secretary, 'publish')).body.status).toBe('published');

    // A member sees it masked, claims it and then reads the number; another member cannot claim it too.
    const listed = (await mine(memberA)).body;
    expect(listed[0]).toMatchObject({
      id,
      status: 'published',
      wisherName: '刘**',
      wisherPhone: '138****8111',
      actions: ['claim'],
    });
    const claimed = await act(memberA, 'claim');
    expect(claimed.body).toMatchObject({
      status: 'claimed',
      claimedByName: '认领甲',
      claimedByMe: true,
      wisherPhone: '13800138111',
    });
    expect((await memberB.call('GET', `/api/v1/micro-wishes/${id}`)).status).toBe(404);
    const stale = await memberB.call('POST', `/api/v1/micro-wishes/${id}/actions`, {
      version: listed[0].version,
      action: 'claim',
    });
    // Once claimed it is no longer offered: to another member it is gone.
    expect(stale.status).toBe(404);
    expect((await act(memberA, 'withdraw_claim')).body).toMatchObject({
      status: 'published',
      claimedByName: '',
    });
    const byB = await act(memberB, 'claim');
    expect(byB.body.claimedByName).toBe('认领乙');
    const twice = await memberA.call('POST', `/api/v1/micro-wishes/${id}/actions`, {
      version: byB.body.version,
      action: 'claim',
    });
    expect(twice.status).toBe(404);
    expect((await act(memberB, 'fulfil')).status).toBe(400);
    expect((await act(memberB, 'fulfil', '送去了一副 300 度的老花镜')).body.status).toBe('fulfilled');

    // The resident confirms on the public page, without scripts.
    const follow = await gateway('GET', `/t/${tenant.slug}/public/wishes/follow?code=${code}`);
    expect(follow.body).toContain('已帮您实现，请确认');
    expect(follow.body).toContain('送去了一副 300 度的老花镜');
    const confirmed = await gateway('POST', `/t/${tenant.slug}/public/wishes/confirm`, {
      body: new URLSearchParams({ code }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toContain('您已确认实现');
    expect(
      (await gateway('POST', `/t/${tenant.slug}/public/wishes/confirm`, { body: { code } })).status,
    ).toBe(422);
    // The learning service grants the member who fulfilled it points, once (over the bus).
    await until(async () => {
      const points = await memberB.call('GET', '/api/v1/me/points');
      return points.body.total === 3 ? true : undefined;
    }, 'the micro-wish points');
    expect((await memberA.call('GET', '/api/v1/me/points')).body.total).toBe(0);

    // Staff post on a resident's behalf: published at once, but never counted until confirmed.
    const posted = await secretary.call('POST', '/api/v1/micro-wishes', {
      ...wish,
      title: '帮忙修一下收音机',
    });
    expect(posted.status).toBe(201);
    expect(posted.body.status).toBe('published');
    await memberA.call('POST', `/api/v1/micro-wishes/${posted.body.id}/actions`, {
      version: posted.body.version,
      action: 'claim',
    });
    const rankings = await memberA.call(
      'GET',
      `/api/v1/micro-wish-rankings?${listQuery(['confirmed', 'DESC'], [0, 9], {})}`,
    );
    expect(rankings.body).toEqual([
      expect.objectContaining({ userId: memberB.userId, name: '认领乙', confirmed: 1 }),
    ]);

    const other = await freshTenant('wso', MODULES);
    expect((await other.api('GET', `/api/v1/micro-wishes/${id}`)).status).toBe(404);
  });
});
