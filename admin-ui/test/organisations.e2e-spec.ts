import { testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/* The organisation tree in the console, in headless Chromium, for a tenant admin. */
const platform = testPlatform();

describe('the organisation tree in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the tree, expands a general branch and adds a branch below it', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');

    await page.getByRole('menuitem', { name: '党组织' }).click();
    const tree = page.getByRole('list', { name: '党组织' });
    await tree.getByText('艾克米集团党委').waitFor();
    await tree.getByText('研发中心党总支').waitFor();
    const rd = tree.locator('li', { hasText: '研发中心党总支' });
    await rd.getByRole('button', { name: '展开' }).click();
    await tree.getByText('软件研发党支部').waitFor();

    await rd.getByRole('link', { name: '添加下级' }).click();
    const name = `浏览器测试党支部${Date.now().toString(36)}`;
    await page.locator('input[name=name]').fill(name);
    await page.locator('input[name=code]').fill(`UI-${Date.now().toString(36)}`);
    await page.getByRole('combobox', { name: /^类型/ }).click();
    await page.getByRole('option', { name: '党支部' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/organisations$/);
    await tree.locator('li', { hasText: '研发中心党总支' }).getByRole('button', { name: '展开' }).click();
    await tree.getByText(name).waitFor();
    await page.screenshot({ path: `${screenshots}/organisation-tree.png`, fullPage: true });
    await page.close();
  });
});
