import { api, invitePerson, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';

/*
 * 课程 (courses) through the gateway, as generated: kept within its tenant, and a bad field is
 * a 400 that names it. Extend it with the domain's own rules.
 */
const platform = testPlatform();
const stamp = `${Date.now().toString(36)}-${process.pid}`;
const call = (token: string, tenant: string | undefined, method: string, path: string, body?: object) =>
  api(platform.gatewayUrl, method, path, { token, ...(tenant ? { tenant } : {}), ...(body ? { body } : {}) });

async function tenantWithAdmin(operator: string, slug: string): Promise<string> {
  const created = await call(operator, undefined, 'POST', '/api/v1/tenants', {
    slug,
    name: `课程测试 ${slug}`,
    type: 'enterprise',
    modules: ['organisation', 'learning', 'disclosure', 'supervision'],
  });
  expect(created.status).toBe(201);
  const username = `${slug}-admin`;
  await invitePerson(
    platform.gatewayUrl,
    { token: operator, tenant: slug },
    {
      username,
      displayName: '测试管理员',
      password: 'Secret-123',
      roles: ['tenant-admin'],
    },
  );
  return passwordLogin(platform.issuer, username, 'Secret-123');
}

describe('courses', () => {
  const [a, b] = [`gen-a-${stamp}`, `gen-b-${stamp}`];
  let adminA: string;
  let adminB: string;

  beforeAll(async () => {
    const operator = await passwordLogin(platform.issuer, 'operator', 'Passw0rd!');
    [adminA, adminB] = [await tenantWithAdmin(operator, a), await tenantWithAdmin(operator, b)];
  });

  it('creates, reads and lists within the tenant, and another tenant sees none of it', async () => {
    const created = await call(adminA, a, 'POST', '/api/v1/courses', { name: '第一项', note: '备注' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '第一项', note: '备注' });
    const id = created.body.id as string;
    expect((await call(adminA, a, 'GET', `/api/v1/courses/${id}`)).body.name).toBe('第一项');
    // Besides its own, a tenant lists the platform catalogue's published courses (decision 0031).
    const own = (rows: { id: string; fromPlatform: boolean }[]) => rows.filter((row) => !row.fromPlatform);
    const listA = await call(adminA, a, 'GET', `/api/v1/courses?${listQuery(['name', 'ASC'], [0, 49])}`);
    expect(own(listA.body).map((row) => row.id)).toEqual([id]);
    expect(listA.headers.get('content-range')).toBe(
      `courses 0-${listA.body.length - 1}/${listA.body.length}`,
    );

    expect((await call(adminB, b, 'GET', `/api/v1/courses/${id}`)).status).toBe(404);
    const listB = await call(adminB, b, 'GET', `/api/v1/courses?${listQuery(['name', 'ASC'], [0, 49])}`);
    expect(own(listB.body)).toEqual([]);
    expect(listB.body.length).toBe(listA.body.length - 1);
  });

  it('answers a bad field with a 400 naming it, and a taken name with a 409', async () => {
    const missing = await call(adminA, a, 'POST', '/api/v1/courses', { note: '没有名称' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field)).toContain('name');
    const long = await call(adminA, a, 'POST', '/api/v1/courses', { name: 'x'.repeat(101) });
    expect(long.status).toBe(400);
    expect(long.body.errors[0].field).toBe('name');
    await call(adminA, a, 'POST', '/api/v1/courses', { name: '同名' });
    expect((await call(adminA, a, 'POST', '/api/v1/courses', { name: '同名' })).status).toBe(409);
    expect((await call(adminA, a, 'GET', '/api/v1/courses/not-an-id')).status).toBe(400);
  });

  it('builds a course of article lessons in order, tagged, within the tenant', async () => {
    const course = await call(adminA, a, 'POST', '/api/v1/courses', {
      name: '党章学习',
      note: '逐章学习党章',
      tags: ['党章', '理论', '党章'],
    });
    expect(course.status).toBe(201);
    expect(course.body).toMatchObject({ tags: ['党章', '理论'], lessonCount: 0 });
    const id = course.body.id as string;
    for (const title of ['总纲', '第一章 党员'])
      expect(
        (
          await call(adminA, a, 'POST', `/api/v1/courses/${id}/lessons`, {
            kind: 'article',
            title,
            body: `${title}的正文`,
          })
        ).status,
      ).toBe(201);
    const lessons = (await call(adminA, a, 'GET', `/api/v1/courses/${id}/lessons`)).body as {
      position: number;
      title: string;
      kind: string;
    }[];
    expect(lessons.map((l) => [l.position, l.kind, l.title])).toEqual([
      [1, 'article', '总纲'],
      [2, 'article', '第一章 党员'],
    ]);
    expect((await call(adminA, a, 'GET', `/api/v1/courses/${id}`)).body.lessonCount).toBe(2);
    // A media lesson needs its finished upload; an empty article is named.
    const video = await call(adminA, a, 'POST', `/api/v1/courses/${id}/lessons`, {
      kind: 'video',
      title: '视频',
      body: 'x',
    });
    expect(video.status).toBe(400);
    expect(video.body.errors.map((e: { field: string }) => e.field)).toEqual(['mediaUploadId']);
    const empty = await call(adminA, a, 'POST', `/api/v1/courses/${id}/lessons`, {
      kind: 'article',
      title: '空',
      body: '',
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toContain('body');
    // Another tenant neither reads nor writes this course's lessons.
    expect((await call(adminB, b, 'GET', `/api/v1/courses/${id}/lessons`)).status).toBe(404);
    expect(
      (
        await call(adminB, b, 'POST', `/api/v1/courses/${id}/lessons`, {
          kind: 'article',
          title: '外来',
          body: '正文',
        })
      ).status,
    ).toBe(404);
  });
});
