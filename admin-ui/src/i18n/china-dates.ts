/** Dates as people in China read them, whatever the browser's time zone (UTC+8, no daylight saving). */
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** YYYY-MM-DD in China. */
export const chinaDay = (date: Date = new Date()): string => day.format(date);
/** YYYY-MM in China. */
export const chinaMonth = (date: Date = new Date()): string => chinaDay(date).slice(0, 7);
/** A moment as date and time in China (2026/11/23 09:11), in the console's language. */
export const chinaTime = (iso: string, locale = 'zh-CN'): string =>
  new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
/** An instant as the value of a datetime-local input, in China time ("2026-12-01T14:30"). */
export const toChinaInput = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
};
/** What a person typed in a datetime-local input, read as China time (not the browser's zone). */
export const fromChinaInput = (value: string | null | undefined): string =>
  value ? `${value.slice(0, 16)}:00+08:00` : '';
/** The time of day in China (14:30). */
export const chinaClock = (iso: string): string =>
  new Date(iso).toLocaleTimeString('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });
