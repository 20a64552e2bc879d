import { idCardCheckCharacter } from '@dangjian/kit';
import { api, invitePerson, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';
import { screenProblems, settle, watch, type Visit } from './screen-checks.js';

/*
 * Every console page as every role, at a desktop and a phone's size (issue 12): each page reached
 * from the menu, each resource's create form with every picker opened unfilled, and the first record's
 * edit page. A page fails on any 4xx/5xx it causes, on a request to any origin but the platform's own,
 * on horizontal overflow on the phone, and on English words or raw codes on screen in zh-CN.
 */
const platform = testPlatform();
const SIZES = [
  { name: 'desktop', viewport: { width: 1366, height: 900 }, phone: false },
  { name: 'phone', viewport: { width: 360, height: 740 }, phone: true },
] as const;

/** A valid ID-card number no other suite uses (a region code of its own and the clock). */
function pagesIdCard(): string {
  const region = 530000 + (Date.now() % 9000);
  const first17 = `${region}19920315${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
}

/** The routes the menu offers (the hash part), as the person sees them. */
async function menuRoutes(page: Page): Promise<string[]> {
  const hrefs = (await page.evaluate(
    `[...document.querySelectorAll('.RaMenu-open a[href], .RaMenu-closed a[href], nav a[href], [role="menu"] a[href]')].map((a) => a.getAttribute('href'))`,
  )) as (string | null)[];
  return [...new Set(hrefs.filter((h): h is string => !!h && h.startsWith('#/')).map((h) => h.slice(1)))];
}

async function openPickers(visit: Visit, where: string): Promise<void> {
  const { page } = visit;
  const pickers = page.locator('input[role="combobox"], [role="combobox"]:not(input)');
  const listbox = page.locator('[role="listbox"]');
  const emptyHint = page.getByText(/没有|无选项|暂无/).first();
  const isOpen = async () => (await listbox.count()) > 0 || (await emptyHint.isVisible().catch(() => false));
  // Under load (CI runs the suite beside a running platform) a popup can take a while to mount: poll.
  const opened = async (ms: number) => {
    for (const end = Date.now() + ms; ; await page.waitForTimeout(100)) {
      if (await isOpen()) return true;
      if (Date.now() > end) return false;
    }
  };
  const count = await pickers.count();
  for (let i = 0; i < count; i++) {
    const picker = pickers.nth(i);
    if (!(await picker.isVisible()) || (await picker.isDisabled())) continue;
    await picker.scrollIntoViewIfNeeded().catch(() => undefined);
    await picker.click({ timeout: 5000 }).catch(() => undefined);
    await settle(page);
    // A click can land while the previous popup is still fading out: close whatever is there, once more.
    if (!(await opened(8000))) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
      await picker.click({ timeout: 5000 }).catch(() => undefined);
      await settle(page);
    }
    if (!(await opened(8000))) visit.failures.push(`${where}: picker ${i + 1} opened no list`);
    await page.keyboard.press('Escape');
    await listbox
      .first()
      .waitFor({ state: 'detached', timeout: 2000 })
      .catch(() => undefined);
  }
}

describe('every console page, as every role, on a desktop and a phone', () => {
  let browser: Browser;
  const logins: Record<string, string> = {};
  const firstIds: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    browser = await launchChromium();
    const admin = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const branch = (
      await api(
        platform.gatewayUrl,
        'GET',
        `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 0], { kind: 'branch' })}`,
        { token: admin, tenant: 'acme-corp' },
      )
    ).body[0];
    const stamp = Date.now().toString(36);
    logins['secretary'] = `pages-sec-${stamp}`;
    logins['member'] = `pages-mem-${stamp}`;
    await invitePerson(
      platform.gatewayUrl,
      { token: admin, tenant: 'acme-corp' },
      {
        username: logins['secretary'],
        displayName: '巡检书记',
        password: 'Passw0rd!',
        roles: ['secretary'],
        organisationScope: [branch.id],
      },
    );
    const memberUserId = await invitePerson(
      platform.gatewayUrl,
      { token: admin, tenant: 'acme-corp' },
      { username: logins['member'], displayName: '巡检党员', password: 'Passw0rd!', roles: ['member'] },
    );
    // The member's own record, linked to the login: their space (党员e家) has something to show. In a
    // branch of its own, so no other suite's branch gains a member it does not expect.
    const root = (
      await api(
        platform.gatewayUrl,
        'GET',
        `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 0], { roots: true })}`,
        { token: admin, tenant: 'acme-corp' },
      )
    ).body[0];
    const ownBranch = (
      await api(platform.gatewayUrl, 'POST', '/api/v1/organisations', {
        token: admin,
        tenant: 'acme-corp',
        body: { name: `巡检支部${stamp}`, code: `PAGES-${stamp}`, kind: 'branch', parentId: root.id },
      })
    ).body;
    const linked = await api(platform.gatewayUrl, 'POST', '/api/v1/members', {
      token: admin,
      tenant: 'acme-corp',
      body: {
        organisationId: ownBranch.id,
        name: '巡检党员',
        idCardNumber: pagesIdCard(),
        occupation: 'salaried',
        developmentStage: 'probationary',
        joinedOn: '2026-01-10',
        userId: memberUserId,
      },
    });
    if (linked.status !== 201)
      throw new Error(`member record: ${linked.status} ${JSON.stringify(linked.body)}`);
    logins['tenant-admin'] = 'acme-admin';
    logins['operator'] = 'operator';
    logins['inspector'] = 'acme-inspector';
    // Each role's first record of each resource, as that role sees the list.
    for (const role of ['tenant-admin', 'secretary']) {
      const token = await passwordLogin(platform.issuer, logins[role]!, 'Passw0rd!');
      firstIds[role] = {};
      for (const resource of ['members', 'organisations', 'users', 'meetings', 'transfers']) {
        const sort =
          resource === 'users'
            ? 'username'
            : resource === 'meetings'
              ? 'scheduledAt'
              : resource === 'transfers'
                ? 'updatedAt'
                : 'name';
        const first = (
          await api(platform.gatewayUrl, 'GET', `/api/v1/${resource}?${listQuery([sort, 'ASC'], [0, 0])}`, {
            token,
            tenant: 'acme-corp',
          })
        ).body;
        if (Array.isArray(first) && first[0]) firstIds[role]![resource] = first[0].id;
      }
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const allowed = () => new Set([new URL(platform.gatewayUrl).origin, new URL(platform.issuer).origin]);

  it.each(
    ['operator', 'tenant-admin', 'secretary', 'inspector', 'member'].flatMap((role) =>
      SIZES.map((size) => [role, size.name] as const),
    ),
  )(
    'shows %s every page without a refusal, a foreign request, overflow or English (%s)',
    async (role, sizeName) => {
      const size = SIZES.find((s) => s.name === sizeName)!;
      const page = await browser.newPage({
        locale: 'zh-CN',
        viewport: size.viewport,
        isMobile: size.phone,
        hasTouch: size.phone,
      });
      const visit = watch(page, allowed());
      await logInToConsole(page, platform.gatewayUrl, logins[role]!);
      await settle(page);
      // The phone's menu is a drawer: the routes are the desktop's, read with the drawer open.
      if (size.phone)
        await page
          .getByRole('button', { name: /打开菜单|open menu/i })
          .first()
          .click()
          .catch(() => undefined);
      await settle(page);
      const routes = ['/', ...(await menuRoutes(page))];
      // Closed again, or the open drawer would cover the pages' pickers.
      if (size.phone) await page.keyboard.press('Escape');
      // A member's routes are their own space's sections (the bar at the bottom).
      expect(routes.length).toBeGreaterThanOrEqual(
        role === 'member' ? 6 : role === 'operator' || role === 'inspector' ? 2 : 4,
      );
      const visited: string[] = [];
      for (const route of routes) {
        await page.goto(`${platform.gatewayUrl}/console/#${route}`);
        await settle(page);
        for (const problem of await screenProblems(page, size.phone))
          visit.failures.push(`${route}: ${problem}`);
        visited.push(route);
        const resource = route.split('/')[1] ?? '';
        // The resource's create form, pickers opened unfilled.
        if ((await page.locator(`a[href="#/${resource}/create"]`).count()) > 0) {
          await page.goto(`${platform.gatewayUrl}/console/#/${resource}/create`);
          await settle(page);
          for (const problem of await screenProblems(page, size.phone))
            visit.failures.push(`/${resource}/create: ${problem}`);
          await openPickers(visit, `/${resource}/create`);
          visited.push(`/${resource}/create`);
        }
        // The first record's own page (edit or show), pickers opened.
        const firstId = firstIds[role]?.[resource];
        if (firstId) {
          const recordRoute = `/${resource}/${firstId}${resource === 'members' || resource === 'meetings' || resource === 'transfers' ? '/show' : ''}`;
          await page.goto(`${platform.gatewayUrl}/console/#${recordRoute}`);
          await settle(page);
          for (const problem of await screenProblems(page, size.phone))
            visit.failures.push(`${recordRoute}: ${problem}`);
          await openPickers(visit, recordRoute);
          visited.push(recordRoute);
        }
      }
      await page.screenshot({ path: `${screenshots}/every-page-${role}-${size.name}.png` });
      await page.close();
      // Refusals a role meets because a page shows it something it cannot use count too.
      expect({ role, size: size.name, visited: visited.length, failures: visit.failures }).toEqual({
        role,
        size: size.name,
        visited: visited.length,
        failures: [],
      });
    },
    600_000,
  );
});
