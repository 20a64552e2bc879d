import { listQuery } from '@dangjian/testing';
import { creditedBeat, freshTenant, gateway, person, tokenFor, uniqueSlug } from './support.js';

/*
 * Issue 16, decision 0031: the platform catalogue. An operator authors a course once in the catalogue
 * tenant and publishes it; every tenant with learning then lists it, opens it, plans with it and its
 * members study it — but changes it nowhere. Taken back, it is no longer listed or opened, and what
 * members studied keeps counting.
 */
const LEARNING = ['organisation', 'learning'];

describe('the platform catalogue', () => {
  let operator: string;
  let catalogue: (method: string, path: string, body?: unknown) => ReturnType<typeof gateway>;
  let first: Awaited<ReturnType<typeof freshTenant>>;
  let second: Awaited<ReturnType<typeof freshTenant>>;
  let course: { id: string; name: string };
  let lesson: { id: string };

  const listed = async (api: typeof catalogue) =>
    (
      (await api('GET', `/api/v1/courses?${listQuery(['name', 'ASC'], [0, 49], { q: course.name })}`))
        .body as { id: string; fromPlatform: boolean }[]
    ).filter((c) => c.id === course.id);

  beforeAll(async () => {
    operator = await tokenFor('operator');
    catalogue = (method, path, body) =>
      gateway(method, path, {
        token: operator,
        tenant: 'platform-catalogue',
        ...(body !== undefined ? { body } : {}),
      });
    first = await freshTenant('cata', LEARNING);
    second = await freshTenant('catb', LEARNING);
    const made = await catalogue('POST', '/api/v1/courses', { name: `平台课程 ${uniqueSlug('c')}` });
    expect(made.status).toBe(201);
    course = made.body;
    const added = await catalogue('POST', `/api/v1/courses/${course.id}/lessons`, {
      kind: 'article',
      title: '第一讲 党员的义务',
      body: '党员必须履行党章规定的义务。',
      studyMinutes: 20,
      minDwellSeconds: 1,
    });
    expect(added.status).toBe(201);
    lesson = added.body;
  }, 60_000);

  it('is a tenant of learning alone, where the operator who authors it is a member', async () => {
    const me = (await gateway('GET', '/api/v1/me', { token: operator })).body;
    expect(me.tenants).toContainEqual(
      expect.objectContaining({ slug: 'platform-catalogue', roles: ['tenant-admin'], modules: ['learning'] }),
    );
    // Its organisation pages answer that the module is not there.
    expect((await catalogue('GET', '/api/v1/organisations')).status).toBe(404);
  });

  it('is not seen by any tenant until an operator publishes it, and only an operator in the catalogue does', async () => {
    expect(await listed(first.api)).toEqual([]);
    expect((await first.api('GET', `/api/v1/courses/${course.id}`)).status).toBe(404);
    // A tenant admin publishes nothing; an operator publishes nothing of a tenant's own.
    expect(
      (await first.api('PUT', `/api/v1/courses/${course.id}/publication`, { published: true })).status,
    ).toBe(403);
    const own = await first.api('POST', '/api/v1/courses', { name: `本单位课程 ${uniqueSlug('c')}` });
    const elsewhere = await gateway('PUT', `/api/v1/courses/${own.body.id}/publication`, {
      token: operator,
      tenant: first.slug,
      body: { published: true },
    });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.rule).toBe('catalogue-publication');
    const missing = await catalogue('PUT', `/api/v1/courses/${course.id}/publication`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe('published');

    const published = await catalogue('PUT', `/api/v1/courses/${course.id}/publication`, { published: true });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ fromPlatform: true, publishedAt: expect.stringMatching(/^20/) });
  });

  it('is read by every tenant, planned and studied there, and changed in none', async () => {
    for (const tenant of [first, second]) {
      expect(await listed(tenant.api)).toEqual([expect.objectContaining({ fromPlatform: true })]);
      const lessons = await tenant.api('GET', `/api/v1/courses/${course.id}/lessons`);
      expect(lessons.body.map((l: { id: string }) => l.id)).toEqual([lesson.id]);
    }
    const changed = await first.api('POST', `/api/v1/courses/${course.id}/lessons`, {
      kind: 'article',
      title: '私自添加',
      body: '不应出现',
      studyMinutes: 5,
    });
    expect(changed.status).toBe(422);
    expect(changed.body.rule).toBe('platform-course-read-only');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const plan = await first.api('POST', '/api/v1/study-plans', {
      name: `平台课程学习 ${uniqueSlug('p')}`,
      organisationId: first.root.id,
      audience: 'all',
      startsOn: today,
      endsOn: `${today.slice(0, 4)}-12-31`,
      requiredMinutes: 20,
      courseIds: [course.id],
    });
    expect(plan.status).toBe(201);

    // A member of the first tenant studies it; the hours are theirs, in their tenant.
    const member = await person(first.api, first.slug, ['member']);
    const mine = await member.call('GET', '/api/v1/me/courses');
    expect(mine.body.courses.map((c: { course: { id: string } }) => c.course.id)).toContain(course.id);
    const beat = () =>
      member.call('POST', `/api/v1/me/lessons/${lesson.id}/heartbeats`, {
        sessionId: 'catalogue-phone-1',
        active: true,
      });
    expect((await beat()).status).toBe(200);
    expect((await creditedBeat(beat)).body.progress.studied).toBe(true);
    const year = today.slice(0, 4);
    expect((await member.call('GET', `/api/v1/me/study-hours/${year}`)).body.earnedMinutes).toBe(20);

    // Taken back: no tenant lists or opens it, nobody studies on in it, and what was studied counts.
    const back = await catalogue('PUT', `/api/v1/courses/${course.id}/publication`, { published: false });
    expect(back.body.publishedAt).toBe('');
    expect(await listed(second.api)).toEqual([]);
    expect((await second.api('GET', `/api/v1/courses/${course.id}`)).status).toBe(404);
    expect((await beat()).status).toBe(404);
    expect((await member.call('GET', `/api/v1/me/study-hours/${year}`)).body.earnedMinutes).toBe(20);
    // The catalogue itself still has it, to publish again.
    expect((await catalogue('GET', `/api/v1/courses/${course.id}`)).body.publishedAt).toBe('');
  }, 60_000);
});
