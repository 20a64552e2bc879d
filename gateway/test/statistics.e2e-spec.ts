import { chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin } from '@dangjian/testing';
import pg from 'pg';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

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
    const api = (method: string, path: string, body?: object) =>
      gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const general = (
      await api('POST', '/api/v1/organisations', {
        name: '统计测试党总支',
        code: uniqueSlug('STAT'),
        kind: 'general_branch',
        parentId: root.id,
      })
    ).body;
    const b1 = (
      await api('POST', '/api/v1/organisations', {
        name: '统计一支部',
        code: uniqueSlug('STAT1'),
        kind: 'branch',
        parentId: general.id,
      })
    ).body;
    const b2 = (
      await api('POST', '/api/v1/organisations', {
        name: '统计二支部',
        code: uniqueSlug('STAT2'),
        kind: 'branch',
        parentId: general.id,
      })
    ).body;
    const year = Number(chinaToday().slice(0, 4));
    const add = (
      organisationId: string,
      birthYear: number,
      developmentStage: string,
      occupation: string,
      female = false,
    ) =>
      api('POST', '/api/v1/members', {
        organisationId,
        name: '统计',
        idCardNumber: idCard(birthYear, female),
        occupation,
        developmentStage,
      });
    await add(b1.id, year - 25, 'full', 'salaried');
    await add(b1.id, year - 35, 'full', 'salaried', true);
    await add(b2.id, year - 70, 'full', 'retired');
    await add(b2.id, year - 22, 'applicant', 'student', true);

    const stats = (await api('GET', `/api/v1/statistics/${general.id}`)).body;
    expect(stats).toMatchObject({ id: general.id, members: 4, organisations: 3, branchesWithWarnings: 2 });
    expect(stats.byStage).toEqual([
      { key: 'full', count: 3 },
      { key: 'applicant', count: 1 },
    ]);
    expect(stats.byGender).toEqual([
      { key: 'female', count: 2 },
      { key: 'male', count: 2 },
    ]);
    expect(stats.byOccupation).toEqual([
      { key: 'salaried', count: 2 },
      { key: 'retired', count: 1 },
      { key: 'student', count: 1 },
    ]);
    expect(stats.byAgeBand.map((c: { key: string }) => c.key).sort()).toEqual([
      '30_or_under',
      '31_40',
      '61_or_over',
    ]);
    expect((await api('GET', `/api/v1/statistics/${b1.id}`)).body.members).toBe(2);

    const username = uniqueSlug('stat-sec');
    await invite(admin, 'acme-corp', {
      username,
      displayName: '一支部书记',
      password: 'Secret-123',
      roles: ['secretary'],
      organisationScope: [b1.id],
    });
    const secretary = await passwordLogin(platform.issuer, username, 'Secret-123');
    expect(
      (await gateway('GET', `/api/v1/statistics/${b1.id}`, { token: secretary, tenant: 'acme-corp' })).body
        .members,
    ).toBe(2);
    expect(
      (await gateway('GET', `/api/v1/statistics/${general.id}`, { token: secretary, tenant: 'acme-corp' }))
        .status,
    ).toBe(403);
  });

  it('keeps the running tallies equal to a recount of the member rows through creates, edits, steps, moves, merges and imports', async () => {
    const admin = await tokenFor('acme-admin');
    const api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      gateway(method, path, {
        token: admin,
        tenant: 'acme-corp',
        ...(body !== undefined ? { body } : {}),
        ...(headers ? { headers } : {}),
      });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const org = async (name: string, kind: string, parentId: string) =>
      (await api('POST', '/api/v1/organisations', { name, code: uniqueSlug('TALLY'), kind, parentId })).body;
    const east = await org('计数东党总支', 'general_branch', root.id);
    const west = await org('计数西党总支', 'general_branch', root.id);
    const b1 = await org('计数一支部', 'branch', east.id);
    const b2 = await org('计数二支部', 'branch', east.id);
    const b3 = await org('计数三支部', 'branch', west.id);
    const group = await org('计数一支部第一党小组', 'group', b1.id);
    const monthsAgo = (months: number) => {
      const date = new Date(`${chinaToday()}T00:00:00Z`);
      date.setUTCMonth(date.getUTCMonth() - months);
      return date.toISOString().slice(0, 10);
    };
    const add = async (organisationId: string, birthYear: number, body: object) =>
      (
        await api('POST', '/api/v1/members', {
          organisationId,
          name: '计数',
          idCardNumber: idCard(birthYear, serial % 2 === 0),
          occupation: 'salaried',
          ...body,
        })
      ).body;

    const database = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await database.connect();
    // The statistics (read from the tallies) against the member rows counted directly, and the
    // overdue steps against the secretary's overdue list (read from the member rows). Other test files
    // write members into this tenant at the same time, so a comparison only counts when the subtree's
    // member rows are the same before and after the statistics read (a quiet window). Counts alone can
    // hide two changes that cancel out, so a fingerprint of every row's counted fields is compared too.
    const directCounts = async (organisation: { id: string }, path: string) => {
      const counts: Record<string, Record<string, number>> = {};
      for (const [column, field] of [
        ['development_stage', 'byStage'],
        ['gender', 'byGender'],
        ['ethnicity', 'byEthnicity'],
        ['education', 'byEducation'],
        ['occupation', 'byOccupation'],
      ] as const) {
        const { rows } = await database.query<{ key: string; count: number }>(
          `select m.${column} as key, count(*)::int as count from members m join organisations o on o.id = m.organisation_id
           where o.path like $1 || '%' and m.status = 'active' group by 1`,
          [path],
        );
        counts[field] = Object.fromEntries(rows.map((c) => [c.key, c.count]));
      }
      const overdue = (
        await api(
          'GET',
          `/api/v1/development-overdue?${listQuery(['dueOn', 'ASC'], [0, 499], { withinId: organisation.id })}`,
        )
      ).body as { step: string }[];
      const overdueSteps: Record<string, number> = {};
      for (const row of overdue) overdueSteps[row.step] = (overdueSteps[row.step] ?? 0) + 1;
      counts['overdueSteps'] = overdueSteps;
      return counts;
    };
    const fingerprint = async (path: string) => {
      const {
        rows: [{ value }],
      } = await database.query(
        `select coalesce(sum(hashtextextended(m.id::text || m.status || m.organisation_id::text || m.development_stage || m.gender || m.ethnicity || m.education || m.occupation, 0)), 0)::text as value
         from members m join organisations o on o.id = m.organisation_id where o.path like $1 || '%'`,
        [path],
      );
      return value as string;
    };
    const expectAgreement = async (organisation: { id: string }) => {
      const {
        rows: [{ path }],
      } = await database.query('select path from organisations where id = $1', [organisation.id]);
      const waitUntil = Date.now() + 120_000;
      for (;;) {
        const before = await directCounts(organisation, path);
        const fingerprintBefore = await fingerprint(path);
        const stats = (await api('GET', `/api/v1/statistics/${organisation.id}`)).body;
        const after = await directCounts(organisation, path);
        const quiet =
          JSON.stringify(before) === JSON.stringify(after) && fingerprintBefore === (await fingerprint(path));
        // A large import in another test file can keep the tenant busy for most of a minute.
        if (!quiet && Date.now() < waitUntil) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          continue;
        }
        const fromTallies = Object.fromEntries(
          Object.keys(after).map((field) => [
            field,
            Object.fromEntries(
              (stats[field] as { key: string; count: number }[]).map((c) => [c.key, c.count]),
            ),
          ]),
        );
        expect(fromTallies).toEqual(after);
        return stats;
      }
    };
    try {
      const year = Number(chinaToday().slice(0, 4));
      await add(b1.id, year - 30, { developmentStage: 'full' });
      const applicant = await add(b1.id, year - 20, {
        developmentStage: 'applicant',
        stageSince: monthsAgo(2),
        occupation: 'student',
      });
      await add(group.id, year - 45, { developmentStage: 'full', ethnicity: '回族' });
      const editable = await add(b2.id, year - 52, {
        developmentStage: 'probationary',
        joinedOn: monthsAgo(13),
      });
      await add(b3.id, year - 65, { developmentStage: 'full', occupation: 'retired' });
      expect((await expectAgreement(east)).overdueSteps.map((c: { key: string }) => c.key).sort()).toEqual([
        'application_talk',
        'confirmation',
      ]);

      expect(
        (
          await api('PUT', `/api/v1/members/${editable.id}`, {
            reason: '信息更正',
            occupation: 'self_employed',
            ethnicity: '满族',
            education: '大学本科',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await api('POST', '/api/v1/development', {
            memberId: applicant.id,
            kind: 'application_talk',
            decidedOn: chinaToday(),
          })
        ).status,
      ).toBe(201);
      expect((await expectAgreement(east)).overdueSteps.map((c: { key: string }) => c.key)).toEqual([
        'confirmation',
      ]);

      // b2 (with its probationary member) moves from east to west; then b1 merges into b3, its
      // members and its group following.
      expect((await api('PUT', `/api/v1/organisations/${b2.id}`, { parentId: west.id })).status).toBe(200);
      expect(
        (
          await api('POST', `/api/v1/organisations/${b1.id}/dissolve`, {
            reason: '支部合并',
            successorId: b3.id,
          })
        ).status,
      ).toBe(200);
      const header = [
        '姓名',
        '公民身份号码',
        '性别',
        '民族',
        '学历',
        '人员类别',
        '职业类别',
        '所在党组织编码',
        '入党日期',
        '转正日期',
        '联系电话',
        '是否流动党员',
      ];
      const row = (birthYear: number, stage: string) => [
        '导入计数',
        idCard(birthYear, false),
        '',
        '汉族',
        '大专',
        stage,
        '在岗职工',
        b3.code,
        '2015-07-01',
        stage === '正式党员' ? '2016-07-01' : '',
        '',
        '否',
      ];
      const file = Buffer.from(
        `${[header, row(1980, '正式党员'), row(1990, '正式党员')].map((r) => r.join(',')).join('\n')}\n`,
        'utf8',
      );
      const job = (
        await api('POST', `/api/v1/import-jobs?kind=members&fileName=tally.csv`, file, {
          'content-type': 'text/csv',
        })
      ).body;
      for (
        let i = 0;
        i < 200 &&
        !['completed', 'failed'].includes((await api('GET', `/api/v1/import-jobs/${job.id}`)).body.status);
        i++
      )
        await new Promise((r) => setTimeout(r, 100));
      expect((await api('GET', `/api/v1/import-jobs/${job.id}`)).body).toMatchObject({
        status: 'completed',
        createdCount: 2,
      });

      const eastAfter = await expectAgreement(east);
      const westAfter = await expectAgreement(west);
      expect(eastAfter.members).toBe(0);
      expect(westAfter.members).toBe(7);
      await expectAgreement(b3);
      await expectAgreement(root);
    } finally {
      await database.end();
    }
  }, 600_000);
});
