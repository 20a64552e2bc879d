import { api, passwordLogin, testPlatform } from '@dangjian/testing';
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

/** The embedded provider's real signing key, to mint tokens that differ from good ones in one claim only. */
export async function platformSigningKey(): Promise<{ key: KeyObject; kid: string }> {
  const client = new pg.Client({ connectionString: platform.databases['identity']!.admin });
  await client.connect();
  try {
    const { rows } = await client.query<{ kid: string; jwk: object }>('select kid, jwk from signing_keys order by created_at limit 1');
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
