import { testPlatform } from '@dangjian/testing';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/*
 * The console in a real headless Chromium (Debian's), against the test platform: the gateway
 * serves the built console at /console/ and the embedded provider handles the login.
 */
const platform = testPlatform();
const screenshots = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

async function logIn(page: Page, username: string): Promise<void> {
  await page.goto(`${platform.gatewayUrl}/console/`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Passw0rd!');
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/console\/#\//);
}

describe('the console', () => {
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

  it('lets the operator log in, create a tenant and see it in the list (zh-CN)', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logIn(page, 'operator');
    await page.getByRole('menuitem', { name: '租户' }).click();
    await page.getByText('acme-corp').waitFor();

    const slug = `e2e-${Date.now().toString(36)}`;
    await page.getByRole('link', { name: '新建' }).click();
    await page.locator('input[name=slug]').fill(slug);
    await page.locator('input[name=name]').fill('端到端测试党委');
    await page.getByRole('combobox', { name: /^类型/ }).click();
    await page.getByRole('option', { name: '高校' }).click();
    await page.getByRole('button', { name: '保存' }).click();

    await page.waitForURL(/#\/tenants$/);
    const row = page.locator('tr', { hasText: slug });
    await row.waitFor();
    expect(await row.textContent()).toContain('端到端测试党委');
    expect(await row.textContent()).toContain('高校');
    await page.screenshot({ path: `${screenshots}/operator-created-tenant.png`, fullPage: true });
    await page.close();
  });

  it('shows a tenant admin the people of their tenant, on a phone', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await logIn(page, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/users`);
    await page.getByText('艾克米党务管理员').waitFor();
    await page.screenshot({ path: `${screenshots}/tenant-admin-people-phone.png`, fullPage: true });
    await page.close();
  });

  it('switches to English', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logIn(page, 'operator');
    await page.getByRole('button', { name: /语言|Language|简体中文/ }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Tenants' }).waitFor();
    await page.close();
  });
});
