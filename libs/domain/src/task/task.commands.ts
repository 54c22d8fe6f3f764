import { LocalDate } from '../shared';
import { Evidence, RecurrenceEvery, TaskTarget } from './task.state';

/**
 * Assign one task to one lead office (the application fans out a list of lead offices).
 * The deadline is given as at most one of `dueOn` or `deadlinePhrase`, optionally with a
 * `recurrence` cadence; `recurrence.until` may be left out when the phrase gives it
 * ("Thường xuyên trong năm 2024" + monthly). Nothing given: no deadline.
 */
export interface AssignTask {
  type: 'AssignTask';
  taskId: string;
  planId: string;
  title: string;
  description?: string;
  lead: string;
  supporting?: string[];
  followUp?: string;
  criterion?: string;
  expectedOutcome?: string;
  target?: TaskTarget;
  parentTaskId?: string;
  /** A remediation task raised from an inspection finding (POST /v1/findings/:id/remediation). */
  findingId?: string;
  /** From the plan: whether a completion report waits for a leader's acceptance. */
  requiresAcceptance: boolean;
  /**
   * The plan's issuer, when the application checks the plan's scope (the API always does): the
   * leader must hold it in its subtree, and the lead offices must be under it.
   */
  planIssuer?: string;
  dueOn?: LocalDate;
  deadlinePhrase?: string;
  recurrence?: { every: RecurrenceEvery; until?: LocalDate };
  /** The plan's last day: where ongoing duties ("Thường xuyên", "Hằng quý") end unless the phrase says. */
  planEnd?: LocalDate;
  /**
   * The day the plan's directive was signed (the plan's start when it has none): "15 ngày kể từ
   * ngày ký" counts from it, not from the task's assignment.
   */
  planSignedOn?: LocalDate;
  /**
   * An import records a plan as printed: a deadline before the assignment is kept (with the
   * import's warning) instead of refused. Nothing else sets it.
   */
  acceptPastDeadline?: boolean;
}
export interface AcknowledgeTask {
  type: 'AcknowledgeTask';
}
export interface ReportProgress {
  type: 'ReportProgress';
  note: string;
  percent?: number;
  /** Files resolved by the application (`{ fileId }` → the file's recorded facts), documents, links. */
  evidence?: Evidence[];
}
/** `requestId` comes from the application (it is returned to the client). One of `dueOn`, `phrase`. */
export interface RequestExtension {
  type: 'RequestExtension';
  requestId: string;
  dueOn?: LocalDate;
  phrase?: string;
  reason: string;
}
export interface GrantExtension {
  type: 'GrantExtension';
  requestId: string;
  dueOn?: LocalDate;
  note?: string;
}
export interface DenyExtension {
  type: 'DenyExtension';
  requestId: string;
  reason: string;
}
export interface ChangeDeadline {
  type: 'ChangeDeadline';
  dueOn: LocalDate;
  reason: string;
}
/** `occurrence` (period key) only for a recurring task; it defaults to the earliest one not reported. */
export interface ReportCompletion {
  type: 'ReportCompletion';
  completedOn?: LocalDate;
  note: string;
  evidence?: Evidence[];
  achievedValue?: number;
  occurrence?: string;
}
/** `occurrence` defaults to the earliest one awaiting acceptance. */
export interface AcceptCompletion {
  type: 'AcceptCompletion';
  note?: string;
  occurrence?: string;
}
export interface ReturnCompletion {
  type: 'ReturnCompletion';
  reason: string;
  occurrence?: string;
}
export interface ReassignTask {
  type: 'ReassignTask';
  lead: string;
  reason: string;
  /** The plan's issuer (the API always gives it): the new lead must be under it, as at assignment. */
  planIssuer?: string;
}
/** Issued for each open task of an office being merged into `successor`. */
export interface MoveToSuccessor {
  type: 'MoveToSuccessor';
  successor: string;
  reason: string;
}
export interface CancelTask {
  type: 'CancelTask';
  reason: string;
}
/** Reopens a cancelled task, or a completed one (for a recurring task: `occurrence`, default the latest done). */
export interface ReopenTask {
  type: 'ReopenTask';
  reason: string;
  occurrence?: string;
}

export type TaskCommand =
  | AssignTask
  | AcknowledgeTask
  | ReportProgress
  | RequestExtension
  | GrantExtension
  | DenyExtension
  | ChangeDeadline
  | ReportCompletion
  | AcceptCompletion
  | ReturnCompletion
  | ReassignTask
  | MoveToSuccessor
  | CancelTask
  | ReopenTask;

export type TaskCommandType = TaskCommand['type'];
