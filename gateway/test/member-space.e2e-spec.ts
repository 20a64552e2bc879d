import { chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import pg from 'pg';
import { freshTenant, gateway, person, platform, uniqueSlug, type Call } from './support.js';

type Api = Awaited<ReturnType<typeof freshTenant>>['api'];

/*
 * Issue 15, 党员e家: a member's own space. Every route answers for the caller's own record, found by
 * their login: tried with other members' ids, another tenant's, another organisation's, and no token.
 * The secretary's side — leave decisions and replies — is tried against the member's view of it.
 */
let serial = 0;
const region = String(350000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19900101${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const MY_ROUTES = [
  ['GET', '/api/v1/me/home'],
  ['GET', '/api/v1/me/record'],
  ['POST', '/api/v1/me/record/pii'],
  ['GET', `/api/v1/me/meetings?${listQuery(['scheduledAt', 'ASC'], [0, 9])}`],
  ['GET', `/api/v1/me/thought-reports?${listQuery(['submittedOn', 'DESC'], [0, 9])}`],
  ['GET', '/api/v1/me/dues'],
] as const;

describe('党员e家: a member’s own space', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  let other: Awaited<ReturnType<typeof freshTenant>>;
  let branch: { id: string };
  let otherBranch: { id: string };
  let mobile: Awaited<ReturnType<typeof person>> & { memberId: string; idCard: string };
  let secretary: Awaited<ReturnType<typeof person>> & { memberId: string };
  let applicant: Awaited<ReturnType<typeof person>> & { memberId: string };
  let unlinked: Awaited<ReturnType<typeof person>>;

  const organisation = async (api: Api, parentId: string, name: string) =>
    (await api('POST', '/api/v1/organisations', { name, code: uniqueSlug('MY'), kind: 'branch', parentId }))
      .body as { id: string };
  const member = async (api: Api, organisationId: string, name: string, body: object) => {
    const card = idCard();
    const created = await api('POST', '/api/v1/members', {
      organisationId,
      name,
      idCardNumber: card,
      occupation: 'salaried',
      developmentStage: 'full',
      joinedOn: '2015-07-01',
      confirmedOn: '2016-07-01',
      ...body,
    });
    expect(created.status).toBe(201);
    return { memberId: created.body.id as string, idCard: card };
  };
  const meeting = async (api: Api, organisationId: string, kind: string, minutes: number) => {
    const created = await api('POST', '/api/v1/meetings', {
      organisationId,
      kind,
      title: `${kind} ${uniqueSlug('m')}`,
      scheduledAt: inMinutes(minutes),
      place: '党员活动室',
      agenda: '一、学习党章\n二、讨论发展对象',
      onlineAllowed: true,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; title: string };
  };

  beforeAll(async () => {
    tenant = await freshTenant('myspace');
    other = await freshTenant('myother');
    branch = await organisation(tenant.api, tenant.root.id, '第一党支部');
    otherBranch = await organisation(tenant.api, tenant.root.id, '第二党支部');
    const withRecord = async (roles: string[], name: string, body: object, scope: string[] = []) => {
      const login = await person(tenant.api, tenant.slug, roles, scope);
      return { ...login, ...(await member(tenant.api, branch.id, name, { userId: login.userId, ...body })) };
    };
    mobile = await withRecord(['member'], '流动党员甲', { mobile: true, phone: '13800138000' });
    secretary = await withRecord(['secretary'], '支部书记乙', {}, [branch.id]);
    applicant = await withRecord(['member'], '申请人丙', {
      developmentStage: 'applicant',
      joinedOn: undefined,
      confirmedOn: undefined,
      stageSince: chinaToday(),
    });
    unlinked = await person(tenant.api, tenant.slug, ['member']);
    const year = Number(chinaToday().slice(0, 4));
    expect(
      (
        await tenant.api('POST', '/api/v1/positions', {
          organisationId: branch.id,
          kind: 'secretary',
          holderMemberId: secretary.memberId,
          termStart: `${year - 1}-01-01`,
          termEnd: `${year + 3}-12-31`,
        })
      ).status,
    ).toBe(201);
  }, 120_000);

  it('answers nobody without a token, and tells a person without a record how to get one', async () => {
    // Home answers them: no record, nothing to do.
    expect((await unlinked.call('GET', '/api/v1/me/home')).body).toEqual({
      hasRecord: false,
      memberName: '',
      organisationName: '',
      items: [],
    });
    for (const [method, path] of MY_ROUTES) {
      const anonymous = await gateway(method, path, { tenant: tenant.slug });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
      if (path === '/api/v1/me/home') continue;
      const stranger = await unlinked.call(method, path);
      expect([path, stranger.status, stranger.body.rule]).toEqual([path, 422, 'no-member-record']);
      expect(stranger.headers.get('content-type')).toContain('application/problem+json');
    }
    // Another tenant's member is refused in this tenant (not theirs), whatever route.
    const outsider = await person(other.api, other.slug, ['member']);
    const there = await gateway('GET', '/api/v1/me/record', { token: outsider.token, tenant: tenant.slug });
    expect(there.status).toBe(403);
    // A member reaches none of the staff's routes.
    for (const path of [
      '/api/v1/members',
      '/api/v1/meeting-leave-requests',
      '/api/v1/unanswered-thought-reports',
    ])
      expect((await mobile.call('GET', `${path}?${listQuery(['id', 'ASC'], [0, 0])}`)).status).toBe(403);
  });

  it('shows my record masked, my organisation and its secretary, and my full numbers only on asking, audited', async () => {
    const record = (await mobile.call('GET', '/api/v1/me/record')).body;
    expect(record).toMatchObject({
      memberId: mobile.memberId,
      name: '流动党员甲',
      developmentStage: 'full',
      mobile: true,
      organisation: { id: branch.id, name: '第一党支部', pathNames: ['测试党委', '第一党支部'] },
      officeHolders: [{ kind: 'secretary', name: '支部书记乙' }],
      nextStep: null,
    });
    expect(record.idCardNumberMasked).not.toContain(mobile.idCard.slice(6, 14));
    expect(record.phoneMasked).toBe('138****8000');
    // The applicant sees the pipeline's next step (the talk within a month of applying).
    const own = (await applicant.call('GET', '/api/v1/me/record')).body;
    expect(own).toMatchObject({ memberId: applicant.memberId, developmentStage: 'applicant' });
    expect(own.nextStep.step).toBe('application_talk');

    const full = await mobile.call('POST', '/api/v1/me/record/pii');
    expect(full.status).toBe(200);
    expect(full.body).toEqual({ idCardNumber: mobile.idCard, phone: '13800138000' });
    const db = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await db.connect();
    try {
      const { rows } = await db.query('select accessed_by, reason from pii_access_log where member_id = $1', [
        mobile.memberId,
      ]);
      expect(rows).toEqual([{ accessed_by: mobile.userId, reason: 'self-view' }]);
    } finally {
      await db.end();
    }
  });

  it('lists the meetings of my organisations only, signs me in online and takes my leave request to the organiser', async () => {
    const general = await meeting(tenant.api, branch.id, 'branch_general_meeting', 10);
    const committee = await meeting(tenant.api, branch.id, 'branch_committee_meeting', 20);
    const elsewhere = await meeting(tenant.api, otherBranch.id, 'branch_general_meeting', 10);
    const foreign = await meeting(other.api, other.root.id, 'party_lecture', 10);
    const upcoming = async (who: { call: Call }) =>
      (
        (
          await who.call(
            'GET',
            `/api/v1/me/meetings?${listQuery(['scheduledAt', 'ASC'], [0, 49], { when: 'upcoming' })}`,
          )
        ).body as { id: string }[]
      ).map((m) => m.id);
    // The committee meeting is its office holders' only; the other branch's is not mine.
    expect(await upcoming(mobile)).toEqual([general.id]);
    expect(await upcoming(secretary)).toEqual([general.id, committee.id]);
    expect(await upcoming(applicant)).toEqual([]);
    for (const id of [committee.id, elsewhere.id, foreign.id, 'not-an-id'])
      expect((await mobile.call('GET', `/api/v1/me/meetings/${id}`)).status).toBe(
        id === 'not-an-id' ? 400 : 404,
      );

    const mine = (await mobile.call('GET', `/api/v1/me/meetings/${general.id}`)).body;
    expect(mine).toMatchObject({
      id: general.id,
      state: 'scheduled',
      canSignInOnline: true,
      minutes: '',
      agenda: '一、学习党章\n二、讨论发展对象',
    });
    const signedIn = await mobile.call('POST', '/api/v1/attendance/sign-in', {
      meetingId: general.id,
      online: true,
    });
    expect(signedIn.status).toBe(201);
    expect((await mobile.call('GET', `/api/v1/me/meetings/${general.id}`)).body).toMatchObject({
      attendanceStatus: 'present',
      canSignInOnline: false,
    });
    const late = await mobile.call('POST', `/api/v1/me/meetings/${general.id}/leave-request`, {
      reason: '临时出差',
    });
    expect(late.body).toMatchObject({ status: 422, rule: 'leave-after-sign-in' });

    // The secretary (not a mobile member) asks for leave; an empty reason is named.
    const empty = await secretary.call('POST', `/api/v1/me/meetings/${general.id}/leave-request`, {});
    expect(empty.status).toBe(400);
    expect(new Set(empty.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['reason']));
    const asked = await secretary.call('POST', `/api/v1/me/meetings/${general.id}/leave-request`, {
      reason: '外出培训',
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ leaveState: 'requested', attendanceStatus: null });
    // Someone else's meeting id: not found, and nothing asked.
    const foreignLeave = await secretary.call('POST', `/api/v1/me/meetings/${foreign.id}/leave-request`, {
      reason: '外出培训',
    });
    expect(foreignLeave.status).toBe(404);

    const pending = (
      await tenant.api(
        'GET',
        `/api/v1/meeting-leave-requests?${listQuery(['requestedAt', 'ASC'], [0, 49], { meetingId: general.id })}`,
      )
    ).body as { id: string; memberName: string; reason: string; state: string }[];
    expect(pending).toMatchObject([{ memberName: '支部书记乙', reason: '外出培训', state: 'requested' }]);
    const noNote = await tenant.api('POST', `/api/v1/meeting-leave-requests/${pending[0]!.id}/decision`, {
      grant: false,
    });
    expect(noNote.status).toBe(400);
    expect(noNote.body.errors[0].field).toBe('note');
    // The other tenant's admin cannot decide it.
    expect(
      (await other.api('POST', `/api/v1/meeting-leave-requests/${pending[0]!.id}/decision`, { grant: true }))
        .status,
    ).toBe(404);
    const granted = await tenant.api('POST', `/api/v1/meeting-leave-requests/${pending[0]!.id}/decision`, {
      grant: true,
    });
    expect(granted.status).toBe(200);
    expect(granted.body.state).toBe('granted');
    expect((await secretary.call('GET', `/api/v1/me/meetings/${general.id}`)).body).toMatchObject({
      leaveState: 'granted',
      attendanceStatus: 'excused',
    });
    const again = await secretary.call('POST', `/api/v1/me/meetings/${general.id}/leave-request`, {
      reason: '再请',
    });
    expect(again.body.rule).toBe('leave-request-decided');
    const home = (await secretary.call('GET', '/api/v1/me/home')).body as {
      items: { kind: string; state: string | null; refId: string | null }[];
    };
    expect(home.items).toContainEqual(
      expect.objectContaining({ kind: 'leave_decided', state: 'granted', refId: general.id }),
    );
    expect(home.items.some((item) => ['meeting_today', 'meeting_soon'].includes(item.kind))).toBe(true);

    // Held with minutes: members read them; past now for the organisation.
    const held = await tenant.api('POST', `/api/v1/meetings/${general.id}/actions`, {
      action: 'hold',
      heldOn: chinaToday(),
      minutes: '学习了党章第一章。',
    });
    expect(held.status).toBe(200);
    expect((await mobile.call('GET', `/api/v1/me/meetings/${general.id}`)).body).toMatchObject({
      state: 'held',
      minutes: '学习了党章第一章。',
    });
  });

  it('takes my thought report to my secretary and brings the reply back to me alone', async () => {
    const bad = await applicant.call('POST', '/api/v1/me/thought-reports', { title: '', content: '正文' });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(new Set(['title']));
    // Full members do not write thought reports (rules.md §3).
    const full = await mobile.call('POST', '/api/v1/me/thought-reports', { title: '汇报', content: '正文' });
    expect(full.body.rule).toBe('thought-report-stage');
    const submitted = await applicant.call('POST', '/api/v1/me/thought-reports', {
      title: '第一季度思想汇报',
      content: '认真学习了党章。',
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ source: 'member', reply: '', submittedOn: chinaToday() });

    const unanswered = async (api: Call | Api) =>
      (
        (await api('GET', `/api/v1/unanswered-thought-reports?${listQuery(['createdAt', 'ASC'], [0, 49])}`))
          .body as { id: string; memberName: string }[]
      ).map((report) => `${report.memberName}:${report.id}`);
    expect(await unanswered(tenant.api)).toEqual([`申请人丙:${submitted.body.id}`]);
    expect(await unanswered(secretary.call)).toEqual([`申请人丙:${submitted.body.id}`]);
    // A member cannot answer; another tenant's admin does not find it.
    expect(
      (await mobile.call('POST', `/api/v1/thought-reports/${submitted.body.id}/reply`, { reply: '很好' }))
        .status,
    ).toBe(403);
    expect(
      (await other.api('POST', `/api/v1/thought-reports/${submitted.body.id}/reply`, { reply: '很好' }))
        .status,
    ).toBe(404);
    const replied = await secretary.call('POST', `/api/v1/thought-reports/${submitted.body.id}/reply`, {
      reply: '汇报认真，请继续加强理论学习。',
    });
    expect(replied.status).toBe(200);
    expect(await unanswered(tenant.api)).toEqual([]);

    const mine = await applicant.call(
      'GET',
      `/api/v1/me/thought-reports?${listQuery(['submittedOn', 'DESC'], [0, 9])}`,
    );
    expect(mine.body).toMatchObject([{ id: submitted.body.id, reply: '汇报认真，请继续加强理论学习。' }]);
    expect(mine.headers.get('x-next-due-on')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Another member's list is their own (empty), never the applicant's.
    expect(
      (await mobile.call('GET', `/api/v1/me/thought-reports?${listQuery(['submittedOn', 'DESC'], [0, 9])}`))
        .body,
    ).toEqual([]);
    const home = (await applicant.call('GET', '/api/v1/me/home')).body as {
      items: { kind: string; refId: string }[];
    };
    expect(home.items).toContainEqual(
      expect.objectContaining({ kind: 'thought_report_replied', refId: submitted.body.id }),
    );
  });

  it('shows my dues as the branch assessed them, and what is outstanding until the treasurer records it paid', async () => {
    const month = chinaToday().slice(0, 7);
    expect((await mobile.call('GET', '/api/v1/me/dues')).body).toMatchObject({
      assessment: null,
      months: [],
      outstandingMonths: 0,
    });
    expect(
      (
        await tenant.api('POST', '/api/v1/dues-assessments', {
          memberId: mobile.memberId,
          effectiveFrom: month,
          baseFen: 650_000,
        })
      ).status,
    ).toBe(201);
    expect((await tenant.api('POST', '/api/v1/dues-ledger/runs', { month })).status).toBe(200);
    const owed = (await mobile.call('GET', '/api/v1/me/dues')).body;
    expect(owed).toMatchObject({
      assessment: { monthlyFen: 9_750, basisPoints: 150, paymentSchedule: 'monthly' },
      months: [{ month, dueFen: 9_750, paidFen: 0 }],
      outstandingFen: 9_750,
      outstandingMonths: 1,
    });
    const home = (await mobile.call('GET', '/api/v1/me/home')).body as {
      items: { kind: string; amountFen: number }[];
    };
    expect(home.items).toContainEqual(
      expect.objectContaining({ kind: 'dues_outstanding', amountFen: 9_750, count: 1 }),
    );
    // The secretary's own dues are theirs: nothing of the mobile member's shows there.
    expect((await secretary.call('GET', '/api/v1/me/dues')).body.months).toEqual([]);

    expect(
      (
        await tenant.api('POST', '/api/v1/dues-payments', {
          memberId: mobile.memberId,
          months: [month],
          paidOn: chinaToday(),
        })
      ).status,
    ).toBe(201);
    expect((await mobile.call('GET', '/api/v1/me/dues')).body).toMatchObject({
      months: [{ month, dueFen: 9_750, paidFen: 9_750, paidOn: chinaToday() }],
      outstandingFen: 0,
      outstandingMonths: 0,
    });
    const after = (await mobile.call('GET', '/api/v1/me/home')).body as { items: { kind: string }[] };
    expect(after.items.map((item) => item.kind)).not.toContain('dues_outstanding');
  });

  it('lets me apply for my own transfer, follow its steps and download my letter once issued', async () => {
    const bad = await mobile.call('POST', '/api/v1/me/transfers', { destination: 'moon', reason: '' });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(
      new Set(['destination', 'reason', 'receivingOrganisationName']),
    );
    // A member id in the body is not a field of mine: nobody applies for someone else here.
    const forOther = await mobile.call('POST', '/api/v1/me/transfers', {
      memberId: secretary.memberId,
      destination: 'outside_platform',
      receivingOrganisationName: '某市某区某街道党工委',
      reason: '工作调动',
    });
    expect(forOther.status).toBe(400);
    // Within the tenant: the member picks from the branches by name (not their own).
    const destinations = (
      await mobile.call(
        'GET',
        `/api/v1/me/transfer-destinations?${listQuery(['name', 'ASC'], [0, 49], { q: '党支部' })}`,
      )
    ).body as { id: string; name: string; pathNames: string[] }[];
    expect(destinations).toEqual([
      { id: otherBranch.id, name: '第二党支部', pathNames: ['测试党委', '第二党支部'] },
    ]);
    const within = await secretary.call('POST', '/api/v1/me/transfers', {
      destination: 'within_tenant',
      receivingOrganisationId: otherBranch.id,
      reason: '调往第二党支部',
    });
    expect(within.status).toBe(201);
    expect(within.body).toMatchObject({ memberName: '支部书记乙', receivingOrganisationName: '第二党支部' });
    const applied = await mobile.call('POST', '/api/v1/me/transfers', {
      destination: 'outside_platform',
      receivingOrganisationName: '某市某区某街道党工委',
      reason: '工作调动',
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ memberName: '流动党员甲', state: 'applied', direction: 'outgoing' });
    const twice = await mobile.call('POST', '/api/v1/me/transfers', {
      destination: 'outside_platform',
      receivingOrganisationName: '另一党组织',
      reason: '再次申请',
    });
    expect(twice.body.rule).toBe('one-open-transfer');
    // The secretary approves it as today; the committee's admin issues the letter.
    expect(
      (await secretary.call('POST', `/api/v1/transfers/${applied.body.id}/actions`, { action: 'approve' }))
        .status,
    ).toBe(200);
    expect(
      (await tenant.api('POST', `/api/v1/transfers/${applied.body.id}/actions`, { action: 'issue_letter' }))
        .status,
    ).toBe(200);
    const mine = (await mobile.call('GET', '/api/v1/me/transfers')).body as {
      id: string;
      state: string;
      serialNumber: string;
      actions: { action: string }[];
    }[];
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: applied.body.id, state: 'letter_issued' });
    expect(mine[0]!.actions.map((a) => a.action)).toEqual(['apply', 'approve', 'issue_letter']);
    const letter = await mobile.call('GET', `/api/v1/me/transfers/${applied.body.id}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toBe('application/pdf');
    expect(letter.raw.subarray(0, 5).toString()).toBe('%PDF-');
    // Not the secretary's transfer, nor another tenant's member's: not found.
    expect((await secretary.call('GET', `/api/v1/me/transfers/${applied.body.id}/letter`)).status).toBe(404);
    expect(
      ((await secretary.call('GET', '/api/v1/me/transfers')).body as { id: string }[]).map((t) => t.id),
    ).toEqual([within.body.id]);
  });

  it('keeps the files a member sends with a report, for them and their secretary only', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% 手写思想汇报\n%%EOF\n');
    const tooBig = Buffer.alloc(701 * 1024, 1).toString('base64');
    const refused = await applicant.call('POST', '/api/v1/me/thought-reports', {
      title: '附件太大',
      content: '正文',
      attachments: [{ fileName: 'big.pdf', contentType: 'application/pdf', contentBase64: tooBig }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('attachments');
    const badType = await applicant.call('POST', '/api/v1/me/thought-reports', {
      title: '类型不对',
      content: '正文',
      attachments: [{ fileName: 'x.exe', contentType: 'application/x-msdownload', contentBase64: 'TVo=' }],
    });
    expect(badType.status).toBe(400);
    const sent = await applicant.call('POST', '/api/v1/me/thought-reports', {
      title: '带附件的思想汇报',
      content: '见附件。',
      attachments: [
        {
          fileName: '手写思想汇报.pdf',
          contentType: 'application/pdf',
          contentBase64: pdf.toString('base64'),
        },
      ],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toEqual([
      expect.objectContaining({
        fileName: '手写思想汇报.pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
      }),
    ]);
    const file = sent.body.attachments[0].id as string;
    const mine = await applicant.call(
      'GET',
      `/api/v1/me/thought-reports/${sent.body.id}/attachments/${file}`,
    );
    expect(mine.status).toBe(200);
    expect(mine.raw.equals(pdf)).toBe(true);
    const secretarys = await secretary.call(
      'GET',
      `/api/v1/thought-reports/${sent.body.id}/attachments/${file}`,
    );
    expect(secretarys.status).toBe(200);
    expect(secretarys.raw.equals(pdf)).toBe(true);
    // Another member (by their own route) and another tenant's admin find nothing.
    expect(
      (await mobile.call('GET', `/api/v1/me/thought-reports/${sent.body.id}/attachments/${file}`)).status,
    ).toBe(404);
    expect(
      (await other.api('GET', `/api/v1/thought-reports/${sent.body.id}/attachments/${file}`)).status,
    ).toBe(404);
    const listed = (
      await tenant.api(
        'GET',
        `/api/v1/unanswered-thought-reports?${listQuery(['createdAt', 'ASC'], [0, 49])}`,
      )
    ).body as { id: string; attachments: { id: string }[] }[];
    expect(listed.find((r) => r.id === sent.body.id)!.attachments.map((a) => a.id)).toEqual([file]);
  });
});
