import { parseDeadlinePhrase } from '../deadline';
import { CommandContext, endOfLocalDay, LocalDate } from '../shared';
import { ChangeDeadline, DenyExtension, GrantExtension, RequestExtension } from './task.commands';
import { TaskErrors } from './task.errors';
import { DeadlineChanged, ExtensionDenied, ExtensionGranted, ExtensionRequested } from './task.events';
import { optionalText, requireDecider, requireLeadOfficer, requiredDate, requiredText } from './task.guards';
import { isCompleted } from './task.queries';
import { ExtensionRequest, TaskState } from './task.state';

/** The lead office asks, before the end of the current due day (Asia/Ho_Chi_Minh), for a later date. */
export function decideRequestExtension(cmd: RequestExtension, state: TaskState, ctx: CommandContext): ExtensionRequested[] {
  requireLeadOfficer(state.lead, ctx);
  if (state.cancelled) throw TaskErrors.cancelled();
  const requestId = requiredText(cmd.requestId, 'requestId');
  const reason = requiredText(cmd.reason, 'reason');
  const phrase = cmd.phrase ?? null;
  if (cmd.dueOn !== undefined && phrase !== null) throw TaskErrors.deadlineAmbiguous();
  let dueOn: LocalDate;
  if (phrase !== null) {
    // A new deadline is one date: a cadence or a condition is not an answer to "until when?".
    const parsed = parseDeadlinePhrase(phrase, 'deadlinePhrase', { assignedOn: state.assignedOn });
    if (parsed.kind !== 'date' || !parsed.dueOn) throw TaskErrors.deadlineNotADate(phrase, 'deadlinePhrase');
    dueOn = parsed.dueOn;
  } else {
    if (cmd.dueOn === undefined) throw TaskErrors.required('DUE_ON_REQUIRED', 'dueOn');
    dueOn = requiredDate(cmd.dueOn, 'dueOn');
  }

  if (isCompleted(state)) throw TaskErrors.alreadyCompleted();
  const current = state.deadline.dueOn;
  if (current === null) throw TaskErrors.noDeadline();
  if (ctx.occurredAt.getTime() > endOfLocalDay(current).getTime()) throw TaskErrors.extensionAfterDeadline(current);
  if (state.extensions.some((x) => x.requestId === requestId)) throw TaskErrors.extensionExists(requestId);
  if (state.extensions.some((x) => x.status === 'pending')) throw TaskErrors.extensionPending();
  if (dueOn <= current) throw TaskErrors.extensionNotLater(dueOn, current, true);
  return [
    {
      type: 'ExtensionRequested',
      data: { requestId, currentDueOn: current, dueOn, phrase, reason, at: ctx.occurredAt.toISOString() },
    },
  ];
}

/** A leader grants a pending request: the requested date unless the leader names another later one. */
export function decideGrantExtension(cmd: GrantExtension, state: TaskState, ctx: CommandContext): ExtensionGranted[] {
  requireDecider(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const given = cmd.dueOn !== undefined ? requiredDate(cmd.dueOn, 'dueOn') : null;
  const request = pendingRequest(state, cmd.requestId);
  if (isCompleted(state)) throw TaskErrors.alreadyCompleted();
  const dueOn = given ?? request.requestedDueOn;
  const current = state.deadline.dueOn;
  if (current === null) throw TaskErrors.noDeadline();
  // The deadline may have moved since the request (DeadlineChanged): granting must still extend it.
  if (dueOn <= current) throw TaskErrors.extensionNotLater(dueOn, current, given !== null);
  return [
    {
      type: 'ExtensionGranted',
      data: {
        requestId: request.requestId,
        previousDueOn: current,
        dueOn,
        note: optionalText(cmd.note),
        at: ctx.occurredAt.toISOString(),
      },
    },
  ];
}

export function decideDenyExtension(cmd: DenyExtension, state: TaskState, ctx: CommandContext): ExtensionDenied[] {
  requireDecider(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const reason = requiredText(cmd.reason, 'reason');
  const request = pendingRequest(state, cmd.requestId);
  return [{ type: 'ExtensionDenied', data: { requestId: request.requestId, reason, at: ctx.occurredAt.toISOString() } }];
}

/**
 * A leader sets the deadline at any time, with a reason (also after it passed, and on a task that
 * had none). The original deadline stays in the state for reports.
 */
export function decideChangeDeadline(cmd: ChangeDeadline, state: TaskState, ctx: CommandContext): DeadlineChanged[] {
  requireDecider(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const dueOn = requiredDate(cmd.dueOn, 'dueOn');
  const reason = requiredText(cmd.reason, 'reason');
  if (dueOn < state.assignedOn) throw TaskErrors.deadlineBeforeAssignment(dueOn, state.assignedOn);
  if (dueOn === state.deadline.dueOn) throw TaskErrors.deadlineUnchanged();
  return [
    {
      type: 'DeadlineChanged',
      data: { previousDueOn: state.deadline.dueOn, dueOn, reason, at: ctx.occurredAt.toISOString() },
    },
  ];
}

function pendingRequest(state: TaskState, requestId: unknown): ExtensionRequest {
  const id = requiredText(requestId, 'requestId');
  const request = state.extensions.find((x) => x.requestId === id);
  if (!request) throw TaskErrors.extensionNotFound(id);
  if (request.status !== 'pending') throw TaskErrors.extensionNotPending(id);
  return request;
}
