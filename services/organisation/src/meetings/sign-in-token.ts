import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** How long a QR sign-in token is accepted: the console shows a fresh one every minute. */
export const SIGN_IN_TOKEN_SECONDS = 120;

/**
 * Short-lived sign-in tokens for one meeting, shown as a QR code at the meeting. Stateless: the
 * token is its expiry plus an HMAC over meeting and expiry, under a key derived from the service's
 * master key, so a photo of the code stops working within two minutes and never opens another meeting.
 */
export class SignInTokens {
  private readonly key: Buffer;

  constructor(masterKey: Buffer) {
    this.key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'dangjian meeting sign-in', 32));
  }

  issue(meetingId: string, now: Date): { token: string; expiresAt: Date } {
    const expires = Math.floor(now.getTime() / 1000) + SIGN_IN_TOKEN_SECONDS;
    return { token: `${expires}.${this.mac(meetingId, expires)}`, expiresAt: new Date(expires * 1000) };
  }

  verify(meetingId: string, token: string, now: Date): 'valid' | 'expired' | 'invalid' {
    const match = /^(\d{10})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match) return 'invalid';
    const expires = Number(match[1]);
    const expected = Buffer.from(this.mac(meetingId, expires));
    if (!timingSafeEqual(expected, Buffer.from(match[2]!))) return 'invalid';
    return now.getTime() / 1000 <= expires ? 'valid' : 'expired';
  }

  private mac(meetingId: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${meetingId}.${expires}`).digest('base64url').slice(0, 22);
  }
}
