import { testPlatform } from '@dangjian/testing';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/* Members in the console: masked in the list, unmasked by a tenant admin with a reason. */
const platform = testPlatform();
const screenshots = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

describe('members in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists the demo members masked and reveals one to a tenant admin who gives a reason', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${platform.gatewayUrl}/console/`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#username').fill('acme-admin');
    await page.locator('#password').fill('Passw0rd!');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/console\/#\//);

    await page.getByRole('menuitem', { name: '党员' }).click();
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
