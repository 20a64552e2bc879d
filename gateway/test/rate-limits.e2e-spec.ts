import type { ApiResponse } from '@dangjian/testing';
import { gateway, platform, tokenFor } from './support.js';

/*
 * Limits on what anyone may send without a login (issue 20, item 5; decision 0038), met on the test
 * platform with production's defaults: the gateway counts 600 requests a minute per address, the
 * embedded provider 300 form posts and token requests. Each test speaks from addresses of its own,
 * through X-Forwarded-For as from an ingress (the suites' own loopback is exempt on this platform).
 */
const byte = () => Math.floor(Math.random() * 250) + 1;
const hex = () => Math.floor(Math.random() * 0x10000).toString(16);
const v4 = () => `198.51.${byte()}.${byte()}`;
const v6 = () => `2001:db8:${hex()}:${hex()}:${hex()}::7`;

/** Sends requests in concurrent rounds until one is refused 429: how many went through before it. */
async function untilRefused(send: () => Promise<number>, most: number): Promise<number> {
  let passed = 0;
  while (passed < most) {
    const statuses = await Promise.all(Array.from({ length: 50 }, send));
    const refused = statuses.indexOf(429);
    if (refused >= 0) return passed + statuses.filter((s) => s !== 429).length;
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    passed += statuses.length;
  }
  return passed;
}

describe('limits on requests without a login', () => {
  it('lets one address make 600 requests a minute at the gateway, then answers 429 with Retry-After; another address goes on', async () => {
    const admin = await tokenFor('acme-admin');
    const from = v4();
    const passed = await untilRefused(
      async () =>
        (await gateway('GET', '/api/v1/console-config', { headers: { 'x-forwarded-for': from } })).status,
      2_000,
    );
    // 600 at once, and a few more for the tokens that came back while the rounds were sent.
    expect(passed).toBeGreaterThanOrEqual(600);
    expect(passed).toBeLessThan(700);
    // A token comes back every 100 ms: each check is made with the address drained again.
    const drain = () =>
      Promise.all(
        Array.from({ length: 30 }, () =>
          gateway('GET', '/api/v1/console-config', { headers: { 'x-forwarded-for': from } }),
        ),
      );
    // The check goes with a burst that drains the tokens come back meanwhile; a few tries, since
    // which request of a burst the gateway takes last is not fixed.
    const whenDrained = async (check: () => Promise<ApiResponse>) => {
      let response = await check();
      for (let attempt = 0; attempt < 5 && response.status !== 429; attempt++)
        response = (await Promise.all([drain(), check()]))[1];
      return response;
    };
    const refused = await whenDrained(() =>
      gateway('GET', '/api/v1/members', { tenant: 'acme-corp', headers: { 'x-forwarded-for': from } }),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // A public page says it in Chinese.
    const page = await whenDrained(() =>
      gateway('GET', '/t/acme-corp/public/', { headers: { 'x-forwarded-for': from } }),
    );
    expect(page.status).toBe(429);
    expect(String(page.body)).toContain('访问过于频繁');
    // A token on a public route is counted all the same.
    const withToken = await whenDrained(() =>
      gateway('GET', '/api/v1/console-config', { token: admin, headers: { 'x-forwarded-for': from } }),
    );
    expect(withToken.status).toBe(429);
    // Someone logged in from the same address is not limited by it: a school's shared address.
    await drain();
    const member = await gateway('GET', '/api/v1/members?range=%5B0%2C0%5D', {
      token: admin,
      tenant: 'acme-corp',
      headers: { 'x-forwarded-for': from },
    });
    expect(member.status).toBe(200);
    expect(
      (await gateway('GET', '/api/v1/console-config', { headers: { 'x-forwarded-for': v4() } })).status,
    ).toBe(200);
  }, 120_000);

  it('lets one address send the embedded provider 300 token requests a minute, then answers 429', async () => {
    const from = v6();
    const token = () =>
      fetch(`${platform.issuer}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'x-forwarded-for': from },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: 'dangjian-cli',
          refresh_token: 'x',
        }),
      });
    const passed = await untilRefused(async () => (await token()).status, 1_000);
    expect(passed).toBeGreaterThanOrEqual(300);
    expect(passed).toBeLessThan(400);
    const refused = await token();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ error: 'too_many_requests' });
    // The log-in form from that address: a page in Chinese (sent with a burst that drains the tokens
    // come back meanwhile, a few tries, as at the gateway).
    const post = () =>
      fetch(`${platform.issuer}/login/any`, {
        method: 'POST',
        headers: { 'x-forwarded-for': from, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=a&password=b',
      });
    let form = await post();
    for (let attempt = 0; attempt < 5 && form.status !== 429; attempt++)
      form = (await Promise.all([Promise.all(Array.from({ length: 30 }, token)), post()]))[1];
    expect(form.status).toBe(429);
    expect(await form.text()).toContain('请求过于频繁');
    // Discovery and keys are read, not posted: not counted.
    const discovery = await fetch(`${platform.issuer}/.well-known/openid-configuration`, {
      headers: { 'x-forwarded-for': from },
    });
    expect(discovery.status).toBe(200);
    // Another address logs in.
    const other = await fetch(`${platform.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'x-forwarded-for': v6() },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'dangjian-cli',
        username: 'acme-admin',
        password: 'Passw0rd!',
      }),
    });
    expect(other.status).toBe(200);
  }, 120_000);
});

describe('the body each route takes', () => {
  const problemOf = async (response: Response) => ({
    status: response.status,
    type: response.headers.get('content-type')?.split(';')[0],
    body: (await response.json()) as { status: number; detail: string },
  });
  const post = (path: string, body: string | ReadableStream, headers: Record<string, string>) =>
    fetch(`${platform.gatewayUrl}${path}`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

  it('refuses JSON over 1 MB with 413 problem+json, whether its length is announced or not', async () => {
    const admin = await tokenFor('acme-admin');
    const headers = {
      authorization: `Bearer ${admin}`,
      'x-tenant': 'acme-corp',
      'content-type': 'application/json',
    };
    const big = JSON.stringify({ title: 'x'.repeat(1024 * 1024) });
    const announced = await problemOf(await post('/api/v1/meetings', big, headers));
    expect(announced).toMatchObject({ status: 413, type: 'application/problem+json', body: { status: 413 } });
    // Sent in chunks without a length: refused once past the limit.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(64 * 1024)));
        controller.close();
      },
    });
    const chunked = await problemOf(await post('/api/v1/meetings', chunks, headers));
    expect(chunked).toMatchObject({ status: 413, type: 'application/problem+json' });
  });

  it('takes a file only where the route takes one (415 elsewhere), and public forms up to 16 KB', async () => {
    const admin = await tokenFor('acme-admin');
    const file = await problemOf(
      await post('/api/v1/meetings', 'name,phone\n', {
        authorization: `Bearer ${admin}`,
        'x-tenant': 'acme-corp',
        'content-type': 'text/csv',
      }),
    );
    expect(file).toMatchObject({ status: 415, type: 'application/problem+json' });
    const form = await post('/t/acme-corp/public/appeals', `content=${'申'.repeat(6000)}`, {
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': v4(),
    });
    expect(form.status).toBe(413);
    const notification = await post(
      '/api/v1/payment-notifications/wechat-pay/00000000-0000-4000-8000-000000000001',
      JSON.stringify({ resource: 'x'.repeat(70 * 1024) }),
      { 'content-type': 'application/json', 'x-forwarded-for': v4() },
    );
    expect(notification.status).toBe(413);
  });
});
