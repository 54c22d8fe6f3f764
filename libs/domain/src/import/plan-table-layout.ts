import { taskColumnOf } from './plan-table-columns';

/**
 * The task table of a real plan as pasted into Excel (docs/IMPORT.md, Layouts): a title above
 * the header, a header over two lines ("Cơ quan thực hiện" over "Chủ trì | Phối hợp"), a row
 * numbering the columns ("(1) (2) (3)"), sections numbered I, II or A, B with their tasks under
 * them, and merged cells (exceljs repeats a merged cell's value in each cell it covers; CSV leaves
 * the covered cells blank).
 */
export interface TableHeader {
  /** Index of the (first) header row. */
  index: number;
  /** 1 or 2 rows. */
  lines: number;
  /** One name per column; '' where none. */
  names: string[];
}

const hasTitleAndLead = (names: string[]) => {
  const cols = names.map((c) => (c === '' ? undefined : taskColumnOf(c)));
  return cols.includes('title') && cols.includes('lead');
};

/**
 * The two header rows as one: the lower name where it is a column, else "upper lower", else the
 * upper (carried right across a merged cell).
 */
function mergeHeader(top: string[], bottom: string[]): string[] {
  const width = Math.max(top.length, bottom.length);
  const names: string[] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    const [t, b] = [top[c] ?? '', bottom[c] ?? ''];
    if (t !== '') carried = t;
    const upper = t !== '' ? t : b !== '' ? carried : '';
    if (b === '' || b === upper) names.push(upper);
    else if (taskColumnOf(b)) names.push(b);
    else names.push(upper && taskColumnOf(`${upper} ${b}`) ? `${upper} ${b}` : b);
  }
  return names;
}

export function findHeader(rows: string[][]): TableHeader | null {
  for (let i = 0; i < rows.length; i++) {
    const next = rows[i + 1];
    if (next && secondLine(rows[i], next)) {
      const names = mergeHeader(rows[i], next);
      if (hasTitleAndLead(names)) return { index: i, lines: 2, names };
    }
    if (hasTitleAndLead(rows[i])) return { index: i, lines: 1, names: rows[i] };
  }
  return null;
}

/** Whether `next` completes `row` as a header's second line: its cells are names under the first line's. */
function secondLine(row: string[], next: string[]): boolean {
  // The first line is a header's too: names of columns (STT, Nội dung, Cơ quan thực hiện…), not a plan field above the table.
  if (row.filter((c) => c !== '' && taskColumnOf(c) !== undefined).length < 2) return false;
  const filled = next.map((c, i) => ({ c, i })).filter(({ c }) => c !== '');
  if (filled.length === 0) return false;
  // Every cell of the second line is a column name, or repeats the cell above (a vertical merge).
  const fits = filled.every(({ c, i }) => c === row[i] || taskColumnOf(c) !== undefined);
  // …and it adds something the first line lacks.
  return fits && filled.some(({ c, i }) => c !== row[i]);
}

/** "(1) | (2) | (3)" or "1 | 2 | 3" under the header: the column numbers printed in many plans. */
export function isNumberingRow(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  return filled.length >= 3 && filled.every((c, i) => new RegExp(`^\\(?${i + 1}\\)?$`).test(c));
}

/** A line of its own above the table ("PHỤ LỤC", "(Kèm theo Kế hoạch số …)"): one text, maybe repeated across a merged cell. */
export function isTitleLine(cells: string[]): boolean {
  const filled = [...new Set(cells.filter((c) => c !== ''))];
  return filled.length === 1;
}

const ROMAN = /^(?=[ivxlc]+\.?$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\.?$/i;
const LETTER = /^[A-ZĐ]$/;

/** The kind of a section number: a Roman numeral (I, II), a capital letter (A, B), or a number (1, 2). */
export function sectionLevel(stt: string): 0 | 1 | 2 | null {
  const s = stt.trim();
  if (s === '') return null;
  if (LETTER.test(s) && !ROMAN.test(s)) return 0;
  if (ROMAN.test(s)) return 1;
  if (/^\d+$/.test(s)) return 2;
  return null;
}

/** The number a row prints, without a trailing dot or bracket ("I." → "I", "1." → "1", "a)" → "a"). */
export const cleanStt = (stt: string) => stt.trim().replace(/[.)]+$/, '');
