import { ImportInvalid } from '@dondoc/domain/import';
import type { CellValue } from 'exceljs';

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

/** The first worksheet as rows of text (exceljs reads the workbook; the layout is docs/IMPORT.md's). */
export async function readXlsxRows(buffer: Buffer, maxRows: number): Promise<string[][]> {
  // Loaded at the first workbook, not at start: exceljs is about 27 MB of the process's memory.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportInvalid([{ field: 'body', message: 'the workbook has no worksheet' }]);
  if (sheet.rowCount > maxRows) throw new ImportInvalid([{ field: 'rows', message: `the worksheet has ${sheet.rowCount} rows; at most ${maxRows}` }]);
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
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
