import { daysBetween, endOfLocalDay, LocalDate, localDateOf } from '../shared';
import { isRecurring, occurrencesOfTask } from './task.queries';
import { CompletionReport, TaskState } from './task.state';

export type TaskStatus = 'DONE_ON_TIME' | 'DONE_LATE' | 'IN_PROGRESS' | 'OVERDUE' | 'AWAITING_ACCEPTANCE' | 'CANCELLED' | 'NO_DEADLINE';

export const TASK_STATUSES: readonly TaskStatus[] = [
  'DONE_ON_TIME',
  'DONE_LATE',
  'IN_PROGRESS',
  'OVERDUE',
  'AWAITING_ACCEPTANCE',
  'CANCELLED',
  'NO_DEADLINE',
];

/** One countable item: a one-off task (key null) or one occurrence of a recurring task. */
export interface TaskItem {
  key: string | null;
  dueOn: LocalDate | null;
  status: TaskStatus;
  completedOn: LocalDate | null;
}

/**
 * The status of a task at instant T (`at`), from a state that holds everything known now
 * (fold fewer events for `knownAt`). Rules, in order:
 * 1. CANCELLED when cancelled with `cancelled.at` ≤ T (a cancellation after T does not count at T).
 * 2. D = the effective deadline (`deadline.dueOn`: the latest granted or changed).
 * 3. A live report counts at T only if its completion date C ≤ localDateOf(T):
 *    accepted (or final because the plan needs no acceptance) → DONE_ON_TIME when C ≤ D, DONE_LATE
 *    when C > D, compared as local dates (C is the office's date, not the leader's review date);
 *    submitted but not accepted → AWAITING_ACCEPTANCE. A returned report is gone: it does not count.
 * 4. Not done, no deadline → NO_DEADLINE (never overdue).
 * 5. Not done: IN_PROGRESS while T ≤ endOfLocalDay(D) (23:59:59.999 +07:00), else OVERDUE.
 *    All in Asia/Ho_Chi_Minh whatever process.env.TZ.
 * A recurring task has the status of its earliest occurrence that is not done; when all are done,
 * DONE_ON_TIME if all were on time, else DONE_LATE. The caller decides whether a task assigned
 * after T is shown at all.
 */
export function taskStatusAt(state: TaskState, at: Date): TaskStatus {
  return decidingItem(state, at).status;
}

/**
 * The countable items at T: one per occurrence for a recurring task (period from the assignment's
 * month or quarter through `until`, each due on its period's last day), else exactly one.
 */
export function taskItemsAt(state: TaskState, at: Date): TaskItem[] {
  const cancelled = isCancelledAt(state, at);
  if (!isRecurring(state)) {
    return [itemOf(null, state.deadline.dueOn, state.completion, cancelled, at)];
  }
  return occurrencesOfTask(state).map((o) => itemOf(o.key, o.dueOn, state.occurrences[o.key] ?? null, cancelled, at));
}

/** IN_PROGRESS with D − T ≤ `days` whole local days (T's local date to D). */
export function dueSoon(state: TaskState, at: Date, days = 7): boolean {
  const item = decidingItem(state, at);
  return item.status === 'IN_PROGRESS' && item.dueOn !== null && daysBetween(localDateOf(at), item.dueOn) <= days;
}

/** Whole local days since the deadline of the earliest overdue item; 0 when nothing is overdue. */
export function daysOverdue(state: TaskState, at: Date): number {
  const item = taskItemsAt(state, at).find((i) => i.status === 'OVERDUE');
  return item?.dueOn ? daysBetween(item.dueOn, localDateOf(at)) : 0;
}

const DONE: readonly TaskStatus[] = ['DONE_ON_TIME', 'DONE_LATE'];

function decidingItem(state: TaskState, at: Date): TaskItem {
  const items = taskItemsAt(state, at);
  if (items.length === 1) return items[0];
  const open = items.find((i) => !DONE.includes(i.status));
  if (open) return open;
  const late = items.find((i) => i.status === 'DONE_LATE');
  return late ?? items[items.length - 1];
}

function isCancelledAt(state: TaskState, at: Date): boolean {
  return state.cancelled !== null && Date.parse(state.cancelled.at) <= at.getTime();
}

function itemOf(key: string | null, dueOn: LocalDate | null, report: CompletionReport | null, cancelled: boolean, at: Date): TaskItem {
  const item = (status: TaskStatus, completedOn: LocalDate | null = null): TaskItem => ({ key, dueOn, status, completedOn });
  if (cancelled) return item('CANCELLED');
  if (report && report.completedOn <= localDateOf(at)) {
    if (report.status === 'awaiting') return item('AWAITING_ACCEPTANCE', report.completedOn);
    return item(dueOn === null || report.completedOn <= dueOn ? 'DONE_ON_TIME' : 'DONE_LATE', report.completedOn);
  }
  if (dueOn === null) return item('NO_DEADLINE');
  return item(at.getTime() <= endOfLocalDay(dueOn).getTime() ? 'IN_PROGRESS' : 'OVERDUE');
}
