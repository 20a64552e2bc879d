import { fieldProblem, ValidationError, type FieldProblem } from '@dangjian/kit';

/*
 * What every JSON body and query parameter must satisfy before any route sees it, checked once at
 * the edge: valid UTF-8, a bounded depth, no NUL characters and no lone surrogates in text (Postgres
 * refuses the first; the second is silently stored as U+FFFD), no prototype keys. Each problem
 * names the field where it was found.
 */

/** Deeper than any document of the API (the deepest is 3); far below what could exhaust a stack. */
export const MAX_JSON_DEPTH = 16;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why a text value cannot be stored as given (a field problem code), or undefined when it can. */
export function textProblem(value: string): 'nul_character' | 'invalid_unicode' | undefined {
  if (value.includes('\u0000')) return 'nul_character';
  if (LONE_SURROGATE.test(value)) return 'invalid_unicode';
  return undefined;
}

/** Every problem of a parsed JSON value, each named by its path (`items.3.name`). */
export function jsonProblems(value: unknown, path = '', depth = 1): FieldProblem[] {
  const field = path || 'body';
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [fieldProblem(field, problem)] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (depth > MAX_JSON_DEPTH) return [fieldProblem(field, 'too_deep', { max: MAX_JSON_DEPTH })];
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value);
  const problems: FieldProblem[] = [];
  for (const [key, child] of entries) {
    const childPath = path ? `${path}.${key}` : key;
    if (!Array.isArray(value)) {
      const keyProblem = key === '__proto__' ? 'forbidden_key' : textProblem(key);
      if (keyProblem) {
        problems.push(fieldProblem(childPath, keyProblem));
        continue;
      }
    }
    problems.push(...jsonProblems(child, childPath, depth + 1));
    if (problems.length >= 20) break;
  }
  return problems;
}

/** The body of an `application/json` request, or a ValidationError naming what is wrong with it. */
export function parseJsonBody(raw: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw ValidationError.of('body', 'invalid_utf8');
  }
  if (text.trim() === '') throw ValidationError.of('body', 'empty_body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw ValidationError.of('body', 'invalid_json');
  }
  const problems = jsonProblems(value);
  if (problems.length > 0) throw new ValidationError(problems);
  return value;
}
