import { idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import pg from 'pg';
import { freshTenant, person, placedMember, platform, uniqueSlug } from './support.js';

/*
 * Issue 18, 民主测评: a members' appraisal ballot opens with a roll taken from the member records at that
 * moment (a member added afterwards is not on it); each on the roll votes once; the roll and the papers
 * share nothing but the ballot; turnout per branch while open and no results; results after closing
 * with 优秀 for at most a third of those graded; the probationary member votes but is not graded.
 */
const MODULES = ['organisation', 'supervision'];
let serial = 500;
const idCard = () => {
  const first17 = `11010619880303${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('appraisal ballots (民主测评)', () => {
  const database = new pg.Client({ connectionString: platform.databases['supervision']!.admin });
  beforeAll(() => database.connect());
  afterAll(() => database.end());

  it('runs a members’ appraisal on a roll snapshot, one paper each, results only after closing', async () => {
    const tenant = await freshTenant('blt', MODULES);
    const branch = async (name: string) =>
      (
        await tenant.api('POST', '/api/v1/organisations', {
          name,
          code: uniqueSlug('BL'),
          kind: 'branch',
          parentId: tenant.root.id,
        })
      ).body as { id: string };
    const one = await branch('测评一支部');
    const two = await branch('测评二支部');
    const secretary = await person(tenant.api, tenant.slug, ['secretary'], [tenant.root.id]);
    const voters = [
      await placedMember(tenant, one, '测评甲', idCard()),
      await placedMember(tenant, one, '测评乙', idCard()),
      await placedMember(tenant, two, '测评丙', idCard()),
    ];
    const probationaryLogin = await person(tenant.api, tenant.slug, ['member']);
    expect(
      (
        await tenant.api('POST', '/api/v1/members', {
          organisationId: two.id,
          name: '测评预备',
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'probationary',
          joinedOn: '2026-03-01',
          userId: probationaryLogin.userId,
        })
      ).status,
    ).toBe(201);

    const created = await secretary.call('POST', '/api/v1/ballots', {
      organisationId: tenant.root.id,
      subject: '2026年度民主评议党员',
      kind: 'member_appraisal',
      subjectName: '',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', candidates: [], actions: ['open'] });
    const id = created.body.id as string;
    // Not visible to a member before it opens.
    expect((await voters[0]!.call('GET', `/api/v1/ballots/${id}`)).status).toBe(404);
    const opened = await secretary.call('POST', `/api/v1/ballots/${id}/actions`, {
      version: created.body.version,
      action: 'open',
    });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'open', rollSize: 4, voted: 0, results: [] });
    expect(
      opened.body.candidates.map((c: { name: string; graded: boolean }) => [c.name, c.graded]).sort(),
    ).toEqual([
      ['测评丙', true],
      ['测评乙', true],
      ['测评甲', true],
      ['测评预备', false],
    ]);
    const graded = opened.body.candidates.filter((c: { graded: boolean }) => c.graded) as {
      id: string;
      name: string;
    }[];

    // A member added after opening is not on the roll.
    const late = await placedMember(tenant, one, '测评迟到', idCard());
    const byName = (name: string) => graded.find((c) => c.name === name)!.id;
    const paper = (excellent: string) =>
      Object.fromEntries(graded.map((c) => [c.id, c.name === excellent ? 'excellent' : 'qualified']));
    const lateVote = await late.call('POST', `/api/v1/ballots/${id}/votes`, { grades: paper('测评甲') });
    expect(lateVote.status).toBe(404);

    // Two 优秀 among three graded breaks the cap on a paper; a missing candidate is named.
    const tooMany = await voters[0]!.call('POST', `/api/v1/ballots/${id}/votes`, {
      grades: { ...paper('测评甲'), [byName('测评乙')]: 'excellent' },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'grades', code: 'too_many' });
    const missing = await voters[0]!.call('POST', `/api/v1/ballots/${id}/votes`, {
      grades: { [byName('测评甲')]: 'excellent' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain(
      `grades.${byName('测评乙')}`,
    );
    const notText = await voters[0]!.call('POST', `/api/v1/ballots/${id}/votes`, {
      grades: { [byName('测评甲')]: 5 },
    });
    expect(notText.status).toBe(400);

    const vote = await voters[0]!.call('POST', `/api/v1/ballots/${id}/votes`, { grades: paper('测评甲') });
    expect(vote.status).toBe(201);
    expect(vote.body).toMatchObject({ iVoted: true, actions: [], results: [] });
    const again = await voters[0]!.call('POST', `/api/v1/ballots/${id}/votes`, { grades: paper('测评乙') });
    expect(again.status).toBe(422);
    expect(again.body.rule).toBe('ballot-voted');
    await voters[1]!.call('POST', `/api/v1/ballots/${id}/votes`, { grades: paper('测评甲') });
    await probationaryLogin.call('POST', `/api/v1/ballots/${id}/votes`, { grades: paper('测评丙') });

    // While open: turnout per branch for staff, no results for anyone.
    const during = await secretary.call('GET', `/api/v1/ballots/${id}`);
    expect(during.body.voted).toBe(3);
    expect(during.body.results).toEqual([]);
    const turnout = Object.fromEntries(
      during.body.turnout.map((t: { organisationName: string; roll: number; voted: number }) => [
        t.organisationName,
        [t.voted, t.roll],
      ]),
    );
    expect(turnout).toEqual({ 测评一支部: [2, 2], 测评二支部: [1, 2] });

    // The roll and the papers share nothing but the ballot: no voter, no time on a paper.
    const paperColumns = (
      await database.query(
        `select column_name from information_schema.columns where table_name = 'ballot_papers' order by 1`,
      )
    ).rows.map((r) => r.column_name);
    expect(paperColumns).toEqual(['ballot_id', 'grades', 'id', 'tenant_id']);
    const rollColumns = (
      await database.query(
        `select column_name from information_schema.columns where table_name = 'ballot_voters'`,
      )
    ).rows.map((r) => r.column_name);
    expect(rollColumns).not.toContain('paper_id');
    expect(rollColumns.some((c: string) => /_at$|_on$/.test(c))).toBe(false);

    const closed = await secretary.call('POST', `/api/v1/ballots/${id}/actions`, {
      version: during.body.version,
      action: 'close',
    });
    expect(closed.body.status).toBe('closed');
    const results = Object.fromEntries(
      closed.body.results.map((r: { name: string; grade: string }) => [r.name, r.grade]),
    );
    // Three papers: 甲 优秀 twice, 丙 once; one of three graded may be 优秀.
    expect(results).toEqual({ 测评甲: 'excellent', 测评乙: 'qualified', 测评丙: 'qualified' });
    expect(
      (await voters[2]!.call('POST', `/api/v1/ballots/${id}/votes`, { grades: paper('测评丙') })).status,
    ).toBe(422);
    // Members on the roll read the outcome in their list.
    const mine = await voters[2]!.call(
      'GET',
      `/api/v1/me/ballots?${listQuery(['createdAt', 'DESC'], [0, 9], {})}`,
    );
    expect(mine.body.map((b: { id: string; iVoted: boolean }) => [b.id, b.iVoted])).toEqual([[id, false]]);

    const other = await freshTenant('blo', MODULES);
    expect((await other.api('GET', `/api/v1/ballots/${id}`)).status).toBe(404);
  });
});
