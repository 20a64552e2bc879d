import { chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin } from '@dangjian/testing';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

let serial = 0;
const region = String(430000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19850101${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
type Api = (method: string, path: string, body?: unknown) => ReturnType<typeof gateway>;
const as =
  (token: string): Api =>
  (method, path, body) =>
    gateway(method, path, { token, tenant: 'acme-corp', ...(body !== undefined ? { body } : {}) });

describe('organisational life (三会一课): meetings, sign-in, quorum, compliance, appraisal', () => {
  let api: Api;
  let root: { id: string };
  const branchWith = async (
    name: string,
    stages: string[],
    extra: (index: number) => object = () => ({}),
  ) => {
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name,
        code: uniqueSlug('MEET'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body as { id: string };
    const members: { id: string }[] = [];
    for (const [index, developmentStage] of stages.entries()) {
      const created = await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: `${name}${index + 1}`,
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage,
        joinedOn: developmentStage === 'probationary' ? '2026-06-01' : '2010-07-01',
        ...(developmentStage === 'full' ? { confirmedOn: '2011-07-01' } : {}),
        ...extra(index),
      });
      expect(created.status).toBe(201);
      members.push(created.body);
    }
    return { branch, members };
  };
  const memberLogin = async () => {
    const username = uniqueSlug('meet-m');
    const user = {
      id: await invite(await tokenFor('acme-admin'), 'acme-corp', {
        username,
        displayName: '党员',
        password: 'Secret-123',
        roles: ['member'],
      }),
    };
    return { userId: user.id, api: as(await passwordLogin(platform.issuer, username, 'Secret-123')) };
  };
  const meeting = async (organisationId: string, kind: string, scheduledAt: string, extra: object = {}) => {
    const created = await api('POST', '/api/v1/meetings', {
      organisationId,
      kind,
      title: `测试会议 ${scheduledAt.slice(0, 10)}`,
      scheduledAt,
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string };
  };
  const act = (id: string, body: object) => api('POST', `/api/v1/meetings/${id}/actions`, body);

  beforeAll(async () => {
    api = as(await tokenFor('acme-admin'));
    root = (await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`))
      .body[0];
  });

  it('schedules and notifies, signs members in by QR code and online, counts the quorum when held and keeps minutes and attachments', async () => {
    const [alice, bob] = [await memberLogin(), await memberLogin()];
    const { branch, members } = await branchWith(
      '会议测试',
      ['full', 'full', 'full', 'full', 'probationary'],
      (i) => (i === 0 ? { userId: alice.userId } : i === 1 ? { userId: bob.userId, mobile: true } : {}),
    );

    const bad = await api('POST', '/api/v1/meetings', {
      organisationId: branch.id,
      kind: 'party_meeting',
      title: '',
      scheduledAt: '2026-12-01 14:30',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'kind',
      'scheduledAt',
      'title',
    ]);
    expect(
      (
        await api('POST', '/api/v1/meetings', {
          organisationId: branch.id,
          kind: 'group_meeting',
          title: '小组会',
          scheduledAt: new Date().toISOString(),
        })
      ).body.rule,
    ).toBe('meeting-kind-organisation');

    const general = await meeting(branch.id, 'branch_general_meeting', new Date().toISOString(), {
      onlineAllowed: true,
      place: '党员活动室',
    });
    expect((await act(general.id, { action: 'notify' })).body.notifiedAt).toEqual(expect.any(String));

    // In person: the QR token; a forged one is refused with the rule named.
    const { token } = (await api('POST', `/api/v1/meetings/${general.id}/sign-in-tokens`)).body;
    const forged = await alice.api('POST', '/api/v1/attendance/sign-in', {
      meetingId: general.id,
      token: `${token.split('.')[0]}.AAAAAAAAAAAAAAAAAAAAAA`,
    });
    expect(forged.body).toMatchObject({ status: 422, rule: 'sign-in-token-invalid' });
    expect(
      (await alice.api('POST', '/api/v1/attendance/sign-in', { meetingId: general.id, token })).body,
    ).toMatchObject({ memberId: members[0]!.id, status: 'present', mode: 'in_person' });
    // Online: only for mobile members, when the meeting allows it.
    expect(
      (await alice.api('POST', '/api/v1/attendance/sign-in', { meetingId: general.id, online: true })).body
        .rule,
    ).toBe('meeting-online-mobile-only');
    expect(
      (await bob.api('POST', '/api/v1/attendance/sign-in', { meetingId: general.id, online: true })).body,
    ).toMatchObject({ memberId: members[1]!.id, mode: 'online' });
    // Someone who is not a member here learns nothing of the meeting.
    const stranger = await memberLogin();
    expect(
      (await stranger.api('POST', '/api/v1/attendance/sign-in', { meetingId: general.id, token })).status,
    ).toBe(404);
    expect(
      (
        await api('POST', '/api/v1/attendance', {
          meetingId: general.id,
          memberId: members[2]!.id,
          status: 'excused',
        })
      ).status,
    ).toBe(201);

    // Held with 2 of 4 voters (full members): exactly half is no quorum. A paper sign-in recounts it.
    const held = await act(general.id, {
      action: 'hold',
      heldOn: chinaToday(),
      minutes: '审议通过年度工作总结',
    });
    expect(held.body).toMatchObject({
      state: 'held',
      heldOn: chinaToday(),
      quorum: { voters: 4, present: 2, met: false },
      presentCount: 2,
    });
    expect(
      (
        await api('POST', '/api/v1/attendance', {
          meetingId: general.id,
          memberId: members[3]!.id,
          status: 'present',
        })
      ).status,
    ).toBe(201);
    expect((await api('GET', `/api/v1/meetings/${general.id}`)).body.quorum).toEqual({
      voters: 4,
      present: 3,
      met: true,
    });
    expect(
      (await alice.api('POST', '/api/v1/attendance/sign-in', { meetingId: general.id, token })).body.rule,
    ).toBe('meeting-sign-in-closed');
    expect((await act(general.id, { action: 'cancel', reason: '改期' })).body.rule).toBe(
      'meeting-cancel-not-allowed',
    );
    expect((await act(general.id, { action: 'cancel' })).body.errors[0].field).toBe('reason');
    expect(
      (
        await api('POST', '/api/v1/attendance', {
          meetingId: general.id,
          memberId: root.id,
          status: 'present',
        })
      ).body.rule,
    ).toBe('meeting-not-participant');

    const attendance = (
      await api(
        'GET',
        `/api/v1/attendance?${listQuery(['memberName', 'ASC'], [0, 49], { meetingId: general.id })}`,
      )
    ).body;
    expect(
      attendance.map((a: { memberId: string; status: string; mode: string }) => [
        a.memberId,
        a.status,
        a.mode,
      ]),
    ).toEqual([
      [members[0]!.id, 'present', 'in_person'],
      [members[1]!.id, 'present', 'online'],
      [members[2]!.id, 'excused', 'recorded'],
      [members[3]!.id, 'present', 'recorded'],
    ]);

    // Minutes change after the meeting; its details do not. Attachments come back byte for byte.
    expect(
      (await api('PUT', `/api/v1/meetings/${general.id}`, { minutes: '纪要（修订）' })).body.minutes,
    ).toBe('纪要（修订）');
    expect((await api('PUT', `/api/v1/meetings/${general.id}`, { title: '改名' })).body.rule).toBe(
      'meeting-update-not-allowed',
    );
    const scan = Buffer.from('%PDF-1.4 签到表 scan');
    const attached = await api('POST', `/api/v1/meetings/${general.id}/attachments`, {
      fileName: '签到表.pdf',
      contentType: 'application/pdf',
      contentBase64: scan.toString('base64'),
    });
    expect(attached.body).toMatchObject({ fileName: '签到表.pdf', sizeBytes: scan.length });
    const download = await api('GET', `/api/v1/meetings/${general.id}/attachments/${attached.body.id}`);
    expect({ status: download.status, type: download.headers.get('content-type') }).toEqual({
      status: 200,
      type: 'application/pdf',
    });
    expect(download.raw.equals(scan)).toBe(true);
    const tooBig = await api('POST', `/api/v1/meetings/${general.id}/attachments`, {
      fileName: 'big.bin',
      contentType: 'application/octet-stream',
      contentBase64: Buffer.alloc(701 * 1024).toString('base64'),
    });
    expect(tooBig.status).toBe(400);
    expect((await api('GET', `/api/v1/meetings/${general.id}`)).body.attachments).toHaveLength(1);

    // The calendar's window, and the other tenant sees nothing.
    const today = chinaToday();
    const listed = (
      await api(
        'GET',
        `/api/v1/meetings?${listQuery(['scheduledAt', 'ASC'], [0, 99], { withinId: branch.id, from: today })}`,
      )
    ).body;
    expect(listed.map((m: { id: string }) => m.id)).toEqual([general.id]);
    const univ = await tokenFor('univ-admin');
    expect(
      (await gateway('GET', `/api/v1/meetings/${general.id}`, { token: univ, tenant: 'east-univ' })).status,
    ).toBe(404);
    expect(
      (
        await gateway(
          'GET',
          `/api/v1/meeting-compliance?${listQuery(['period', 'ASC'], [0, 499], { withinId: branch.id })}`,
          { token: univ, tenant: 'east-univ' },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await gateway(
          'GET',
          `/api/v1/meetings?${listQuery(['scheduledAt', 'ASC'], [0, 9], { from: '2026-02-30' })}`,
          { token: univ, tenant: 'east-univ' },
        )
      ).body.errors[0].field,
    ).toBe('filter.from');
  });

  it("counts a committee meeting's quorum from the current office holders, by member record or by login", async () => {
    const alice = await memberLogin();
    const { branch, members } = await branchWith('支委会测试', ['full', 'full', 'full', 'full'], (i) =>
      i === 1 ? { userId: alice.userId } : {},
    );
    const elsewhere = (await branchWith('支委会外支部', ['full'])).members[0]!;
    const term = { organisationId: branch.id, termStart: '2024-12-01', termEnd: '2027-11-30' };
    // The secretary has no login: named by member record. The deputy is named by login only.
    expect(
      (
        await api('POST', '/api/v1/positions', {
          ...term,
          kind: 'secretary',
          holderName: '支委会测试1',
          holderMemberId: members[0]!.id,
        })
      ).body.holderMemberId,
    ).toBe(members[0]!.id);
    expect(
      (
        await api('POST', '/api/v1/positions', {
          ...term,
          kind: 'deputy_secretary',
          holderName: '支委会测试2',
          holderUserId: alice.userId,
        })
      ).status,
    ).toBe(201);
    // Named by member record alone: the member's name is taken.
    expect(
      (
        await api('POST', '/api/v1/positions', {
          ...term,
          kind: 'committee_member',
          holderMemberId: members[2]!.id,
        })
      ).body,
    ).toMatchObject({ holderName: '支委会测试3', holderMemberId: members[2]!.id });
    // A holder's record must be on this organisation's books.
    expect(
      (
        await api('POST', '/api/v1/positions', {
          ...term,
          kind: 'committee_member',
          holderName: '外支部',
          holderMemberId: elsewhere.id,
        })
      ).body.rule,
    ).toBe('position-holder-not-member-here');
    expect(
      (
        await api('POST', '/api/v1/positions', {
          ...term,
          kind: 'committee_member',
          holderName: '坏',
          holderMemberId: 'x',
        })
      ).body.errors[0].field,
    ).toBe('holderMemberId');
    // Another tenant's member is not found here at all.
    const univ = await tokenFor('univ-admin');
    const univMember = (
      await gateway('GET', `/api/v1/members?${listQuery(['name', 'ASC'], [0, 0], {})}`, {
        token: univ,
        tenant: 'east-univ',
      })
    ).body[0] as { id: string };
    expect(
      (
        await api('POST', '/api/v1/positions', {
          ...term,
          kind: 'committee_member',
          holderMemberId: univMember.id,
        })
      ).status,
    ).toBe(404);

    const committee = await meeting(branch.id, 'branch_committee_meeting', new Date().toISOString());
    // The secretary (no login) and the deputy (login) are present; an ordinary member's presence does not count.
    for (const [member, status] of [
      [members[0]!, 'present'],
      [members[1]!, 'present'],
      [members[3]!, 'present'],
    ] as const) {
      expect(
        (await api('POST', '/api/v1/attendance', { meetingId: committee.id, memberId: member.id, status }))
          .status,
      ).toBe(201);
    }
    expect(
      (await act(committee.id, { action: 'hold', heldOn: chinaToday(), minutes: '研究发展党员工作' })).body
        .quorum,
    ).toEqual({ voters: 3, present: 2, met: true });
    // The deputy turns out to have been absent: 1 of 3 is no quorum.
    expect(
      (
        await api('POST', '/api/v1/attendance', {
          meetingId: committee.id,
          memberId: members[1]!.id,
          status: 'absent',
        })
      ).status,
    ).toBe(201);
    expect((await api('GET', `/api/v1/meetings/${committee.id}`)).body.quorum).toEqual({
      voters: 3,
      present: 1,
      met: false,
    });
  });

  it('checks compliance over a year: a quarter without a valid general meeting is missed, and a meeting without quorum does not count', async () => {
    const { branch, members } = await branchWith('合规测试', ['full', 'full', 'full']);
    const year = Number(chinaToday().slice(0, 4)) - 1;
    const holdGeneral = async (date: string, present: number) => {
      const general = await meeting(branch.id, 'branch_general_meeting', `${date}T14:30:00+08:00`);
      for (const member of members.slice(0, present))
        await api('POST', '/api/v1/attendance', {
          meetingId: general.id,
          memberId: member.id,
          status: 'present',
        });
      return (await act(general.id, { action: 'hold', heldOn: date })).body;
    };
    expect((await holdGeneral(`${year}-02-10`, 2)).quorum.met).toBe(true);
    expect((await holdGeneral(`${year}-05-12`, 3)).quorum.met).toBe(true);
    expect((await holdGeneral(`${year}-08-18`, 1)).quorum).toEqual({ voters: 3, present: 1, met: false });
    expect((await holdGeneral(`${year}-11-03`, 2)).quorum.met).toBe(true);
    const cancelled = await meeting(branch.id, 'branch_general_meeting', `${year}-09-20T14:30:00+08:00`);
    await act(cancelled.id, { action: 'cancel', reason: '台风' });

    const compliance = await api(
      'GET',
      `/api/v1/meeting-compliance?${listQuery(['period', 'ASC'], [0, 499], { withinId: branch.id, year })}`,
    );
    expect(compliance.status).toBe(200);
    const rows = compliance.body as { kind: string; period: string; held: number; status: string }[];
    expect(
      rows.filter((r) => r.kind === 'branch_general_meeting').map((r) => [r.period, r.held, r.status]),
    ).toEqual([
      [`${year}-Q1`, 1, 'met'],
      [`${year}-Q2`, 1, 'met'],
      [`${year}-Q3`, 0, 'missed'],
      [`${year}-Q4`, 1, 'met'],
    ]);
    // Three full members: no committee yet. Lectures quarterly, theme days monthly, the rest yearly.
    const kinds = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect([
      kinds('branch_committee_meeting'),
      kinds('party_lecture'),
      kinds('theme_day'),
      kinds('organisational_life_meeting'),
      kinds('member_appraisal'),
    ]).toEqual([0, 4, 12, 1, 1]);
    expect(rows.filter((r) => r.kind === 'theme_day').every((r) => r.status === 'missed')).toBe(true);
    const missed = (
      await api(
        'GET',
        `/api/v1/meeting-compliance?${listQuery(['period', 'ASC'], [0, 499], { withinId: branch.id, year, status: 'missed' })}`,
      )
    ).body;
    expect(missed).toHaveLength(rows.length - 3);

    // Lectures every half year when the tenant says so; this year's current month is due.
    await api('PUT', '/api/v1/organisation-settings/current', { partyLectureMonths: 6 });
    try {
      const now = (
        await api(
          'GET',
          `/api/v1/meeting-compliance?${listQuery(['period', 'ASC'], [0, 499], { withinId: branch.id })}`,
        )
      ).body as typeof rows;
      expect(now.filter((r) => r.kind === 'party_lecture').map((r) => r.period)).toEqual([
        `${year + 1}-H1`,
        `${year + 1}-H2`,
      ]);
      expect(now.find((r) => r.kind === 'theme_day' && r.period === chinaToday().slice(0, 7))!.status).toBe(
        'due',
      );
    } finally {
      await api('PUT', '/api/v1/organisation-settings/current', { partyLectureMonths: 3 });
    }
    expect(
      (await api('PUT', '/api/v1/organisation-settings/current', { partyLectureMonths: 5 })).body.errors[0]
        .field,
    ).toBe('partyLectureMonths');
  });

  it('grades a member appraisal: 优秀 at most a third of those graded, probationary members without a grade', async () => {
    const { branch, members } = await branchWith('评议测试', [
      'full',
      'full',
      'full',
      'full',
      'probationary',
    ]);
    const appraisal = await meeting(branch.id, 'member_appraisal', `${chinaToday()}T09:00:00+08:00`);
    const grades = (entries: [number, string][]) =>
      api('PUT', `/api/v1/meetings/${appraisal.id}/appraisal-grades`, {
        grades: entries.map(([i, grade]) => ({ memberId: members[i]!.id, grade })),
      });
    expect((await grades([[0, 'qualified']])).body.rule).toBe('appraisal-not-held');
    await act(appraisal.id, { action: 'hold', heldOn: chinaToday() });

    expect((await grades([[0, 'outstanding']])).body.errors[0].field).toBe('grades.0.grade');
    expect(
      (
        await grades([
          [0, 'excellent'],
          [1, 'excellent'],
          [2, 'qualified'],
          [3, 'qualified'],
        ])
      ).body,
    ).toMatchObject({ status: 422, rule: 'appraisal-excellent-cap' });
    expect((await grades([[4, 'qualified']])).body.rule).toBe('appraisal-probationary-no-grade');
    const recorded = await grades([
      [0, 'excellent'],
      [1, 'qualified'],
      [2, 'basically_qualified'],
      [3, 'qualified'],
    ]);
    expect(recorded.status).toBe(200);
    expect(recorded.body).toHaveLength(4);
    // The cap holds over the whole appraisal, not just one request.
    expect((await grades([[1, 'excellent']])).body.rule).toBe('appraisal-excellent-cap');
    expect(
      (
        await grades([
          [0, 'qualified'],
          [1, 'excellent'],
        ])
      ).status,
    ).toBe(200);
    const stored = (await api('GET', `/api/v1/meetings/${appraisal.id}/appraisal-grades`)).body as {
      memberId: string;
      grade: string;
    }[];
    expect(stored.filter((g) => g.grade === 'excellent').map((g) => g.memberId)).toEqual([members[1]!.id]);
  });
});
