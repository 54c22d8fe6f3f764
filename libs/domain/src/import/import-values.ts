import { LocalDate, isLocalDate } from '../shared';
import { plausibleYear } from '../deadline/deadline-periods';
import { RECURRENCE_EVERY } from '../task/task.state';
import type { RecurrenceEvery, TaskTarget } from '../task';

/**
 * Readers of single values as people write them in plan files and spreadsheets. Each returns the
 * value or throws a plain message (the reader knows the field and adds it).
 */
export class ValueError extends Error {}

/** Trimmed NFC text with runs of spaces kept (titles are quoted as written); empty → null. */
export function text(value: unknown, what: string, max = 2000): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new ValueError(`${what} must be text`);
  const t = value.normalize('NFC').trim();
  if (t === '') return null;
  if (t.length > max) throw new ValueError(`${what} is longer than ${max} characters`);
  return t;
}

/** A key for matching headers: lower case, no diacritics, đ → d, single spaces, no trailing colon. */
export function keyOf(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[:*]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `2024-01-15`, or as Vietnamese write it: `15/01/2024`, `15-1-2024`, `15.01.2024`. */
export function date(value: string, what: string): LocalDate {
  const v = value.trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const iso = isLocalDate(v) ? v : m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : null;
  if (iso && isLocalDate(iso)) {
    // "15/01/0224", "2024-01-15" typed as "9024-01-15": a typo, refused as the API edge refuses it.
    if (!plausibleYear(Number(iso.slice(0, 4)))) throw new ValueError(`${what} "${value}" has a year outside 1900–2199`);
    return iso;
  }
  throw new ValueError(`${what} "${value}" is not a date (YYYY-MM-DD or dd/mm/yyyy)`);
}

const TRUE = ['co', 'yes', 'true', '1', 'x'];
const FALSE = ['khong', 'no', 'false', '0'];

export function yesNo(value: string, what: string): boolean {
  const k = keyOf(value);
  if (TRUE.includes(k)) return true;
  if (FALSE.includes(k)) return false;
  throw new ValueError(`${what} is "có" or "không" (yes or no), not "${value}"`);
}

/** A list written in one cell: `SH-NV, SH-TP`, `SH-NV; SH-TP`, one per line. */
export function list(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const EVERY: Record<string, RecurrenceEvery> = {
  monthly: 'month',
  month: 'month',
  'hang thang': 'month',
  thang: 'month',
  'dinh ky hang thang': 'month',
  quarterly: 'quarter',
  quarter: 'quarter',
  'hang quy': 'quarter',
  quy: 'quarter',
  'dinh ky hang quy': 'quarter',
  'half-yearly': 'halfYear',
  halfyear: 'halfYear',
  '6 thang': 'halfYear',
  'dinh ky 6 thang': 'halfYear',
  'hang nua nam': 'halfYear',
  yearly: 'year',
  year: 'year',
  'hang nam': 'year',
  nam: 'year',
  'dinh ky hang nam': 'year',
};

/**
 * `monthly` / `quarterly` (the fixture), `hằng tháng` / `hàng quý`, `{ every, until }`; a table may
 * add an end: `hằng tháng đến 31/12/2024`.
 */
export function recurrence(value: unknown, what: string): { every: RecurrenceEvery; until?: LocalDate } | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'object' && !Array.isArray(value)) {
    const { every, until, ...rest } = value as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw new ValueError(`${what} has an unknown field ${extra[0]}`);
    if (!RECURRENCE_EVERY.includes(every as RecurrenceEvery))
      throw new ValueError(`${what}.every is one of ${RECURRENCE_EVERY.join(', ')}`);
    if (until === undefined || until === null) return { every: every as RecurrenceEvery };
    if (typeof until !== 'string') throw new ValueError(`${what}.until is a date`);
    return { every: every as RecurrenceEvery, until: date(until, `${what}.until`) };
  }
  if (typeof value !== 'string') throw new ValueError(`${what} is "monthly" or "quarterly"`);
  const [head, tail] = value.split(/\s+(?:đến|den|until)\s+/i);
  const every = EVERY[keyOf(head)];
  if (!every)
    throw new ValueError(
      `${what} "${value}" is not a cadence: "monthly", "quarterly", "yearly", "hằng tháng", "hằng quý", "6 tháng", "hằng năm"`,
    );
  return tail === undefined ? { every } : { every, until: date(tail, what) };
}

const UNITS: Record<string, TaskTarget['unit']> = {
  percent: 'percent',
  '%': 'percent',
  'phan tram': 'percent',
  'ty le': 'percent',
  count: 'count',
  'so luong': 'count',
  so: 'count',
  rank: 'rank',
  'thu hang': 'rank',
  hang: 'rank',
  amount: 'amount',
  'so tien': 'amount',
  dong: 'amount',
  'trieu dong': 'amount',
  'ty dong': 'amount',
};

export function unit(value: string, what: string): TaskTarget['unit'] {
  const u = UNITS[keyOf(value)];
  if (!u) throw new ValueError(`${what} "${value}" is not a unit: %, số lượng, thứ hạng, số tiền (or percent, count, rank, amount)`);
  return u;
}

export const UNIT_LABEL: Record<TaskTarget['unit'], string> = { percent: '%', count: 'số lượng', rank: 'thứ hạng', amount: 'số tiền' };

function number(value: string, what: string): number {
  // Vietnamese decimals use a comma (62,2 %); thousands are not written in targets.
  const n = Number(value.replace(/%$/, '').trim().replace(',', '.'));
  if (value.trim() === '' || !Number.isFinite(n)) throw new ValueError(`${what} "${value}" is not a number`);
  return n;
}

/**
 * A target value as one expression: `≥ 97`, `97` (at least), `> 30` (more than), `≤ 5`, `< 5`,
 * `4–6` (between). Returns the comparator, value(s) and strictness.
 */
export function targetValue(value: string, what: string): Pick<TaskTarget, 'comparator' | 'value' | 'min' | 'max' | 'strict'> {
  const v = value.trim().replace(/\s+/g, '');
  const between = /^(\d+(?:[.,]\d+)?)%?(?:-|–|—|đến|den)(\d+(?:[.,]\d+)?)%?$/.exec(v);
  if (between) {
    const [min, max] = [number(between[1], what), number(between[2], what)];
    if (min > max) throw new ValueError(`${what} "${value}": the lower bound is above the upper`);
    return { comparator: 'between', min, max };
  }
  const m = /^(>=|≥|=>|>|<=|≤|=<|<)?(.+)$/.exec(v)!;
  const n = number(m[2], what);
  switch (m[1]) {
    case '>':
      return { comparator: 'atLeast', value: n, strict: true };
    case '<':
      return { comparator: 'atMost', value: n, strict: true };
    case '<=':
    case '≤':
    case '=<':
      return { comparator: 'atMost', value: n };
    default:
      return { comparator: 'atLeast', value: n };
  }
}

/** The inverse of targetValue, for writing templates. */
export function targetExpression(t: Pick<TaskTarget, 'comparator' | 'value' | 'min' | 'max' | 'strict'>): string {
  if (t.comparator === 'between') return `${t.min}–${t.max}`;
  if (t.comparator === 'atMost') return `${t.strict ? '<' : '≤'} ${t.value}`;
  return `${t.strict ? '>' : '≥'} ${t.value}`;
}

/** A task target with `strict` only when true, so the same target compares equal from any format. */
export function canonicalTarget(t: TaskTarget): TaskTarget {
  const out: TaskTarget = { name: t.name, unit: t.unit, comparator: t.comparator };
  if (t.value !== undefined) out.value = t.value;
  if (t.min !== undefined) out.min = t.min;
  if (t.max !== undefined) out.max = t.max;
  if (t.strict) out.strict = true;
  return out;
}
