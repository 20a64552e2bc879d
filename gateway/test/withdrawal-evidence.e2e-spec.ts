import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import pg from 'pg';
import { freshTenant, gateway, platform, uniqueSlug } from './support.js';

/*
 * Issue 14 (3): the self-withdrawal count rests on what the records show, both ways. Attendance a
 * secretary forgot to take counts for nobody; a month without a meeting of the member's branch neither
 * counts nor breaks the count; a month never run for dues is no evidence of unpaid dues.
 */
let serial = 0;
const region = String(450000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19920101${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const month = (offset: number) => addMonths(`${chinaToday().slice(0, 7)}-01`, offset).slice(0, 7);

describe('self-withdrawal evidence: only recorded absences count, months without a meeting are neutral', () => {
  let api: (method: string, path: string, body?: unknown) => ReturnType<typeof gateway>;
  const database = new pg.Client({ connectionString: platform.databases['organisation']!.admin });

  beforeAll(async () => {
    // The check runs over a whole tenant: this suite's own, so no other suite's half-done state counts.
    api = (await freshTenant('evidence')).api;
    await database.connect();
  });
  afterAll(() => database.end());

  it('counts a gap across a month without a meeting, and nothing for attendance never taken', async () => {
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '出勤证据测试支部',
        code: uniqueSlug('EVID'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const member = async (name: string) =>
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
      ).body as { id: string };
    const [gapped, forgotten, unrun] = [
      await member('隔月缺席'),
      await member('未登记出勤'),
      await member('未核算党费'),
    ];
    await database.query(
      `update members set created_at = now() - interval '13 months' where id = any($1::uuid[])`,
      [[gapped.id, forgotten.id, unrun.id]],
    );
    // Nobody here has a dues month in the ledger (none is assessed, so no run makes one, even a run of
    // the whole tenant by another suite): no evidence of unpaid dues.
    // A theme day every month but one (month -3 had none). Only the gapped member's absence is
    // recorded; nobody's attendance is taken for the other two.
    for (const offset of [-6, -5, -4, -2, -1]) {
      const day = `${month(offset)}-12`;
      const themeDay = (
        await api('POST', '/api/v1/meetings', {
          organisationId: branch.id,
          kind: 'theme_day',
          title: `主题党日 ${day}`,
          scheduledAt: `${day}T09:00:00+08:00`,
        })
      ).body;
      expect(
        (
          await api('POST', '/api/v1/attendance', {
            meetingId: themeDay.id,
            memberId: gapped.id,
            status: 'absent',
          })
        ).status,
      ).toBe(201);
      expect(
        (await api('POST', `/api/v1/meetings/${themeDay.id}/actions`, { action: 'hold', heldOn: day }))
          .status,
      ).toBe(200);
    }

    // Month -3's meeting was held, but nobody's attendance was taken: it counts for nobody, and the
    // secretary sees it flagged.
    const untaken = (
      await api('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind: 'theme_day',
        title: '未登记出勤的主题党日',
        scheduledAt: `${month(-3)}-12T09:00:00+08:00`,
      })
    ).body;
    await api('POST', `/api/v1/meetings/${untaken.id}/actions`, {
      action: 'hold',
      heldOn: `${month(-3)}-12`,
    });
    expect((await api('GET', `/api/v1/meetings/${untaken.id}`)).body).toMatchObject({
      state: 'held',
      attendanceTaken: false,
    });

    const run = await api('POST', '/api/v1/withdrawal-cases/runs');
    expect(run.status).toBe(200);
    // The check says what evidence it lacked rather than guessing.
    expect(run.body.meetingsWithoutAttendance).toBeGreaterThanOrEqual(1);
    const cases = (
      await api(
        'GET',
        `/api/v1/withdrawal-cases?${listQuery(['state', 'ASC'], [0, 99], { withinId: branch.id })}`,
      )
    ).body as { memberId: string; state: string; monthsWithoutDues: number; monthsWithoutLife: number }[];
    const byMember = new Map(cases.map((c) => [c.memberId, c]));
    // Five recorded absences in a row across the month without a meeting: a warning, not yet a case.
    expect(byMember.get(gapped.id)).toMatchObject({
      state: 'warning',
      monthsWithoutLife: 5,
      monthsWithoutDues: 0,
    });
    expect(byMember.has(forgotten.id)).toBe(false);
    expect(byMember.has(unrun.id)).toBe(false);
  });

  it('warns from the 3rd month and opens a case from the 6th, not a month before (rules.md §2)', async () => {
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const branch = (
      await api('POST', '/api/v1/organisations', {
        name: '预警边界测试支部',
        code: uniqueSlug('EDGE'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const member = async (name: string) =>
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
      ).body as { id: string };
    // Months without dues counted back from last month: 2, 3, 5 and 6 (each paid before that; the
    // back-payment limit keeps the ledger to the last six months).
    const unpaid = { two: 2, three: 3, five: 5, six: 6 } as const;
    const members = Object.fromEntries(
      await Promise.all(Object.keys(unpaid).map(async (key) => [key, await member(`边界${key}`)] as const)),
    ) as Record<keyof typeof unpaid, { id: string }>;
    await database.query(
      `update members set created_at = now() - interval '13 months' where id = any($1::uuid[])`,
      [Object.values(members).map((m) => m.id)],
    );
    for (const m of Object.values(members))
      expect(
        (await api('POST', '/api/v1/dues-assessments', { memberId: m.id, effectiveFrom: month(-6) })).status,
      ).toBe(201);
    for (let offset = -6; offset <= -1; offset++)
      expect((await api('POST', '/api/v1/dues-ledger/runs', { month: month(offset) })).status).toBe(200);
    for (const [key, months] of Object.entries(unpaid) as [keyof typeof unpaid, number][]) {
      const paid = [];
      for (let offset = -6; offset < -months; offset++) paid.push(month(offset));
      if (paid.length > 0)
        expect(
          (
            await api('POST', '/api/v1/dues-payments', {
              memberId: members[key].id,
              months: paid,
              paidOn: chinaToday(),
            })
          ).status,
        ).toBe(201);
    }
    expect((await api('POST', '/api/v1/withdrawal-cases/runs')).status).toBe(200);
    const cases = (
      await api(
        'GET',
        `/api/v1/withdrawal-cases?${listQuery(['state', 'ASC'], [0, 99], { withinId: branch.id })}`,
      )
    ).body as { memberId: string; state: string; monthsWithoutDues: number }[];
    const of = (key: keyof typeof unpaid) => cases.find((c) => c.memberId === members[key].id);
    expect(of('two')).toBeUndefined();
    expect(of('three')).toMatchObject({ state: 'warning', monthsWithoutDues: 3 });
    expect(of('five')).toMatchObject({ state: 'warning', monthsWithoutDues: 5 });
    expect(of('six')).toMatchObject({ state: 'open', monthsWithoutDues: 6 });
  });
});
