import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, gateway, tokenFor, uniqueSlug } from './support.js';

/*
 * Issue 14 (1): a pay rise recorded late must not turn months a member paid in full into arrears.
 * The months stay paid; the rise is a difference of its own (补交差额), settled by the treasurer and
 * never read as a month without dues; an assessment reaches back at most 12 months.
 */
let serial = 0;
const region = String(430000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19850101${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const month = (offset: number) => addMonths(`${chinaToday().slice(0, 7)}-01`, offset).slice(0, 7);
const PAID_MONTHS = [-6, -5, -4, -3, -2, -1].map(month);

describe('dues re-assessment of months already paid (补交差额)', () => {
  let branch: { id: string };
  let api: Awaited<ReturnType<typeof freshTenant>>['api'];

  beforeAll(async () => {
    // The self-withdrawal check at the end runs over the whole tenant: this suite's own.
    api = (await freshTenant('diff')).api;
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    branch = (
      await api('POST', '/api/v1/organisations', {
        name: '补交差额测试党支部',
        code: uniqueSlug('DIFF'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
  });

  it('keeps six paid months paid after a late pay rise, and owes the rise as six differences', async () => {
    const member = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '调薪补录',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2010-07-01',
        confirmedOn: '2011-07-01',
      })
    ).body;
    // ¥6,500 after tax from six months ago: 1.5% → ¥97.50 a month, paid for all six.
    expect(
      (
        await api('POST', '/api/v1/dues-assessments', {
          memberId: member.id,
          effectiveFrom: month(-6),
          baseFen: 650_000,
        })
      ).status,
    ).toBe(201);
    const paid = await api('POST', '/api/v1/dues-payments', {
      memberId: member.id,
      months: PAID_MONTHS,
      paidOn: chinaToday(),
    });
    expect(paid.status).toBe(201);

    // The rise to ¥12,000 (2% → ¥240.00) is recorded late, from the first of those months.
    const raised = await api('POST', '/api/v1/dues-assessments', {
      memberId: member.id,
      effectiveFrom: month(-6),
      baseFen: 1_200_000,
      reason: '调薪补录',
    });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ monthlyFen: 24_000, differencesCreated: 6 });

    const ledger = (
      await api('GET', `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 99], { memberId: member.id })}`)
    ).body as { month: string; dueFen: number; paidFen: number; outstandingFen: number }[];
    expect(ledger.filter((entry) => PAID_MONTHS.includes(entry.month))).toEqual(
      PAID_MONTHS.map((m) =>
        expect.objectContaining({ month: m, dueFen: 9_750, paidFen: 9_750, outstandingFen: 0 }),
      ),
    );
    const arrears = (
      await api(
        'GET',
        `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 99], { memberId: member.id, outstandingOnly: true })}`,
      )
    ).body as { month: string }[];
    expect(arrears.filter((entry) => PAID_MONTHS.includes(entry.month))).toEqual([]);

    const differences = (
      await api(
        'GET',
        `/api/v1/dues-differences?${listQuery(['month', 'ASC'], [0, 99], { memberId: member.id })}`,
      )
    ).body as { id: string; month: string; differenceFen: number; state: string; paidFen: number }[];
    expect(
      differences.map(({ month: m, differenceFen, state, paidFen }) => ({
        m,
        differenceFen,
        state,
        paidFen,
      })),
    ).toEqual(PAID_MONTHS.map((m) => ({ m, differenceFen: 14_250, state: 'open', paidFen: 9_750 })));

    // Settled by the treasurer: the first one, six months back (the back-payment limit is for months).
    // The money is received this month: the branch's dues report counts it as collected.
    const collected = async () =>
      (
        (
          await api(
            'GET',
            `/api/v1/dues-reports?${listQuery(['organisationName', 'ASC'], [0, 9], { withinId: branch.id, month: month(0) })}`,
          )
        ).body as { scope: string; collectedFen: number }[]
      ).find((row) => row.scope === 'total')!.collectedFen;
    const before = await collected();
    const settled = await api('POST', `/api/v1/dues-differences/${differences[0]!.id}/settle`, {
      paidOn: chinaToday(),
    });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ state: 'settled', settledOn: chinaToday() });
    expect((await collected()) - before).toBe(14_250);
    // Another tenant neither sees nor settles them; a bad date is a 400 naming the field.
    const acme = await tokenFor('acme-admin');
    const fromAcme = (method: string, path: string, body?: unknown) =>
      gateway(method, path, { token: acme, tenant: 'acme-corp', ...(body !== undefined ? { body } : {}) });
    expect(
      (
        await fromAcme(
          'GET',
          `/api/v1/dues-differences?${listQuery(['month', 'ASC'], [0, 99], { memberId: member.id })}`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await fromAcme('POST', `/api/v1/dues-differences/${differences[1]!.id}/settle`, {
          paidOn: chinaToday(),
        })
      ).status,
    ).toBe(404);
    const badDate = await api('POST', `/api/v1/dues-differences/${differences[1]!.id}/settle`, {
      paidOn: '2026-02-30',
    });
    expect([badDate.status, badDate.body.errors[0].field]).toEqual([400, 'paidOn']);
    const again = await api('POST', `/api/v1/dues-differences/${differences[0]!.id}/settle`, {
      paidOn: chinaToday(),
    });
    expect([again.status, again.body.rule]).toEqual([422, 'dues-difference-not-open']);

    // A second rise of the same months replaces what is open, and counts what was settled as paid.
    const second = await api('POST', '/api/v1/dues-assessments', {
      memberId: member.id,
      effectiveFrom: month(-6),
      baseFen: 1_500_000,
    });
    expect(second.body).toMatchObject({ monthlyFen: 30_000, differencesCreated: 6 });
    const open = (
      await api(
        'GET',
        `/api/v1/dues-differences?${listQuery(['month', 'ASC'], [0, 99], { memberId: member.id, state: 'open' })}`,
      )
    ).body as { month: string; differenceFen: number }[];
    expect(open.map((d) => [d.month, d.differenceFen])).toEqual([
      [PAID_MONTHS[0], 30_000 - 9_750 - 14_250],
      ...PAID_MONTHS.slice(1).map((m) => [m, 30_000 - 9_750]),
    ]);

    // The self-withdrawal check reads paid months as paid: no month without dues for this member.
    expect((await api('POST', '/api/v1/withdrawal-cases/runs')).status).toBe(200);
    const cases = (
      await api(
        'GET',
        `/api/v1/withdrawal-cases?${listQuery(['state', 'ASC'], [0, 99], { withinId: branch.id })}`,
      )
    ).body as { memberId: string; monthsWithoutDues: number }[];
    expect(cases.find((c) => c.memberId === member.id)?.monthsWithoutDues ?? 0).toBe(0);
  });

  it('lets an assessment reach back 12 months, not 13, and names the field', async () => {
    const member = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '追溯上限',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2010-07-01',
        confirmedOn: '2011-07-01',
      })
    ).body;
    const tooFar = await api('POST', '/api/v1/dues-assessments', {
      memberId: member.id,
      effectiveFrom: month(-13),
      baseFen: 650_000,
    });
    expect(tooFar.status).toBe(422);
    expect(tooFar.body.rule).toBe('dues-assessment-too-far-back');
    expect(tooFar.body.errors[0].field).toBe('effectiveFrom');
    const twelve = await api('POST', '/api/v1/dues-assessments', {
      memberId: member.id,
      effectiveFrom: month(-12),
      baseFen: 650_000,
    });
    expect(twelve.status).toBe(201);
  });
});
