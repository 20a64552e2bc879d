import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import pg from 'pg';
import { freshTenant, gateway, person, placedMember, platform, uniqueSlug, until } from './support.js';

/*
 * Issue 17, 党务公开 through the gateway: an item goes from proposal through the confidentiality review
 * (an ID-card number, a phone number and a name are caught) and the parent organisation's approval to
 * the public portal, read without a token, and is withdrawn with a reason that stays; audiences follow
 * the tree; scheduled and expiring windows; a development step's publicity period appears on the portal
 * and an objection filed there holds the step until the organisation decides it.
 */
const MODULES = ['organisation', 'disclosure'];
let serial = 300;
const idCard = (birth = '19900101') => {
  const first17 = `110106${birth}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const portal = (slug: string, path = '') => gateway('GET', `/t/${slug}/public/${path}`);

describe('party-affairs disclosure (党务公开)', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  type Person = Awaited<ReturnType<typeof person>>;
  let committeeSecretary: Person;
  let committeeSecretary2: Person;
  let branchSecretary: Person;
  let branchSecretary2: Person;
  let memberA: Person;
  let memberB: Person;
  let branchA: { id: string };
  let branchB: { id: string };

  const placed = (branch: { id: string }, name: string) => placedMember(tenant, branch, name, idCard());

  beforeAll(async () => {
    tenant = await freshTenant('pub', MODULES);
    const branch = async (name: string) =>
      (
        await tenant.api('POST', '/api/v1/organisations', {
          name,
          code: uniqueSlug('PB'),
          kind: 'branch',
          parentId: tenant.root.id,
        })
      ).body as { id: string };
    branchA = await branch('公开一支部');
    branchB = await branch('公开二支部');
    committeeSecretary = await person(tenant.api, tenant.slug, ['secretary'], [tenant.root.id]);
    committeeSecretary2 = await person(tenant.api, tenant.slug, ['secretary'], [tenant.root.id]);
    branchSecretary = await person(tenant.api, tenant.slug, ['secretary'], [branchA.id]);
    branchSecretary2 = await person(tenant.api, tenant.slug, ['secretary'], [branchA.id]);
    memberA = await placed(branchA, '公开甲');
    memberB = await placed(branchB, '公开乙');
  }, 120_000);

  it('takes a public item through review and the parent’s approval to the portal, and keeps its withdrawal visible', async () => {
    const number = idCard('19850505');
    const proposed = await branchSecretary.call('POST', '/api/v1/disclosure-items', {
      organisationId: branchA.id,
      category: 'finance',
      title: '第四季度党费收缴使用情况',
      body: `本季度应交党费12人，实交12人。公开乙同志（身份证 ${number}）代收，联系电话 138 0013 8000。`,
      audience: 'public',
      channels: ['platform', 'noticeboard'],
      startsAt: inMinutes(-1),
    });
    expect(proposed.status).toBe(201);
    // Public and beyond the branch: the committee above it approves.
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      escalated: true,
      approvalOrganisationId: tenant.root.id,
      approvalOrganisationName: '测试党委',
      organisationName: '公开一支部',
    });
    expect(proposed.body.findings.map((f: { kind: string }) => f.kind)).toEqual(['name', 'id_card', 'phone']);
    // Masked: the review shows where and what, not the number again.
    expect(JSON.stringify(proposed.body.findings)).not.toContain(number);
    const id = proposed.body.id as string;
    const version = () => tenant.api('GET', `/api/v1/disclosure-items/${id}`).then((r) => r.body.version);

    const own = await branchSecretary.call('POST', `/api/v1/disclosure-items/${id}/review`, {
      version: await version(),
      decision: 'pass',
    });
    expect(own.status).toBe(422);
    expect(own.body.rule).toBe('disclosure-own-item');
    const unresolved = await committeeSecretary.call('POST', `/api/v1/disclosure-items/${id}/review`, {
      version: await version(),
      decision: 'pass',
    });
    expect(unresolved.status).toBe(422);
    expect(unresolved.body.rule).toBe('disclosure-findings');
    const idAllowed = await committeeSecretary.call('POST', `/api/v1/disclosure-items/${id}/review`, {
      version: await version(),
      decision: 'pass',
      acknowledgements: [{ index: 1, note: '本人同意' }],
    });
    expect(idAllowed.status).toBe(422);
    expect(idAllowed.body.rule).toBe('disclosure-id-card');
    const noNote = await committeeSecretary.call('POST', `/api/v1/disclosure-items/${id}/review`, {
      version: await version(),
      decision: 'return',
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].field).toBe('note');
    const returned = await committeeSecretary.call('POST', `/api/v1/disclosure-items/${id}/review`, {
      version: await version(),
      decision: 'return',
      note: '请删除身份证号码和手机号码',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnNote: '请删除身份证号码和手机号码' });
    expect(returned.body.actions).not.toContain('review');

    const stale = await branchSecretary.call('PUT', `/api/v1/disclosure-items/${id}`, {
      version: 1,
      category: 'finance',
      title: '第四季度党费收缴使用情况',
      body: 'x',
      audience: 'public',
      channels: ['platform'],
      startsAt: inMinutes(-1),
    });
    expect(stale.status).toBe(409);
    const corrected = await branchSecretary.call('PUT', `/api/v1/disclosure-items/${id}`, {
      version: returned.body.version,
      category: 'finance',
      title: '第四季度党费收缴使用情况',
      body: '本季度应交党费12人，实交12人，由公开乙同志代收，已全额上缴党委。',
      audience: 'public',
      channels: ['platform', 'noticeboard'],
      startsAt: inMinutes(-1),
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.status).toBe('proposed');
    expect(corrected.body.findings).toEqual([expect.objectContaining({ kind: 'name', excerpt: '公**' })]);

    const reviewed = await committeeSecretary.call('POST', `/api/v1/disclosure-items/${id}/review`, {
      version: corrected.body.version,
      decision: 'pass',
      acknowledgements: [{ index: 0, note: '代收人，经本人同意公开姓名' }],
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'awaiting_approval' });
    expect(reviewed.body.findings[0]).toMatchObject({ resolved: true });

    // Not the branch (the parent approves), not the reviewer, not the proposer: a tenant admin may.
    const branchLevel = await branchSecretary2.call('POST', `/api/v1/disclosure-items/${id}/approval`, {
      version: reviewed.body.version,
      decision: 'approve',
    });
    expect(branchLevel.status).toBe(422);
    expect(branchLevel.body.rule).toBe('disclosure-approver');
    const byReviewer = await committeeSecretary.call('POST', `/api/v1/disclosure-items/${id}/approval`, {
      version: reviewed.body.version,
      decision: 'approve',
    });
    expect(byReviewer.body.rule).toBe('disclosure-own-item');
    // Not yet public.
    expect((await portal(tenant.slug, `items/${id}`)).status).toBe(404);
    const approved = await committeeSecretary2.call('POST', `/api/v1/disclosure-items/${id}/approval`, {
      version: reviewed.body.version,
      decision: 'approve',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'published', approvedByName: expect.any(String) });

    // The portal, without a token: the list and the item page, plain HTML with its own policy.
    const index = await portal(tenant.slug);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(index.body).toContain('第四季度党费收缴使用情况');
    expect(index.body).toContain('党费收缴使用');
    const page = await portal(tenant.slug, `items/${id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('已全额上缴党委');
    expect(page.body).not.toContain('<script');
    expect((await portal(tenant.slug, 'items/not-an-id')).status).toBe(404);
    // The host form reaches the same portal.
    const byHost = await gateway('GET', '/public/', { headers: { host: `${tenant.slug}.localhost` } });
    expect(byHost.body).toContain('第四季度党费收缴使用情况');
    // Members of every branch read it in their space.
    const readByB = await memberB.call(
      'GET',
      `/api/v1/me/disclosures?${listQuery(['startsAt', 'DESC'], [0, 49])}`,
    );
    expect(readByB.body.map((i: { id: string }) => i.id)).toContain(id);

    const withdrawn = await committeeSecretary.call('POST', `/api/v1/disclosure-items/${id}/withdrawal`, {
      reason: '数字有误，更正后重新公开',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const after = await until(async () => {
      const answer = await portal(tenant.slug, `items/${id}`);
      return answer.body.includes('数字有误') ? answer : undefined;
    }, 'the withdrawal on the portal');
    expect(after.body).not.toContain('已全额上缴党委');
    const readAfter = (
      await memberB.call('GET', `/api/v1/me/disclosures?${listQuery(['startsAt', 'DESC'], [0, 49])}`)
    ).body.find((i: { id: string }) => i.id === id);
    expect(readAfter).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: '数字有误，更正后重新公开',
      body: '',
    });
    const history = (await tenant.api('GET', `/api/v1/disclosure-items/${id}`)).body.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'proposed',
      'returned',
      'resubmitted',
      'reviewed',
      'approved',
      'withdrawn',
    ]);
    expect(history[1].note).toBe('请删除身份证号码和手机号码');
  }, 60_000);

  it('publishes to the audience the tree names, in its window', async () => {
    const propose = (who: Person, body: object) =>
      who.call('POST', '/api/v1/disclosure-items', {
        category: 'work',
        title: '支部工作安排',
        body: '本月组织生活会安排在第三周。',
        channels: ['platform'],
        startsAt: inMinutes(-1),
        ...body,
      });
    const through = async (id: string, reviewer: Person, approver: Person) => {
      const item = (await tenant.api('GET', `/api/v1/disclosure-items/${id}`)).body;
      const reviewed = await reviewer.call('POST', `/api/v1/disclosure-items/${id}/review`, {
        version: item.version,
        decision: 'pass',
      });
      expect(reviewed.status).toBe(200);
      const approved = await approver.call('POST', `/api/v1/disclosure-items/${id}/approval`, {
        version: reviewed.body.version,
        decision: 'approve',
      });
      expect(approved.status).toBe(200);
      return approved.body;
    };
    const mine = async (who: Person) =>
      (await who.call('GET', `/api/v1/me/disclosures?${listQuery(['startsAt', 'DESC'], [0, 99])}`)).body.map(
        (i: { id: string }) => i.id,
      );

    // The branch's own members: within its authority, so its own secretaries approve.
    const own = (await propose(branchSecretary, { organisationId: branchA.id, audience: 'organisation' }))
      .body;
    expect(own).toMatchObject({ escalated: false, approvalOrganisationId: branchA.id, findings: [] });
    expect((await through(own.id, branchSecretary2, committeeSecretary)).status).toBe('published');
    expect(await mine(memberA)).toContain(own.id);
    expect(await mine(memberB)).not.toContain(own.id);
    expect((await portal(tenant.slug, `items/${own.id}`)).status).toBe(404);
    // A branch secretary does not see the other branch's items at all.
    expect((await branchSecretary.call('GET', `/api/v1/disclosure-items/${own.id}`)).status).toBe(200);
    const otherBranch = await person(tenant.api, tenant.slug, ['secretary'], [branchB.id]);
    expect((await otherBranch.call('GET', `/api/v1/disclosure-items/${own.id}`)).status).toBe(404);
    expect(
      (
        await otherBranch.call('POST', '/api/v1/disclosure-items', {
          organisationId: branchA.id,
          category: 'work',
          title: '越权',
          body: '越权',
          audience: 'organisation',
          channels: ['platform'],
          startsAt: inMinutes(-1),
        })
      ).status,
    ).toBe(403);

    // The committee's subtree, scheduled for tomorrow: nobody reads it before its start.
    const later = (
      await propose(committeeSecretary, {
        organisationId: tenant.root.id,
        audience: 'subtree',
        startsAt: inMinutes(24 * 60),
      })
    ).body;
    expect((await through(later.id, { call: tenant.api } as Person, committeeSecretary2)).status).toBe(
      'scheduled',
    );
    expect(await mine(memberA)).not.toContain(later.id);

    // One that expires: published, then gone from members and the portal when its window closes.
    const brief = (
      await propose(committeeSecretary, {
        organisationId: tenant.root.id,
        audience: 'public',
        title: '短期公开',
        endsAt: new Date(Date.now() + 8_000).toISOString(),
      })
    ).body;
    expect(brief.escalated).toBe(false); // the root has no parent: its own committee approves
    expect((await through(brief.id, { call: tenant.api } as Person, committeeSecretary2)).status).toBe(
      'published',
    );
    expect(await mine(memberA)).toContain(brief.id);
    expect(await mine(memberB)).toContain(brief.id);
    await until(
      async () =>
        (await tenant.api('GET', `/api/v1/disclosure-items/${brief.id}`)).body.status === 'expired' ||
        undefined,
      'the window to close',
    );
    expect(await mine(memberA)).not.toContain(brief.id);
    expect((await portal(tenant.slug, `items/${brief.id}`)).status).toBe(404);
    const expiredWithdrawal = await committeeSecretary.call(
      'POST',
      `/api/v1/disclosure-items/${brief.id}/withdrawal`,
      {
        reason: '过期后撤回',
      },
    );
    expect(expiredWithdrawal.body.rule).toBe('disclosure-state');

    // Lists: the secretary's awaiting work, by status.
    const published = await tenant.api(
      'GET',
      `/api/v1/disclosure-items?${listQuery(['createdAt', 'DESC'], [0, 49], { status: 'expired' })}`,
    );
    expect(published.body.map((i: { id: string }) => i.id)).toEqual([brief.id]);
  }, 60_000);

  it('shows a development step’s publicity period on the portal and holds the step on an objection filed there', async () => {
    const applicant = await tenant.api('POST', '/api/v1/members', {
      organisationId: branchA.id,
      name: '申请人丙',
      idCardNumber: idCard('19980202'),
      occupation: 'salaried',
      developmentStage: 'applicant',
      stageSince: '2022-01-10',
    });
    expect(applicant.status).toBe(201);
    const sponsor = (
      await tenant.api('POST', '/api/v1/members', {
        organisationId: branchA.id,
        name: '培养人丁',
        idCardNumber: idCard('19800303'),
        occupation: 'salaried',
        developmentStage: 'full',
        confirmedOn: '2010-07-01',
      })
    ).body;
    expect(
      (
        await tenant.api('POST', '/api/v1/development', {
          memberId: applicant.body.id,
          kind: 'application_talk',
          decidedOn: '2022-01-20',
        })
      ).status,
    ).toBe(201);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const period = await tenant.api('POST', '/api/v1/publicity-periods', {
      memberId: applicant.body.id,
      stage: 'activist',
      startsOn: today,
    });
    expect(period.status).toBe(201);

    // Announced on the portal by the disclosure service (an event across the bus).
    const index = await until(async () => {
      const answer = await portal(tenant.slug);
      return answer.body.includes('申请人丙') ? answer : undefined;
    }, 'the publicity notice on the portal');
    expect(index.body).toContain('关于拟将申请人丙同志确定为入党积极分子的公示');
    const notice = await portal(tenant.slug, `publicity/${period.body.id}`);
    expect(notice.body).toContain('<form method="post"');
    expect(notice.body).toContain('公开一支部');

    // A person objects through the form, without a token and without scripts.
    const empty = await gateway('POST', `/t/${tenant.slug}/public/publicity/${period.body.id}/objections`, {
      body: 'content=',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('请填写意见内容');
    const filed = await gateway('POST', `/t/${tenant.slug}/public/publicity/${period.body.id}/objections`, {
      body: new URLSearchParams({
        content: '该同志工作中有不实报账的情况',
        name: '',
        contact: '13900139000',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatch(/已收到您的意见，编号 [0-9A-F]{8}/);

    // The organisation keeps it; the contact is sealed in its database and read by its secretaries.
    const objections = await branchSecretary.call(
      'GET',
      `/api/v1/publicity-objections?${listQuery(['receivedAt', 'ASC'], [0, 9], { publicityPeriodId: period.body.id })}`,
    );
    expect(objections.body).toEqual([
      expect.objectContaining({ content: '该同志工作中有不实报账的情况', name: '', contact: '13900139000' }),
    ]);
    expect(
      (
        await memberA.call(
          'GET',
          `/api/v1/publicity-objections?${listQuery(['receivedAt', 'ASC'], [0, 9], { publicityPeriodId: period.body.id })}`,
        )
      ).status,
    ).toBe(403);
    const db = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await db.connect();
    try {
      const stored = await db.query(
        'select contact_cipher from publicity_objections where publicity_period_id = $1',
        [period.body.id],
      );
      expect(stored.rows[0].contact_cipher).not.toContain('13900139000');
      // The days of the period pass (its dates moved back), so only the objection stands in the way.
      await db.query(
        'update publicity_periods set starts_on = starts_on - 30, ends_on = ends_on - 30 where id = $1',
        [period.body.id],
      );
    } finally {
      await db.end();
    }
    const listed = await tenant.api(
      'GET',
      `/api/v1/publicity-periods?${listQuery(['startsOn', 'DESC'], [0, 9], { memberId: applicant.body.id })}`,
    );
    expect(listed.body[0]).toMatchObject({ objectionStatus: 'pending', receivedObjections: 1 });
    const step = () =>
      tenant.api('POST', '/api/v1/development', {
        memberId: applicant.body.id,
        kind: 'to_activist',
        decidedOn: today,
        sponsorIds: [sponsor.id],
      });
    const blocked = await step();
    expect(blocked.status).toBe(422);
    expect(blocked.body.rule).toBe('publicity-objection');
    // The period is over: no more objections through the portal.
    const late = await gateway('POST', `/t/${tenant.slug}/public/publicity/${period.body.id}/objections`, {
      body: { content: '补充意见' },
    });
    expect(late.status).toBe(422);
    expect(late.body.rule).toBe('publicity-closed');
    await branchSecretary.call('PUT', `/api/v1/publicity-periods/${period.body.id}`, {
      objectionStatus: 'dismissed',
      objectionNote: '经核实，反映问题不属实',
    });
    expect((await step()).status).toBe(201);
  }, 60_000);

  it('keeps each tenant’s items and portal its own, and names the bad field', async () => {
    const other = await freshTenant('pub2', MODULES);
    const item = (
      await branchSecretary.call('POST', '/api/v1/disclosure-items', {
        organisationId: branchA.id,
        category: 'work',
        title: '本租户事项',
        body: '内容',
        audience: 'organisation',
        channels: ['platform'],
        startsAt: inMinutes(-1),
      })
    ).body;
    expect((await other.api('GET', `/api/v1/disclosure-items/${item.id}`)).status).toBe(404);
    expect(
      (await other.api('POST', `/api/v1/disclosure-items/${item.id}/withdrawal`, { reason: '跨租户' }))
        .status,
    ).toBe(404);
    const otherList = await other.api(
      'GET',
      `/api/v1/disclosure-items?${listQuery(['createdAt', 'DESC'], [0, 49])}`,
    );
    expect(otherList.body).toEqual([]);
    expect((await portal(other.slug, `items/${item.id}`)).status).toBe(404);
    expect((await portal('no-such-tenant')).status).toBe(404);
    // The portal links to the appeal pages only where the tenant has supervision too.
    expect((await portal(other.slug)).body).not.toContain('诉求办理公开');
    const withAppeals = await freshTenant('pub4', [...MODULES, 'supervision']);
    const home = await portal(withAppeals.slug);
    expect(home.status).toBe(200);
    expect(home.body).toContain('href="appeals/outcomes"');
    expect(home.body).toContain('href="appeals/new"');
    // A member reads, never proposes.
    expect(
      (await memberA.call('GET', `/api/v1/disclosure-items?${listQuery(['createdAt', 'DESC'], [0, 9])}`))
        .status,
    ).toBe(403);
    const bad = await tenant.api('POST', '/api/v1/disclosure-items', {
      organisationId: branchA.id,
      category: 'work',
      title: '坏',
      body: '坏',
      audience: 'everyone',
      channels: ['platform'],
      startsAt: '2026-12-01 09:00',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['audience', 'startsAt']);
    const unknownCategory = await tenant.api('POST', '/api/v1/disclosure-items', {
      organisationId: branchA.id,
      category: 'gossip',
      title: '坏',
      body: '坏',
      audience: 'organisation',
      channels: ['platform'],
      startsAt: inMinutes(1),
    });
    expect(unknownCategory.status).toBe(400);
    expect(unknownCategory.body.errors[0].field).toBe('category');
    // A tenant renames its categories; an item then names one of them.
    const settings = (await tenant.api('GET', '/api/v1/disclosure-settings/current')).body;
    expect(settings.categories).toHaveLength(5);
    const saved = await tenant.api('PUT', '/api/v1/disclosure-settings/current', {
      version: settings.version,
      categories: [...settings.categories, { key: 'gossip', label: '群众关切' }],
    });
    expect(saved.status).toBe(200);
    const stale = await tenant.api('PUT', '/api/v1/disclosure-settings/current', {
      version: settings.version,
      categories: settings.categories,
    });
    expect(stale.status).toBe(409);
    // Without the module, there is no disclosure.
    const plain = await freshTenant('pub3', ['organisation']);
    expect(
      (await plain.api('GET', `/api/v1/disclosure-items?${listQuery(['createdAt', 'DESC'], [0, 9])}`)).status,
    ).toBe(404);
    expect((await portal(plain.slug)).status).toBe(404);
  }, 60_000);
});
