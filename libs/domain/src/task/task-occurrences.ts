import { lastDayOfMonth, LocalDate } from '../shared';
import { Recurrence, RecurrenceEvery } from './task.state';

export interface Occurrence {
  /** '2024-03' for a month, '2024-Q1' for a quarter. */
  key: string;
  dueOn: LocalDate;
}

/** The period key of the month or quarter that contains `date`. */
export function periodKeyOf(date: LocalDate, every: RecurrenceEvery): string {
  const [year, month] = [date.slice(0, 4), Number(date.slice(5, 7))];
  return every === 'month' ? `${year}-${date.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/**
 * One occurrence per period from the one containing `assignedOn` through the one containing `until`,
 * each due on the last day of its period, except that the last is due on `until` when the series
 * ends before its period does (a deadline moved to mid-month ends the series there).
 */
export function occurrencesOf(assignedOn: LocalDate, recurrence: Recurrence): Occurrence[] {
  const step = recurrence.every === 'month' ? 1 : 3;
  let year = Number(assignedOn.slice(0, 4));
  // Start at the first month of the period that contains the assignment.
  let month = Math.floor((Number(assignedOn.slice(5, 7)) - 1) / step) * step + 1;
  const result: Occurrence[] = [];
  for (;;) {
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    if (first > recurrence.until) break;
    const end = lastDayOfMonth(year, month + step - 1);
    result.push({ key: periodKeyOf(first, recurrence.every), dueOn: end < recurrence.until ? end : recurrence.until });
    month += step;
    if (month > 12) {
      month -= 12;
      year += 1;
    }
  }
  return result;
}
