import { DomainEvent, LocalDate } from '../shared';
import { Evidence, Recurrence, TaskAssignment } from './task.state';

/** Instants in event data are ISO strings: `evolve` sees data only, never the stored metadata. */
export type TaskAssigned = DomainEvent<
  'TaskAssigned',
  TaskAssignment & {
    taskId: string;
    /** Resolved when assigned; `dueOn` null means no deadline. */
    deadline: { dueOn: LocalDate | null; phrase: string | null; recurrence: Recurrence | null };
  }
>;
export type TaskAcknowledged = DomainEvent<'TaskAcknowledged', { office: string; at: string }>;
/** `evidence` is absent from reports recorded before files were attached (issue 18). */
export type ProgressReported = DomainEvent<'ProgressReported', { note: string; percent: number | null; evidence?: Evidence[]; at: string }>;
export type ExtensionRequested = DomainEvent<
  'ExtensionRequested',
  { requestId: string; currentDueOn: LocalDate; dueOn: LocalDate; phrase: string | null; reason: string; at: string }
>;
export type ExtensionGranted = DomainEvent<
  'ExtensionGranted',
  { requestId: string; previousDueOn: LocalDate; dueOn: LocalDate; note: string | null; at: string }
>;
export type ExtensionDenied = DomainEvent<'ExtensionDenied', { requestId: string; reason: string; at: string }>;
export type DeadlineChanged = DomainEvent<
  'DeadlineChanged',
  { previousDueOn: LocalDate | null; dueOn: LocalDate; reason: string; at: string }
>;
export type CompletionReported = DomainEvent<
  'CompletionReported',
  {
    /** The period key of a recurring task's occurrence; null for a one-off task. */
    occurrence: string | null;
    completedOn: LocalDate;
    note: string;
    evidence: Evidence[];
    achievedValue: number | null;
    at: string;
    /** True when the plan does not require acceptance: the report is final at once. */
    final: boolean;
  }
>;
export type CompletionAccepted = DomainEvent<
  'CompletionAccepted',
  { occurrence: string | null; completedOn: LocalDate; note: string | null; at: string }
>;
export type CompletionReturned = DomainEvent<
  'CompletionReturned',
  { occurrence: string | null; completedOn: LocalDate; reason: string; at: string }
>;
export type TaskReassigned = DomainEvent<
  'TaskReassigned',
  { from: string; to: string; reason: string; cause: 'reassigned' | 'officeMerged'; at: string }
>;
export type TaskCancelled = DomainEvent<'TaskCancelled', { reason: string; at: string }>;
export type TaskReopened = DomainEvent<
  'TaskReopened',
  { from: 'cancelled' | 'completed'; occurrence: string | null; reason: string; at: string }
>;

export type TaskEvent =
  | TaskAssigned
  | TaskAcknowledged
  | ProgressReported
  | ExtensionRequested
  | ExtensionGranted
  | ExtensionDenied
  | DeadlineChanged
  | CompletionReported
  | CompletionAccepted
  | CompletionReturned
  | TaskReassigned
  | TaskCancelled
  | TaskReopened;

export type TaskEventType = TaskEvent['type'];

export const TASK_EVENT_TYPES: readonly TaskEventType[] = [
  'TaskAssigned',
  'TaskAcknowledged',
  'ProgressReported',
  'ExtensionRequested',
  'ExtensionGranted',
  'ExtensionDenied',
  'DeadlineChanged',
  'CompletionReported',
  'CompletionAccepted',
  'CompletionReturned',
  'TaskReassigned',
  'TaskCancelled',
  'TaskReopened',
];
