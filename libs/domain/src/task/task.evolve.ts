import { assertNever } from '../shared';
import { TaskEvent } from './task.events';
import { CompletionReport, TaskState } from './task.state';

/**
 * The only place state changes. Events are facts already decided: evolve never refuses one.
 * An event other than `TaskAssigned` on no state is ignored (a corrupt stream is the store's concern).
 */
export function evolveTask(state: TaskState | null, event: TaskEvent): TaskState | null {
  if (event.type === 'TaskAssigned') {
    const d = event.data;
    return {
      id: d.taskId,
      planId: d.planId,
      title: d.title,
      description: d.description,
      lead: d.lead,
      supporting: [...d.supporting],
      followUp: d.followUp,
      criterion: d.criterion,
      expectedOutcome: d.expectedOutcome,
      target: d.target ? { ...d.target } : null,
      parentTaskId: d.parentTaskId,
      requiresAcceptance: d.requiresAcceptance,
      assignedAt: d.assignedAt,
      assignedOn: d.assignedOn,
      ...(d.findingId ? { findingId: d.findingId } : {}),
      deadline: {
        originalDueOn: d.deadline.dueOn,
        dueOn: d.deadline.dueOn,
        phrase: d.deadline.phrase,
        recurrence: d.deadline.recurrence ? { ...d.deadline.recurrence } : null,
      },
      extensions: [],
      acknowledgedAt: null,
      progress: null,
      completion: null,
      occurrences: {},
      cancelled: null,
    };
  }
  if (!state) return state;

  switch (event.type) {
    case 'TaskAcknowledged':
      return { ...state, acknowledgedAt: event.data.at };
    case 'ProgressReported':
      return { ...state, progress: { note: event.data.note, percent: event.data.percent, at: event.data.at } };
    case 'ExtensionRequested': {
      const d = event.data;
      return {
        ...state,
        extensions: [
          ...state.extensions,
          {
            requestId: d.requestId,
            requestedDueOn: d.dueOn,
            phrase: d.phrase,
            reason: d.reason,
            requestedAt: d.at,
            status: 'pending',
            grantedDueOn: null,
            decidedAt: null,
            note: null,
          },
        ],
      };
    }
    case 'ExtensionGranted': {
      const d = event.data;
      return withDueOn(
        {
          ...state,
          extensions: state.extensions.map((x) =>
            x.requestId === d.requestId ? { ...x, status: 'granted' as const, grantedDueOn: d.dueOn, decidedAt: d.at, note: d.note } : x,
          ),
        },
        d.dueOn,
      );
    }
    case 'ExtensionDenied': {
      const d = event.data;
      return {
        ...state,
        extensions: state.extensions.map((x) =>
          x.requestId === d.requestId ? { ...x, status: 'denied' as const, decidedAt: d.at, note: d.reason } : x,
        ),
      };
    }
    case 'DeadlineChanged':
      return withDueOn(state, event.data.dueOn);
    case 'CompletionReported': {
      const d = event.data;
      const report: CompletionReport = {
        completedOn: d.completedOn,
        note: d.note,
        evidence: d.evidence.map((e) => ({ ...e })),
        achievedValue: d.achievedValue,
        reportedAt: d.at,
        status: d.final ? 'accepted' : 'awaiting',
        acceptedAt: d.final ? d.at : null,
      };
      return withReport(notReturned(state), d.occurrence, report);
    }
    case 'CompletionAccepted': {
      const report = reportOf(state, event.data.occurrence);
      if (!report) return state;
      return withReport(state, event.data.occurrence, { ...report, status: 'accepted', acceptedAt: event.data.at });
    }
    case 'CompletionReturned': {
      const d = event.data;
      return withReport({ ...state, returned: { occurrence: d.occurrence, reason: d.reason, at: d.at } }, d.occurrence, null);
    }
    case 'TaskReassigned':
      // The new lead office has not acknowledged anything yet.
      return { ...state, lead: event.data.to, acknowledgedAt: null };
    case 'TaskCancelled':
      return { ...state, cancelled: { at: event.data.at, reason: event.data.reason } };
    case 'TaskReopened':
      return event.data.from === 'cancelled' ? { ...state, cancelled: null } : withReport(notReturned(state), event.data.occurrence, null);
    default:
      return assertNever(event);
  }
}

/** A new report (or a reopening) ends the return; a state never returned stays as it was. */
const notReturned = (state: TaskState): TaskState => (state.returned ? { ...state, returned: null } : state);

function withDueOn(state: TaskState, dueOn: string): TaskState {
  const { recurrence } = state.deadline;
  return {
    ...state,
    deadline: { ...state.deadline, dueOn, recurrence: recurrence ? { ...recurrence, until: dueOn } : null },
  };
}

function reportOf(state: TaskState, occurrence: string | null): CompletionReport | null {
  return occurrence === null ? state.completion : (state.occurrences[occurrence] ?? null);
}

function withReport(state: TaskState, occurrence: string | null, report: CompletionReport | null): TaskState {
  if (occurrence === null) return { ...state, completion: report };
  const occurrences = { ...state.occurrences };
  if (report) occurrences[occurrence] = report;
  else delete occurrences[occurrence];
  return { ...state, occurrences };
}
