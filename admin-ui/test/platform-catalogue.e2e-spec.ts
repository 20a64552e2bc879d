import { api, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';
import { screenProblems, settle, watch } from './screen-checks.js';

/*
 * Issue 16, decision 0031, in the browser: the operator picks the platform catalogue in the tenant
 * switcher and publishes a course there; a tenant admin on a phone finds it marked 平台课程库 among the
 * courses, opens it and is told it is changed in the catalogue — no lesson form; every screen in Chinese.
 */
const platform = testPlatform();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

describe('the platform catalogue in the console', () => {
  let browser: Browser;
  const name = `平台示范课程${Date.now().toString(36)}`;
  let course: { id: string };

  beforeAll(async () => {
    browser = await launchChromium();
    const operator = await passwordLogin(platform.issuer, 'operator', 'Passw0rd!');
    const catalogue = (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, {
        token: operator,
        tenant: 'platform-catalogue',
        ...(body !== undefined ? { body } : {}),
      });
    course = (await catalogue('POST', '/api/v1/courses', { name, note: '平台统一编写' })).body;
    const lesson = await catalogue('POST', `/api/v1/courses/${course.id}/lessons`, {
      kind: 'article',
      title: '第一讲 党员的义务',
      body: '党员必须履行党章规定的义务。',
      studyMinutes: 10,
    });
    expect(lesson.status).toBe(201);
  }, 60_000);
  afterAll(() => browser?.close());

  it('an operator publishes from the catalogue; a tenant admin on a phone reads it and cannot change it', async () => {
    const origins = new Set([new URL(platform.gatewayUrl).origin, new URL(platform.issuer).origin]);
    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await logInToConsole(desk, platform.gatewayUrl, 'operator');
    // The operator starts at the platform's pages and picks the catalogue.
    await desk.getByRole('menuitem', { name: '租户' }).first().waitFor();
    await desk.getByLabel('当前租户').click();
    await desk.getByRole('option', { name: '平台课程库' }).click();
    await desk.waitForLoadState('load');
    // The catalogue has learning only: its menu has the courses, and no tree, members or meetings.
    await desk.getByRole('menuitem', { name: '课程' }).waitFor();
    for (const absent of ['党组织', '党员', '三会一课', '党费收缴'])
      expect(await desk.getByRole('menuitem', { name: absent, exact: true }).count()).toBe(0);
    await desk.goto(`${platform.gatewayUrl}/console/#/courses/${course.id}/show`);
    const publication = desk.getByTestId('publication');
    await publication.getByText('尚未发布：各单位还看不到这门课程').waitFor();
    await publication.getByRole('button', { name: '发布到所有单位' }).click();
    await publication.getByText(/^已发布到所有单位/).waitFor();
    await desk.screenshot({ path: `${screenshots}/learning-catalogue-publish.png` });
    // Back to the platform's own pages for the next visit.
    await desk.getByLabel('当前租户').click();
    await desk.getByRole('option', { name: '平台管理' }).click();
    await desk.close();

    const phone = await browser.newPage(PHONE);
    const visit = watch(phone, origins);
    await logInToConsole(phone, platform.gatewayUrl, 'acme-admin');
    await phone.goto(
      `${platform.gatewayUrl}/console/#/courses?filter=${encodeURIComponent(JSON.stringify({ q: name }))}`,
    );
    const row = phone.locator('tr', { hasText: name });
    await row.getByText('平台课程库').waitFor();
    await row.click();
    await phone.waitForURL(new RegExp(`#/courses/${course.id}/show$`));
    await phone
      .getByText('这是平台课程库的课程：可以学习、列入学习计划，课时由平台运营人员在课程库中维护')
      .waitFor();
    await phone.getByText('第1课时（图文）：第一讲 党员的义务').waitFor();
    expect(await phone.getByRole('button', { name: '添加课时' }).count()).toBe(0);
    await settle(phone);
    expect([...visit.failures, ...(await screenProblems(phone, true))]).toEqual([]);
    await phone.screenshot({ path: `${screenshots}/learning-catalogue-phone.png` });
    await phone.close();
  }, 120_000);
});
