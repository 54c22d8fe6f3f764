import { UnsupportedMediaTypeException } from '@nestjs/common';
import { ImportDocument, ImportInvalid, MAX_IMPORT_TASKS, readPlanFile, readPlanTable } from '@dondoc/domain/import';
import { CsvError, parse } from 'csv-parse/sync';
import { readXlsxRows } from './xlsx-table';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPES = ['text/csv', 'application/csv'];
export const JSON_TYPES = ['application/json'];

/** The request as it arrives: JSON already parsed, CSV and XLSX as raw bytes (import-body.parser.ts). */
export interface PlanUpload {
  contentType: string | undefined;
  body: unknown;
}

const invalid = (field: string, message: string) => new ImportInvalid([{ field, message }]);

/** JSON, CSV or XLSX → the same ImportDocument; anything unreadable is a 400 naming the place. */
export async function readPlanUpload(upload: PlanUpload): Promise<ImportDocument> {
  const type = (upload.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_TYPES.includes(type) || /^application\/[\w.-]+\+json$/.test(type)) return readPlanFile(upload.body);
  if (CSV_TYPES.includes(type)) return readPlanTable({ format: 'csv', rows: csvRows(bytes(upload.body)) });
  if (type === XLSX_TYPE) return readPlanTable({ format: 'xlsx', rows: await xlsxRows(bytes(upload.body)) });
  throw new UnsupportedMediaTypeException(`send the plan as application/json, text/csv or ${XLSX_TYPE} (got ${type || 'no content-type'})`);
}

function bytes(body: unknown): Buffer {
  if (Buffer.isBuffer(body) && body.length > 0) return body;
  throw invalid('body', 'the file is empty');
}

/**
 * csv-parse, not exceljs's CSV reader: it keeps every cell as written (exceljs turns "1.10" into
 * 1.1 and dates into Date objects), handles quotes, line breaks in cells and the BOM Excel writes.
 * The delimiter is the first line's: "," or, as Excel writes in Vietnamese locales, ";" (or tab).
 */
export function csvRows(buffer: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw invalid('body', 'the CSV is not UTF-8 text (in Excel: Save As "CSV UTF-8")');
  }
  if (text.includes('\u0000')) throw invalid('body', 'the CSV contains binary data');
  try {
    const rows = parse(text, { bom: true, delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, to_line: MAX_IMPORT_TASKS + 1000 }) as string[][];
    return rows;
  } catch (e) {
    if (e instanceof CsvError) throw invalid(`rows[${(e as CsvError & { lines?: number }).lines ?? '?'}]`, `the CSV cannot be read: ${e.message}`);
    throw e;
  }
}

function delimiterOf(text: string): string {
  const first = text.slice(0, 64 * 1024).split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, outside.split(d).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

async function xlsxRows(buffer: Buffer): Promise<string[][]> {
  try {
    return await readXlsxRows(buffer, MAX_IMPORT_TASKS + 1000);
  } catch (e) {
    if (e instanceof ImportInvalid) throw e;
    throw invalid('body', 'the file is not an XLSX workbook that can be read');
  }
}
