import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
}

/** An .xlsx workbook with one sheet: a bold header row, then the rows (text cells). */
export async function workbookOf(
  sheetName: string,
  columns: SheetColumn[],
  rows: Record<string, string>[],
  notes?: string[][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width ?? Math.max(12, c.header.length * 2 + 4),
  }));
  sheet.getRow(1).font = { bold: true };
  // Text cells throughout: ID numbers and phone numbers must not turn into numbers.
  for (const row of rows) sheet.addRow(row).eachCell((cell) => (cell.numFmt = '@'));
  if (notes) workbook.addWorksheet('说明').addRows(notes);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a file download with a UTF-8 file name (RFC 6266 / 5987). */
export function sendFile(reply: FastifyReply, body: Buffer, fileName: string, type = XLSX_TYPE): Buffer {
  reply.header('content-type', type);
  reply.header(
    'content-disposition',
    `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  return body;
}

/** A spreadsheet's format from its file name, else from the request's content type. */
export function spreadsheetFormatOf(
  fileName: string,
  contentType: string | undefined,
): 'csv' | 'xlsx' | undefined {
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  if (contentType?.startsWith('text/csv')) return 'csv';
  if (contentType?.startsWith(XLSX_TYPE)) return 'xlsx';
  return undefined;
}
