import {
  fieldProblemText,
  isRuleName,
  ruleText,
  type FieldProblemCode,
  type ProblemParams,
  type RuleName,
} from '@dangjian/contracts';
import { isCalendarDate } from '@dangjian/kit';
import type { TemplateColumn } from './import-template.js';

/** What is wrong with a cell of a row: a stable code with params (decision 0017) and the English reason. */
export interface RowProblem {
  column: string;
  code: FieldProblemCode | RuleName;
  params?: ProblemParams;
  reason: string;
}

export function rowProblem(
  column: string,
  code: FieldProblemCode | RuleName,
  params?: ProblemParams,
): RowProblem {
  const reason = isRuleName(code) ? ruleText(code, params) : fieldProblemText(code, params);
  return { column, code, ...(params ? { params } : {}), reason };
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

const DATE_FIELDS = new Set([
  'birthDate',
  'joinedOn',
  'confirmedOn',
  'stageSince',
  'foundedOn',
  'graduatesOn',
]);

/** Reads a file's rows against a template: where each column is, from the header row. */
export function templateReader(
  header: string[],
  columns: TemplateColumn[],
): (cells: string[], rowNumber: number) => TemplateRow | undefined {
  const names = header.map(normaliseHeader);
  const positions = columns.map((column) => ({ column, index: names.indexOf(column.header) }));
  // A blank row is dropped (undefined).
  return (cells, rowNumber) => {
    if (cells.every((cell) => cell.trim() === '')) return undefined;
    const values: Record<string, string> = {};
    const problems: RowProblem[] = [];
    for (const { column, index } of positions) {
      const text = index >= 0 ? (cells[index] ?? '').trim() : '';
      if (!text) {
        if (column.required) problems.push(rowProblem(column.header, 'row_required'));
        values[column.field] = '';
        continue;
      }
      if (column.values) {
        const code = column.values[text] ?? (Object.values(column.values).includes(text) ? text : undefined);
        if (code === undefined)
          problems.push(
            rowProblem(column.header, 'not_one_of', { allowed: Object.keys(column.values).join('、') }),
          );
        values[column.field] = code ?? '';
      } else if (DATE_FIELDS.has(column.field)) {
        const date = normaliseDate(text);
        if (!date) problems.push(rowProblem(column.header, 'not_a_date'));
        values[column.field] = date ?? '';
      } else {
        values[column.field] = text;
      }
    }
    return { rowNumber, values, problems };
  };
}
