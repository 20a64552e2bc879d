import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import pg from 'pg';
import { freshTenant, gateway, platform, tokenFor, uniqueSlug } from './support.js';

let serial = 0;
const region = String(440000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19900101${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const month = (offset: number) => addMonths(`${chinaToday().slice(0, 7)}-01`, offset).slice(0, 7);

interface Case {
  id: string;
  memberId: string;
  state: string;
  monthsWithoutDues: number;
  monthsWithoutLife: number;
  countedTo: string;
  resolution: string | null;
  closedBy: string | null;
  updatedAt: string;
}

describe('self-withdrawal check (自行脱党): warns at 3 months, opens a case at 6, never removes anyone', () => {
  let api: (method: string, path: string, body?: unknown) => ReturnType<typeof gateway>;
  const database = new pg.Client({ connectionString: platform.databases['organisation']!.admin });

  // The check is tenant-wide: in a tenant of its own it neither waits on nor disturbs the other suites'
  // members (in the shared acme tenant it grew with them, past a minute on a two-CPU machine).
  beforeAll(async () => {
    api = (await freshTenant('withdrawal')).api;
    await database.connect();
  });
  afterAll(() => database.end());

  it('counts months without dues and without life, is the same run twice or at once, and closes warnings once members resume', async () => {
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '脱党预警测试支部',
        code: uniqueSlug('WD'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const names = ['六月未交', '三月未交', '按时交纳', '六月未过组织生活'];
    const members: { id: string }[] = [];
    for (const name of names) {
      members.push(
        (
          await api('POST', '/api/v1/members', {
            organisationId: branch.id,
            name,
            idCardNumber: idCard(),
            occupation: 'student',
            developmentStage: 'full',
            joinedOn: '2015-07-01',
            confirmedOn: '2016-07-01',
          })
        ).body,
      );
    }
    const [noDues, threeMonths, onTime, noLife] = members as [
      { id: string },
      { id: string },
      { id: string },
      { id: string },
    ];
    // The records existed a year ago (as if imported then): the check counts no month before a record existed.
    await database.query(
      `update members set created_at = now() - interval '13 months' where id = any($1::uuid[])`,
      [members.map((m) => m.id)],
    );

    // Six past months of dues: ¥0.20 a month each.
    for (const member of members)
      expect(
        (await api('POST', '/api/v1/dues-assessments', { memberId: member.id, effectiveFrom: month(-6) }))
          .status,
      ).toBe(201);
    for (let offset = -6; offset <= -1; offset++)
      expect((await api('POST', '/api/v1/dues-ledger/runs', { month: month(offset) })).status).toBe(200);
    const pay = (member: { id: string }, offsets: number[]) =>
      api('POST', '/api/v1/dues-payments', {
        memberId: member.id,
        months: offsets.map(month),
        paidOn: chinaToday(),
      });
    expect((await pay(threeMonths, [-6, -5, -4])).status).toBe(201);
    expect((await pay(onTime, [-6, -5, -4, -3, -2, -1])).status).toBe(201);
    expect((await pay(noLife, [-6, -5, -4, -3, -2, -1])).status).toBe(201);

    // A theme day in each of those months: everyone there but one member, whose absence is recorded
    // (issue 14: only a recorded absence counts against a member).
    for (let offset = -6; offset <= -1; offset++) {
      const day = `${month(offset)}-10`;
      const themeDay = (
        await api('POST', '/api/v1/meetings', {
          organisationId: branch.id,
          kind: 'theme_day',
          title: `主题党日 ${day}`,
          scheduledAt: `${day}T09:00:00+08:00`,
        })
      ).body;
      for (const member of [noDues, threeMonths, onTime])
        await api('POST', '/api/v1/attendance', {
          meetingId: themeDay.id,
          memberId: member.id,
          status: offset === -2 && member === onTime ? 'excused' : 'present',
        });
      await api('POST', '/api/v1/attendance', {
        meetingId: themeDay.id,
        memberId: noLife.id,
        status: 'absent',
      });
      expect(
        (await api('POST', `/api/v1/meetings/${themeDay.id}/actions`, { action: 'hold', heldOn: day }))
          .status,
      ).toBe(200);
    }

    const casesOfBranch = async () =>
      (
        (
          await api(
            'GET',
            `/api/v1/withdrawal-cases?${listQuery(['state', 'ASC'], [0, 99], { withinId: branch.id })}`,
          )
        ).body as Case[]
      ).sort((a, b) => a.memberId.localeCompare(b.memberId));
    // Two runs at once (two replicas), then a third: the same cases, untouched by the repeats.
    const runs = await Promise.all([
      api('POST', '/api/v1/withdrawal-cases/runs'),
      api('POST', '/api/v1/withdrawal-cases/runs'),
    ]);
    expect(runs.map((r) => [r.status, r.body.countedTo])).toEqual([
      [200, month(-1)],
      [200, month(-1)],
    ]);
    const first = await casesOfBranch();
    expect((await api('POST', '/api/v1/withdrawal-cases/runs')).status).toBe(200);
    expect(await casesOfBranch()).toEqual(first);

    const byMember = new Map(first.map((c) => [c.memberId, c]));
    expect(byMember.get(noDues.id)).toMatchObject({
      state: 'open',
      monthsWithoutDues: 6,
      monthsWithoutLife: 0,
      countedTo: month(-1),
    });
    expect(byMember.get(threeMonths.id)).toMatchObject({
      state: 'warning',
      monthsWithoutDues: 3,
      monthsWithoutLife: 0,
    });
    expect(byMember.get(noLife.id)).toMatchObject({
      state: 'open',
      monthsWithoutDues: 0,
      monthsWithoutLife: 6,
    });
    expect(byMember.has(onTime.id)).toBe(false);
    const { rows } = await database.query(
      `select member_id, count(*)::int as n from withdrawal_cases where member_id = any($1::uuid[]) group by 1`,
      [members.map((m) => m.id)],
    );
    expect(rows.every((row: { n: number }) => row.n === 1)).toBe(true);

    // Dues paid up: the warning closes by itself; an open case waits for the branch.
    expect((await pay(threeMonths, [-3, -2, -1])).status).toBe(201);
    expect((await pay(noDues, [-6, -5, -4, -3, -2, -1])).status).toBe(201);
    // (The service's daily job may have got there first; either way the check closed it.)
    expect((await api('POST', '/api/v1/withdrawal-cases/runs')).status).toBe(200);
    const after = new Map((await casesOfBranch()).map((c) => [c.memberId, c]));
    expect(after.get(threeMonths.id)).toMatchObject({
      state: 'closed',
      resolution: 'resumed',
      closedBy: 'withdrawal-check',
    });
    expect(after.get(noDues.id)).toMatchObject({ state: 'open', monthsWithoutDues: 0 });

    // The branch decides; the platform only records it. Nobody's status changed.
    const close = (id: string, body: object) => api('POST', `/api/v1/withdrawal-cases/${id}/close`, body);
    expect(
      (await close(after.get(noLife.id)!.id, { resolution: 'expelled', note: '' })).body.errors
        .map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['note', 'resolution']);
    expect(
      (await close(after.get(noLife.id)!.id, { resolution: 'valid_reason', note: '长期驻外工作，已联系' }))
        .body,
    ).toMatchObject({ state: 'closed', resolution: 'valid_reason' });
    expect(
      (await close(after.get(noLife.id)!.id, { resolution: 'valid_reason', note: '再次' })).body.rule,
    ).toBe('withdrawal-case-closed');
    for (const member of members)
      expect((await api('GET', `/api/v1/members/${member.id}`)).body.status).toBe('active');

    // Only the tenant's admins and secretaries see cases; another tenant sees none of them.
    const univ = await tokenFor('univ-admin');
    const theirs = (
      await gateway('GET', `/api/v1/withdrawal-cases?${listQuery(['state', 'ASC'], [0, 499])}`, {
        token: univ,
        tenant: 'east-univ',
      })
    ).body as Case[];
    expect(theirs.filter((c) => members.some((m) => m.id === c.memberId))).toEqual([]);
  });
});
