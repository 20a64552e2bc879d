import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';
import { zhCN } from './zh-CN';

/** zh-CN by default, English on request; a key missing in Chinese falls back to English. */
function withFallback(primary: Record<string, unknown>, fallback: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...fallback };
  for (const [key, value] of Object.entries(primary)) {
    const base = fallback[key];
    merged[key] = value && typeof value === 'object' && base && typeof base === 'object'
      ? withFallback(value as Record<string, unknown>, base as Record<string, unknown>)
      : value;
  }
  return merged;
}

export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? en : withFallback(zhCN as never, en as never)) as never,
  'zh-CN',
  LOCALES,
  { allowMissing: true },
);
