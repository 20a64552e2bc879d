import { testPlatform } from '@dangjian/testing';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/* The organisation tree in the console, in headless Chromium, for a tenant admin. */
const platform = testPlatform();
const screenshots = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

describe('the organisation tree in the console', () => {
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

  it('opens the tree, expands a general branch and adds a branch below it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(`${platform.gatewayUrl}/console/`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#username').fill('acme-admin');
    await page.locator('#password').fill('Passw0rd!');
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/console\/#\//);

    await page.getByRole('menuitem', { name: '党组织' }).click();
    const tree = page.getByRole('list', { name: '党组织' });
    await tree.getByText('艾克米集团党委').waitFor();
    await tree.getByText('研发中心党总支').waitFor();
    const rd = tree.locator('li', { hasText: '研发中心党总支' });
    await rd.getByRole('button', { name: 'expand' }).click();
    await tree.getByText('软件研发党支部').waitFor();

    await rd.getByRole('link', { name: '添加下级' }).click();
    const name = `浏览器测试党支部${Date.now().toString(36)}`;
    await page.locator('input[name=name]').fill(name);
    await page.locator('input[name=code]').fill(`UI-${Date.now().toString(36)}`);
    await page.getByRole('combobox', { name: /^类型/ }).click();
    await page.getByRole('option', { name: '党支部' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/organisations$/);
    await tree.locator('li', { hasText: '研发中心党总支' }).getByRole('button', { name: 'expand' }).click();
    await tree.getByText(name).waitFor();
    await page.screenshot({ path: `${screenshots}/organisation-tree.png`, fullPage: true });
    await page.close();
  });
});
