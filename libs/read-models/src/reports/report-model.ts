import { Rate, Rounding, isInPeriod, rate } from '@dondoc/domain/counting';
import { LocalDate } from '@dondoc/domain/shared';
import type { TaskStatus } from '@dondoc/domain/task';

/**
 * What the reports count, shared by the SQL path (read models, "now") and the replay path
 * (events known at `knownAt`, folded in memory). Both produce the same counts per group; the
 * rates, labels and order are made here, once.
 *
 * Rules (DOMAIN.md, Counting), per countable item (a task, or one occurrence of a recurring
 * task) assigned at or before T, classified at T:
 * - cancelled   = CANCELLED items; every other figure leaves them out.
 * - assigned    = items not cancelled.
 * - due         = not cancelled, and either the deadline's local date ≤ T's local date, or done
 *                 (DONE_ON_TIME / DONE_LATE) by T.
 * - extended    = items (not cancelled) of tasks whose effective deadline differs from the original.
 * - completionRate = (doneOnTime + doneLate) / assigned; onTimeRate = doneOnTime / due;
 *   overdueRate = overdue / due. Each is { numerator, denominator, percent } from rate().
 *
 * Period (from/to or a preset): an item is selected when its deadline falls in the period; an
 * item without a deadline when it was assigned (local date) in the period. Without any period
 * parameter nothing is filtered by date: every item assigned by T counts.
 */
export type GroupBy = 'office' | 'criterion' | 'area' | 'plan';
export const GROUP_BYS: readonly GroupBy[] = ['office', 'criterion', 'area', 'plan'];

export interface CompletionCounts {
  assigned: number;
  due: number;
  doneOnTime: number;
  doneLate: number;
  inProgress: number;
  overdue: number;
  awaitingAcceptance: number;
  cancelled: number;
  noDeadline: number;
  extended: number;
}

export const COUNT_FIELDS: readonly (keyof CompletionCounts)[] = [
  'assigned',
  'due',
  'doneOnTime',
  'doneLate',
  'inProgress',
  'overdue',
  'awaitingAcceptance',
  'cancelled',
  'noDeadline',
  'extended',
];

export interface CompletionGroup extends CompletionCounts {
  key: string | null;
  label: string | null;
  completionRate: Rate<number>;
  onTimeRate: Rate<number>;
  overdueRate: Rate<number>;
}

export type CompletionTotal = Omit<CompletionGroup, 'key' | 'label'>;

export interface CompletionReport {
  asOf: string;
  groupBy: GroupBy;
  period: { from: LocalDate | null; to: LocalDate } | null;
  rounding: Rounding;
  groups: CompletionGroup[];
  total: CompletionTotal;
}

/** One item of a report's list (an overdue task, a task done late): one line per occurrence of a recurring task. */
export interface ListedItem {
  taskId: string;
  /** The occurrence key ('2024-03', '2024-Q1') of a recurring task; null for a one-off task. */
  occurrence: string | null;
  title: string;
  /** Lead office code, and its name. */
  lead: string;
  leadName: string | null;
  plan: { id: string; title: string | null };
  directiveNumber: string | null;
  criterion: string | null;
  dueOn: LocalDate;
}

export interface OverdueItem extends ListedItem {
  daysOverdue: number;
}

export interface OverdueReport {
  asOf: string;
  items: OverdueItem[];
}

/** One countable item with its status at T: what the replay path builds from task states. */
export interface ReportItem {
  taskId: string;
  key: string | null;
  title: string;
  planId: string;
  lead: string;
  leadPath: string;
  criterion: string | null;
  area: string | null;
  dueOn: LocalDate | null;
  assignedOn: LocalDate;
  extended: boolean;
  status: TaskStatus;
}

export interface ReportFilter {
  /** Lead offices at or under this path (null: everywhere). */
  leadPath: string | null;
  /** Exactly this lead office (an officer's own office). */
  lead?: string | null;
  planId?: string | null;
  /** Items of plans adopted by this directive. */
  directiveId?: string | null;
  /** The reporting period; null: no date filter. */
  period?: { from: LocalDate | null; to: LocalDate } | null;
}

export const emptyCounts = (): CompletionCounts => ({
  assigned: 0,
  due: 0,
  doneOnTime: 0,
  doneLate: 0,
  inProgress: 0,
  overdue: 0,
  awaitingAcceptance: 0,
  cancelled: 0,
  noDeadline: 0,
  extended: 0,
});

const DONE: readonly TaskStatus[] = ['DONE_ON_TIME', 'DONE_LATE'];
const STATUS_FIELD: Record<TaskStatus, keyof CompletionCounts> = {
  DONE_ON_TIME: 'doneOnTime',
  DONE_LATE: 'doneLate',
  IN_PROGRESS: 'inProgress',
  OVERDUE: 'overdue',
  AWAITING_ACCEPTANCE: 'awaitingAcceptance',
  CANCELLED: 'cancelled',
  NO_DEADLINE: 'noDeadline',
};

/** Adds one item, classified at T (local date `asOfDate`), to the counts. */
export function countItem(counts: CompletionCounts, item: Pick<ReportItem, 'status' | 'dueOn' | 'extended'>, asOfDate: LocalDate): void {
  counts[STATUS_FIELD[item.status]] += 1;
  if (item.status === 'CANCELLED') return;
  counts.assigned += 1;
  if (DONE.includes(item.status) || (item.dueOn !== null && item.dueOn <= asOfDate)) counts.due += 1;
  if (item.extended) counts.extended += 1;
}

/** The period rule: deadline in the period; without a deadline, assignment date in the period. */
export function inReportPeriod(item: Pick<ReportItem, 'dueOn' | 'assignedOn'>, period: ReportFilter['period']): boolean {
  if (!period) return true;
  return isInPeriod(item.dueOn ?? item.assignedOn, period);
}

export function withRates(counts: CompletionCounts, rounding: Rounding): CompletionTotal {
  return {
    ...counts,
    completionRate: rate(counts.doneOnTime + counts.doneLate, counts.assigned, rounding),
    onTimeRate: rate(counts.doneOnTime, counts.due, rounding),
    overdueRate: rate(counts.overdue, counts.due, rounding),
  };
}

export function completionGroup(key: string | null, label: string | null, counts: CompletionCounts, rounding: Rounding): CompletionGroup {
  return { key, label, ...withRates(counts, rounding) };
}

const natural = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/**
 * Groups in a stable order: criteria and areas by code in natural order (1.2 < 1.10 < 2),
 * offices and plans by label then key; the group without a key (no criterion, no area) last.
 */
export function sortGroups(groups: CompletionGroup[], groupBy: GroupBy): CompletionGroup[] {
  const byLabel = groupBy === 'office' || groupBy === 'plan';
  return [...groups].sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
    if (byLabel) {
      const c = natural.compare(a.label ?? a.key, b.label ?? b.key);
      if (c !== 0) return c;
    }
    return natural.compare(a.key, b.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  });
}

/** Most overdue first, then as compareListed. */
export function compareOverdue(a: OverdueItem, b: OverdueItem): number {
  return b.daysOverdue - a.daysOverdue || compareListed(a, b);
}

/** The earlier deadline first, then the title (then ids, for a stable order). */
export function compareListed(a: ListedItem, b: ListedItem): number {
  return (
    (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) ||
    natural.compare(a.title, b.title) ||
    (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0) ||
    (a.occurrence ?? '').localeCompare(b.occurrence ?? '')
  );
}

export function groupKeyOf(item: ReportItem, groupBy: GroupBy): string | null {
  switch (groupBy) {
    case 'office':
      return item.lead;
    case 'criterion':
      return item.criterion;
    case 'area':
      return item.area;
    case 'plan':
      return item.planId;
  }
}

/** Labels for group keys: office names, plan titles, area names where an index framework knows them. */
export interface ReportLabels {
  officeName(code: string): string | null;
  planTitle(id: string): string | null;
  areaName(code: string): string | null;
}

export function labelOf(key: string | null, groupBy: GroupBy, labels: ReportLabels): string | null {
  if (key === null) return null;
  switch (groupBy) {
    case 'office':
      return labels.officeName(key) ?? key;
    case 'plan':
      return labels.planTitle(key) ?? key;
    case 'criterion':
      return key;
    case 'area':
      return labels.areaName(key) ?? key;
  }
}

/** The completion report of items already filtered (replay path), grouped and rated. */
export function completionFromItems(
  items: readonly ReportItem[],
  opts: { groupBy: GroupBy; asOf: Date; asOfDate: LocalDate; rounding: Rounding; period: CompletionReport['period']; labels: ReportLabels },
): CompletionReport {
  const groups = new Map<string | null, CompletionCounts>();
  const total = emptyCounts();
  for (const item of items) {
    const key = groupKeyOf(item, opts.groupBy);
    let counts = groups.get(key);
    if (!counts) groups.set(key, (counts = emptyCounts()));
    countItem(counts, item, opts.asOfDate);
    countItem(total, item, opts.asOfDate);
  }
  return {
    asOf: opts.asOf.toISOString(),
    groupBy: opts.groupBy,
    period: opts.period,
    rounding: opts.rounding,
    groups: sortGroups(
      [...groups].map(([key, counts]) => completionGroup(key, labelOf(key, opts.groupBy, opts.labels), counts, opts.rounding)),
      opts.groupBy,
    ),
    total: withRates(total, opts.rounding),
  };
}

/** Applies a report filter to replayed items (the SQL path does the same in its WHERE). */
export function matchesFilter(item: ReportItem, filter: ReportFilter, planDirective: (planId: string) => string | null): boolean {
  if (filter.leadPath && !item.leadPath.startsWith(filter.leadPath)) return false;
  if (filter.lead && item.lead !== filter.lead) return false;
  if (filter.planId && item.planId !== filter.planId) return false;
  if (filter.directiveId && planDirective(item.planId) !== filter.directiveId) return false;
  return inReportPeriod(item, filter.period ?? null);
}
