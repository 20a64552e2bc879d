import { addDays, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { gateway, tokenFor, uniqueSlug } from './support.js';

let serial = 500;
const idCard = () => {
  const first17 = `11010819850512${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('branch formation warnings (rules.md §4) on the tree', () => {
  it('warns below 3 full members and at 7 without a committee, and clears when one is formed', async () => {
    const admin = await tokenFor('acme-admin');
    const api = (method: string, path: string, body?: object) =>
      gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '组建测试党支部',
        code: uniqueSlug('FORM'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const warnings = async () =>
      (await api('GET', `/api/v1/organisations/${branch.id}`)).body as {
        formationWarnings: string[];
        fullMemberCount: number;
      };
    const addFull = () =>
      api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '党员',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2010-07-01',
        confirmedOn: '2011-07-01',
      });

    expect((await warnings()).formationWarnings).toEqual(['fewer-than-3-full-members']);
    for (let i = 0; i < 3; i++) await addFull();
    expect(await warnings()).toMatchObject({ fullMemberCount: 3, formationWarnings: [] });
    // Probationary members do not count as full members.
    await api('POST', '/api/v1/members', {
      organisationId: branch.id,
      name: '预备党员',
      idCardNumber: idCard(),
      occupation: 'salaried',
      developmentStage: 'probationary',
      joinedOn: '2026-01-01',
    });
    for (let i = 0; i < 3; i++) await addFull();
    expect(await warnings()).toMatchObject({ fullMemberCount: 6, formationWarnings: [] });
    await addFull();
    expect((await warnings()).formationWarnings).toEqual(['committee-needed-at-7-full-members']);

    const today = chinaToday();
    await api('POST', '/api/v1/positions', {
      organisationId: branch.id,
      kind: 'committee_member',
      holderName: '委员',
      termStart: addDays(today, -1),
      termEnd: addDays(today, 1000),
    });
    expect((await warnings()).formationWarnings).toEqual([]);
  });

  it('records how many units a joint branch covers: 2 to 5 (issue 14), none for a branch that is not joint', async () => {
    const admin = await tokenFor('acme-admin');
    const api = (method: string, path: string, body?: object) =>
      gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const joint = (units: number) =>
      api('POST', '/api/v1/organisations', {
        name: '联合党支部',
        code: uniqueSlug('JOINT'),
        kind: 'branch',
        parentId: root.id,
        joint: true,
        jointUnits: units,
      });
    const six = await joint(6);
    expect(six.status).toBe(400);
    expect(six.body.errors.map((e: { field: string }) => e.field)).toEqual(['jointUnits']);
    const five = await joint(5);
    expect(five.status).toBe(201);
    expect(five.body).toMatchObject({ joint: true, jointUnits: 5 });
    const three = await api('PUT', `/api/v1/organisations/${five.body.id}`, { jointUnits: 3 });
    expect(three.body.jointUnits).toBe(3);
    const notJoint = await api('PUT', `/api/v1/organisations/${five.body.id}`, { joint: false });
    expect(notJoint.body).toMatchObject({ joint: false, jointUnits: null });
  });
});
