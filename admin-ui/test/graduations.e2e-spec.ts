import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { api, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/* A university records a student member's graduation on the member's page; the chase list picks it up. */
const platform = testPlatform();

describe('graduations in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records a graduation on a student member page, and the graduate appears on the chase list once 3 months have passed', async () => {
    const token = await passwordLogin(platform.issuer, 'univ-admin', 'Passw0rd!');
    const univ = (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, {
        token,
        tenant: 'east-univ',
        ...(body !== undefined ? { body } : {}),
      });
    const branch = (
      await univ('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { kind: 'branch' })}`)
    ).body[0];
    const name = `毕业登记${(Date.now() % 100_000).toString().padStart(5, '0')}`;
    const member = async (memberName: string, occupation: string, serial: number) => {
      const first17 = `32010220030101${String((Date.now() + serial) % 1000).padStart(3, '0')}`;
      const created = await univ('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: memberName,
        idCardNumber: `${first17}${idCardCheckCharacter(first17)}`,
        occupation,
        developmentStage: 'full',
        joinedOn: '2022-05-01',
        confirmedOn: '2023-05-01',
      });
      expect(created.status).toBe(201);
      return created.body as { id: string };
    };
    const student = await member(name, 'student', 0);
    const teacher = await member(`${name}教师`, 'salaried', 1);
    const graduatedOn = addMonths(chinaToday(), -4);

    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await logInToConsole(page, platform.gatewayUrl, 'univ-admin');
    // A teacher's page has no graduation panel: the API accepts graduations of student members only.
    await page.goto(`${platform.gatewayUrl}/console/#/members/${teacher.id}/show`);
    await page.getByTestId('member-dues').waitFor();
    expect(await page.getByTestId('member-graduation').count()).toBe(0);

    await page.goto(`${platform.gatewayUrl}/console/#/members/${student.id}/show`);
    const panel = page.getByTestId('member-graduation');
    await panel.getByText('尚未登记毕业信息').waitFor();
    await panel.getByLabel('毕业日期').fill(graduatedOn);
    await panel.getByLabel('去向').click();
    await page.getByRole('option', { name: '已就业' }).click();
    await panel.getByLabel('就业单位').fill('艾克米集团');
    await panel.getByRole('button', { name: '保存毕业信息' }).click();
    await panel.getByText(`已登记：${graduatedOn} 毕业，已就业`).waitFor();
    await page.screenshot({ path: `${screenshots}/graduation-recorded.png`, fullPage: true });

    // Stored as entered, and on reload the form shows what is on record.
    const stored = (
      await univ(
        'GET',
        `/api/v1/graduations?${listQuery(['graduatesOn', 'DESC'], [0, 9], { memberId: student.id })}`,
      )
    ).body;
    expect(stored).toMatchObject([
      { memberId: student.id, graduatesOn: graduatedOn, destination: 'employed', employer: '艾克米集团' },
    ]);
    await page.reload();
    await panel.getByText(`已登记：${graduatedOn} 毕业，已就业`).waitFor();
    for (let attempt = 0; attempt < 50 && (await panel.getByLabel('毕业日期').inputValue()) === ''; attempt++)
      await page.waitForTimeout(100);
    expect([
      await panel.getByLabel('毕业日期').inputValue(),
      await panel.getByLabel('就业单位').inputValue(),
    ]).toEqual([graduatedOn, '艾克米集团']);

    // Four months after graduating without a transfer: on the chase list.
    await page.goto(`${platform.gatewayUrl}/console/#/graduate-chase`);
    const row = page.locator('tbody tr', { hasText: name });
    await row.waitFor();
    expect(await row.textContent()).toContain('毕业满3个月未转接');
  });
});
