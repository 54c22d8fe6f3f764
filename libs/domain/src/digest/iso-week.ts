import { addDays, invalid, LocalDate, localDateOf, startOfLocalDay } from '../shared';

/**
 * ISO 8601 weeks ("2024-W14": Monday 01/04/2024 to Sunday 07/04/2024), counted on local dates in
 * Asia/Ho_Chi_Minh: the week an instant falls in is the week of its local date, whatever the
 * server's zone. A week belongs to the year of its Thursday, so 2024-12-30 is in 2025-W01.
 */
export type IsoWeek = string;

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

const dayOfWeek = (date: LocalDate): number => {
  const d = new Date(`${date}T00:00:00.000Z`).getUTCDay();
  return d === 0 ? 7 : d; // Monday 1 … Sunday 7
};

export function isoWeekOfDate(date: LocalDate): IsoWeek {
  const thursday = addDays(date, 4 - dayOfWeek(date));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((Date.parse(`${thursday}T00:00:00.000Z`) - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of an instant's local date in Asia/Ho_Chi_Minh. */
export const isoWeekOf = (instant: Date): IsoWeek => isoWeekOfDate(localDateOf(instant));

/** 52 or 53: a year has 53 weeks when 28 December falls in week 53. */
export const weeksInYear = (year: number): number => Number(isoWeekOfDate(`${year}-12-28`).slice(6));

export function isIsoWeek(value: unknown): value is IsoWeek {
  if (typeof value !== 'string') return false;
  const m = ISO_WEEK.exec(value);
  if (!m) return false;
  const week = Number(m[2]);
  return week >= 1 && week <= weeksInYear(Number(m[1]));
}

export function parseIsoWeek(value: string, field = 'week'): IsoWeek {
  if (!isIsoWeek(value)) throw invalid('INVALID_WEEK', `"${value}" is not an ISO week such as 2024-W14`, field);
  return value;
}

/** The Monday of the week, a local date. */
export function mondayOf(week: IsoWeek): LocalDate {
  const m = ISO_WEEK.exec(week);
  if (!m) throw invalid('INVALID_WEEK', `"${week}" is not an ISO week such as 2024-W14`, 'week');
  const jan4 = `${m[1]}-01-04`; // always in week 1
  return addDays(addDays(jan4, 1 - dayOfWeek(jan4)), (Number(m[2]) - 1) * 7);
}

export const sundayOf = (week: IsoWeek): LocalDate => addDays(mondayOf(week), 6);

/** The first instant of the week: Monday 00:00 +07:00. */
export const weekStart = (week: IsoWeek): Date => startOfLocalDay(mondayOf(week));

/** The week number and year as Vietnamese readers write them: "14/2024". */
export const weekLabel = (week: IsoWeek): string => `${Number(week.slice(6))}/${week.slice(0, 4)}`;
