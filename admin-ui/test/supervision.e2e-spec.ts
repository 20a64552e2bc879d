import {
  api,
  invitePerson,
  listQuery,
  passwordLogin,
  testPlatform,
  type ApiResponse,
} from '@dangjian/testing';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';
import { screenProblems, settle, watch } from './screen-checks.js';

/*
 * Issue 18 in the browser, at a phone's width: a citizen files an appeal on the public pages without
 * scripts and gets a code; the grid branch's secretary receives and resolves it in the console; the
 * citizen reads the reply with the code and confirms. A reporter files anonymously and gets a code and
 * a secret; the inspector reads the report in the console and acknowledges it with a message; the
 * reporter reads it. Every screen in Chinese, no refusal, no third party, nothing wider than the phone.
 */
const platform = testPlatform();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const PUBLIC = { ...PHONE, javaScriptEnabled: false };
const run = Date.now().toString(36);

describe('appeals and reports on a phone', () => {
  let browser: Browser;
  let admin: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
  let grid: { id: string; name: string };
  const secretary = `apl-secretary-${run}`;

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
    grid = (
      await admin('POST', '/api/v1/organisations', {
        name: `网格支部${run}`,
        code: `UI-APL-${run}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    await invitePerson(
      platform.gatewayUrl,
      { token, tenant: 'acme-corp' },
      {
        username: secretary,
        displayName: '网格书记',
        password: 'Passw0rd!',
        roles: ['secretary'],
        organisationScope: [grid.id],
      },
    );
  }, 60_000);
  afterAll(() => browser?.close());

  const origins = () => new Set([new URL(platform.gatewayUrl).origin, new URL(platform.issuer).origin]);
  const check = async (page: Page, visit: ReturnType<typeof watch>) => {
    await settle(page);
    expect([...visit.failures, ...(await screenProblems(page, true))]).toEqual([]);
  };
  const publicCheck = async (page: Page) =>
    expect((await screenProblems(page, true)).filter((p) => !p.startsWith('foreign'))).toEqual([]);

  it('takes an appeal from a citizen’s phone through the console to the citizen’s confirmation', async () => {
    const title = `${run}楼道灯不亮`;
    const citizen = await browser.newPage(PUBLIC);
    await citizen.goto(`${platform.gatewayUrl}/t/acme-corp/public/appeals/new`);
    await publicCheck(citizen);
    await citizen.getByLabel('诉求类别').selectOption('complaint');
    await citizen.getByLabel('所在社区或网格').selectOption(grid.id);
    await citizen.getByLabel('标题').fill(title);
    await citizen.getByLabel('具体内容').fill('5号楼二单元楼道灯坏了两周。');
    await citizen.getByLabel('您的姓名').fill('孙丽');
    await citizen.getByLabel('联系电话').fill('13912345678');
    await citizen.getByRole('button', { name: '提交' }).click();
    await citizen.getByText('诉求已提交').waitFor();
    const code = (await citizen.locator('.code').innerText()).replaceAll(' ', '');
    expect(code).toMatch(/^\d{16}$/);
    await publicCheck(citizen);
    await citizen.screenshot({ path: `${screenshots}/appeal-filed-phone.png` });

    // The grid's secretary, on a phone: receives it and answers.
    const page = await browser.newPage(PHONE);
    const visit = watch(page, origins());
    await logInToConsole(page, platform.gatewayUrl, secretary);
    await page.goto(`${platform.gatewayUrl}/console/#/appeals`);
    await page.getByText(title).click();
    await page.getByText('待受理').first().waitFor();
    // Staff of the organisation responsible read the whole number (the list's masked one shows first,
    // from the list's copy, until the record is read).
    await page.getByText('13912345678').first().waitFor();
    await check(page, visit);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText('办理中').first().waitFor();
    await page.getByRole('button', { name: '办结答复' }).click();
    // Without the reply the server refuses, in Chinese.
    await page.getByRole('button', { name: '确定' }).click();
    await page
      .getByRole('dialog')
      .getByText(/必填|不能为空/)
      .waitFor();
    // That 400 was the point; any other refusal still fails the page.
    visit.failures.splice(
      0,
      visit.failures.length,
      ...visit.failures.filter((f) => !f.includes('/actions → 400')),
    );
    await page.getByLabel('答复意见（告知群众）').fill('已更换楼道灯。');
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText('已办结待确认').first().waitFor();
    await check(page, visit);
    await page.screenshot({ path: `${screenshots}/appeal-resolved-phone.png` });
    await page.close();

    // The citizen reads the reply with the code and confirms.
    await citizen.goto(`${platform.gatewayUrl}/t/acme-corp/public/appeals/follow`);
    await citizen.getByLabel('查询码（16位数字）').fill(code.replace(/(\d{4})/g, '$1 '));
    await citizen.getByRole('button', { name: '查询' }).click();
    await citizen.getByText('已更换楼道灯。').first().waitFor();
    await publicCheck(citizen);
    await citizen.getByRole('button', { name: '确认办结' }).click();
    await citizen.getByText('已结案').waitFor();
    await citizen.close();
  }, 120_000);

  it('lets a reporter file without a name and the inspector answer in the console', async () => {
    const reporter = await browser.newPage(PUBLIC);
    await reporter.goto(`${platform.gatewayUrl}/t/acme-corp/public/reports/new`);
    await reporter.getByText('举报默认匿名').waitFor();
    await publicCheck(reporter);
    await reporter.getByLabel('举报内容（至少 10 字）').fill(`${run} 某单位公车私用，周末多次开车外出。`);
    // A photo straight from a phone: where, and with what, it was taken is in its EXIF.
    const segment = (marker: number, body: Buffer) =>
      Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
    const photo = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      segment(0xe0, Buffer.from('JFIF\0\x01\x01', 'latin1')),
      segment(0xe1, Buffer.from('Exif\0\0GPSLatitude 30.2741 N; Model Xiaomi 14', 'latin1')),
      segment(0xda, Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00])),
      Buffer.alloc(2048, 0x22),
      Buffer.from([0xff, 0xd9]),
    ]);
    await reporter
      .getByLabel(/照片（选填/)
      .setInputFiles({ name: 'IMG_20261201_wang.jpg', mimeType: 'image/jpeg', buffer: photo });
    await reporter.getByRole('button', { name: '提交举报' }).click();
    await reporter.getByText('举报已提交').waitFor();
    await reporter.getByText('已收到照片 1 张').waitFor();
    const [grouped, secret] = await reporter.locator('.code').allInnerTexts();
    const code = grouped!.replaceAll(' ', '');
    await publicCheck(reporter);

    const page = await browser.newPage(PHONE);
    const visit = watch(page, origins());
    await logInToConsole(page, platform.gatewayUrl, 'acme-inspector');
    await page.goto(`${platform.gatewayUrl}/console/#/reports`);
    await page.getByText('每次查看举报内容都会记录在查阅日志中。').waitFor();
    await page.getByText(code).click();
    await page.getByText(`${run} 某单位公车私用`).waitFor();
    await page.getByText('匿名').first().waitFor();
    await check(page, visit);
    // The inspector downloads the photo: the picture, without the place or the phone's model.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^照片1（\d+ KB）$/ }).click(),
    ]);
    const kept = readFileSync((await download.path())!);
    expect(kept.includes(Buffer.from('GPS'))).toBe(false);
    expect(kept.includes(Buffer.from('Xiaomi'))).toBe(false);
    expect(kept.includes(Buffer.alloc(2048, 0x22))).toBe(true);
    expect(download.suggestedFilename()).not.toContain('wang');
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.getByLabel('告知举报人的内容（选填，答复时必填）').fill('已受理，将依规核查。');
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText('已受理').first().waitFor();
    await check(page, visit);
    await page.screenshot({ path: `${screenshots}/report-inspector-phone.png` });
    await page.close();

    await reporter.goto(`${platform.gatewayUrl}/t/acme-corp/public/reports/follow`);
    await reporter.getByLabel('查询码（16位数字）').fill(code);
    await reporter.getByLabel('密码').fill(secret!);
    await reporter.getByRole('button', { name: '查看' }).click();
    await reporter.getByText('已受理，将依规核查。').waitFor();
    await publicCheck(reporter);
    await reporter.close();
  }, 120_000);

  it('lets the admin set alert words and the secretary read the alert they raise', async () => {
    const word = `积水${run}`;
    const page = await browser.newPage(PHONE);
    const visit = watch(page, origins());
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/sentiment-alerts`);
    await page.getByText('系统每小时检查一次').waitFor();
    await check(page, visit);
    await page.getByRole('button', { name: '预警词' }).click();
    // Too long a word: the server refuses, in Chinese, and the dialog keeps what was typed.
    await page.getByLabel(/预警词（每行一个/).fill(`${word}\n${'很'.repeat(21)}`);
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByRole('dialog')
      .getByText(/预警词/)
      .last()
      .waitFor();
    await page.getByRole('dialog').getByRole('alert').waitFor();
    visit.failures.splice(
      0,
      visit.failures.length,
      ...visit.failures.filter((f) => !f.includes('/appeal-settings/current → 400')),
    );
    await page.getByLabel(/预警词（每行一个/).fill(word);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('预警词已保存').waitFor();

    // A citizen writes the word; the admin runs the watch now instead of waiting for the hour.
    const filed = await api(platform.gatewayUrl, 'POST', '/t/acme-corp/public/appeals', {
      body: {
        category: 'suggestion',
        placeOrganisationId: grid.id,
        title: `${run}地下车库漏水`,
        content: `下雨后车库${word}严重。`,
        citizenName: '钱进',
        citizenPhone: '13911112222',
      },
    });
    expect(filed.status).toBe(201);
    await page.getByRole('button', { name: '立即检查' }).click();
    await page.getByText(/检查完成：提醒 \d+ 件，督办 \d+ 件，新预警 [1-9]\d* 条/).waitFor();
    await check(page, visit);
    await page.close();

    // The grid's secretary reads it on a phone: the word, and that no secretary could be told.
    const secretaryPage = await browser.newPage(PHONE);
    const secretaryVisit = watch(secretaryPage, origins());
    await logInToConsole(secretaryPage, platform.gatewayUrl, secretary);
    await secretaryPage.goto(`${platform.gatewayUrl}/console/#/sentiment-alerts`);
    await secretaryPage.getByText(`诉求中出现“${word}”`).waitFor();
    await secretaryPage.getByText('未设书记，未能通知').first().waitFor();
    expect(await secretaryPage.getByRole('button', { name: '立即检查' }).count()).toBe(0);
    await check(secretaryPage, secretaryVisit);
    await secretaryPage.screenshot({ path: `${screenshots}/sentiment-alerts-phone.png` });
    await secretaryPage.getByText(`诉求中出现“${word}”`).click();
    await secretaryPage.getByText(`${run}地下车库漏水`).first().waitFor();
    await check(secretaryPage, secretaryVisit);
    await secretaryPage.close();
  }, 120_000);

  it('lets the admin set appeal categories and the inspector the report deadlines, on a phone', async () => {
    const page = await browser.newPage(PHONE);
    const visit = watch(page, origins());
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/appeal-settings`);
    await page.getByText('诉求类别').first().waitFor();
    expect(await page.getByLabel('名称').first().inputValue()).not.toBe('');
    await check(page, visit);
    const waitDays = page.getByLabel('办结后等待群众确认的天数');
    const before = Number(await waitDays.inputValue());
    const next = before >= 60 ? 7 : before + 1;
    await waitDays.fill(String(next));
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByText(/已更新|已保存|保存成功/)
      .first()
      .waitFor();
    const settings = await admin('GET', '/api/v1/appeal-settings/current');
    expect(settings.body.closeAfterDays).toBe(next);
    // The alert words saved on the alerts page are kept by this save.
    expect(settings.body.alertKeywords.some((w: string) => w.startsWith('积水'))).toBe(true);
    await check(page, visit);
    await page.close();

    const inspector = await browser.newPage(PHONE);
    const inspectorVisit = watch(inspector, origins());
    await logInToConsole(inspector, platform.gatewayUrl, 'acme-inspector');
    await inspector.goto(`${platform.gatewayUrl}/console/#/report-settings`);
    const retention = inspector.getByLabel('办结后保存天数（到期彻底删除）');
    await retention.waitFor();
    await check(inspector, inspectorVisit);
    await retention.fill('400');
    await inspector.getByRole('button', { name: '保存' }).click();
    await inspector
      .getByText(/已更新|已保存|保存成功/)
      .first()
      .waitFor();
    await check(inspector, inspectorVisit);
    await inspector.close();
  }, 90_000);
});
