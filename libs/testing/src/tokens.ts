import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';

/** Logs in with the CLI client's password grant, as scripts do. */
export async function passwordLogin(issuer: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'dangjian-cli', username, password }),
  });
  const body = (await response.json()) as { access_token?: string; error?: string };
  if (!response.ok || !body.access_token)
    throw new Error(`login ${username} failed: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export function decodeJwt(token: string): {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
} {
  const [header, payload] = token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part!, 'base64url').toString('utf8')));
  return { header, payload };
}

const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** Signs claims with a key the platform has never seen (a forged token), RS256. */
export function signWithForeignKey(payload: Record<string, unknown>, kid: string = randomUUID()): string {
  const header = { alg: 'RS256', typ: 'at+jwt', kid };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(attackerKey).toString('base64url');
  return `${input}.${signature}`;
}
