import { addDays, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin } from '@dangjian/testing';
import pg from 'pg';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { creditedBeat, gateway, invite, platform, tokenFor, uniqueSlug, until } from './support.js';

let serial = 0;
const region = String(430000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19950301${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const pdfText = async (bytes: Buffer) => {
  const document = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const page = await document.getPage(1);
  return (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join('');
};

describe('relationship transfers (组织关系转接)', () => {
  let acme: string;
  let univ: string;
  let database: pg.Client;
  const as = (token: string, tenant: string) => (method: string, path: string, body?: unknown) =>
    gateway(method, path, { token, tenant, ...(body !== undefined ? { body } : {}) });
  let acmeApi: ReturnType<typeof as>;
  let univApi: ReturnType<typeof as>;
  const rootOf = async (call: ReturnType<typeof as>) =>
    (await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`))
      .body[0];
  const branchIn = async (call: ReturnType<typeof as>, name: string) =>
    (
      await call('POST', '/api/v1/organisations', {
        name,
        code: uniqueSlug('XFER'),
        kind: 'branch',
        parentId: (await rootOf(call)).id,
      })
    ).body;
  const memberIn = async (call: ReturnType<typeof as>, organisationId: string, body: object = {}) =>
    (
      await call('POST', '/api/v1/members', {
        organisationId,
        name: '转接测试',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2015-07-01',
        confirmedOn: '2016-07-01',
        ...body,
      })
    ).body;
  const act = (call: ReturnType<typeof as>, id: string, action: string, body: object = {}) =>
    call('POST', `/api/v1/transfers/${id}/actions`, { action, ...body });

  beforeAll(async () => {
    acme = await tokenFor('acme-admin');
    univ = await tokenFor('univ-admin');
    acmeApi = as(acme, 'acme-corp');
    univApi = as(univ, 'east-univ');
    database = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await database.connect();
  });
  afterAll(() => database.end());

  it('moves a member between two branches of one tenant through every step, with the guards and a printable three-part letter', async () => {
    const from = await branchIn(acmeApi, '转出测试支部');
    const to = await branchIn(acmeApi, '转入测试支部');
    const idCardNumber = idCard();
    const member = await memberIn(acmeApi, from.id, { idCardNumber });
    const applied = await acmeApi('POST', '/api/v1/transfers', {
      memberId: member.id,
      destination: 'within_tenant',
      receivingOrganisationId: to.id,
      reason: '工作调动',
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({
      state: 'applied',
      direction: 'outgoing',
      sendingOrganisationName: '转出测试支部',
      receivingOrganisationName: '转入测试支部',
      approvalLevels: 1,
    });
    const transfer = applied.body;

    // One open transfer per member; no moves out of order; a bad field is named.
    expect(
      (
        await acmeApi('POST', '/api/v1/transfers', {
          memberId: member.id,
          destination: 'within_tenant',
          receivingOrganisationId: to.id,
          reason: '再次申请',
        })
      ).body.rule,
    ).toBe('one-open-transfer');
    expect(
      (
        await acmeApi('POST', '/api/v1/transfers', {
          memberId: member.id,
          destination: 'within_tenant',
          reason: '缺少接收组织',
        })
      ).body.errors.map((v: { field: string }) => v.field),
    ).toContain('receivingOrganisationId');
    expect((await act(acmeApi, transfer.id, 'report_in')).body).toMatchObject({
      status: 422,
      rule: 'transfer-order',
    });
    expect((await act(acmeApi, transfer.id, 'approve')).body.state).toBe('approved');
    expect((await act(acmeApi, transfer.id, 'issue_letter', { validityDays: 200 })).status).toBe(400);

    const issued = (await act(acmeApi, transfer.id, 'issue_letter')).body;
    expect(issued).toMatchObject({
      state: 'letter_issued',
      issuedOn: chinaToday(),
      validUntil: addDays(chinaToday(), 89),
    });
    expect(issued.serialNumber).toMatch(/^\d{4}-\d{6}$/);
    expect((await acmeApi('GET', `/api/v1/members/${member.id}`)).body.status).toBe('in_transfer');

    const letter = await acmeApi('GET', `/api/v1/transfers/${transfer.id}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers.get('content-type')).toContain('application/pdf');
    const text = await pdfText(letter.raw);
    for (const part of [
      '中国共产党党员组织关系介绍信（存根）',
      '中国共产党党员组织关系介绍信回执',
      '兹介绍转接测试同志',
    ])
      expect(text).toContain(part);
    expect(text.split(`第 ${issued.serialNumber} 号`)).toHaveLength(4);
    expect(text).toContain('组织关系由转出测试支部转到转入测试支部');
    // The sending committee prints the full number; printing it is an audited disclosure.
    expect(text).toContain(`身份证号码${idCardNumber}`);
    const { rows: audit } = await database.query('select reason from pii_access_log where member_id = $1', [
      member.id,
    ]);
    expect(audit.map((row: { reason: string }) => row.reason)).toContain(
      `打印组织关系介绍信 ${issued.serialNumber}`,
    );

    // The receiving branch's secretary takes the member in; the sending branch's cannot.
    const secretaryOf = async (organisationId: string) => {
      const username = uniqueSlug('xfer-sec');
      await invite(acme, 'acme-corp', {
        username,
        displayName: '书记',
        password: 'Secret-123',
        roles: ['secretary'],
        organisationScope: [organisationId],
      });
      return as(await passwordLogin(platform.issuer, username, 'Secret-123'), 'acme-corp');
    };
    expect((await act(await secretaryOf(from.id), transfer.id, 'report_in')).status).toBe(403);
    const receivingSecretary = await secretaryOf(to.id);
    expect((await act(receivingSecretary, transfer.id, 'report_in')).body.state).toBe('reported_in');
    const moved = (await acmeApi('GET', `/api/v1/members/${member.id}`)).body;
    expect(moved).toMatchObject({ organisationId: to.id, status: 'active' });
    expect((await act(receivingSecretary, transfer.id, 'return_receipt')).body).toMatchObject({
      state: 'receipt_returned',
      receiptReturnedOn: chinaToday(),
    });
    expect((await act(acmeApi, transfer.id, 'void', { reason: '已完成' })).body.rule).toBe('transfer-closed');

    const detail = (await acmeApi('GET', `/api/v1/transfers/${transfer.id}`)).body;
    expect(detail.actions.map((a: { action: string }) => a.action)).toEqual([
      'apply',
      'approve',
      'issue_letter',
      'report_in',
      'return_receipt',
    ]);
    const history = (await acmeApi('GET', `/api/v1/members/${member.id}/history`)).body;
    expect(history.map((c: { reason: string }) => c.reason).join('|')).toContain(
      `介绍信 ${issued.serialNumber}`,
    );
  });

  it('expires a letter by the clock, re-issues it only with a reason, sends it back, and chases what waits too long', async () => {
    await acmeApi('PUT', '/api/v1/organisation-settings/current', { transferApprovalLevels: 2 });
    let transfer;
    let member;
    try {
      const from = await branchIn(acmeApi, '过期测试支部');
      const to = await branchIn(acmeApi, '过期接收支部');
      member = await memberIn(acmeApi, from.id);
      transfer = (
        await acmeApi('POST', '/api/v1/transfers', {
          memberId: member.id,
          destination: 'within_tenant',
          receivingOrganisationId: to.id,
          reason: '搬迁',
        })
      ).body;
      expect(transfer.approvalLevels).toBe(2);
    } finally {
      await acmeApi('PUT', '/api/v1/organisation-settings/current', { transferApprovalLevels: 1 });
    }
    // Waiting 20 days for approval: on the chase list.
    await database.query(`update transfers set applied_on = $2::date where id = $1`, [
      transfer.id,
      addDays(chinaToday(), -20),
    ]);
    const overdue = (await acmeApi('GET', '/api/v1/transfer-overdue')).body;
    expect(overdue.find((o: { transfer: { id: string } }) => o.transfer.id === transfer.id)).toMatchObject({
      kind: 'approval_waiting',
      dueOn: addDays(chinaToday(), -5),
    });

    expect((await act(acmeApi, transfer.id, 'approve')).body.state).toBe('first_approved');
    expect((await act(acmeApi, transfer.id, 'approve')).body.rule).toBe('second-approver');
    const username = uniqueSlug('xfer-approver');
    await invite(acme, 'acme-corp', {
      username,
      displayName: '第二审批人',
      password: 'Secret-123',
      roles: ['tenant-admin'],
    });
    const secondApprover = as(await passwordLogin(platform.issuer, username, 'Secret-123'), 'acme-corp');
    expect((await act(secondApprover, transfer.id, 'approve')).body.state).toBe('approved');
    const first = (await act(acmeApi, transfer.id, 'issue_letter', { validityDays: 30 })).body;

    // The letter's last valid day was yesterday: the clock expires it before anything else happens.
    await database.query(`update transfers set issued_on = $2::date, valid_until = $3::date where id = $1`, [
      transfer.id,
      addDays(chinaToday(), -31),
      addDays(chinaToday(), -1),
    ]);
    expect((await act(acmeApi, transfer.id, 'report_in')).body.rule).toBe('transfer-order');
    const expired = (await acmeApi('GET', `/api/v1/transfers/${transfer.id}`)).body;
    expect(expired).toMatchObject({ state: 'expired', expiredOn: chinaToday() });
    expect(expired.actions.at(-1)).toMatchObject({ action: 'expire', actedBy: 'clock' });
    expect((await acmeApi('GET', `/api/v1/members/${member.id}`)).body.status).toBe('in_transfer');

    expect((await act(acmeApi, transfer.id, 'reissue')).body).toMatchObject({
      status: 422,
      rule: 'reissue-reason',
    });
    const reissued = (await act(acmeApi, transfer.id, 'reissue', { reason: '本人住院未能按期报到' })).body;
    expect(reissued).toMatchObject({ state: 'letter_issued', validUntil: addDays(chinaToday(), 89) });
    expect(reissued.serialNumber).not.toBe(first.serialNumber);
    expect((await act(acmeApi, transfer.id, 'send_back')).body.rule).toBe('send-back-reason');
    expect((await act(acmeApi, transfer.id, 'send_back', { reason: '接收支部不符' })).body.state).toBe(
      'sent_back',
    );
    expect((await acmeApi('GET', `/api/v1/members/${member.id}`)).body.status).toBe('active');
    // Sent back closes it: the member may apply again.
    expect(
      (
        await acmeApi('POST', '/api/v1/transfers', {
          memberId: member.id,
          destination: 'outside_platform',
          receivingOrganisationName: '中共某县某镇委员会',
          reason: '返乡',
        })
      ).status,
    ).toBe(201);
  });

  it('carries a graduate from the university tenant to the enterprise tenant over the bus; each side sees only the letter', async () => {
    const univBranch = await branchIn(univApi, '毕业生党支部');
    const acmeBranch = await branchIn(acmeApi, '新员工党支部');
    const idCardNumber = idCard();
    // The graduate has a platform login as a member of the university.
    const username = uniqueSlug('graduate');
    const login = {
      id: await invite(univ, 'east-univ', {
        username,
        displayName: '转接测试',
        password: 'Secret-123',
        roles: ['member'],
      }),
    };
    const graduate = await memberIn(univApi, univBranch.id, {
      idCardNumber,
      phone: '13800138000',
      occupation: 'student',
      ethnicity: '回族',
      education: '大学本科',
      userId: login.id,
    });
    // Before leaving, the graduate studies a lesson at the university: the hours go with them.
    const course = (await univApi('POST', '/api/v1/courses', { name: `毕业前学习 ${uniqueSlug('c')}` })).body;
    expect(course.id).toBeDefined();
    const lesson = (
      await univApi('POST', `/api/v1/courses/${course.id}/lessons`, {
        kind: 'article',
        title: '党员的权利和义务',
        body: '学习内容',
        studyMinutes: 45,
        minDwellSeconds: 1,
      })
    ).body;
    const graduateAt = as(await passwordLogin(platform.issuer, username, 'Secret-123'), 'east-univ');
    const beat = () =>
      graduateAt('POST', `/api/v1/me/lessons/${lesson.id}/heartbeats`, {
        sessionId: 'graduate-phone-1',
        active: true,
      });
    expect((await beat()).status).toBe(200);
    expect((await creditedBeat(beat)).body.progress.studied).toBe(true);
    const year = Number(chinaToday().slice(0, 4));
    const hoursAtUniversity = (await graduateAt('GET', `/api/v1/me/study-hours/${year}`)).body.earnedMinutes;
    expect(hoursAtUniversity).toBeGreaterThanOrEqual(45);

    const applied = await univApi('POST', '/api/v1/transfers', {
      memberId: graduate.id,
      destination: 'other_tenant',
      receivingTenant: 'acme-corp',
      receivingOrganisationName: '中共新员工党支部',
      receivingOrganisationCode: acmeBranch.code,
      reason: '毕业到新单位工作',
    });
    expect(applied.status).toBe(201);
    expect(
      (
        await univApi('POST', '/api/v1/transfers', {
          memberId: graduate.id,
          destination: 'other_tenant',
          receivingTenant: 'no-such-tenant',
          receivingOrganisationName: '某',
          reason: '测试',
        })
      ).body.errors[0].field,
    ).toBe('receivingTenant');
    await act(univApi, applied.body.id, 'approve');
    const issued = (await act(univApi, applied.body.id, 'issue_letter')).body;

    const incoming = await until(async () => {
      const list = (
        await acmeApi(
          'GET',
          `/api/v1/transfers?${listQuery(['updatedAt', 'DESC'], [0, 49], { direction: 'incoming' })}`,
        )
      ).body as { id: string; serialNumber: string; sendingTenantName: string }[];
      return list.find(
        (t) => t.serialNumber === issued.serialNumber && t.sendingTenantName === issued.sendingTenantName,
      );
    }, 'the incoming letter');
    expect(incoming).toMatchObject({
      direction: 'incoming',
      state: 'letter_issued',
      memberName: '转接测试',
      gender: graduate.gender,
      ethnicity: '回族',
      developmentStage: 'full',
      idCardMasked: graduate.idCardNumberMasked,
      receivingOrganisationId: acmeBranch.id,
      validUntil: issued.validUntil,
      memberId: null,
    });
    // Neither tenant reads the other's rows.
    expect((await univApi('GET', `/api/v1/transfers/${incoming.id}`)).status).toBe(404);
    expect((await acmeApi('GET', `/api/v1/transfers/${applied.body.id}`)).status).toBe(404);
    // The receiving side cannot run the sender's steps, nor add the person by hand meanwhile.
    expect((await act(acmeApi, incoming.id, 'void', { reason: '测试' })).body.rule).toBe(
      'transfer-peer-action',
    );
    expect(
      (
        await acmeApi('POST', '/api/v1/members', {
          organisationId: acmeBranch.id,
          name: '转接测试',
          idCardNumber,
          occupation: 'salaried',
          developmentStage: 'full',
          joinedOn: '2015-07-01',
        })
      ).body.rule,
    ).toBe('member-in-transfer');

    const reported = (await act(acmeApi, incoming.id, 'report_in')).body;
    expect(reported.state).toBe('reported_in');
    const arrived = (await acmeApi('GET', `/api/v1/members/${reported.memberId}`)).body;
    expect(arrived).toMatchObject({
      organisationId: acmeBranch.id,
      status: 'active',
      ethnicity: '回族',
      education: '大学本科',
      joinedOn: '2015-07-01',
      confirmedOn: '2016-07-01',
    });
    const revealed = (
      await acmeApi('POST', `/api/v1/members/${reported.memberId}/unmask`, { reason: '核对转入信息' })
    ).body;
    expect(revealed).toMatchObject({ idCardNumber, phone: '13800138000' });

    const sent = await until(async () => {
      const row = (await univApi('GET', `/api/v1/transfers/${applied.body.id}`)).body;
      return row.state === 'reported_in' ? row : undefined;
    }, 'the sender to hear of the report');
    expect(sent.reportedInOn).toBe(chinaToday());
    expect((await univApi('GET', `/api/v1/members/${graduate.id}`)).body.status).toBe('transferred_out');

    // A member who has a login keeps it: same login, now a member of the enterprise and no longer of the university.
    expect(arrived.userId).toBe(login.id);
    const myTenants = async () =>
      (
        (
          await gateway('GET', '/api/v1/me', {
            token: await passwordLogin(platform.issuer, username, 'Secret-123'),
          })
        ).body as { tenants: { slug: string; roles: string[] }[] }
      ).tenants;
    const moved = await until(async () => {
      const tenants = await myTenants();
      return tenants.some((t) => t.slug === 'acme-corp') && !tenants.some((t) => t.slug === 'east-univ')
        ? tenants
        : undefined;
    }, 'the login to move to the enterprise');
    expect(moved).toEqual([expect.objectContaining({ slug: 'acme-corp', roles: ['member'] })]);
    // The hours earned at the university are the member's at the enterprise too.
    const graduateAtAcme = as(await passwordLogin(platform.issuer, username, 'Secret-123'), 'acme-corp');
    const carried = await until(async () => {
      const hours = (await graduateAtAcme('GET', `/api/v1/me/study-hours/${year}`)).body;
      return hours.carriedMinutes > 0 ? hours : undefined;
    }, 'the hours to be carried');
    expect(carried).toMatchObject({ carriedMinutes: hoursAtUniversity, earnedMinutes: hoursAtUniversity });

    await act(acmeApi, incoming.id, 'return_receipt');
    await until(
      async () =>
        (await univApi('GET', `/api/v1/transfers/${applied.body.id}`)).body.state === 'receipt_returned'
          ? true
          : undefined,
      'the receipt',
    );
  });
});
