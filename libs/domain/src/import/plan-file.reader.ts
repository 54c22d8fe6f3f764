import type { TargetInput } from '../plan';
import type { TaskTarget } from '../task';
import {
  ImportDirective,
  ImportDocument,
  ImportGroup,
  ImportOffice,
  ImportPlanHead,
  ImportTask,
  MAX_IMPORT_TASKS,
  PlanField,
  taskFieldAt,
} from './import-document';
import { IssueList } from './import-issues';
import { ValueError, canonicalTarget, date, recurrence, text } from './import-values';

type Obj = Record<string, unknown>;

const ROOT_KEYS = ['about', 'timeZone', 'offices', 'groups', 'directives', 'plans'];
const OFFICE_KEYS = ['code', 'name', 'parent', 'level', 'email'];
const DIRECTIVE_KEYS = ['number', 'kind', 'issuedOn', 'issuer', 'title', 'basis', 'note'];
const PLAN_KEYS = ['code', 'directive', 'issuer', 'title', 'period', 'assignedOn', 'followUp', 'requiresAcceptance', 'targets', 'tasks'];
const TASK_KEYS = [
  'ref',
  'title',
  'description',
  'lead',
  'supporting',
  'followUp',
  'deadline',
  'recurrence',
  'criterion',
  'alsoCriteria',
  'criterionName',
  'expectedOutcome',
  'target',
];
const TARGET_KEYS = ['code', 'name', 'unit', 'comparator', 'value', 'min', 'max', 'strict'];
const CRITERION = /^\d+(\.\d+)*$/;

/**
 * Reads a plan file in the shape of `docs/examples/son-ha-2024-remediation-plan.json`: `about`
 * and `note` are comments; unknown fields are refused (a misspelt field would otherwise be lost).
 * Exactly one plan per file. Throws ImportInvalid with every problem found.
 */
export function readPlanFile(input: unknown): ImportDocument {
  const issues = new IssueList();
  const root = object(input, 'body', issues) ?? {};
  unknownKeys(root, ROOT_KEYS, '', issues);
  if (root.timeZone !== undefined && root.timeZone !== 'Asia/Ho_Chi_Minh') {
    issues.add('timeZone', 'dates are local dates in Asia/Ho_Chi_Minh; no other time zone is supported');
  }
  const offices = array(root.offices, 'offices', issues).map((o, i) => office(o, `offices[${i}]`, issues));
  const groups = readGroups(root.groups, issues);
  const directives = array(root.directives, 'directives', issues).map((d, i) => directive(d, `directives[${i}]`, issues));
  const plans = array(root.plans, 'plans', issues);
  if (plans.length !== 1) issues.add('plans', `a file holds exactly one plan (found ${plans.length})`);
  const planObj = object(plans[0] ?? {}, 'plans[0]', issues) ?? {};
  unknownKeys(planObj, PLAN_KEYS, 'plans[0].', issues);
  const plan = planHead(planObj, issues);
  const taskList = array(planObj.tasks, 'plans[0].tasks', issues);
  if (taskList.length === 0) issues.add('plans[0].tasks', 'the plan has no tasks');
  if (taskList.length > MAX_IMPORT_TASKS) issues.add('plans[0].tasks', `at most ${MAX_IMPORT_TASKS} tasks in one file`);
  const tasks = taskList
    .slice(0, MAX_IMPORT_TASKS)
    .map((t, i) => task(t, i, issues))
    .filter((t): t is ImportTask => t !== null);
  reportDuplicateRefs(tasks, issues);
  issues.throwIfAny();
  return {
    format: 'json',
    offices: offices.filter((o): o is ImportOffice => o !== null),
    groups,
    directives: directives.filter((d): d is ImportDirective => d !== null),
    plan,
    tasks,
  };
}

/** A ref names one row of the plan: a second use is refused at the second place. */
export function reportDuplicateRefs(tasks: ImportTask[], issues: IssueList): void {
  const seen = new Map<string, number>();
  tasks.forEach((t, i) => {
    const first = seen.get(t.ref);
    if (first === undefined) seen.set(t.ref, i);
    else
      issues.add(
        taskFieldAt(t, 'ref'),
        `ref ${t.ref} is used by more than one task (tasks number ${first + 1} and ${i + 1}${t.columns ? `, ${tasks[first].at} and ${t.at}` : ''})`,
      );
  });
}

function object(value: unknown, at: string, issues: IssueList): Obj | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Obj;
  issues.add(at, 'must be an object');
  return null;
}

function array(value: unknown, at: string, issues: IssueList): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  issues.add(at, 'must be a list');
  return [];
}

function unknownKeys(obj: Obj, allowed: string[], prefix: string, issues: IssueList): void {
  for (const k of Object.keys(obj)) if (!allowed.includes(k)) issues.add(`${prefix}${k}`, `unknown field (known: ${allowed.join(', ')})`);
}

/** Reads one value with a reader that throws ValueError; the problem is recorded at `at`. */
function read<T>(at: string, issues: IssueList, fn: () => T): T | null {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    issues.add(at, e.message);
    return null;
  }
}

function required(obj: Obj, key: string, prefix: string, issues: IssueList, max = 2000): string | null {
  const v = read(`${prefix}.${key}`, issues, () => text(obj[key], key, max));
  if (v === null && !issues.items.some((i) => i.field === `${prefix}.${key}`)) issues.add(`${prefix}.${key}`, `${key} is required`);
  return v;
}

function optional(obj: Obj, key: string, prefix: string, issues: IssueList, max = 2000): string | null {
  return read(`${prefix}.${key}`, issues, () => text(obj[key], key, max));
}

function strings(value: unknown, at: string, issues: IssueList): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (!items || items.some((v) => typeof v !== 'string' || v.trim() === '')) {
    issues.add(at, 'must be a list of non-empty texts');
    return [];
  }
  return [...new Set((items as string[]).map((v) => v.normalize('NFC').trim()))];
}

function office(value: unknown, at: string, issues: IssueList): ImportOffice | null {
  const o = object(value, at, issues);
  if (!o) return null;
  unknownKeys(o, OFFICE_KEYS, `${at}.`, issues);
  const code = required(o, 'code', at, issues, 64);
  const name = required(o, 'name', at, issues, 500);
  if (code === null || name === null) return null;
  return {
    code,
    name,
    parent: optional(o, 'parent', at, issues, 64),
    level: optional(o, 'level', at, issues, 32),
    email: optional(o, 'email', at, issues, 254),
    at,
  };
}

function readGroups(value: unknown, issues: IssueList): ImportGroup[] {
  if (value === undefined || value === null) return [];
  const g = object(value, 'groups', issues);
  if (!g) return [];
  return Object.entries(g).map(([name, members]) => {
    const at = `groups.${name}`;
    const list = strings(members, at, issues);
    if (list.length === 0 && Array.isArray(members)) issues.add(at, 'a group lists at least one office');
    return { name: name.normalize('NFC').trim(), members: list, at };
  });
}

function directive(value: unknown, at: string, issues: IssueList): ImportDirective | null {
  const d = object(value, at, issues);
  if (!d) return null;
  unknownKeys(d, DIRECTIVE_KEYS, `${at}.`, issues);
  const number = required(d, 'number', at, issues, 128);
  const kind = required(d, 'kind', at, issues, 64);
  const issuedRaw = required(d, 'issuedOn', at, issues, 32);
  const issuedOn = issuedRaw === null ? null : read(`${at}.issuedOn`, issues, () => date(issuedRaw, 'issuedOn'));
  const issuer = required(d, 'issuer', at, issues, 64);
  const title = required(d, 'title', at, issues);
  const basis = strings(d.basis, `${at}.basis`, issues);
  if (number === null || kind === null || issuedOn === null || issuer === null || title === null) return null;
  return { number, kind, issuedOn, issuer, title, basis, at };
}

function planHead(p: Obj, issues: IssueList): ImportPlanHead {
  const at = Object.fromEntries(
    (['code', 'directive', 'issuer', 'title', 'from', 'to', 'assignedOn', 'followUp', 'requiresAcceptance', 'targets'] as PlanField[]).map(
      (f) => [f, f === 'from' || f === 'to' ? `plans[0].period.${f}` : `plans[0].${f}`],
    ),
  ) as Record<PlanField, string>;
  const dateOf = (key: 'assignedOn', v: unknown, field: string) => {
    const t = read(field, issues, () => text(v, key, 32));
    return t === null ? null : read(field, issues, () => date(t, key));
  };
  let period: ImportPlanHead['period'] = { from: null, to: null };
  if (p.period !== undefined) {
    const o = object(p.period, 'plans[0].period', issues);
    if (o) {
      unknownKeys(o, ['from', 'to'], 'plans[0].period.', issues);
      period = { from: dateOf('assignedOn', o.from, at.from), to: dateOf('assignedOn', o.to, at.to) };
    }
  }
  if (p.requiresAcceptance !== undefined && p.requiresAcceptance !== null && typeof p.requiresAcceptance !== 'boolean') {
    issues.add(at.requiresAcceptance, 'requiresAcceptance is true or false');
  }
  return {
    code: optional(p, 'code', 'plans[0]', issues, 64),
    directive: optional(p, 'directive', 'plans[0]', issues, 128),
    issuer: optional(p, 'issuer', 'plans[0]', issues, 64),
    title: optional(p, 'title', 'plans[0]', issues),
    period,
    assignedOn: dateOf('assignedOn', p.assignedOn, at.assignedOn),
    followUp: optional(p, 'followUp', 'plans[0]', issues, 64),
    requiresAcceptance: p.requiresAcceptance !== false,
    targets: array(p.targets, at.targets, issues)
      .map((t, i) => planTarget(t, `${at.targets}[${i}]`, issues))
      .filter((t): t is TargetInput => t !== null),
    at,
  };
}

function planTarget(value: unknown, at: string, issues: IssueList): TargetInput | null {
  const t = object(value, at, issues);
  if (!t) return null;
  unknownKeys(t, TARGET_KEYS, `${at}.`, issues);
  return t as unknown as TargetInput;
}

function task(value: unknown, index: number, issues: IssueList): ImportTask | null {
  const fallback = `plans[0].tasks[${index}]`;
  const t = object(value, fallback, issues);
  if (!t) return null;
  const refRaw = t.ref;
  const ref =
    typeof refRaw === 'string' && refRaw.trim() !== ''
      ? refRaw.normalize('NFC').trim()
      : typeof refRaw === 'number'
        ? String(refRaw)
        : null;
  if (refRaw !== undefined && ref === null) issues.add(`${fallback}.ref`, 'ref is a non-empty text');
  const at = ref !== null ? `tasks[${ref}]` : fallback;
  unknownKeys(t, TASK_KEYS, `${at}.`, issues);
  const title = required(t, 'title', at, issues);
  const lead = strings(t.lead, `${at}.lead`, issues);
  if (lead.length === 0 && !issues.items.some((i) => i.field === `${at}.lead`))
    issues.add(`${at}.lead`, 'lead is required: an office code or a group');
  const criterion = optional(t, 'criterion', at, issues, 64);
  if (criterion !== null && !CRITERION.test(criterion))
    issues.add(`${at}.criterion`, `"${criterion}" is not a criterion code such as 1.3.2`);
  const alsoCriteria = strings(t.alsoCriteria, `${at}.alsoCriteria`, issues);
  for (const c of alsoCriteria) if (!CRITERION.test(c)) issues.add(`${at}.alsoCriteria`, `"${c}" is not a criterion code such as 1.3.2`);
  const target = t.target === undefined || t.target === null ? null : taskTarget(t.target, `${at}.target`, issues);
  const result: ImportTask = {
    ref: ref ?? `#${index + 1}`,
    title: title ?? '',
    description: optional(t, 'description', at, issues, 20000),
    lead,
    supporting: strings(t.supporting, `${at}.supporting`, issues),
    followUp: optional(t, 'followUp', at, issues, 64),
    deadline: optional(t, 'deadline', at, issues, 200),
    recurrence: read(`${at}.recurrence`, issues, () => recurrence(t.recurrence, 'recurrence')),
    criterion,
    alsoCriteria,
    criterionName: optional(t, 'criterionName', at, issues),
    expectedOutcome: optional(t, 'expectedOutcome', at, issues, 5000),
    target,
    at,
  };
  return title === null ? null : result;
}

function taskTarget(value: unknown, at: string, issues: IssueList): TaskTarget | null {
  const t = object(value, at, issues);
  if (!t) return null;
  unknownKeys(
    t,
    TARGET_KEYS.filter((k) => k !== 'code'),
    `${at}.`,
    issues,
  );
  const nums = ['value', 'min', 'max'].filter(
    (k) => t[k] !== undefined && t[k] !== null && (typeof t[k] !== 'number' || !Number.isFinite(t[k])),
  );
  for (const k of nums) issues.add(`${at}.${k}`, `${k} is a number`);
  if (t.strict !== undefined && typeof t.strict !== 'boolean') issues.add(`${at}.strict`, 'strict is true or false');
  if (nums.length > 0) return null;
  const pick = (k: string) => (typeof t[k] === 'number' ? (t[k] as number) : undefined);
  return canonicalTarget({
    name: t.name as string,
    unit: t.unit as TaskTarget['unit'],
    comparator: t.comparator as TaskTarget['comparator'],
    value: pick('value'),
    min: pick('min'),
    max: pick('max'),
    strict: t.strict === true,
  });
}
