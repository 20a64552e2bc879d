import { chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import {
  api,
  invitePerson,
  listQuery,
  passwordLogin,
  startWechatPayStandIn,
  testPlatform,
  type ApiResponse,
} from '@dangjian/testing';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/*
 * Issue 15 in the browser, on a phone (360×740, zh-CN): a mobile member logs in and lands in their
 * own space, sees the meeting that needs them today, signs in online, writes a thought report and
 * reads the secretary's reply; another member asks for leave and sees it granted.
 */
const platform = testPlatform();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
let serial = 0;
const region = String(510000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19950505${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

async function noOverflow(page: Page): Promise<void> {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  expect(width).toBeLessThanOrEqual(361);
}

describe('党员e家 on a phone', () => {
  let browser: Browser;
  const run = Date.now().toString(36);
  let admin: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
  let branch: { id: string };

  const linkedMember = async (username: string, name: string, body: object) => {
    const userId = await invitePerson(
      platform.gatewayUrl,
      { token: await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!'), tenant: 'acme-corp' },
      { username, displayName: name, password: 'Passw0rd!', roles: ['member'] },
    );
    const created = await admin('POST', '/api/v1/members', {
      organisationId: branch.id,
      name,
      idCardNumber: idCard(),
      occupation: 'salaried',
      userId,
      ...body,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string };
  };

  beforeAll(async () => {
    browser = await launchChromium();
    const token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    admin = (method, path, body) =>
      api(platform.gatewayUrl, method, path, {
        token,
        tenant: 'acme-corp',
        ...(body !== undefined ? { body } : {}),
      });
    const root = (
      await admin('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    branch = (
      await admin('POST', '/api/v1/organisations', {
        name: `e家支部${run}`,
        code: `UI-ME-${run}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a mobile member sign in online, report and read the reply; another asks for leave and is excused', async () => {
    const mobileName = `流动党员${run}`;
    const mobileLogin = `me-mobile-${run}`;
    await linkedMember(mobileLogin, mobileName, {
      developmentStage: 'probationary',
      joinedOn: chinaToday(),
      mobile: true,
    });
    const meeting = (
      await admin('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind: 'theme_day',
        title: `主题党日${run}`,
        scheduledAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        place: '社区党群服务中心',
        onlineAllowed: true,
      })
    ).body as { id: string };

    // The meeting is called: the member is told in their inbox.
    expect((await admin('POST', `/api/v1/meetings/${meeting.id}/actions`, { action: 'notify' })).status).toBe(
      200,
    );

    const page = await browser.newPage(PHONE);
    await logInToConsole(page, platform.gatewayUrl, mobileLogin);
    // A member-only person lands in their space, greeted by name, with the meeting on the home page.
    await page.waitForURL(/#\/me$/);
    await page.getByText(`${mobileName}同志，您好`).waitFor();
    const item = page.getByTestId('home-item-meeting_today').or(page.getByTestId('home-item-meeting_soon'));
    await item.getByText(`主题党日${run}`).waitFor();
    await noOverflow(page);
    await page.getByTestId('home-item-unread_notifications').getByText('您有 1 条未读消息').waitFor();
    await page.screenshot({ path: `${screenshots}/member-space-home-phone.png` });
    await page.getByTestId('inbox-bell').click();
    await page.waitForURL(/#\/me\/notifications$/);
    const notice = page.getByTestId('inbox-item').first();
    await notice.getByText(`会议通知：e家支部${run}定于`).waitFor();
    await noOverflow(page);
    await page.screenshot({ path: `${screenshots}/member-space-inbox-phone.png` });
    await notice.click();
    await page.waitForURL(new RegExp(`#/me/meetings/${meeting.id}$`));
    await page.getByRole('link', { name: '首页', exact: true }).click();

    await item.click();
    await page.waitForURL(new RegExp(`#/me/meetings/${meeting.id}$`));
    await page.getByText('地点：社区党群服务中心').waitFor();
    await page.getByRole('button', { name: '线上参会签到' }).click();
    await expect(page.getByTestId('my-meeting-outcome').textContent()).resolves.toBe('签到成功');
    await page.getByText('出席').first().waitFor();
    await noOverflow(page);

    // The bottom bar leads to the reports; what is written is sent to the branch.
    await page.getByRole('link', { name: '思想汇报', exact: true }).click();
    await page.waitForURL(/#\/me\/thought-reports$/);
    await page.getByLabel('标题').fill('学习党章的体会');
    await page.getByLabel('正文').fill('通过学习党章，我更加明确了党员的义务。');
    await page.getByTestId('report-files').setInputFiles({
      name: '手写稿.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByText('手写稿.pdf').waitFor();
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByTestId('my-report-outcome').textContent()).resolves.toBe('思想汇报已提交');
    await page.getByTestId('my-report').getByText('尚未回复').waitFor();
    await page.getByTestId('my-report').getByRole('button', { name: '附件：手写稿.pdf' }).waitFor();
    const report = (
      await admin('GET', `/api/v1/unanswered-thought-reports?${listQuery(['createdAt', 'ASC'], [0, 499])}`)
    ).body.find((r: { memberName: string }) => r.memberName === mobileName) as { id: string };
    expect(
      (await admin('POST', `/api/v1/thought-reports/${report.id}/reply`, { reply: '体会深刻，望继续努力。' }))
        .status,
    ).toBe(200);
    await page.reload();
    await expect(page.getByTestId('my-report-reply').textContent()).resolves.toContain(
      '体会深刻，望继续努力。',
    );
    await page.getByRole('link', { name: '首页', exact: true }).click();
    await page.getByTestId('home-item-thought_report_replied').waitFor();
    await page.screenshot({ path: `${screenshots}/member-space-report-phone.png` });

    // Each section in zh-CN, no English left on screen, nothing wider than the phone.
    for (const section of ['档案', '党费', '会议']) {
      await page.getByRole('link', { name: section, exact: true }).click();
      await page.waitForLoadState('networkidle');
      await noOverflow(page);
      const text = (await page.evaluate('document.body.innerText')) as string;
      expect(text).not.toMatch(/\b(?:undefined|null|NaN|error|not found)\b|%\{|dj\.my/i);
    }
    await page.close();

    // Another member asks for leave; the organiser grants it; the member sees it.
    const leaveLogin = `me-leave-${run}`;
    await linkedMember(leaveLogin, `请假党员${run}`, {
      developmentStage: 'full',
      joinedOn: '2015-07-01',
      confirmedOn: '2016-07-01',
    });
    const second = await browser.newPage(PHONE);
    await logInToConsole(second, platform.gatewayUrl, leaveLogin);
    await second.goto(`${platform.gatewayUrl}/console/#/me/meetings/${meeting.id}`);
    await second.getByLabel('请假事由').fill('在外地出差');
    await second.getByRole('button', { name: '提交请假' }).click();
    await expect(second.getByTestId('my-meeting-outcome').textContent()).resolves.toBe(
      '请假申请已提交，等待组织审批',
    );
    await second.getByText('请假待批').waitFor();
    const pending = (
      await admin(
        'GET',
        `/api/v1/meeting-leave-requests?${listQuery(['requestedAt', 'ASC'], [0, 9], { meetingId: meeting.id })}`,
      )
    ).body as { id: string }[];
    expect(pending).toHaveLength(1);
    expect(
      (await admin('POST', `/api/v1/meeting-leave-requests/${pending[0]!.id}/decision`, { grant: true }))
        .status,
    ).toBe(200);
    await second.reload();
    await second.getByText('请假', { exact: true }).waitFor();
    await second.getByRole('link', { name: '首页', exact: true }).click();
    await second
      .getByTestId('home-item-leave_decided')
      .getByText(/请假已批准/)
      .waitFor();
    await second.close();
  }, 180_000);

  it('lets the secretary answer a report from the console’s list', async () => {
    const name = `待回复党员${run}`;
    const login = `me-report-${run}`;
    await linkedMember(login, name, { developmentStage: 'applicant', stageSince: chinaToday() });
    const token = await passwordLogin(platform.issuer, login, 'Passw0rd!');
    expect(
      (
        await api(platform.gatewayUrl, 'POST', '/api/v1/me/thought-reports', {
          token,
          tenant: 'acme-corp',
          body: { title: '入党动机', content: '我志愿加入中国共产党。' },
        })
      ).status,
    ).toBe(201);
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/unanswered-thought-reports`);
    const row = page.locator('tr', { hasText: name });
    await row.getByLabel('回复内容').fill('动机端正，请按时递交思想汇报。');
    await row.getByRole('button', { name: '回复' }).click();
    await page.getByText('已回复').waitFor();
    await page.locator('tr', { hasText: name }).waitFor({ state: 'detached' });
    const mine = await api(
      platform.gatewayUrl,
      'GET',
      `/api/v1/me/thought-reports?${listQuery(['submittedOn', 'DESC'], [0, 9])}`,
      { token, tenant: 'acme-corp' },
    );
    expect(mine.body[0].reply).toBe('动机端正，请按时递交思想汇报。');
    await page.close();
  }, 120_000);

  it('lets a member apply for a transfer on a phone, follow its steps and download the letter', async () => {
    const login = `me-transfer-${run}`;
    await linkedMember(login, `转接党员${run}`, {
      developmentStage: 'full',
      joinedOn: '2014-07-01',
      confirmedOn: '2015-07-01',
    });
    const page = await browser.newPage(PHONE);
    await logInToConsole(page, platform.gatewayUrl, login);
    await page.getByRole('link', { name: '档案', exact: true }).click();
    await page.getByTestId('to-my-transfer').click();
    await page.waitForURL(/#\/me\/transfer$/);
    // Within the tenant the branch is picked by name: opened unfilled it lists branches, never mine.
    await page.getByLabel('转入的党支部').click();
    await page.getByRole('listbox').waitFor();
    expect(await page.getByRole('option', { name: new RegExp(`e家支部${run}$`) }).count()).toBe(0);
    expect(await page.getByRole('option').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await noOverflow(page);
    await page.getByLabel('转接类型').click();
    await page.getByRole('option', { name: '转出平台（纸质介绍信）' }).click();
    await page.getByLabel('接收党组织名称').fill('某市某区某街道党工委');
    await page.getByLabel('转接原因').fill('工作调动');
    await page.getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByTestId('my-transfer-outcome').textContent()).resolves.toBe(
      '申请已提交，等待党组织审批',
    );
    await page.getByTestId('my-transfer').getByText('已申请').first().waitFor();
    await noOverflow(page);
    const mine = (
      await admin('GET', `/api/v1/transfers?${listQuery(['updatedAt', 'DESC'], [0, 49])}`)
    ).body.find((t: { memberName: string }) => t.memberName === `转接党员${run}`) as { id: string };
    for (const action of ['approve', 'issue_letter'])
      expect((await admin('POST', `/api/v1/transfers/${mine.id}/actions`, { action })).status).toBe(200);
    await page.reload();
    await page.getByTestId('my-transfer').getByText('开具介绍信').waitFor();
    await page.screenshot({ path: `${screenshots}/member-space-transfer-phone.png` });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载介绍信' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^组织关系介绍信-.+\.pdf$/);
    await page.getByRole('link', { name: '首页', exact: true }).click();
    await page
      .getByTestId('home-item-transfer_in_progress')
      .getByText(/已开介绍信/)
      .waitFor();
    await page.close();
  }, 120_000);

  it('lets a member pay a month’s dues with WeChat Pay on a phone and see it settled, with a receipt', async () => {
    const wechatPay = await startWechatPayStandIn();
    try {
      // A tenant of its own: the merchant account is the tenant's.
      const operator = await passwordLogin(platform.issuer, 'operator', 'Passw0rd!');
      const slug = `pay-ui-${run}`;
      expect(
        (
          await api(platform.gatewayUrl, 'POST', '/api/v1/tenants', {
            token: operator,
            body: { slug, name: `在线缴费测试 ${run}`, type: 'enterprise', modules: ['organisation'] },
          })
        ).status,
      ).toBe(201);
      const adminLogin = `pay-admin-${run}`;
      await invitePerson(
        platform.gatewayUrl,
        { token: operator, tenant: slug },
        { username: adminLogin, displayName: '缴费管理员', password: 'Passw0rd!', roles: ['tenant-admin'] },
      );
      const adminToken = await passwordLogin(platform.issuer, adminLogin, 'Passw0rd!');
      const call = (method: string, path: string, body?: unknown) =>
        api(platform.gatewayUrl, method, path, {
          token: adminToken,
          tenant: slug,
          ...(body ? { body } : {}),
        });
      const root = (
        await call('POST', '/api/v1/organisations', {
          name: '缴费党委',
          code: `PAYR${run}`,
          kind: 'committee',
        })
      ).body as { id: string };
      const payBranch = (
        await call('POST', '/api/v1/organisations', {
          name: '缴费支部',
          code: `PAYB${run}`,
          kind: 'branch',
          parentId: root.id,
        })
      ).body as { id: string };
      const memberLogin = `pay-member-${run}`;
      const userId = await invitePerson(
        platform.gatewayUrl,
        { token: adminToken, tenant: slug },
        { username: memberLogin, displayName: '线上缴费', password: 'Passw0rd!', roles: ['member'] },
      );
      const member = (
        await call('POST', '/api/v1/members', {
          organisationId: payBranch.id,
          name: '线上缴费',
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'full',
          joinedOn: '2015-07-01',
          confirmedOn: '2016-07-01',
          userId,
        })
      ).body as { id: string };
      const month = chinaToday().slice(0, 7);
      expect(
        (
          await call('POST', '/api/v1/dues-assessments', {
            memberId: member.id,
            effectiveFrom: month,
            baseFen: 650_000,
          })
        ).status,
      ).toBe(201);
      expect((await call('POST', '/api/v1/dues-ledger/runs', { month })).status).toBe(200);
      expect(
        (await call('PUT', '/api/v1/payment-settings', wechatPay.settings(platform.gatewayUrl))).status,
      ).toBe(200);

      const page = await browser.newPage(PHONE);
      await logInToConsole(page, platform.gatewayUrl, memberLogin);
      await page.getByRole('link', { name: '党费', exact: true }).click();
      await page.getByTestId('my-dues-outstanding').getByText('待缴 1 个月，共 ¥97.50').waitFor();
      await page.getByRole('button', { name: '微信支付 ¥97.50' }).click();
      await page.getByText(/请用微信扫码支付 ¥97\.50/).waitFor();
      await page.getByRole('img', { name: '微信支付二维码' }).waitFor();
      await noOverflow(page);
      await page.screenshot({ path: `${screenshots}/member-space-pay-phone.png` });
      // Not paid yet: the member is told so; then WeChat Pay has the money.
      await page.getByRole('button', { name: '我已完成支付' }).click();
      await expect(page.getByTestId('pay-online-outcome').textContent()).resolves.toBe(
        '尚未收到付款，请完成支付后再试',
      );
      const order = wechatPay.orders.at(-1)!;
      expect(order).toMatchObject({ amount: { total: 9_750 }, signatureValid: true });
      wechatPay.paid.set(order.out_trade_no, '4200000000202612019999999999');
      await page.getByRole('button', { name: '我已完成支付' }).click();
      await page.getByTestId('pay-online-outcome').getByText('支付成功，党费已缴清').waitFor();
      await page.getByTestId('my-dues-outstanding').getByText('党费已按月缴清').waitFor();
      await page.getByTestId('my-dues-month').getByRole('link', { name: '收据' }).click();
      await page.getByTestId('receipt').getByText('4200000000202612019999999999').waitFor();
      await page.getByTestId('receipt').getByText('微信支付').waitFor();
      await noOverflow(page);
      await page.screenshot({ path: `${screenshots}/member-space-receipt-phone.png` });
      await page.close();
    } finally {
      await wechatPay.close();
    }
  }, 120_000);
});
