import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { Cell, CellKind, ColumnSpec, ReportTable } from './report-table';

const NUM_FMT: Record<CellKind, string | undefined> = {
  text: undefined,
  int: '#,##0',
  date: 'dd/mm/yyyy',
  percent: '0.00%',
  decimal: '#,##0.00',
};

/** A local date ('2024-03-31') as the Excel date of that day (ExcelJS writes Dates as UTC). */
const excelDate = (d: string) => new Date(`${d}T00:00:00Z`);

function value(kind: CellKind, v: Cell): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'date':
      return typeof v === 'string' ? excelDate(v) : v;
    // The exact percent string "97.78" → 0.9778, shown as 97.78% by the 0.00% format.
    case 'percent':
      return Number(v) / 100;
    case 'decimal':
      return typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
    default:
      return v;
  }
}

export interface XlsxHead {
  sheet: string;
  title: string;
  meta: [string, string][];
  columns: ColumnSpec[];
}

/**
 * Streams one sheet: the title block, a bold header row frozen below it, then the rows, each
 * committed as it is written (ExcelJS's streaming writer keeps no row in memory after commit),
 * so that 100,000 tasks go out without building the workbook in memory.
 */
export async function writeXlsx(head: XlsxHead, rows: AsyncIterable<Cell[]> | Iterable<Cell[]>, out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Dondoc';
  const headerRow = head.meta.length + 3;
  const ws = wb.addWorksheet(head.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: headerRow }] });
  ws.columns = head.columns.map((c) => ({ width: c.width ?? 14 }));
  const title = ws.addRow([head.title]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const [label, text] of head.meta) ws.addRow([label, text]).commit();
  ws.addRow([]).commit();
  const header = ws.addRow(head.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.commit();
  // One style object per column, shared by its cells: ExcelJS caches a style's id by object
  // (a WeakMap), so a shared object is registered once instead of once per cell.
  const styles = head.columns.map((c): Partial<ExcelJS.Style> => (NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {}));
  for await (const cells of rows) {
    const row = ws.addRow(cells.map((v, i) => value(head.columns[i].kind, v)));
    for (let i = 0; i < cells.length; i++) row.getCell(i + 1).style = styles[i];
    row.commit();
  }
  await ws.commit();
  await wb.commit();
}

export async function xlsxBuffer(table: ReportTable): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeXlsx(table, table.rows, out);
  await ended;
  return Buffer.concat(chunks);
}
