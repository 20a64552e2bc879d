import { addDays, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { api, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/* 班子成员: a secretary picked from the branch's members, the re-election reminder, ending a term. */
const platform = testPlatform();

describe('office holders in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("appoints a secretary from the branch's members, flags the term ending within 90 days, and ends it", async () => {
    const token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const call = (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, {
        token,
        tenant: 'acme-corp',
        ...(body !== undefined ? { body } : {}),
      });
    const root = (
      await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const suffix = Date.now().toString(36);
    const branch = (
      await call('POST', '/api/v1/organisations', {
        name: `班子测试支部${suffix}`,
        code: `UI-POS-${suffix}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const first17 = `37010219800101${String(Date.now() % 1000).padStart(3, '0')}`;
    const holder = (
      await call('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: `任书记${suffix}`,
        idCardNumber: `${first17}${idCardCheckCharacter(first17)}`,
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '2005-07-01',
        confirmedOn: '2006-07-01',
      })
    ).body;
    const today = chinaToday();

    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/positions/create`);
    await page.getByLabel('党组织').fill(branch.name);
    await page.getByRole('option', { name: branch.name }).click();
    await page.getByLabel('职务').click();
    await page.getByRole('option', { name: '书记', exact: true }).click();
    await page.getByLabel('党员档案').fill(holder.name);
    await page.getByRole('option', { name: holder.name }).click();
    await page.getByLabel('任期开始').fill(addDays(today, -1000));
    await page.getByLabel('任期届满').fill(addDays(today, 60));
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已创建').waitFor();
    await page.waitForURL(/#\/positions(\?|$)/);

    // The list, filtered to the branch (loaded afresh): the name came from the member record; 换届提醒 shows.
    await page.goto(
      `${platform.gatewayUrl}/console/#/positions?filter=${encodeURIComponent(JSON.stringify({ withinId: branch.id }))}`,
    );
    await page.reload();
    const row = page.locator('tbody tr', { hasText: holder.name });
    await row.getByText('换届提醒').waitFor();
    const stored = (
      await call('GET', `/api/v1/positions?${listQuery(['termEnd', 'ASC'], [0, 9], { withinId: branch.id })}`)
    ).body;
    expect(stored).toMatchObject([
      {
        kind: 'secretary',
        holderName: holder.name,
        holderMemberId: holder.id,
        termEnd: addDays(today, 60),
        current: true,
        termEndingSoon: true,
      },
    ]);
    await page.screenshot({ path: `${screenshots}/positions.png`, fullPage: true });

    await row.getByRole('button', { name: '离任' }).click();
    await row.getByText(today).waitFor();
    expect(
      (
        await call(
          'GET',
          `/api/v1/positions?${listQuery(['termEnd', 'ASC'], [0, 9], { withinId: branch.id })}`,
        )
      ).body,
    ).toMatchObject([{ endedOn: today, current: false }]);
  });
});
