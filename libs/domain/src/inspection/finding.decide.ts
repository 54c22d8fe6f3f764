import { CommandContext, Decider, assertNever, conflict, invalid, localDateOf, notFound } from '../shared';
import { requireRole, requireText, requireWithinSubtree } from '../office';
import { evidenceOf } from '../task/task-completion.decide';
import { FindingCommand, RecordFinding } from './finding.commands';
import { FINDING_SEVERITIES, FindingEvent, FindingSeverity } from './finding.events';
import { evolveFinding } from './finding.evolve';
import { Finding, FindingState, initialFindingState } from './finding.state';
import { parseCriterion, requireInspected, requireRecorder } from './inspection-rules';

/**
 * A finding is its own aggregate (stream `finding-<id>`), not a part of its inspection's stream:
 * it is addressed by its own id (`/v1/findings/:id/...`), has its own lifecycle and version for
 * If-Match, and findings on different offices are recorded at once without racing for the
 * inspection's version. What it needs of the inspection comes with RecordFinding.
 *
 * Rules:
 * - Recorded, resolved, reopened and withdrawn by the inspection's recorders (requireRecorder).
 *   A finding is about one office the inspection covers; a cancelled inspection takes none (a
 *   concluded one does: findings are written into the conclusion after the visits).
 * - Resolve: an open finding, with a note and optional evidence. Reopen: a resolved one.
 *   Withdraw: an open one (reopen a resolved one first), with a reason; a withdrawn finding takes
 *   nothing more and is left out of every count.
 * - Remediation is raised by a leader over the finding's office (the task rules decide the rest)
 *   for a finding neither resolved nor withdrawn.
 */
export function decideFinding(command: FindingCommand, state: FindingState, ctx: CommandContext): FindingEvent[] {
  const at = ctx.occurredAt.toISOString();
  switch (command.type) {
    case 'RecordFinding':
      return record(command, state, ctx);
    case 'ResolveFinding': {
      const finding = requireFinding(state);
      requireRecorder(ctx, finding.inspectingOffice);
      requireNotWithdrawn(finding);
      if (finding.status === 'resolved') throw conflict('FINDING_ALREADY_RESOLVED', 'the finding is already resolved');
      const note = requireText(command.data.note, 'note', 'NOTE_REQUIRED', 5000);
      return [
        {
          type: 'FindingResolved',
          data: { note, evidence: evidenceOf(command.data.evidence), resolvedOn: localDateOf(ctx.occurredAt), at },
        },
      ];
    }
    case 'ReopenFinding': {
      const finding = requireFinding(state);
      requireRecorder(ctx, finding.inspectingOffice);
      requireNotWithdrawn(finding);
      if (finding.status !== 'resolved') throw conflict('FINDING_NOT_RESOLVED', 'only a resolved finding can be reopened');
      return [{ type: 'FindingReopened', data: { reason: requireText(command.data.reason, 'reason', 'REASON_REQUIRED'), at } }];
    }
    case 'WithdrawFinding': {
      const finding = requireFinding(state);
      requireRecorder(ctx, finding.inspectingOffice);
      requireNotWithdrawn(finding);
      if (finding.status === 'resolved') throw conflict('FINDING_ALREADY_RESOLVED', 'reopen the finding before withdrawing it');
      return [{ type: 'FindingWithdrawn', data: { reason: requireText(command.data.reason, 'reason', 'REASON_REQUIRED'), at } }];
    }
    case 'RaiseRemediation': {
      const finding = requireFinding(state);
      requireMayRaiseRemediation(finding, ctx);
      requireNotWithdrawn(finding);
      if (finding.status === 'resolved') throw conflict('FINDING_ALREADY_RESOLVED', 'the finding is already resolved');
      const { taskIds, planId, leads } = command.data;
      if (!Array.isArray(taskIds) || taskIds.length === 0) throw invalid('TASKS_REQUIRED', 'remediation raises at least one task', 'lead');
      // The inspected office remedies what was found in it: a task led elsewhere would remedy the finding by another's work.
      const outside = (leads ?? []).find((lead) => !ctx.isWithin(lead, finding.office));
      if (outside !== undefined || !Array.isArray(leads) || leads.length === 0) {
        throw invalid('REMEDIATION_OUTSIDE_FINDING', `a remediation task is led by ${finding.office} or an office under it`, 'lead');
      }
      return [
        { type: 'RemediationRaised', data: { taskIds: [...taskIds], planId: requireText(planId, 'plan', 'PLAN_REQUIRED', 128), at } },
      ];
    }
    default:
      return assertNever(command);
  }
}

/** Leaders over the finding's office (and admins) raise its remediation; checked again by the decision. */
export function requireMayRaiseRemediation(finding: Finding, ctx: CommandContext): void {
  requireRole(ctx, ['leader', 'admin']);
  requireWithinSubtree(ctx, finding.office, 'the finding');
}

function record(command: RecordFinding, state: FindingState, ctx: CommandContext): FindingEvent[] {
  const d = command.data;
  const inspection = d.inspection;
  if (!inspection) throw notFound('INSPECTION_NOT_FOUND', 'no such inspection');
  requireRecorder(ctx, inspection.inspectingOffice);
  if (inspection.status === 'cancelled') throw conflict('INSPECTION_CANCELLED', `inspection ${inspection.id} is cancelled`);
  if (state) throw conflict('FINDING_EXISTS', `finding ${state.id} already exists`, 'findingId');
  const office = requireInspected(inspection, d.office);
  if (!FINDING_SEVERITIES.includes(d.severity as FindingSeverity))
    throw invalid('INVALID_SEVERITY', `severity is one of ${FINDING_SEVERITIES.join(', ')}`, 'severity');
  return [
    {
      type: 'FindingRecorded',
      data: {
        findingId: requireText(d.findingId, 'findingId', 'INVALID_ID', 128),
        inspectionId: inspection.id,
        inspectingOffice: inspection.inspectingOffice,
        office,
        criterion: parseCriterion(d.criterion),
        severity: d.severity as FindingSeverity,
        description: requireText(d.description, 'description', 'DESCRIPTION_REQUIRED', 20000),
        requirement: requireText(d.requirement, 'requirement', 'REQUIREMENT_REQUIRED', 20000),
        planId: inspection.planId,
        at: ctx.occurredAt.toISOString(),
      },
    },
  ];
}

function requireFinding(state: FindingState): Finding {
  if (!state) throw notFound('FINDING_NOT_FOUND', 'no such finding');
  return state;
}

function requireNotWithdrawn(finding: Finding): void {
  if (finding.status === 'withdrawn') throw conflict('FINDING_WITHDRAWN', 'the finding is withdrawn');
}

export const findingDecider: Decider<FindingState, FindingCommand, FindingEvent> = {
  initialState: initialFindingState,
  decide: decideFinding,
  evolve: evolveFinding,
};
