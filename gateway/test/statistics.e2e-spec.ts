import { chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin } from '@dangjian/testing';
import { gateway, platform, tokenFor, uniqueSlug } from './support.js';

let serial = 700;
/** A fictitious valid number born 1 January of `birthYear`; the sequence's parity carries the gender. */
const idCard = (birthYear: number, female: boolean) => {
  serial += 1;
  const sequence = serial * 2 + (female ? 0 : 1);
  const first17 = `110102${birthYear}0101${String(sequence % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('subtree statistics', () => {
  it('counts a subtree by stage, gender, age band and occupation, and refuses outside a secretary scope', async () => {
    const admin = await tokenFor('acme-admin');
    const api = (method: string, path: string, body?: object) => gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)).body[0];
    const general = (await api('POST', '/api/v1/organisations', { name: '统计测试党总支', code: uniqueSlug('STAT'), kind: 'general_branch', parentId: root.id })).body;
    const b1 = (await api('POST', '/api/v1/organisations', { name: '统计一支部', code: uniqueSlug('STAT1'), kind: 'branch', parentId: general.id })).body;
    const b2 = (await api('POST', '/api/v1/organisations', { name: '统计二支部', code: uniqueSlug('STAT2'), kind: 'branch', parentId: general.id })).body;
    const year = Number(chinaToday().slice(0, 4));
    const add = (organisationId: string, birthYear: number, developmentStage: string, occupation: string, female = false) =>
      api('POST', '/api/v1/members', { organisationId, name: '统计', idCardNumber: idCard(birthYear, female), occupation, developmentStage });
    await add(b1.id, year - 25, 'full', 'salaried');
    await add(b1.id, year - 35, 'full', 'salaried', true);
    await add(b2.id, year - 70, 'full', 'retired');
    await add(b2.id, year - 22, 'applicant', 'student', true);

    const stats = (await api('GET', `/api/v1/statistics/${general.id}`)).body;
    expect(stats).toMatchObject({ id: general.id, members: 4, organisations: 3, branchesWithWarnings: 2 });
    expect(stats.byStage).toEqual([{ key: 'full', count: 3 }, { key: 'applicant', count: 1 }]);
    expect(stats.byGender).toEqual([{ key: 'female', count: 2 }, { key: 'male', count: 2 }]);
    expect(stats.byOccupation).toEqual([{ key: 'salaried', count: 2 }, { key: 'retired', count: 1 }, { key: 'student', count: 1 }]);
    expect(stats.byAgeBand.map((c: { key: string }) => c.key).sort()).toEqual(['30_or_under', '31_40', '61_or_over']);
    expect((await api('GET', `/api/v1/statistics/${b1.id}`)).body.members).toBe(2);

    const username = uniqueSlug('stat-sec');
    await api('POST', '/api/v1/users', { username, displayName: '一支部书记', password: 'Secret-123', roles: ['secretary'], organisationScope: [b1.id] });
    const secretary = await passwordLogin(platform.issuer, username, 'Secret-123');
    expect((await gateway('GET', `/api/v1/statistics/${b1.id}`, { token: secretary, tenant: 'acme-corp' })).body.members).toBe(2);
    expect((await gateway('GET', `/api/v1/statistics/${general.id}`, { token: secretary, tenant: 'acme-corp' })).status).toBe(403);
  });
});
