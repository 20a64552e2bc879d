import { decodeJwt, signWithForeignKey } from '@dangjian/testing';
import { gateway, platform, platformSigningKey, signJwt, tokenFor } from './support.js';

describe('authentication at the gateway', () => {
  let good: Record<string, unknown>;
  let key: Awaited<ReturnType<typeof platformSigningKey>>;

  beforeAll(async () => {
    good = decodeJwt(await tokenFor('operator')).payload;
    key = await platformSigningKey();
  });

  it('accepts a token from the identity provider', async () => {
    const response = await gateway('GET', '/api/v1/me', { token: await tokenFor('operator') });
    expect(response.status).toBe(200);
    expect(response.body.username).toBe('operator');
  });

  it('accepts a token re-signed with the platform key (control for the cases below)', async () => {
    const response = await gateway('GET', '/api/v1/me', { token: signJwt(good, key.key, key.kid) });
    expect(response.status).toBe(200);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['no token', () => undefined],
    ['a forged signature', () => signWithForeignKey(good, key.kid)],
    [
      'another issuer',
      () => signJwt({ ...good, iss: 'http://evil.example/realms/dangjian' }, key.key, key.kid),
    ],
    ['an expired token', () => signJwt({ ...good, iat: now() - 600, exp: now() - 300 }, key.key, key.kid)],
    ['a wrong typ (ID token)', () => signJwt({ ...good, typ: 'ID' }, key.key, key.kid)],
    ['garbage', () => 'not.a.jwt'],
  ])('refuses %s with 401 problem+json', async (_name, make) => {
    const token = make();
    const response = await gateway('GET', '/api/v1/me', token ? { token } : {});
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('refuses a wrong password at the provider', async () => {
    const response = await fetch(`${platform.issuer}/protocol/openid-connect/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'dangjian-cli',
        username: 'operator',
        password: 'wrong-password',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers a stale or unknown log-in link with a page back to the console, never a 500', async () => {
    for (const method of ['GET', 'POST']) {
      const response = await fetch(`${platform.issuer}/login/no-such-interaction`, {
        method,
        ...(method === 'POST' ? { body: new URLSearchParams({ username: 'operator', password: 'x' }) } : {}),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('此登录页面已过期');
      expect(page).toMatch(/<a href="http[^"]+">返回控制台重新登录<\/a>/);
    }
  });

  it('issues Keycloak-shaped access tokens', async () => {
    const { header, payload } = decodeJwt(await tokenFor('acme-admin'));
    expect(header['alg']).toBe('RS256');
    expect(payload).toMatchObject({
      typ: 'Bearer',
      iss: platform.issuer,
      preferred_username: 'acme-admin',
      organization: ['acme-corp'],
      realm_access: { roles: [] },
    });
    expect(decodeJwt(await tokenFor('operator')).payload['realm_access']).toEqual({
      roles: ['platform-operator'],
    });
  });

  it('serves discovery and certs at Keycloak URLs', async () => {
    const discovery = (await (await fetch(`${platform.issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      token_endpoint: string;
      jwks_uri: string;
    };
    expect(discovery.issuer).toBe(platform.issuer);
    expect(discovery.token_endpoint).toBe(`${platform.issuer}/protocol/openid-connect/token`);
    expect(discovery.jwks_uri).toBe(`${platform.issuer}/protocol/openid-connect/certs`);
    const certs = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Record<string, unknown>[] };
    expect(certs.keys[0]).toMatchObject({ kty: 'RSA', kid: key.kid });
    expect(certs.keys[0]!['d']).toBeUndefined();
  });
});
