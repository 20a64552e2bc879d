import { testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/*
 * The console in a real headless Chromium (Debian's), against the test platform: the gateway
 * serves the built console at /console/ and the embedded provider handles the login.
 */
const platform = testPlatform();

describe('the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets the operator log in, create a tenant and see it in the list (zh-CN)', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'operator');
    await page.getByRole('menuitem', { name: '租户' }).click();
    // Newest first: the seeded tenant is found by the search (the suites add tenants of their own).
    await page.locator('tbody tr').first().waitFor();
    await page.getByPlaceholder('搜索').fill('acme-corp');
    await page.getByText('acme-corp').waitFor();

    const slug = `e2e-${Date.now().toString(36)}`;
    await page.getByRole('link', { name: '新建' }).click();
    await page.locator('input[name=slug]').fill(slug);
    await page.locator('input[name=name]').fill('端到端测试党委');
    await page.getByRole('combobox', { name: /^类型/ }).click();
    await page.getByRole('option', { name: '高校' }).click();
    await page.getByRole('button', { name: '保存' }).click();

    await page.waitForURL(/#\/tenants/);
    // The list keeps its search from before: look the new tenant up the same way.
    await page.getByPlaceholder('搜索').fill(slug);
    const row = page.locator('tr', { hasText: slug });
    await row.waitFor();
    expect(await row.textContent()).toContain('端到端测试党委');
    expect(await row.textContent()).toContain('高校');
    await page.screenshot({ path: `${screenshots}/operator-created-tenant.png`, fullPage: true });
    await page.close();
  });

  it('shows a tenant admin the people of their tenant, on a phone', async () => {
    const page = await browser.newPage({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/users`);
    await page.getByText('艾克米党务管理员').waitFor();
    await page.screenshot({ path: `${screenshots}/tenant-admin-people-phone.png`, fullPage: true });
    await page.close();
  });

  it('switches to English', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'operator');
    await page
      .getByRole('button', { name: /语言|Language|简体中文/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Tenants' }).waitFor();
    await page.close();
  });
});
