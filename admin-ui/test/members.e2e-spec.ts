import { api, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/* Members in the console: masked in the list, unmasked by a tenant admin with a reason. */
const platform = testPlatform();

describe('members in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the demo members masked and reveals one to a tenant admin who gives a reason', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');

    // A demo member, looked up by name as a person would (other suites add members to this tenant, so
    // the list's first row is not always one of the demo's).
    const token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const listed = await api(
      platform.gatewayUrl,
      'GET',
      `/api/v1/members?${listQuery(['name', 'ASC'], [0, 49])}`,
      {
        token,
        tenant: 'acme-corp',
      },
    );
    const demo = (listed.body as { name: string; idCardNumberMasked: string; phoneMasked: string }[]).find(
      (m) => m.idCardNumberMasked?.startsWith('310') && m.phoneMasked,
    )!;
    expect(demo).toBeDefined();

    await page.getByRole('menuitem', { name: '党员', exact: true }).click();
    await page.getByPlaceholder('搜索').fill(demo.name);
    // Wait for the search to apply (every row the demo member's): the unfiltered page may already show
    // that row, and a click there raced the debounced filter, which took the browser back to the list.
    await page.waitForFunction((name) => {
      const rows = [...document.querySelectorAll('tbody tr')];
      return rows.length > 0 && rows.every((r) => r.textContent?.includes(name));
    }, demo.name);
    const row = page.locator('tbody tr', { hasText: demo.name }).first();
    await row.waitFor();
    const masked = (await row.textContent()) ?? '';
    expect(masked).toMatch(/310\*{11}[0-9X]{4}/);
    await page.screenshot({ path: `${screenshots}/members-masked.png`, fullPage: true });

    await row.click();
    await page.getByRole('button', { name: '查看完整信息' }).click();
    await page.getByLabel('查看原因（将被记录）').fill('核对党员信息');
    await page.getByRole('button', { name: '确认' }).click();
    const revealed = await page.getByTestId('revealed').textContent();
    expect(revealed).toMatch(/^310115\d{11}[0-9X]1\d{10}$/);
    // The revealed number is the one the list masked.
    expect(masked).toContain(`310${'*'.repeat(11)}${revealed!.slice(14, 18)}`);
    await page.close();
  });
});
