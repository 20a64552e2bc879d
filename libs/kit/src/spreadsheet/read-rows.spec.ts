import ExcelJS from 'exceljs';
import { readRows, surveyFile, type CsvEncoding } from './read-rows.js';
import type { ImportFormat } from './read-table.js';

/** The file in pieces of `size` bytes, as the database hands it over chunk by chunk. */
const inPieces = (bytes: Uint8Array, size: number) =>
  async function* () {
    for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
  };

async function allRows(bytes: Uint8Array, format: ImportFormat, size: number, encoding?: CsvEncoding) {
  const rows = [];
  for await (const group of readRows(inPieces(bytes, size)(), format, encoding)) rows.push(...group);
  return rows;
}

describe('reading an import file as it streams in', () => {
  const text = '\uFEFF姓名,备注\n王党员,"两行\n的备注"\n\n李党员,"带""引号"""\n';
  const bytes = Buffer.from(text, 'utf8');

  it('reads a UTF-8 CSV cut anywhere, even inside a character, with quoted line ends', async () => {
    for (const size of [1, 2, 5, 7, bytes.length]) {
      const rows = await allRows(bytes, 'csv', size);
      expect(rows).toEqual([
        { number: 1, cells: ['姓名', '备注'] },
        { number: 2, cells: ['王党员', '两行\n的备注'] },
        { number: 3, cells: [''] },
        { number: 4, cells: ['李党员', '带"引号"'] },
      ]);
    }
    // Three line ends outside quotes after the header: the blank one counts until the job ends.
    await expect(surveyFile(inPieces(bytes, 3), 'csv')).resolves.toEqual({ encoding: 'utf-8', rows: 3 });
  });

  it('takes a file that is not UTF-8 as GB18030, as Excel in China saves CSV', async () => {
    // 姓名 / 王党员 in GB18030, then a row without its line end.
    const gb = Buffer.from([
      0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0xcd, 0xf5, 0xb5, 0xb3, 0xd4, 0xb1, 0x0a, 0xcd, 0xf5,
    ]);
    const survey = await surveyFile(inPieces(gb, 3), 'csv');
    expect(survey).toEqual({ encoding: 'gb18030', rows: 2 });
    const rows = await allRows(gb, 'csv', 3, survey.encoding);
    expect(rows.map((r) => r.cells[0])).toEqual(['姓名', '王党员', '王']);
  });

  it('refuses a CSV it cannot parse', async () => {
    const broken = Buffer.from('姓名,备注\n王党员,"没有结束的引号\n', 'utf8');
    await expect(allRows(broken, 'csv', 4)).rejects.toThrow(/quote/i);
  });

  it("reads an .xlsx file's first sheet in streaming, dates as the user typed them", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('党员');
    sheet.addRow(['姓名', '入党日期']);
    sheet.addRow(['王党员', new Date(Date.UTC(2012, 6, 1))]);
    sheet.getRow(4).values = ['李党员', 42];
    workbook.addWorksheet('说明').addRow(['不读']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const rows = await allRows(xlsx, 'xlsx', 1000);
    expect(rows).toEqual([
      { number: 1, cells: ['姓名', '入党日期'] },
      { number: 2, cells: ['王党员', '2012-07-01'] },
      { number: 4, cells: ['李党员', '42'] },
    ]);
    await expect(surveyFile(inPieces(xlsx, 1000), 'xlsx')).resolves.toEqual({ encoding: 'utf-8', rows: 2 });
  });

  it('refuses bytes that are not an .xlsx file', async () => {
    await expect(surveyFile(inPieces(bytes, 100), 'xlsx')).rejects.toThrow();
  });
});
