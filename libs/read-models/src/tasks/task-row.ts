import { CompletionReport, TaskState, occurrencesOfTask } from '@dondoc/domain/task';
import type { TaskEntity, TaskItemEntity } from './task.entity';

/** '7.3.3.2' → '7': the index area is the criterion's first segment. */
export const areaOf = (criterion: string | null): string | null => (criterion ? criterion.split('.')[0] : null);

const counted = (r: CompletionReport | null | undefined) => (r?.status === 'accepted' ? r.completedOn : null);
const awaiting = (r: CompletionReport | null | undefined) => (r?.status === 'awaiting' ? r.completedOn : null);

/** The columns derived from a task's state; the state itself stays the source of truth. */
export function taskRow(state: TaskState, version: number, leadPath: string): TaskEntity {
  const { deadline } = state;
  return {
    id: state.id,
    planId: state.planId,
    title: state.title,
    lead: state.lead,
    leadPath,
    supporting: state.supporting,
    followUp: state.followUp,
    criterion: state.criterion,
    area: areaOf(state.criterion),
    originalDueOn: deadline.originalDueOn,
    dueOn: deadline.dueOn,
    recurring: deadline.recurrence !== null,
    // A first deadline set on a task that had none (a conditional one) is not an extension.
    extended: deadline.originalDueOn !== null && deadline.originalDueOn !== deadline.dueOn,
    assignedAt: new Date(state.assignedAt),
    completedOn: deadline.recurrence ? null : counted(state.completion),
    awaitingOn: deadline.recurrence ? null : awaiting(state.completion),
    cancelledAt: state.cancelled ? new Date(state.cancelled.at) : null,
    state,
    version,
  };
}

/** Countable items: one for a one-off task (key ''), one per occurrence of a recurring one. */
export function taskItems(row: TaskEntity): TaskItemEntity[] {
  const base = {
    taskId: row.id,
    planId: row.planId,
    lead: row.lead,
    leadPath: row.leadPath,
    criterion: row.criterion,
    area: row.area,
    extended: row.extended,
    assignedAt: row.assignedAt,
    cancelledAt: row.cancelledAt,
  };
  if (!row.recurring) return [{ ...base, key: '', dueOn: row.dueOn, completedOn: row.completedOn, awaitingOn: row.awaitingOn }];
  return occurrencesOfTask(row.state).map((o) => {
    const report = row.state.occurrences[o.key];
    return { ...base, key: o.key, dueOn: o.dueOn, completedOn: counted(report), awaitingOn: awaiting(report) };
  });
}
