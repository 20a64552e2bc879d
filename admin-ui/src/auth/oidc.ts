/**
 * Authorization code + PKCE (S256) against the identity provider, embedded or Keycloak: both serve
 * `<issuer>/protocol/openid-connect/{auth,token,logout}`.
 */
export interface ConsoleConfig {
  issuer: string;
  clientId: string;
}

interface Tokens {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresAt: number;
}

const TOKENS = 'dj.tokens';
const PENDING = 'dj.pkce';

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

export function redirectUri(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

/**
 * Sends the browser to the identity provider. `returnTo` is the console route to come back to (the
 * page a signed-out person opened, e.g. a meeting's sign-in link); by default the current one.
 */
export async function startLogin(config: ConsoleConfig, locale: string, returnTo?: string): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const back = returnTo?.startsWith('#/')
    ? returnTo
    : window.location.hash.startsWith('#/login')
      ? '#/'
      : window.location.hash;
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: back }));
  const url = new URL(`${config.issuer}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: 'openid profile email',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
    ui_locales: locale,
  }).toString();
  window.location.assign(url.toString());
}

/** On return from the provider: trade the code for tokens. True when a login was completed. */
export async function completeLoginIfReturning(config: ConsoleConfig): Promise<boolean> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  if (!code) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PENDING);
  window.history.replaceState(null, '', `${window.location.pathname}${pending?.returnTo ?? ''}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('login state mismatch');
  await tokenRequest(config, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    code_verifier: pending.verifier,
  });
  return true;
}

async function tokenRequest(config: ConsoleConfig, body: Record<string, string>): Promise<void> {
  const response = await fetch(`${config.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...body }),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status}`);
  const json = (await response.json()) as {
    access_token: string;
    refresh_token?: string;
    id_token?: string;
    expires_in: number;
  };
  const tokens: Tokens = {
    accessToken: json.access_token,
    ...(json.refresh_token ? { refreshToken: json.refresh_token } : {}),
    ...(json.id_token ? { idToken: json.id_token } : {}),
    expiresAt: Date.now() + json.expires_in * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
}

function storedTokens(): Tokens | null {
  return JSON.parse(sessionStorage.getItem(TOKENS) ?? 'null') as Tokens | null;
}

/** A valid access token, refreshed when it is about to expire; null when logged out. */
export async function accessToken(config: ConsoleConfig): Promise<string | null> {
  const tokens = storedTokens();
  if (!tokens) return null;
  if (tokens.expiresAt - Date.now() > 30_000) return tokens.accessToken;
  if (!tokens.refreshToken) return null;
  try {
    await tokenRequest(config, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken });
    return storedTokens()?.accessToken ?? null;
  } catch {
    sessionStorage.removeItem(TOKENS);
    return null;
  }
}

export function logoutUrl(config: ConsoleConfig): string {
  const idToken = storedTokens()?.idToken;
  sessionStorage.removeItem(TOKENS);
  const url = new URL(`${config.issuer}/protocol/openid-connect/logout`);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    post_logout_redirect_uri: redirectUri(),
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  return url.toString();
}
