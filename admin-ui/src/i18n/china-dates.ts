/** Dates as people in China read them, whatever the browser's time zone (UTC+8, no daylight saving). */
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** YYYY-MM-DD in China. */
export const chinaDay = (date: Date = new Date()): string => day.format(date);
/** YYYY-MM in China. */
export const chinaMonth = (date: Date = new Date()): string => chinaDay(date).slice(0, 7);
/** A moment as date and time in China, in Chinese (2026/11/23 09:11). */
export const chinaTime = (iso: string): string =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
