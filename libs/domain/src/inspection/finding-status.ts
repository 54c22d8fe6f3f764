import { LocalDate, localDateOf } from '../shared';
import { taskItemsAt } from '../task/task-status';
import { TaskState } from '../task/task.state';
import { Finding } from './finding.state';

export type FindingStatusAt = 'REMEDIED_ON_TIME' | 'REMEDIED_LATE' | 'OPEN' | 'OVERDUE' | 'WITHDRAWN';

export interface FindingClassification {
  status: FindingStatusAt;
  /** The remediation deadline: the latest deadline of its remediation (null: none yet). */
  dueOn: LocalDate | null;
  /** The day it was remedied, when it is. */
  remediedOn: LocalDate | null;
}

/**
 * A finding at instant T, from its state and the states of its remediation tasks (everything
 * known now, or folded up to `knownAt`). Null when it was recorded after T. Rules:
 * 1. Its transitions up to T decide whether it stands withdrawn (WITHDRAWN, left out of every
 *    count) or resolved (with the day of the resolution).
 * 2. Its remediation items at T: the items (taskItemsAt) of its tasks assigned by T, without the
 *    cancelled ones. D = their latest deadline.
 * 3. Resolved at T → remedied on that day: late when D is set and the day is after D.
 *    Otherwise remedied when it has items and every one is done and accepted at T (DONE_ON_TIME or
 *    DONE_LATE, the task rules: the office's completion date against the effective deadline), on
 *    the latest completion date: late when any item was done late.
 * 4. Not remedied: OVERDUE when any item is OVERDUE at T, else OPEN (no task yet, in progress,
 *    awaiting acceptance, or without a deadline).
 */
export function findingStatusAt(finding: Finding, tasks: ReadonlyMap<string, TaskState>, at: Date): FindingClassification | null {
  const t = at.getTime();
  if (Date.parse(finding.recordedAt) > t) return null;
  let resolvedOn: LocalDate | null = null;
  let withdrawn = false;
  for (const tr of finding.transitions) {
    if (Date.parse(tr.at) > t) break;
    if (tr.kind === 'resolved') resolvedOn = tr.on;
    else if (tr.kind === 'reopened') resolvedOn = null;
    else withdrawn = true;
  }
  const items = finding.remediation
    .map((r) => tasks.get(r.taskId))
    .filter((task): task is TaskState => !!task && Date.parse(task.assignedAt) <= t)
    .flatMap((task) => taskItemsAt(task, at))
    .filter((i) => i.status !== 'CANCELLED');
  const deadlines = items.map((i) => i.dueOn).filter((d): d is LocalDate => d !== null);
  const dueOn = deadlines.length ? deadlines.reduce((a, b) => (a > b ? a : b)) : null;
  if (withdrawn) return { status: 'WITHDRAWN', dueOn, remediedOn: null };
  if (resolvedOn !== null)
    return { status: dueOn !== null && resolvedOn > dueOn ? 'REMEDIED_LATE' : 'REMEDIED_ON_TIME', dueOn, remediedOn: resolvedOn };
  if (items.length > 0 && items.every((i) => i.status === 'DONE_ON_TIME' || i.status === 'DONE_LATE')) {
    const remediedOn = items.map((i) => i.completedOn as LocalDate).reduce((a, b) => (a > b ? a : b));
    return { status: items.some((i) => i.status === 'DONE_LATE') ? 'REMEDIED_LATE' : 'REMEDIED_ON_TIME', dueOn, remediedOn };
  }
  if (items.some((i) => i.status === 'OVERDUE')) return { status: 'OVERDUE', dueOn, remediedOn: null };
  return { status: 'OPEN', dueOn, remediedOn: null };
}

/**
 * Whether the finding's remediation is due by T: remedied or overdue, or open with its deadline on
 * or before T's date (as `due` for tasks).
 */
export function findingDueAt(c: FindingClassification, at: Date): boolean {
  if (c.status === 'WITHDRAWN') return false;
  if (c.status !== 'OPEN') return true;
  return c.dueOn !== null && c.dueOn <= localDateOf(at);
}
