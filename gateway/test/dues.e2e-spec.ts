import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery, passwordLogin } from '@dangjian/testing';
import pg from 'pg';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

let serial = 0;
const region = String(420000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19800101${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const month = (offset: number) => addMonths(`${chinaToday().slice(0, 7)}-01`, offset).slice(0, 7);

describe('party dues (党费): assessments, the monthly run, the ledger and payments', () => {
  let admin: string;
  let branch: { id: string };
  const api = (method: string, path: string, body?: unknown, token?: string) =>
    gateway(method, path, {
      token: token ?? admin,
      tenant: 'acme-corp',
      ...(body !== undefined ? { body } : {}),
    });
  const member = async (body: object) =>
    (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '党费测试',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2010-07-01',
        confirmedOn: '2011-07-01',
        ...body,
      })
    ).body;
  const ledger = async (filter: object) =>
    (await api('GET', `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 99], filter)}`)).body as {
      month: string;
      dueFen: number;
      paidFen: number;
      outstandingFen: number;
    }[];

  beforeAll(async () => {
    admin = await tokenFor('acme-admin');
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    branch = (
      await api('POST', '/api/v1/organisations', {
        name: '党费测试党支部',
        code: uniqueSlug('DUES'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
  });

  it('assesses from the brackets, re-assesses from the month pay changes, runs months idempotently and settles payments within the limits', async () => {
    const salaried = await member({});
    const bad = await api('POST', '/api/v1/dues-assessments', {
      memberId: salaried.id,
      effectiveFrom: '2026-13',
      baseFen: 1.5,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'baseFen',
      'effectiveFrom',
    ]);
    const noBase = await api('POST', '/api/v1/dues-assessments', {
      memberId: salaried.id,
      effectiveFrom: month(-3),
    });
    expect(noBase.status).toBe(422);
    expect(noBase.body.rule).toBe('dues-base-required');

    // ¥6,500 after tax: 1.5% → ¥97.50; from this month a rise to ¥12,000: 2% → ¥240.00.
    const yearly = await api('POST', '/api/v1/dues-assessments', {
      memberId: salaried.id,
      effectiveFrom: month(-3),
      baseFen: 650_000,
    });
    expect(yearly.status).toBe(201);
    expect(yearly.body).toMatchObject({
      basisPoints: 150,
      monthlyFen: 9_750,
      standardFen: 9_750,
      reduction: 'none',
    });
    for (const m of [month(-2), month(-1)])
      expect((await api('POST', '/api/v1/dues-ledger/runs', { month: m })).status).toBe(200);
    expect(
      (
        await api('POST', '/api/v1/dues-assessments', {
          memberId: salaried.id,
          effectiveFrom: month(0),
          baseFen: 1_200_000,
          reason: '调薪',
        })
      ).body.monthlyFen,
    ).toBe(24_000);
    const run = (await api('POST', '/api/v1/dues-ledger/runs', { month: month(0) })).body;
    expect(run.created).toBeGreaterThanOrEqual(1);
    // The run is on record for the console: when, and by whom (a person here; the schedule otherwise).
    const runs = await api(
      'GET',
      `/api/v1/dues-month-runs?${listQuery(['month', 'DESC'], [0, 0], { month: month(0) })}`,
    );
    expect(runs.body).toHaveLength(1);
    expect(runs.body[0]).toMatchObject({ id: month(0), month: month(0) });
    expect(Date.now() - Date.parse(runs.body[0].completedAt)).toBeLessThan(10 * 60_000);
    expect((await api('POST', '/api/v1/dues-ledger/runs', { month: month(0) })).body.created).toBe(0);
    expect((await api('POST', '/api/v1/dues-ledger/runs', { month: month(1) })).body.rule).toBe(
      'dues-month-future',
    );
    // Another suite may run an earlier month for the whole tenant meanwhile (this member owes from
    // month(-3)): the months this test ran are the ones it checks.
    const ran = (await ledger({ memberId: salaried.id })).filter((entry) => entry.month >= month(-2));
    expect(ran).toMatchObject([
      { month: month(-2), dueFen: 9_750, paidFen: 0, outstandingFen: 9_750 },
      { month: month(-1), dueFen: 9_750, paidFen: 0 },
      { month: month(0), dueFen: 24_000, paidFen: 0 },
    ]);
    const history = (
      await api(
        'GET',
        `/api/v1/dues-assessments?${listQuery(['effectiveFrom', 'DESC'], [0, 9], { memberId: salaried.id })}`,
      )
    ).body;
    expect(history.map((a: { monthlyFen: number }) => a.monthlyFen)).toEqual([24_000, 9_750]);

    // Back payment reaches 6 months, not 7; a month is paid once; prepayment creates its row.
    const tooOld = await api('POST', '/api/v1/dues-payments', {
      memberId: salaried.id,
      months: [month(-7)],
      paidOn: chinaToday(),
    });
    expect(tooOld.body).toMatchObject({ status: 422, rule: 'dues-back-payment-limit' });
    const paid = await api('POST', '/api/v1/dues-payments', {
      memberId: salaried.id,
      months: [month(-2), month(-1)],
      paidOn: chinaToday(),
      paidByName: '配偶代交',
      voluntaryFen: 99_999,
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({
      duesFen: 19_500,
      provider: 'treasurer',
      paidByName: '配偶代交',
      voluntaryFen: 99_999,
      largeVoluntary: false,
    });
    expect(
      (
        await api('POST', '/api/v1/dues-payments', {
          memberId: salaried.id,
          months: [month(-1)],
          paidOn: chinaToday(),
        })
      ).body.rule,
    ).toBe('dues-already-paid');
    // Dues are paid monthly: a month ahead needs the branch's consent to pay quarterly (rules.md §1).
    const ahead = await api('POST', '/api/v1/dues-payments', {
      memberId: salaried.id,
      months: [month(0), month(1)],
      paidOn: chinaToday(),
    });
    expect(ahead.body).toMatchObject({ status: 422, rule: 'dues-ahead-needs-consent' });
    expect(ahead.body.errors[0]).toMatchObject({ field: 'months', params: { month: month(1) } });
    const large = await api('POST', '/api/v1/dues-payments', {
      memberId: salaried.id,
      months: [month(0)],
      paidOn: chinaToday(),
      voluntaryFen: 100_000,
    });
    expect(large.body).toMatchObject({ duesFen: 24_000, voluntaryFen: 100_000, largeVoluntary: true });

    // Quarterly needs the day the branch consented; then the rest of this quarter may be paid ahead,
    // and nothing after it.
    const quarterly = { memberId: salaried.id, effectiveFrom: month(0), baseFen: 1_200_000 };
    const noConsent = await api('POST', '/api/v1/dues-assessments', {
      ...quarterly,
      paymentSchedule: 'quarterly',
    });
    expect(noConsent.body).toMatchObject({ status: 422, rule: 'dues-quarterly-consent' });
    expect(noConsent.body.errors[0].field).toBe('quarterlyConsentedOn');
    const consented = await api('POST', '/api/v1/dues-assessments', {
      ...quarterly,
      paymentSchedule: 'quarterly',
      quarterlyConsentedOn: chinaToday(),
    });
    expect(consented.body).toMatchObject({
      paymentSchedule: 'quarterly',
      quarterlyConsentedOn: chinaToday(),
    });
    const current = Number(month(0).slice(5, 7));
    const rest = Array.from({ length: Math.ceil(current / 3) * 3 - current }, (_, i) => month(i + 1));
    if (rest.length > 0) {
      const restPaid = await api('POST', '/api/v1/dues-payments', {
        memberId: salaried.id,
        months: rest,
        paidOn: chinaToday(),
      });
      expect(restPaid.body).toMatchObject({ duesFen: 24_000 * rest.length, months: rest });
    }
    const beyond = await api('POST', '/api/v1/dues-payments', {
      memberId: salaried.id,
      months: [month(rest.length + 1)],
      paidOn: chinaToday(),
    });
    expect(beyond.body).toMatchObject({ status: 422, rule: 'dues-quarter-limit' });
    expect(beyond.body.errors[0].params.last).toBe(month(rest.length));
    expect(await ledger({ memberId: salaried.id, outstandingOnly: true })).toEqual([]);

    // Beyond what the foreign keys check: every ledger row names a member, an organisation and (where
    // it has one) that member's own assessment, all in the row's own tenant.
    const db = new pg.Client({ connectionString: platform.databases['organisation']!.admin });
    await db.connect();
    try {
      const { rows } = await db.query<{ rows: number; orphans: number }>(
        `select count(*)::int as rows,
                count(*) filter (where not exists (select 1 from members m where m.id = l.member_id and m.tenant_id = l.tenant_id)
                                    or not exists (select 1 from organisations o where o.id = l.organisation_id and o.tenant_id = l.tenant_id)
                                    or (l.assessment_id is not null and not exists (select 1 from dues_assessments a where a.id = l.assessment_id and a.member_id = l.member_id and a.tenant_id = l.tenant_id)))::int as orphans
         from dues_ledger l`,
      );
      expect(rows[0]!.rows).toBeGreaterThanOrEqual(3 + rest.length); // this member's months alone
      expect(rows[0]!.orphans).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('charges fixed amounts, starts probationary dues at acceptance, and lists the unassessed and the arrears', async () => {
    const farmer = await member({ occupation: 'farmer' });
    expect(
      (await api('POST', '/api/v1/dues-assessments', { memberId: farmer.id, effectiveFrom: month(-1) })).body
        .monthlyFen,
    ).toBe(20);
    await api('PUT', '/api/v1/organisation-settings/current', { farmerMonthlyDuesFen: 50 });
    try {
      expect(
        (await api('POST', '/api/v1/dues-assessments', { memberId: farmer.id, effectiveFrom: month(0) })).body
          .monthlyFen,
      ).toBe(50);
    } finally {
      await api('PUT', '/api/v1/organisation-settings/current', { farmerMonthlyDuesFen: 20 });
    }
    const probationary = await member({
      developmentStage: 'probationary',
      joinedOn: `${month(-1)}-15`,
      confirmedOn: undefined,
      occupation: 'student',
    });
    await api('POST', '/api/v1/dues-assessments', { memberId: probationary.id, effectiveFrom: month(-1) });
    const early = await api('POST', '/api/v1/dues-payments', {
      memberId: probationary.id,
      months: [month(-2)],
      paidOn: chinaToday(),
    });
    expect(early.body.rule).toBe('dues-before-joining');
    const unassessed = await member({ occupation: 'retired' });

    const run = (await api('POST', '/api/v1/dues-ledger/runs', { month: month(0) })).body;
    expect(run.unassessed).toBeGreaterThanOrEqual(1);
    expect(await ledger({ memberId: unassessed.id })).toEqual([]);
    const arrears = await api(
      'GET',
      `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 99], { withinId: branch.id, month: month(0), outstandingOnly: true })}`,
    );
    const byMember = new Map(
      arrears.body.map((e: { memberId: string; outstandingFen: number }) => [e.memberId, e.outstandingFen]),
    );
    expect(byMember.get(farmer.id)).toBe(50);
    expect(byMember.get(probationary.id)).toBe(20);
    expect(Number(arrears.headers.get('x-dues-total-due-fen'))).toBeGreaterThanOrEqual(70);
  });

  it('keeps dues inside the tenant and the secretary scope, and leaves treasurer payments to officers', async () => {
    const memberName = uniqueSlug('dues-member');
    const login = {
      id: await invite(admin, 'acme-corp', {
        username: memberName,
        displayName: '党员',
        password: 'Secret-123',
        roles: ['member'],
      }),
    };
    const payer = await member({ userId: login.id });
    await api('POST', '/api/v1/dues-assessments', {
      memberId: payer.id,
      effectiveFrom: month(0),
      baseFen: 300_000,
    });
    const univ = await tokenFor('univ-admin');
    expect(
      (
        await gateway(
          'GET',
          `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 9], { memberId: payer.id })}`,
          { token: univ, tenant: 'east-univ' },
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await gateway('POST', '/api/v1/dues-payments', {
          token: univ,
          tenant: 'east-univ',
          body: { memberId: payer.id, months: [month(0)], paidOn: chinaToday() },
        })
      ).status,
    ).toBe(404);

    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const other = (
      await api('POST', '/api/v1/organisations', {
        name: '他支部',
        code: uniqueSlug('DUESO'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const secretaryName = uniqueSlug('dues-sec');
    await invite(admin, 'acme-corp', {
      username: secretaryName,
      displayName: '他支部书记',
      password: 'Secret-123',
      roles: ['secretary'],
      organisationScope: [other.id],
    });
    const secretary = await passwordLogin(platform.issuer, secretaryName, 'Secret-123');
    expect(
      (
        await api(
          'POST',
          '/api/v1/dues-assessments',
          { memberId: payer.id, effectiveFrom: month(0), baseFen: 1 },
          secretary,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api(
          'GET',
          `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 9], { withinId: branch.id })}`,
          undefined,
          secretary,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api(
          'GET',
          `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 99], {})}`,
          undefined,
          secretary,
        )
      ).body.some((e: { memberId: string }) => e.memberId === payer.id),
    ).toBe(false);

    const own = await passwordLogin(platform.issuer, memberName, 'Secret-123');
    const selfRecorded = await api(
      'POST',
      '/api/v1/dues-payments',
      { memberId: payer.id, months: [month(0)], paidOn: chinaToday() },
      own,
    );
    expect(selfRecorded.status).toBe(403);
    expect(
      (
        await api('POST', '/api/v1/dues-payments', {
          memberId: payer.id,
          months: [month(0)],
          paidOn: chinaToday(),
          provider: 'wechat',
        })
      ).body.errors[0].field,
    ).toBe('provider');
    expect(
      (await api('GET', `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 9], {})}`, undefined, own))
        .status,
    ).toBe(403);
  });

  it('reports a subtree by the organisations below it: collection rate, arrears, what is remitted upward, large voluntary payments', async () => {
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const general = (
      await api('POST', '/api/v1/organisations', {
        name: '党费报表总支',
        code: uniqueSlug('DUESG'),
        kind: 'general_branch',
        parentId: root.id,
      })
    ).body;
    const first = (
      await api('POST', '/api/v1/organisations', {
        name: '报表一支部',
        code: uniqueSlug('DUES1'),
        kind: 'branch',
        parentId: general.id,
      })
    ).body;
    const second = (
      await api('POST', '/api/v1/organisations', {
        name: '报表二支部',
        code: uniqueSlug('DUES2'),
        kind: 'branch',
        parentId: general.id,
      })
    ).body;
    const inBranch = (organisationId: string) => member({ organisationId });
    const [paying, owing, generous] = [
      await inBranch(first.id),
      await inBranch(first.id),
      await inBranch(second.id),
    ];
    // ¥4,000 after tax: 1% → ¥40.00 a month each.
    for (const m of [paying, owing, generous])
      await api('POST', '/api/v1/dues-assessments', {
        memberId: m.id,
        effectiveFrom: month(-1),
        baseFen: 400_000,
      });
    await api('POST', '/api/v1/dues-ledger/runs', { month: month(-1) });
    await api('POST', '/api/v1/dues-payments', {
      memberId: paying.id,
      months: [month(-1)],
      paidOn: chinaToday(),
    });
    await api('POST', '/api/v1/dues-payments', {
      memberId: generous.id,
      months: [month(-1)],
      paidOn: chinaToday(),
      voluntaryFen: 100_000,
    });

    const report = async (m: string) =>
      (
        await api(
          'GET',
          `/api/v1/dues-reports?${listQuery(['organisationName', 'ASC'], [0, 99], { withinId: general.id, month: m })}`,
        )
      ).body as Record<string, unknown>[];
    const last = await report(month(-1));
    expect(
      last.map((r) => [
        r['organisationName'],
        r['scope'],
        r['dueFen'],
        r['paidFen'],
        r['collectionRateBasisPoints'],
        r['membersInArrears'],
        r['arrearsFen'],
      ]),
    ).toEqual([
      ['党费报表总支', 'own', 0, 0, null, 0, 0],
      ['报表一支部', 'subtree', 8_000, 4_000, 5_000, 1, 4_000],
      ['报表二支部', 'subtree', 4_000, 4_000, 10_000, 0, 0],
      ['党费报表总支', 'total', 12_000, 8_000, 6_666, 1, 4_000],
    ]);
    // The money came in this month: that is what goes upward, the ¥1,000 gift in full and flagged.
    const total = (await report(month(0))).find((r) => r['scope'] === 'total')!;
    expect(total).toMatchObject({ collectedFen: 108_000, voluntaryFen: 100_000, largeVoluntaryPayments: 1 });
    expect(
      (
        await api(
          'GET',
          `/api/v1/dues-reports?${listQuery(['organisationName', 'ASC'], [0, 99], { withinId: general.id, month: '2026-13' })}`,
        )
      ).body.errors[0].field,
    ).toBe('filter.month');
    // Another tenant cannot report on this subtree.
    const univ = await tokenFor('univ-admin');
    expect(
      (
        await gateway(
          'GET',
          `/api/v1/dues-reports?${listQuery(['organisationName', 'ASC'], [0, 99], { withinId: general.id, month: month(0) })}`,
          { token: univ, tenant: 'east-univ' },
        )
      ).status,
    ).toBe(404);
  });
});
