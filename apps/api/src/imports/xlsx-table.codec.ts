import { ImportInvalid } from '@dondoc/domain/import';
import type { CellValue } from 'exceljs';
import { unicodeProblem } from '../http/body/input-hygiene';
import { checkedXlsxStream } from './xlsx-archive';

/** Cells as text: dates as YYYY-MM-DD, formulas by their result, rich text and links by their text. */
function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result ?? null);
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** Columns read per row: the template has 14; a cell beyond this is refused, not ignored. */
export const MAX_XLSX_COLUMNS = 100;

const refuse = (field: string, message: string) => new ImportInvalid([{ field, message }]);

/**
 * The first worksheet as rows of text (the layout is docs/IMPORT.md's). The archive is checked
 * first (xlsx-archive.ts); then exceljs's streaming reader gives one row at a time, and reading
 * stops at `maxRows` or at a cell past MAX_XLSX_COLUMNS: nothing holds the whole sheet.
 */
export async function readXlsxRows(buffer: Buffer, maxRows: number): Promise<string[][]> {
  const input = await checkedXlsxStream(buffer);
  // Loaded at the first workbook, not at start: exceljs is about 27 MB of the process's memory.
  const { stream } = await import('exceljs');
  const reader = new stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const rows: string[][] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (row.number > maxRows) throw refuse('rows', `the worksheet has more than ${maxRows} rows; at most ${maxRows}`);
      while (rows.length < row.number - 1) rows.push([]);
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (col > MAX_XLSX_COLUMNS)
          throw refuse(`rows[${row.number}]`, `row ${row.number} has a cell in column ${col}; at most ${MAX_XLSX_COLUMNS} columns`);
        while (cells.length < col - 1) cells.push('');
        const text = cellText(cell.value);
        const problem = unicodeProblem(text);
        if (problem) throw refuse(`rows[${row.number}]`, `the cell in column ${col} ${problem}`);
        cells.push(text);
      });
      rows.push(cells);
    }
    break; // the first worksheet only
  }
  return rows;
}

/** A workbook of one sheet with these rows as text cells; the task header row in bold. */
export async function writeXlsxRows(rows: string[][], sheetName = 'Kế hoạch'): Promise<Buffer> {
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r);
  const header = rows.findIndex((r) => r.length > 5);
  if (header >= 0) sheet.getRow(header + 1).font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 20 : 28;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
