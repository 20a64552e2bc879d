import { addMonths, addDays, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { api, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/* A member's stage transition, an import with progress and errors, and the statistics charts, in the console. */
const platform = testPlatform();
let serial = 900;
const idCard = (birth = '19920304') => {
  const first17 = `330106${birth}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('membership development, import and statistics in the console', () => {
  let browser: Browser;
  let token: string;
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    api(platform.gatewayUrl, method, path, {
      token,
      tenant: 'acme-corp',
      ...(body !== undefined ? { body } : {}),
      ...(headers ? { headers } : {}),
    });
  let branch: { id: string; code: string };

  beforeAll(async () => {
    browser = await launchChromium();
    token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const root = (
      await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    branch = (
      await call('POST', '/api/v1/organisations', {
        name: '控制台发展测试党支部',
        code: `UI-DEV-${Date.now().toString(36)}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records an applicant becoming an activist, showing the broken rules first', async () => {
    const today = chinaToday();
    await call('POST', '/api/v1/members', {
      organisationId: branch.id,
      name: '培养人张',
      idCardNumber: idCard('19750101'),
      occupation: 'salaried',
      developmentStage: 'full',
      confirmedOn: '2005-07-01',
    });
    const applicant = (
      await call('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '申请人李',
        idCardNumber: idCard(),
        occupation: 'salaried',
        developmentStage: 'applicant',
        stageSince: addMonths(today, -8),
      })
    ).body;
    expect(
      (
        await call('POST', '/api/v1/publicity-periods', {
          memberId: applicant.id,
          stage: 'activist',
          startsOn: addDays(today, -21),
        })
      ).status,
    ).toBe(201);

    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/members/${applicant.id}/show`);
    await page.getByRole('button', { name: '记录发展步骤' }).click();
    await page.getByRole('button', { name: '检查条件' }).click();
    await page.getByTestId('step-check').getByText('入党积极分子须有 1 至 2 名培养联系人').waitFor();

    await page.getByLabel('培养联系人').fill('培养人张');
    await page.getByRole('option', { name: '培养人张' }).click();
    await page.getByRole('button', { name: '检查条件' }).click();
    await page.getByTestId('step-check').getByText('符合全部条件').waitFor();
    await page.screenshot({ path: `${screenshots}/development-step.png`, fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();

    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText('确定为入党积极分子').first().waitFor();
    const member = (await call('GET', `/api/v1/members/${applicant.id}`)).body;
    expect(member).toMatchObject({ developmentStage: 'activist', stageSince: today });
    // An activist's thought report, recorded on the same page.
    await page.getByRole('button', { name: '登记思想汇报' }).click();
    await page.getByRole('dialog').getByLabel('标题').fill('第四季度思想汇报');
    await page.getByRole('dialog').getByLabel('内容').fill('通过学习党章，进一步端正了入党动机……');
    await page.getByRole('dialog').getByLabel('提交日期').fill(today);
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByText('第四季度思想汇报').waitFor();
    const reports = (
      await call(
        'GET',
        `/api/v1/thought-reports?${listQuery(['submittedOn', 'DESC'], [0, 9], { memberId: applicant.id })}`,
      )
    ).body;
    expect(reports.map((r: { title: string }) => r.title)).toEqual(['第四季度思想汇报']);
    await page.screenshot({ path: `${screenshots}/development-timeline.png`, fullPage: true });
    await page.close();
  });

  it('imports a CSV with a progress bar and lists the bad row', async () => {
    const header = '姓名,公民身份号码,人员类别,职业类别,所在党组织编码,入党日期';
    const rows = [
      header,
      `导入甲,${idCard()},正式党员,在岗职工,${branch.code},2010-07-01`,
      `导入乙,${idCard()},入党积极分子,学生,${branch.code},`,
      `导入丙,123,正式党员,在岗职工,${branch.code},`,
    ];
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.getByRole('menuitem', { name: '批量导入' }).click();
    await page.getByLabel('选择文件').setInputFiles({
      name: '党员信息.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n'), 'utf8'),
    });
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByTestId('import-progress').getByText('已完成').waitFor();
    expect(await page.getByTestId('import-progress').textContent()).toContain(
      '已处理 3/3 行：新增 2，已存在跳过 0，错误 1',
    );
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const errorRow = page.locator('tbody tr').filter({ hasText: '公民身份号码' });
    await errorRow.waitFor();
    expect(await errorRow.textContent()).toContain('4');
    await page.screenshot({ path: `${screenshots}/import.png`, fullPage: true });
    await page.close();
  });

  it('draws the statistics of the tree with charts', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.getByTestId('statistics-summary').waitFor();
    expect(await page.getByTestId('statistics-summary').textContent()).toMatch(/党员 \d+ 名/);
    // 党员 counts full and probationary members only: applicants, activists and candidates are not yet
    // party members. Read on this test's own branch, which no other suite changes while it runs.
    await page.getByRole('combobox', { name: /统计范围/ }).click();
    await page.getByRole('option', { name: '控制台发展测试党支部' }).click();
    const statistics = (await call('GET', `/api/v1/statistics/${branch.id}`)).body as {
      byStage: { key: string; count: number }[];
    };
    const partyMembers = statistics.byStage
      .filter((c) => c.key === 'full' || c.key === 'probationary')
      .reduce((sum, c) => sum + c.count, 0);
    const pipeline = statistics.byStage
      .filter((c) => !['full', 'probationary'].includes(c.key))
      .reduce((sum, c) => sum + c.count, 0);
    expect(pipeline).toBeGreaterThan(0);
    await page.getByTestId('statistics-summary').getByText(`党员 ${partyMembers} 名`).waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(6);
    await page.screenshot({ path: `${screenshots}/statistics.png`, fullPage: true });
    await page.close();
  });
});
