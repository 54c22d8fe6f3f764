import type { TargetInput } from '../plan';
import type { LocalDate } from '../shared';
import type { RecurrenceEvery, TaskTarget } from '../task';

/**
 * A plan file as read, before it meets the database: the same shape whether it came as JSON
 * (the fixture's shape), CSV or XLSX. Values are normalised (trimmed, NFC, lists as lists) but not
 * resolved: leads may still name groups, deadlines are still phrases. `at` says where each part
 * was written, so that every error names the place: `tasks[II.3.a]`, `rows[7]`, `query`.
 */
export type ImportFormat = 'json' | 'csv' | 'xlsx';

export interface ImportOffice {
  code: string;
  name: string;
  parent: string | null;
  level: string | null;
  email: string | null;
  at: string;
}

export interface ImportGroup {
  name: string;
  members: string[];
  at: string;
}

export interface ImportDirective {
  number: string;
  kind: string;
  issuedOn: LocalDate;
  issuer: string;
  title: string;
  basis: string[];
  at: string;
}

export type PlanField =
  'code' | 'directive' | 'issuer' | 'title' | 'from' | 'to' | 'assignedOn' | 'followUp' | 'requiresAcceptance' | 'targets';

export interface ImportPlanHead {
  code: string | null;
  /** The number of the directive that adopts the plan: one of the file's directives, or one already recorded. */
  directive: string | null;
  issuer: string | null;
  title: string | null;
  period: { from: LocalDate | null; to: LocalDate | null };
  /** The back-fill date: the plan and its tasks are recorded as assigned on this day. */
  assignedOn: LocalDate | null;
  followUp: string | null;
  requiresAcceptance: boolean;
  targets: TargetInput[];
  /** Where each field was written: `plans[0].code`, `rows[2].Mã kế hoạch`, `query.code`. */
  at: Record<PlanField, string>;
}

export type TaskField =
  | 'ref'
  | 'title'
  | 'description'
  | 'lead'
  | 'supporting'
  | 'followUp'
  | 'deadline'
  | 'recurrence'
  | 'criterion'
  | 'alsoCriteria'
  | 'criterionName'
  | 'expectedOutcome'
  | 'target';

export interface ImportTask {
  ref: string;
  title: string;
  description: string | null;
  /** Office codes or group names, as written; several mean one task per office. */
  lead: string[];
  /** Office codes, group names, or `*` (every office under the issuer). */
  supporting: string[];
  followUp: string | null;
  /** A date or a phrase as written; null: no deadline. */
  deadline: string | null;
  recurrence: { every: RecurrenceEvery; until?: LocalDate } | null;
  criterion: string | null;
  alsoCriteria: string[];
  criterionName: string | null;
  expectedOutcome: string | null;
  target: TaskTarget | null;
  /** `tasks[II.3.a]` or `rows[7]`. */
  at: string;
  /** For a table: the column header of each field as written in the file (`Thời hạn`). */
  columns?: Partial<Record<TaskField, string>>;
  /**
   * For a table: the office cells as printed, before splitting: a name may contain commas
   * ("Phòng Văn hóa, Thể thao và Du lịch"), so the resolver splits them only where the pieces are
   * known names (office-names.ts). Not part of the content hash (`lead`, `supporting` are).
   */
  printed?: { lead: string; supporting: string; followUp: string };
}

export interface ImportDocument {
  format: ImportFormat;
  offices: ImportOffice[];
  groups: ImportGroup[];
  directives: ImportDirective[];
  plan: ImportPlanHead;
  tasks: ImportTask[];
}

/** The error field of a task's value: `tasks[II.3.a].lead`, `rows[7].Thời hạn`. */
export function taskFieldAt(task: Pick<ImportTask, 'at' | 'columns'>, field: TaskField): string {
  return `${task.at}.${task.columns?.[field] ?? field}`;
}

export const MAX_IMPORT_TASKS = 50_000;
