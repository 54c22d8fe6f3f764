import { ImportDocument, ImportTask } from './import-document';
import { BLOCK_KEYS, TASK_COLUMNS, TEMPLATE_COLUMNS, TableColumn } from './plan-table-columns';
import { UNIT_LABEL, targetExpression } from './import-values';

/**
 * A plan as the table readPlanTable reads (the template in docs/ is the Sơn Hà plan written this
 * way): plan fields, then the offices, groups and directives it declares, a blank row, the tasks.
 */
export function planToTable(doc: ImportDocument): string[][] {
  const p = doc.plan;
  const k = (key: keyof typeof BLOCK_KEYS) => BLOCK_KEYS[key][0];
  const rows: string[][] = [
    [k('code'), p.code ?? ''],
    [k('title'), p.title ?? ''],
    [k('issuer'), p.issuer ?? ''],
    [k('directive'), p.directive ?? ''],
    [k('from'), p.period.from ?? ''],
    [k('to'), p.period.to ?? ''],
    [k('assignedOn'), p.assignedOn ?? ''],
    [k('followUp'), p.followUp ?? ''],
    [k('requiresAcceptance'), p.requiresAcceptance ? 'có' : 'không'],
    ...p.targets.map((t) => [
      k('target'),
      t.code,
      t.name,
      UNIT_LABEL[t.unit as keyof typeof UNIT_LABEL] ?? t.unit,
      targetExpression({ comparator: t.comparator as never, value: num(t.value), min: num(t.min), max: num(t.max), strict: t.strict }),
    ]),
    ...doc.offices.map((o) => [k('office'), o.code, o.name, o.parent ?? '', o.level ?? '', o.email ?? '']),
    ...doc.groups.map((g) => [k('group'), g.name, g.members.join(', ')]),
    ...doc.directives.map((d) => [k('document'), d.number, d.kind, d.issuedOn, d.issuer, d.title, d.basis.join('; ')]),
    [],
    TEMPLATE_COLUMNS.map((c) => TASK_COLUMNS[c][0]),
    ...doc.tasks.map((t) => TEMPLATE_COLUMNS.map((c) => cell(t, c))),
  ];
  return rows;
}

const num = (v: unknown): number | undefined => (v === undefined || v === null ? undefined : Number(v));

function cell(t: ImportTask, c: TableColumn): string {
  switch (c) {
    case 'lead':
    case 'supporting':
    case 'alsoCriteria':
      return t[c].join(', ');
    case 'recurrence':
      return t.recurrence
        ? `${t.recurrence.every === 'month' ? 'hằng tháng' : 'hằng quý'}${t.recurrence.until ? ` đến ${t.recurrence.until}` : ''}`
        : '';
    case 'targetName':
      return t.target?.name ?? '';
    case 'targetUnit':
      return t.target ? UNIT_LABEL[t.target.unit] : '';
    case 'targetValue':
      return t.target ? targetExpression(t.target) : '';
    case 'target':
      return '';
    default:
      return t[c] ?? '';
  }
}

/** RFC 4180: CRLF lines; a cell with the delimiter, a quote, a line break or edge spaces is quoted. */
export function toCsv(rows: string[][], delimiter = ','): string {
  const quote = (c: string) => (c.includes(delimiter) || /["\r\n]|^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}
