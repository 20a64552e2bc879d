import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import pg from 'pg';
import { gateway, platform, tokenFor, uniqueSlug, until } from './support.js';

/*
 * Issue 14 (2): a transfer to another tenant carries the whole development record. An extended
 * probationary member is not extended a second time, nor confirmed early, by the receiver; the stage's
 * start, the mobile flag and the last thought report arrive with them.
 */
let serial = 0;
const region = String(460000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19980301${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('a transfer between tenants carries the development record', () => {
  const as = (token: string, tenant: string) => (method: string, path: string, body?: unknown) =>
    gateway(method, path, { token, tenant, ...(body !== undefined ? { body } : {}) });
  let acmeApi: ReturnType<typeof as>;
  let univApi: ReturnType<typeof as>;
  const database = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
  const branchIn = async (call: ReturnType<typeof as>, name: string) => {
    const root = (
      await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    return (
      await call('POST', '/api/v1/organisations', {
        name,
        code: uniqueSlug('REC'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body as { id: string; code: string };
  };

  beforeAll(async () => {
    acmeApi = as(await tokenFor('acme-admin'), 'acme-corp');
    univApi = as(await tokenFor('univ-admin'), 'east-univ');
    await database.connect();
  });
  afterAll(() => database.end());

  it('keeps the probation extension, the stage start, the mobile flag and the last thought report', async () => {
    const today = chinaToday();
    const acceptedOn = addMonths(today, -14);
    const [univBranch, acmeBranch] = [
      await branchIn(univApi, '记录随转支部'),
      await branchIn(acmeApi, '记录接收支部'),
    ];
    const member = (
      await univApi('POST', '/api/v1/members', {
        organisationId: univBranch.id,
        name: '延长预备期随转',
        idCardNumber: idCard(),
        occupation: 'student',
        developmentStage: 'probationary',
        joinedOn: acceptedOn,
        stageSince: acceptedOn,
        mobile: true,
      })
    ).body as { id: string };
    // Extended by six months at the university (recorded there; set directly for the test).
    await database.query('update members set probation_extension_months = 6 where id = $1', [member.id]);
    // The oath at the university, recorded as the step it is.
    const swornOn = addMonths(today, -13);
    expect(
      (
        await univApi('POST', '/api/v1/development', {
          memberId: member.id,
          kind: 'oath',
          decidedOn: swornOn,
        })
      ).status,
    ).toBe(201);
    const reportOn = addMonths(today, -1);
    expect(
      (
        await univApi('POST', '/api/v1/thought-reports', {
          memberId: member.id,
          submittedOn: reportOn,
          title: '预备期思想汇报',
          content: '认真学习，端正态度。',
        })
      ).status,
    ).toBe(201);

    const applied = await univApi('POST', '/api/v1/transfers', {
      memberId: member.id,
      destination: 'other_tenant',
      receivingTenant: 'acme-corp',
      receivingOrganisationName: '中共记录接收支部',
      receivingOrganisationCode: acmeBranch.code,
      reason: '毕业到新单位工作',
    });
    expect(applied.status).toBe(201);
    await univApi('POST', `/api/v1/transfers/${applied.body.id}/actions`, { action: 'approve' });
    const issued = (
      await univApi('POST', `/api/v1/transfers/${applied.body.id}/actions`, { action: 'issue_letter' })
    ).body;
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
    const reported = (
      await acmeApi('POST', `/api/v1/transfers/${incoming.id}/actions`, { action: 'report_in' })
    ).body;
    expect(reported.state).toBe('reported_in');

    const arrived = (await acmeApi('GET', `/api/v1/members/${reported.memberId}`)).body;
    expect(arrived).toMatchObject({
      developmentStage: 'probationary',
      joinedOn: acceptedOn,
      stageSince: acceptedOn,
      probationExtensionMonths: 6,
      oathTakenOn: swornOn,
      mobile: true,
    });
    // The receiver's rules read the same history: no second extension, no confirmation before the
    // extended probation ends (18 months from acceptance, not 12: it was accepted 14 months ago).
    const check = async (body: object) =>
      (
        (
          await acmeApi('POST', '/api/v1/development/check', {
            memberId: reported.memberId,
            decidedOn: today,
            ...body,
          })
        ).body.brokenRules as { rule: string }[]
      ).map((b) => b.rule);
    expect(await check({ kind: 'probation_extension', extensionMonths: 6 })).toContain('one-extension');
    expect(await check({ kind: 'confirmation', appliedOn: today })).toContain('probation-one-year');
    expect(await check({ kind: 'confirmation', appliedOn: today })).not.toContain('confirmation-oath');
    expect(await check({ kind: 'oath' })).toEqual(['oath-once']);
    const reports = (
      await acmeApi(
        'GET',
        `/api/v1/thought-reports?${listQuery(['submittedOn', 'DESC'], [0, 9], { memberId: reported.memberId })}`,
      )
    ).body as { submittedOn: string }[];
    expect(reports.map((r) => r.submittedOn)).toEqual([reportOn]);
  });

  it('refuses a transfer for an absence under 6 months: that member is a mobile member (rules.md §5)', async () => {
    const branch = await branchIn(acmeApi, '流动党员测试支部');
    const member = (
      await acmeApi('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '短期外出',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2015-07-01',
        confirmedOn: '2016-07-01',
      })
    ).body as { id: string };
    const apply = (awayMonths: number) =>
      acmeApi('POST', '/api/v1/transfers', {
        memberId: member.id,
        destination: 'outside_platform',
        receivingOrganisationName: '中共某市某区某街道工委',
        reason: '外出务工',
        awayMonths,
      });
    const short = await apply(5);
    expect(short.status).toBe(422);
    expect(short.body.rule).toBe('transfer-short-absence');
    expect(short.body.errors[0].field).toBe('awayMonths');
    expect((await apply(6)).status).toBe(201);
  });
});
