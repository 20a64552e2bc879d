import { addDays, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { gateway, tokenFor, uniqueSlug } from './support.js';

let serial = 300;
const idCard = () => {
  const first17 = `11010619950815${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('thought reports (思想汇报)', () => {
  it('lists an activist whose last report is older than the quarterly cadence, and clears them after a new one', async () => {
    const admin = await tokenFor('acme-admin');
    const api = (method: string, path: string, body?: object) =>
      gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '思想汇报测试党支部',
        code: uniqueSlug('TR'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const activist = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '积极分子',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'activist',
      })
    ).body;
    const full = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '正式党员',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
      })
    ).body;
    const overdue = async () =>
      (
        await api(
          'GET',
          `/api/v1/overdue-thought-reports?${listQuery(['dueOn', 'ASC'], [0, 99], { withinId: branch.id })}`,
        )
      ).body as { memberId: string; dueOn: string; cadenceMonths: number }[];

    // Just recorded: nothing due yet.
    expect(await overdue()).toEqual([]);
    const today = chinaToday();
    const old = await api('POST', '/api/v1/thought-reports', {
      memberId: activist.id,
      submittedOn: addDays(today, -120),
      title: '第二季度思想汇报',
      content: '学习体会……',
    });
    expect(old.status).toBe(201);
    const listed = await overdue();
    expect(listed.map((o) => o.memberId)).toEqual([activist.id]);
    expect(listed[0]!.cadenceMonths).toBe(3);
    expect(listed[0]!.dueOn < today).toBe(true);

    await api('POST', '/api/v1/thought-reports', {
      memberId: activist.id,
      submittedOn: today,
      title: '第三季度思想汇报',
      content: '……',
    });
    expect(await overdue()).toEqual([]);
    const reports = (
      await api(
        'GET',
        `/api/v1/thought-reports?${listQuery(['submittedOn', 'DESC'], [0, 9], { memberId: activist.id })}`,
      )
    ).body;
    expect(reports.map((r: { submittedOn: string }) => r.submittedOn)).toEqual([today, addDays(today, -120)]);

    const refused = await api('POST', '/api/v1/thought-reports', {
      memberId: full.id,
      submittedOn: today,
      title: 'x',
      content: 'x',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.rule).toBe('thought-report-stage');
    const future = await api('POST', '/api/v1/thought-reports', {
      memberId: activist.id,
      submittedOn: addDays(today, 3),
      title: 'x',
      content: 'x',
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('submittedOn');
  });
});
