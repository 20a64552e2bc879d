import { api, invitePerson, passwordLogin, testPlatform, type NewPerson } from '@dangjian/testing';
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import pg from 'pg';

export const platform = testPlatform();
export const DEMO_PASSWORD = 'Passw0rd!';

const tokens = new Map<string, Promise<string>>();
/** A token per demo user, fetched once per test file. */
export function tokenFor(username: string, password = DEMO_PASSWORD): Promise<string> {
  if (!tokens.has(username)) tokens.set(username, passwordLogin(platform.issuer, username, password));
  return tokens.get(username)!;
}

export const gateway = (method: string, path: string, options: Parameters<typeof api>[3] = {}) =>
  api(platform.gatewayUrl, method, path, options);

/** A person a tenant's admin invited and who activated the code (decision 0016): their user id. */
export const invite = (token: string, tenant: string, person: NewPerson) =>
  invitePerson(platform.gatewayUrl, { token, tenant }, person);

/** The embedded provider's real signing key, to mint tokens that differ from good ones in one claim only. */
export async function platformSigningKey(): Promise<{ key: KeyObject; kid: string }> {
  const client = new pg.Client({ connectionString: platform.databases['identity']!.admin });
  await client.connect();
  try {
    const { rows } = await client.query<{ kid: string; jwk: object }>(
      'select kid, jwk from signing_keys order by created_at limit 1',
    );
    return { kid: rows[0]!.kid, key: createPrivateKey({ key: rows[0]!.jwk as never, format: 'jwk' }) };
  } finally {
    await client.end();
  }
}

export function signJwt(payload: Record<string, unknown>, key: KeyObject, kid: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', typ: 'at+jwt', kid })}.${encode(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

let counter = 0;
/** A slug no other test uses. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

/**
 * A tenant of the test's own, with its admin and a root committee: for suites whose work is
 * tenant-wide (the self-withdrawal check, the dues month run), so other suites' half-done states in a
 * shared tenant are never caught in between.
 */
export async function freshTenant(
  prefix: string,
  modules: string[] = ['organisation'],
): Promise<{
  slug: string;
  /** The tenant admin's token, for calls `api` cannot make (a file body, other headers). */
  token: string;
  api: (method: string, path: string, body?: unknown) => ReturnType<typeof gateway>;
  root: { id: string };
}> {
  const operator = await tokenFor('operator');
  const slug = uniqueSlug(prefix);
  const created = await gateway('POST', '/api/v1/tenants', {
    token: operator,
    body: { slug, name: `测试租户 ${slug}`, type: 'enterprise', modules },
  });
  if (created.status !== 201) throw new Error(`tenant ${slug}: ${created.status}`);
  const username = uniqueSlug(`${prefix}-admin`);
  await invite(operator, slug, {
    username,
    displayName: '测试管理员',
    password: 'Secret-123',
    roles: ['tenant-admin'],
  });
  const token = await passwordLogin(platform.issuer, username, 'Secret-123');
  const api = (method: string, path: string, body?: unknown) =>
    gateway(method, path, { token, tenant: slug, ...(body !== undefined ? { body } : {}) });
  const root = (
    await api('POST', '/api/v1/organisations', {
      name: '测试党委',
      code: uniqueSlug('ROOT'),
      kind: 'committee',
    })
  ).body as { id: string };
  return { slug, token, api, root };
}

/** Polls until the probe finds something (an event crossing the bus), or fails after 10 s. */
export const until = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
  for (let i = 0; i < 100; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

type Api = Awaited<ReturnType<typeof freshTenant>>['api'];
export type Call = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => ReturnType<typeof gateway>;

/** Someone a tenant's admin invited with these roles, logged in: their user id, token and calls. */
export async function person(api: Api, slug: string, roles: string[], scope: string[] = []) {
  const username = uniqueSlug('ln');
  const invited = await api('POST', '/api/v1/invitations', {
    displayName: username,
    roles,
    organisationScope: scope,
  });
  expect(invited.status).toBe(201);
  const activated = await gateway('POST', '/api/v1/invitations/activate', {
    body: { code: invited.body.code, username, password: 'Secret-123' },
  });
  expect(activated.status).toBe(201);
  const token = await passwordLogin(platform.issuer, username, 'Secret-123');
  const call: Call = (method, path, body, headers) =>
    gateway(method, path, {
      token,
      tenant: slug,
      ...(body !== undefined ? { body } : {}),
      ...(headers ? { headers } : {}),
    });
  return { userId: activated.body.userId as string, token, call };
}

/**
 * A full member with a login, placed in a branch (the member record names the login): their user id,
 * token and calls. `idCardNumber` is the caller's, so each suite keeps its numbers apart.
 */
export async function placedMember(
  tenant: { api: Api; slug: string },
  branch: { id: string },
  name: string,
  idCardNumber: string,
) {
  const login = await person(tenant.api, tenant.slug, ['member']);
  const created = await tenant.api('POST', '/api/v1/members', {
    organisationId: branch.id,
    name,
    idCardNumber,
    occupation: 'salaried',
    developmentStage: 'full',
    confirmedOn: '2015-07-01',
    userId: login.userId,
  });
  expect(created.status).toBe(201);
  return login;
}

/**
 * An exam of one true/false question in a bank of its own, a fixed paper passed at 60 and open for the
 * next hour (`extra` adds fields, e.g. training hours): the exam and its question.
 */
export async function oneQuestionExam(
  api: Api,
  name: string,
  extra: object = {},
): Promise<{ exam: { id: string } & Record<string, unknown>; question: { id: string } }> {
  const bank = (await api('POST', '/api/v1/question-banks', { name: `${name}题库` })).body;
  const question = (
    await api('POST', `/api/v1/question-banks/${bank.id}/questions`, {
      category: '党章',
      kind: 'true_false',
      stem: `${name}：预备党员的预备期为一年。`,
      answer: ['true'],
      points: 100,
    })
  ).body;
  const now = Date.now();
  const created = await api('POST', '/api/v1/exams', {
    name,
    bankId: bank.id,
    paperKind: 'fixed',
    questionIds: [question.id],
    timeLimitMinutes: 30,
    passingScore: 60,
    maxAttempts: 3,
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 3_600_000).toISOString(),
    ...extra,
  });
  expect(created.status).toBe(201);
  return { exam: created.body, question };
}

/** The person sits the exam, answers its one question right and hands in: the attempt as handed in. */
export async function passExam(call: Call, examId: string, questionId: string) {
  const attempt = (await call('POST', `/api/v1/me/exams/${examId}/attempts`)).body;
  await call('PUT', `/api/v1/me/exam-attempts/${attempt.id}/answers`, { questionId, response: ['true'] });
  return (await call('POST', `/api/v1/me/exam-attempts/${attempt.id}/submission`)).body;
}

/** The test platform's heartbeat limit (LEARNING_HEARTBEAT_MAX_GAP_SECONDS in tools/test/global-setup.mjs). */
export const HEARTBEAT_MAX_GAP_SECONDS = 5;

/**
 * A beat that follows an earlier beat of its session by about a second, so the server credits the time
 * between them. A loaded machine can stall a test past the server's limit, when no credit is the right
 * answer: then the pair is tried again (at most 5 times) rather than the test asserting on a stall.
 */
export async function creditedBeat(
  beat: () => ReturnType<typeof gateway>,
): Promise<Awaited<ReturnType<typeof gateway>>> {
  for (let attempt = 1; ; attempt++) {
    const before = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const answer = await beat();
    const seconds = (Date.now() - before) / 1000;
    if (seconds < HEARTBEAT_MAX_GAP_SECONDS - 1 || attempt === 5) return answer;
    await beat();
  }
}
