import { officeKey } from '../import/office-names';
import { FindingSeverity } from './finding.events';

/**
 * An inspection conclusion's list of findings as a table (CSV or XLSX), one row per finding. The
 * header row is the first that has an office column and a description column; rows above it (the
 * conclusion's title) are passed over. Columns, as conclusions print them (case and diacritics
 * aside): office `Đơn vị` / `Đơn vị được kiểm tra` / `office`; criterion `Tiêu chí` /
 * `criterion`; severity `Mức độ` / `severity` (`Nghiêm trọng`, `major` → major; `Thông thường`,
 * `minor` or blank → minor); description `Nội dung phát hiện` / `Tồn tại, hạn chế` / `Nội dung` /
 * `description`; requirement `Yêu cầu khắc phục` / `Kiến nghị` / `requirement`.
 * An office is matched by code or by name, and only among the offices the inspection covers.
 * Every problem names the row as numbered in the file and the column: `rows[4].Đơn vị`.
 */
export interface FindingTableRow {
  /** The row's number in the file (row 1 first). */
  at: number;
  office: string | null;
  /** How the office cell was matched. */
  officeMatch: 'code' | 'name' | null;
  criterion: string | null;
  severity: FindingSeverity;
  description: string;
  requirement: string;
  errors: { field: string; message: string }[];
}

export interface FindingTable {
  ok: boolean;
  rows: FindingTableRow[];
  errors: { field: string; message: string }[];
}

export const MAX_FINDING_ROWS = 2000;

const COLUMNS = {
  office: ['don vi duoc kiem tra', 'don vi', 'co quan don vi', 'office'],
  criterion: ['tieu chi', 'criterion'],
  severity: ['muc do', 'severity'],
  description: ['noi dung phat hien', 'ton tai han che', 'noi dung', 'description'],
  requirement: ['yeu cau khac phuc', 'kien nghi', 'yeu cau', 'requirement'],
} as const;
type Column = keyof typeof COLUMNS;

const MAJOR = ['nghiem trong', 'major', 'lon'];
const MINOR = ['', 'thong thuong', 'minor', 'nho'];
const CRITERION = /^\d+(\.\d+)*$/;

export function readFindingTable(cells: string[][], offices: { code: string; name: string }[]): FindingTable {
  const rows = cells.map((r) => r.map((c) => (c ?? '').normalize('NFC').trim()));
  const headerAt = rows.findIndex((r) => columnsOf(r).has('office') && columnsOf(r).has('description'));
  if (headerAt < 0) {
    return {
      ok: false,
      rows: [],
      errors: [
        {
          field: 'rows',
          message: 'no findings table found: a header row needs an office column (Đơn vị) and a description column (Nội dung phát hiện)',
        },
      ],
    };
  }
  const header = rows[headerAt];
  const index = columnsOf(header);
  const byCode = new Map(offices.map((o) => [o.code.toUpperCase(), o.code]));
  const byName = new Map(offices.map((o) => [officeKey(o.name), o.code]));
  const body = rows
    .slice(headerAt + 1)
    .map((r, i) => ({ r, at: headerAt + 2 + i }))
    .filter(({ r }) => r.some((c) => c !== ''));
  const errors: FindingTable['errors'] = [];
  if (body.length === 0) errors.push({ field: `rows[${headerAt + 2}]`, message: 'the table has no findings' });
  if (body.length > MAX_FINDING_ROWS)
    errors.push({ field: `rows[${headerAt + 2 + MAX_FINDING_ROWS}]`, message: `at most ${MAX_FINDING_ROWS} findings in one file` });
  const read = body.slice(0, MAX_FINDING_ROWS).map(({ r, at }): FindingTableRow => {
    const cell = (c: Column) => (index.has(c) ? (r[index.get(c)!] ?? '') : '');
    const field = (c: Column) => `rows[${at}].${index.has(c) ? header[index.get(c)!] : c}`;
    const rowErrors: FindingTableRow['errors'] = [];
    const officeText = cell('office');
    let office: string | null = byCode.get(officeText.toUpperCase()) ?? null;
    let officeMatch: FindingTableRow['officeMatch'] = office ? 'code' : null;
    if (!office && officeText) {
      office = byName.get(officeKey(officeText)) ?? null;
      officeMatch = office ? 'name' : null;
    }
    if (!officeText) rowErrors.push({ field: field('office'), message: 'the office is missing' });
    else if (!office)
      rowErrors.push({ field: field('office'), message: `"${officeText}" is not one of the offices this inspection covers` });
    const criterion = cell('criterion') || null;
    if (criterion && !CRITERION.test(criterion))
      rowErrors.push({ field: field('criterion'), message: `"${criterion}" is not a criterion code such as 1.3.2` });
    const severityKey = officeKey(cell('severity'));
    const severity: FindingSeverity = MAJOR.includes(severityKey) ? 'major' : 'minor';
    if (!MAJOR.includes(severityKey) && !MINOR.includes(severityKey))
      rowErrors.push({ field: field('severity'), message: `"${cell('severity')}" is not a severity (Nghiêm trọng or Thông thường)` });
    const description = cell('description');
    if (!description) rowErrors.push({ field: field('description'), message: 'the finding is missing' });
    const requirement = cell('requirement');
    if (!requirement) rowErrors.push({ field: field('requirement'), message: 'what is required is missing' });
    return { at, office, officeMatch, criterion, severity, description, requirement, errors: rowErrors };
  });
  return { ok: errors.length === 0 && read.every((r) => r.errors.length === 0), rows: read, errors };
}

function columnsOf(header: string[]): Map<Column, number> {
  const found = new Map<Column, number>();
  header.forEach((text, i) => {
    const key = officeKey(text);
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (!found.has(column) && names.includes(key)) found.set(column, i);
    }
  });
  return found;
}
