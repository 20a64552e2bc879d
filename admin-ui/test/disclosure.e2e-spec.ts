import {
  api,
  invitePerson,
  listQuery,
  passwordLogin,
  testPlatform,
  type ApiResponse,
} from '@dangjian/testing';
import { idCardCheckCharacter } from '@dangjian/kit';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';
import { screenProblems, settle, watch } from './screen-checks.js';

/*
 * Issue 17 in the browser, at a phone's width: a branch secretary proposes an item with a phone number
 * in it; the committee's secretary sees the number caught by the confidentiality review and allows it
 * with a reason; the tenant admin approves; the public portal shows it without login; a member reads it
 * in their space and appraises a commitment. Every screen in Chinese, no refusal, no third party.
 */
const platform = testPlatform();
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };
const run = Date.now().toString(36);
let serial = 0;
const idCard = () => {
  const first17 = `${String(520000 + (Date.now() % 9000)).padStart(6, '0')}19920303${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('party-affairs disclosure in the console and on the portal', () => {
  let browser: Browser;
  let admin: (method: string, path: string, body?: unknown) => Promise<ApiResponse>;
  let branch: { id: string };
  const people = {
    branch: `pub-branch-${run}`,
    committee: `pub-committee-${run}`,
    member: `pub-member-${run}`,
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
        name: `公开支部${run}`,
        code: `UI-PUB-${run}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const invite = (
      username: string,
      displayName: string,
      roles: string[],
      organisationScope: string[] = [],
    ) =>
      invitePerson(
        platform.gatewayUrl,
        { token, tenant: 'acme-corp' },
        { username, displayName, password: 'Passw0rd!', roles, organisationScope },
      );
    await invite(people.branch, '支部书记甲', ['secretary'], [branch.id]);
    await invite(people.committee, '党委书记乙', ['secretary'], [root.id]);
    const memberId = await invite(people.member, '公开党员丙', ['member']);
    expect(
      (
        await admin('POST', '/api/v1/members', {
          organisationId: branch.id,
          name: '公开党员丙',
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: 'full',
          confirmedOn: '2016-07-01',
          userId: memberId,
        })
      ).status,
    ).toBe(201);
  }, 60_000);
  afterAll(() => browser?.close());

  const origins = () => new Set([new URL(platform.gatewayUrl).origin, new URL(platform.issuer).origin]);
  const check = async (page: Page, visit: ReturnType<typeof watch>) => {
    await settle(page);
    expect([...visit.failures, ...(await screenProblems(page, true))]).toEqual([]);
  };

  it('goes from a proposal on a phone through review and approval to the public portal', async () => {
    const title = `${run}支部活动经费使用情况`;

    // The branch secretary proposes, on a phone; the organisation picker is opened unfilled first.
    const proposer = await browser.newPage(PHONE);
    let visit = watch(proposer, origins());
    await logInToConsole(proposer, platform.gatewayUrl, people.branch);
    await proposer.goto(`${platform.gatewayUrl}/console/#/disclosure-items/create`);
    await proposer.getByLabel('公开主体（党组织）').click();
    await proposer.getByRole('option', { name: `公开支部${run}` }).click();
    await proposer.getByLabel('公开类别').click();
    await proposer.getByRole('option', { name: '党费收缴使用' }).click();
    await proposer.getByLabel('标题').fill(title);
    await proposer.getByLabel('公开内容').fill('本季度支部活动经费支出1200元。如有疑问请联系 13812345678。');
    await proposer.getByLabel('公开范围').click();
    await proposer.getByRole('option', { name: '向社会公开' }).click();
    await proposer.getByLabel('公开时间').fill('2026-11-01T09:00');
    await check(proposer, visit);
    await proposer.getByRole('button', { name: '保存' }).click();
    await proposer.getByText('待保密审查').first().waitFor();
    // Caught by the review, masked; approved above the branch since it goes to the public.
    await proposer.getByText('电话号码：138******78').waitFor();
    await proposer.getByText(/（上级审批）/).waitFor();
    await check(proposer, visit);
    await proposer.screenshot({ path: `${screenshots}/disclosure-proposed-phone.png` });
    const id = /#\/disclosure-items\/([^/]+)\/show/.exec(proposer.url())![1]!;
    await proposer.close();

    // The committee's secretary reviews: the number stays, with the reason.
    const reviewer = await browser.newPage(PHONE);
    visit = watch(reviewer, origins());
    await logInToConsole(reviewer, platform.gatewayUrl, people.committee);
    await reviewer.goto(`${platform.gatewayUrl}/console/#/disclosure-items/${id}/show`);
    await reviewer.getByRole('button', { name: '保密审查' }).click();
    await reviewer.getByTestId('allow-0').fill('支部公开的联系电话');
    await reviewer.getByRole('button', { name: '通过' }).click();
    await reviewer.getByText('待审批').first().waitFor();
    await reviewer.getByText('已说明保留：支部公开的联系电话').waitFor();
    await check(reviewer, visit);
    await reviewer.close();

    // The tenant admin approves.
    const approver = await browser.newPage(PHONE);
    visit = watch(approver, origins());
    await logInToConsole(approver, platform.gatewayUrl, 'acme-admin');
    await approver.goto(`${platform.gatewayUrl}/console/#/disclosure-items/${id}/show`);
    await approver.getByRole('button', { name: '审批' }).click();
    await approver.getByRole('button', { name: '批准公开' }).click();
    await approver.getByText('已公开').first().waitFor();
    await check(approver, visit);
    await approver.screenshot({ path: `${screenshots}/disclosure-approved-phone.png` });
    // The list, and the commitments' roll-up, as the admin sees them.
    await approver.goto(`${platform.gatewayUrl}/console/#/disclosure-items`);
    await approver.getByText(title).waitFor();
    await check(approver, visit);
    await approver.goto(`${platform.gatewayUrl}/console/#/commitments`);
    await approver.getByTestId('rollup').getByText('承诺数').waitFor();
    await check(approver, visit);
    await approver.goto(`${platform.gatewayUrl}/console/#/disclosure-settings`);
    await approver.getByLabel('名称').first().waitFor();
    expect(await approver.getByLabel('名称').nth(4).inputValue()).toBe('党费收缴使用');
    await check(approver, visit);
    await approver.close();

    // The portal: no login, no scripts, fits the phone.
    const reader = await browser.newPage({ ...PHONE, javaScriptEnabled: false });
    await reader.goto(`${platform.gatewayUrl}/t/acme-corp/public/`);
    await reader.getByRole('link', { name: title }).click();
    await reader.getByText('本季度支部活动经费支出1200元').waitFor();
    expect((await screenProblems(reader, true)).filter((p) => !p.startsWith('foreign'))).toEqual([]);
    await reader.screenshot({ path: `${screenshots}/disclosure-portal-phone.png` });
    await reader.goto(`${platform.gatewayUrl}/t/acme-corp/public/`);
    // The demo's commitments and their progress are there too.
    await reader.getByRole('heading', { name: '承诺践诺' }).waitFor();
    expect(await reader.locator('.bar').count()).toBeGreaterThan(0);
    await reader.close();
  }, 120_000);

  it('shows a member what is published to them and takes their appraisal', async () => {
    const page = await browser.newPage(PHONE);
    const visit = watch(page, origins());
    await logInToConsole(page, platform.gatewayUrl, people.member);
    await page.getByTestId('home-disclosures').click();
    await page.waitForURL(/#\/me\/disclosures$/);
    await page.getByRole('heading', { name: '公开事项' }).waitFor();
    await page.getByTestId('my-disclosure').first().waitFor();
    const commitment = page.getByTestId('my-commitment').first();
    await commitment.getByRole('button', { name: '满意', exact: true }).click();
    await page.getByText('感谢您的评价').waitFor();
    await check(page, visit);
    await page.screenshot({ path: `${screenshots}/disclosure-member-phone.png` });
    // Once only: the second time says so, in Chinese.
    await page
      .getByTestId('my-commitment')
      .first()
      .getByRole('button', { name: '满意', exact: true })
      .click();
    await page.getByText('您已评价过这项承诺').waitFor();
    await page.close();
  }, 60_000);
});
