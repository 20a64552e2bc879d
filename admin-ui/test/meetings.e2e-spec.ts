import { chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { api, invitePerson, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/* A meeting in the console: on the calendar, with its sign-in QR code, recorded as held; the compliance report. */
const platform = testPlatform();

describe('organisational life in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the meeting on the calendar, its QR code, records it as held and reports compliance', async () => {
    const token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const call = (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, {
        token,
        tenant: 'acme-corp',
        ...(body !== undefined ? { body } : {}),
      });
    const root = (
      await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const run = Date.now().toString(36);
    const branchName = `控制台会议测试党支部${run}`;
    const branch = (
      await call('POST', '/api/v1/organisations', {
        name: branchName,
        code: `UI-MEET-${run}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const meeting = (
      await call('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind: 'theme_day',
        title: '主题党日：重温入党誓词',
        scheduledAt: new Date().toISOString(),
      })
    ).body;
    // A member of the branch with a console login.
    const username = `ui-sign-in-${Date.now().toString(36)}`;
    const login = {
      id: await invitePerson(
        platform.gatewayUrl,
        { token, tenant: 'acme-corp' },
        { username, displayName: '签到党员', password: 'Passw0rd!', roles: ['member'] },
      ),
    };
    const first17 = `33010619900101${String(Date.now() % 1000).padStart(3, '0')}`;
    expect(
      (
        await call('POST', '/api/v1/members', {
          organisationId: branch.id,
          name: '签到党员',
          idCardNumber: `${first17}${idCardCheckCharacter(first17)}`,
          occupation: 'salaried',
          developmentStage: 'full',
          joinedOn: '2010-07-01',
          confirmedOn: '2011-07-01',
          userId: login.id,
        })
      ).status,
    ).toBe(201);

    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.getByRole('menuitem', { name: '会议日历' }).click();
    await page.getByText(`主题党日 ${branchName}`).first().click();
    await page.getByText('主题党日：重温入党誓词', { exact: true }).waitFor();
    await page.getByRole('button', { name: '显示签到二维码' }).click();
    const qr = page.getByTestId('sign-in-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await page.screenshot({ path: `${screenshots}/meeting-sign-in-qr.png`, fullPage: true });

    // The member opens the QR code's link on their phone (here: another browser) and signs in.
    const link = (await qr.getAttribute('data-link'))!;
    expect(link).toContain('#/sign-in?tenant=acme-corp');
    // Not signed in yet: the link survives the login and brings the member back to the sign-in page.
    const phone = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await phone.goto(link);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.locator('#username').fill(username);
    await phone.locator('#password').fill('Passw0rd!');
    await phone.locator('button[type=submit]').click();
    await phone.waitForURL(/#\/sign-in\?/);
    await phone.getByRole('button', { name: '签到' }).click();
    expect(await phone.getByTestId('sign-in-outcome').textContent()).toBe('签到党员，现场签到成功');
    await phone.screenshot({ path: `${screenshots}/meeting-member-signed-in.png`, fullPage: true });
    expect((await call('GET', `/api/v1/meetings/${meeting.id}`)).body.presentCount).toBe(1);
    await page.getByRole('button', { name: '登记召开' }).click();
    await page.getByText('已召开').first().waitFor();
    expect((await call('GET', `/api/v1/meetings/${meeting.id}`)).body.state).toBe('held');

    // acme-corp has many branches from other suites: the report pages through them, and the
    // organisation filter finds this one wherever it is.
    await page.getByRole('menuitem', { name: '组织生活落实情况' }).click();
    await page.locator('tbody tr').first().waitFor();
    await page.getByLabel('党组织').fill(branchName);
    await page.getByRole('option', { name: branchName }).click();
    const row = page.locator('tr', { hasText: branchName }).filter({ hasText: '主题党日' });
    await row.waitFor();
    // Until the filtered page arrives the unfiltered one may still show: wait for the other rows to go.
    await page.locator('tbody tr').filter({ hasNotText: branchName }).first().waitFor({ state: 'detached' });
    for (const text of await page.locator('tbody tr').allTextContents()) expect(text).toContain(branchName);
    const month = chinaToday().slice(0, 7);
    expect(await row.textContent()).toContain(`${month} 已落实`);
    await page.screenshot({ path: `${screenshots}/meeting-compliance.png`, fullPage: true });
  });
});
