import { Occurrence, occurrencesOf } from './task-occurrences';
import { CompletionReport, TaskState } from './task.state';

/** The occurrences of a recurring task; empty for a one-off task. */
export function occurrencesOfTask(state: TaskState): Occurrence[] {
  const { recurrence } = state.deadline;
  return recurrence ? occurrencesOf(state.assignedOn, recurrence) : [];
}

export function isRecurring(state: TaskState): boolean {
  return state.deadline.recurrence !== null;
}

/** Finally completed: the report (every occurrence's, for a recurring task) is accepted. */
export function isCompleted(state: TaskState): boolean {
  if (!isRecurring(state)) return state.completion?.status === 'accepted';
  return occurrencesOfTask(state).every((o) => state.occurrences[o.key]?.status === 'accepted');
}

export function liveReport(state: TaskState, occurrence: string | null): CompletionReport | null {
  return occurrence === null ? state.completion : (state.occurrences[occurrence] ?? null);
}
