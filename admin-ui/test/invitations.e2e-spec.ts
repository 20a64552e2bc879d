import { api, invitePerson, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/*
 * How a person joins a tenant (issue 11, decision 0016), as people do it: the admin invites in the
 * console and is shown a code once; the person opens the link on a phone and creates a login, or —
 * having one from another tenant — signs in with it to join.
 */
const platform = testPlatform();
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

describe('inviting a person in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('invites, shows the code once, and the person creates their login on a phone', async () => {
    const admin = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(admin, platform.gatewayUrl, 'acme-admin');
    await admin.goto(`${platform.gatewayUrl}/console/#/users`);
    await admin.getByRole('link', { name: '邀请成员' }).click();
    await admin.locator('input[name=displayName]').fill('王小明');
    await admin.getByRole('button', { name: '保存' }).click();
    const code = (await admin.getByTestId('invitation-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    const link = await admin.locator('a[href*="/invitation?code="]').getAttribute('href');
    await admin.screenshot({ path: `${screenshots}/invitation-code.png` });
    await admin.getByRole('button', { name: '关闭' }).click();
    await admin.getByText('待接受').first().waitFor();

    const phone = await browser.newPage({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(link!);
    await phone.getByText('王小明，您受邀加入').waitFor();
    const username = unique('xiaoming');
    await phone.locator('#username').fill(username);
    await phone.locator('#password').fill('Xiaoming-2026');
    await phone.getByRole('button', { name: '创建账号并加入' }).click();
    await phone.getByText(/已加入「.+」。/).waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: `${screenshots}/invitation-accepted-phone.png`, fullPage: true });
    // The same link again: used.
    await phone.goto(link!);
    await phone.getByText('邀请码无效、已使用、已撤销或已过期').waitFor();
    expect(await passwordLogin(platform.issuer, username, 'Xiaoming-2026')).toBeTruthy();
    await admin.close();
    await phone.close();
  });

  it('lets a graduate with a university login join an employer with it', async () => {
    const univ = await passwordLogin(platform.issuer, 'univ-admin', 'Passw0rd!');
    const acme = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const username = unique('graduate');
    await invitePerson(
      platform.gatewayUrl,
      { token: univ, tenant: 'east-univ' },
      { username, displayName: '毕业生', password: 'Graduate-2026' },
    );
    const invited = await api(platform.gatewayUrl, 'POST', '/api/v1/invitations', {
      token: acme,
      tenant: 'acme-corp',
      body: { displayName: '毕业生' },
    });
    const phone = await browser.newPage({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.goto(invited.body.activationUrl);
    await phone.locator('#existing-username').fill(username);
    await phone.locator('#existing-password').fill('wrong-password');
    await phone.getByRole('button', { name: '登录并加入' }).click();
    await phone.getByText('用户名或密码错误').waitFor();
    await phone.locator('#existing-username').fill(username);
    await phone.locator('#existing-password').fill('Graduate-2026');
    await phone.getByRole('button', { name: '登录并加入' }).click();
    await phone.getByText(/已加入「.+」。/).waitFor();
    const me = await api(platform.gatewayUrl, 'GET', '/api/v1/me', {
      token: await passwordLogin(platform.issuer, username, 'Graduate-2026'),
    });
    expect(me.body.tenants.map((t: { slug: string }) => t.slug).sort()).toEqual(['acme-corp', 'east-univ']);
    await phone.close();
  });
});
