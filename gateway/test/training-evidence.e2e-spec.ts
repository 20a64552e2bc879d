import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, oneQuestionExam, passExam, person, uniqueSlug } from './support.js';

/*
 * Issue 16 × rules.md §3: a candidate's training (≥ 3 days or ≥ 24 class hours) is evidenced by a training
 * exam they passed. The secretary names the exam; the organisation service reads the pass and the hours
 * from the learning service over the bus — nobody retypes them — and refuses an exam not passed, not a
 * training exam, of another tenant, or passed after the decision.
 */
const LEARNING = ['organisation', 'learning'];
const T = chinaToday();
let serial = 700;
const idCard = (birth: string) => {
  const first17 = `110106${birth}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('a training exam as the evidence of a development step', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  let candidate: Awaited<ReturnType<typeof person>> & { memberId: string };
  let branch: { id: string };
  const introducers: string[] = [];
  let trainingExam: { id: string };
  let question: { id: string };

  const member = async (name: string, stage: string, extra: object = {}) => {
    const created = await tenant.api('POST', '/api/v1/members', {
      organisationId: branch.id,
      name,
      idCardNumber: idCard(stage === 'full' ? '19800101' : '19990101'),
      occupation: 'salaried',
      developmentStage: stage,
      ...(stage === 'full' ? { confirmedOn: '2010-07-01' } : { stageSince: addMonths(T, -14) }),
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const admission = (extra: object) => ({
    memberId: candidate.memberId,
    kind: 'to_probationary',
    decidedOn: T,
    introducerIds: introducers,
    politicalReviewConcludedOn: addMonths(T, -2),
    preReviewedOn: addMonths(T, -2),
    vote: { eligible: 10, present: 8, inFavour: 8 },
    higherApprovedOn: T,
    ...extra,
  });

  beforeAll(async () => {
    tenant = await freshTenant('train', LEARNING);
    branch = (
      await tenant.api('POST', '/api/v1/organisations', {
        name: '培训支部',
        code: uniqueSlug('TR'),
        kind: 'branch',
        parentId: tenant.root.id,
      })
    ).body;
    for (const name of ['介绍人甲', '介绍人乙']) introducers.push(await member(name, 'full'));
    const login = await person(tenant.api, tenant.slug, ['member']);
    candidate = { ...login, memberId: await member('发展对象', 'candidate', { userId: login.userId }) };
    expect(
      (
        await tenant.api('POST', '/api/v1/publicity-periods', {
          memberId: candidate.memberId,
          stage: 'probationary',
          startsOn: addMonths(T, -1),
        })
      ).status,
    ).toBe(201);
    ({ exam: trainingExam, question } = await oneQuestionExam(tenant.api, '发展对象培训班结业考试', {
      trainingClassHours: 24,
      trainingDays: 3,
    }));
    expect(trainingExam).toMatchObject({ trainingClassHours: 24, trainingDays: 3 });
  }, 60_000);

  it('refuses an exam not yet passed, then takes the hours from the pass and records them with the step', async () => {
    const notYet = await tenant.api(
      'POST',
      '/api/v1/development/check',
      admission({ trainingExamId: trainingExam.id }),
    );
    expect(notYet.status).toBe(400);
    expect(notYet.body.errors[0]).toMatchObject({
      field: 'trainingExamId',
      code: 'training_exam_not_passed',
      params: { exam: '发展对象培训班结业考试' },
    });
    // Without evidence the training rule is broken (nothing typed).
    const without = await tenant.api('POST', '/api/v1/development/check', admission({}));
    expect(without.body.brokenRules.map((b: { rule: string }) => b.rule)).toContain('training-hours');

    expect(await passExam(candidate.call, trainingExam.id, question.id)).toMatchObject({ passed: true });

    const checked = await tenant.api(
      'POST',
      '/api/v1/development/check',
      admission({ trainingExamId: trainingExam.id }),
    );
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ allowed: true, brokenRules: [] });
    // Typed hours beside the exam are refused: the exam's are the record.
    const typed = await tenant.api(
      'POST',
      '/api/v1/development/check',
      admission({ trainingExamId: trainingExam.id, trainingHours: 30 }),
    );
    expect(typed.status).toBe(400);
    expect(typed.body.errors[0]).toMatchObject({ field: 'trainingHours', code: 'from_training_exam' });
    // A decision dated before the pass cannot rest on it.
    const early = await tenant.api(
      'POST',
      '/api/v1/development/check',
      admission({ trainingExamId: trainingExam.id, decidedOn: addMonths(T, -1) }),
    );
    expect(early.status).toBe(400);
    expect(early.body.errors[0]).toMatchObject({ field: 'trainingExamId', code: 'training_after_decision' });

    const recorded = await tenant.api(
      'POST',
      '/api/v1/development',
      admission({ trainingExamId: trainingExam.id }),
    );
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      toStage: 'probationary',
      trainingHours: 24,
      trainingDays: 3,
      trainingExamId: trainingExam.id,
    });
    const timeline = (
      await tenant.api(
        'GET',
        `/api/v1/development?${listQuery(['decidedOn', 'ASC'], [0, 9], { memberId: candidate.memberId })}`,
      )
    ).body;
    expect(timeline.at(-1)).toMatchObject({ kind: 'to_probationary', trainingExamId: trainingExam.id });
  }, 60_000);

  it('refuses an exam that is no training exam, another tenant’s, or a member without a login', async () => {
    const plain = (await oneQuestionExam(tenant.api, '普通测验')).exam;
    const other = await freshTenant('train-x', LEARNING);
    const foreign = (await oneQuestionExam(other.api, '别的租户的培训考试', { trainingClassHours: 24 })).exam;
    const second = await member('另一发展对象', 'candidate');
    for (const [examId, memberId, code] of [
      [plain.id, candidate.memberId, 'not_a_training_exam'],
      [foreign.id, candidate.memberId, 'not_a_training_exam'],
      [trainingExam.id, second, 'member_without_login'],
    ] as const) {
      const refused = await tenant.api('POST', '/api/v1/development/check', {
        ...admission({ trainingExamId: examId }),
        memberId,
      });
      expect({ code: refused.body.errors?.[0]?.code, status: refused.status }).toEqual({ code, status: 400 });
    }
  }, 60_000);
});
