import type { TargetInput } from '../plan';
import { ImportDirective, ImportGroup, ImportOffice, ImportPlanHead, PlanField } from './import-document';
import { IssueList } from './import-issues';
import { ValueError, date, list, targetValue, text, unit, yesNo } from './import-values';
import { blockKeyOf } from './plan-table-columns';
import { isTitleLine } from './plan-table-layout';

/** A cell read by `fn`; a ValueError becomes an issue at `at` and the value null. */
export function read<T>(at: string, issues: IssueList, fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    issues.add(at, e.message);
    return null;
  }
}

export interface Block {
  offices: ImportOffice[];
  groups: ImportGroup[];
  directives: ImportDirective[];
  plan: ImportPlanHead;
}

/** The rows above the table: the plan's fields, and the offices, groups, directives and targets it declares. */
export function readBlock(rows: string[][], issues: IssueList): Block {
  const plan: ImportPlanHead = {
    code: null,
    directive: null,
    issuer: null,
    title: null,
    period: { from: null, to: null },
    assignedOn: null,
    followUp: null,
    requiresAcceptance: true,
    targets: [],
    at: {
      code: 'plan.code',
      directive: 'plan.directive',
      issuer: 'plan.issuer',
      title: 'plan.title',
      from: 'plan.from',
      to: 'plan.to',
      assignedOn: 'plan.assignedOn',
      followUp: 'plan.followUp',
      requiresAcceptance: 'plan.requiresAcceptance',
      targets: 'plan.targets',
    },
  };
  const block: Block = { offices: [], groups: [], directives: [], plan };
  const seen = new Set<PlanField>();
  rows.forEach((cells, i) => {
    if (cells.every((c) => c === '')) return;
    const n = i + 1;
    // "PHỤ LỤC", "DANH MỤC NHIỆM VỤ …", "(Kèm theo Kế hoạch số …)": a title line (maybe a merged cell), not a field.
    if (isTitleLine(cells)) return;
    const key = blockKeyOf(cells[0]);
    const at = `rows[${n}].${cells[0]}`;
    const values = cells.slice(1);
    if (key === undefined) {
      issues.add(at, `unknown plan field "${cells[0]}" above the task table (docs/IMPORT.md lists them)`);
      return;
    }
    if (key === 'office' || key === 'group' || key === 'document' || key === 'target') {
      declaration(key, values, `rows[${n}]`, block, issues);
      return;
    }
    if (seen.has(key)) issues.add(at, `${cells[0]} is given twice`);
    seen.add(key);
    plan.at[key] = at;
    const value = values.find((v) => v !== '') ?? '';
    if (value === '') return;
    switch (key) {
      case 'from':
      case 'to':
        plan.period[key] = read(at, issues, () => date(value, cells[0]));
        return;
      case 'assignedOn':
        plan.assignedOn = read(at, issues, () => date(value, cells[0]));
        return;
      case 'requiresAcceptance':
        plan.requiresAcceptance = read(at, issues, () => yesNo(value, cells[0])) ?? true;
        return;
      case 'targets':
        return;
      default:
        plan[key] = read(at, issues, () => text(value, cells[0], key === 'title' ? 2000 : 128));
    }
  });
  return block;
}

/**
 * `Đơn vị | code | name | parent | level | email`, `Nhóm | name | members…`,
 * `Văn bản | number | kind | issuedOn | issuer | title | basis`, `Chỉ tiêu kế hoạch | code | name | unit | value`.
 */
function declaration(key: 'office' | 'group' | 'document' | 'target', v: string[], at: string, block: Block, issues: IssueList): void {
  const cell = (i: number) => (v[i] ?? '') || null;
  const need = (i: number, name: string) => {
    const value = cell(i);
    if (value === null) issues.add(`${at}.${name}`, `${name} is required`);
    return value;
  };
  if (key === 'office') {
    const [code, name] = [need(0, 'code'), need(1, 'name')];
    if (code && name) block.offices.push({ code, name, parent: cell(2), level: cell(3), email: cell(4), at });
  } else if (key === 'group') {
    const name = need(0, 'name');
    const members = v.slice(1).flatMap(list);
    if (members.length === 0) issues.add(`${at}.members`, 'a group lists at least one office');
    if (name) block.groups.push({ name, members: [...new Set(members)], at });
  } else if (key === 'document') {
    const [number, kind, issued, issuer, title] = [
      need(0, 'number'),
      need(1, 'kind'),
      need(2, 'issuedOn'),
      need(3, 'issuer'),
      need(4, 'title'),
    ];
    const issuedOn = issued === null ? null : read(`${at}.issuedOn`, issues, () => date(issued, 'issuedOn'));
    if (number && kind && issuedOn && issuer && title)
      block.directives.push({ number, kind, issuedOn, issuer, title, basis: list(v[5] ?? ''), at });
  } else {
    const [code, name, u, value] = [need(0, 'code'), need(1, 'name'), need(2, 'unit'), need(3, 'value')];
    if (!code || !name || !u || !value) return;
    const unitValue = read(`${at}.unit`, issues, () => unit(u, 'unit'));
    const spec = read(`${at}.value`, issues, () => targetValue(value, 'value'));
    if (unitValue && spec) {
      const t: TargetInput = {
        code,
        name,
        unit: unitValue,
        comparator: spec.comparator,
        value: spec.value,
        min: spec.min,
        max: spec.max,
        strict: spec.strict,
      };
      block.plan.targets.push(t);
      block.plan.at.targets = at;
    }
  }
}
