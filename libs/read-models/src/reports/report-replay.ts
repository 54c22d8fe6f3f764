import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, START } from '@dondoc/event-store';
import { IndexFramework, Rounding } from '@dondoc/domain/counting';
import { DIRECTIVE_EVENT_TYPES, Directive, DirectiveEvent, DirectiveState, evolveDirective } from '@dondoc/domain/directive';
import { OFFICE_EVENT_TYPES, OfficeEvent } from '@dondoc/domain/office';
import { PLAN_EVENT_TYPES, Plan, PlanEvent, PlanState, evolvePlan } from '@dondoc/domain/plan';
import { daysBetween, localDateOf } from '@dondoc/domain/shared';
import { TASK_EVENT_TYPES, TaskEvent, TaskState, evolveTask, taskItemsAt } from '@dondoc/domain/task';
import { areaOf } from '../tasks/task-row';
import {
  CompletionReport,
  GroupBy,
  ListedItem,
  OverdueItem,
  OverdueReport,
  ReportFilter,
  ReportItem,
  ReportLabels,
  compareListed,
  compareOverdue,
  completionFromItems,
  matchesFilter,
} from './report-model';

/**
 * The record as it stood at `knownAt`: every task, plan, directive, office and index framework
 * folded from the events recorded by then. What the live read models said at that moment,
 * rebuilt in memory for inspectors (`knownAt`), without touching the read models.
 */
export interface KnownSnapshot {
  knownAt: Date;
  tasks: TaskState[];
  plans: Map<string, Plan>;
  directives: Map<string, Directive>;
  offices: Map<string, { name: string; parent: string | null; path: string }>;
  /** Area code → name, from the latest framework version that has the area. */
  areaNames: Map<string, string>;
}

const PAGE = 5000;
const TYPES = [
  ...TASK_EVENT_TYPES,
  ...PLAN_EVENT_TYPES,
  ...DIRECTIVE_EVENT_TYPES,
  ...OFFICE_EVENT_TYPES,
  'IndexFrameworkRegistered',
  'IndexFrameworkAmended',
];

@Injectable()
export class ReportReplay {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Reads the events recorded at or before `knownAt` (in log order, paged, through the store) and folds them. */
  async snapshot(knownAt: Date): Promise<KnownSnapshot> {
    const tasks = new Map<string, TaskState | null>();
    const plans = new Map<string, PlanState>();
    const directives = new Map<string, DirectiveState>();
    const offices = new Map<string, { name: string; parent: string | null }>();
    const frameworks = new Map<string, IndexFramework>();
    let after = START;
    for (;;) {
      const page = await this.store.readAll({ after, limit: PAGE, knownAt, filter: { types: TYPES } });
      for (const r of page.events) {
        const id = r.streamId.slice(r.streamId.indexOf('-') + 1);
        const e = { type: r.type, data: r.data };
        if (r.streamId.startsWith('task-') && TASK_EVENT_TYPES.includes(r.type as never)) {
          tasks.set(id, evolveTask(tasks.get(id) ?? null, e as TaskEvent));
        } else if (r.streamId.startsWith('plan-') && PLAN_EVENT_TYPES.includes(r.type as never)) {
          plans.set(id, evolvePlan(plans.get(id) ?? null, e as PlanEvent));
        } else if (r.streamId.startsWith('directive-') && DIRECTIVE_EVENT_TYPES.includes(r.type as never)) {
          directives.set(id, evolveDirective(directives.get(id) ?? null, e as DirectiveEvent));
        } else if (OFFICE_EVENT_TYPES.includes(r.type as never)) {
          foldOffice(offices, e as OfficeEvent);
        } else if (r.type === 'IndexFrameworkRegistered' || r.type === 'IndexFrameworkAmended') {
          // The latest values of each version (an amendment supersedes the registration).
          const { reason: _reason, ...framework } = r.data as IndexFramework & { reason?: string };
          frameworks.set(r.streamId, framework);
        }
      }
      if (page.events.length < PAGE) break;
      after = page.position;
    }
    return {
      knownAt,
      tasks: [...tasks.values()].filter((t): t is TaskState => t !== null),
      plans: compact(plans),
      directives: compact(directives),
      offices: withPaths(offices),
      areaNames: areaNames([...frameworks.values()]),
    };
  }
}

/** The same office tree the office projector keeps: registered, renamed, moved (with its subtree). */
export function foldOffice(offices: Map<string, { name: string; parent: string | null }>, event: OfficeEvent): void {
  const d = event.data;
  const current = offices.get(d.code);
  switch (event.type) {
    case 'OfficeRegistered':
      offices.set(d.code, { name: event.data.name, parent: event.data.parent });
      break;
    case 'OfficeRenamed':
      if (current) current.name = event.data.name;
      break;
    case 'OfficeMoved':
      if (current) current.parent = event.data.parent;
      break;
    default:
      break;
  }
}

export function withPaths(offices: Map<string, { name: string; parent: string | null }>): KnownSnapshot['offices'] {
  const paths = new Map<string, string>();
  const pathOf = (code: string, depth = 0): string => {
    const known = paths.get(code);
    if (known) return known;
    const parent = offices.get(code)?.parent;
    const path = `${parent && depth < 64 ? pathOf(parent, depth + 1) : '/'}${code}/`;
    paths.set(code, path);
    return path;
  };
  return new Map([...offices].map(([code, o]) => [code, { ...o, path: pathOf(code) }]));
}

function areaNames(frameworks: IndexFramework[]): Map<string, string> {
  const sorted = [...frameworks].sort((a, b) => b.year - a.year || a.code.localeCompare(b.code) || a.level.localeCompare(b.level));
  const names = new Map<string, string>();
  for (const f of sorted) for (const a of f.areas) if (!names.has(a.code)) names.set(a.code, a.name);
  return names;
}

function compact<S>(m: Map<string, S | null>): Map<string, S> {
  return new Map([...m].filter((e): e is [string, S] => e[1] !== null));
}

/** Every countable item of tasks assigned at or before `asOf`, classified at `asOf` by taskItemsAt. */
export function replayItems(snapshot: KnownSnapshot, asOf: Date): ReportItem[] {
  return snapshot.tasks
    .filter((t) => Date.parse(t.assignedAt) <= asOf.getTime())
    .flatMap((t) =>
      taskItemsAt(t, asOf).map((item) => ({
        taskId: t.id,
        key: item.key,
        title: t.title,
        planId: t.planId,
        lead: t.lead,
        leadPath: snapshot.offices.get(t.lead)?.path ?? `/?/${t.lead}/`,
        criterion: t.criterion,
        area: areaOf(t.criterion),
        dueOn: item.dueOn,
        assignedOn: localDateOf(new Date(t.assignedAt)),
        extended: t.deadline.originalDueOn !== t.deadline.dueOn,
        status: item.status,
      })),
    );
}

export function snapshotLabels(snapshot: KnownSnapshot): ReportLabels {
  return {
    officeName: (code) => snapshot.offices.get(code)?.name ?? null,
    planTitle: (id) => snapshot.plans.get(id)?.title ?? null,
    areaName: (code) => snapshot.areaNames.get(code) ?? null,
  };
}

const planDirective = (snapshot: KnownSnapshot) => (planId: string) => snapshot.plans.get(planId)?.directiveId ?? null;

/** The overdue report from a snapshot: the same lines as ReportQuery.overdue over the read models. */
export function replayOverdue(snapshot: KnownSnapshot, filter: ReportFilter, asOf: Date): OverdueReport {
  const td = localDateOf(asOf);
  const items: OverdueItem[] = replayListed(snapshot, asOf, 'OVERDUE', filter).map((i) => ({
    ...i,
    daysOverdue: daysBetween(i.dueOn, td),
  }));
  return { asOf: asOf.toISOString(), items: items.sort(compareOverdue) };
}

/** The items done late by `asOf` within the filter's period, as ReportQuery.doneLate lists them live. */
export function replayDoneLate(snapshot: KnownSnapshot, filter: ReportFilter, asOf: Date): ListedItem[] {
  return replayListed(snapshot, asOf, 'DONE_LATE', filter).sort(compareListed);
}

function replayListed(snapshot: KnownSnapshot, asOf: Date, status: 'OVERDUE' | 'DONE_LATE', filter: ReportFilter): ListedItem[] {
  return replayItems(snapshot, asOf)
    .filter((i) => i.status === status && i.dueOn !== null && matchesFilter(i, filter, planDirective(snapshot)))
    .map((i) => {
      const plan = snapshot.plans.get(i.planId);
      const directive = plan?.directiveId ? snapshot.directives.get(plan.directiveId) : undefined;
      return {
        taskId: i.taskId,
        occurrence: i.key,
        title: i.title,
        lead: i.lead,
        leadName: snapshot.offices.get(i.lead)?.name ?? null,
        plan: { id: i.planId, title: plan?.title ?? null },
        directiveNumber: directive?.number ?? null,
        criterion: i.criterion,
        dueOn: i.dueOn as string,
      };
    });
}

/** The completion report from a snapshot, counted and rated by the code the SQL path uses. */
export function replayCompletion(
  snapshot: KnownSnapshot,
  filter: ReportFilter,
  opts: { asOf: Date; groupBy: GroupBy; rounding: Rounding },
): CompletionReport {
  const items = replayItems(snapshot, opts.asOf).filter((i) => matchesFilter(i, filter, planDirective(snapshot)));
  return completionFromItems(items, {
    groupBy: opts.groupBy,
    asOf: opts.asOf,
    asOfDate: localDateOf(opts.asOf),
    rounding: opts.rounding,
    period: filter.period ?? null,
    labels: snapshotLabels(snapshot),
  });
}
