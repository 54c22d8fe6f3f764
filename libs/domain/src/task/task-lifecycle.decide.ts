import { CommandContext } from '../shared';
import { AcknowledgeTask, CancelTask, MoveToSuccessor, ReassignTask, ReopenTask, ReportProgress } from './task.commands';
import { evidenceOf, namedOccurrence } from './task-completion.decide';
import { TaskErrors } from './task.errors';
import { ProgressReported, TaskAcknowledged, TaskCancelled, TaskReassigned, TaskReopened } from './task.events';
import { requireDecider, requireLeadOfficer, requireLeader, requireTaskInScope, requiredText } from './task.guards';
import { isCompleted, isRecurring, liveReport, occurrencesOfTask } from './task.queries';
import { TaskState } from './task.state';

export function decideAcknowledge(_cmd: AcknowledgeTask, state: TaskState, ctx: CommandContext): TaskAcknowledged[] {
  requireLeadOfficer(state.lead, ctx);
  if (state.cancelled) throw TaskErrors.cancelled();
  if (state.acknowledgedAt !== null) throw TaskErrors.alreadyAcknowledged();
  return [{ type: 'TaskAcknowledged', data: { office: state.lead, at: ctx.occurredAt.toISOString() } }];
}

export function decideReportProgress(cmd: ReportProgress, state: TaskState, ctx: CommandContext): ProgressReported[] {
  requireLeadOfficer(state.lead, ctx);
  if (state.cancelled) throw TaskErrors.cancelled();
  const note = requiredText(cmd.note, 'note');
  const percent = cmd.percent ?? null;
  if (percent !== null && (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100))
    throw TaskErrors.invalidValue('PERCENT_OUT_OF_RANGE', 'percent is a number from 0 to 100', 'percent');
  const evidence = evidenceOf(cmd.evidence);
  if (isCompleted(state)) throw TaskErrors.alreadyCompleted();
  return [
    { type: 'ProgressReported', data: { note, percent, ...(evidence.length ? { evidence } : {}), at: ctx.occurredAt.toISOString() } },
  ];
}

/** The leader must stand strictly above both the current and the new lead office. */
export function decideReassign(cmd: ReassignTask, state: TaskState, ctx: CommandContext): TaskReassigned[] {
  requireDecider(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const to = requiredText(cmd.lead, 'lead');
  const reason = requiredText(cmd.reason, 'reason');
  requireDecider(ctx, to, true);
  if (cmd.planIssuer !== undefined && !ctx.isWithin(to, cmd.planIssuer)) throw TaskErrors.leadOutsidePlan(to, cmd.planIssuer);
  if (to === state.lead) throw TaskErrors.sameLead(to, 'lead');
  if (isCompleted(state)) throw TaskErrors.alreadyCompleted();
  return [{ type: 'TaskReassigned', data: { from: state.lead, to, reason, cause: 'reassigned', at: ctx.occurredAt.toISOString() } }];
}

/** Office merge (OfficeMerged): the application sends this for each task of the merged office; only open ones move. */
export function decideMoveToSuccessor(cmd: MoveToSuccessor, state: TaskState, ctx: CommandContext): TaskReassigned[] {
  requireTaskInScope(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const to = requiredText(cmd.successor, 'successor');
  const reason = requiredText(cmd.reason, 'reason');
  requireLeader(ctx, to);
  if (to === state.lead) throw TaskErrors.sameLead(to, 'successor');
  if (isCompleted(state)) throw TaskErrors.notOpen();
  return [{ type: 'TaskReassigned', data: { from: state.lead, to, reason, cause: 'officeMerged', at: ctx.occurredAt.toISOString() } }];
}

export function decideCancel(cmd: CancelTask, state: TaskState, ctx: CommandContext): TaskCancelled[] {
  requireDecider(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const reason = requiredText(cmd.reason, 'reason');
  if (isCompleted(state)) throw TaskErrors.alreadyCompleted();
  return [{ type: 'TaskCancelled', data: { reason, at: ctx.occurredAt.toISOString() } }];
}

/**
 * Reopens a cancelled task, or withdraws a final completion (the way to undo a report that needed
 * no acceptance). For a recurring task: the named occurrence, else the latest accepted one.
 */
export function decideReopen(cmd: ReopenTask, state: TaskState, ctx: CommandContext): TaskReopened[] {
  requireDecider(ctx, state.lead);
  const reason = requiredText(cmd.reason, 'reason');
  const at = ctx.occurredAt.toISOString();
  if (state.cancelled) {
    if (cmd.occurrence !== undefined) throw TaskErrors.notReopenable();
    return [{ type: 'TaskReopened', data: { from: 'cancelled', occurrence: null, reason, at } }];
  }
  let occurrence = namedOccurrence(state, cmd.occurrence);
  if (occurrence === undefined && isRecurring(state)) {
    const accepted = occurrencesOfTask(state).filter((o) => state.occurrences[o.key]?.status === 'accepted');
    occurrence = accepted.length ? accepted[accepted.length - 1].key : undefined;
    if (occurrence === undefined) throw TaskErrors.notReopenable();
  }
  if (liveReport(state, occurrence ?? null)?.status !== 'accepted') throw TaskErrors.notReopenable();
  return [{ type: 'TaskReopened', data: { from: 'completed', occurrence: occurrence ?? null, reason, at } }];
}
