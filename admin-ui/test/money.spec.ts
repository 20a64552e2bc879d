import { formatBasisPoints, formatFen, yuanToFen } from '../src/i18n/money.js';

describe('money as Chinese users read it', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [9_750, '¥97.50'],
    [1_234_567, '¥12,345.67'],
    [-20, '-¥0.20'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });
  it('prints basis points as a percentage, and nothing due as a dash', () => {
    expect(formatBasisPoints(6_666)).toBe('66.66%');
    expect(formatBasisPoints(10_000)).toBe('100.00%');
    expect(formatBasisPoints(5)).toBe('0.05%');
    expect(formatBasisPoints(null)).toBe('—');
  });
  it.each([
    ['6500', 650_000],
    ['6500.5', 650_050],
    ['6,500.05', 650_005],
    ['0.01', 1],
    ['12.345', undefined],
    ['-5', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('reads %j yuan as %s fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });
});
