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
    const general = (
      await call('POST', '/api/v1/organisations', {
        name: `控制台党费总支${suffix}`,
        code: `UI-DUES-G-${suffix}`,
        kind: 'general_branch',
        parentId: root.id,
      })
    ).body;
    const branch = (
      await call('POST', '/api/v1/organisations', {
        name: '控制台党费支部',
        code: `UI-DUES-B-${suffix}`,
        kind: 'branch',
        parentId: general.id,
      })
    ).body;
    const month = chinaToday().slice(0, 7);
    const members: { id: string }[] = [];
    for (const [index, name] of ['按时交费', '尚未交费'].entries()) {
      const first17 = `31011019880101${String((Date.now() + index) % 1000).padStart(3, '0')}`;
      members.push(
        (
          await call('POST', '/api/v1/members', {
            organisationId: branch.id,
            name,
            idCardNumber: `${first17}${idCardCheckCharacter(first17)}`,
            occupation: 'salaried',
            developmentStage: 'full',
            joinedOn: '2010-07-01',
            confirmedOn: '2011-07-01',
          })
        ).body,
      );
    }
    // The first member is assessed from last month too, to pay it back later (monthly payers never pay ahead).
    const previousMonth = addMonths(`${month}-01`, -1).slice(0, 7);
    for (const [member, from] of [
      [members[0]!, previousMonth],
      ...members.map((member) => [member, month] as const),
    ] as const)
      expect(
        (
          await call('POST', '/api/v1/dues-assessments', {
            memberId: member.id,
            effectiveFrom: from,
            baseFen: 650_000,
          })
        ).status,
      ).toBe(201);
    await call('POST', '/api/v1/dues-ledger/runs', { month });
    expect(
      (
        await call('POST', '/api/v1/dues-payments', {
          memberId: members[0]!.id,
          months: [month],
          paidOn: chinaToday(),
        })
      ).status,
    ).toBe(201);

    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.getByRole('menuitem', { name: '党费收缴' }).click();
    await page.getByLabel('统计范围').click();
    await page.getByRole('option', { name: general.name }).click();
    const report = page.getByTestId('dues-report');
    // The month's ledger run is on record (by hand above, or by the schedule), with its China time.
    expect(await page.getByTestId('dues-last-run').textContent()).toMatch(
      /^该月党费台账已(由定时任务)?于 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}(:\d{2})? (手动)?生成（新增 \d+ 条）$/,
    );
    await report.getByText('控制台党费支部').waitFor();
    // ¥6,500 after tax: 1.5% → ¥97.50 each; one of two paid.
    expect(await report.locator('tr', { hasText: '控制台党费支部' }).locator('td').allTextContents()).toEqual(
      ['控制台党费支部', '¥195.00', '¥97.50', '50.00%', '1 · ¥97.50', '¥97.50', '¥0.00'],
    );
    await page.getByText('尚未交费').waitFor();
    await page.screenshot({ path: `${screenshots}/dues-report.png`, fullPage: true });

    // On the member's page the treasurer picks the unpaid month and records the payment.
    await page.goto(`${platform.gatewayUrl}/console/#/members/${members[1]!.id}/show`);
    const dues = page.getByTestId('member-dues');
    await dues.getByText('¥97.50').first().waitFor();
    await dues.getByText(`${month} ¥97.50`).click();
    await dues.getByRole('button', { name: '登记交纳 1 个月' }).click();
    await dues.getByText('没有未交月份').waitFor();
    const ledger = (
      await call(
        'GET',
        `/api/v1/dues-ledger?${listQuery(['month', 'ASC'], [0, 9], { memberId: members[1]!.id })}`,
      )
    ).body;
    expect(ledger).toMatchObject([{ month, dueFen: 9_750, paidFen: 9_750 }]);

    // A pay rise recorded after the month was paid (issue 14): the month stays paid; the rise shows as
    // a difference the treasurer records once it is paid.
    await dues.getByLabel('交纳基数（元）').fill('12000');
    await dues.getByRole('button', { name: '核定党费' }).click();
    await page.getByText('已核定；1 个已交月份按新标准需补交差额').waitFor();
    const differences = page.getByTestId('dues-differences');
    await differences.getByText(`${month}：已交 ¥97.50，新标准 ¥240.00，差额 ¥142.50`).waitFor();
    await differences.getByText('待补交').waitFor();
    await dues.getByText('没有未交月份').waitFor();
    await differences.getByRole('button', { name: '登记已补交' }).click();
    await differences.getByText('已补交').waitFor();

    // Quarterly payment with the branch's consent (rules.md §1): without the day, the console says
    // what is missing; with it, the rest of this quarter is offered to pay ahead.
    await dues.getByLabel('交纳方式').click();
    await page.getByRole('option', { name: '按季度' }).click();
    await dues.getByRole('button', { name: '核定党费' }).click();
    await page.getByText('按季度交纳须填写党支部同意的日期').waitFor();
    await dues.getByLabel('党支部同意日期').fill(chinaToday());
    await dues.getByRole('button', { name: '核定党费' }).click();
    await dues.getByText(`按季度（党支部 ${chinaToday()} 同意）`).waitFor();
    const current = Number(month.slice(5, 7));
    const rest = Array.from({ length: Math.ceil(current / 3) * 3 - current }, (_, i) =>
      addMonths(`${month}-01`, i + 1).slice(0, 7),
    );
    const aheadChips = dues.getByTestId('dues-ahead-month');
    if (rest.length > 0) await aheadChips.first().waitFor();
    expect(await aheadChips.allTextContents()).toEqual(rest.map((ahead) => `${ahead} 预交 ¥240.00`));
    if (rest.length > 0) {
      await aheadChips.first().click();
      await dues.getByRole('button', { name: '登记交纳 1 个月' }).click();
      await page.getByText('已登记交纳').waitFor();
      await dues.getByText(`${rest[0]} 预交`).waitFor({ state: 'detached' });
    }

    // 党费交纳记录: every payment below the general branch, newest first; ¥1,000+ voluntary flagged.
    expect(
      (
        await call('POST', '/api/v1/dues-payments', {
          memberId: members[0]!.id,
          months: [previousMonth],
          paidOn: chinaToday(),
          voluntaryFen: 100_000,
          paidByName: '配偶代交',
        })
      ).status,
    ).toBe(201);
    await page.getByRole('menuitem', { name: '党费交纳记录' }).click();
    await page.getByLabel('党组织').fill(general.name);
    await page.getByRole('option', { name: general.name }).click();
    // The list first shows the whole tenant's payments, then the filtered ones: wait for the filter.
    await page.waitForURL(new RegExp(encodeURIComponent(general.id)));
    const payments = rest.length > 0 ? 4 : 3;
    await page.getByText(`共 ${payments} 条`).waitFor();
    const rows = page.locator('tbody tr');
    const texts = await rows.allTextContents();
    expect(texts).toHaveLength(payments);
    expect(texts.filter((t) => t.includes('按时交费'))).toHaveLength(2);
    expect(
      texts.filter((t) => t.includes('尚未交费') && t.includes(month) && t.includes('¥97.50')),
    ).toHaveLength(1);
    expect(
      texts.filter(
        (t) =>
          t.includes(previousMonth) &&
          t.includes('¥1,000.00') &&
          t.includes('千元以上，全额上缴') &&
          t.includes('配偶代交'),
      ),
    ).toHaveLength(1);
    await page.screenshot({ path: `${screenshots}/dues-payments.png`, fullPage: true });
  });
});
