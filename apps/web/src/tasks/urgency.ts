import type { TaskListItem } from '../api/client';
import { daysBetween } from '../format';

export type Counter = 'overdue' | 'thisWeek' | 'within7' | 'inProgress' | 'awaiting' | 'returned';

export const COUNTER_LABELS: Record<Counter, string> = {
  overdue: 'Quá hạn',
  thisWeek: 'Đến hạn trong tuần này',
  within7: 'Đến hạn trong 7 ngày tới',
  inProgress: 'Đang thực hiện',
  awaiting: 'Chờ xác nhận hoàn thành',
  returned: 'Bị trả lại',
};

const OPEN = new Set(['IN_PROGRESS', 'OVERDUE']);

/** The Sunday that ends the ISO week (Monday to Sunday) of `today`. */
function endOfWeek(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  const toSunday = (7 - d.getUTCDay()) % 7;
  d.setUTCDate(d.getUTCDate() + toSunday);
  return d.toISOString().slice(0, 10);
}

export function inCounter(task: TaskListItem, counter: Counter, today: string): boolean {
  switch (counter) {
    case 'overdue':
      return task.status === 'OVERDUE';
    case 'thisWeek':
      return OPEN.has(task.status) && !!task.dueOn && task.dueOn >= today && task.dueOn <= endOfWeek(today);
    case 'within7':
      return OPEN.has(task.status) && !!task.dueOn && task.dueOn >= today && daysBetween(today, task.dueOn) <= 7;
    case 'inProgress':
      return task.status === 'IN_PROGRESS';
    case 'awaiting':
      return task.status === 'AWAITING_ACCEPTANCE';
    case 'returned':
      // A leader returned its completion report and the office has not reported again.
      return task.returned && OPEN.has(task.status);
    default: {
      const never: never = counter;
      return never;
    }
  }
}

const RANK: Record<string, number> = {
  OVERDUE: 0,
  IN_PROGRESS: 1,
  AWAITING_ACCEPTANCE: 2,
  NO_DEADLINE: 3,
  DONE_LATE: 4,
  DONE_ON_TIME: 4,
  CANCELLED: 5,
};

/** Most overdue first, then the nearest deadline; tasks without a deadline after those with one. */
export function byUrgency(a: TaskListItem, b: TaskListItem): number {
  return (
    (RANK[a.status] ?? 9) - (RANK[b.status] ?? 9) ||
    (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') ||
    a.title.localeCompare(b.title, 'vi')
  );
}

/** "Còn 3 ngày", "Quá hạn 12 ngày", "Đến hạn hôm nay". */
export function daysLeftLabel(task: TaskListItem, today: string): string {
  if (!task.dueOn || !OPEN.has(task.status)) return '';
  const left = daysBetween(today, task.dueOn);
  if (left < 0) return `Quá hạn ${-left} ngày`;
  // A recurring task is overdue when one period's report is missing, before the series ends.
  if (task.status === 'OVERDUE') return 'Quá hạn một kỳ báo cáo';
  if (left === 0) return 'Đến hạn hôm nay';
  return `Còn ${left} ngày`;
}
