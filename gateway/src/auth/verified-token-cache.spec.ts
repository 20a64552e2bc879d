import { UnauthenticatedError } from '@dangjian/kit';
import type { TokenVerifier, VerifiedToken } from './token-verifier.js';
import { CachingTokenVerifier, VERIFIED_TOKEN_TTL_MS } from './verified-token-cache.js';

const jwt = (payload: object) =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.signature`;

/** A verifier that accepts the tokens it is told to and counts its checks. */
class CountingVerifier implements TokenVerifier {
  checks = 0;
  readonly good = new Set<string>();
  async verify(token: string): Promise<VerifiedToken> {
    this.checks += 1;
    if (!this.good.has(token)) throw new UnauthenticatedError('refused');
    return { subject: token.slice(-12), username: 'u', displayName: '', realmRoles: [], organizations: [] };
  }
}

describe('the gateway remembers accepted tokens', () => {
  let clock = 1_000_000_000_000;
  const now = () => clock;
  const seconds = (s: number) => Math.floor(clock / 1000) + s;

  it('checks an accepted token once for a minute, then again', async () => {
    const inner = new CountingVerifier();
    const token = jwt({ sub: 'a', exp: seconds(300) });
    inner.good.add(token);
    const cache = new CachingTokenVerifier(inner, now);
    await cache.verify(token);
    await cache.verify(token);
    expect(inner.checks).toBe(1);
    clock += VERIFIED_TOKEN_TTL_MS + 1;
    await cache.verify(token);
    expect(inner.checks).toBe(2);
  });

  it('never past the token’s expiry, and not a token without one', async () => {
    const inner = new CountingVerifier();
    const soon = jwt({ sub: 'b', exp: seconds(5) });
    const endless = jwt({ sub: 'c' });
    inner.good.add(soon).add(endless);
    const cache = new CachingTokenVerifier(inner, now);
    await cache.verify(soon);
    await cache.verify(endless);
    await cache.verify(endless);
    expect(inner.checks).toBe(3);
    clock += 6_000;
    inner.good.delete(soon);
    await expect(cache.verify(soon)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('does not remember a refused token', async () => {
    const inner = new CountingVerifier();
    const cache = new CachingTokenVerifier(inner, now);
    const token = jwt({ sub: 'd', exp: seconds(300) });
    await expect(cache.verify(token)).rejects.toBeInstanceOf(UnauthenticatedError);
    inner.good.add(token);
    await expect(cache.verify(token)).resolves.toMatchObject({ username: 'u' });
    expect(inner.checks).toBe(2);
  });

  it('holds at most its limit, the oldest going first', async () => {
    const inner = new CountingVerifier();
    const cache = new CachingTokenVerifier(inner, now, 2);
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => jwt({ sub, exp: seconds(300) }));
    for (const t of [a!, b!, c!]) inner.good.add(t);
    for (const t of [a!, b!, c!]) await cache.verify(t);
    await cache.verify(c!);
    await cache.verify(b!);
    expect(inner.checks).toBe(3);
    await cache.verify(a!);
    expect(inner.checks).toBe(4);
  });
});
