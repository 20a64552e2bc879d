import { passwordLogin } from '@dangjian/testing';
import { gateway, invite, platform, tokenFor, uniqueSlug } from './support.js';

/*
 * Two admins changing different settings at once both keep their change (found by the meetings suite
 * losing a setting another suite changed meanwhile: the update read every value and wrote them all back).
 */
describe('organisation settings changed at once', () => {
  it('keeps both changes when two requests change different settings concurrently', async () => {
    const operator = await tokenFor('operator');
    const slug = uniqueSlug('settings');
    expect(
      (
        await gateway('POST', '/api/v1/tenants', {
          token: operator,
          body: { slug, name: '设置并发测试', type: 'enterprise', modules: ['organisation'] },
        })
      ).status,
    ).toBe(201);
    const username = uniqueSlug('settings-admin');
    await invite(operator, slug, {
      username,
      displayName: '设置管理员',
      password: 'Secret-123',
      roles: ['tenant-admin'],
    });
    const admin = await passwordLogin(platform.issuer, username, 'Secret-123');
    const put = (body: object) =>
      gateway('PUT', '/api/v1/organisation-settings/current', { token: admin, tenant: slug, body });
    for (let round = 0; round < 5; round++) {
      const [lecture, letters] = [round % 2 === 0 ? 6 : 3, 60 + round];
      const answers = await Promise.all([
        put({ partyLectureMonths: lecture }),
        put({ letterValidityDays: letters }),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const now = (
        await gateway('GET', '/api/v1/organisation-settings/current', { token: admin, tenant: slug })
      ).body;
      expect(now).toMatchObject({ partyLectureMonths: lecture, letterValidityDays: letters });
    }
  });
});
