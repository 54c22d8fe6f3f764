import { assertNever, CommandContext, Decider } from '../shared';
import { decideAssign } from './task-assign.decide';
import { decideAcceptCompletion, decideReportCompletion, decideReturnCompletion } from './task-completion.decide';
import { decideChangeDeadline, decideDenyExtension, decideGrantExtension, decideRequestExtension } from './task-deadline.decide';
import {
  decideAcknowledge,
  decideCancel,
  decideMoveToSuccessor,
  decideReassign,
  decideReopen,
  decideReportProgress,
} from './task-lifecycle.decide';
import { TaskCommand } from './task.commands';
import { TaskErrors } from './task.errors';
import { TaskEvent } from './task.events';
import { evolveTask } from './task.evolve';
import { initialTaskState, TaskState } from './task.state';

/**
 * Decides a command against the task's state; returns the events or throws a DomainError.
 * Checks run in this order: task exists, role and office (403), cancelled (409), input (400),
 * then the rules of the current state (409). Time is `ctx.occurredAt`, never the system clock.
 */
export function decideTask(command: TaskCommand, state: TaskState | null, ctx: CommandContext): TaskEvent[] {
  if (command.type === 'AssignTask') return decideAssign(command, state, ctx);
  if (!state) throw TaskErrors.notFound();
  // A back-fill (an admin's Occurred-At) cannot date an event before the task existed. Moving to a
  // successor office follows a merge, which may predate the task's own history: it keeps its date.
  if (command.type !== 'MoveToSuccessor' && ctx.occurredAt.getTime() < Date.parse(state.assignedAt)) {
    throw TaskErrors.occurredBeforeAssignment(ctx.occurredAt.toISOString(), state.assignedAt);
  }
  switch (command.type) {
    case 'AcknowledgeTask':
      return decideAcknowledge(command, state, ctx);
    case 'ReportProgress':
      return decideReportProgress(command, state, ctx);
    case 'RequestExtension':
      return decideRequestExtension(command, state, ctx);
    case 'GrantExtension':
      return decideGrantExtension(command, state, ctx);
    case 'DenyExtension':
      return decideDenyExtension(command, state, ctx);
    case 'ChangeDeadline':
      return decideChangeDeadline(command, state, ctx);
    case 'ReportCompletion':
      return decideReportCompletion(command, state, ctx);
    case 'AcceptCompletion':
      return decideAcceptCompletion(command, state, ctx);
    case 'ReturnCompletion':
      return decideReturnCompletion(command, state, ctx);
    case 'ReassignTask':
      return decideReassign(command, state, ctx);
    case 'MoveToSuccessor':
      return decideMoveToSuccessor(command, state, ctx);
    case 'CancelTask':
      return decideCancel(command, state, ctx);
    case 'ReopenTask':
      return decideReopen(command, state, ctx);
    default:
      return assertNever(command);
  }
}

export const taskDecider: Decider<TaskState | null, TaskCommand, TaskEvent> = {
  initialState: initialTaskState,
  decide: decideTask,
  evolve: evolveTask,
};
