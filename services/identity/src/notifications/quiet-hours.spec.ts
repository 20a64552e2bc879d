import { inQuietHours, nextClock, sendAt } from './quiet-hours.js';

// 2026-12-01 23:30 in China is 15:30 UTC.
const lateEvening = new Date('2026-12-01T15:30:00Z');
const noon = new Date('2026-12-01T04:00:00Z');
const none = { quietFrom: null, quietUntil: null, dailyDigest: false };
const nights = { quietFrom: '22:00', quietUntil: '07:00', dailyDigest: false };

describe('quiet hours and the digest, in China time', () => {
  it('spans midnight and leaves the day alone', () => {
    expect(inQuietHours(lateEvening, '22:00', '07:00')).toBe(true);
    expect(inQuietHours(noon, '22:00', '07:00')).toBe(false);
    expect(inQuietHours(new Date('2026-12-01T23:00:00Z'), '22:00', '07:00')).toBe(false); // 07:00 sharp
    expect(inQuietHours(new Date('2026-12-01T22:59:00Z'), '22:00', '07:00')).toBe(true); // 06:59
    expect(inQuietHours(noon, '12:00', '13:30')).toBe(true);
    expect(inQuietHours(noon, '12:00', '12:00')).toBe(false);
  });

  it('holds what is not urgent until the quiet hours end, or for the 08:00 digest', () => {
    expect(sendAt(lateEvening, none, false)).toEqual({ at: lateEvening, digest: false });
    expect(sendAt(lateEvening, nights, false)).toEqual({
      at: new Date('2026-12-01T23:00:00Z'),
      digest: false,
    });
    expect(sendAt(lateEvening, nights, true)).toEqual({ at: lateEvening, digest: false });
    expect(sendAt(noon, { ...none, dailyDigest: true }, false)).toEqual({
      at: new Date('2026-12-02T00:00:00Z'),
      digest: true,
    });
    expect(sendAt(noon, { ...none, dailyDigest: true }, true).digest).toBe(false);
  });

  it('finds the next time the clock reads a time, today or tomorrow', () => {
    expect(nextClock(noon, '13:00')).toEqual(new Date('2026-12-01T05:00:00Z'));
    expect(nextClock(noon, '12:00')).toEqual(new Date('2026-12-02T04:00:00Z'));
  });
});
