import { conflict, DomainError, forbidden, invalid, notFound } from '../shared';

/**
 * The stable codes a task command can fail with. Categories map to HTTP statuses in the API layer:
 * validation 400, forbidden 403, not_found 404, conflict 409.
 */
export const TaskErrors = {
  notFound: () => notFound('TASK_NOT_FOUND', 'the task does not exist'),
  alreadyAssigned: () => conflict('TASK_ALREADY_ASSIGNED', 'the task is already assigned'),
  cancelled: () => conflict('TASK_CANCELLED', 'the task is cancelled; it can only be reopened'),
  alreadyCompleted: () => conflict('TASK_ALREADY_COMPLETED', 'the task is already completed'),
  alreadyReported: () => conflict('COMPLETION_ALREADY_REPORTED', 'a completion report is already awaiting acceptance'),
  alreadyAcknowledged: () => conflict('TASK_ALREADY_ACKNOWLEDGED', 'the lead office has already acknowledged the task'),
  notAwaitingAcceptance: () => conflict('NOT_AWAITING_ACCEPTANCE', 'no completion report is awaiting acceptance'),
  notReopenable: () => conflict('TASK_NOT_REOPENABLE', 'only a cancelled or completed task can be reopened'),
  notOpen: () => conflict('TASK_NOT_OPEN', 'only an open task moves to a successor office'),
  noDeadline: () => conflict('TASK_HAS_NO_DEADLINE', 'the task has no deadline to extend'),
  extensionAfterDeadline: (dueOn: string) =>
    conflict('EXTENSION_AFTER_DEADLINE', `the deadline ${dueOn} has passed; only a leader can change it now`),
  extensionPending: () => conflict('EXTENSION_ALREADY_PENDING', 'an extension request is already pending'),
  extensionExists: (id: string) => conflict('EXTENSION_REQUEST_EXISTS', `extension request ${id} already exists`),
  extensionNotFound: (id: string) => notFound('EXTENSION_REQUEST_NOT_FOUND', `no extension request ${id}`),
  extensionNotPending: (id: string) => conflict('EXTENSION_NOT_PENDING', `extension request ${id} is already decided`),
  extensionNotLater: (dueOn: string, current: string, asInput: boolean): DomainError =>
    (asInput ? invalid : conflict)(
      'EXTENSION_NOT_LATER',
      `the new deadline ${dueOn} is not after the current one ${current}`,
      asInput ? 'dueOn' : undefined,
    ),
  deadlineUnchanged: () => invalid('DEADLINE_UNCHANGED', 'the deadline is already that date', 'dueOn'),
  deadlineBeforeAssignment: (dueOn: string, assignedOn: string, field = 'dueOn') =>
    invalid('DEADLINE_BEFORE_ASSIGNMENT', `the deadline ${dueOn} is before the assignment on ${assignedOn}`, field),
  deadlineAmbiguous: () =>
    invalid(
      'DEADLINE_AMBIGUOUS',
      'give the deadline once: dueOn, or a phrase, or (when assigning) a recurrence, which may take its end from the phrase',
      'dueOn',
    ),
  deadlineNotADate: (phrase: string, field: string) =>
    invalid('DEADLINE_NOT_A_DATE', `the deadline "${phrase}" does not name a date`, field),
  untilRequired: () =>
    invalid('RECURRENCE_UNTIL_REQUIRED', 'a recurring task needs an end date (recurrence.until or a phrase)', 'recurrence.until'),
  occurredBeforeAssignment: (occurredAt: string, assignedAt: string) =>
    invalid('OCCURRED_BEFORE_ASSIGNMENT', `the event is dated ${occurredAt}, before the task was assigned (${assignedAt})`, 'Occurred-At'),
  completionInFuture: (completedOn: string, today: string) =>
    invalid('COMPLETION_IN_FUTURE', `the completion date ${completedOn} is after today (${today})`, 'completedOn'),
  completionBeforeAssignment: (completedOn: string, assignedOn: string) =>
    invalid('COMPLETION_BEFORE_ASSIGNMENT', `the completion date ${completedOn} is before the assignment on ${assignedOn}`, 'completedOn'),
  occurrenceNotApplicable: () => invalid('OCCURRENCE_NOT_APPLICABLE', 'the task is not recurring: it has no occurrences', 'occurrence'),
  unknownOccurrence: (key: string) => invalid('UNKNOWN_OCCURRENCE', `the task has no occurrence ${key}`, 'occurrence'),
  sameLead: (office: string, field: string) => invalid('SAME_LEAD_OFFICE', `${office} already leads the task`, field),
  required: (code: string, field: string) => invalid(code, `${field} is required`, field),
  invalidDate: (value: unknown, field: string) => invalid('INVALID_DATE', `"${String(value)}" is not a date (YYYY-MM-DD)`, field),
  invalidValue: (code: string, message: string, field: string) => invalid(code, message, field),
  roleNotAllowed: (role: string) => forbidden('ROLE_NOT_ALLOWED', `the ${role} role may not do this`),
  notLeadOffice: (office: string) => forbidden('NOT_LEAD_OFFICE', `${office} is not the lead office of the task`),
  leadOfficeDecides: (office: string) =>
    forbidden('LEAD_OFFICE_MAY_NOT_DECIDE', `a leader of ${office} leads this task: decisions on it belong to an office above ${office}`),
  leadOutsidePlan: (office: string, issuer: string) =>
    forbidden('LEAD_OUTSIDE_PLAN_ISSUER', `${office} is not under ${issuer}, the plan's issuer`),
  taskOutsideSubtree: () => forbidden('OUTSIDE_SUBTREE', 'the task is outside your subtree'),
  planOutsideSubtree: () => forbidden('OUTSIDE_SUBTREE', 'the plan is outside your subtree'),
  outsideSubtree: (office: string) => forbidden('OUTSIDE_SUBTREE', `${office} is outside the actor's subtree`),
};
