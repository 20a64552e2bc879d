import { isCalendarDate } from '../time/china-date.js';

/*
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit
 * birth date, 3-digit sequence (odd: male, even: female), check character by ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCardCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i]!, 0);
  return CHECK[sum % 11]!;
}

/** Normalises (trim, upper-case x) and names what is wrong (a field problem code), or undefined when valid. */
export function idCardProblem(
  raw: string,
): 'id_card_format' | 'id_card_address' | 'id_card_birth_date' | 'id_card_check_character' | undefined {
  const value = normaliseIdCard(raw);
  if (!/^\d{17}[\dX]$/.test(value)) return 'id_card_format';
  if (value[0] === '0') return 'id_card_address';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birth) || birth < '1900-01-01') return 'id_card_birth_date';
  if (idCardCheckCharacter(value.slice(0, 17)) !== value[17]) return 'id_card_check_character';
  return undefined;
}

export function normaliseIdCard(raw: string): string {
  return raw.trim().toUpperCase();
}

/** Birth date (YYYY-MM-DD) and gender written in a valid number. */
export function idCardFacts(valid: string): { birthDate: string; gender: 'male' | 'female' } {
  const v = normaliseIdCard(valid);
  return {
    birthDate: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`,
    gender: Number(v[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** `110***********1234`: the first 3 and last 4 characters. */
export function maskIdCard(value: string): string {
  return value.length < 8
    ? '*'.repeat(value.length)
    : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** Mainland mobile numbers: 11 digits starting with 1. */
export function phoneProblem(raw: string): 'phone_format' | undefined {
  return /^1[3-9]\d{9}$/.test(raw.trim()) ? undefined : 'phone_format';
}

/** `138****5678`. */
export function maskPhone(value: string): string {
  return value.length < 7
    ? '*'.repeat(value.length)
    : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}
