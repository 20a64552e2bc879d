import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { addressMatcher, clientAddress, logger, RateLimiter, type ConfigOf } from '@dangjian/kit';
import type { AccessToken, Client, ClientCredentials, KoaContextWithOIDC } from 'oidc-provider';
import type { AccessUseCases } from '../access/access.use-cases.js';
import type { identityConfigSpec } from '../config.js';
import type { IdentityDatabase } from '../db/identity-database.js';
import { hashPassword, verifyPassword } from '../people/password-hash.js';
import { LoginThrottle } from './login-throttle.js';
import { invitationUnknownText, renderInvitationPage, type InvitationPageState } from './invitation-page.js';
import type { InvitationsUseCases } from '../invitations/invitations.use-cases.js';
import { create } from '@bufbuild/protobuf';
import { ActivateInvitationRequestSchema } from '@dangjian/contracts';
import { DomainError, NotFoundError, RuleViolatedError, ValidationError } from '@dangjian/kit';
import { renderLoginExpiredPage, renderLoginPage } from './login-page.js';
import { loadSigningKeys } from './signing-keys.js';

/** The audience (resource indicator) of access tokens for the platform's API. */
export const API_RESOURCE = 'urn:dangjian:api';
const CONSOLE_CLIENT = 'dangjian-console';
const CLI_CLIENT = 'dangjian-cli';
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

interface OidcServerOptions {
  config: ConfigOf<typeof identityConfigSpec>;
  db: IdentityDatabase;
  access: AccessUseCases;
  invitations: InvitationsUseCases;
}

/**
 * An OpenID provider at Keycloak's URL layout (`/realms/<realm>/protocol/openid-connect/...`)
 * issuing Keycloak-shaped access tokens (JWT, RS256, `typ: Bearer`, `realm_access.roles`,
 * `organization`), so the gateway and console cannot tell it from Keycloak.
 */
export async function startOidcServer({
  config,
  db,
  access,
  invitations,
}: OidcServerOptions): Promise<{ server: Server; issuer: string }> {
  const { default: Provider, errors } = await import('oidc-provider');
  const issuer = config.OIDC_ISSUER.replace(/\/$/, '');
  const realmPath = new URL(issuer).pathname; // /realms/dangjian
  const redirectUris = config.CONSOLE_REDIRECT_URIS.split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const consoleOrigins = new Set(redirectUris.map((u) => new URL(u).origin));

  const throttle = new LoginThrottle(db);
  // Every form post and token request counts against its address (issue 20, item 5): the throttle
  // above slows guessing a password; this keeps one address from taking the provider's time at all.
  const posts = new RateLimiter(config.OIDC_POSTS_PER_MINUTE, config.OIDC_POSTS_PER_MINUTE);
  const exempt = addressMatcher(config.RATE_LIMIT_EXEMPT);
  const addressOfRequest = (req: IncomingMessage) =>
    clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);
  // Checked when the username is unknown, so that an unknown username takes as long as a wrong password.
  const decoyHash = await hashPassword(randomBytes(16).toString('hex'));

  /** The person's id; `undefined` for wrong credentials; a wait in seconds while throttled. */
  async function authenticate(
    req: IncomingMessage,
    username: string,
    password: string,
  ): Promise<string | undefined | { wait: number }> {
    const address = addressOfRequest(req);
    const wait = await throttle.secondsToWait(username, address);
    if (wait > 0) return { wait };
    const person = await db.database.platform((tx) => tx.person.findUnique({ where: { username } }));
    const valid = await verifyPassword(password, person?.passwordHash ?? decoyHash);
    if (!person || !valid) {
      await throttle.failed(username, address);
      return undefined;
    }
    await throttle.succeeded(username, address);
    return person.id;
  }

  const signingKeys = await loadSigningKeys(db);
  const verifyAccessToken = accessTokenVerifier(issuer, signingKeys);

  /** The person as the provider's claims (the scope filters them: profile, email). */
  async function findAccount(sub: string) {
    const claims = await access.tokenClaims(sub);
    if (!claims) return undefined;
    return {
      accountId: sub,
      claims: async () => ({
        sub,
        preferred_username: claims.username,
        name: claims.name,
        email: claims.email,
      }),
    };
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
      {
        client_id: CLI_CLIENT,
        token_endpoint_auth_method: 'none',
        grant_types: ['password', 'refresh_token'],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: signingKeys as never },
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
    // The code flow only: no implicit or hybrid response types are offered (Keycloak's default for new clients).
    responseTypes: ['code'],
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
          return {
            scope: 'profile email',
            audience: 'account',
            accessTokenTTL: 300,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    ttl: {
      AccessToken: 300,
      RefreshToken: 8 * 3600,
      Session: 8 * 3600,
      Interaction: 600,
      Grant: 8 * 3600,
      IdToken: 300,
      AuthorizationCode: 60,
    },
    clientBasedCORS: (_ctx: unknown, origin: string) => consoleOrigins.has(origin),
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `${realmPath}/login/${interaction.uid}`,
    },
    // The console is first-party: no consent screen, the grant is created on first use.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const clientId = ctx.oidc.client!.clientId;
      const grantId =
        (ctx.oidc.result?.['consent'] as { grantId?: string } | undefined)?.grantId ??
        ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email offline_access');
      grant.addResourceScope(API_RESOURCE, 'profile email');
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx: unknown, client: Client) => client.grantTypeAllowed('refresh_token'),
    findAccount: (_ctx: unknown, sub: string) => findAccount(sub),
    extraTokenClaims: async (_ctx: unknown, token: AccessToken | ClientCredentials) => {
      if (token.kind !== 'AccessToken' || !('accountId' in token)) return undefined;
      const claims = await access.tokenClaims(token.accountId);
      return {
        typ: 'Bearer',
        azp: token.clientId,
        preferred_username: claims?.username,
        // Keycloak's profile scope puts the full name in the access token too: records name who acted.
        name: claims?.name,
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
      const accountId = await authenticate(ctx.req, username, password);
      if (typeof accountId === 'object') {
        ctx.status = 429;
        ctx.set('Retry-After', String(accountId.wait));
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          error: 'too_many_attempts',
          error_description: `too many failed log-ins; try again in ${accountId.wait} s`,
        };
        return;
      }
      if (!accountId) throw new errors.InvalidGrant('invalid user credentials');
      const { AccessToken, Grant, IdToken, RefreshToken, ResourceServer } = ctx.oidc.provider;
      const client = ctx.oidc.client!;
      // As Keycloak's direct grant: the OpenID scopes asked for (openid, profile, email, offline_access),
      // an ID token when openid is among them, a refresh token where the client may refresh.
      const asked = String(ctx.oidc.params?.['scope'] ?? 'openid profile email').split(' ');
      const scope = OIDC_SCOPES.filter((s) => asked.includes(s)).join(' ');
      const grant = new Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope(scope);
      grant.addResourceScope(API_RESOURCE, 'profile email');
      const grantId = await grant.save();
      const accessToken = new AccessToken({
        accountId,
        client,
        grantId,
        gty: 'password',
        scope: 'profile email',
      });
      accessToken.resourceServer = new ResourceServer(API_RESOURCE, {
        scope: 'profile email',
        audience: 'account',
        accessTokenTTL: 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      });
      ctx.oidc.entity('AccessToken', accessToken);
      const value = await accessToken.save();
      const authTime = Math.floor(Date.now() / 1000);
      let refreshToken: string | undefined;
      if (client.grantTypeAllowed('refresh_token')) {
        const refresh = new RefreshToken({
          accountId,
          client,
          grantId,
          gty: 'password',
          scope,
          resource: API_RESOURCE,
          authTime,
          rotations: 0,
        } as never);
        refreshToken = await refresh.save();
      }
      let idToken: string | undefined;
      if (asked.includes('openid')) {
        const claims = (await (await findAccount(accountId))?.claims()) ?? { sub: accountId };
        const token = new IdToken({ ...claims, auth_time: authTime }, { ctx });
        // The claims the scopes allow (profile: name, preferred_username; email: email).
        (token as unknown as { scope: string }).scope = scope;
        idToken = await token.issue({ use: 'idtoken' });
      }
      ctx.body = {
        access_token: value,
        expires_in: accessToken.expiration,
        token_type: 'Bearer',
        scope,
        ...(idToken ? { id_token: idToken } : {}),
        ...(refreshToken ? { refresh_token: refreshToken, refresh_expires_in: 8 * 3600 } : {}),
      };
    },
    ['username', 'password', 'scope'],
  );

  const callback = provider.callback();
  const loginPrefix = `${realmPath}/login/`;
  // The login page: its own inline style only, no scripts, never in a frame; the form (and the
  // redirects after it) go only to the provider and the console.
  const PAGE_HEADERS = {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': [
      "default-src 'none'",
      "style-src 'unsafe-inline'",
      `form-action 'self' ${[...consoleOrigins].join(' ')}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
  };
  const server = createServer(async (req, res) => {
    // On every answer of the provider, its own and oidc-provider's.
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    try {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/health') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      if (req.method === 'POST') {
        const address = addressOfRequest(req);
        if (!exempt(address) && !posts.take(address)) {
          const wait = String(posts.retryAfter(address));
          // A person at the login or invitation form reads a page; a program, OAuth's JSON.
          if (path.startsWith(loginPrefix) || path === invitationPath) {
            res.writeHead(429, { ...PAGE_HEADERS, 'retry-after': wait });
            res.end(tooManyPage(wait));
          } else {
            res.writeHead(429, {
              'content-type': 'application/json',
              'cache-control': 'no-store',
              'retry-after': wait,
            });
            res.end(
              JSON.stringify({ error: 'too_many_requests', error_description: `try again in ${wait} s` }),
            );
          }
          return;
        }
      }
      if (path === userinfoPath && (await handleUserinfo(req, res))) return;
      if (path.startsWith(loginPrefix)) {
        await handleLogin(req, res);
        return;
      }
      if (path === invitationPath) {
        await handleInvitation(req, res);
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

  const invitationPath = `${realmPath}/invitation`;
  const userinfoPath = `${realmPath}/protocol/openid-connect/userinfo`;

  /**
   * Userinfo for the provider's own JWT access tokens, as Keycloak answers it (oidc-provider keeps
   * userinfo to tokens issued for it, and ours are issued for the API). False: not such a token, the
   * provider answers.
   */
  async function handleUserinfo(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const bearer = /^Bearer (\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!bearer || bearer.split('.').length !== 3) return false;
    const payload = verifyAccessToken(bearer);
    const account = payload ? await findAccount(String(payload['sub'])) : undefined;
    if (!payload || !account) {
      res
        .writeHead(401, {
          'www-authenticate': 'Bearer error="invalid_token", error_description="invalid token"',
          'cache-control': 'no-store',
        })
        .end();
      return true;
    }
    const scopes = new Set(['openid', ...String(payload['scope'] ?? '').split(' ')]);
    const claims = await account.claims();
    const allowed = { sub: claims.sub } as Record<string, unknown>;
    if (scopes.has('profile'))
      Object.assign(allowed, { name: claims.name, preferred_username: claims.preferred_username });
    if (scopes.has('email') && claims.email) allowed['email'] = claims.email;
    res
      .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(allowed));
    return true;
  }
  const pageLanguage = (req: IncomingMessage): 'zh-CN' | 'en' =>
    /^en/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'zh-CN';

  /** The page an invitation link opens: create a login with the code, or join with the login one has. */
  async function handleInvitation(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const lang = pageLanguage(req);
    const render = (state: InvitationPageState, status = 200) =>
      res.writeHead(status, PAGE_HEADERS).end(renderInvitationPage({ action: invitationPath, lang, state }));
    const preview = (code: string) => invitations.preview(code).catch(() => undefined);
    if (req.method === 'GET') {
      const code = new URL(req.url ?? '/', issuer).searchParams.get('code')?.slice(0, 40) ?? '';
      if (!code) return render({ kind: 'form', code: '' });
      const invitation = await preview(code);
      return render({
        kind: 'form',
        code,
        invitation,
        error: invitation ? undefined : invitationUnknownText(lang),
      });
    }
    if (req.method !== 'POST') return void res.writeHead(405, { allow: 'GET, POST' }).end();
    const form = new URLSearchParams(await readBody(req));
    const code = (form.get('code') ?? '').slice(0, 40);
    const username = (form.get('username') ?? '').slice(0, 64);
    const password = (form.get('password') ?? '').slice(0, 200);
    const invitation = await preview(code);
    if (!invitation) return render({ kind: 'form', code, error: invitationUnknownText(lang) }, 404);
    try {
      if (form.get('intent') === 'activate') {
        const displayName = (form.get('displayName') ?? '').slice(0, 100);
        const done = await invitations.activate(
          create(ActivateInvitationRequestSchema, { code, username, password, displayName }),
        );
        return render({ kind: 'done', tenantName: done.tenantName, consoleUrl: redirectUris[0] ?? '/' });
      }
      const accountId = await authenticate(req, username, password);
      if (typeof accountId === 'object')
        return render({ kind: 'form', code, invitation, error: throttledText(lang, accountId.wait) }, 429);
      if (!accountId)
        return render(
          {
            kind: 'form',
            code,
            invitation,
            error: lang === 'en' ? 'Wrong username or password' : '用户名或密码错误',
          },
          400,
        );
      const done = await invitations.acceptFor(accountId, code);
      return render({ kind: 'done', tenantName: done.tenantName, consoleUrl: redirectUris[0] ?? '/' });
    } catch (error) {
      const message = invitationErrorText(error, lang);
      if (!message) throw error;
      return render({ kind: 'form', code, invitation, error: message, username }, 400);
    }
  }

  async function handleLogin(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const details = await provider.interactionDetails(req, res).catch((error: unknown) => {
      // oidc-provider's own 4xx (no such interaction, its cookie missing or expired): the person's
      // link is stale, not the server broken.
      const status = (error as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) return undefined;
      throw error;
    });
    if (!details) {
      res
        .writeHead(400, PAGE_HEADERS)
        .end(renderLoginExpiredPage({ lang: pageLanguage(req), consoleUrl: redirectUris[0] ?? '/' }));
      return;
    }
    const lang =
      /^en/i.test(String(details.params['ui_locales'] ?? req.headers['accept-language'] ?? '')) &&
      !/zh/i.test(String(details.params['ui_locales'] ?? ''))
        ? 'en'
        : 'zh-CN';
    const action = `${loginPrefix}${details.uid}`;
    if (details.prompt.name === 'consent') {
      // First-party clients only: consent is given by the platform, not asked of the person.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({
            accountId: details.session!.accountId,
            clientId: String(details.params['client_id']),
          });
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
        grant!.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant!.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    if (req.method === 'GET') {
      res.writeHead(200, PAGE_HEADERS).end(renderLoginPage({ action, lang }));
      return;
    }
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('username') ?? '';
    const accountId = await authenticate(req, username, form.get('password') ?? '');
    if (typeof accountId === 'object') {
      res.writeHead(429, { ...PAGE_HEADERS, 'retry-after': String(accountId.wait) });
      res.end(renderLoginPage({ action, lang, error: 'throttled', waitSeconds: accountId.wait, username }));
      return;
    }
    if (!accountId) {
      res.writeHead(200, PAGE_HEADERS).end(renderLoginPage({ action, lang, error: 'failed', username }));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId } },
      { mergeWithLastSubmission: false },
    );
  }

  // Idle connections kept longer than an ingress or a client keeps them (Node's 5 s, Fastify's 72 s as the
  // gateway): otherwise the server may close one just as the other side sends on it — "other side
  // closed" for a log-in under load (CI, 2026-12), a 502 behind an ingress.
  server.keepAliveTimeout = 72_000;
  server.headersTimeout = 73_000;
  await new Promise<void>((resolve) => server.listen(config.OIDC_PORT, '0.0.0.0', resolve));
  return { server, issuer };
}

function throttledText(lang: 'zh-CN' | 'en', seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return lang === 'en'
    ? `Too many failed attempts: try again in ${minutes} min`
    : `登录失败次数过多，请 ${minutes} 分钟后再试`;
}

/** What the invitation page says when a step is refused; undefined for what it cannot explain. */
function invitationErrorText(error: unknown, lang: 'zh-CN' | 'en'): string | undefined {
  const en = lang === 'en';
  if (error instanceof NotFoundError) return invitationUnknownText(lang);
  if (error instanceof RuleViolatedError) {
    if (error.rule === 'self-grant')
      return en ? 'You cannot accept an invitation you sent yourself.' : '不能接受自己发出的邀请。';
    if (error.rule === 'demo-password')
      return en ? 'The demo password cannot be used.' : '不能使用演示密码。';
  }
  if (error instanceof ValidationError) {
    const fields = error.violations.map((v) => v.field);
    if (error.violations.some((v) => v.field === 'username' && v.code === 'taken'))
      return en ? 'This username is taken; choose another.' : '该用户名已被使用，请换一个。';
    if (fields.includes('username'))
      return en
        ? 'The username must be 3–64 lowercase letters, digits, dots, hyphens or underscores.'
        : '用户名须为 3–64 位小写字母、数字、点、连字符或下划线。';
    if (fields.includes('password'))
      return en ? 'The password must be at least 8 characters.' : '密码至少 8 位。';
    if (fields.includes('displayName')) return en ? 'Please give your name.' : '请填写姓名。';
  }
  if (error instanceof DomainError) return en ? 'This step was refused.' : '操作未能完成。';
  return undefined;
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

/**
 * Checks a JWT access token this provider signed: RS256 with one of its keys, its issuer, not expired.
 * Returns the payload, or undefined for anything else.
 */
function accessTokenVerifier(issuer: string, keys: Record<string, unknown>[]) {
  const publicKeys = new Map(
    keys.map((jwk) => [String(jwk['kid']), createPublicKey({ key: jwk as never, format: 'jwk' })]),
  );
  return (token: string): Record<string, unknown> | undefined => {
    try {
      const [header, body, signature] = token.split('.') as [string, string, string];
      const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string; kid?: string };
      const key = publicKeys.get(String(head.kid));
      if (head.alg !== 'RS256' || !key) return undefined;
      const valid = verify(
        'RSA-SHA256',
        Buffer.from(`${header}.${body}`),
        key,
        Buffer.from(signature, 'base64url'),
      );
      if (!valid) return undefined;
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
      if (payload['iss'] !== issuer || typeof payload['exp'] !== 'number') return undefined;
      return payload['exp'] > Date.now() / 1000 ? payload : undefined;
    } catch {
      return undefined;
    }
  };
}

/** The page a person meets when their address has sent too many forms (Chinese, as every page here). */
function tooManyPage(wait: string): string {
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>请求过于频繁</title></head>' +
    `<body><h1>请求过于频繁</h1><p>请 ${wait} 秒后再试。</p></body></html>`
  );
}
