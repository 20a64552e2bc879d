import { MEMBER_COLUMNS, ORGANISATION_COLUMNS } from './import-template.js';
import { decodeCsv } from '@dangjian/kit/spreadsheet';
import { missingHeaders, normaliseDate, templateReader } from './template-rows.js';

describe('import templates', () => {
  it.each([
    ['2026-01-05', '2026-01-05'],
    ['2026/1/5', '2026-01-05'],
    ['2026.01.05', '2026-01-05'],
    ['20260105', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['2026-02-30', undefined],
    ['05/01/2026', undefined],
  ])('reads the date %s as %s', (text, date) => {
    expect(normaliseDate(text)).toBe(date);
  });

  it('names the required headers a file lacks (asterisks and spaces in headers are ignored)', () => {
    expect(missingHeaders(['姓名*', ' 公民身份号码 ', '人员类别', '职业类别'], MEMBER_COLUMNS)).toEqual([
      '所在党组织编码',
    ]);
    expect(missingHeaders(['组织名称', '组织编码', '组织类别'], ORGANISATION_COLUMNS)).toEqual([]);
  });

  it('maps labels to codes, reports each bad cell by its header, and skips blank rows', () => {
    const table = [
      ['姓名', '公民身份号码', '人员类别', '职业类别', '所在党组织编码', '入党日期', '是否流动党员'],
      ['张伟', '110105199003077899', '正式党员', '在岗职工', 'A-1', '2015/7/1', '是'],
      ['', '', '', '', '', '', ''],
      ['李娜', '110105199003077899', '党员', 'salaried', 'A-1', '2015-13-01', ''],
    ];
    const read = templateReader(table[0]!, MEMBER_COLUMNS);
    const [good, bad] = table.slice(1).flatMap((cells, i) => read(cells, i + 2) ?? []);
    expect(good).toMatchObject({
      rowNumber: 2,
      problems: [],
      values: { developmentStage: 'full', occupation: 'salaried', joinedOn: '2015-07-01', mobile: 'true' },
    });
    expect(bad!.rowNumber).toBe(4);
    expect(bad!.values['occupation']).toBe('salaried'); // codes are accepted as well as labels
    expect(bad!.problems.map((p) => p.column)).toEqual(['人员类别', '入党日期']);
  });

  it('reads a CSV saved by Excel in GB18030 as well as UTF-8 with a byte-order mark', () => {
    // "姓名,公" in GB18030
    expect(decodeCsv(Uint8Array.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xb9, 0xab]))).toBe('姓名,公');
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('姓名')]))).toBe('姓名');
  });
});
