import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore, START } from '@dondoc/event-store';
import {
  FINDING_EVENT_TYPES,
  Finding,
  FindingEvent,
  FindingState,
  INSPECTION_EVENT_TYPES,
  Inspection,
  InspectionEvent,
  InspectionState,
  evolveFinding,
  evolveInspection,
} from '@dondoc/domain/inspection';
import { OFFICE_EVENT_TYPES, OfficeEvent } from '@dondoc/domain/office';
import { foldOffice, withPaths } from '../reports/report-replay';
import { PLAN_EVENT_TYPES, Plan, PlanEvent, PlanState, evolvePlan } from '@dondoc/domain/plan';
import { TASK_EVENT_TYPES, TaskEvent, TaskState, evolveTask } from '@dondoc/domain/task';
import { FindingsInput } from './findings-report';
import { FindingsFilter } from './inspection.query';

const PAGE = 5000;
const TYPES = [...INSPECTION_EVENT_TYPES, ...FINDING_EVENT_TYPES, ...TASK_EVENT_TYPES, ...PLAN_EVENT_TYPES, ...OFFICE_EVENT_TYPES];

/** Inspections, findings, their tasks and plans, and the office tree, as recorded by `knownAt`. */
export interface FindingsSnapshot {
  inspections: Inspection[];
  findings: Finding[];
  tasks: Map<string, TaskState>;
  plans: Map<string, Plan>;
  offices: Map<string, { name: string; parent: string | null; path: string }>;
}

/**
 * The findings report's record as it stood at `knownAt`, folded in memory from the log (as
 * ReportReplay does for tasks), filtered as InspectionQuery.reportInput filters the read models.
 */
@Injectable()
export class FindingsReplay {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async snapshot(knownAt: Date): Promise<FindingsSnapshot> {
    const inspections = new Map<string, InspectionState>();
    const findings = new Map<string, FindingState>();
    const tasks = new Map<string, TaskState | null>();
    const plans = new Map<string, PlanState>();
    const offices = new Map<string, { name: string; parent: string | null }>();
    let after = START;
    for (;;) {
      const page = await this.store.readAll({ after, limit: PAGE, knownAt, filter: { types: TYPES } });
      for (const r of page.events) {
        const id = r.streamId.slice(r.streamId.indexOf('-') + 1);
        const e = { type: r.type, data: r.data };
        if (r.streamId.startsWith('inspection-')) inspections.set(id, evolveInspection(inspections.get(id) ?? null, e as InspectionEvent));
        else if (r.streamId.startsWith('finding-')) findings.set(id, evolveFinding(findings.get(id) ?? null, e as FindingEvent));
        else if (r.streamId.startsWith('task-')) tasks.set(id, evolveTask(tasks.get(id) ?? null, e as TaskEvent));
        else if (r.streamId.startsWith('plan-') && PLAN_EVENT_TYPES.includes(r.type as never))
          plans.set(id, evolvePlan(plans.get(id) ?? null, e as PlanEvent));
        else if (OFFICE_EVENT_TYPES.includes(r.type as never)) foldOffice(offices, e as OfficeEvent);
      }
      if (page.events.length < PAGE) break;
      after = page.position;
    }
    return {
      inspections: [...inspections.values()].filter((s): s is Inspection => s !== null),
      findings: [...findings.values()].filter((s): s is Finding => s !== null),
      tasks: new Map([...tasks].filter((e): e is [string, TaskState] => e[1] !== null)),
      plans: new Map([...plans].filter((e): e is [string, Plan] => e[1] !== null)),
      offices: withPaths(offices),
    };
  }
}

/** The snapshot's report input under the same filter as the live query. */
export function replayInput(s: FindingsSnapshot, filter: FindingsFilter): FindingsInput {
  const path = (code: string) => s.offices.get(code)?.path ?? `/?/${code}/`;
  const findings = s.findings.filter(
    (f) =>
      (!filter.officePath || path(f.office).startsWith(filter.officePath)) &&
      (!filter.office || f.office === filter.office) &&
      (!filter.inspectionId || f.inspectionId === filter.inspectionId),
  );
  const inspections = s.inspections.filter((i) => {
    const codes = [i.inspectingOffice, ...i.offices];
    return (
      (!filter.officePath || codes.some((c) => path(c).startsWith(filter.officePath as string))) &&
      (!filter.office || codes.includes(filter.office)) &&
      (!filter.inspectionId || i.id === filter.inspectionId)
    );
  });
  const titles = new Map(s.inspections.map((i) => [i.id, i.title]));
  return {
    findings,
    tasks: s.tasks,
    inspections,
    plans: s.plans,
    officeName: (code) => s.offices.get(code)?.name ?? null,
    inspectionTitle: (id) => titles.get(id) ?? null,
  };
}
