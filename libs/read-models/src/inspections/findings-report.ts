import { Rate, Rounding, rate, targetAttainment } from '@dondoc/domain/counting';
import { Finding, Inspection, findingDueAt, findingStatusAt } from '@dondoc/domain/inspection';
import type { Plan } from '@dondoc/domain/plan';
import { localDateOf } from '@dondoc/domain/shared';
import type { TaskState } from '@dondoc/domain/task';
import { areaOf } from '../tasks/task-row';

/**
 * The findings report (GET /v1/reports/findings), computed by one function for the live read
 * models and for the record replayed at `knownAt`, so both say the same.
 *
 * Per finding recorded by T (findingStatusAt gives its status at T):
 * - withdrawn  = findings withdrawn by T; every other figure leaves them out.
 * - recorded   = findings not withdrawn.
 * - remediedOnTime / remediedLate / overdue / open: their status at T (open: not remedied, not
 *   overdue, whether or not a task was raised yet).
 * - due        = remedied or overdue, or open with its remediation deadline on or before T's date.
 * - remediationRate = (remediedOnTime + remediedLate) / recorded; onTimeRate = remediedOnTime / due;
 *   overdueRate = overdue / due: numerator, denominator and percent from rate(), the completion
 *   report's code, with its rounding.
 * Offices inspected: per inspection in the report's scope, the offices planned and those visited
 * on or before T's date. A plan target of unit `count` named by inspections is measured by the
 * distinct offices they visited by then, its attainment as the targets report computes it.
 */
export type FindingGroupBy = 'office' | 'criterion' | 'area' | 'inspection';
export const FINDING_GROUP_BYS: readonly FindingGroupBy[] = ['office', 'criterion', 'area', 'inspection'];

export interface FindingCounts {
  recorded: number;
  remediedOnTime: number;
  remediedLate: number;
  open: number;
  overdue: number;
  due: number;
  withdrawn: number;
}

export interface FindingGroup extends FindingCounts {
  key: string | null;
  label: string | null;
  remediationRate: Rate<number>;
  onTimeRate: Rate<number>;
  overdueRate: Rate<number>;
}

export interface InspectedTarget {
  planId: string;
  code: string;
  name: string;
  comparator: string;
  target: string | null;
  actual: number;
  attainment: string | null;
  met: boolean;
}

export interface FindingsReport {
  asOf: string;
  groupBy: FindingGroupBy;
  rounding: Rounding;
  groups: FindingGroup[];
  total: Omit<FindingGroup, 'key' | 'label'>;
  offices: { planned: number; inspected: number; rate: Rate<number> };
  targets: InspectedTarget[];
}

export interface FindingsInput {
  findings: readonly Finding[];
  tasks: ReadonlyMap<string, TaskState>;
  /** The inspections in scope (for the offices inspected), and every one tied to a target plan. */
  inspections: readonly Inspection[];
  plans: ReadonlyMap<string, Plan>;
  officeName(code: string): string | null;
  inspectionTitle(id: string): string | null;
}

const empty = (): FindingCounts => ({ recorded: 0, remediedOnTime: 0, remediedLate: 0, open: 0, overdue: 0, due: 0, withdrawn: 0 });
const FIELD = {
  REMEDIED_ON_TIME: 'remediedOnTime',
  REMEDIED_LATE: 'remediedLate',
  OPEN: 'open',
  OVERDUE: 'overdue',
  WITHDRAWN: 'withdrawn',
} as const;

function withRates(c: FindingCounts, rounding: Rounding): Omit<FindingGroup, 'key' | 'label'> {
  return {
    ...c,
    remediationRate: rate(c.remediedOnTime + c.remediedLate, c.recorded, rounding),
    onTimeRate: rate(c.remediedOnTime, c.due, rounding),
    overdueRate: rate(c.overdue, c.due, rounding),
  };
}

const natural = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

function keyOf(f: Finding, groupBy: FindingGroupBy): string | null {
  switch (groupBy) {
    case 'office':
      return f.office;
    case 'criterion':
      return f.criterion;
    case 'area':
      return areaOf(f.criterion);
    case 'inspection':
      return f.inspectionId;
  }
}

export function findingsReport(input: FindingsInput, opts: { asOf: Date; groupBy: FindingGroupBy; rounding: Rounding }): FindingsReport {
  const { asOf, groupBy, rounding } = opts;
  const groups = new Map<string | null, FindingCounts>();
  const total = empty();
  for (const f of input.findings) {
    const c = findingStatusAt(f, input.tasks, asOf);
    if (!c) continue;
    const key = keyOf(f, groupBy);
    let counts = groups.get(key);
    if (!counts) groups.set(key, (counts = empty()));
    for (const k of [counts, total]) {
      k[FIELD[c.status]] += 1;
      if (c.status === 'WITHDRAWN') continue;
      k.recorded += 1;
      if (findingDueAt(c, asOf)) k.due += 1;
    }
  }
  const label = (key: string | null) =>
    key === null
      ? null
      : groupBy === 'office'
        ? (input.officeName(key) ?? key)
        : groupBy === 'inspection'
          ? (input.inspectionTitle(key) ?? key)
          : key;
  const byLabel = groupBy === 'office' || groupBy === 'inspection';
  const sorted = [...groups]
    .map(([key, counts]) => ({ key, label: label(key), ...withRates(counts, rounding) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
      return (
        (byLabel ? natural.compare(a.label ?? a.key, b.label ?? b.key) : 0) ||
        natural.compare(a.key, b.key) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
      );
    });
  return {
    asOf: asOf.toISOString(),
    groupBy,
    rounding,
    groups: sorted,
    total: withRates(total, rounding),
    ...inspected(input, asOf, rounding),
  };
}

function inspected(input: FindingsInput, asOf: Date, rounding: Rounding): Pick<FindingsReport, 'offices' | 'targets'> {
  const day = localDateOf(asOf);
  const visitedBy = (i: Inspection) => i.offices.filter((o) => i.conducted[o] !== undefined && i.conducted[o] <= day);
  const live = input.inspections.filter((i) => i.status !== 'cancelled');
  const planned = live.reduce((n, i) => n + i.offices.length, 0);
  const visited = live.reduce((n, i) => n + visitedBy(i).length, 0);
  const targets = new Map<string, Set<string>>();
  for (const i of live) {
    if (!i.planId || !i.target) continue;
    const key = `${i.planId}\u0000${i.target}`;
    const set = targets.get(key) ?? new Set<string>();
    visitedBy(i).forEach((o) => set.add(o));
    targets.set(key, set);
  }
  const rows: InspectedTarget[] = [];
  for (const [key, offices] of targets) {
    const [planId, code] = key.split('\u0000');
    const definition = input.plans.get(planId)?.targets[code]?.definition;
    if (!definition) continue;
    const { attainment, met } = targetAttainment(definition, offices.size, rounding);
    rows.push({
      planId,
      code,
      name: definition.name,
      comparator: definition.comparator,
      target: definition.value,
      actual: offices.size,
      attainment,
      met,
    });
  }
  rows.sort((a, b) => a.planId.localeCompare(b.planId) || natural.compare(a.code, b.code));
  return { offices: { planned, inspected: visited, rate: rate(visited, planned, rounding) }, targets: rows };
}
