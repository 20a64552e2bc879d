import { addMonths, chinaToday, idCardCheckCharacter } from '@dangjian/kit';
import { api, listQuery, passwordLogin, testPlatform } from '@dangjian/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, logInToConsole, screenshots } from './browser.js';

/*
 * Issue 14, parts 5 and 6 in the console: the vote is recorded on the held general meeting's page
 * and picked, not typed, in the member's step dialog (which dates the step by the meeting); a
 * probationary member without the oath is offered the oath first.
 */
const platform = testPlatform();
let serial = 0;
const region = String(480000 + (Date.now() % 9000)).padStart(6, '0');
const idCard = () => {
  const first17 = `${region}19900909${String(serial++ % 1000).padStart(3, '0')}`;
  return `${first17}${idCardCheckCharacter(first17)}`;
};

describe('a general meeting’s vote in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is recorded on the meeting and picked in the member’s step dialog', async () => {
    const token = await passwordLogin(platform.issuer, 'acme-admin', 'Passw0rd!');
    const call = (method: string, path: string, body?: unknown) =>
      api(platform.gatewayUrl, method, path, {
        token,
        tenant: 'acme-corp',
        ...(body !== undefined ? { body } : {}),
      });
    const today = chinaToday();
    const run = Date.now().toString(36);
    const root = (
      await call('GET', `/api/v1/organisations?${listQuery(['name', 'ASC'], [0, 9], { roots: true })}`)
    ).body[0];
    const branch = (
      await call('POST', '/api/v1/organisations', {
        name: `控制台表决支部${run}`,
        code: `UI-VOTE-${run}`,
        kind: 'branch',
        parentId: root.id,
      })
    ).body;
    const member = async (name: string, stage: string, joinedOn: string) =>
      (
        await call('POST', '/api/v1/members', {
          organisationId: branch.id,
          name,
          idCardNumber: idCard(),
          occupation: 'salaried',
          developmentStage: stage,
          joinedOn,
          ...(stage === 'full' ? { confirmedOn: addMonths(joinedOn, 12) } : {}),
        })
      ).body as { id: string };
    const voters = [
      await member(`表决甲${run}`, 'full', '2010-07-01'),
      await member(`表决乙${run}`, 'full', '2011-07-01'),
      await member(`表决丙${run}`, 'full', '2012-07-01'),
    ];
    const probationaryName = `预备党员${run}`;
    const probationary = await member(probationaryName, 'probationary', addMonths(today, -11));
    const general = (
      await call('POST', '/api/v1/meetings', {
        organisationId: branch.id,
        kind: 'branch_general_meeting',
        title: '讨论延长预备期',
        scheduledAt: `${today}T14:30:00+08:00`,
      })
    ).body;
    for (const voter of voters.slice(0, 2))
      await call('POST', '/api/v1/attendance', {
        meetingId: general.id,
        memberId: voter.id,
        status: 'present',
      });
    expect(
      (await call('POST', `/api/v1/meetings/${general.id}/actions`, { action: 'hold', heldOn: today }))
        .status,
    ).toBe(200);

    const page = await browser.newPage({ locale: 'zh-CN' });
    await logInToConsole(page, platform.gatewayUrl, 'acme-admin');
    await page.goto(`${platform.gatewayUrl}/console/#/meetings/${general.id}/show`);
    const votes = page.getByTestId('meeting-votes');
    await votes.getByText('表决情况').waitFor();
    await votes.getByLabel('表决对象').click();
    await page.getByRole('option', { name: probationaryName }).click();
    await votes.getByLabel('表决事项').click();
    await page.getByRole('option', { name: '延长预备期' }).click();
    await votes.getByLabel('赞成').fill('3');
    await votes.getByRole('button', { name: '登记表决' }).click();
    // More in favour than present: said in Chinese, nothing recorded.
    await page.getByText('赞成、反对、弃权合计超过实到人数（2）').waitFor();
    await votes.getByLabel('赞成').fill('2');
    await votes.getByRole('button', { name: '登记表决' }).click();
    await votes.getByText('应到 3，实到 2：赞成 2，反对 0，弃权 0').waitFor();
    await page.screenshot({ path: `${screenshots}/meeting-votes.png`, fullPage: true });

    // On the member's page the step dialog offers the oath first, then takes the vote from the meeting.
    await page.goto(`${platform.gatewayUrl}/console/#/members/${probationary.id}/show`);
    await page.getByRole('button', { name: '记录发展步骤' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('入党宣誓').first().waitFor();
    await dialog.getByLabel('步骤').click();
    await page.getByRole('option', { name: '延长预备期' }).click();
    await dialog.getByLabel('取自支部党员大会表决').click();
    await page.getByRole('option', { name: `${today} 支部党员大会：赞成 2，实到 2，应到 3` }).click();
    expect(await dialog.getByLabel('应到会有表决权党员').count()).toBe(0); // nothing typed twice
    await dialog.getByLabel('延长月数').fill('6');
    await dialog.getByLabel('上级党委审批日期').fill(today);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    const steps = (
      await call(
        'GET',
        `/api/v1/development?${listQuery(['decidedOn', 'ASC'], [0, 9], { memberId: probationary.id })}`,
      )
    ).body as { kind: string; decidedOn: string; meetingVoteId?: string; vote?: object }[];
    expect(steps).toMatchObject([
      { kind: 'probation_extension', decidedOn: today, vote: { eligible: 3, present: 2, inFavour: 2 } },
    ]);
    expect(steps[0]!.meetingVoteId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
