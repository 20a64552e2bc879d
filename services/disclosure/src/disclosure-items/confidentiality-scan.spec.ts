import { idCardCheckCharacter } from '@dangjian/kit';
import { carryAcknowledgements, nameFindings, scanNumbers, unresolved } from './confidentiality-scan.js';

const id18 = (() => {
  const first17 = '11010519491231002';
  return `${first17}${idCardCheckCharacter(first17)}`;
})();

describe('the confidentiality scan', () => {
  it('finds ID-card numbers, whatever their check character, and the old 15-digit form', () => {
    const wrongCheck = `${id18.slice(0, 17)}${id18[17] === '0' ? '1' : '0'}`;
    const found = scanNumbers(`甲 ${id18}，乙 ${wrongCheck.toLowerCase()}，丙 110105491231002。`);
    expect(found.map((f) => f.kind)).toEqual(['id_card', 'id_card', 'id_card']);
    expect(found[0]!.excerpt).toBe(`110${'*'.repeat(13)}${id18.slice(-2)}`);
  });

  it('finds mobile numbers written the ways people write them, and landlines', () => {
    const text = '电话13800138000、138 0013 8000、+86 138-0013-8000，办公室 010-12345678，(0755)87654321。';
    expect(scanNumbers(text).map((f) => text.slice(f.start, f.start + f.length))).toEqual([
      '13800138000',
      '138 0013 8000',
      '+86 138-0013-8000',
      '010-12345678',
      '(0755)87654321',
    ]);
  });

  it('leaves dates, amounts, counts and numbers inside longer numbers alone', () => {
    expect(scanNumbers('2026年12月1日，党费1380013800元整，共12人；编号 2138001380001。')).toEqual([]);
    // A mobile number is not also found inside an ID-card number.
    expect(scanNumbers(`号码 ${id18}`).map((f) => f.kind)).toEqual(['id_card']);
  });

  it('marks names where they stand, masked', () => {
    expect(nameFindings('表彰张三丰、李四同志', ['李四', '王五'])).toEqual([
      { kind: 'name', excerpt: '李*', start: 6, length: 2, acknowledgedNote: '' },
    ]);
  });

  it('keeps what the reviewer allowed when the same text is found again', () => {
    const before = '表彰李四同志，电话13800138000';
    const previous = [
      { ...nameFindings(before, ['李四'])[0]!, acknowledgedNote: '本人同意' },
      ...scanNumbers(before),
    ];
    const after = '表彰李四同志。';
    const carried = carryAcknowledgements(previous, after, before, nameFindings(after, ['李四']));
    expect(carried).toEqual([expect.objectContaining({ kind: 'name', acknowledgedNote: '本人同意' })]);
    expect(unresolved(carried)).toBe(0);
    expect(unresolved(previous)).toBe(1);
  });
});
