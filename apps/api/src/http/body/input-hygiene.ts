import type { FieldError } from '../problem-details.filter';

/** Keys that would reach an object's prototype in a careless merge; never a field of this API. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/** A date or an ISO instant, as the API writes them: the only strings whose year is checked. */
const DATE_LIKE = /^(\d{4,})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** PostgreSQL refuses NUL and unpaired surrogates in text (after validation passed: a 500). */
export function unicodeProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired surrogate (invalid Unicode)';
  return null;
}

/** What is wrong with one text, or null: bad Unicode, or a date or instant that is not a real one from 1900 to 2199. */
export function textProblem(value: string): string | null {
  const unicode = unicodeProblem(value);
  if (unicode) return unicode;
  const date = DATE_LIKE.exec(value);
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    if (y < MIN_YEAR || y > MAX_YEAR) return `the year must be from ${MIN_YEAR} to ${MAX_YEAR}`;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return 'is not a real calendar date';
  }
  return null;
}

const at = (prefix: string, key: string | number) => (typeof key === 'number' ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key);

/**
 * Every problem in a parsed body, query or path parameters, each with the field's path
 * (`period.from`, `tasks[3].title`). The walk is bounded: bodies are checked for depth and size
 * (json-shape.ts) before they are parsed. `dates: false` for an imported plan file, whose reader
 * checks its own dates and reports them with the rest of the file's problems.
 */
export function inputProblems(value: unknown, prefix = '', found: FieldError[] = [], dates = true): FieldError[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    const problem = dates ? textProblem(value) : unicodeProblem(value);
    if (problem) found.push({ field: prefix || 'body', message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => inputProblems(v, at(prefix, i), found, dates));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const key of Object.keys(value)) {
      const field = at(prefix, key);
      if (FORBIDDEN_KEYS.has(key)) found.push({ field, message: 'is not allowed' });
      else if (textProblem(key)) found.push({ field: at(prefix, JSON.stringify(key)), message: `field name ${textProblem(key)}` });
      else inputProblems((value as Record<string, unknown>)[key], field, found, dates);
    }
  }
  return found;
}
