import { testPlatform } from '@dangjian/testing';
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

    await page.getByRole('menuitem', { name: '党员', exact: true }).click();
    const firstRow = page.locator('tbody tr').first();
    await firstRow.waitFor();
    const masked = (await firstRow.textContent()) ?? '';
    expect(masked).toMatch(/310\*{11}[0-9X]{4}/);
    await page.screenshot({ path: `${screenshots}/members-masked.png`, fullPage: true });

    await firstRow.click();
    await page.getByRole('button', { name: '查看完整信息' }).click();
    await page.getByLabel('查看原因（将被记录）').fill('核对党员信息');
    await page.getByRole('button', { name: '确认' }).click();
    const revealed = await page.getByTestId('revealed').textContent();
    expect(revealed).toMatch(/^310115\d{11}[0-9X]1\d{10}$/);
    await page.close();
  });
});
