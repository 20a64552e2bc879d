import { addDays, chinaToday } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, gateway, person, uniqueSlug, until } from './support.js';

/*
 * Issue 18, the appeal watch through the gateway: an appeal due today reminds the grid branch's
 * secretary (催办); a letter entered weeks late is overdue and climbs to the root, whose secretary is
 * told with the grid's (督办); an alert word and five citizens about one thing in one place in a week
 * raise sentiment alerts (舆情预警) for the secretary of the place — each once, however often the watch
 * runs. Told through the identity service's notifications; read in scope; refused to members.
 */
const MODULES = ['organisation', 'supervision'];
type Person = Awaited<ReturnType<typeof person>>;

describe('the appeal watch: reminders, escalations and sentiment alerts', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  let grid: { id: string };
  let otherGrid: { id: string };
  let rootSecretary: Person;
  let communitySecretary: Person;
  let gridSecretary: Person;
  let otherGridSecretary: Person;
  let member: Person;

  const inbox = async (who: Person) =>
    (
      (await who.call('GET', `/api/v1/me/notifications?${listQuery(['createdAt', 'DESC'], [0, 49])}`))
        .body as { kind: string; params: Record<string, string>; refId: string }[]
    ).map((n) => ({ kind: n.kind, params: n.params, refId: n.refId }));

  beforeAll(async () => {
    tenant = await freshTenant('watch', MODULES);
    const organisation = async (name: string, kind: string, parentId: string) =>
      (await tenant.api('POST', '/api/v1/organisations', { name, code: uniqueSlug('SW'), kind, parentId }))
        .body as { id: string };
    const community = await organisation('和平社区党总支', 'general_branch', tenant.root.id);
    grid = await organisation('和平一网格党支部', 'branch', community.id);
    otherGrid = await organisation('和平二网格党支部', 'branch', community.id);
    const year = Number(chinaToday().slice(0, 4));
    const seat = async (organisationId: string, scope: string[]) => {
      const who = await person(tenant.api, tenant.slug, ['secretary'], scope);
      const held = await tenant.api('POST', '/api/v1/positions', {
        organisationId,
        kind: 'secretary',
        holderName: '书记',
        holderUserId: who.userId,
        termStart: `${year - 1}-01-01`,
        termEnd: `${year + 2}-01-01`,
      });
      expect(held.status).toBe(201);
      return who;
    };
    rootSecretary = await seat(tenant.root.id, [tenant.root.id]);
    communitySecretary = await seat(community.id, [community.id]);
    gridSecretary = await seat(grid.id, [grid.id]);
    otherGridSecretary = await seat(otherGrid.id, [otherGrid.id]);
    member = await person(tenant.api, tenant.slug, ['member']);
  }, 120_000);

  it('keeps the alert words with the appeal settings, checked field by field', async () => {
    const { id: _id, ...current } = (await tenant.api('GET', '/api/v1/appeal-settings/current')).body;
    expect(current.alertKeywords ?? []).toEqual([]);
    const tooLong = await tenant.api('PUT', '/api/v1/appeal-settings/current', {
      ...current,
      alertKeywords: ['一二三四五六七八九十一二三四五六七八九十一'],
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors.map((e: { field: string }) => e.field)).toEqual(['alertKeywords']);
    const saved = await tenant.api('PUT', '/api/v1/appeal-settings/current', {
      ...current,
      alertKeywords: [' 上访 ', '停水', '上访'],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.alertKeywords).toEqual(['上访', '停水']);
    // A save that leaves the words out keeps them (a client that does not know them loses nothing).
    const kept = await tenant.api('PUT', '/api/v1/appeal-settings/current', {
      categories: saved.body.categories,
      closeAfterDays: saved.body.closeAfterDays,
      duplicateWindowDays: saved.body.duplicateWindowDays,
      version: saved.body.version,
    });
    expect(kept.status).toBe(200);
    expect(kept.body.alertKeywords).toEqual(['上访', '停水']);
  });

  it('reminds, escalates and alerts the secretaries concerned, each once', async () => {
    const today = chinaToday();
    const enter = async (fields: Record<string, unknown>) => {
      const entered = await tenant.api('POST', '/api/v1/appeals', {
        organisationId: grid.id,
        placeOrganisationId: grid.id,
        channel: 'phone',
        citizenName: '赵先生',
        citizenPhone: '13900001111',
        content: '情况见标题。',
        ...fields,
      });
      expect(entered.status).toBe(201);
      return entered.body as { id: string; dueOn: string };
    };
    // Urgent: due today, so reminded. A letter received a month ago: overdue, up to the root.
    const urgent = await enter({
      category: 'urgent',
      title: '独居老人摔倒需要帮助',
      citizenPhone: '13900001112',
    });
    expect(urgent.dueOn).toBe(today);
    const letter = await enter({
      category: 'complaint',
      channel: 'letter',
      title: '小区垃圾清运不及时',
      receivedOn: addDays(today, -40),
      citizenPhone: '13900001113',
    });
    const worded = await enter({
      category: 'suggestion',
      title: '希望尽快恢复供水',
      content: '已经停水两天了，有居民说要去上访。',
      citizenPhone: '13900001114',
    });
    // Five citizens about one thing in one place within the week: a spike against nothing before.
    for (let i = 0; i < 5; i++)
      expect(
        (
          await gateway('POST', `/t/${tenant.slug}/public/appeals`, {
            body: {
              category: 'consultation',
              placeOrganisationId: otherGrid.id,
              title: `和平二网格电梯维修费用分摊问题（${i + 1}）`,
              content: '电梯维修费用怎么分摊？',
              citizenName: `居民${i + 1}`,
              citizenPhone: `1370000${String(2000 + i)}`,
            },
          })
        ).status,
      ).toBe(201);

    // Only tenant admins run the watch; secretaries read, members read nothing.
    expect((await gridSecretary.call('POST', '/api/v1/sentiment-alerts/runs')).status).toBe(403);
    const run = await tenant.api('POST', '/api/v1/sentiment-alerts/runs');
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ reminded: 1, escalated: 1, alerted: 3 });
    // Each thing once: a second run (or a second replica) tells nobody again.
    expect((await tenant.api('POST', '/api/v1/sentiment-alerts/runs')).body).toEqual({
      reminded: 0,
      escalated: 0,
      alerted: 0,
    });

    const gridKinds = await until(async () => {
      const found = await inbox(gridSecretary);
      return found.length >= 4 ? found : undefined;
    }, 'the grid secretary’s notices');
    expect(gridKinds.map((n) => n.kind).sort()).toEqual([
      'appeal_due_soon',
      'appeal_escalated',
      'sentiment_alert',
      'sentiment_alert',
    ]);
    expect(gridKinds.find((n) => n.kind === 'appeal_due_soon')).toMatchObject({
      refId: urgent.id,
      params: { title: '独居老人摔倒需要帮助', category: '紧急求助', dueOn: today },
    });
    const escalated = gridKinds.find((n) => n.kind === 'appeal_escalated')!;
    expect(escalated).toMatchObject({ refId: letter.id, params: { overseer: '测试党委', level: '2' } });
    expect(
      gridKinds
        .filter((n) => n.kind === 'sentiment_alert')
        .map((n) => n.params['keyword'])
        .sort(),
    ).toEqual(['上访', '停水']);
    // The root, where the letter climbed to, is told; the community it passed is not.
    const rootKinds = await until(async () => {
      const found = await inbox(rootSecretary);
      return found.length > 0 ? found : undefined;
    }, 'the root secretary’s notice');
    expect(rootKinds).toEqual([expect.objectContaining({ kind: 'appeal_escalated', refId: letter.id })]);
    const otherKinds = await until(async () => {
      const found = await inbox(otherGridSecretary);
      return found.length > 0 ? found : undefined;
    }, 'the other grid secretary’s spike alert');
    expect(otherKinds).toEqual([
      expect.objectContaining({
        kind: 'sentiment_alert',
        params: expect.objectContaining({ alertKind: 'spike', count: '5', category: '咨询' }),
      }),
    ]);
    expect(await inbox(communitySecretary)).toEqual([]);

    // Read in scope: the grid its two word alerts, the other grid its spike, the root all three.
    const alerts = async (who: Person, filter = {}) =>
      (await who.call('GET', `/api/v1/sentiment-alerts?${listQuery(['raisedOn', 'DESC'], [0, 9], filter)}`))
        .body as { kind: string; keyword: string; appealId?: string; told: number; count: number }[];
    expect((await alerts(gridSecretary)).map((a) => [a.kind, a.keyword, a.appealId]).sort()).toEqual([
      ['keyword', '上访', worded.id],
      ['keyword', '停水', worded.id],
    ]);
    expect(await alerts(otherGridSecretary)).toEqual([
      expect.objectContaining({ kind: 'spike', count: 5, told: 1, organisationId: otherGrid.id }),
    ]);
    expect(await alerts(rootSecretary)).toHaveLength(3);
    expect(await alerts(rootSecretary, { kind: 'spike' })).toHaveLength(1);
    const badKind = await tenant.api(
      'GET',
      `/api/v1/sentiment-alerts?${listQuery(['raisedOn', 'DESC'], [0, 9], { kind: 'rumour' })}`,
    );
    expect(badKind.status).toBe(400);
    expect(
      (await member.call('GET', `/api/v1/sentiment-alerts?${listQuery(['raisedOn', 'DESC'], [0, 9])}`))
        .status,
    ).toBe(403);
  }, 120_000);

  it('shows another tenant none of them', async () => {
    const other = await freshTenant('watch2', MODULES);
    const seen = await other.api(
      'GET',
      `/api/v1/sentiment-alerts?${listQuery(['raisedOn', 'DESC'], [0, 9])}`,
    );
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual([]);
    expect((await other.api('POST', '/api/v1/sentiment-alerts/runs')).body).toEqual({
      reminded: 0,
      escalated: 0,
      alerted: 0,
    });
  }, 60_000);
});
