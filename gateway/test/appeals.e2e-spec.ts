import { addDays, chinaToday, workingDaysFrom } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import pg from 'pg';
import { freshTenant, gateway, person, platform, uniqueSlug } from './support.js';

/*
 * Issue 18, 诉求 through the gateway: a citizen files on the public pages (a form without scripts, or
 * JSON), the grid branch receives it, extends it once with a reason the citizen reads, resolves it;
 * the citizen reopens, then confirms; staff call back. A letter entered late is overdue and climbs the
 * tree to the organisation that oversees it; a hand-over keeps the first receiver; a second appeal of
 * the same person is linked, not lost; another branch and another tenant cannot read them.
 */
const MODULES = ['organisation', 'supervision'];
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('citizens’ appeals (诉求)', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  type Person = Awaited<ReturnType<typeof person>>;
  let community: { id: string };
  let grid: { id: string };
  let otherGrid: { id: string };
  let rootSecretary: Person;
  let communitySecretary: Person;
  let gridSecretary: Person;
  let otherGridSecretary: Person;
  const database = new pg.Client({ connectionString: platform.databases['supervision']!.admin });

  const publicPost = (path: string, body: string | object, contentType = 'application/json') =>
    gateway('POST', `/t/${tenant.slug}/public/${path}`, { headers: { 'content-type': contentType }, body });

  beforeAll(async () => {
    await database.connect();
    tenant = await freshTenant('apl', MODULES);
    const organisation = async (name: string, kind: string, parentId: string) =>
      (await tenant.api('POST', '/api/v1/organisations', { name, code: uniqueSlug('AP'), kind, parentId }))
        .body as { id: string };
    community = await organisation('幸福社区党总支', 'general_branch', tenant.root.id);
    grid = await organisation('幸福一网格党支部', 'branch', community.id);
    otherGrid = await organisation('幸福二网格党支部', 'branch', community.id);
    rootSecretary = await person(tenant.api, tenant.slug, ['secretary'], [tenant.root.id]);
    communitySecretary = await person(tenant.api, tenant.slug, ['secretary'], [community.id]);
    gridSecretary = await person(tenant.api, tenant.slug, ['secretary'], [grid.id]);
    otherGridSecretary = await person(tenant.api, tenant.slug, ['secretary'], [otherGrid.id]);
  }, 120_000);
  afterAll(() => database.end());

  it('takes a citizen’s appeal from the phone form to a confirmed close and a call-back', async () => {
    const page = await gateway('GET', `/t/${tenant.slug}/public/appeals/new`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('幸福一网格党支部');
    expect(page.body).toContain('投诉（13个工作日内答复）');
    expect(page.body).toContain('name="viewport"');
    expect(page.body).not.toContain('<script');

    // A wrong phone: the person gets a page, a program a problem naming the field.
    const fields = {
      category: 'complaint',
      placeOrganisationId: grid.id,
      title: '幸福小区3号楼路灯不亮',
      content: '3号楼门前的路灯坏了一个多月，晚上老人出门不安全。',
      citizenName: '王秀英',
      citizenPhone: '1380013',
    };
    const badForm = await publicPost('appeals', form(fields), 'application/x-www-form-urlencoded');
    expect(badForm.status).toBe(400);
    expect(badForm.body).toContain('提交的内容有误');
    const badJson = await publicPost('appeals', fields);
    expect(badJson.status).toBe(400);
    expect(badJson.headers.get('content-type')).toContain('application/problem+json');
    expect(badJson.body.errors.map((e: { field: string }) => e.field)).toEqual(['citizenPhone']);
    const elsewhere = await publicPost('appeals', {
      ...fields,
      citizenPhone: '13800138000',
      placeOrganisationId: '7b0d3c8e-1f1a-4d52-9a53-3f0e6f1f2a11',
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors[0].field).toBe('placeOrganisationId');

    const filed = await publicPost(
      'appeals',
      form({ ...fields, citizenPhone: '13800138000', publishConsent: 'true' }),
      'application/x-www-form-urlencoded',
    );
    expect(filed.status).toBe(201);
    const code = /class="code">([\d ]+)</.exec(filed.body)![1]!.replaceAll(' ', '');
    expect(code).toMatch(/^\d{16}$/);
    const today = chinaToday();
    const due = workingDaysFrom(addDays(today, 1), 13).endsOn;

    // Routed to the grid branch of the place; its secretary and those above read it, a sibling does not.
    const list = await gridSecretary.call(
      'GET',
      `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 9], { code })}`,
    );
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    const appeal = list.body[0];
    expect(appeal).toMatchObject({
      status: 'received',
      channel: 'online',
      citizenName: '王秀英',
      citizenPhone: '138****8000',
      firstReceiverId: grid.id,
      responsibleId: grid.id,
      dueOn: due,
      overdue: false,
      publishConsent: true,
      actions: ['receive', 'hand_over', 'not_accept'],
    });
    expect((await communitySecretary.call('GET', `/api/v1/appeals/${appeal.id}`)).body.citizenPhone).toBe(
      '13800138000',
    );
    expect((await otherGridSecretary.call('GET', `/api/v1/appeals/${appeal.id}`)).status).toBe(403);
    const theirs = await otherGridSecretary.call(
      'GET',
      `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 9], { code })}`,
    );
    expect(theirs.body).toHaveLength(0);
    // Sealed at rest: the name and number are not in the row.
    const row = (await database.query('select * from appeals where id = $1', [appeal.id])).rows[0];
    expect(JSON.stringify(row)).not.toContain('13800138000');
    expect(JSON.stringify(row)).not.toContain('王秀英');

    const act = (who: Person, body: object) =>
      who
        .call('GET', `/api/v1/appeals/${appeal.id}`)
        .then((r) =>
          who.call('POST', `/api/v1/appeals/${appeal.id}/actions`, { version: r.body.version, ...body }),
        );
    expect((await act(gridSecretary, { action: 'receive' })).body.status).toBe('handling');
    const extended = await act(gridSecretary, { action: 'extend', days: 10, note: '需协调供电公司更换线路' });
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({ extendedDays: 10, dueOn: addDays(due, 10) });
    expect(extended.body.actions).not.toContain('extend');
    const again = await act(gridSecretary, { action: 'extend', days: 5, note: '再延' });
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('appeal-state');
    const noReply = await act(gridSecretary, { action: 'resolve' });
    expect(noReply.status).toBe(400);
    expect(noReply.body.errors[0].field).toBe('note');
    const stale = await gridSecretary.call('POST', `/api/v1/appeals/${appeal.id}/actions`, {
      version: 1,
      action: 'resolve',
      note: 'x',
    });
    expect(stale.status).toBe(409);
    expect(
      (await act(gridSecretary, { action: 'resolve', note: '已更换路灯，恢复照明。' })).body.status,
    ).toBe('resolved');

    // The citizen reads the extension's reason and the reply, and reopens; then confirms.
    const follow = await gateway('GET', `/t/${tenant.slug}/public/appeals/follow?code=${code}`);
    expect(follow.status).toBe(200);
    expect(follow.body).toContain('需协调供电公司更换线路');
    expect(follow.body).toContain('已更换路灯，恢复照明。');
    expect(follow.body).toContain('已办结，待您确认');
    const reopenNoNote = await publicPost('appeals/answer', { code, answer: 'reopen', note: '' });
    expect(reopenNoNote.status).toBe(400);
    const reopened = await publicPost(
      'appeals/answer',
      form({ code, answer: 'reopen', note: '另一个路灯还是不亮' }),
      'application/x-www-form-urlencoded',
    );
    expect(reopened.status).toBe(201);
    expect(reopened.body).toContain('办理中');
    expect((await act(gridSecretary, { action: 'resolve', note: '两个路灯均已修复。' })).body.status).toBe(
      'resolved',
    );
    const confirmed = await publicPost('appeals/answer', { code, answer: 'confirm', note: '' });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toEqual({ status: 'closed' });
    // Resolved and closed are two states: staff resolve, the citizen closes.
    const callBack = await act(gridSecretary, {
      action: 'call_back',
      satisfaction: 'satisfied',
      note: '电话回访，群众满意',
    });
    expect(callBack.body).toMatchObject({ status: 'closed', satisfaction: 'satisfied', actions: [] });
    expect(callBack.body.steps.map((s: { action: string }) => s.action)).toEqual([
      'filed',
      'received',
      'extended',
      'resolved',
      'reopened',
      'resolved',
      'confirmed',
      'called_back',
    ]);
    const after = await gateway('GET', `/t/${tenant.slug}/public/appeals/follow?code=${code}`);
    expect(after.body).toContain('已结案');
    expect(after.body).not.toContain('电话回访');
    expect((await publicPost('appeals/answer', { code, answer: 'reopen', note: '再开' })).status).toBe(422);

    // The same person again about the same matter: linked to the first, kept.
    const second = await publicPost('appeals', {
      ...fields,
      citizenPhone: '13800138000',
      title: '3号楼路灯又坏了',
    });
    expect(second.status).toBe(201);
    const linked = await tenant.api(
      'GET',
      `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 9], { code: second.body.code })}`,
    );
    expect(linked.body[0].duplicateOfId).toBe(appeal.id);
  });

  it('escalates an overdue appeal up the tree, hands it on with a record, and closes one the citizen left', async () => {
    const receivedOn = addDays(chinaToday(), -20);
    const entered = await gridSecretary.call('POST', '/api/v1/appeals', {
      organisationId: grid.id,
      category: 'consultation',
      title: '咨询老年人助餐补贴申请',
      content: '来信咨询助餐补贴的申请条件。',
      channel: 'letter',
      citizenName: '李建国',
      citizenPhone: '0571-88881234',
      receivedOn,
    });
    expect(entered.status).toBe(201);
    // Three working days after a letter of 20 days ago: overdue, and past the community to the root.
    expect(entered.body).toMatchObject({
      channel: 'letter',
      receivedOn,
      overdue: true,
      escalationLevel: 2,
      overseerId: tenant.root.id,
      overseerName: '测试党委',
    });
    const outside = await otherGridSecretary.call('POST', '/api/v1/appeals', {
      organisationId: grid.id,
      category: 'consultation',
      title: 'x',
      content: 'x',
      channel: 'phone',
      citizenName: 'x',
      citizenPhone: '13900139000',
    });
    expect(outside.status).toBe(403);
    const future = await gridSecretary.call('POST', '/api/v1/appeals', {
      organisationId: grid.id,
      category: 'consultation',
      title: 'x',
      content: 'x',
      channel: 'phone',
      citizenName: 'x',
      citizenPhone: '13900139000',
      receivedOn: addDays(chinaToday(), 2),
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('receivedOn');

    const escalated = (who: Person) =>
      who
        .call(
          'GET',
          `/api/v1/appeals?${listQuery(['dueOn', 'ASC'], [0, 49], { attention: 'escalated_to_me' })}`,
        )
        .then((r) => r.body.map((a: { id: string }) => a.id));
    expect(await escalated(rootSecretary)).toContain(entered.body.id);
    expect(await escalated(communitySecretary)).not.toContain(entered.body.id);
    const overdue = await gridSecretary.call(
      'GET',
      `/api/v1/appeals?${listQuery(['dueOn', 'ASC'], [0, 49], { attention: 'overdue' })}`,
    );
    expect(overdue.body.map((a: { id: string }) => a.id)).toContain(entered.body.id);

    // An urgent one filed today is due today: the reminder.
    const urgent = await gridSecretary.call('POST', '/api/v1/appeals', {
      organisationId: grid.id,
      category: 'urgent',
      title: '楼道积水漏电',
      content: '楼道积水，配电箱有漏电危险。',
      channel: 'phone',
      citizenName: '赵敏',
      citizenPhone: '13700137000',
    });
    expect(urgent.body).toMatchObject({ dueOn: chinaToday(), dueSoon: true, overdue: false });

    // Handed on with a record: the other grid is responsible now, the first receiver still reads it.
    const same = await gridSecretary.call('POST', `/api/v1/appeals/${entered.body.id}/actions`, {
      version: entered.body.version,
      action: 'hand_over',
      organisationId: grid.id,
      note: '转交',
    });
    expect(same.status).toBe(422);
    expect(same.body.rule).toBe('appeal-hand-over-same');
    const handed = await gridSecretary.call('POST', `/api/v1/appeals/${entered.body.id}/actions`, {
      version: entered.body.version,
      action: 'hand_over',
      organisationId: otherGrid.id,
      note: '助餐点归二网格管理',
    });
    expect(handed.status).toBe(200);
    expect(handed.body).toMatchObject({
      status: 'received',
      firstReceiverId: grid.id,
      responsibleId: otherGrid.id,
      // The clock does not restart on a hand-over.
      dueOn: entered.body.dueOn,
    });
    expect(handed.body.steps.at(-1)).toMatchObject({
      action: 'handed_over',
      organisationId: otherGrid.id,
      note: '助餐点归二网格管理',
    });
    expect((await otherGridSecretary.call('GET', `/api/v1/appeals/${entered.body.id}`)).status).toBe(200);
    expect((await gridSecretary.call('GET', `/api/v1/appeals/${entered.body.id}`)).status).toBe(200);

    // Resolved a week ago and never answered: staff may close it (the daily job does the same).
    const taken = await otherGridSecretary.call('POST', `/api/v1/appeals/${entered.body.id}/actions`, {
      version: handed.body.version,
      action: 'receive',
    });
    const resolved = await otherGridSecretary.call('POST', `/api/v1/appeals/${entered.body.id}/actions`, {
      version: taken.body.version,
      action: 'resolve',
      note: '已电话告知申请条件。',
    });
    expect(resolved.body.actions).toEqual([]);
    await database.query(`update appeals set resolved_at = now() - interval '8 days' where id = $1`, [
      entered.body.id,
    ]);
    const waited = await otherGridSecretary.call('GET', `/api/v1/appeals/${entered.body.id}`);
    expect(waited.body.actions).toEqual(['close']);
    const closed = await otherGridSecretary.call('POST', `/api/v1/appeals/${entered.body.id}/actions`, {
      version: waited.body.version,
      action: 'close',
    });
    expect(closed.body.status).toBe('closed');

    // 诉求办理公开: the first appeal's citizen agreed, this one's did not; nobody's name or number shows.
    const outcomes = await gateway('GET', `/t/${tenant.slug}/public/appeals/outcomes`);
    expect(outcomes.status).toBe(200);
    expect(outcomes.body).toContain('幸福小区3号楼路灯不亮');
    expect(outcomes.body).toContain('两个路灯均已修复。');
    expect(outcomes.body).toContain('共 1 件');
    expect(outcomes.body).not.toContain('咨询老年人助餐补贴申请');
    for (const personal of ['王秀英', '13800138000', '138****8000', '3号楼门前的路灯坏了'])
      expect(outcomes.body).not.toContain(personal);
    expect(outcomes.body).not.toContain('<script');
  });

  it('keeps appeals inside their tenant and their categories in the admin’s hands', async () => {
    const other = await freshTenant('apo', MODULES);
    const theirOutcomes = await gateway('GET', `/t/${other.slug}/public/appeals/outcomes?page=9999`);
    expect(theirOutcomes.status).toBe(200);
    expect(theirOutcomes.body).toContain('目前没有公开的办理结果');
    const mine = await tenant.api('GET', `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 0], {})}`);
    expect(mine.body.length).toBe(1);
    expect((await other.api('GET', `/api/v1/appeals/${mine.body[0].id}`)).status).toBe(404);
    const theirs = await other.api(
      'GET',
      `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 9], { code: mine.body[0].code })}`,
    );
    expect(theirs.body).toHaveLength(0);

    const settings = await tenant.api('GET', '/api/v1/appeal-settings/current');
    expect(settings.body.categories.map((c: { key: string }) => c.key)).toEqual([
      'consultation',
      'complaint',
      'suggestion',
      'urgent',
    ]);
    const { id: _id, ...current } = settings.body;
    const bySecretary = await gridSecretary.call('PUT', '/api/v1/appeal-settings/current', current);
    expect(bySecretary.status).toBe(403);
    const bad = await tenant.api('PUT', '/api/v1/appeal-settings/current', {
      categories: [{ key: 'noise', label: '噪声扰民', deadlineWorkingDays: 41 }],
      closeAfterDays: 7,
      duplicateWindowDays: 30,
      version: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('categories.0.deadlineWorkingDays');
    const saved = await tenant.api('PUT', '/api/v1/appeal-settings/current', {
      categories: [
        { key: 'noise', label: '噪声扰民', deadlineWorkingDays: 5, handlingOrganisationId: community.id },
        { key: 'complaint', label: '投诉', deadlineWorkingDays: 13 },
      ],
      closeAfterDays: 5,
      duplicateWindowDays: 30,
      version: 0,
    });
    expect(saved.status).toBe(200);
    // A category with its own handling organisation goes there whatever the place.
    const noise = await publicPost('appeals', {
      category: 'noise',
      placeOrganisationId: grid.id,
      title: '夜间施工噪声',
      content: '工地夜里十二点还在施工。',
      citizenName: '陈静',
      citizenPhone: '13600136000',
    });
    expect(noise.status).toBe(201);
    const routed = await tenant.api(
      'GET',
      `/api/v1/appeals?${listQuery(['createdAt', 'DESC'], [0, 9], { code: noise.body.code })}`,
    );
    expect(routed.body[0]).toMatchObject({ responsibleId: community.id, placeOrganisationId: grid.id });
    const stale = await tenant.api('PUT', '/api/v1/appeal-settings/current', {
      categories: saved.body.categories,
      closeAfterDays: 5,
      duplicateWindowDays: 30,
      version: 0,
    });
    expect(stale.status).toBe(409);
  });
});
