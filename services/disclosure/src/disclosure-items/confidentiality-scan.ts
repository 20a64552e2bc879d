/**
 * What the confidentiality review looks for in a text that is to be disclosed (issue 17): resident
 * ID-card numbers (18 characters with a real birth date, whatever the check character, and the old
 * 15-digit form), mobile and landline phone numbers, and the names of people the audience should
 * not read about (found by the organisation service from the tenant's members).
 */
export interface Finding {
  kind: 'id_card' | 'phone' | 'name';
  excerpt: string;
  start: number;
  length: number;
  acknowledgedNote: string;
}

const ID_CARD_18 =
  /(?<![0-9A-Za-z])[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID_CARD_15 = /(?<!\d)[1-9]\d{5}\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}(?!\d)/g;
// 138 0013 8000, 138-0013-8000, +86 13800138000
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3}-)\s?\d{7,8}(?!\d)/g;

function mask(text: string): string {
  const digits = text.replace(/[\s+()-]/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

function matches(text: string, pattern: RegExp, kind: Finding['kind']): Finding[] {
  return [...text.matchAll(pattern)].map((m) => ({
    kind,
    excerpt: mask(m[0]),
    start: m.index,
    length: m[0].length,
    acknowledgedNote: '',
  }));
}

/** The numbers in a text, in order of where they stand (an ID-card number is not also a phone). */
export function scanNumbers(text: string): Finding[] {
  const ids = [...matches(text, ID_CARD_18, 'id_card'), ...matches(text, ID_CARD_15, 'id_card')];
  const inside = (f: Finding) => ids.some((id) => f.start >= id.start && f.start < id.start + id.length);
  const phones = [...matches(text, MOBILE, 'phone'), ...matches(text, LANDLINE, 'phone')].filter(
    (f) => !inside(f),
  );
  return [...ids, ...phones].sort((a, b) => a.start - b.start);
}

/** Where each name the audience should not read stands in the text (the first place it does). */
export function nameFindings(text: string, names: string[]): Finding[] {
  return names
    .map((name) => ({ name, start: text.indexOf(name) }))
    .filter(({ start }) => start >= 0)
    .map(({ name, start }) => ({
      kind: 'name' as const,
      excerpt: `${name[0]}${'*'.repeat(name.length - 1)}`,
      start,
      length: name.length,
      acknowledgedNote: '',
    }));
}

/**
 * A new scan keeps what the reviewer allowed before, for the same text at the same place: correcting
 * one thing does not ask for the others again.
 */
export function carryAcknowledgements(
  previous: Finding[],
  text: string,
  previousText: string,
  found: Finding[],
): Finding[] {
  return found.map((finding) => {
    const before = previous.find(
      (p) =>
        p.kind === finding.kind &&
        p.acknowledgedNote &&
        previousText.slice(p.start, p.start + p.length) ===
          text.slice(finding.start, finding.start + finding.length),
    );
    return before ? { ...finding, acknowledgedNote: before.acknowledgedNote } : finding;
  });
}

export const unresolved = (findings: Finding[]) => findings.filter((f) => !f.acknowledgedNote).length;
