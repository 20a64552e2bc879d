import {
  groupedCode,
  hashSecret,
  newReceiptCode,
  newSecret,
  readReceiptCode,
  secretMatches,
} from './receipt.js';

describe('receipt codes and secrets', () => {
  it('makes 16-digit codes that a person can type back with spaces', () => {
    const code = newReceiptCode();
    expect(code).toMatch(/^\d{16}$/);
    expect(readReceiptCode(groupedCode(code))).toBe(code);
    expect(readReceiptCode('1234-5678-9012-3456')).toBe('1234567890123456');
    expect(readReceiptCode('12345')).toBeUndefined();
    expect(new Set(Array.from({ length: 200 }, newReceiptCode)).size).toBe(200);
  });

  it('keeps only a salted slow hash of the secret, which the secret (typed loosely) matches', async () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    const stored = await hashSecret(secret);
    expect(stored).not.toContain(secret.replaceAll('-', ''));
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await hashSecret(secret)).not.toBe(stored); // salted
    expect(await secretMatches(secret.toLowerCase().replaceAll('-', ' '), stored)).toBe(true);
    expect(await secretMatches(newSecret(), stored)).toBe(false);
    expect(await secretMatches(secret, 'plain')).toBe(false);
  });
});
