import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, person, placedMember, uniqueSlug } from './support.js';

/*
 * Issue 16, 学习讨论 through the gateway: a course's topics are the whole tenant's, an organisation's are
 * its members' (and those above it); members report a post, which the tenant's threshold of reports hides
 * — its text then only for its author and the moderators — until a moderator restores or removes it; the
 * moderators' log says who decided what. A secretary moderates only within their organisations.
 */
const LEARNING = ['organisation', 'learning'];
let serial = 800;
const idCard = () => {
  const first17 = `110106${'19900101'}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('discussion with reports and moderation (学习讨论)', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  type Person = Awaited<ReturnType<typeof person>>;
  let alice: Person;
  let bob: Person;
  let dave: Person;
  let carol: Person;
  let secretaryA: Person;
  let secretaryB: Person;
  let branchA: { id: string };
  let branchB: { id: string };
  let course: { id: string };

  const placed = (branch: { id: string }, name: string): Promise<Person> =>
    placedMember(tenant, branch, name, idCard());

  beforeAll(async () => {
    tenant = await freshTenant('talk', LEARNING);
    const branch = async (name: string) =>
      (
        await tenant.api('POST', '/api/v1/organisations', {
          name,
          code: uniqueSlug('TK'),
          kind: 'branch',
          parentId: tenant.root.id,
        })
      ).body as { id: string };
    branchA = await branch('讨论一支部');
    branchB = await branch('讨论二支部');
    alice = await placed(branchA, '甲党员');
    bob = await placed(branchA, '乙党员');
    dave = await placed(branchA, '丁党员');
    carol = await placed(branchB, '丙党员');
    secretaryA = await person(tenant.api, tenant.slug, ['secretary'], [branchA.id]);
    secretaryB = await person(tenant.api, tenant.slug, ['secretary'], [branchB.id]);
    course = (await tenant.api('POST', '/api/v1/courses', { name: '讨论课程' })).body;
  }, 90_000);

  it('keeps a course’s topics to the tenant and an organisation’s to its members', async () => {
    const open = await alice.call('POST', '/api/v1/discussion-topics', {
      courseId: course.id,
      title: '学习党章的体会',
      body: '大家谈谈',
    });
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ courseId: course.id, mine: true, postCount: 0 });
    const reply = await carol.call('POST', `/api/v1/discussion-topics/${open.body.id}/posts`, {
      body: '受益匪浅',
    });
    expect(reply.status).toBe(201);
    const listed = await bob.call(
      'GET',
      `/api/v1/discussion-topics?${listQuery(['lastPostAt', 'DESC'], [0, 9], { courseId: course.id })}`,
    );
    expect(listed.body.map((t: { id: string; postCount: number }) => [t.id, t.postCount])).toEqual([
      [open.body.id, 1],
    ]);

    const branchTopic = await alice.call('POST', '/api/v1/discussion-topics', {
      organisationId: branchA.id,
      title: '支部学习讨论',
    });
    expect(branchTopic.status).toBe(201);
    // Another branch's member and secretary see none of it.
    expect((await carol.call('GET', `/api/v1/discussion-topics/${branchTopic.body.id}`)).status).toBe(404);
    expect((await secretaryB.call('GET', `/api/v1/discussion-topics/${branchTopic.body.id}`)).status).toBe(
      404,
    );
    expect(
      (
        await carol.call('POST', '/api/v1/discussion-topics', {
          organisationId: branchA.id,
          title: '越界',
        })
      ).status,
    ).toBe(404);
    const mine = await bob.call(
      'GET',
      `/api/v1/discussion-topics?${listQuery(['lastPostAt', 'DESC'], [0, 9], { myOrganisations: true })}`,
    );
    expect(mine.body.map((t: { id: string }) => t.id)).toEqual([branchTopic.body.id]);
    expect(
      (
        await carol.call(
          'GET',
          `/api/v1/discussion-topics?${listQuery(['lastPostAt', 'DESC'], [0, 9], { myOrganisations: true })}`,
        )
      ).body,
    ).toEqual([]);

    const both = await alice.call('POST', '/api/v1/discussion-topics', {
      courseId: course.id,
      organisationId: branchA.id,
      title: '两处',
    });
    expect(both.status).toBe(400);
    expect(both.body.errors[0]).toMatchObject({ field: 'courseId', code: 'one_discussion_place' });
    const other = await freshTenant('talk-x', LEARNING);
    expect((await other.api('GET', `/api/v1/discussion-topics/${open.body.id}`)).status).toBe(404);
  });

  it('hides a post at the tenant’s threshold of reports until a moderator decides, and logs it', async () => {
    const settings = await tenant.api('PUT', '/api/v1/discussion-settings/current', { hideAfterReports: 2 });
    expect(settings.body).toEqual({ id: 'current', hideAfterReports: 2 });
    expect(
      (await alice.call('PUT', '/api/v1/discussion-settings/current', { hideAfterReports: 1 })).status,
    ).toBe(403);
    const topic = (
      await alice.call('POST', '/api/v1/discussion-topics', { organisationId: branchA.id, title: '举报测试' })
    ).body;
    const post = (
      await bob.call('POST', `/api/v1/discussion-topics/${topic.id}/posts`, { body: '一段不当言论' })
    ).body;
    const replyTo = await alice.call('POST', `/api/v1/discussion-topics/${topic.id}/posts`, {
      parentId: post.id,
      body: '请注意言论',
    });
    expect(replyTo.body).toMatchObject({ parentId: post.id });

    const own = await bob.call('POST', `/api/v1/discussion-posts/${post.id}/reports`, { reason: '自己' });
    expect(own.status).toBe(422);
    expect(own.body.rule).toBe('own-post-report');
    const first = await alice.call('POST', `/api/v1/discussion-posts/${post.id}/reports`, {
      reason: '不当言论',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ state: 'visible', reportedByMe: true });
    // Reporting twice counts once.
    await alice.call('POST', `/api/v1/discussion-posts/${post.id}/reports`, { reason: '再次' });
    expect(
      (await dave.call('GET', `/api/v1/discussion-topics/${topic.id}`)).body.posts.find(
        (p: { id: string }) => p.id === post.id,
      ).state,
    ).toBe('visible');
    const second = await dave.call('POST', `/api/v1/discussion-posts/${post.id}/reports`, {});
    expect(second.body.state).toBe('hidden');

    // Hidden: others see that it is, not what it said; its author and the moderators still read it.
    const seen = async (who: Person) =>
      (await who.call('GET', `/api/v1/discussion-topics/${topic.id}`)).body.posts.find(
        (p: { id: string }) => p.id === post.id,
      );
    expect(await seen(alice)).toMatchObject({ state: 'hidden', body: '' });
    expect(await seen(bob)).toMatchObject({ state: 'hidden', body: '一段不当言论' });
    expect(await seen(secretaryA)).toMatchObject({ state: 'hidden', body: '一段不当言论', reportCount: 2 });

    // The queue: the branch's secretary and the admin have it; another branch's secretary has not.
    const queueOf = async (who: Person | typeof tenant) => {
      const response =
        'call' in who
          ? await who.call('GET', `/api/v1/moderation-queue?${listQuery(['createdAt', 'ASC'], [0, 49])}`)
          : await who.api('GET', `/api/v1/moderation-queue?${listQuery(['createdAt', 'ASC'], [0, 49])}`);
      return (response.body as { id: string }[]).map((p) => p.id);
    };
    expect(await queueOf(secretaryA)).toContain(post.id);
    expect(await queueOf(tenant)).toContain(post.id);
    expect(await queueOf(secretaryB)).not.toContain(post.id);
    expect(
      (await alice.call('GET', `/api/v1/moderation-queue?${listQuery(['createdAt', 'ASC'], [0, 9])}`)).status,
    ).toBe(403);
    expect(
      (
        await secretaryB.call('POST', `/api/v1/discussion-posts/${post.id}/moderation`, {
          decision: 'restore',
        })
      ).status,
    ).toBe(404);

    const restored = await secretaryA.call('POST', `/api/v1/discussion-posts/${post.id}/moderation`, {
      decision: 'restore',
      note: '经核实不属于不当言论',
    });
    expect(restored.body.state).toBe('visible');
    expect(await seen(alice)).toMatchObject({ state: 'visible', body: '一段不当言论' });
    expect(await queueOf(secretaryA)).not.toContain(post.id);

    const log = (
      await tenant.api('GET', `/api/v1/moderation-log?${listQuery(['createdAt', 'DESC'], [0, 9])}`)
    ).body as { postId: string; action: string; note: string }[];
    expect(log.filter((e) => e.postId === post.id).map((e) => [e.action, e.note])).toEqual([
      ['restored', '经核实不属于不当言论'],
      ['hidden_by_reports', ''],
    ]);
    expect(
      (await secretaryA.call('GET', `/api/v1/moderation-log?${listQuery(['createdAt', 'DESC'], [0, 9])}`))
        .status,
    ).toBe(403);
  });
});
