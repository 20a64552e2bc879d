import { addDays, idCardCheckCharacter } from '@dangjian/kit';
import { listQuery } from '@dangjian/testing';
import { createRequire } from 'node:module';
import { gateway, tokenFor, uniqueSlug } from './support.js';

/*
 * Issue 14 (4): the working-day calendar is the platform operator's to keep. A publicity period that
 * runs into a year the calendar does not know is flagged, and the step after it waits for a person to
 * confirm its end; once the operator enters the year (here 2021, checked against the chinese-days
 * package, which is built from the same State Council notices), periods are counted on it.
 */
const chineseDays = createRequire(import.meta.url)('chinese-days') as {
  isWorkday: (date: string) => boolean;
};
const YEAR = 2021;

let serial = 0;
const idCard = () => {
  const first17 = `120101${'19900101'}${String((Date.now() + serial++) % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

/** The year as the package has it: holidays as ranges, and the weekend days that are worked. */
function arrangementOf(year: number) {
  const holidays: { first: string; last: string }[] = [];
  const workingWeekends: string[] = [];
  for (let day = `${year}-01-01`; day <= `${year}-12-31`; day = addDays(day, 1)) {
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const working = chineseDays.isWorkday(day);
    if (weekend && working) workingWeekends.push(day);
    if (!weekend && !working) {
      const last = holidays.at(-1);
      if (last && addDays(last.last, 1) === day) last.last = day;
      else holidays.push({ first: day, last: day });
    }
  }
  return { holidays, workingWeekends };
}

describe('the working-day calendar the operator keeps', () => {
  let operator: string;
  let api: (method: string, path: string, body?: object) => ReturnType<typeof gateway>;
  let branch: { id: string };
  let sponsor: string;

  beforeAll(async () => {
    operator = await tokenFor('operator');
    const admin = await tokenFor('acme-admin');
    api = (method, path, body) =>
      gateway(method, path, { token: admin, tenant: 'acme-corp', ...(body ? { body } : {}) });
    const root = (
      await api('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    branch = (
      await api('POST', '/api/v1/organisations', {
        name: '日历测试党支部',
        code: uniqueSlug('CAL'),
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    sponsor = (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '培养联系人',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'full',
        confirmedOn: '2010-07-01',
      })
    ).body.id;
  });

  const applicant = async () =>
    (
      await api('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '日历测试申请人',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'applicant',
        stageSince: `${YEAR}-01-04`,
      })
    ).body.id as string;

  it('flags a period over an unknown year, holds the step for confirmation, then counts on the year entered', async () => {
    const years = (await gateway('GET', '/api/v1/calendar-years', { token: operator })).body as {
      year: number;
      source: string;
    }[];
    expect(years.filter((y) => y.source === 'code').map((y) => y.year)).toEqual([
      2022, 2023, 2024, 2025, 2026,
    ]);
    expect(years.some((y) => y.year === YEAR)).toBe(false);
    expect((await gateway('GET', `/api/v1/calendar-years/${YEAR}`, { token: operator })).status).toBe(404);

    // Before the year is entered: only weekends are days off, and the period says so.
    const first = await applicant();
    const flagged = await api('POST', '/api/v1/publicity-periods', {
      memberId: first,
      stage: 'activist',
      startsOn: `${YEAR}-09-27`,
    });
    expect(flagged.status).toBe(201);
    expect(flagged.body).toMatchObject({ endsOn: `${YEAR}-10-01`, calendarProvisional: true });
    const check = (calendarConfirmed: boolean) =>
      api('POST', '/api/v1/development/check', {
        memberId: first,
        kind: 'to_activist',
        decidedOn: `${YEAR}-10-20`,
        sponsorIds: [sponsor],
        calendarConfirmed,
      });
    const rules = async (confirmed: boolean) =>
      ((await check(confirmed)).body.brokenRules as { rule: string }[]).map((b) => b.rule);
    expect(await rules(false)).toContain('publicity-calendar-unconfirmed');
    expect(await rules(true)).not.toContain('publicity-calendar-unconfirmed');

    // Only the operator enters a year, and only a well-formed one.
    const arrangement = arrangementOf(YEAR);
    expect((await api('PUT', `/api/v1/calendar-years/${YEAR}`, arrangement)).status).toBe(403);
    const bad = await gateway('PUT', `/api/v1/calendar-years/${YEAR}`, {
      token: operator,
      body: { holidays: [{ first: `${YEAR + 1}-01-01`, last: `${YEAR + 1}-01-01` }], workingWeekends: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('holidays');
    const entered = await gateway('PUT', `/api/v1/calendar-years/${YEAR}`, {
      token: operator,
      body: arrangement,
    });
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({ id: YEAR, year: YEAR, source: 'operator' });

    // National Day 2021 (1–7 October off, Saturday 9 October worked): the same start now ends on the 8th.
    const counted = await api('POST', '/api/v1/publicity-periods', {
      memberId: await applicant(),
      stage: 'activist',
      startsOn: `${YEAR}-09-27`,
    });
    expect(counted.body).toMatchObject({ endsOn: `${YEAR}-10-08`, calendarProvisional: false });
  });
});
