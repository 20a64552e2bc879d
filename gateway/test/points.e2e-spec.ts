import { idCardCheckCharacter } from '@dangjian/kit';
import {
  creditedBeat,
  freshTenant,
  oneQuestionExam,
  passExam,
  person,
  uniqueSlug,
  until,
} from './support.js';

/*
 * Issue 16, 学习积分 through the gateway: off by default (rules.md §9); a tenant admin turns the rule
 * table on, each save a version and a stale save a 409; a member earns from what the platform sees —
 * a lesson studied past its dwell, an exam passed — and sees their own points and, only where rankings
 * are on, their own position, never anyone else's.
 */
const LEARNING = ['organisation', 'learning'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let serial = 900;
const idCard = () => {
  const first17 = `110106${'19880808'}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('learning points (学习积分)', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  let reader: Awaited<ReturnType<typeof person>>;
  let idle: Awaited<ReturnType<typeof person>>;
  let secretary: Awaited<ReturnType<typeof person>>;
  let version = 0;

  beforeAll(async () => {
    tenant = await freshTenant('points', LEARNING);
    reader = await person(tenant.api, tenant.slug, ['member']);
    idle = await person(tenant.api, tenant.slug, ['member']);
    secretary = await person(tenant.api, tenant.slug, ['secretary'], [tenant.root.id]);
  }, 60_000);

  it('is off until a tenant admin turns it on; saves are versions, a stale one is a 409', async () => {
    const initial = await tenant.api('GET', '/api/v1/points-settings/current');
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ id: 'current', enabled: false, rankingEnabled: false, version: 0 });
    expect(initial.body.rules.map((r: { action: string }) => r.action)).toEqual([
      'lesson_read',
      'lesson_watched',
      'reading_time',
      'watching_time',
      'exam_passed',
      'meeting_attended',
      'micro_wish_fulfilled',
    ]);
    const mine = await reader.call('GET', '/api/v1/me/points');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ enabled: false, total: 0, rankingEnabled: false });

    const rules = initial.body.rules.map((r: { action: string }) =>
      r.action === 'lesson_read' ? { ...r, points: 3, minDwellSeconds: 1 } : r,
    );
    const bad = await tenant.api('PUT', '/api/v1/points-settings/current', {
      enabled: true,
      rankingEnabled: false,
      rules: rules.map((r: { action: string }) =>
        r.action === 'reading_time' ? { ...r, perMinutes: 0 } : r,
      ),
      windows: [],
      version: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'rules[2].perMinutes', code: 'number_between' });
    const body = { enabled: true, rankingEnabled: false, rules, windows: [], version: 0 };
    expect((await secretary.call('PUT', '/api/v1/points-settings/current', body)).status).toBe(403);
    expect((await reader.call('GET', '/api/v1/points-settings/current')).status).toBe(403);

    const saved = await tenant.api('PUT', '/api/v1/points-settings/current', body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, version: 1 });
    version = saved.body.version;
    // Someone who opened version 0 and saves later is told, not allowed to overwrite.
    const stale = await tenant.api('PUT', '/api/v1/points-settings/current', { ...body, enabled: false });
    expect(stale.status).toBe(409);
    expect(stale.body.errors[0]).toMatchObject({ field: 'version', code: 'stale_version' });
    expect((await tenant.api('GET', '/api/v1/points-settings/current')).body.enabled).toBe(true);

    // Another tenant's table is its own: still off.
    const other = await freshTenant('points-x', LEARNING);
    expect((await other.api('GET', '/api/v1/points-settings/current')).body).toMatchObject({
      enabled: false,
      version: 0,
    });
  });

  it('grants points for a lesson studied and an exam passed; a member sees only their own place', async () => {
    const course = (await tenant.api('POST', '/api/v1/courses', { name: '积分课程' })).body;
    const lesson = (
      await tenant.api('POST', `/api/v1/courses/${course.id}/lessons`, {
        kind: 'article',
        title: '党章学习',
        body: '党的性质和宗旨……',
        studyMinutes: 10,
        minDwellSeconds: 1,
      })
    ).body;
    const beat = () =>
      reader.call('POST', `/api/v1/me/lessons/${lesson.id}/heartbeats`, {
        sessionId: 'points-session-1',
        active: true,
      });
    await beat();
    expect((await creditedBeat(beat)).body.creditedSeconds).toBeGreaterThan(1);
    const afterLesson = (await reader.call('GET', '/api/v1/me/points')).body;
    expect(afterLesson).toMatchObject({ enabled: true, total: 3, today: 3 });
    expect(afterLesson.recent[0]).toMatchObject({ action: 'lesson_read', points: 3, ruleVersion: version });
    // Studying on does not grant the lesson again.
    await sleep(1100);
    await beat();
    expect((await reader.call('GET', '/api/v1/me/points')).body.total).toBe(3);

    const { exam, question } = await oneQuestionExam(tenant.api, '积分考试');
    for (let sitting = 0; sitting < 2; sitting++)
      expect(await passExam(reader.call, exam.id, question.id)).toMatchObject({ passed: true });
    // Passed twice, granted once: 3 + 10.
    const afterExam = (await reader.call('GET', '/api/v1/me/points')).body;
    expect(afterExam.total).toBe(13);
    expect(afterExam.recent.map((a: { action: string }) => a.action)).toEqual(['exam_passed', 'lesson_read']);
    expect(afterExam).toMatchObject({ rankingEnabled: false, position: 0 });

    // Rankings on: each sees their own place and how many have points — no list of others.
    const current = (await tenant.api('GET', '/api/v1/points-settings/current')).body;
    const ranked = await tenant.api('PUT', '/api/v1/points-settings/current', {
      enabled: true,
      rankingEnabled: true,
      rules: current.rules,
      windows: current.windows,
      version: current.version,
    });
    expect(ranked.body.version).toBe(version + 1);
    expect((await reader.call('GET', '/api/v1/me/points')).body).toMatchObject({
      rankingEnabled: true,
      position: 1,
      ranked: 1,
    });
    const idleView = (await idle.call('GET', '/api/v1/me/points')).body;
    expect(idleView).toMatchObject({ total: 0, position: 0, ranked: 1 });
    expect(JSON.stringify(idleView)).not.toContain(reader.userId);
  }, 60_000);

  it('grants a meeting attended from the organisation service’s record, and takes it back on a correction', async () => {
    const branch = (
      await tenant.api('POST', '/api/v1/organisations', {
        name: '积分支部',
        code: uniqueSlug('PT'),
        kind: 'branch',
        parentId: tenant.root.id,
      })
    ).body;
    const attendee = await person(tenant.api, tenant.slug, ['member']);
    const memberId = (
      await tenant.api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '参会党员',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        confirmedOn: '2015-07-01',
        userId: attendee.userId,
      })
    ).body.id;
    // A table saved before meetings counted shows the action with its default; saved, it is in force.
    const current = (await tenant.api('GET', '/api/v1/points-settings/current')).body;
    expect(current.rules.find((r: { action: string }) => r.action === 'meeting_attended')).toMatchObject({
      points: 2,
    });
    expect(
      (
        await tenant.api('PUT', '/api/v1/points-settings/current', {
          enabled: true,
          rankingEnabled: current.rankingEnabled,
          rules: current.rules,
          windows: current.windows,
          version: current.version,
        })
      ).status,
    ).toBe(200);
    const created = await tenant.api('POST', '/api/v1/meetings', {
      organisationId: branch.id,
      kind: 'branch_general_meeting',
      title: '支部党员大会',
      scheduledAt: new Date().toISOString(),
    });
    expect(created.status).toBe(201);
    const meeting = created.body;
    const record = (status: string) =>
      tenant.api('POST', '/api/v1/attendance', { meetingId: meeting.id, memberId, status });
    expect((await record('present')).status).toBe(201);
    const points = async () => (await attendee.call('GET', '/api/v1/me/points')).body;
    const granted = await until(async () => {
      const mine = await points();
      return mine.total > 0 ? mine : undefined;
    }, 'the meeting’s points');
    expect(granted).toMatchObject({ total: 2 });
    expect(granted.recent[0]).toMatchObject({ action: 'meeting_attended', points: 2 });
    // Corrected to absent: taken back.
    await record('absent');
    await until(async () => ((await points()).total === 0 ? true : undefined), 'the points taken back');
  }, 60_000);
});
