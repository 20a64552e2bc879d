import { fromBinary } from '@bufbuild/protobuf';
import { MemberStageChangedSchema, PublicityOpenedSchema } from '@dangjian/contracts';
import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin, streamEvents } from '@dangjian/testing';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

let serial = 400;
const idCard = (birth = '19950815') => {
  const first17 = `110106${birth}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const T = chinaToday();
const monthsAgo = (n: number) => addMonths(T, -n);

describe('membership development (发展党员) through the gateway', () => {
  let api: (method: string, path: string, body?: object) => ReturnType<typeof gateway>;
  let branch: { id: string };
  const fullMembers: string[] = [];

  beforeAll(async () => {
    const admin = await tokenFor('acme-admin');
    api = (method, path, body) =>
      gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    branch = (
      await api('POST', '/api/v1/organisations', {
        name: '发展党员测试党支部',
        code: uniqueSlug('DEV'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    for (const name of ['介绍人甲', '介绍人乙']) {
      const member = await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name,
        idCardNumber: idCard('19800101'),
        occupation: 'salaried',
        developmentStage: 'full',
        confirmedOn: '2010-07-01',
      });
      fullMembers.push(member.body.id);
    }
  });

  const openPublicity = async (memberId: string, stage: string, startsOn: string) => {
    const response = await api('POST', '/api/v1/publicity-periods', { memberId, stage, startsOn });
    expect(response.status).toBe(201);
    return response.body as { id: string; endsOn: string; workingDays: number };
  };

  it('takes an applicant to full member, refusing each step until its rules hold, and publishes every change', async () => {
    const applicant = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '申请人',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'applicant',
        stageSince: monthsAgo(48),
      })
    ).body;
    expect(applicant.stageSince).toBe(monthsAgo(48));
    const step = (body: object) => api('POST', '/api/v1/development', { memberId: applicant.id, ...body });

    expect((await step({ kind: 'application_talk', decidedOn: addMonths(monthsAgo(48), 0) })).status).toBe(
      201,
    );

    // applicant → activist: the dry run lists every broken rule; the publicity's pending objection blocks.
    const check = await api('POST', '/api/v1/development/check', {
      memberId: applicant.id,
      kind: 'to_activist',
      decidedOn: monthsAgo(41),
    });
    expect(check.status).toBe(200);
    expect(check.body.allowed).toBe(false);
    expect(check.body.brokenRules.map((b: { rule: string }) => b.rule)).toEqual([
      'sponsors-count',
      'publicity-required',
    ]);
    const publicity = await openPublicity(applicant.id, 'activist', monthsAgo(42));
    expect(publicity.workingDays).toBe(5);
    await api('PUT', `/api/v1/publicity-periods/${publicity.id}`, {
      objectionStatus: 'pending',
      objectionNote: '群众反映其工作作风问题',
    });
    const blocked = await step({
      kind: 'to_activist',
      decidedOn: monthsAgo(41),
      sponsorIds: [fullMembers[0]],
    });
    expect(blocked.status).toBe(422);
    expect(blocked.body.rule).toBe('publicity-objection');
    await api('PUT', `/api/v1/publicity-periods/${publicity.id}`, {
      objectionStatus: 'dismissed',
      objectionNote: '经核实，反映问题不属实',
    });
    const named = await step({ kind: 'to_activist', decidedOn: monthsAgo(41), sponsorIds: [fullMembers[0]] });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({
      fromStage: 'applicant',
      toStage: 'activist',
      publicityPeriodId: publicity.id,
    });

    // activist → candidate: one year as activist.
    await openPublicity(applicant.id, 'candidate', monthsAgo(30));
    const early = await step({ kind: 'to_candidate', decidedOn: monthsAgo(30) });
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: { description: string }) => e.description.split(':')[0])).toEqual([
      'activist-one-year',
      'publicity-not-ended',
    ]);
    expect((await step({ kind: 'to_candidate', decidedOn: monthsAgo(29) })).status).toBe(201);

    // candidate → probationary: introducers, review, training, pre-review, vote, approval within 3 months.
    await openPublicity(applicant.id, 'probationary', monthsAgo(20));
    const admission = {
      kind: 'to_probationary',
      decidedOn: monthsAgo(19),
      introducerIds: fullMembers,
      trainingHours: 24,
      politicalReviewConcludedOn: monthsAgo(20),
      preReviewedOn: monthsAgo(20),
      vote: { eligible: 10, present: 6, inFavour: 5 },
      higherApprovedOn: monthsAgo(18),
    };
    const noMajority = await step(admission);
    expect(noMajority.status).toBe(422);
    expect(noMajority.body.rule).toBe('vote-majority');
    const admitted = await step({ ...admission, vote: { eligible: 10, present: 6, inFavour: 6 } });
    expect(admitted.status).toBe(201);

    // probationary → full: one year of probation, written application; full membership dates from the probation's end.
    await openPublicity(applicant.id, 'full', monthsAgo(7));
    const confirmation = {
      kind: 'confirmation',
      decidedOn: monthsAgo(6),
      appliedOn: monthsAgo(7),
      vote: { eligible: 11, present: 9, inFavour: 9 },
      higherApprovedOn: monthsAgo(5),
    };
    // The oath comes first (rules.md §3, issue 14): without it, no confirmation; it is taken once.
    const sworn = await step(confirmation);
    expect(sworn.body).toMatchObject({ status: 422, rule: 'confirmation-oath' });
    expect((await step({ kind: 'oath', decidedOn: monthsAgo(20) })).body.rule).toBe(
      'decision-after-stage-start',
    );
    expect((await step({ kind: 'oath', decidedOn: monthsAgo(19) })).status).toBe(201);
    expect((await step({ kind: 'oath', decidedOn: monthsAgo(18) })).body.rule).toBe('oath-once');
    const confirmed = await step(confirmation);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.effectiveOn).toBe(monthsAgo(7));

    const member = (await api('GET', `/api/v1/members/${applicant.id}`)).body;
    expect(member).toMatchObject({
      developmentStage: 'full',
      joinedOn: monthsAgo(19),
      oathTakenOn: monthsAgo(19),
      confirmedOn: monthsAgo(7),
      stageSince: monthsAgo(7),
    });
    const timeline = (
      await api(
        'GET',
        `/api/v1/development?${listQuery(['decidedOn', 'ASC'], [0, 20], { memberId: applicant.id })}`,
      )
    ).body;
    expect(timeline.map((s: { kind: string }) => s.kind)).toEqual([
      'application_talk',
      'to_activist',
      'to_candidate',
      'to_probationary',
      'oath',
      'confirmation',
    ]);
    const history = (await api('GET', `/api/v1/members/${applicant.id}/history`)).body;
    expect(history.map((h: { reason: string }) => h.reason)).toContain('development: confirmation');
    expect((await step(confirmation)).body.rule).toBe('stage-order');

    // Every stage change and publicity period is on JetStream.
    const changes = await streamEvents(
      platform,
      'events.organisation.member.stage_changed',
      (events) =>
        events.filter((e) => fromBinary(MemberStageChangedSchema, e.data).step?.memberId === applicant.id)
          .length >= 4,
    );
    expect(
      changes
        .map((e) => fromBinary(MemberStageChangedSchema, e.data).step!)
        .filter((s) => s.memberId === applicant.id)
        .map((s) => s.toStage),
    ).toEqual(['activist', 'candidate', 'probationary', 'full']);
    const opened = await streamEvents(platform, 'events.organisation.publicity.opened', (events) =>
      events.some((e) => fromBinary(PublicityOpenedSchema, e.data).publicityPeriod?.id === publicity.id),
    );
    expect(
      opened.some((e) => fromBinary(PublicityOpenedSchema, e.data).publicityPeriod?.memberName === '申请人'),
    ).toBe(true);
  });

  it('refuses an applicant under 18 and lists overdue steps in the pipeline', async () => {
    const minorBirth = `${Number(T.slice(0, 4)) - 17}0101`;
    const minor = await api('POST', '/api/v1/members', {
      organisationId: branch.id,
      name: '未成年',
      idCardNumber: idCard(minorBirth),
      occupation: 'student',
      developmentStage: 'applicant',
    });
    expect(minor.status).toBe(422);
    expect(minor.body.rule).toBe('applicant-age');

    const waiting = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '待谈话申请人',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'applicant',
        stageSince: monthsAgo(2),
      })
    ).body;
    const probation = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '期满预备党员',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'probationary',
        joinedOn: monthsAgo(13),
      })
    ).body;
    const overdue = (
      await api(
        'GET',
        `/api/v1/development-overdue?${listQuery(['dueOn', 'ASC'], [0, 50], { withinId: branch.id })}`,
      )
    ).body as { memberId: string; step: string; dueOn: string }[];
    expect(overdue.find((o) => o.memberId === waiting.id)).toMatchObject({
      step: 'application_talk',
      dueOn: addMonths(monthsAgo(2), 1),
    });
    expect(overdue.find((o) => o.memberId === probation.id)).toMatchObject({
      step: 'confirmation',
      dueOn: monthsAgo(1),
    });
    const stats = (await api('GET', `/api/v1/statistics/${branch.id}`)).body;
    expect(stats.overdueSteps).toEqual(
      expect.arrayContaining([
        { key: 'application_talk', count: 1 },
        { key: 'confirmation', count: 1 },
      ]),
    );

    // After the talk, the applicant leaves the list.
    await api('POST', '/api/v1/development', {
      memberId: waiting.id,
      kind: 'application_talk',
      decidedOn: T,
    });
    const after = (
      await api(
        'GET',
        `/api/v1/development-overdue?${listQuery(['dueOn', 'ASC'], [0, 50], { withinId: branch.id })}`,
      )
    ).body as { memberId: string }[];
    expect(after.some((o) => o.memberId === waiting.id)).toBe(false);
  });

  it('follows the tenant settings and keeps a secretary to their subtree', async () => {
    const settings = await api('GET', '/api/v1/organisation-settings/current');
    expect(settings.body).toMatchObject({
      thoughtReportCadenceMonths: 3,
      minApplicantMonths: 6,
      publicityWorkingDays: 5,
    });
    const bad = await api('PUT', '/api/v1/organisation-settings/current', { publicityWorkingDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('publicityWorkingDays');
    const changed = await api('PUT', '/api/v1/organisation-settings/current', { publicityWorkingDays: 7 });
    expect(changed.body.publicityWorkingDays).toBe(7);
    try {
      const member = (
        await api('POST', '/api/v1/members', {
          organisationId: branch.id,
          name: '七日公示',
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'applicant',
          stageSince: monthsAgo(8),
        })
      ).body;
      // Monday 2026-11-16 + 7 working days ends Tuesday 2026-11-24.
      const period = await openPublicity(member.id, 'activist', '2026-11-16');
      expect(period).toMatchObject({ workingDays: 7, endsOn: '2026-11-24' });

      // A secretary of another branch sees neither the member nor their timeline, and cannot record a step.
      const root = (
        await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
      ).body[0];
      const other = (
        await api('POST', '/api/v1/organisations', {
          name: '另一党支部',
          code: uniqueSlug('OTH'),
          kind: 'branch',
          parentId: root.id,
        })
      ).body;
      const username = uniqueSlug('sec');
      await invite(await tokenFor('acme-admin'), 'acme-corp', {
        username,
        displayName: '他支部书记',
        password: 'Secret-123',
        roles: ['secretary'],
        organisationScope: [other.id],
      });
      const secretary = await passwordLogin(platform.issuer, username, 'Secret-123');
      const asSecretary = (method: string, path: string, body?: object) =>
        gateway(method, path, { token: secretary, tenant: 'acme-corp', ...(body ? { body } : {}) });
      expect(
        (
          await asSecretary(
            'GET',
            `/api/v1/development?${listQuery(['decidedOn', 'ASC'], [0, 9], { memberId: member.id })}`,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await asSecretary('POST', '/api/v1/development', {
            memberId: member.id,
            kind: 'application_talk',
            decidedOn: T,
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await asSecretary('PUT', `/api/v1/publicity-periods/${period.id}`, {
            objectionStatus: 'pending',
            objectionNote: 'x',
          })
        ).status,
      ).toBe(403);
      expect(
        (await asSecretary('PUT', '/api/v1/organisation-settings/current', { publicityWorkingDays: 3 }))
          .status,
      ).toBe(403);
      // Another tenant's admin does not find the member at all.
      const otherTenant = await tokenFor('univ-admin');
      expect(
        (
          await gateway(
            'GET',
            `/api/v1/development?${listQuery(['decidedOn', 'ASC'], [0, 9], { memberId: member.id })}`,
            { token: otherTenant, tenant: 'east-univ' },
          )
        ).status,
      ).toBe(404);
    } finally {
      await api('PUT', '/api/v1/organisation-settings/current', { publicityWorkingDays: 5 });
    }
  });

  it('names the bad field for malformed input', async () => {
    const response = await api('POST', '/api/v1/development', {
      memberId: fullMembers[0],
      kind: 'to_probationary',
      decidedOn: T,
      vote: { eligible: 10, present: 'many', inFavour: 3 },
    });
    expect(response.status).toBe(400);
    expect([...new Set(response.body.errors.map((e: { field: string }) => e.field))]).toEqual([
      'vote.present',
    ]);
    const kind = await api('POST', '/api/v1/development', {
      memberId: fullMembers[0],
      kind: 'promote',
      decidedOn: T,
    });
    expect(kind.body.errors[0].field).toBe('kind');
  });
});
