import { TaskState, taskItemsAt, taskStatusAt, daysOverdue } from '@dondoc/domain/task';

/**
 * GET /v1/tasks/:id, built the same way from the live read model and from a replay at
 * `knownAt`, so both answer field for field alike.
 */
export function taskView(state: TaskState, version: number, asOf: Date) {
  const { deadline } = state;
  const recurring = deadline.recurrence !== null;
  const counted = state.completion && state.completion.status === 'accepted' ? state.completion.completedOn : null;
  return {
    id: state.id,
    title: state.title,
    description: state.description,
    plan: state.planId,
    lead: state.lead,
    supporting: state.supporting,
    followUp: state.followUp,
    criterion: state.criterion,
    expectedOutcome: state.expectedOutcome,
    target: state.target,
    parentTaskId: state.parentTaskId,
    assignedAt: state.assignedAt,
    requiresAcceptance: state.requiresAcceptance,
    originalDueOn: deadline.originalDueOn,
    dueOn: deadline.dueOn,
    deadlinePhrase: deadline.phrase,
    recurrence: deadline.recurrence,
    extensions: state.extensions,
    // A first deadline set on a task that had none (a conditional one) is not an extension.
    extended: deadline.originalDueOn !== null && deadline.originalDueOn !== deadline.dueOn,
    status: taskStatusAt(state, asOf),
    daysOverdue: daysOverdue(state, asOf),
    ...(counted && !recurring ? { completedOn: counted } : {}),
    completion: state.completion,
    ...(recurring ? { occurrences: taskItemsAt(state, asOf) } : {}),
    acknowledgedAt: state.acknowledgedAt,
    progress: state.progress,
    cancelled: state.cancelled,
    asOf: asOf.toISOString(),
    version,
  };
}

export type TaskView = ReturnType<typeof taskView>;
