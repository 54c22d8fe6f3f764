import { invalid } from '../shared';

/** Office codes are stable identifiers used in tokens, URLs and stream ids: keep them plain. */
const OFFICE_CODE = /^[A-Za-z0-9_-]{1,64}$/;

export function isOfficeCode(value: unknown): value is string {
  return typeof value === 'string' && OFFICE_CODE.test(value);
}

export function assertOfficeCode(value: unknown, field: string): string {
  if (!isOfficeCode(value)) {
    throw invalid('INVALID_OFFICE_CODE', `"${String(value)}" is not an office code (letters, digits, '-', '_'; 1–64)`, field);
  }
  return value;
}

/** A required free text (name, title, reason): trimmed, never blank. */
export function requireText(value: unknown, field: string, code = 'REQUIRED', max = 2000): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(code, `${field} is required`, field);
  const text = value.trim();
  if (text.length > max) throw invalid(code, `${field} is longer than ${max} characters`, field);
  return text;
}

/** An optional free text: undefined/null stay null, anything else must be a non-blank string. */
export function optionalText(value: unknown, field: string, code = 'INVALID_TEXT', max = 2000): string | null {
  if (value === undefined || value === null) return null;
  return requireText(value, field, code, max);
}
