import { isCalendarDate } from '@dangjian/kit';
import type { TemplateColumn } from './import-template.js';

export interface RowProblem {
  column: string;
  reason: string;
}

export interface TemplateRow {
  /** Row number in the file; the header is row 1. */
  rowNumber: number;
  /** Field → value (closed lists as codes, dates as YYYY-MM-DD, empty when absent). */
  values: Record<string, string>;
  problems: RowProblem[];
}

const normaliseHeader = (text: string) => text.replace(/[\s*＊]/g, '');

/** Required headers missing from the file's first row (the whole file is refused then). */
export function missingHeaders(header: string[], columns: TemplateColumn[]): string[] {
  const present = new Set(header.map(normaliseHeader));
  return columns.filter((c) => c.required && !present.has(c.header)).map((c) => c.header);
}

/** 2026-1-5, 2026/01/05, 2026.01.05 and 20260105 all mean 2026-01-05. */
export function normaliseDate(text: string): string | undefined {
  const match = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text.trim());
  if (!match) return undefined;
  const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
  return isCalendarDate(date) ? date : undefined;
}

const DATE_FIELDS = new Set(['birthDate', 'joinedOn', 'confirmedOn', 'stageSince', 'foundedOn', 'graduatesOn']);

/** The data rows of a table read against a template; blank rows are dropped. */
export function templateRows(table: string[][], columns: TemplateColumn[]): TemplateRow[] {
  const header = (table[0] ?? []).map(normaliseHeader);
  const positions = columns.map((column) => ({ column, index: header.indexOf(column.header) }));
  const rows: TemplateRow[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i] ?? [];
    if (cells.every((cell) => cell.trim() === '')) continue;
    const values: Record<string, string> = {};
    const problems: RowProblem[] = [];
    for (const { column, index } of positions) {
      const text = index >= 0 ? (cells[index] ?? '').trim() : '';
      if (!text) {
        if (column.required) problems.push({ column: column.header, reason: 'required' });
        values[column.field] = '';
        continue;
      }
      if (column.values) {
        const code = column.values[text] ?? (Object.values(column.values).includes(text) ? text : undefined);
        if (code === undefined) problems.push({ column: column.header, reason: `must be one of ${Object.keys(column.values).join(', ')}` });
        values[column.field] = code ?? '';
      } else if (DATE_FIELDS.has(column.field)) {
        const date = normaliseDate(text);
        if (!date) problems.push({ column: column.header, reason: 'must be a date YYYY-MM-DD' });
        values[column.field] = date ?? '';
      } else {
        values[column.field] = text;
      }
    }
    rows.push({ rowNumber: i + 1, values, problems });
  }
  return rows;
}
