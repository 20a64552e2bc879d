import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  length: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/** 16 random digits (a person reads them out on the phone), shown in groups of four. */
export function newReceiptCode(): string {
  let code = '';
  for (let i = 0; i < 16; i++) code += String(randomInt(10));
  return code;
}

/** What a person typed as a code: spaces and dashes dropped; undefined unless 16 digits remain. */
export function readReceiptCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{16}$/.test(digits) ? digits : undefined;
}

export const groupedCode = (code: string) => code.replace(/(\d{4})(?=\d)/g, '$1 ');

/** Letters and digits that cannot be mistaken for each other (no I, L, O, U, 0, 1). */
const SECRET_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

/** A secret of 16 characters (≈ 78 bits) in four groups, shown to the reporter once. */
export function newSecret(): string {
  let secret = '';
  for (let i = 0; i < 16; i++) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return secret.replace(/(.{4})(?=.)/g, '$1-');
}

const normaliseSecret = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

// scrypt with 16 MiB of memory a guess: slow for a thief with the table, ~50 ms for the reporter.
const COST = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The secret's slow hash, with its salt and parameters, as stored. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(normaliseSecret(secret), salt, 32, COST);
  return `scrypt$${COST.N}$${COST.r}$${COST.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function secretMatches(typed: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(normaliseSecret(typed), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: COST.maxmem,
  });
  return timingSafeEqual(actual, expected);
}
