import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const screenshots = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));
mkdirSync(screenshots, { recursive: true });

/** Through the console's login button, the provider's login form, and back (code + PKCE). */
export async function logInToConsole(page: Page, gatewayUrl: string, username: string): Promise<void> {
  await page.goto(`${gatewayUrl}/console/`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('Passw0rd!');
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/console\/#\//);
}
