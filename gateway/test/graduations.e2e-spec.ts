import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { gateway, tokenFor, uniqueSlug } from './support.js';

let serial = 0;
const region = String(450000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}20030101${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('graduates (rules.md §5): who has not transferred 3 months after graduating, who is held beyond 2 years', () => {
  it('records graduations for student members and lists the graduates to chase', async () => {
    const token = await tokenFor('univ-admin');
    const api = (method: string, path: string, body?: unknown) =>
      gateway(method, path, { token, tenant: 'east-univ', ...(body !== undefined ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '毕业生测试党支部',
        code: uniqueSlug('GRAD'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const member = async (name: string, occupation = 'student') =>
      (
        await api('POST', '/api/v1/members', {
          organisationId: branch.id,
          name,
          idCardNumber: idCard(),
          occupation,
          developmentStage: 'full',
          joinedOn: '2023-05-01',
          confirmedOn: '2024-05-01',
        })
      ).body as { id: string };
    const today = chinaToday();
    const graduate = (m: { id: string }, monthsAgo: number, destination: string) =>
      api('PUT', `/api/v1/graduations/${m.id}`, {
        graduatesOn: addMonths(today, -monthsAgo),
        destination,
        employer: destination === 'employed' ? '艾克米集团' : '',
      });

    const [employedLate, employedRecent, unemployedLong, unemployedShort, transferring] = [
      await member('已就业未转'),
      await member('刚毕业'),
      await member('待业超两年'),
      await member('待业一年'),
      await member('已申请转出'),
    ];
    expect((await graduate(employedLate, 4, 'employed')).body).toMatchObject({
      memberId: employedLate.id,
      destination: 'employed',
      employer: '艾克米集团',
      memberStatus: 'active',
    });
    await graduate(employedRecent, 2, 'employed');
    await graduate(unemployedLong, 25, 'unemployed');
    await graduate(unemployedShort, 12, 'unemployed');
    await graduate(transferring, 5, 'employed');
    expect(
      (
        await api('POST', '/api/v1/transfers', {
          memberId: transferring.id,
          destination: 'outside_platform',
          receivingOrganisationName: '某公司党委',
          reason: '毕业就业',
        })
      ).status,
    ).toBe(201);

    const teacher = await member('教师', 'salaried');
    expect((await api('PUT', `/api/v1/graduations/${teacher.id}`, { graduatesOn: today })).body.rule).toBe(
      'graduation-student-only',
    );
    expect(
      (
        await api('PUT', `/api/v1/graduations/${employedLate.id}`, {
          graduatesOn: '2026-02-30',
          destination: 'retired',
        })
      ).body.errors
        .map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['destination', 'graduatesOn']);

    const overdue = (
      await api(
        'GET',
        `/api/v1/graduate-overdue?${listQuery(['dueOn', 'ASC'], [0, 99], { withinId: branch.id })}`,
      )
    ).body as { memberId: string; kind: string; dueOn: string }[];
    expect(overdue.map((o) => [o.memberId, o.kind, o.dueOn])).toEqual([
      [unemployedLong.id, 'held_beyond_two_years', addMonths(addMonths(today, -25), 24)],
      [employedLate.id, 'no_transfer', addMonths(addMonths(today, -4), 3)],
    ]);
    expect(
      (
        await api(
          'GET',
          `/api/v1/graduations?${listQuery(['graduatesOn', 'DESC'], [0, 99], { withinId: branch.id })}`,
        )
      ).body,
    ).toHaveLength(5);
    // One member's record, as the member page's graduation panel reads it.
    const one = await api(
      'GET',
      `/api/v1/graduations?${listQuery(['graduatesOn', 'DESC'], [0, 9], { memberId: unemployedShort.id })}`,
    );
    expect(
      one.body.map((g: { memberId: string; destination: string }) => [g.memberId, g.destination]),
    ).toEqual([[unemployedShort.id, 'unemployed']]);
    expect(
      (
        await api(
          'GET',
          `/api/v1/graduations?${listQuery(['graduatesOn', 'DESC'], [0, 9], { memberId: teacher.id })}`,
        )
      ).body,
    ).toEqual([]);
    expect(
      (
        await api(
          'GET',
          `/api/v1/graduations?${listQuery(['graduatesOn', 'DESC'], [0, 9], { memberId: 'nobody' })}`,
        )
      ).body.errors[0].field,
    ).toBe('filter.memberId');

    // The enterprise sees none of the university's graduates.
    const acme = await tokenFor('acme-admin');
    expect(
      (
        await gateway('PUT', `/api/v1/graduations/${employedLate.id}`, {
          token: acme,
          tenant: 'acme-corp',
          body: { graduatesOn: today },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await gateway(
          'GET',
          `/api/v1/graduations?${listQuery(['graduatesOn', 'DESC'], [0, 9], { memberId: employedLate.id })}`,
          { token: acme, tenant: 'acme-corp' },
        )
      ).body,
    ).toEqual([]);
  });
});
