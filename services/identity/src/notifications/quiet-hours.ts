/**
 * Quiet hours and the daily digest in China time (UTC+8, no daylight saving), whatever the server's
 * zone: "22:00"–"07:00" spans midnight.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
export const DIGEST_AT = '08:00';

export const isClock = (value: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
const chinaMinutes = (now: Date) => Math.floor(((now.getTime() + CHINA_OFFSET_MS) % 86_400_000) / 60_000);

export function inQuietHours(now: Date, from: string, until: string): boolean {
  const [t, a, b] = [chinaMinutes(now), minutesOf(from), minutesOf(until)];
  if (a === b) return false;
  return a < b ? t >= a && t < b : t >= a || t < b;
}

/** The next moment the China clock reads `clock` (today's, if still ahead; otherwise tomorrow's). */
export function nextClock(now: Date, clock: string): Date {
  const dayStart = now.getTime() - ((now.getTime() + CHINA_OFFSET_MS) % 86_400_000);
  let at = dayStart + minutesOf(clock) * 60_000;
  if (at <= now.getTime()) at += 86_400_000;
  return new Date(at);
}

/** When a notification that is not urgent may go out: now, at the end of quiet hours, or with the digest. */
export function sendAt(
  now: Date,
  preferences: { quietFrom: string | null; quietUntil: string | null; dailyDigest: boolean },
  urgent: boolean,
): { at: Date; digest: boolean } {
  if (urgent) return { at: now, digest: false };
  if (preferences.dailyDigest) return { at: nextClock(now, DIGEST_AT), digest: true };
  if (
    preferences.quietFrom &&
    preferences.quietUntil &&
    inQuietHours(now, preferences.quietFrom, preferences.quietUntil)
  )
    return { at: nextClock(now, preferences.quietUntil), digest: false };
  return { at: now, digest: false };
}
