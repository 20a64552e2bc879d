import { addDays, addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { freshTenant, uniqueSlug } from './support.js';

/*
 * Issue 14, part 5: the development alerts at their boundaries (rules.md §3) — the talk within a
 * month of applying, the activist's review every six months, thought reports every quarter (the
 * tenant's default). For each, a member whose deadline is today is not yet overdue and one whose
 * deadline was yesterday is. Months are calendar months as the kit's addMonths counts them (the 31st
 * plus a month is the 30th or 28th), which is how Postgres counts them in the service.
 */
let serial = 0;
const region = String(490000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}20000202${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('development alerts at their boundaries', () => {
  let tenant: Awaited<ReturnType<typeof freshTenant>>;
  let branchId: string;
  const today = chinaToday();
  beforeAll(async () => {
    tenant = await freshTenant('alerts');
    branchId = (
      (
        await tenant.api('POST', '/api/v1/organisations', {
          name: '提醒边界支部',
          code: uniqueSlug('ALRT'),
          kind: 'branch',
          parentId: tenant.root.id,
        })
      ).body as { id: string }
    ).id;
  });
  const member = async (name: string, stage: string, stageSince: string) =>
    (
      (
        await tenant.api('POST', '/api/v1/members', {
          organisationId: branchId,
          name,
          idCardNumber: idCard(),
          occupation: 'student',
          developmentStage: stage,
          stageSince,
        })
      ).body as { id: string }
    ).id;
  /** Two start dates whose deadline (start + months) is today or the nearest day after, and one day earlier. */
  const straddling = (months: number) => {
    let onTime = addMonths(today, -months);
    while (addMonths(onTime, months) < today) onTime = addDays(onTime, 1);
    return { onTime, late: addDays(onTime, -1) };
  };
  const overdueSteps = async () =>
    (
      await tenant.api(
        'GET',
        `/api/v1/development-overdue?${listQuery(['dueOn', 'ASC'], [0, 99], { withinId: branchId })}`,
      )
    ).body as { memberId: string; step: string; dueOn: string }[];

  it('asks for the talk a month after the application, not a day before', async () => {
    const { onTime, late } = straddling(1);
    const [waiting, overdue] = [
      await member('入党申请人甲', 'applicant', onTime),
      await member('入党申请人乙', 'applicant', late),
    ];
    const steps = await overdueSteps();
    expect(steps.find((s) => s.memberId === waiting)).toBeUndefined();
    expect(steps.find((s) => s.memberId === overdue)).toMatchObject({
      step: 'application_talk',
      dueOn: addMonths(late, 1),
    });
  });

  it('asks for an activist’s review six months after the last one (or the naming), not a day before', async () => {
    const { onTime, late } = straddling(6);
    const [named, namedLate] = [
      await member('积极分子甲', 'activist', onTime),
      await member('积极分子乙', 'activist', late),
    ];
    // Reviewed: the six months run from the review, not from the naming two years ago.
    const [reviewed, reviewedLate] = [
      await member('积极分子丙', 'activist', addMonths(today, -24)),
      await member('积极分子丁', 'activist', addMonths(today, -24)),
    ];
    for (const [id, on] of [
      [reviewed, onTime],
      [reviewedLate, late],
    ] as const)
      expect(
        (
          await tenant.api('POST', '/api/v1/development', {
            memberId: id,
            kind: 'activist_review',
            decidedOn: on,
          })
        ).status,
      ).toBe(201);
    const steps = await overdueSteps();
    const due = (id: string) => steps.find((s) => s.memberId === id && s.step === 'activist_review');
    expect([due(named), due(reviewed)]).toEqual([undefined, undefined]);
    expect(due(namedLate)?.dueOn).toBe(addMonths(late, 6));
    expect(due(reviewedLate)?.dueOn).toBe(addMonths(late, 6));
  });

  it('asks for a thought report a quarter after the last one, not a day before', async () => {
    const { onTime, late } = straddling(3);
    const ids: string[] = [];
    for (const [name, on] of [
      ['汇报人甲', onTime],
      ['汇报人乙', late],
    ] as const) {
      const id = await member(name, 'activist', addMonths(today, -24));
      const report = await tenant.api('POST', '/api/v1/thought-reports', {
        memberId: id,
        submittedOn: on,
        title: '思想汇报',
        content: '学习党章的体会。',
      });
      expect(report.status).toBe(201);
      ids.push(id);
    }
    const overdue = (
      await tenant.api(
        'GET',
        `/api/v1/overdue-thought-reports?${listQuery(['dueOn', 'ASC'], [0, 99], { withinId: branchId })}`,
      )
    ).body as { memberId: string; dueOn: string }[];
    expect(overdue.find((o) => o.memberId === ids[0])).toBeUndefined();
    expect(overdue.find((o) => o.memberId === ids[1])).toMatchObject({ dueOn: addMonths(late, 3) });
  });
});
