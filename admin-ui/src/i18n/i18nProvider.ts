import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';
import { zhCN } from './zh-CN';
import { CONSOLE_RESOURCES } from '../resources.gen';

/** zh-CN by default, English on request; a key missing in Chinese falls back to English. */
function withFallback(
  primary: Record<string, unknown>,
  fallback: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...fallback };
  for (const [key, value] of Object.entries(primary)) {
    const base = fallback[key];
    merged[key] =
      value && typeof value === 'object' && base && typeof base === 'object'
        ? withFallback(value as Record<string, unknown>, base as Record<string, unknown>)
        : value;
  }
  return merged;
}

/** The words of the resources declared in modules of their own, under `resources.<name>`. */
function withResources(messages: Record<string, unknown>, locale: 'zh-CN' | 'en'): Record<string, unknown> {
  const own = Object.fromEntries(
    CONSOLE_RESOURCES.map((resource) => [resource.name, resource.messages[locale]]),
  );
  return withFallback({ resources: own }, messages);
}

const zh = withResources(zhCN as never, 'zh-CN');
const english = withResources(en as never, 'en');

export const LOCALES = [
  { locale: 'zh-CN', name: '简体中文' },
  { locale: 'en', name: 'English' },
];

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? english : withFallback(zh, english)) as never,
  'zh-CN',
  LOCALES,
  { allowMissing: true },
);
