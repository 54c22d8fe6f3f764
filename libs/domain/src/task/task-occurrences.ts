import { addDays, isLocalDate, lastDayOfMonth, LocalDate } from '../shared';
import { Recurrence, RecurrenceEvery } from './task.state';

export interface Occurrence {
  /** '2024-03' for a month, '2024-Q1' a quarter, '2024-H1' a half-year, '2024' a year. */
  key: string;
  dueOn: LocalDate;
}

const MONTHS: Record<RecurrenceEvery, number> = { month: 1, quarter: 3, halfYear: 6, year: 12 };

/** The period key of the month, quarter, half or year that contains `date`. */
export function periodKeyOf(date: LocalDate, every: RecurrenceEvery): string {
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  switch (every) {
    case 'month':
      return `${year}-${date.slice(5, 7)}`;
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'halfYear':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'year':
      return year;
  }
}

/**
 * One occurrence per period from the one containing `assignedOn` (or `recurrence.from`, when later)
 * through the one containing `until`, each due on the last day of its period, except that the last
 * is due on `until` when the series ends before its period does (a deadline moved to mid-month ends
 * the series there). A yearly series with `on` is due that day of each year, one with `before`
 * the day before that day; a day before the start is not an occurrence.
 */
export function occurrencesOf(assignedOn: LocalDate, recurrence: Recurrence): Occurrence[] {
  const step = MONTHS[recurrence.every];
  const start = recurrence.from && recurrence.from > assignedOn ? recurrence.from : assignedOn;
  let year = Number(start.slice(0, 4));
  // Start at the first month of the period that contains the start.
  let month = Math.floor((Number(start.slice(5, 7)) - 1) / step) * step + 1;
  const result: Occurrence[] = [];
  for (;;) {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    if (first > recurrence.until) break;
    let end = lastDayOfMonth(year, month + step - 1);
    if (recurrence.every === 'year' && recurrence.on) end = dayOfYear(year, recurrence.on);
    // "Trước ngày 01/3 hằng năm": the day before, found in each year (29 February in 2028).
    else if (recurrence.every === 'year' && recurrence.before) end = addDays(dayOfYear(year, recurrence.before), -1);
    const dueOn = end < recurrence.until ? end : recurrence.until;
    if (!((recurrence.on || recurrence.before) && dueOn < start)) result.push({ key: periodKeyOf(first, recurrence.every), dueOn });
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return result;
}

/** `on` in a given year; 29 February falls back to the 28th in other years. */
function dayOfYear(year: number, on: string): LocalDate {
  const date = `${year}-${on}`;
  return isLocalDate(date) ? date : lastDayOfMonth(year, Number(on.slice(0, 2)));
}
