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
    const api = (method: string, path: string, body?: object) => gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)).body[0];
    const branch = (await api('POST', '/api/v1/organisations', { name: '组建测试党支部', code: uniqueSlug('FORM'), kind: 'branch', parentId: root.id })).body;
    const warnings = async () => (await api('GET', `/api/v1/organisations/${branch.id}`)).body as { formationWarnings: string[]; fullMemberCount: number };
    const addFull = () => api('POST', '/api/v1/members', { organisationId: branch.id, name: '党员', idCardNumber: idCard(), occupation: 'salaried', developmentStage: 'full', joinedOn: '2010-07-01', confirmedOn: '2011-07-01' });

    expect((await warnings()).formationWarnings).toEqual(['fewer-than-3-full-members']);
    for (let i = 0; i < 3; i++) await addFull();
    expect(await warnings()).toMatchObject({ fullMemberCount: 3, formationWarnings: [] });
    // Probationary members do not count as full members.
    await api('POST', '/api/v1/members', { organisationId: branch.id, name: '预备党员', idCardNumber: idCard(), occupation: 'salaried', developmentStage: 'probationary', joinedOn: '2026-01-01' });
    for (let i = 0; i < 3; i++) await addFull();
    expect(await warnings()).toMatchObject({ fullMemberCount: 6, formationWarnings: [] });
    await addFull();
    expect((await warnings()).formationWarnings).toEqual(['committee-needed-at-7-full-members']);

    const today = chinaToday();
    await api('POST', '/api/v1/positions', { organisationId: branch.id, kind: 'committee_member', holderName: '委员', termStart: addDays(today, -1), termEnd: addDays(today, 1000) });
    expect((await warnings()).formationWarnings).toEqual([]);
  });
});
