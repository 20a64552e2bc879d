import { randomBytes } from 'node:crypto';
import { SIGN_IN_TOKEN_SECONDS, SignInTokens } from './sign-in-token.js';

describe('QR sign-in tokens', () => {
  const tokens = new SignInTokens(randomBytes(32));
  const meeting = '7d1f3a56-9a0e-4c4e-9a57-2f5d1e8c0b11';
  const issuedAt = new Date('2026-11-23T01:00:00Z');
  const { token, expiresAt } = tokens.issue(meeting, issuedAt);

  it('is accepted until it expires, then refused as expired', () => {
    expect(expiresAt.getTime() - issuedAt.getTime()).toBe(SIGN_IN_TOKEN_SECONDS * 1000);
    expect(tokens.verify(meeting, token, new Date(issuedAt.getTime() + 60_000))).toBe('valid');
    expect(tokens.verify(meeting, token, expiresAt)).toBe('valid');
    expect(tokens.verify(meeting, token, new Date(expiresAt.getTime() + 1000))).toBe('expired');
  });
  it('opens only its own meeting, and a changed expiry or another key is invalid', () => {
    expect(tokens.verify('00000000-0000-4000-8000-000000000000', token, issuedAt)).toBe('invalid');
    const [expires, mac] = token.split('.');
    expect(tokens.verify(meeting, `${Number(expires) + 3600}.${mac}`, issuedAt)).toBe('invalid');
    expect(new SignInTokens(randomBytes(32)).verify(meeting, token, issuedAt)).toBe('invalid');
    expect(tokens.verify(meeting, 'not a token', issuedAt)).toBe('invalid');
  });
  it('is still accepted while the master key changes, signed under the old key (decision 0041)', () => {
    const oldKey = randomBytes(32);
    const shown = new SignInTokens(oldKey).issue(meeting, issuedAt).token;
    const newKey = randomBytes(32);
    expect(new SignInTokens(newKey).verify(meeting, shown, issuedAt)).toBe('invalid');
    expect(new SignInTokens([newKey, oldKey]).verify(meeting, shown, issuedAt)).toBe('valid');
    // New codes are signed under the new key only.
    const fresh = new SignInTokens([newKey, oldKey]).issue(meeting, issuedAt).token;
    expect(new SignInTokens(oldKey).verify(meeting, fresh, issuedAt)).toBe('invalid');
  });
});
