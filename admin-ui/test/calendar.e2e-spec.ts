import { idCardCheckCharacter } from '@dangjian/kit';
import { api, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/*
 * Issue 14 (4) in the console: the operator enters a year's holiday arrangement; a publicity period
 * counted over a year the calendar does not know shows 日历未定 on the member's page.
 */
const platform = testPlatform();

describe('the holiday calendar in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the operator add a year, and flags a period counted without its year', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'operator');
    await page.goto(`${platform.gatewayUrl}/console/#/calendar-years`);
    await page.getByText('系统内置').first().waitFor();
    await page.goto(`${platform.gatewayUrl}/console/#/calendar-years/create`);
    await page.getByLabel('年份').fill('2031');
    await page.getByRole('button', { name: '添加' }).first().click();
    await page.getByLabel('起').first().fill('2031-10-01');
    await page.getByLabel('止').first().fill('2031-10-07');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('2031 年节假日安排已保存').waitFor();
    await page.getByText('平台维护').first().waitFor();
    await page.screenshot({ path: `${screenshots}/calendar-years.png`, fullPage: true });
    const operator = await passwordLogin(platform.issuer, 'operator', 'Passw0rd!');
    const year = (await api(platform.gatewayUrl, 'GET', '/api/v1/calendar-years/2031', { token: operator }))
      .body;
    expect(year).toMatchObject({
      source: 'operator',
      holidays: [{ first: '2031-10-01', last: '2031-10-07' }],
    });
    await page.close();

    // A period over 2019 (a year the calendar does not hold) is flagged where the secretary decides.
    const admin = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const acme = (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, {
        token: admin,
        tenant: 'acme-corp',
        ...(body ? { body } : {}),
      });
    const branch = (
      await acme('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { kind: 'branch' })}`)
    ).body[0];
    const first17 = `11010119900101${String(Date.now() % 1000).padStart(3, '0')}`;
    const member = (
      await acme('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '日历未定测试',
        idCardNumber: `${first17}${idCardCheckCharacter(first17)}`,
        occupation: 'salaried',
        developmentStage: 'applicant',
        stageSince: '2019-01-07',
      })
    ).body;
    const period = await acme('POST', '/api/v1/publicity-periods', {
      memberId: member.id,
      stage: 'activist',
      startsOn: '2019-09-23',
    });
    expect(period.body.calendarProvisional).toBe(true);
    const secretaryPage = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(secretaryPage, platform.gatewayUrl, 'acme-admin');
    await secretaryPage.goto(`${platform.gatewayUrl}/console/#/members/${member.id}/show`);
    await secretaryPage
      .getByText('公示事项')
      .first()
      .waitFor()
      .catch(() => undefined);
    await secretaryPage.screenshot({
      path: `${screenshots}/publicity-calendar-provisional.png`,
      fullPage: true,
    });
    await secretaryPage.getByText('日历未定', { exact: true }).waitFor();
    await secretaryPage.close();
  });
});
