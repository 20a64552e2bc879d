import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** How long a QR sign-in token is accepted: the console shows a fresh one every minute. */
export const SIGN_IN_TOKEN_SECONDS = 120;

/**
 * Short-lived sign-in tokens for one meeting, shown as a QR code at the meeting. Stateless: the
 * token is its expiry plus an HMAC over meeting and expiry, under a key derived from the service's
 * master key, so a photo of the code stops working within two minutes and never opens another meeting.
 */
export class SignInTokens {
  /** The first signs; the others (from older master keys while it changes) are still accepted. */
  private readonly keys: Buffer[];

  constructor(masterKey: Buffer | Buffer[]) {
    this.keys = (Array.isArray(masterKey) ? masterKey : [masterKey]).map((key) =>
      Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'dangjian meeting sign-in', 32)),
    );
  }

  issue(meetingId: string, now: Date): { token: string; expiresAt: Date } {
    const expires = Math.floor(now.getTime() / 1000) + SIGN_IN_TOKEN_SECONDS;
    const mac = this.mac(this.keys[0]!, meetingId, expires);
    return { token: `${expires}.${mac}`, expiresAt: new Date(expires * 1000) };
  }

  verify(meetingId: string, token: string, now: Date): 'valid' | 'expired' | 'invalid' {
    const match = /^(\d{10})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match) return 'invalid';
    const expires = Number(match[1]);
    const given = Buffer.from(match[2]!);
    const signed = this.keys.some((key) =>
      timingSafeEqual(Buffer.from(this.mac(key, meetingId, expires)), given),
    );
    if (!signed) return 'invalid';
    return now.getTime() / 1000 <= expires ? 'valid' : 'expired';
  }

  private mac(key: Buffer, meetingId: string, expires: number): string {
    return createHmac('sha256', key).update(`${meetingId}.${expires}`).digest('base64url').slice(0, 22);
  }
}
