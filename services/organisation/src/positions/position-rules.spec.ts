import { isCurrent, isTermEndingSoon, termsOverlap } from './position-rules.js';

const term = (termStart: string, termEnd: string, endedOn: string | null = null) => ({
  termStart,
  termEnd,
  endedOn,
});

describe('terms of office', () => {
  it.each([
    ['before it starts', term('2026-12-01', '2029-11-30'), '2026-11-30', false],
    ['on its first day', term('2026-12-01', '2029-11-30'), '2026-12-01', true],
    ['on its last day', term('2023-12-01', '2026-11-30'), '2026-11-30', true],
    ['the day after', term('2023-12-01', '2026-11-30'), '2026-12-01', false],
    ['ended early', term('2023-12-01', '2026-11-30', '2025-06-30'), '2026-01-01', false],
  ])('is current %s: %s', (_name, t, today, expected) => {
    expect(isCurrent(t, today)).toBe(expected);
  });

  it.each([
    ['90 days before the end', '2026-11-22', term('2024-01-01', '2027-02-20'), true],
    ['91 days before the end', '2026-11-22', term('2024-01-01', '2027-02-21'), false],
    ['after the end', '2027-02-21', term('2024-01-01', '2027-02-20'), false],
  ])('flags a term ending soon %s', (_name, today, t, expected) => {
    expect(isTermEndingSoon(t, today)).toBe(expected);
  });

  it('finds overlaps, and none once the earlier term ended before the later begins', () => {
    expect(termsOverlap(term('2023-01-01', '2025-12-31'), term('2025-06-01', '2028-05-31'))).toBe(true);
    expect(
      termsOverlap(term('2023-01-01', '2025-12-31', '2025-05-31'), term('2025-06-01', '2028-05-31')),
    ).toBe(false);
    expect(termsOverlap(term('2023-01-01', '2025-12-31'), term('2026-01-01', '2028-12-31'))).toBe(false);
  });
});
