import ExcelJS from 'exceljs';
import pg from 'pg';
import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import {
  creditedBeat,
  freshTenant,
  gateway,
  HEARTBEAT_MAX_GAP_SECONDS,
  person,
  platform,
  uniqueSlug,
} from './support.js';

/*
 * Issue 16, learning through the gateway against the real services: an organiser builds a course with a
 * video (uploaded in chunks, resumed, typed by its bytes) and an article, a bank and an exam, and a plan
 * for a committee's subtree; members study (the video resumes on another device; heartbeats credit only
 * active time) and sit the exam under the server's clock; the secretary sees who has not finished.
 */
let serial = 0;
const region = String(360000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19880202${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LEARNING = ['organisation', 'learning'];

/** A tiny MP4 head (an `ftyp` box) followed by filler: the type is read from these bytes. */
function fakeMp4(size: number): Buffer {
  const bytes = Buffer.alloc(size, 7);
  bytes.writeUInt32BE(24, 0);
  bytes.write('ftypisom', 4, 'latin1');
  return bytes;
}

describe('learning: courses, plans and exams', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  let other: Awaited<ReturnType<typeof freshTenant>>;
  let branch: { id: string };
  let otherBranch: { id: string };
  let secretary: Awaited<ReturnType<typeof person>>;
  let studious: Awaited<ReturnType<typeof person>> & { memberId: string };
  let idle: { memberId: string };
  let outsider: Awaited<ReturnType<typeof person>>;
  let course: { id: string };
  let video: { id: string; mediaId: string; minDwellSeconds: number };
  let article: { id: string };
  let bank: { id: string };
  let questions: Record<string, string>;
  // Records of each kind, for the isolation check at the end.
  const made: Record<'upload' | 'exam' | 'attempt' | 'plan', string> = {
    upload: '',
    exam: '',
    attempt: '',
    plan: '',
  };

  const member = async (organisationId: string, name: string, userId?: string) => {
    const created = await tenant.api('POST', '/api/v1/members', {
      organisationId,
      name,
      idCardNumber: idCard(),
      occupation: 'salaried',
      developmentStage: 'full',
      joinedOn: '2015-07-01',
      confirmedOn: '2016-07-01',
      ...(userId ? { userId } : {}),
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  beforeAll(async () => {
    tenant = await freshTenant('learn', LEARNING);
    other = await freshTenant('learnx', LEARNING);
    const branchOf = async (name: string) =>
      (
        await tenant.api('POST', '/api/v1/organisations', {
          name,
          code: uniqueSlug('LN'),
          kind: 'branch',
          parentId: tenant.root.id,
        })
      ).body as { id: string };
    branch = await branchOf('学习第一支部');
    otherBranch = await branchOf('学习第二支部');
    secretary = await person(tenant.api, tenant.slug, ['secretary'], [branch.id]);
    const login = await person(tenant.api, tenant.slug, ['member']);
    studious = { ...login, memberId: await member(branch.id, '认真学员', login.userId) };
    idle = { memberId: await member(branch.id, '未学党员') };
    await member(otherBranch.id, '别的支部党员');
    outsider = await person(other.api, other.slug, ['member']);
  }, 120_000);

  it('uploads a video in chunks, resumes after a lost chunk, and reads its type from the bytes', async () => {
    const bytes = fakeMp4(512 * 1024 + 1000);
    const started = await secretary.call('POST', '/api/v1/media-uploads', {
      kind: 'video',
      fileName: '第一讲.mp4',
      sizeBytes: bytes.length,
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ chunkCount: 2, received: [] });
    const id = started.body.id as string;
    made.upload = id;
    const octets = { 'content-type': 'application/octet-stream' };
    const chunk0 = bytes.subarray(0, 512 * 1024);
    const chunk1 = bytes.subarray(512 * 1024);
    // The second chunk first, then the connection is "lost": the upload says what arrived.
    expect((await secretary.call('PUT', `/api/v1/media-uploads/${id}/chunks/1`, chunk1, octets)).status).toBe(
      200,
    );
    expect((await secretary.call('GET', `/api/v1/media-uploads/${id}`)).body).toMatchObject({
      received: [1],
      mediaId: '',
    });
    // A chunk of the wrong length is refused by name.
    const short = await secretary.call(
      'PUT',
      `/api/v1/media-uploads/${id}/chunks/0`,
      chunk0.subarray(0, 10),
      octets,
    );
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('content');
    const done = await secretary.call('PUT', `/api/v1/media-uploads/${id}/chunks/0`, chunk0, octets);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ received: [0, 1], contentType: 'video/mp4' });
    expect(done.body.mediaId).toMatch(/^[0-9a-f-]{36}$/);

    // A "video" whose bytes are a PDF is refused, whatever its name.
    const pdf = Buffer.from('%PDF-1.7\n' + 'x'.repeat(100));
    const fake = await secretary.call('POST', '/api/v1/media-uploads', {
      kind: 'video',
      fileName: 'a.mp4',
      sizeBytes: pdf.length,
    });
    const refused = await secretary.call(
      'PUT',
      `/api/v1/media-uploads/${fake.body.id}/chunks/0`,
      pdf,
      octets,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'content', code: 'media_kind' });

    course = (
      await secretary.call('POST', '/api/v1/courses', { name: `党章学习 ${uniqueSlug('c')}`, tags: ['党章'] })
    ).body;
    const lesson = await secretary.call('POST', `/api/v1/courses/${course.id}/lessons`, {
      kind: 'video',
      title: '第一讲 视频',
      mediaUploadId: id,
      studyMinutes: 45,
      minDwellSeconds: 2,
    });
    expect(lesson.status).toBe(201);
    video = lesson.body;
    expect(lesson.body).toMatchObject({ kind: 'video', contentType: 'video/mp4', studyMinutes: 45 });
    // A media lesson without a finished upload is refused by name.
    const unfinished = await secretary.call('POST', `/api/v1/courses/${course.id}/lessons`, {
      kind: 'video',
      title: '未完成',
      mediaUploadId: fake.body.id,
    });
    expect(unfinished.status).toBe(400);
    expect(unfinished.body.errors[0].field).toBe('mediaUploadId');
    article = (
      await secretary.call('POST', `/api/v1/courses/${course.id}/lessons`, {
        kind: 'article',
        title: '第二讲 文章',
        body: '党的性质和宗旨……',
        studyMinutes: 15,
        minDwellSeconds: 1,
      })
    ).body;

    // Streamed by range: the player seeks without taking the whole file; a token may ride in the query.
    const ranged = await studious.call('GET', `/api/v1/media/${video.mediaId}`, undefined, {
      range: 'bytes=524280-524295',
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 524280-524295/${bytes.length}`);
    expect(ranged.raw.equals(bytes.subarray(524280, 524296))).toBe(true);
    const whole = await gateway('GET', `/api/v1/media/${video.mediaId}?access_token=${studious.token}`, {
      tenant: tenant.slug,
    });
    expect(whole.status).toBe(200);
    expect(whole.raw.equals(bytes)).toBe(true);
    expect(
      (
        await studious.call('GET', `/api/v1/media/${video.mediaId}`, undefined, {
          range: `bytes=${bytes.length}-`,
        })
      ).status,
    ).toBe(416);
    // Another tenant's member reads none of it; nobody without a token does.
    expect((await outsider.call('GET', `/api/v1/media/${video.mediaId}`)).status).toBe(404);
    expect((await gateway('GET', `/api/v1/media/${video.mediaId}`, { tenant: tenant.slug })).status).toBe(
      401,
    );
    // Members do not upload.
    expect(
      (
        await studious.call('POST', '/api/v1/media-uploads', {
          kind: 'video',
          fileName: 'x.mp4',
          sizeBytes: 10,
        })
      ).status,
    ).toBe(403);
  });

  it('credits only active time between close heartbeats, and resumes a video on another device', async () => {
    const beat = (session: string, body: object = {}) =>
      studious.call('POST', `/api/v1/me/lessons/${video.id}/heartbeats`, {
        sessionId: session,
        active: true,
        ...body,
      });
    const first = await beat('phone-session-1', { positionSeconds: 12 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ creditedSeconds: 0, progress: { studied: false } });
    await sleep(1200);
    // Idle: the time passes but earns nothing.
    expect((await beat('phone-session-1', { active: false })).body.creditedSeconds).toBe(0);
    const credited = await creditedBeat(() => beat('phone-session-1', { positionSeconds: 95.5 }));
    expect(credited.body.creditedSeconds).toBeGreaterThan(1);
    expect(credited.body.creditedSeconds).toBeLessThan(HEARTBEAT_MAX_GAP_SECONDS);
    // (A gap past the limit, and idle stretches, on a set clock: services/learning/test/lesson-heartbeats.)
    // A second device starts its own session: nothing is credited for the first's time.
    expect((await beat('laptop-session-2')).body.creditedSeconds).toBe(0);
    const done = await creditedBeat(() => beat('laptop-session-2'));
    expect(done.body.progress.studied).toBe(true);

    // On the other device the course says where the video was left.
    const mine = await studious.call('GET', `/api/v1/me/courses/${course.id}`);
    expect(mine.status).toBe(200);
    const progress = mine.body.progress.find((p: { lessonId: string }) => p.lessonId === video.id);
    expect(progress).toMatchObject({ positionSeconds: 95.5, studied: true });
    expect(mine.body.lessons.map((l: { kind: string }) => l.kind)).toEqual(['video', 'article']);
    // Someone else's course view, another tenant, a bad session id.
    expect((await outsider.call('GET', `/api/v1/me/courses/${course.id}`)).status).toBe(404);
    const bad = await studious.call('POST', `/api/v1/me/lessons/${video.id}/heartbeats`, {
      sessionId: 'x',
      active: true,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('sessionId');
  }, 30_000);

  it('builds a bank and a random exam; the paper is kept per member and the time is the server’s', async () => {
    bank = (await secretary.call('POST', '/api/v1/question-banks', { name: `党章题库 ${uniqueSlug('b')}` }))
      .body;
    const add = (body: object) => secretary.call('POST', `/api/v1/question-banks/${bank.id}/questions`, body);
    questions = {};
    const single = await add({
      category: '党章',
      kind: 'single_choice',
      stem: '党的最高理想和最终目标是（ ）',
      options: ['实现共产主义', '全面建成小康社会', '实现现代化'],
      answer: ['0'],
      points: 40,
    });
    expect(single.status).toBe(201);
    questions['single'] = single.body.id;
    questions['judge'] = (
      await add({
        category: '党章',
        kind: 'true_false',
        stem: '预备期为一年。',
        answer: ['true'],
        points: 30,
      })
    ).body.id;
    questions['blank'] = (
      await add({
        category: '党史',
        kind: 'fill_blank',
        stem: '中国共产党成立于____年。',
        answer: ['1921|一九二一'],
        points: 30,
      })
    ).body.id;
    // A single choice with two answers is refused by name.
    const wrong = await add({
      category: '党章',
      kind: 'single_choice',
      stem: '?',
      options: ['a', 'b'],
      answer: ['0', '1'],
      points: 1,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('answer');
    const now = Date.now();
    // Asking for more than a category holds is refused, naming the rule's count.
    const greedy = await secretary.call('POST', '/api/v1/exams', {
      name: `贪多 ${uniqueSlug('e')}`,
      bankId: bank.id,
      paperKind: 'random',
      draw: [{ category: '党史', count: 5 }],
      timeLimitMinutes: 10,
      passingScore: 60,
      maxAttempts: 1,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    expect(greedy.status).toBe(400);
    expect(greedy.body.errors[0].field).toBe('draw.0.count');
    const exam = await secretary.call('POST', '/api/v1/exams', {
      name: `党章测试 ${uniqueSlug('e')}`,
      bankId: bank.id,
      paperKind: 'random',
      draw: [
        { category: '党章', count: 2 },
        { category: '党史', count: 1 },
      ],
      timeLimitMinutes: 10,
      passingScore: 60,
      maxAttempts: 2,
      retakeDelayMinutes: 60,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
    });
    expect(exam.status).toBe(201);

    const started = await studious.call('POST', `/api/v1/me/exams/${exam.body.id}/attempts`);
    expect(started.status).toBe(201);
    const attempt = started.body;
    made.exam = exam.body.id;
    made.attempt = attempt.id;
    expect(attempt.questions).toHaveLength(3);
    expect(JSON.stringify(attempt)).not.toContain('"answer"');
    // Starting again (another device) goes back to the same sitting and the same paper.
    const again = await studious.call('POST', `/api/v1/me/exams/${exam.body.id}/attempts`);
    expect(again.body.id).toBe(attempt.id);
    expect(again.body.questions.map((q: { options: string[] }) => q.options)).toEqual(
      attempt.questions.map((q: { options: string[] }) => q.options),
    );
    // Answers are saved one by one, in the member's own option order.
    for (const q of attempt.questions as { questionId: string; kind: string; options: string[] }[]) {
      const response =
        q.kind === 'single_choice'
          ? [String(q.options.indexOf('实现共产主义'))]
          : q.kind === 'true_false'
            ? ['false']
            : ['一九二一'];
      const saved = await studious.call('PUT', `/api/v1/me/exam-attempts/${attempt.id}/answers`, {
        questionId: q.questionId,
        response,
      });
      expect(saved.status).toBe(200);
    }
    const notMine = await studious.call('PUT', `/api/v1/me/exam-attempts/${attempt.id}/answers`, {
      questionId: bank.id,
      response: ['0'],
    });
    expect(notMine.status).toBe(400);
    expect(notMine.body.errors[0].field).toBe('questionId');
    expect(
      (await studious.call('POST', `/api/v1/me/exam-attempts/${attempt.id}/focus-lost`)).body.focusLost,
    ).toBe(1);
    // Nobody else reads or writes this attempt.
    expect((await outsider.call('GET', `/api/v1/me/exam-attempts/${attempt.id}`)).status).toBe(404);
    expect((await secretary.call('GET', `/api/v1/me/exam-attempts/${attempt.id}`)).status).toBe(404);

    const handed = await studious.call('POST', `/api/v1/me/exam-attempts/${attempt.id}/submission`);
    expect(handed.status).toBe(200);
    // 40 + 30 (fill in the blank, accepted alternative) right, the true/false wrong: 70 of 100, passed.
    expect(handed.body).toMatchObject({ status: 'graded', score: 70, maxScore: 100, passed: true });
    const late = await studious.call('PUT', `/api/v1/me/exam-attempts/${attempt.id}/answers`, {
      questionId: questions['judge'],
      response: ['true'],
    });
    expect(late.status).toBe(422);
    expect(late.body.rule).toBe('exam-attempt-submitted');
    // The retake waits for its delay.
    const retake = await studious.call('POST', `/api/v1/me/exams/${exam.body.id}/attempts`);
    expect(retake.status).toBe(422);
    expect(retake.body.rule).toBe('exam-retake-delay');
    // The wrong answer is in the book, with the right one.
    const book = await studious.call('GET', '/api/v1/me/wrong-answers');
    expect(book.body).toEqual([
      expect.objectContaining({ questionId: questions['judge'], answer: ['true'], response: ['false'] }),
    ]);
    // The organiser sees the attempt and its integrity signal.
    const attempts = await secretary.call(
      'GET',
      `/api/v1/exam-attempts?${listQuery(['startedAt', 'DESC'], [0, 9], { examId: exam.body.id })}`,
    );
    expect(attempts.body).toEqual([expect.objectContaining({ id: attempt.id, focusLost: 1, score: 70 })]);
  });

  it('hands in at the time limit on the server, and a grader scores a short answer', async () => {
    const shortAnswer = (
      await secretary.call('POST', `/api/v1/question-banks/${bank.id}/questions`, {
        category: '论述',
        kind: 'short_answer',
        stem: '谈谈你对全心全意为人民服务的理解。',
        rubric: '答出宗旨含义 5 分，联系实际 5 分',
        points: 10,
      })
    ).body;
    const now = Date.now();
    const exam = (
      await secretary.call('POST', '/api/v1/exams', {
        name: `限时 ${uniqueSlug('e')}`,
        bankId: bank.id,
        paperKind: 'fixed',
        questionIds: [questions['single'], shortAnswer.id],
        timeLimitMinutes: 1,
        passingScore: 45,
        maxAttempts: 1,
        opensAt: new Date(now - 60_000).toISOString(),
        // The window closes in 3 s: the attempt's deadline is the window's end.
        closesAt: new Date(now + 3_000).toISOString(),
      })
    ).body;
    const attempt = (await studious.call('POST', `/api/v1/me/exams/${exam.id}/attempts`)).body;
    const sa = attempt.questions.find((q: { kind: string }) => q.kind === 'short_answer');
    await studious.call('PUT', `/api/v1/me/exam-attempts/${attempt.id}/answers`, {
      questionId: sa.questionId,
      response: ['为人民服务是党的根本宗旨……'],
    });
    // Nobody hands it in: the server does, after the deadline and its grace.
    await sleep(3_000 + 5_000 + 1_500);
    const late = await studious.call('PUT', `/api/v1/me/exam-attempts/${attempt.id}/answers`, {
      questionId: sa.questionId,
      response: ['补充'],
    });
    expect(late.status).toBe(422);
    expect(late.body.rule).toBe('exam-time-up');
    const waiting = await secretary.call(
      'GET',
      `/api/v1/exam-attempts?${listQuery(['startedAt', 'DESC'], [0, 9], { examId: exam.id, status: 'grading' })}`,
    );
    expect(waiting.body).toEqual([expect.objectContaining({ id: attempt.id, autoSubmitted: true })]);
    const detail = await secretary.call('GET', `/api/v1/exam-attempts/${attempt.id}`);
    expect(detail.body.answers.find((a: { kind: string }) => a.kind === 'short_answer').response).toEqual([
      '为人民服务是党的根本宗旨……',
    ]);
    const tooMuch = await secretary.call('POST', `/api/v1/exam-attempts/${attempt.id}/grades`, {
      grades: [{ questionId: shortAnswer.id, points: 11 }],
    });
    expect(tooMuch.status).toBe(400);
    const graded = await secretary.call('POST', `/api/v1/exam-attempts/${attempt.id}/grades`, {
      grades: [{ questionId: shortAnswer.id, points: 8, comment: '联系实际不足' }],
    });
    expect(graded.status).toBe(200);
    // The single choice was not answered: 0 + 8 of 50, below 45.
    expect(graded.body).toMatchObject({ status: 'graded', score: 8, passed: false });
  }, 30_000);

  it('gives a plan’s results from the roster: who has not started, who finished; a secretary only in scope', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const plan = await secretary.call('POST', '/api/v1/study-plans', {
      name: `第四季度集中学习 ${uniqueSlug('p')}`,
      organisationId: branch.id,
      audience: 'all',
      startsOn: today,
      endsOn: `${today.slice(0, 4)}-12-31`,
      requiredMinutes: 45,
      courseIds: [course.id],
    });
    expect(plan.status).toBe(201);
    made.plan = plan.body.id;
    const results = await secretary.call(
      'GET',
      `/api/v1/study-plan-results?${listQuery(['organisationName', 'ASC'], [0, 49], { planId: plan.body.id })}`,
    );
    expect(results.status).toBe(200);
    const byMember = new Map(results.body.map((r: { memberId: string }) => [r.memberId, r]));
    // The roster of the branch, not who studied: the idle member is there, the other branch's is not.
    expect(byMember.size).toBe(2);
    expect(byMember.get(studious.memberId)).toMatchObject({ status: 'finished', earnedMinutes: 45 });
    expect(byMember.get(idle.memberId)).toMatchObject({
      status: 'not_started',
      earnedMinutes: 0,
      noLogin: true,
    });
    expect(results.headers.get('x-not-started')).toBe('1');
    const notStarted = await secretary.call(
      'GET',
      `/api/v1/study-plan-results?${listQuery(['organisationName', 'ASC'], [0, 49], { planId: plan.body.id, status: ['not_started'] })}`,
    );
    expect(notStarted.body.map((r: { memberId: string }) => r.memberId)).toEqual([idle.memberId]);
    // The secretary of one branch plans for it only.
    const outside = await secretary.call('POST', '/api/v1/study-plans', {
      name: `越权 ${uniqueSlug('p')}`,
      organisationId: otherBranch.id,
      audience: 'all',
      startsOn: today,
      endsOn: today,
      requiredMinutes: 10,
      courseIds: [course.id],
    });
    expect(outside.status).toBe(403);
    // The member sees the plan and the hours in their own space.
    const hours = await studious.call('GET', `/api/v1/me/study-hours/${today.slice(0, 4)}`);
    expect(hours.status).toBe(200);
    expect(hours.body.earnedMinutes).toBeGreaterThanOrEqual(45);
    expect(hours.body.plans).toEqual([
      expect.objectContaining({ result: expect.objectContaining({ status: 'finished' }) }),
    ]);
    // Another tenant sees none of the plans; a member cannot read results.
    expect((await outsider.call('GET', `/api/v1/study-plans/${plan.body.id}`)).status).toBe(403);
    expect((await studious.call('GET', `/api/v1/study-plans/${plan.body.id}`)).status).toBe(403);
    const missingField = await secretary.call('POST', '/api/v1/study-plans', { name: '缺少字段' });
    expect(missingField.status).toBe(400);
    expect(missingField.body.errors.map((v: { field: string }) => v.field)).toContain('organisationId');
  });

  it('follows the organisation’s roster at once: a moved branch, a renamed member, a committee seat given and ended', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const made = async (body: object) =>
      (await tenant.api('POST', '/api/v1/organisations', { code: uniqueSlug('RC'), ...body })).body as {
        id: string;
      };
    const general = await made({ name: '名册总支', kind: 'general_branch', parentId: tenant.root.id });
    const wandering = await made({ name: '名册迁入支部', kind: 'branch', parentId: tenant.root.id });
    const newcomer = await member(wandering.id, '迁入党员');
    const plan = (audience: string, organisationId: string) =>
      tenant.api('POST', '/api/v1/study-plans', {
        name: `名册 ${uniqueSlug('p')}`,
        organisationId,
        audience,
        startsOn: today,
        endsOn: `${today.slice(0, 4)}-12-31`,
        requiredMinutes: 30,
        courseIds: [course.id],
      });
    const results = async (planId: string) => {
      const reply = await tenant.api(
        'GET',
        `/api/v1/study-plan-results?${listQuery(['organisationName', 'ASC'], [0, 49], { planId })}`,
      );
      expect(reply.status).toBe(200);
      return reply.body as { memberId: string; name: string; organisationName: string }[];
    };
    const forGeneral = await plan('all', general.id);
    expect(await results(forGeneral.body.id)).toEqual([]);
    // The branch moves under the general branch: its member is on the plan's roster at the next read.
    const moved = await tenant.api('PUT', `/api/v1/organisations/${wandering.id}`, { parentId: general.id });
    expect(moved.status).toBe(200);
    expect(await results(forGeneral.body.id)).toEqual([
      expect.objectContaining({ memberId: newcomer, name: '迁入党员', organisationName: '名册迁入支部' }),
    ]);
    const renamed = await tenant.api('PUT', `/api/v1/members/${newcomer}`, {
      reason: '更正姓名',
      name: '迁入党员甲',
    });
    expect(renamed.status).toBe(200);
    expect((await results(forGeneral.body.id)).map((r) => r.name)).toEqual(['迁入党员甲']);
    // The secretary's one-page summary: the branch below the general branch, counted.
    const notAnId = await tenant.api('GET', '/api/v1/study-plan-summaries/x');
    expect(notAnId.status).toBe(400);
    expect(notAnId.body.errors[0].field).toBe('id');
    const summary = await tenant.api('GET', `/api/v1/study-plan-summaries/${forGeneral.body.id}`);
    expect(summary.status).toBe(200);
    expect(summary.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(summary.raw as never);
    const sheet = book.getWorksheet('完成情况汇总')!;
    const lines = sheet
      .getSheetValues()
      .slice(2)
      .map((row) => (row as string[]).slice(1, 8));
    expect(lines).toEqual([
      ['名册迁入支部', '1', '1', '0', '0', '0', '0.0%'],
      ['合计', '1', '1', '0', '0', '0', '0.0%'],
    ]);

    // The committee audience: whoever holds a position today.
    const forCommittee = await plan('committee', tenant.root.id);
    expect((await results(forCommittee.body.id)).map((r) => r.memberId)).not.toContain(newcomer);
    const seat = await tenant.api('POST', '/api/v1/positions', {
      organisationId: wandering.id,
      kind: 'secretary',
      holderMemberId: newcomer,
      termStart: `${Number(today.slice(0, 4)) - 1}-01-01`,
      termEnd: `${Number(today.slice(0, 4)) + 2}-01-01`,
    });
    expect(seat.status).toBe(201);
    expect((await results(forCommittee.body.id)).map((r) => r.memberId)).toContain(newcomer);
    const ended = await tenant.api('PUT', `/api/v1/positions/${seat.body.id}`, {
      endedOn: today,
    });
    expect(ended.status).toBe(200);
    expect((await results(forCommittee.body.id)).map((r) => r.memberId)).not.toContain(newcomer);
  }, 60_000);

  it('answers at once over a large roster still being copied, says so, and has everyone when the copy is in', async () => {
    // 60,000 members written straight into the organisation database (an import's worth of feed).
    const big = await freshTenant('learnbig', LEARNING);
    const identity = new pg.Client({ connectionString: platform.databases['identity']!.admin });
    const organisation = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await identity.connect();
    await organisation.connect();
    try {
      const tenantId = (await identity.query('select id from tenants where slug = $1', [big.slug])).rows[0]
        .id;
      await organisation.query(
        `insert into members (id, tenant_id, organisation_id, name, gender, birth_date, id_card_cipher, id_card_index,
                              id_card_masked, occupation, development_stage, joined_on, confirmed_on)
         select gen_random_uuid(), $1::uuid, $2::uuid, '名册党员' || i, 'female', '1990-01-01', 'v1:x', 'big-' || $1::text || '-' || i,
                '110***', 'salaried', 'full', '2015-07-01', '2016-07-01'
           from generate_series(1, 60000) i`,
        [tenantId, big.root.id],
      );
    } finally {
      await identity.end();
      await organisation.end();
    }
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const plan = await big.api('POST', '/api/v1/study-plans', {
      name: '全体党员学习',
      organisationId: big.root.id,
      audience: 'all',
      startsOn: today,
      endsOn: `${today.slice(0, 4)}-12-31`,
      requiredMinutes: 30,
      courseIds: [(await big.api('POST', '/api/v1/courses', { name: '名册课程' })).body.id],
    });
    const read = () =>
      big.api(
        'GET',
        `/api/v1/study-plan-results?${listQuery(['organisationName', 'ASC'], [0, 9], { planId: plan.body.id })}`,
      );
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.headers.get('x-roster-pending')).toBe('true');
    expect(Number(first.headers.get('x-not-started'))).toBeLessThan(60_000);
    // The copy goes on behind the answers (up to a minute on a busy machine).
    let whole = first;
    for (let i = 0; i < 60 && whole.headers.get('x-roster-pending') !== 'false'; i++) {
      await sleep(1_000);
      whole = await read();
    }
    expect(whole.headers.get('x-not-started')).toBe('60000');
    expect(whole.headers.get('content-range')).toBe('study-plan-results 0-9/60000');
  }, 90_000);

  it('keeps every learning route to its tenant: another tenant’s admin finds none of it', async () => {
    const paths = [
      `/api/v1/courses/${course.id}`,
      `/api/v1/courses/${course.id}/lessons`,
      `/api/v1/question-banks/${bank.id}`,
      `/api/v1/question-banks/${bank.id}/questions`,
      `/api/v1/media/${video.mediaId}`,
      `/api/v1/media-uploads/${made.upload}`,
      `/api/v1/exams/${made.exam}`,
      `/api/v1/exam-attempts/${made.attempt}`,
      `/api/v1/study-plans/${made.plan}`,
      `/api/v1/study-plan-results?${listQuery(['organisationName', 'ASC'], [0, 9], { planId: made.plan })}`,
      `/api/v1/study-plan-summaries/${made.plan}`,
    ];
    for (const path of paths) expect([path, (await other.api('GET', path)).status]).toEqual([path, 404]);
    const foreignLesson = await other.api('POST', `/api/v1/me/lessons/${article.id}/heartbeats`, {
      sessionId: 'foreign-session',
      active: true,
    });
    expect(foreignLesson.status).toBe(404);
  });
});
