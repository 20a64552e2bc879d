import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { logger, type ConfigOf } from '@dangjian/kit';
import type { AccessToken, Client, ClientCredentials, KoaContextWithOIDC } from 'oidc-provider';
import type { AccessUseCases } from '../access/access.use-cases.js';
import type { identityConfigSpec } from '../config.js';
import type { IdentityDatabase } from '../db/identity-database.js';
import { verifyPassword } from '../people/password-hash.js';
import { renderLoginPage } from './login-page.js';
import { loadSigningKeys } from './signing-keys.js';

/** The audience (resource indicator) of access tokens for the platform's API. */
export const API_RESOURCE = 'urn:dangjian:api';
const CONSOLE_CLIENT = 'dangjian-console';
const CLI_CLIENT = 'dangjian-cli';

interface OidcServerOptions {
  config: ConfigOf<typeof identityConfigSpec>;
  db: IdentityDatabase;
  access: AccessUseCases;
}

/**
 * An OpenID provider at Keycloak's URL layout (`/realms/<realm>/protocol/openid-connect/...`)
 * issuing Keycloak-shaped access tokens (JWT, RS256, `typ: Bearer`, `realm_access.roles`,
 * `organization`), so the gateway and console cannot tell it from Keycloak.
 */
export async function startOidcServer({ config, db, access }: OidcServerOptions): Promise<{ server: Server; issuer: string }> {
  const { default: Provider, errors } = await import('oidc-provider');
  const issuer = config.OIDC_ISSUER.replace(/\/$/, '');
  const realmPath = new URL(issuer).pathname; // /realms/dangjian
  const redirectUris = config.CONSOLE_REDIRECT_URIS.split(',').map((u) => u.trim()).filter(Boolean);
  const consoleOrigins = new Set(redirectUris.map((u) => new URL(u).origin));

  async function authenticate(username: string, password: string): Promise<string | undefined> {
    const person = await db.database.platform((tx) => tx.person.findUnique({ where: { username } }));
    if (!person || !(await verifyPassword(password, person.passwordHash))) return undefined;
    return person.id;
  }

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CONSOLE_CLIENT,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
      },
      { client_id: CLI_CLIENT, token_endpoint_auth_method: 'none', grant_types: ['password', 'refresh_token'], response_types: [], redirect_uris: [] },
    ],
    jwks: { keys: (await loadSigningKeys(db)) as never },
    cookies: { keys: config.OIDC_COOKIE_KEYS?.split(',') ?? [randomBytes(32).toString('hex')] },
    routes: {
      authorization: '/protocol/openid-connect/auth',
      token: '/protocol/openid-connect/token',
      jwks: '/protocol/openid-connect/certs',
      userinfo: '/protocol/openid-connect/userinfo',
      end_session: '/protocol/openid-connect/logout',
      introspection: '/protocol/openid-connect/token/introspect',
      revocation: '/protocol/openid-connect/revoke',
    },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return { scope: 'profile email', audience: 'account', accessTokenTTL: 300, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    ttl: { AccessToken: 300, RefreshToken: 8 * 3600, Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600, IdToken: 300, AuthorizationCode: 60 },
    clientBasedCORS: (_ctx: unknown, origin: string) => consoleOrigins.has(origin),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `${realmPath}/login/${interaction.uid}` },
    // The console is first-party: no consent screen, the grant is created on first use.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = (ctx.oidc.result?.['consent'] as { grantId?: string } | undefined)?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email offline_access');
      grant.addResourceScope(API_RESOURCE, 'profile email');
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx: unknown, client: Client) => client.grantTypeAllowed('refresh_token'),
    findAccount: async (_ctx: unknown, sub: string) => {
      const claims = await access.tokenClaims(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, preferred_username: claims.username, name: claims.name, email: claims.email }) };
    },
    extraTokenClaims: async (_ctx: unknown, token: AccessToken | ClientCredentials) => {
      if (token.kind !== 'AccessToken' || !('accountId' in token)) return undefined;
      const claims = await access.tokenClaims(token.accountId);
      return {
        typ: 'Bearer',
        azp: token.clientId,
        preferred_username: claims?.username,
        realm_access: { roles: claims?.realmRoles ?? [] },
        organization: claims?.organizations ?? [],
      };
    },
  } as never);
  provider.proxy = true;
  // Served under the realm path like Keycloak; the provider's routes are relative to it.
  provider.use(async (ctx: { mountPath?: string }, next: () => Promise<void>) => {
    ctx.mountPath = realmPath;
    await next();
  });

  // Keycloak's "direct access grants" for the CLI client: username + password at the token route.
  provider.registerGrantType(
    'password',
    async (ctx: KoaContextWithOIDC) => {
      const { username, password } = ctx.oidc.params as { username?: string; password?: string };
      if (!username || !password) throw new errors.InvalidRequest('username and password are required');
      const accountId = await authenticate(username, password);
      if (!accountId) throw new errors.InvalidGrant('invalid user credentials');
      const { AccessToken, Grant, ResourceServer } = ctx.oidc.provider;
      const client = ctx.oidc.client!;
      const grant = new Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope('openid profile email');
      grant.addResourceScope(API_RESOURCE, 'profile email');
      await grant.save();
      const accessToken = new AccessToken({ accountId, client, grantId: grant.jti, gty: 'password', scope: 'profile email' });
      accessToken.resourceServer = new ResourceServer(API_RESOURCE, {
        scope: 'profile email', audience: 'account', accessTokenTTL: 300, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } },
      });
      ctx.oidc.entity('AccessToken', accessToken);
      const value = await accessToken.save();
      ctx.body = { access_token: value, expires_in: accessToken.expiration, token_type: 'Bearer', scope: accessToken.scope };
    },
    ['username', 'password', 'scope'],
  );

  const callback = provider.callback();
  const loginPrefix = `${realmPath}/login/`;
  const server = createServer(async (req, res) => {
    try {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      if (path.startsWith(loginPrefix)) {
        await handleLogin(req, res);
        return;
      }
      if (path === realmPath || path.startsWith(`${realmPath}/`)) {
        req.url = req.url!.slice(realmPath.length) || '/';
        callback(req, res);
        return;
      }
      res.writeHead(404).end();
    } catch (error) {
      logger.error({ err: error }, 'oidc request failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  });

  async function handleLogin(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const lang = /^en/i.test(String(details.params['ui_locales'] ?? req.headers['accept-language'] ?? '')) && !/zh/i.test(String(details.params['ui_locales'] ?? '')) ? 'en' : 'zh-CN';
    const action = `${loginPrefix}${details.uid}`;
    if (details.prompt.name === 'consent') {
      // First-party clients only: consent is given by the platform, not asked of the person.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params['client_id']) });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant!.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant!.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderLoginPage({ action, lang }));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('username') ?? '';
    const accountId = await authenticate(username, form.get('password') ?? '');
    if (!accountId) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderLoginPage({ action, lang, error: 'failed', username }));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }

  await new Promise<void>((resolve) => server.listen(config.OIDC_PORT, '0.0.0.0', resolve));
  return { server, issuer };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('login form too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
