import { invalid } from './domain-error';

/**
 * Dates in this domain are local dates in Asia/Ho_Chi_Minh, written `YYYY-MM-DD`.
 * Vietnam has kept UTC+07:00 without daylight saving since 1975, so the zone is a fixed offset;
 * every conversion goes through here so that the server's own time zone never matters.
 */
export type LocalDate = string;
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseLocalDate(value: string, field?: string): LocalDate {
  if (!isLocalDate(value)) throw invalid('INVALID_DATE', `"${value}" is not a date (YYYY-MM-DD)`, field);
  return value;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of the local day (00:00 +07:00). */
export function startOfLocalDay(date: LocalDate): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS);
}

/** The last instant of the local day (23:59:59.999 +07:00): a deadline is met up to here. */
export function endOfLocalDay(date: LocalDate): Date {
  return new Date(startOfLocalDay(date).getTime() + DAY_MS - 1);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.parse(`${b}T00:00:00.000Z`) - Date.parse(`${a}T00:00:00.000Z`)) / DAY_MS);
}

export function lastDayOfMonth(year: number, month: number): LocalDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/** Accepts `YYYY-MM-DD` (end of that local day when `endOfDay`) or an ISO instant with offset. */
export function parseInstantOrDate(value: string, field: string, endOfDay = true): Date {
  if (isLocalDate(value)) return endOfDay ? endOfLocalDay(value) : startOfLocalDay(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const t = Date.parse(value);
    if (!Number.isNaN(t)) return new Date(t);
  }
  throw invalid('INVALID_INSTANT', `"${value}" is neither a date (YYYY-MM-DD) nor an ISO instant`, field);
}
