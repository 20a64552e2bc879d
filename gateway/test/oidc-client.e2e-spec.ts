// The embedded provider through a certified OpenID Connect client library (openid-client 6), as any
// client would use Keycloak. Runs against the test platform's provider; set OIDC_TEST_ISSUER (and
// OIDC_TEST_USERNAME, OIDC_TEST_PASSWORD, OIDC_TEST_REDIRECT_URI) to run the same test against a
// Keycloak realm imported from charts/dangjian-infra.
import * as client from 'openid-client';
import { DEMO_PASSWORD, platform } from './support.js';

const issuer = process.env.OIDC_TEST_ISSUER ?? platform.issuer;
const username = process.env.OIDC_TEST_USERNAME ?? 'acme-admin';
const password = process.env.OIDC_TEST_PASSWORD ?? DEMO_PASSWORD;
const redirectUri = process.env.OIDC_TEST_REDIRECT_URI ?? `${platform.gatewayUrl}/console/`;
const insecure = issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {};

const discover = (clientId: string) =>
  client.discovery(new URL(issuer), clientId, undefined, client.None(), insecure);

describe('the provider, to a certified OpenID client', () => {
  it('is discovered, and offers the code flow, not the implicit one', async () => {
    const config = await discover('dangjian-cli');
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.grant_types_supported).not.toContain('implicit');
    expect(metadata.code_challenge_methods_supported).toContain('S256');
  });

  it('answers the password grant with a valid ID token and a refresh token; userinfo and refresh work', async () => {
    const config = await discover('dangjian-cli');
    const tokens = await client.genericGrantRequest(config, 'password', {
      username,
      password,
      scope: 'openid profile email offline_access',
    });
    // The library has checked the ID token: signature, issuer, audience, expiry.
    const claims = tokens.claims()!;
    expect(claims.aud).toBe('dangjian-cli');
    expect(claims['preferred_username']).toBe(username);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.scope?.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));

    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ sub: claims.sub, preferred_username: username });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(claims.sub);
    // The refreshed access token is still one the gateway accepts.
    const me = await fetch(`${platform.gatewayUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${refreshed.access_token}` },
    });
    expect(me.status).toBe(200);
  });

  it('refuses userinfo for a token it did not sign', async () => {
    const config = await discover('dangjian-cli');
    const tokens = await client.genericGrantRequest(config, 'password', {
      username,
      password,
      scope: 'openid',
    });
    const [header, body] = tokens.access_token.split('.');
    const forged = `${header}.${body}.${Buffer.alloc(256, 1).toString('base64url')}`;
    await expect(client.fetchUserInfo(config, forged, client.skipSubjectCheck)).rejects.toThrow();
  });

  it('signs the console in by the code flow with PKCE', async () => {
    const config = await discover('dangjian-console');
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    const browser = new Map<string, string>();
    const callback = await signInByBrowser(url, browser);
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
    });
    expect(tokens.claims()?.['preferred_username']).toBe(username);
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);

    // Logging out (RP-initiated, the ID token as hint) ends the session: the browser is back at the
    // console, and the session's refresh token no longer works.
    const loggedOut = await signInByBrowser(
      client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token!,
        post_logout_redirect_uri: redirectUri,
      }),
      browser,
    );
    expect(loggedOut.origin + loggedOut.pathname).toBe(redirectUri);
    await expect(
      client.refreshTokenGrant(config, refreshed.refresh_token ?? tokens.refresh_token!),
    ).rejects.toThrow();
    // Without the verifier the same kind of code is refused.
    const again = await signInByBrowser(
      client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      }),
    );
    await expect(
      client.authorizationCodeGrant(config, again, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: state,
      }),
    ).rejects.toThrow();
  });
});

/**
 * What a browser does: follow redirects with its cookies (kept in `cookies`), fill the login form or
 * confirm a logout, stop at the redirect URI.
 */
async function signInByBrowser(start: URL, cookies = new Map<string, string>()): Promise<URL> {
  let url = start;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as object), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    init = {};
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url);
      if (url.href.startsWith(redirectUri)) return url;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/i.exec(page)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !(/name="password"/.test(page) || xsrf))
      throw new Error(`no login or logout form at ${url}: ${response.status}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(xsrf ? { xsrf, logout: 'yes' } : { username, password }).toString(),
    };
  }
  throw new Error('the sign-in did not come back to the redirect URI');
}
