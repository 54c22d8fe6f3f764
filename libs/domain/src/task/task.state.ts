import type { TargetComparator, TargetUnit } from '../counting';
import { LocalDate } from '../shared';

export type RecurrenceEvery = 'month' | 'quarter' | 'halfYear' | 'year';
export const RECURRENCE_EVERY: readonly RecurrenceEvery[] = ['month', 'quarter', 'halfYear', 'year'];

/**
 * A recurring task: one occurrence per period from the assignment (or `from`, when later) through
 * `until`. A yearly duty may be due on a fixed day of each year (`on`: `06-30`, "Tháng 6 hằng năm").
 */
export interface Recurrence {
  every: RecurrenceEvery;
  until: LocalDate;
  from?: LocalDate;
  on?: string;
  /** A yearly duty due the day before this day of each year ('03-01': 28 or 29 February); never with `on`. */
  before?: string;
}

/**
 * `dueOn` is the effective deadline (the latest granted or changed); `originalDueOn` the one assigned,
 * kept so that reports can count extended tasks. Both are null for a task without a deadline, whose
 * phrase may still say why ("Theo Kế hoạch CCHC năm 2024"). For a recurring task `dueOn` equals
 * `recurrence.until`, and moving the deadline moves the end of the series.
 */
export interface TaskDeadline {
  originalDueOn: LocalDate | null;
  dueOn: LocalDate | null;
  phrase: string | null;
  recurrence: Recurrence | null;
}

export interface TaskTarget {
  name: string;
  unit: TargetUnit;
  comparator: TargetComparator;
  value?: number;
  min?: number;
  max?: number;
  /** Plans sometimes mark a target as strictly required ("phải đạt"); kept as written. */
  strict?: boolean;
}

export type ExtensionStatus = 'pending' | 'granted' | 'denied';

export interface ExtensionRequest {
  requestId: string;
  requestedDueOn: LocalDate;
  phrase: string | null;
  reason: string;
  requestedAt: string;
  status: ExtensionStatus;
  grantedDueOn: LocalDate | null;
  decidedAt: string | null;
  /** The leader's note on a grant, or the reason of a denial. */
  note: string | null;
}

/** A document by number, a link or a title; or an uploaded file, recorded with its hash so the chain covers it. */
export type Evidence = DocumentEvidence | FileEvidence;
export interface DocumentEvidence {
  documentNumber?: string;
  url?: string;
  title?: string;
}
export interface FileEvidence {
  fileId: string;
  sha256: string;
  name: string;
  size: number;
  type: string;
}

export interface CompletionReport {
  completedOn: LocalDate;
  note: string;
  evidence: Evidence[];
  achievedValue: number | null;
  reportedAt: string;
  status: 'awaiting' | 'accepted';
  acceptedAt: string | null;
}

export interface TaskProgress {
  note: string;
  percent: number | null;
  at: string;
}

/**
 * What an assignment fixes about a task: recorded by TaskAssigned, kept in the state. A type, not
 * an interface, so that event data stays assignable to plain records.
 */
export type TaskAssignment = {
  planId: string;
  title: string;
  description: string | null;
  lead: string;
  supporting: string[];
  followUp: string | null;
  criterion: string | null;
  expectedOutcome: string | null;
  target: TaskTarget | null;
  parentTaskId: string | null;
  requiresAcceptance: boolean;
  assignedAt: string;
  assignedOn: LocalDate;
  /** A remediation task: the inspection finding it remedies (absent on every other task). */
  findingId?: string;
};

/** The task as its events leave it: plain data, serialisable as is. Instants are ISO strings. */
export interface TaskState extends TaskAssignment {
  id: string;
  deadline: TaskDeadline;
  extensions: ExtensionRequest[];
  acknowledgedAt: string | null;
  progress: TaskProgress | null;
  /** The live report of a one-off task; null when none or after a return. */
  completion: CompletionReport | null;
  /** The live report of each occurrence of a recurring task, keyed by period ('2024-03', '2024-Q1'). */
  occurrences: Record<string, CompletionReport>;
  cancelled: { at: string; reason: string } | null;
  /**
   * The last completion report a leader returned, until the office reports again (the work page's
   * "Bị trả lại" counter). Optional: a state stored before it existed has none.
   */
  returned?: { occurrence: string | null; reason: string; at: string } | null;
}

/** Before `TaskAssigned` there is no task. */
export const initialTaskState: TaskState | null = null;
