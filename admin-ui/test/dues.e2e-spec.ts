import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { api, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/* The dues page: a general branch's month by its branches, the collection rate and the arrears list. */
const platform = testPlatform();

describe('party dues in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the month of a general branch by its branches, with the collection rate and who is in arrears', async () => {
    const token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const call = (method: string, path: string, body?: unknown) => api(platform.gatewayUrl, method, path, { token, tenant: 'acme-corp', ...(body !== undefined ? { body } : {}) });
    const root = (await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)).body[0];
    const suffix = Date.now().toString(36);
    const general = (await call('POST', '/api/v1/organisations', { name: `控制台党费总支${suffix}`, code: `UI-DUES-G-${suffix}`, kind: 'general_branch', parentId: root.id })).body;
    const branch = (await call('POST', '/api/v1/organisations', { name: '控制台党费支部', code: `UI-DUES-B-${suffix}`, kind: 'branch', parentId: general.id })).body;
    const month = chinaToday().slice(0, 7);
    const members: { id: string }[] = [];
    for (const [index, name] of ['按时交费', '尚未交费'].entries()) {
      const first17 = `31011019880101${String((Date.now() + index) % 1000).padStart(3, '0')}`;
      members.push((await call('POST', '/api/v1/members', { organisationId: branch.id, name, idCardNumber: `${first17}${idCardCheckCharacter(first17)}`, occupation: 'salaried', developmentStage: 'full', joinedOn: '2010-07-01', confirmedOn: '2011-07-01' })).body);
    }
    for (const member of members) expect((await call('POST', '/api/v1/dues-assessments', { memberId: member.id, effectiveFrom: month, baseFen: 650_000 })).status).toBe(201);
    await call('POST', '/api/v1/dues-ledger/runs', { month });
    expect((await call('POST', '/api/v1/dues-payments', { memberId: members[0]!.id, months: [month], paidOn: chinaToday() })).status).toBe(201);

    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.getByRole('menuitem', { name: '党费收缴' }).click();
    await page.getByLabel('统计范围').click();
    await page.getByRole('option', { name: general.name }).click();
    const report = page.getByTestId('dues-report');
    await report.getByText('控制台党费支部').waitFor();
    // ¥6,500 after tax: 1.5% → ¥97.50 each; one of two paid.
    expect(await report.locator('tr', { hasText: '控制台党费支部' }).locator('td').allTextContents()).toEqual(['控制台党费支部', '¥195.00', '¥97.50', '50.00%', '1 · ¥97.50', '¥97.50', '¥0.00']);
    await page.getByText('尚未交费').waitFor();
    await page.screenshot({ path: `${screenshots}/dues-report.png`, fullPage: true });

    // On the member's page the treasurer picks the unpaid month and records the payment.
    await page.goto(`${platform.gatewayUrl}/console/#/members/${members[1]!.id}/show`);
    const dues = page.getByTestId('member-dues');
    await dues.getByText('¥97.50').first().waitFor();
    await dues.getByText(`${month} ¥97.50`).click();
    await dues.getByRole('button', { name: '登记交纳 1 个月' }).click();
    await dues.getByText('没有未交月份').waitFor();
    const ledger = (await call('GET', `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 9], { memberId: members[1]!.id })}`)).body;
    expect(ledger).toMatchObject([{ month, dueFen: 9_750, paidFen: 9_750 }]);

    // 党费交纳记录: every payment below the general branch, newest first; ¥1,000+ voluntary flagged.
    const nextMonth = addMonths(`${month}-01`, 1).slice(0, 7);
    expect((await call('POST', '/api/v1/dues-payments', { memberId: members[0]!.id, months: [nextMonth], paidOn: chinaToday(), voluntaryFen: 100_000, paidByName: '配偶代交' })).status).toBe(201);
    await page.getByRole('menuitem', { name: '党费交纳记录' }).click();
    await page.getByLabel('党组织').fill(general.name);
    await page.getByRole('option', { name: general.name }).click();
    // The list first shows the whole tenant's payments, then the filtered ones: wait for the filter.
    await page.waitForURL(new RegExp(encodeURIComponent(general.id)));
    await page.getByText('共 3 条').waitFor();
    const rows = page.locator('tbody tr');
    const texts = await rows.allTextContents();
    expect(texts).toHaveLength(3);
    expect(texts.filter((t) => t.includes('按时交费'))).toHaveLength(2);
    expect(texts.filter((t) => t.includes('尚未交费') && t.includes(month) && t.includes('¥97.50'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(nextMonth) && t.includes('¥1,000.00') && t.includes('千元以上，全额上缴') && t.includes('配偶代交'))).toHaveLength(1);
    await page.screenshot({ path: `${screenshots}/dues-payments.png`, fullPage: true });
  });
});
