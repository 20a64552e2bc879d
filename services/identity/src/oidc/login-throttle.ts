import type { IdentityDatabase } from '../db/identity-database.js';

/*
 * Log-in throttling as identity providers do it (decision 0016; compare Keycloak's brute-force
 * detection and OWASP's authentication guidance): failures are counted per (username, address), per
 * username and per address; past a free allowance each further failure doubles a wait (from 5 s), capped
 * at a quarter of an hour. Counts are kept in Postgres so every replica sees them.
 * - Keys are what was typed, known account or not: a throttled answer reveals no account.
 * - While blocked, the password is not even checked.
 * - The username-wide and address-wide blocks spare an address the account logged in from before,
 *   so an attacker elsewhere cannot lock the real person out; at worst a new address waits 15 minutes.
 */
export const THROTTLE_RULES = {
  pair: { free: 5 },
  account: { free: 20 },
  address: { free: 30 },
  /** The wait at the first failure past the allowance, doubled at each further one. */
  firstWaitSeconds: 5,
  maxWaitSeconds: 15 * 60,
  /** Failures older than this are forgotten. */
  forgetAfterMs: 24 * 3600 * 1000,
  /** A successful log-in makes the address known to the account for this long. */
  knownForMs: 30 * 24 * 3600 * 1000,
} as const;

export class LoginThrottle {
  constructor(
    private readonly db: IdentityDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Seconds to wait before this username may be tried from this address (0: go ahead). */
  async secondsToWait(username: string, address: string): Promise<number> {
    const now = this.now();
    return this.db.database.platform(async (tx) => {
      const [rows, known] = await Promise.all([
        tx.loginFailure.findMany({ where: { key: { in: Object.values(keys(username, address)) } } }),
        this.isKnown(tx, username, address, now),
      ]);
      let wait = 0;
      for (const row of rows) {
        const spared = known && !row.key.startsWith('pair:');
        if (spared || !row.blockedUntil || row.blockedUntil <= now) continue;
        wait = Math.max(wait, Math.ceil((row.blockedUntil.getTime() - now.getTime()) / 1000));
      }
      return wait;
    });
  }

  async failed(username: string, address: string): Promise<void> {
    const now = this.now();
    const forgetBefore = new Date(now.getTime() - THROTTLE_RULES.forgetAfterMs);
    const k = keys(username, address);
    const frees: [string, number][] = [
      [k.pair, THROTTLE_RULES.pair.free],
      [k.account, THROTTLE_RULES.account.free],
      [k.address, THROTTLE_RULES.address.free],
    ];
    await this.db.database.platform(async (tx) => {
      for (const [key, free] of frees) {
        // One statement per key: concurrent failures count each, none is lost.
        await tx.$executeRaw`
          insert into login_failures (key, failures, last_failure_at, blocked_until)
          values (${key}, 1, ${now}, case when 1 >= ${free}::int then ${now}::timestamptz + make_interval(secs => ${THROTTLE_RULES.firstWaitSeconds}::int) end)
          on conflict (key) do update set
            failures = case when login_failures.last_failure_at < ${forgetBefore} then 1 else login_failures.failures + 1 end,
            last_failure_at = ${now},
            blocked_until = case
              when (case when login_failures.last_failure_at < ${forgetBefore} then 1 else login_failures.failures + 1 end) >= ${free}::int
              then ${now}::timestamptz + make_interval(secs => least(
                ${THROTTLE_RULES.firstWaitSeconds}::int * power(2, (case when login_failures.last_failure_at < ${forgetBefore} then 1 else login_failures.failures + 1 end) - ${free}::int),
                ${THROTTLE_RULES.maxWaitSeconds}::int))
            end`;
      }
    });
  }

  async succeeded(username: string, address: string): Promise<void> {
    const now = this.now();
    const k = keys(username, address);
    await this.db.database.platform(async (tx) => {
      await tx.loginFailure.deleteMany({ where: { key: { in: [k.pair, k.account] } } });
      await tx.loginKnownAddress.upsert({
        where: { username_address: { username, address } },
        create: { username, address, lastSuccessAt: now },
        update: { lastSuccessAt: now },
      });
    });
  }

  private async isKnown(
    tx: Parameters<Parameters<IdentityDatabase['database']['platform']>[0]>[0],
    username: string,
    address: string,
    now: Date,
  ) {
    const row = await tx.loginKnownAddress.findUnique({ where: { username_address: { username, address } } });
    return row !== null && now.getTime() - row.lastSuccessAt.getTime() < THROTTLE_RULES.knownForMs;
  }
}

function keys(username: string, address: string) {
  return {
    pair: `pair:${username}|${address}`,
    account: `account:${username}`,
    address: `address:${address}`,
  };
}
