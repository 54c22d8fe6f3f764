import { percent } from '../counting';
import { addDays, daysBetween, LocalDate, localDateOf } from '../shared';
import { IsoWeek, isoWeekOfDate, mondayOf, sundayOf } from './iso-week';

/** An open item (not done, not cancelled, no report waiting) of the office, as the read models give it. */
export interface DigestTaskRow {
  taskId: string;
  /** The period of a recurring task's occurrence ("2024-03"); null for a one-off task. */
  occurrence: string | null;
  title: string;
  planTitle: string | null;
  directiveNumber: string | null;
  criterion: string | null;
  dueOn: LocalDate;
  /** A remediation task of an inspection finding (issue 20): marked as such in the list. */
  remediation?: boolean;
}

/**
 * Overdue remediation of the findings an office recorded (it inspected), per inspected office:
 * the inspecting office follows up on what it found (issue 20).
 */
export interface RemediationRow {
  office: string;
  name: string;
  /** Overdue remediation items of that office's findings. */
  overdue: number;
  /** The earliest deadline among them. */
  oldestDueOn: LocalDate;
}

/** Counts over an office's subtree as of the digest's instant (same window as the lines). */
export interface SubtreeCounts {
  /** Not cancelled. */
  assigned: number;
  /** Deadline passed or done: the denominator of the on-time rate. */
  due: number;
  doneOnTime: number;
  doneLate: number;
  overdue: number;
  dueThisWeek: number;
  dueSoon: number;
}

export interface DigestInput {
  office: { code: string; name: string; email: string | null };
  week: IsoWeek;
  asOf: Date;
  dueSoonDays: number;
  /** Where the web app answers (PUBLIC_URL): each line links to its task's page; null sends no links. */
  publicUrl?: string | null;
  tasks: DigestTaskRow[];
  /** The offices directly under this one, each with the counts of its whole subtree. */
  subOffices: { code: string; name: string; counts: SubtreeCounts }[];
  /** Overdue remediation of the findings this office recorded, per inspected office. */
  remediation?: RemediationRow[];
}

/** Days left ≤ 1 or ≤ 3: DOMAIN.md "Due soon" (digests flag 3 and 1 days). */
export type DueFlag = '1' | '3' | null;

export interface DigestLine extends DigestTaskRow {
  daysOverdue: number;
  daysLeft: number;
  flag: DueFlag;
}

export interface DigestSection {
  /** At most MAX_LINES, in order; `hidden` more are counted but not listed. */
  lines: DigestLine[];
  total: number;
  hidden: number;
}

export interface RollupRow extends SubtreeCounts {
  office: string;
  name: string;
  /** doneOnTime / due, two decimals half-up; null when nothing is due. */
  onTimePercent: string | null;
}

export interface DigestCounts {
  overdue: number;
  dueThisWeek: number;
  dueSoon: number;
  /** Totals over the offices under this one; null when it has none with tasks. */
  rollup: { offices: number; overdue: number; dueThisWeek: number; dueSoon: number } | null;
}

export interface DigestContent {
  office: { code: string; name: string; email: string | null };
  week: IsoWeek;
  asOf: string;
  today: LocalDate;
  weekFrom: LocalDate;
  weekTo: LocalDate;
  dueSoonDays: number;
  publicUrl: string | null;
  counts: DigestCounts;
  overdue: DigestSection;
  dueThisWeek: DigestSection;
  dueSoon: DigestSection;
  rollup: { rows: RollupRow[]; total: RollupRow } | null;
  /** Overdue remediation of its findings, worst first, with the total; null when none. */
  remediation: { rows: RemediationRow[]; total: number } | null;
}

/** Vietnamese alphabetical order, for ties (one collator: building one per comparison is slow). */
const VI = new Intl.Collator('vi');

/** A mail stays readable: longer sections list the first 100 and count the rest. */
export const MAX_LINES = 100;

/**
 * The window of a digest as of T: "overdue" is a deadline before T's local date; "due this week"
 * from that date through the Sunday of its ISO week; "due soon" after that Sunday and at most
 * `dueSoonDays` days after T's date. The three are disjoint, so the summary adds up.
 */
export function digestWindow(
  asOf: Date,
  dueSoonDays: number,
): { today: LocalDate; sunday: LocalDate; soonUntil: LocalDate; listUntil: LocalDate } {
  const today = localDateOf(asOf);
  const sunday = sundayOf(isoWeekOfDate(today));
  const soonUntil = addDays(today, dueSoonDays);
  return { today, sunday, soonUntil, listUntil: soonUntil > sunday ? soonUntil : sunday };
}

/**
 * What one office's digest says, or null when there is nothing to say: no item of its own is
 * overdue or due soon, and nothing under it is either. Rules (DOMAIN.md "Weekly digest"):
 * overdue lines most overdue first; due lines soonest first; ties by title. The roll-up lists the
 * offices directly under this one that have tasks, each counted over its subtree, worst first:
 * most overdue, then lowest on-time rate (none due last), then most due soon, then name.
 */
export function buildDigest(input: DigestInput): DigestContent | null {
  const { today, sunday, soonUntil } = digestWindow(input.asOf, input.dueSoonDays);
  const overdue: DigestLine[] = [];
  const thisWeek: DigestLine[] = [];
  const soon: DigestLine[] = [];
  for (const row of input.tasks) {
    const daysLeft = daysBetween(today, row.dueOn);
    const line: DigestLine = {
      ...row,
      daysLeft: Math.max(daysLeft, 0),
      daysOverdue: Math.max(-daysLeft, 0),
      flag: daysLeft < 0 ? null : daysLeft <= 1 ? '1' : daysLeft <= 3 ? '3' : null,
    };
    if (daysLeft < 0) overdue.push(line);
    else if (row.dueOn <= sunday) thisWeek.push(line);
    else if (row.dueOn <= soonUntil) soon.push(line);
  }
  const byTitle = (a: DigestLine, b: DigestLine) => VI.compare(a.title, b.title) || (a.occurrence ?? '').localeCompare(b.occurrence ?? '');
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || byTitle(a, b));
  thisWeek.sort((a, b) => a.daysLeft - b.daysLeft || byTitle(a, b));
  soon.sort((a, b) => a.daysLeft - b.daysLeft || byTitle(a, b));
  const rollup = rollupOf(input.subOffices);
  const below = rollup ? rollup.total.overdue + rollup.total.dueThisWeek + rollup.total.dueSoon : 0;
  const remediation = remediationOf(input.remediation ?? []);
  if (overdue.length + thisWeek.length + soon.length === 0 && below === 0 && !remediation) return null;
  return {
    office: input.office,
    week: input.week,
    asOf: input.asOf.toISOString(),
    today,
    weekFrom: mondayOf(input.week),
    weekTo: sundayOf(input.week),
    dueSoonDays: input.dueSoonDays,
    publicUrl: input.publicUrl ? input.publicUrl.replace(/\/+$/, '') : null,
    counts: {
      overdue: overdue.length,
      dueThisWeek: thisWeek.length,
      dueSoon: soon.length,
      rollup: rollup && {
        offices: rollup.rows.length,
        overdue: rollup.total.overdue,
        dueThisWeek: rollup.total.dueThisWeek,
        dueSoon: rollup.total.dueSoon,
      },
    },
    overdue: section(overdue),
    dueThisWeek: section(thisWeek),
    dueSoon: section(soon),
    rollup,
    remediation,
  };
}

/** Most overdue first, then the oldest deadline, then the name. */
function remediationOf(rows: RemediationRow[]): DigestContent['remediation'] {
  const listed = rows
    .filter((r) => r.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.oldestDueOn.localeCompare(b.oldestDueOn) || VI.compare(a.name, b.name));
  return listed.length ? { rows: listed, total: listed.reduce((n, r) => n + r.overdue, 0) } : null;
}

const section = (lines: DigestLine[]): DigestSection => ({
  lines: lines.slice(0, MAX_LINES),
  total: lines.length,
  hidden: Math.max(lines.length - MAX_LINES, 0),
});

const ZERO: SubtreeCounts = { assigned: 0, due: 0, doneOnTime: 0, doneLate: 0, overdue: 0, dueThisWeek: 0, dueSoon: 0 };
const FIELDS = Object.keys(ZERO) as (keyof SubtreeCounts)[];

function rollupOf(subOffices: DigestInput['subOffices']): DigestContent['rollup'] {
  const rows: RollupRow[] = subOffices
    .filter((s) => s.counts.assigned > 0)
    .map((s) => ({ office: s.code, name: s.name, ...s.counts, onTimePercent: percent(s.counts.doneOnTime, s.counts.due) }));
  if (rows.length === 0) return null;
  const rate = (r: RollupRow) => (r.onTimePercent === null ? Infinity : Number(r.onTimePercent));
  rows.sort(
    (a, b) =>
      b.overdue - a.overdue ||
      rate(a) - rate(b) ||
      b.dueThisWeek + b.dueSoon - (a.dueThisWeek + a.dueSoon) ||
      VI.compare(a.name, b.name) ||
      a.office.localeCompare(b.office),
  );
  const sums = Object.fromEntries(FIELDS.map((f) => [f, rows.reduce((n, r) => n + r[f], 0)])) as unknown as SubtreeCounts;
  return { rows, total: { office: '', name: 'Tổng cộng', ...sums, onTimePercent: percent(sums.doneOnTime, sums.due) } };
}
