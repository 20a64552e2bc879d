import { FIELD_PROBLEMS, MEMBER_CHANGE_REASONS, RULES } from '@dangjian/contracts';
import { en } from '../src/i18n/en.js';
import { zhCN } from '../src/i18n/zh-CN.js';

/*
 * Every code the API refuses with, and every reason a member's history gives, has a sentence in both
 * languages (decision 0017); a sentence names only params its code has. A new code without a
 * translation fails here, not in front of a secretary.
 */
type Messages = {
  dj: {
    problems: Record<string, string>;
    rules: Record<string, string>;
    members: { reasons: Record<string, string> };
  };
};
const catalogues = {
  problems: FIELD_PROBLEMS as Record<string, string>,
  rules: RULES as Record<string, string>,
  reasons: MEMBER_CHANGE_REASONS as Record<string, string>,
};
const placeholders = (template: string, pattern: RegExp) =>
  [...template.matchAll(pattern)].map((m) => m[1]!).sort();

describe.each([
  ['zh-CN', zhCN as unknown as Messages],
  ['en', en as unknown as Messages],
])('the %s console', (_locale, messages) => {
  const translations = {
    problems: messages.dj.problems,
    rules: messages.dj.rules,
    reasons: messages.dj.members.reasons,
  };

  it.each(Object.keys(catalogues) as (keyof typeof catalogues)[])(
    'says every %s code, with only the params the code has',
    (kind) => {
      const missing = Object.keys(catalogues[kind]).filter((code) => !translations[kind][code]);
      expect(missing).toEqual([]);
      const wrongParams = Object.entries(catalogues[kind]).flatMap(([code, english]) => {
        const allowed = new Set(placeholders(english, /\{(\w+)\}/g));
        const used = placeholders(translations[kind][code] ?? '', /%\{(\w+)\}/g);
        return used.filter((param) => !allowed.has(param)).map((param) => `${code}: %{${param}}`);
      });
      expect(wrongParams).toEqual([]);
      // No sentence for a code that does not exist (a renamed code would leave one behind).
      expect(Object.keys(translations[kind]).filter((code) => !(code in catalogues[kind]))).toEqual([]);
    },
  );

  it('has no English left in the Chinese sentences', () => {
    if (_locale !== 'zh-CN') return;
    const english = Object.values(translations).flatMap((table) =>
      Object.entries(table).filter(([, text]) =>
        /\b[a-z]{4,}\b/.test(text.replace(/%\{\w+\}|https?|http\(s\)|utf|json|nul|csv|xlsx/gi, '')),
      ),
    );
    expect(english).toEqual([]);
  });
});

describe('the two languages of the console', () => {
  const flat = (tree: object, prefix = ''): Record<string, string> =>
    Object.entries(tree).reduce<Record<string, string>>((all, [key, value]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return typeof value === 'string'
        ? { ...all, [path]: value }
        : { ...all, ...flat(value as object, path) };
    }, {});
  // Values of free text (education) are translated into English only: Chinese is their own language.
  const own = (key: string) => key.startsWith('dj.education.');
  const zh = flat((zhCN as unknown as { dj: object }).dj, 'dj');
  const english = flat((en as unknown as { dj: object }).dj, 'dj');

  it('have the same messages', () => {
    expect(Object.keys(zh).filter((key) => !(key in english) && !own(key))).toEqual([]);
    expect(Object.keys(english).filter((key) => !(key in zh) && !own(key))).toEqual([]);
  });

  it('give each message the same placeholders', () => {
    // English plural forms (`a |||| b`) repeat a placeholder: the set of names is what must agree.
    const names = (text: string) =>
      [...new Set([...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]))].sort().join(',');
    const differing = Object.keys(zh).filter(
      (key) => key in english && names(zh[key]!) !== names(english[key]!),
    );
    expect(differing).toEqual([]);
  });
});
