import { Cell, CellKind, ColumnSpec, ReportTable } from './report-table';

/**
 * UTF-8 with a byte-order mark: Excel opens a CSV without one in the machine's legacy code page
 * (Windows-1258 on Vietnamese Windows) and shows "Ä\u0090Æ¡n vá»‹" for "Đơn vị"; the BOM makes it
 * read UTF-8. Fields are quoted per RFC 4180; lines end with CRLF as Excel writes them.
 */
export const CSV_BOM = '\uFEFF';

const quote = (s: string) => (/[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function text(kind: CellKind, v: Cell): string {
  if (v === null || v === undefined) return '';
  // The exact percent with its sign: Excel reads "97.78%" as the number 0.9778.
  if (kind === 'percent') return `${v}%`;
  return String(v);
}

export const csvLine = (columns: ColumnSpec[], cells: Cell[]): string =>
  cells.map((v, i) => quote(text(columns[i].kind, v))).join(',') + '\r\n';
export const csvHeader = (columns: ColumnSpec[]): string => CSV_BOM + columns.map((c) => quote(c.header)).join(',') + '\r\n';

/** The table alone (the header row, then the rows): a CSV is read back as data, not as a page. */
export function csvText(table: Pick<ReportTable, 'columns' | 'rows'>): string {
  return csvHeader(table.columns) + table.rows.map((r) => csvLine(table.columns, r)).join('');
}
