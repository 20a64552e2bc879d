import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { api, invitePerson, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/*
 * Issue 12's walk-through, one test per defect a person met: what each role sees, said in their
 * language, at a desktop's and a phone's size, in a browser whose clock is not China's.
 */
const platform = testPlatform();
const stamp = Date.now().toString(36);
let serial = 700;
const idCard = (birth = '19900101') => {
  const first17 = `330106${birth}${String(serial++).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};
const visibleText = async (page: Page) => (await page.evaluate('document.body.innerText')) as string;
/** The value `read` returns once it has settled on one, or the last one after the timeout. */
async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 30_000): Promise<T> {
  const until = Date.now() + timeout;
  let value = await read();
  while (value !== expected && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}
/** A valid number with its check character changed: the mistake a person makes typing it. */
const wrongCheck = (number: string) => `${number.slice(0, 17)}${number.endsWith('1') ? '2' : '1'}`;

describe('the console a secretary uses every day (issue 12)', () => {
  let browser: Browser;
  let token: string;
  const call = (method: string, path: string, body?: unknown) =>
    api(platform.gatewayUrl, method, path, {
      token,
      tenant: 'acme-corp',
      ...(body !== undefined ? { body } : {}),
    });
  let root: { id: string };
  let branch: { id: string; name: string };
  let secretary: string;

  beforeAll(async () => {
    browser = await launchChromium();
    token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    root = (await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`))
      .body[0];
    branch = (
      await call('POST', '/api/v1/organisations', {
        name: `走查党支部${stamp}`,
        code: `UI-WALK-${stamp}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    expect(
      (
        await call('POST', '/api/v1/members', {
          organisationId: branch.id,
          name: '走查支部党员',
          idCardNumber: idCard('19800101'),
          occupation: 'salaried',
          developmentStage: 'full',
          joinedOn: '2005-07-01',
          confirmedOn: '2006-07-01',
        })
      ).status,
    ).toBe(201);
    secretary = `walk-sec-${stamp}`;
    await invitePerson(
      platform.gatewayUrl,
      { token, tenant: 'acme-corp' },
      {
        username: secretary,
        displayName: '走查书记',
        password: 'Passw0rd!',
        roles: ['secretary'],
        organisationScope: [branch.id],
      },
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('registers a member through an organisation picker opened unfilled, says ID-card mistakes in Chinese, and links the record to a login', async () => {
    const username = `walk-mem-${stamp}`;
    const userId = await invitePerson(
      platform.gatewayUrl,
      { token, tenant: 'acme-corp' },
      { username, displayName: '走查登录党员', password: 'Passw0rd!', roles: ['member'] },
    );
    const page = await browser.newPage({ locale: 'zh-CN' });
    const refusals: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname.startsWith('/api/'))
        refusals.push(`${response.status()} ${response.url()}`);
    });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/members/create`);
    // The picker lists branches at once: nothing typed, nothing refused.
    const organisationPicker = page.getByRole('combobox', { name: '所在党组织' });
    await organisationPicker.click();
    await page.getByRole('option').first().waitFor();
    expect(refusals).toEqual([]);
    await organisationPicker.fill(branch.name);
    await page.getByRole('option', { name: branch.name }).click();
    await page.getByLabel('姓名').fill('走查新党员');
    const number = idCard('19950505');
    await page.getByLabel('身份证号').fill(wrongCheck(number));
    await page.getByRole('combobox', { name: /^职业类别/ }).click();
    await page.getByRole('option', { name: '在职' }).click();
    await page.getByRole('combobox', { name: /^发展阶段/ }).click();
    await page.getByRole('option', { name: '正式党员' }).click();
    await page.getByLabel('入党日期').fill('2018-07-01');
    await page.getByLabel('转正日期').fill('2019-07-01');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('校验码不正确，请核对号码').first().waitFor();
    // The notification names the field and the mistake, not only "the form has errors": on a phone the
    // field may be scrolled away.
    const notice = page.locator('.RaNotification-error, [role="alert"]').filter({ hasText: '身份证号' });
    await notice.first().waitFor();
    expect(await notice.first().textContent()).toContain('校验码不正确');
    await page.screenshot({ path: `${screenshots}/member-id-card-refused.png`, fullPage: true });
    expect(await visibleText(page)).not.toMatch(/check character|must be/i);

    await page.getByLabel('身份证号').fill(number);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/members\/[0-9a-f-]{36}/);
    const created = (
      await call('GET', `/api/v1/members/${/#\/members\/([0-9a-f-]{36})/.exec(page.url())![1]}`)
    ).body;
    expect(created).toMatchObject({ name: '走查新党员', organisationId: branch.id });

    // Linked to the person's login afterwards, by a tenant admin, with a reason kept in the history.
    await page.goto(`${platform.gatewayUrl}/console/#/members/${created.id}`);
    const loginPicker = page.getByRole('combobox', { name: '登录账号' });
    await loginPicker.click();
    await loginPicker.fill(username);
    await page.getByRole('option', { name: new RegExp(username) }).click();
    await page.getByLabel('变更原因').fill('关联登录账号');
    await page.getByRole('button', { name: '保存' }).click();
    expect(
      await eventually(async () => (await call('GET', `/api/v1/members/${created.id}`)).body.userId, userId),
    ).toBe(userId);

    // The history names who changed what, in Chinese: no raw field names, no asterisk.
    await page.goto(`${platform.gatewayUrl}/console/#/members/${created.id}/show`);
    const history = page.getByText('修改：关联登录账号');
    await history.waitFor();
    const entry = (await page.locator('li', { has: history }).first().textContent()) ?? '';
    expect(entry).toContain('艾克米党务管理员');
    expect(entry).toContain('登录账号');
    expect(entry).not.toMatch(/userId|\*/);
    expect(refusals.filter((r) => !r.startsWith('400'))).toEqual([]);
    await page.close();
  });

  it('gives a branch secretary their statistics, a dues page that says what is missing, and only the pages they can use', async () => {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, secretary);
    // Statistics: their own branch is there to choose, and the summary shows.
    await page.getByRole('menuitem', { name: '统计分析' }).click();
    await page.getByTestId('statistics-summary').waitFor();
    expect(await page.getByTestId('statistics-summary').textContent()).toMatch(/^党员 [1-9]\d* 名/);
    expect(await page.getByRole('combobox', { name: /统计范围/ }).textContent()).toContain(branch.name);
    await page.locator('svg.recharts-surface').first().waitFor();
    await page.screenshot({ path: `${screenshots}/statistics-secretary.png`, fullPage: true });

    // Dues: not a green "nothing outstanding" while nobody has been assessed.
    await page.getByRole('menuitem', { name: '党费收缴' }).click();
    await page.getByText(/名党员尚未核定党费/).waitFor();
    expect(await visibleText(page)).not.toContain('本月没有欠缴');

    // Only what a secretary may use: no tenant-wide settings, no root-level 新建 in the tree.
    expect(await page.getByRole('menuitem', { name: '组织工作设置' }).count()).toBe(0);
    await page.getByRole('menuitem', { name: '党组织' }).click();
    await page.getByText(branch.name).first().waitFor();
    expect(await page.getByRole('link', { name: '新建', exact: true }).count()).toBe(0);
    await page.screenshot({ path: `${screenshots}/secretary-tree.png`, fullPage: true });
    await page.close();
  });

  it('tells a tenant admin on the dues page that members are unassessed, instead of "nothing outstanding"', async () => {
    // A member registered without an assessment: the month cannot be complete.
    expect(
      (
        await call('POST', '/api/v1/members', {
          organisationId: branch.id,
          name: '未核定党员',
          idCardNumber: idCard('19880808'),
          occupation: 'salaried',
          developmentStage: 'full',
          joinedOn: '2012-07-01',
          confirmedOn: '2013-07-01',
        })
      ).status,
    ).toBe(201);
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/dues`);
    await page.getByText(/名党员尚未核定党费/).waitFor();
    expect(await visibleText(page)).not.toContain('本月没有欠缴');
    await page.screenshot({ path: `${screenshots}/dues-unassessed.png`, fullPage: true });
    await page.close();
  });

  it('says a development rule refusal in Chinese, and offers no delete the API does not have', async () => {
    const sponsor = (
      await call('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '走查培养人',
        idCardNumber: idCard('19700101'),
        occupation: 'salaried',
        developmentStage: 'full',
        joinedOn: '1995-07-01',
        confirmedOn: '1996-07-01',
      })
    ).body;
    // Applied two months ago: six are required before becoming an activist.
    const applicant = (
      await call('POST', '/api/v1/members', {
        organisationId: branch.id,
        name: '走查申请人',
        idCardNumber: idCard('20000101'),
        occupation: 'student',
        developmentStage: 'applicant',
        stageSince: addMonths(chinaToday(), -2),
      })
    ).body;
    expect(sponsor.id).toBeDefined();
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/members/${applicant.id}/show`);
    await page.getByRole('button', { name: '记录发展步骤' }).click();
    await page.getByLabel('培养联系人').fill('走查培养人');
    await page.getByRole('option', { name: '走查培养人' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByText(/递交入党申请书满 \d+ 个月后才能确定为入党积极分子/)
      .first()
      .waitFor();
    expect(await visibleText(page)).not.toMatch(/applicant-minimum-time|an applicant can/i);
    await page.keyboard.press('Escape');

    for (const route of [`/organisations/${branch.id}`, '/settings']) {
      await page.goto(`${platform.gatewayUrl}/console/#${route}`);
      await page.getByRole('button', { name: '保存' }).waitFor();
      expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0);
    }
    // The organisation is dissolved (with its successor named), never deleted.
    await page.goto(`${platform.gatewayUrl}/console/#/organisations/${branch.id}`);
    await page.getByRole('button', { name: '撤销党组织' }).waitFor();
    await page.close();
  });

  it('keeps the title, the tree actions and the account menu on a phone', async () => {
    const page = await browser.newPage({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/dues`);
    await page.getByText(/名党员尚未核定党费/).waitFor();
    const title = await page.locator('#react-admin-title').boundingBox();
    expect(title!.width).toBeGreaterThan(40);
    const account = await page.getByRole('button', { name: /^个人$/ }).boundingBox();
    expect(account!.x + account!.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${screenshots}/dues-phone.png`, fullPage: true });

    await page.goto(`${platform.gatewayUrl}/console/#/organisations`);
    const row = page.locator('li', { hasText: '艾克米集团党委' }).first();
    await row.waitFor();
    expect(await row.getByRole('link', { name: '添加下级' }).first().isVisible()).toBe(true);
    expect(await row.getByRole('link', { name: '编辑' }).first().isVisible()).toBe(true);
    await page.screenshot({ path: `${screenshots}/organisation-tree-phone.png`, fullPage: true });
    await page.close();
  });

  it('shows meetings in China time in a browser on UTC, and cancelled ones struck through', async () => {
    const today = chinaToday();
    const held = (
      await call('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind: 'branch_general_meeting',
        title: '走查党员大会',
        scheduledAt: `${today}T14:30:00+08:00`,
      })
    ).body;
    const cancelled = (
      await call('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind: 'branch_committee_meeting',
        title: '走查支委会',
        scheduledAt: `${today}T09:00:00+08:00`,
      })
    ).body;
    expect(held.id).toBeDefined();
    expect(
      (await call('POST', `/api/v1/meetings/${cancelled.id}/actions`, { action: 'cancel', reason: '改期' }))
        .status,
    ).toBe(200);
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'UTC' });
    const page = await context.newPage();
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/meeting-calendar`);
    const chips = page.locator('[data-state]', { hasText: branch.name });
    await chips.first().waitFor();
    const texts = await chips.allTextContents();
    expect(texts.find((t) => t.includes('支部党员大会'))).toMatch(/^14:30 /);
    const struck = page.locator('[data-state="cancelled"]', { hasText: branch.name });
    expect(await struck.textContent()).toMatch(/^09:00 .*（已取消）/);
    expect(await struck.evaluate((e) => getComputedStyle(e).textDecorationLine)).toBe('line-through');
    await page.screenshot({ path: `${screenshots}/meeting-calendar-utc-browser.png`, fullPage: true });
    await page.goto(`${platform.gatewayUrl}/console/#/meetings/${held.id}/show`);
    await page.getByText('走查党员大会', { exact: true }).waitFor();
    expect(await visibleText(page)).toMatch(/14:30/);
    await context.close();
  });
});

describe('the console an operator uses (issue 12)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('gives a new tenant its first admin, asks before suspending, and says a taken slug in Chinese', async () => {
    const token = await passwordLogin(platform.issuer, 'operator', 'Passw0rd!');
    const slug = `walk-${stamp}`;
    const tenant = (
      await api(platform.gatewayUrl, 'POST', '/api/v1/tenants', {
        token,
        body: { slug, name: '走查新租户党委', type: 'enterprise' },
      })
    ).body;
    expect(tenant.id).toBeDefined();
    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'operator');

    await page.goto(`${platform.gatewayUrl}/console/#/tenants/create`);
    await page.locator('input[name=slug]').fill('acme-corp');
    await page.locator('input[name=name]').fill('重名租户');
    await page.getByRole('combobox', { name: /^类型/ }).click();
    await page.getByRole('option', { name: '高校' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByText(/已被使用，请换一个/)
      .first()
      .waitFor();
    expect(await visibleText(page)).not.toMatch(/is taken|a-z 0-9/);

    await page.goto(`${platform.gatewayUrl}/console/#/tenants/${tenant.id}`);
    await page.getByRole('button', { name: '邀请管理员' }).click();
    await page
      .getByRole('dialog')
      .getByLabel(/显示名称|姓名/)
      .fill('新租户管理员');
    await page.getByRole('dialog').getByRole('button', { name: '邀请' }).click();
    await page.getByTestId('invitation-code').waitFor();
    const invitations = (
      await api(
        platform.gatewayUrl,
        'GET',
        `/api/v1/invitations?${listQuery(['createdAt', 'DESC'], [0, 9])}`,
        { token, tenant: slug },
      )
    ).body;
    expect(
      invitations.map((i: { displayName: string; roles: string[] }) => [i.displayName, i.roles]),
    ).toEqual([['新租户管理员', ['tenant-admin']]]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: '暂停' }).click();
    await page
      .getByRole('dialog')
      .getByText(/确定暂停吗/)
      .waitFor();
    expect(
      (await api(platform.gatewayUrl, 'GET', `/api/v1/tenants/${tenant.id}`, { token })).body.status,
    ).toBe('active');
    await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    expect(
      await eventually(
        async () =>
          (await api(platform.gatewayUrl, 'GET', `/api/v1/tenants/${tenant.id}`, { token })).body.status,
        'suspended',
      ),
    ).toBe('suspended');
    expect(await page.getByRole('button', { name: '删除' }).count()).toBe(0);
    await page.close();
  });

  it('speaks English throughout when English is chosen: calendar, weekdays, gender, education, resource names', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page
      .getByRole('button', { name: /语言|Language|简体中文/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.goto(`${platform.gatewayUrl}/console/#/meeting-calendar`);
    await page.getByText('Mon', { exact: true }).waitFor();
    const calendar = (await page.evaluate('document.body.innerText')) as string;
    expect(calendar).not.toMatch(/周[一二三四五六日]|年\d+月/);
    await page.goto(`${platform.gatewayUrl}/console/#/positions/create`);
    await page.getByText('Create Office holder', { exact: true }).waitFor();
    const token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const member = (
      await api(platform.gatewayUrl, 'GET', `/api/v1/members?${listQuery(['name', 'ASC'], [0, 0])}`, {
        token,
        tenant: 'acme-corp',
      })
    ).body[0];
    await page.goto(`${platform.gatewayUrl}/console/#/members/${member.id}/show`);
    await page
      .getByText(/^(Male|Female)$/)
      .first()
      .waitFor();
    const show = (await page.evaluate('document.body.innerText')) as string;
    expect(show).not.toMatch(/[男女]\n|大学本科|硕士研究生|大学专科|高中/);
    await context.close();
  });
});
