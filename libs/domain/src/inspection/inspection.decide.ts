import { CommandContext, Decider, assertNever, conflict, forbidden, invalid, notFound } from '../shared';
import { assertOfficeCode, optionalText, requireRole, requireText, requireWithinSubtree } from '../office';
import { InspectionCommand, PlanInspection } from './inspection.commands';
import { InspectionEvent } from './inspection.events';
import { evolveInspection } from './inspection.evolve';
import {
  parseCriterion,
  parseDate,
  parseOffices,
  parsePeriod,
  requireInspected,
  requireNotInFuture,
  requireOpenInspection,
  requirePlanner,
  requireRecorder,
} from './inspection-rules';
import { Inspection, InspectionState, initialInspectionState } from './inspection.state';

/**
 * Rules (issue 20; DOMAIN.md is silent beyond the event names):
 * - Leaders plan, reschedule and cancel: the inspecting office and every inspected office are in
 *   their subtree. Visits and the conclusion are recorded by the inspection's recorders
 *   (requireRecorder: inspectors over the inspecting office, and the inspecting office itself).
 * - A visit is dated within the inspection's period and not after today; recording the same
 *   office and day again records nothing, another day corrects it.
 * - The conclusion ("Kết luận kiểm tra số …") needs at least one visit and is dated on or after
 *   the last one. A concluded or cancelled inspection takes nothing more.
 * - A new period must still hold every visit recorded.
 */
export function decideInspection(command: InspectionCommand, state: InspectionState, ctx: CommandContext): InspectionEvent[] {
  switch (command.type) {
    case 'PlanInspection':
      return plan(command, state, ctx);
    case 'RescheduleInspection': {
      const inspection = requireInspection(state);
      requirePlanner(ctx, inspection);
      requireOpenInspection(inspection);
      const period = parsePeriod(command.data.period);
      const reason = requireText(command.data.reason, 'reason', 'REASON_REQUIRED');
      const outside = Object.entries(inspection.conducted).find(([, on]) => on < period.from || on > period.to);
      if (outside)
        throw conflict('CONDUCTED_OUTSIDE_PERIOD', `office ${outside[0]} was visited on ${outside[1]}, outside the new period`, 'period');
      if (period.from === inspection.period.from && period.to === inspection.period.to) return [];
      return [{ type: 'InspectionRescheduled', data: { previous: inspection.period, period, reason } }];
    }
    case 'RecordInspectionConducted': {
      const inspection = requireInspection(state);
      requireRecorder(ctx, inspection.inspectingOffice);
      requireOpenInspection(inspection);
      const office = requireInspected(inspection, command.data.office);
      const on = parseDate(command.data.on, 'on');
      requireNotInFuture(on, ctx, 'on', 'CONDUCTED_IN_FUTURE');
      if (on < inspection.period.from || on > inspection.period.to) {
        throw conflict(
          'CONDUCTED_OUTSIDE_PERIOD',
          `${on} is outside the inspection's period (${inspection.period.from} to ${inspection.period.to})`,
          'on',
        );
      }
      if (inspection.conducted[office] === on) return [];
      return [{ type: 'InspectionConducted', data: { office, on } }];
    }
    case 'ConcludeInspection': {
      const inspection = requireInspection(state);
      requireRecorder(ctx, inspection.inspectingOffice);
      requireOpenInspection(inspection);
      const documentNumber = requireText(command.data.documentNumber, 'documentNumber', 'DOCUMENT_NUMBER_REQUIRED', 200);
      const concludedOn = parseDate(command.data.concludedOn, 'concludedOn');
      requireNotInFuture(concludedOn, ctx, 'concludedOn', 'CONCLUDED_IN_FUTURE');
      const visits = Object.values(inspection.conducted).sort();
      if (visits.length === 0) throw conflict('INSPECTION_NOT_CONDUCTED', 'no office has been visited yet');
      const last = visits[visits.length - 1];
      if (concludedOn < last)
        throw invalid('CONCLUDED_BEFORE_VISIT', `the conclusion (${concludedOn}) is dated before the last visit (${last})`, 'concludedOn');
      return [{ type: 'InspectionConcluded', data: { documentNumber, concludedOn } }];
    }
    case 'CancelInspection': {
      const inspection = requireInspection(state);
      requirePlanner(ctx, inspection);
      requireOpenInspection(inspection);
      return [{ type: 'InspectionCancelled', data: { reason: requireText(command.data.reason, 'reason', 'REASON_REQUIRED') } }];
    }
    default:
      return assertNever(command);
  }
}

function plan(command: PlanInspection, state: InspectionState, ctx: CommandContext): InspectionEvent[] {
  const d = command.data;
  const inspectingOffice = assertOfficeCode(d.inspectingOffice, 'inspectingOffice');
  requireRole(ctx, ['leader', 'admin']);
  requireWithinSubtree(ctx, inspectingOffice);
  const offices = parseOffices(d.offices, 'offices');
  for (const office of offices) requireWithinSubtree(ctx, office);
  if (offices.includes(inspectingOffice)) throw invalid('INVALID_OFFICES', 'the inspecting office does not inspect itself', 'offices');
  if (state) throw conflict('INSPECTION_EXISTS', `inspection ${state.id} already exists`, 'id');
  const planId = optionalText(d.planId, 'plan', 'INVALID_ID', 128);
  const target = optionalText(d.target, 'target', 'INVALID_TARGET_CODE', 64);
  if (planId !== null && d.plan && ctx.actor.role !== 'admin' && !ctx.isWithin(d.plan.issuer, ctx.actor.office)) {
    throw forbidden('PLAN_OUTSIDE_SUBTREE', 'the plan is outside your subtree');
  }
  if (target !== null) {
    if (planId === null) throw invalid('PLAN_REQUIRED', 'a target is one of the plan’s: name the plan too', 'plan');
    if (d.plan && !d.plan.countTargets.includes(target))
      throw invalid('TARGET_NOT_COUNT', `the plan has no target ${target} of unit count`, 'target');
  }
  if (d.criteria !== undefined && d.criteria !== null && !Array.isArray(d.criteria))
    throw invalid('INVALID_CRITERION', 'criteria is a list of codes', 'criteria');
  const criteria = [...new Set((d.criteria ?? []).map((c, i) => parseCriterion(c, `criteria[${i}]`) as string))];
  return [
    {
      type: 'InspectionPlanned',
      data: {
        id: requireText(d.id, 'id', 'INVALID_ID', 128),
        code: optionalText(d.code, 'code', 'INVALID_CODE', 128),
        title: requireText(d.title, 'title', 'INVALID_TITLE'),
        inspectingOffice,
        offices,
        period: parsePeriod(d.period),
        criteria,
        planId,
        target,
      },
    },
  ];
}

function requireInspection(state: InspectionState): Inspection {
  if (!state) throw notFound('INSPECTION_NOT_FOUND', 'no such inspection');
  return state;
}

export const inspectionDecider: Decider<InspectionState, InspectionCommand, InspectionEvent> = {
  initialState: initialInspectionState,
  decide: decideInspection,
  evolve: evolveInspection,
};
