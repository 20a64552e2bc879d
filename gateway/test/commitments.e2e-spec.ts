import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, gateway, person, uniqueSlug, until } from './support.js';

/*
 * Issue 17, 承诺 (公开承诺, 网上晾晒) through the gateway: a commitment without a measurable target is
 * sent back at review; the organisation above reviews; quarterly progress with evidence; the branches'
 * progress rolls up to the committee, weighted; the portal shows it without a token and takes the
 * public's appraisal; members appraise once; an unmet commitment carries its explanation.
 */
const MODULES = ['organisation', 'learning', 'disclosure'];
const portal = (slug: string, path = '') => gateway('GET', `/t/${slug}/public/${path}`);
let serial = 500;
const idCard = () => {
  const first17 = `110106${'19880808'}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('commitments and their progress (承诺践诺)', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  type Person = Awaited<ReturnType<typeof person>>;
  let committeeSecretary: Person;
  let secretaryA: Person;
  let secretaryB: Person;
  let member: Person;
  let branchA: { id: string };
  let branchB: { id: string };

  beforeAll(async () => {
    tenant = await freshTenant('vow', MODULES);
    const branch = async (name: string) =>
      (
        await tenant.api('POST', '/api/v1/organisations', {
          name,
          code: uniqueSlug('VW'),
          kind: 'branch',
          parentId: tenant.root.id,
        })
      ).body as { id: string };
    branchA = await branch('承诺一支部');
    branchB = await branch('承诺二支部');
    committeeSecretary = await person(tenant.api, tenant.slug, ['secretary'], [tenant.root.id]);
    secretaryA = await person(tenant.api, tenant.slug, ['secretary'], [branchA.id]);
    secretaryB = await person(tenant.api, tenant.slug, ['secretary'], [branchB.id]);
    member = await person(tenant.api, tenant.slug, ['member']);
    expect(
      (
        await tenant.api('POST', '/api/v1/members', {
          organisationId: branchA.id,
          name: '承诺党员',
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'full',
          confirmedOn: '2015-07-01',
          userId: member.userId,
        })
      ).status,
    ).toBe(201);
  }, 90_000);

  it('reviews, tracks quarterly progress, rolls it up to the committee and shows it on the portal', async () => {
    const a = await secretaryA.call('POST', '/api/v1/commitments', {
      organisationId: branchA.id,
      committerKind: 'organisation',
      year: 2027,
      title: '2027年支部党建工作承诺',
      audience: 'public',
      targets: [
        { description: '开展主题党日活动', unit: '次', target: 12 },
        { description: '发展党员', unit: '人', target: 2 },
      ],
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ status: 'proposed', committerName: '承诺一支部', progress: 0 });
    // A branch does not review its own: the committee above does.
    const own = await secretaryA.call('POST', `/api/v1/commitments/${a.body.id}/review`, {
      version: a.body.version,
      decision: 'publish',
    });
    expect(own.status).toBe(422);
    expect(own.body.rule).toBe('commitment-reviewer');
    const published = await committeeSecretary.call('POST', `/api/v1/commitments/${a.body.id}/review`, {
      version: a.body.version,
      decision: 'publish',
    });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');

    // A vague one (no number) is sent back; corrected, it is published.
    const b = await secretaryB.call('POST', '/api/v1/commitments', {
      organisationId: branchB.id,
      committerKind: 'secretary',
      committerName: '李书记',
      year: 2027,
      title: '书记抓党建承诺',
      audience: 'public',
      targets: [{ description: '进一步加强党员教育', unit: '', target: 0 }],
    });
    expect(b.status).toBe(201);
    const vague = await committeeSecretary.call('POST', `/api/v1/commitments/${b.body.id}/review`, {
      version: b.body.version,
      decision: 'publish',
    });
    expect(vague.status).toBe(422);
    expect(vague.body.rule).toBe('commitment-measurable');
    const returned = await committeeSecretary.call('POST', `/api/v1/commitments/${b.body.id}/review`, {
      version: b.body.version,
      decision: 'return',
      note: '目标须可衡量：写明次数',
    });
    expect(returned.body).toMatchObject({ status: 'returned', returnNote: '目标须可衡量：写明次数' });
    const corrected = await secretaryB.call('PUT', `/api/v1/commitments/${b.body.id}`, {
      version: returned.body.version,
      title: '书记抓党建承诺',
      audience: 'public',
      targets: [{ description: '讲专题党课', unit: '次', target: 4 }],
    });
    expect(corrected.body.status).toBe('proposed');
    expect(
      (
        await committeeSecretary.call('POST', `/api/v1/commitments/${b.body.id}/review`, {
          version: corrected.body.version,
          decision: 'publish',
        })
      ).body.status,
    ).toBe('published');

    // Quarterly progress with evidence; the latest entry counts, every one is kept.
    const badPeriod = await secretaryA.call('POST', `/api/v1/commitments/${a.body.id}/progress`, {
      period: 'Q5',
      achieved: [1, 0],
      evidence: '活动记录',
    });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0].field).toBe('period');
    const otherBranch = await secretaryB.call('POST', `/api/v1/commitments/${a.body.id}/progress`, {
      period: 'Q1',
      achieved: [3, 0],
      evidence: '越权',
    });
    expect(otherBranch.status).toBe(403);
    const q1 = await secretaryA.call('POST', `/api/v1/commitments/${a.body.id}/progress`, {
      period: 'Q1',
      achieved: [3, 0],
      evidence: '一季度开展主题党日3次',
    });
    expect(q1.status).toBe(201);
    expect(q1.body.progress).toBe(12.5);
    const q2 = await secretaryA.call('POST', `/api/v1/commitments/${a.body.id}/progress`, {
      period: 'Q2',
      achieved: [6, 1],
      evidence: '二季度累计6次，发展党员1名',
    });
    expect(q2.body.progress).toBe(50);
    expect(q2.body.progressEntries.map((e: { period: string }) => e.period)).toEqual(['Q1', 'Q2']);
    await secretaryB.call('POST', `/api/v1/commitments/${b.body.id}/progress`, {
      period: 'Q2',
      achieved: [4],
      evidence: '已讲党课4次',
    });

    // Rolled up to the committee: each branch, and the whole weighted.
    const rollup = await committeeSecretary.call('GET', `/api/v1/commitment-rollups/${tenant.root.id}/2027`);
    expect(rollup.status).toBe(200);
    expect(rollup.body.total).toMatchObject({ commitments: 2, progress: 75 });
    const byBranch = Object.fromEntries(
      rollup.body.children.map((row: { organisationId: string; progress: number }) => [
        row.organisationId,
        row.progress,
      ]),
    );
    expect(byBranch).toEqual({ [branchA.id]: 50, [branchB.id]: 100 });
    expect((await secretaryA.call('GET', `/api/v1/commitment-rollups/${tenant.root.id}/2027`)).status).toBe(
      403,
    );
    expect(
      (await committeeSecretary.call('GET', `/api/v1/commitment-rollups/${tenant.root.id}/20x7`)).status,
    ).toBe(400);

    // The portal, without a token; the public appraises through a form.
    const index = await portal(tenant.slug);
    expect(index.body).toContain('2027年支部党建工作承诺');
    expect(index.body).toContain('完成 50%');
    const page = await portal(tenant.slug, `commitments/${a.body.id}`);
    expect(page.body).toContain('二季度累计6次，发展党员1名');
    expect(page.body).toContain('第二季度');
    const appraised = await gateway('POST', `/t/${tenant.slug}/public/commitments/${a.body.id}/appraisals`, {
      body: 'grade=satisfied',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(appraised.status).toBe(201);
    expect(appraised.body).toContain('感谢您的评价');
    // A member appraises once.
    const mine = await member.call('POST', `/api/v1/commitments/${a.body.id}/appraisals`, { grade: 'fair' });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ appraisalsSatisfied: 1, appraisalsFair: 1 });
    const again = await member.call('POST', `/api/v1/commitments/${a.body.id}/appraisals`, {
      grade: 'satisfied',
    });
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('commitment-appraised');
    expect((await member.call('POST', '/api/v1/commitments', { organisationId: branchA.id })).status).toBe(
      403,
    );
    const seen = await member.call(
      'GET',
      `/api/v1/commitments?${listQuery(['year', 'DESC'], [0, 9], { year: 2027 })}`,
    );
    expect(seen.body.map((c: { id: string }) => c.id).sort()).toEqual([a.body.id, b.body.id].sort());

    // Year end: unmet needs its explanation, which the portal then shows.
    const current = (await tenant.api('GET', `/api/v1/commitments/${a.body.id}`)).body;
    const silent = await committeeSecretary.call('POST', `/api/v1/commitments/${a.body.id}/outcome`, {
      version: current.version,
      outcome: 'unmet',
    });
    expect(silent.status).toBe(400);
    expect(silent.body.errors[0].field).toBe('explanation');
    const unmet = await committeeSecretary.call('POST', `/api/v1/commitments/${a.body.id}/outcome`, {
      version: current.version,
      outcome: 'unmet',
      explanation: '发展对象一名因工作调动转出，顺延至次年',
    });
    expect(unmet.body.status).toBe('unmet');
    // Pages are kept a moment (0.3 s in tests): the change shows on the next fresh read.
    await until(async () => {
      const closedPage = await portal(tenant.slug, `commitments/${a.body.id}`);
      return closedPage.body.includes('未兑现说明：发展对象一名因工作调动转出，顺延至次年') || undefined;
    }, 'the explanation on the portal');
    const late = await secretaryA.call('POST', `/api/v1/commitments/${a.body.id}/progress`, {
      period: 'Q4',
      achieved: [12, 1],
      evidence: '补录',
    });
    expect(late.body.rule).toBe('commitment-state');
  }, 60_000);

  it('keeps another tenant out and follows the tenant’s cadence', async () => {
    const other = await freshTenant('vow2', MODULES);
    const c = (
      await secretaryA.call('POST', '/api/v1/commitments', {
        organisationId: branchA.id,
        committerKind: 'organisation',
        year: 2028,
        title: '月度承诺',
        audience: 'tenant',
        targets: [{ description: '走访群众', unit: '户', target: 120 }],
      })
    ).body;
    expect((await other.api('GET', `/api/v1/commitments/${c.id}`)).status).toBe(404);
    expect((await portal(tenant.slug, `commitments/${c.id}`)).status).toBe(404); // not public, not published
    await committeeSecretary.call('POST', `/api/v1/commitments/${c.id}/review`, {
      version: c.version,
      decision: 'publish',
    });
    expect((await portal(tenant.slug, `commitments/${c.id}`)).status).toBe(404); // the tenant's, not the public's
    const settings = (await tenant.api('GET', '/api/v1/disclosure-settings/current')).body;
    expect(settings.progressCadence).toBe('quarterly');
    const monthly = await tenant.api('PUT', '/api/v1/disclosure-settings/current', {
      version: settings.version,
      categories: settings.categories,
      progressCadence: 'monthly',
    });
    expect(monthly.body.progressCadence).toBe('monthly');
    const quarter = await secretaryA.call('POST', `/api/v1/commitments/${c.id}/progress`, {
      period: 'Q1',
      achieved: [30],
      evidence: '一季度',
    });
    expect(quarter.status).toBe(400);
    const march = await secretaryA.call('POST', `/api/v1/commitments/${c.id}/progress`, {
      period: 'M03',
      achieved: [30],
      evidence: '三月走访30户',
    });
    expect(march.status).toBe(201);
    expect(march.body.progress).toBe(25);
  }, 60_000);

  it('links the meetings held and a study plan’s completion, as the platform recorded them', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const meeting = await tenant.api('POST', '/api/v1/meetings', {
      organisationId: branchA.id,
      kind: 'theme_day',
      title: '主题党日',
      scheduledAt: new Date().toISOString(),
    });
    expect(meeting.status).toBe(201);
    const held = await tenant.api('POST', `/api/v1/meetings/${meeting.body.id}/actions`, {
      action: 'hold',
      heldOn: today,
    });
    expect(held.body.state).toBe('held');
    const course = (await tenant.api('POST', '/api/v1/courses', { name: `承诺课程${year}` })).body;
    const plan = await tenant.api('POST', '/api/v1/study-plans', {
      name: '年度学习计划',
      organisationId: branchA.id,
      audience: 'all',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      requiredMinutes: 60,
      courseIds: [course.id],
    });
    expect(plan.status).toBe(201);
    const c = (
      await secretaryA.call('POST', '/api/v1/commitments', {
        organisationId: branchA.id,
        committerKind: 'organisation',
        year,
        title: '本年度组织生活承诺',
        audience: 'public',
        targets: [{ description: '主题党日', unit: '次', target: 12 }],
      })
    ).body;
    await committeeSecretary.call('POST', `/api/v1/commitments/${c.id}/review`, {
      version: c.version,
      decision: 'publish',
    });
    const { progressCadence } = (await tenant.api('GET', '/api/v1/disclosure-settings/current')).body;
    const period =
      progressCadence === 'monthly' ? `M${String(month).padStart(2, '0')}` : `Q${Math.ceil(month / 3)}`;
    const recorded = await secretaryA.call('POST', `/api/v1/commitments/${c.id}/progress`, {
      period,
      achieved: [1],
      evidence: '按计划开展',
      linkMeetings: true,
      studyPlanId: plan.body.id,
    });
    expect(recorded.status).toBe(201);
    const facts = recorded.body.progressEntries[0].facts;
    expect(facts.map((f: { kind: string; value: number }) => [f.kind, f.value])).toEqual([
      ['meetings_held', 1],
      ['plan_completion', 0],
    ]);
    expect(facts[1].text).toBe('学习计划《年度学习计划》完成 0/1 人（0%，平台记录）');
    // Another branch's plan is not the secretary's to link: refused, nothing recorded.
    const otherPlan = await tenant.api('POST', '/api/v1/study-plans', {
      name: '二支部计划',
      organisationId: branchB.id,
      audience: 'all',
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      requiredMinutes: 60,
      courseIds: [course.id],
    });
    const refused = await secretaryA.call('POST', `/api/v1/commitments/${c.id}/progress`, {
      period,
      achieved: [2],
      evidence: '越权关联',
      studyPlanId: otherPlan.body.id,
    });
    expect(refused.status).toBeGreaterThanOrEqual(403);
    expect((await tenant.api('GET', `/api/v1/commitments/${c.id}`)).body.progressEntries).toHaveLength(1);
    const page = await portal(tenant.slug, `commitments/${c.id}`);
    expect(page.body).toContain('召开会议 1 次（平台记录）');
  }, 60_000);
});
