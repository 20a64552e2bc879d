import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { cellText, type ImportFormat } from './read-table.js';

/** A row of a file as the user sees it: its number (the header is row 1) and its cells as text. */
export interface FileRow {
  number: number;
  cells: string[];
}

export type CsvEncoding = 'utf-8' | 'gb18030';

/**
 * A first pass over a file that keeps nothing of it: the CSV's encoding (UTF-8 unless it is not valid
 * UTF-8, then GB18030, as Excel in China saves it) and about how many data rows it has, for progress.
 * A CSV's rows are its line ends outside quotes (blank lines count too, so the figure is corrected
 * when the job ends); an .xlsx file is read whole, so one that cannot be read fails here.
 */
export async function surveyFile(
  chunks: () => AsyncIterable<Uint8Array>,
  format: ImportFormat,
): Promise<{ encoding: CsvEncoding; rows: number }> {
  if (format === 'xlsx') {
    let rows = 0;
    for await (const group of readRows(chunks(), format)) {
      for (const row of group) if (row.number > 1 && row.cells.some((cell) => cell.trim() !== '')) rows += 1;
    }
    return { encoding: 'utf-8', rows };
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  let quoted = false;
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of chunks()) {
    if (valid) valid = decodes(utf8, chunk);
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x22) quoted = !quoted;
      else if (byte === 0x0a && !quoted) lines += 1;
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  if (valid) valid = decodes(utf8);
  // Less the header row; a last line without its line end counts too.
  const rows = Math.max(0, lines + (last === 0x0a ? 0 : 1) - 1);
  return { encoding: valid ? 'utf-8' : 'gb18030', rows };
}

function decodes(decoder: InstanceType<typeof TextDecoder>, chunk?: Uint8Array): boolean {
  try {
    if (chunk) decoder.decode(chunk, { stream: true });
    else decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/**
 * The rows of a file read as it streams in, so memory stays flat in the file's size: CSV in the
 * encoding the survey found, .xlsx's first sheet (dates as YYYY-MM-DD). Rows come a few hundred at a
 * time (one await per group, not per row).
 */
export async function* readRows(
  chunks: AsyncIterable<Uint8Array>,
  format: ImportFormat,
  encoding: CsvEncoding = 'utf-8',
): AsyncGenerator<FileRow[]> {
  if (format === 'csv') {
    yield* csvRows(chunks, encoding);
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles say which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    let group: FileRow[] = [];
    for await (const row of sheet) {
      const cells: string[] = [];
      for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
      group.push({ number: row.number, cells });
      if (group.length === 500) {
        yield group;
        group = [];
      }
    }
    if (group.length > 0) yield group;
    // The first sheet only; the template's second explains the columns.
    return;
  }
}

async function* csvRows(chunks: AsyncIterable<Uint8Array>, encoding: CsvEncoding): AsyncGenerator<FileRow[]> {
  // A UTF-8 byte-order mark is dropped by the decoder.
  const decoder = new TextDecoder(encoding);
  const parser = parse({ relax_column_count: true, skip_empty_lines: false });
  let parsed: FileRow[] = [];
  let number = 0;
  let failure: Error | undefined;
  parser.on('data', (record: string[]) => parsed.push({ number: ++number, cells: record }));
  parser.on('error', (error: Error) => (failure = error));
  const write = (text: string) =>
    new Promise<void>((resolve, reject) =>
      parser.write(text, (error) => (error || failure ? reject(error ?? failure) : resolve())),
    );
  const take = () => {
    const rows = parsed;
    parsed = [];
    return rows;
  };
  for await (const chunk of chunks) {
    await write(decoder.decode(chunk, { stream: true }));
    yield take();
  }
  const rest = decoder.decode();
  if (rest) await write(rest);
  if (failure) throw failure;
  await new Promise<void>((resolve, reject) => {
    parser.once('end', () => (failure ? reject(failure) : resolve()));
    parser.once('error', reject);
    parser.end();
    parser.resume();
  });
  yield take();
}
