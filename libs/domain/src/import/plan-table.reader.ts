import type { TaskTarget } from '../task';
import { ImportDocument, ImportTask, MAX_IMPORT_TASKS, TaskField } from './import-document';
import { IssueList } from './import-issues';
import { canonicalTarget, list, recurrence, targetValue, text, unit } from './import-values';
import { reportDuplicateRefs } from './plan-file.reader';
import { TASK_COLUMNS, TableColumn, isPassedOverColumn, taskColumnOf } from './plan-table-columns';
import { read, readBlock } from './plan-table-head';
import { cleanStt, findHeader, isNumberingRow, sectionLevel } from './plan-table-layout';

export interface PlanTable {
  format: 'csv' | 'xlsx';
  /** Cells as text, row by row, as in the file (row 1 first). */
  rows: string[][];
}

const CRITERION = /^\d+(\.\d+)*$/;

/**
 * Reads a plan written as a table, one row per task (docs/IMPORT.md):
 * - rows above the table give the plan (`Mã kế hoạch | SH-KHACPHUC-2024`), and may declare
 *   offices, groups and directives the file relies on;
 * - the table starts at the first row with a title column (`Nhiệm vụ`) and a lead column (`Chủ trì`).
 * Errors name the row as numbered in the file and the column as written: `rows[7].Thời hạn`.
 */
export function readPlanTable(table: PlanTable): ImportDocument {
  const issues = new IssueList();
  const rows = table.rows.map((r) => r.map((c) => (c ?? '').normalize('NFC').trim()));
  const header = findHeader(rows);
  if (!header) {
    issues.add(
      'rows',
      `no task table found: a header row needs a title column (${TASK_COLUMNS.title.slice(0, 2).join(', ')} or title) and a lead column (${TASK_COLUMNS.lead[0]} or lead)`,
    );
    issues.throwIfAny();
  }
  const { index: headerIndex, lines } = header!;
  const head = readBlock(rows.slice(0, headerIndex), issues);
  const columns = readHeader(header!.names, headerIndex + 1, issues);
  const first = headerIndex + lines;
  const body = rows.slice(first);
  const filled = body
    .map((r, i) => ({ cells: r, n: first + 1 + i }))
    .filter((r) => r.cells.some((c) => c !== ''))
    .filter((r, i) => !(i === 0 && isNumberingRow(r.cells)));
  if (filled.length === 0) issues.add(`rows[${first + 1}]`, 'the table has no task rows');
  if (filled.length > MAX_IMPORT_TASKS)
    issues.add(`rows[${first + 1 + MAX_IMPORT_TASKS}]`, `at most ${MAX_IMPORT_TASKS} tasks in one file`);
  const tasks: ImportTask[] = [];
  const sections = new Sections(columns, issues);
  for (const r of filled.slice(0, MAX_IMPORT_TASKS)) {
    if (issues.full) break;
    const row = sections.next(r.cells, r.n, filled);
    if (!row) continue;
    const t = taskRow(row.cells, r.n, columns, issues, row.ref);
    if (t) tasks.push(t);
  }
  sections.end();
  reportDuplicateRefs(tasks, issues);
  issues.throwIfAny();
  return { format: table.format, ...head, tasks };
}

/**
 * Section rows and merged cells. A row with a title and nothing else (no lead, supporting office,
 * deadline or outcome) is a section heading when it is numbered I, II or A, B, or numbered 1, 2
 * with its tasks under it ("1.1", "a", "-"): its number prefixes their refs ("II.1"). A task row
 * with no lead under a task row with one had its lead cell merged (CSV leaves it blank): it takes
 * that lead. A heading with no task under it is a task without a lead (an error, as before).
 */
class Sections {
  private readonly stack: (string | null)[] = [null, null, null];
  private heading: { n: number; level: number; children: number } | null = null;
  private lastLead: string | null = null;

  constructor(
    private readonly columns: Columns,
    private readonly issues: IssueList,
  ) {}

  next(cells: string[], n: number, all: { cells: string[]; n: number }[]): { cells: string[]; ref?: string } | null {
    const get = (col: TableColumn) => {
      const c = this.columns.get(col);
      return c ? (cells[c.index] ?? '') : '';
    };
    const stt = cleanStt(get('ref'));
    const bare =
      get('lead') === '' &&
      get('supporting') === '' &&
      get('deadline') === '' &&
      get('expectedOutcome') === '' &&
      get('criterion') === '' &&
      get('targetValue') === '';
    if (get('title') !== '' && bare) {
      const level = sectionLevel(stt);
      const following = all.find((r) => r.n > n);
      const followingStt = following ? cleanStt(following.cells[this.columns.get('ref')?.index ?? -1] ?? '') : '';
      const hasChildren =
        level === 2 && following !== undefined && (followingStt.startsWith(`${stt}.`) || /^[a-zđ]$|^[-–+•]$/.test(followingStt));
      if (level === 0 || level === 1 || hasChildren) {
        // A deeper heading ("1" under "II") is what its parent has under it.
        if (this.heading && level! > this.heading.level) this.heading.children++;
        this.close();
        for (let l = level!; l < 3; l++) this.stack[l] = null;
        this.stack[level!] = stt;
        this.heading = { n, level: level!, children: 0 };
        this.lastLead = null;
        return null;
      }
    }
    const leadColumn = this.columns.get('lead');
    let out = cells;
    if (leadColumn && get('lead') === '' && this.lastLead !== null && get('title') !== '') {
      out = [...cells];
      out[leadColumn.index] = this.lastLead;
    } else if (get('lead') !== '') this.lastLead = get('lead');
    // A numbered task beside numbered headings ("2" after the heading "1" and its a, b): their sibling.
    if (sectionLevel(stt) === 2 && this.stack[2] !== null) {
      this.close();
      this.stack[2] = null;
    }
    if (this.heading) this.heading.children++;
    const prefix = this.stack.filter((s): s is string => s !== null);
    if (prefix.length === 0) return { cells: out };
    const own = stt === '' || /^[-–+•]$/.test(stt) ? `#${n}` : stt;
    return {
      cells: out,
      ref: own.startsWith(`${prefix[prefix.length - 1]}.`) ? [...prefix.slice(0, -1), own].join('.') : [...prefix, own].join('.'),
    };
  }

  end(): void {
    this.close();
  }

  private close(): void {
    if (this.heading && this.heading.children === 0) {
      const lead = this.columns.get('lead')!;
      this.issues.add(
        `rows[${this.heading.n}].${lead.header}`,
        `${lead.header} is required: an office code, a name or a group (a section heading needs tasks under it)`,
      );
    }
    this.heading = null;
  }
}

type Columns = Map<TableColumn, { index: number; header: string }>;

function readHeader(row: string[], n: number, issues: IssueList): Columns {
  const columns: Columns = new Map();
  row.forEach((header, index) => {
    if (header === '' || isPassedOverColumn(header)) return;
    const col = taskColumnOf(header);
    if (col === undefined || col === 'target') {
      issues.add(`rows[${n}].${header}`, `unknown column "${header}" (docs/IMPORT.md lists the columns; remove it or rename it)`);
      return;
    }
    const other = columns.get(col);
    if (other) issues.add(`rows[${n}].${header}`, `"${header}" and "${other.header}" are the same column`);
    else columns.set(col, { index, header });
  });
  return columns;
}

function taskRow(cells: string[], n: number, columns: Columns, issues: IssueList, sectionRef?: string): ImportTask | null {
  const names: Partial<Record<TaskField, string>> = {};
  for (const [col, { header }] of columns) if (col !== 'targetName' && col !== 'targetUnit' && col !== 'targetValue') names[col] = header;
  const at = `rows[${n}]`;
  const place = (col: TableColumn) => `${at}.${columns.get(col)?.header ?? col}`;
  const get = (col: TableColumn) => {
    const c = columns.get(col);
    return c ? (cells[c.index] ?? '') : '';
  };
  const textOf = (col: TableColumn, max = 2000) => read(place(col), issues, () => text(get(col), columns.get(col)?.header ?? col, max));
  const title = textOf('title');
  if (title === null) issues.add(place('title'), `${columns.get('title')!.header} is required`);
  const lead = list(get('lead'));
  if (lead.length === 0) issues.add(place('lead'), `${columns.get('lead')!.header} is required: an office code or a group`);
  const criterion = textOf('criterion', 64);
  if (criterion !== null && !CRITERION.test(criterion))
    issues.add(place('criterion'), `"${criterion}" is not a criterion code such as 1.3.2`);
  const alsoCriteria = list(get('alsoCriteria'));
  for (const c of alsoCriteria) if (!CRITERION.test(c)) issues.add(place('alsoCriteria'), `"${c}" is not a criterion code such as 1.3.2`);
  const target = targetOf(get, place, issues);
  if (title === null || lead.length === 0) return null;
  const ref = sectionRef ?? textOf('ref', 64);
  return {
    ref: ref ?? `#${n}`,
    title,
    description: textOf('description', 20000),
    lead: [...new Set(lead)],
    supporting: [...new Set(list(get('supporting')))],
    followUp: textOf('followUp', 200),
    deadline: textOf('deadline', 200),
    recurrence: read(place('recurrence'), issues, () => recurrence(get('recurrence'), columns.get('recurrence')?.header ?? 'recurrence')),
    criterion,
    alsoCriteria: [...new Set(alsoCriteria)],
    criterionName: textOf('criterionName'),
    expectedOutcome: textOf('expectedOutcome', 5000),
    target,
    at,
    columns: { ...names, target: columns.get('targetValue')?.header ?? columns.get('targetName')?.header ?? 'target' },
    printed: { lead: get('lead'), supporting: get('supporting'), followUp: get('followUp') },
  };
}

function targetOf(get: (c: TableColumn) => string, place: (c: TableColumn) => string, issues: IssueList): TaskTarget | null {
  const [name, u, value] = [get('targetName'), get('targetUnit'), get('targetValue')];
  if (name === '' && u === '' && value === '') return null;
  if (name === '') issues.add(place('targetName'), 'a target needs a name');
  if (value === '') issues.add(place('targetValue'), 'a target needs a value (≥ 97, > 30, ≤ 5, 4–6)');
  if (u === '') issues.add(place('targetUnit'), 'a target needs a unit (%, số lượng, thứ hạng, số tiền)');
  const unitValue = u === '' ? null : read(place('targetUnit'), issues, () => unit(u, 'unit'));
  const spec = value === '' ? null : read(place('targetValue'), issues, () => targetValue(value, 'value'));
  if (name === '' || !unitValue || !spec) return null;
  return canonicalTarget({ name, unit: unitValue, ...spec });
}
