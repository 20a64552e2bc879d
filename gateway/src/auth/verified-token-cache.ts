import { TtlCache } from './access-cache.js';
import type { TokenVerifier, VerifiedToken } from './token-verifier.js';

/** How long a checked token is believed without checking it again (a signing key's removal waits this long). */
export const VERIFIED_TOKEN_TTL_MS = 60_000;
/** Tokens remembered at most (the oldest goes first): a few MB at ~1 KB a token. */
export const VERIFIED_TOKENS_MAX = 5_000;

/**
 * Remembers the tokens the verifier accepted, until the earlier of their expiry and a minute, so a
 * person's every request does not repeat the RSA check and the JWK → PEM conversion (issue 20, item 6:
 * ~11 % of the gateway's CPU under the bench). A refused token is never remembered; the check is
 * offline either way (no revocation is asked of the provider), so nothing is accepted that the verifier
 * would refuse within that minute, except after its signing key is removed.
 */
export class CachingTokenVerifier implements TokenVerifier {
  private readonly accepted: TtlCache<VerifiedToken>;

  constructor(
    private readonly verifier: TokenVerifier,
    now: () => number = Date.now,
    max = VERIFIED_TOKENS_MAX,
  ) {
    this.accepted = new TtlCache(VERIFIED_TOKEN_TTL_MS, max, now);
  }

  verify(bearerToken: string): Promise<VerifiedToken> {
    // No `exp`: checked every time (`until` 0 keeps nothing). Read only when the token is checked.
    return this.accepted.getOrLoad(bearerToken, { until: () => expiryOf(bearerToken) ?? 0 }, () =>
      this.verifier.verify(bearerToken),
    );
  }
}

/** The `exp` of a JWT in ms (read before the check, kept only if the check accepts the token). */
function expiryOf(jwt: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
