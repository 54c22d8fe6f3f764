import { ImportDocument, ImportInvalid, MAX_IMPORT_TASKS, readPlanFile, readPlanTable } from '@dondoc/domain/import';
import { CsvError, parse } from 'csv-parse/sync';
import { isRawUpload } from './import-body.parser';
import { CSV_TYPES, JSON_TYPES, XLSX_TYPE } from './import-media-types';
import { readXlsxRows } from './xlsx-table.codec';

/** The request as it arrives: JSON already parsed, CSV and XLSX as bytes (a Buffer or a RawUpload, import-body.parser.ts). */
export interface PlanUpload {
  contentType: string | undefined;
  body: unknown;
}

const invalid = (field: string, message: string) => new ImportInvalid([{ field, message }]);

/** The format a content type names, or null (the controller answers 415). */
export function uploadFormat(contentType: string | undefined): ImportDocument['format'] | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (JSON_TYPES.includes(type) || /^application\/[\w.-]+\+json$/.test(type)) return 'json';
  if (CSV_TYPES.includes(type)) return 'csv';
  return type === XLSX_TYPE ? 'xlsx' : null;
}

export const UNSUPPORTED_TYPE = `send the plan as application/json, text/csv or ${XLSX_TYPE}`;

/** JSON, CSV or XLSX → the same ImportDocument; anything unreadable is a 400 naming the place. */
export async function readPlanUpload(upload: PlanUpload): Promise<ImportDocument> {
  switch (uploadFormat(upload.contentType)) {
    case 'json':
      return readPlanFile(upload.body);
    case 'csv':
      return readPlanTable({ format: 'csv', rows: csvRows(bytes(upload.body)) });
    case 'xlsx':
      return readPlanTable({ format: 'xlsx', rows: await xlsxRows(bytes(upload.body)) });
    default:
      throw invalid('content-type', UNSUPPORTED_TYPE);
  }
}

export function bytes(body: unknown): Buffer {
  const buffer = Buffer.isBuffer(body) ? body : isRawUpload(body) ? body.bytes : null;
  if (buffer && buffer.length > 0) return buffer;
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
    const rows = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      skip_empty_lines: false,
      to_line: MAX_IMPORT_TASKS + 1000,
    }) as string[][];
    return rows;
  } catch (e) {
    if (e instanceof CsvError)
      throw invalid(`rows[${(e as CsvError & { lines?: number }).lines ?? '?'}]`, `the CSV cannot be read: ${e.message}`);
    throw e;
  }
}

function delimiterOf(text: string): string {
  const first =
    text
      .slice(0, 64 * 1024)
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? '';
  const outside = first.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, outside.split(d).length - 1] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

export async function xlsxRows(buffer: Buffer): Promise<string[][]> {
  try {
    return await readXlsxRows(buffer, MAX_IMPORT_TASKS + 1000);
  } catch (e) {
    if (e instanceof ImportInvalid) throw e;
    throw invalid('body', 'the file is not an XLSX workbook that can be read');
  }
}
