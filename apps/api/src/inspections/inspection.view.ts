import { Finding, Inspection, findingStatusAt } from '@dondoc/domain/inspection';
import type { TaskState } from '@dondoc/domain/task';

/** `names`: office code → name, for the offices the inspection names (absent: the code stands). */
export function inspectionView(i: Inspection, version: number, names: ReadonlyMap<string, string> = new Map()) {
  return {
    id: i.id,
    code: i.code,
    title: i.title,
    inspectingOffice: i.inspectingOffice,
    inspectingOfficeName: names.get(i.inspectingOffice) ?? i.inspectingOffice,
    offices: i.offices.map((code) => ({ code, name: names.get(code) ?? code, conductedOn: i.conducted[code] ?? null })),
    period: i.period,
    criteria: i.criteria,
    plan: i.planId,
    target: i.target,
    status: i.status,
    conclusion: i.conclusion,
    cancelledReason: i.cancelledReason,
    version,
  };
}

/** A finding with its status at `asOf` and its remediation tasks' state then. */
export function findingView(f: Finding, version: number, tasks: ReadonlyMap<string, TaskState>, asOf: Date) {
  const at = findingStatusAt(f, tasks, asOf);
  return {
    id: f.id,
    inspectionId: f.inspectionId,
    inspectingOffice: f.inspectingOffice,
    office: f.office,
    criterion: f.criterion,
    severity: f.severity,
    description: f.description,
    requirement: f.requirement,
    plan: f.planId,
    recordedAt: f.recordedAt,
    status: f.status,
    resolution: f.resolution,
    withdrawnReason: f.withdrawnReason,
    remediation: f.remediation.map((r) => {
      const t = tasks.get(r.taskId);
      return { taskId: r.taskId, planId: r.planId, lead: t?.lead ?? null, title: t?.title ?? null, dueOn: t?.deadline.dueOn ?? null };
    }),
    asOf: asOf.toISOString(),
    remediationStatus: at?.status ?? null,
    dueOn: at?.dueOn ?? null,
    remediedOn: at?.remediedOn ?? null,
    version,
  };
}
