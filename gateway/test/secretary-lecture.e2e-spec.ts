import { chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, gateway, tokenFor, uniqueSlug } from './support.js';

/*
 * Issue 14, part 5: "party lecture: secretaries at least once a year" (rules.md §4). A party lecture
 * names its lecturer; the branch's compliance has a yearly 书记讲党课 that only a lecture given by the
 * branch's secretary in office that day meets.
 */
let serial = 0;
const region = String(460000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19850301${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('the secretary’s own party lecture', () => {
  it('is met by a lecture the branch’s secretary gave, not by one another member gave', async () => {
    const { api, root } = await freshTenant('lecture');
    const today = chinaToday();
    const year = Number(today.slice(0, 4));
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '讲党课支部',
        code: uniqueSlug('LECT'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body as { id: string };
    const member = async (name: string) =>
      (
        await api('POST', '/api/v1/members', {
          organisationId: branch.id,
          name,
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'full',
          joinedOn: '2010-07-01',
          confirmedOn: '2011-07-01',
        })
      ).body as { id: string };
    const [secretary, other] = [await member('王书记'), await member('李党员')];
    expect(
      (
        await api('POST', '/api/v1/positions', {
          organisationId: branch.id,
          kind: 'secretary',
          holderMemberId: secretary.id,
          termStart: `${year}-01-01`,
          termEnd: `${year + 4}-12-31`,
        })
      ).status,
    ).toBe(201);
    const secretaryLecture = async () => {
      const groups = (
        await api(
          'GET',
          `/api/v1/meeting-compliance-groups?${listQuery(['organisationName', 'ASC'], [0, 49], { withinId: branch.id, year })}`,
        )
      ).body as { kind: string; periods: { period: string; held: number; status: string }[] }[];
      return groups.find((group) => group.kind === 'secretary_lecture')!.periods;
    };
    expect(await secretaryLecture()).toMatchObject([{ period: String(year), held: 0 }]);

    const meeting = (kind: string, lecturerMemberId: string) =>
      api('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind,
        title: '党课：学习党章',
        scheduledAt: `${today}T09:00:00+08:00`,
        lecturerMemberId,
      });
    // Only a party lecture has a lecturer; the lecturer is a member of this tenant.
    const themeDay = await meeting('theme_day', secretary.id);
    expect(themeDay.status).toBe(400);
    expect(themeDay.body.errors[0]).toMatchObject({
      field: 'lecturerMemberId',
      code: 'only_for_party_lecture',
    });
    const acmeMember = (
      await gateway('GET', `/api/v1/members?${listQuery(['name', 'ASC'], [0, 0])}`, {
        token: await tokenFor('acme-admin'),
        tenant: 'acme-corp',
      })
    ).body[0] as { id: string };
    const elsewhere = await meeting('party_lecture', acmeMember.id);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors[0]).toMatchObject({ field: 'lecturerMemberId', code: 'unknown_member' });

    const lecture = async (lecturerId: string) => {
      const created = await meeting('party_lecture', lecturerId);
      expect(created.status).toBe(201);
      const held = await api('POST', `/api/v1/meetings/${created.body.id}/actions`, {
        action: 'hold',
        heldOn: today,
      });
      expect(held.status).toBe(200);
      return held.body as { lecturerName: string };
    };
    expect((await lecture(other.id)).lecturerName).toBe('李党员');
    expect(await secretaryLecture()).toMatchObject([{ held: 0 }]);
    expect((await lecture(secretary.id)).lecturerName).toBe('王书记');
    expect(await secretaryLecture()).toMatchObject([{ held: 1, status: 'met' }]);
  });
});
