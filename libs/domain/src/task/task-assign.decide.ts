import { TARGET_COMPARATORS, TARGET_UNITS } from '../counting/target';
import { parseDeadlinePhrase } from '../deadline';
import { CommandContext, isLocalDate, LocalDate, localDateOf } from '../shared';
import { AssignTask } from './task.commands';
import { TaskErrors } from './task.errors';
import { TaskAssigned } from './task.events';
import { optionalText, requireDecider, requireLeader, requiredDate, requiredText } from './task.guards';
import { RECURRENCE_EVERY, Recurrence, RecurrenceEvery, TaskState, TaskTarget } from './task.state';

export function decideAssign(cmd: AssignTask, state: TaskState | null, ctx: CommandContext): TaskAssigned[] {
  requireLeader(ctx);
  // A task is added only to a plan of the leader's subtree (not to another district's plan by id).
  if (cmd.planIssuer !== undefined && ctx.actor.role !== 'admin' && !ctx.isWithin(cmd.planIssuer, ctx.actor.office))
    throw TaskErrors.planOutsideSubtree();
  const lead = requiredText(cmd.lead, 'lead');
  // The lead is strictly below the assigning leader: whoever assigns can decide on the task later.
  requireDecider(ctx, lead, true);
  if (cmd.planIssuer !== undefined && !ctx.isWithin(lead, cmd.planIssuer)) throw TaskErrors.leadOutsidePlan(lead, cmd.planIssuer);
  const supporting = offices(cmd.supporting);
  const followUp = optionalText(cmd.followUp);
  // Naming an office lets it read the task: only offices within the leader's own scope.
  requireLeader(ctx, ...supporting, ...(followUp ? [followUp] : []));
  if (state) throw TaskErrors.alreadyAssigned();
  if (typeof cmd.requiresAcceptance !== 'boolean') throw TaskErrors.required('REQUIRES_ACCEPTANCE_REQUIRED', 'requiresAcceptance');
  const assignedOn = localDateOf(ctx.occurredAt);
  return [
    {
      type: 'TaskAssigned',
      data: {
        taskId: requiredText(cmd.taskId, 'taskId'),
        planId: requiredText(cmd.planId, 'planId'),
        title: requiredText(cmd.title, 'title'),
        description: optionalText(cmd.description),
        lead,
        supporting,
        followUp,
        criterion: optionalText(cmd.criterion),
        expectedOutcome: optionalText(cmd.expectedOutcome),
        target: cmd.target === undefined ? null : target(cmd.target),
        parentTaskId: optionalText(cmd.parentTaskId),
        requiresAcceptance: cmd.requiresAcceptance,
        assignedAt: ctx.occurredAt.toISOString(),
        assignedOn,
        deadline: resolveDeadline(cmd, assignedOn),
        ...(cmd.findingId ? { findingId: requiredText(cmd.findingId, 'findingId') } : {}),
      },
    },
  ];
}

/**
 * At most one of `dueOn` and `deadlinePhrase`; `recurrence` adds a cadence and takes its end from
 * `recurrence.until` or else from the phrase. The phrase is read with the plan's end
 * (DeadlineReading): a conditional one is no deadline yet; an ongoing one without cadence is one
 * task due at its end ("Thường xuyên trong năm 2024" → 2024-12-31), as DOMAIN.md says.
 */
function resolveDeadline(cmd: AssignTask, assignedOn: LocalDate): TaskAssigned['data']['deadline'] {
  const phrase = cmd.deadlinePhrase ?? null;
  if (cmd.dueOn !== undefined && (phrase !== null || cmd.recurrence !== undefined)) throw TaskErrors.deadlineAmbiguous();
  const planEnd = cmd.planEnd && isLocalDate(cmd.planEnd) ? cmd.planEnd : undefined;
  const signedOn = cmd.planSignedOn && isLocalDate(cmd.planSignedOn) ? cmd.planSignedOn : undefined;
  const reading = phrase === null ? null : parseDeadlinePhrase(phrase, 'deadlinePhrase', { assignedOn, planEnd, signedOn });
  const notBefore = (date: LocalDate, field: string) => {
    if (date < assignedOn && cmd.acceptPastDeadline !== true) throw TaskErrors.deadlineBeforeAssignment(date, assignedOn, field);
    return date;
  };

  if (cmd.recurrence !== undefined) {
    const { every, until } = cmd.recurrence ?? {};
    if (!RECURRENCE_EVERY.includes(every as RecurrenceEvery))
      throw TaskErrors.invalidValue('INVALID_RECURRENCE', `recurrence.every is one of ${RECURRENCE_EVERY.join(', ')}`, 'recurrence.every');
    let end: LocalDate;
    if (until !== undefined) end = requiredDate(until, 'recurrence.until');
    else if (reading?.recurrence?.until) end = reading.recurrence.until;
    else if (reading?.dueOn && reading.kind !== 'openEnded') end = reading.dueOn;
    else throw TaskErrors.untilRequired();
    notBefore(end, until !== undefined ? 'recurrence.until' : 'deadlinePhrase');
    return { dueOn: end, phrase, recurrence: { every: every as RecurrenceEvery, until: end } };
  }
  if (cmd.dueOn !== undefined) {
    return { dueOn: notBefore(requiredDate(cmd.dueOn, 'dueOn'), 'dueOn'), phrase: null, recurrence: null };
  }
  if (reading === null || reading.kind === 'conditional') return { dueOn: null, phrase, recurrence: null };
  const r = reading.recurrence;
  if (r?.until) {
    notBefore(r.until, 'deadlinePhrase');
    const recurrence: Recurrence = {
      every: r.every,
      until: r.until,
      ...(r.from ? { from: r.from } : {}),
      ...(r.on ? { on: r.on } : {}),
      ...(r.before ? { before: r.before } : {}),
    };
    return { dueOn: r.until, phrase, recurrence };
  }
  // A first milestone with no later year inside the plan is just that date.
  if (reading.dueOn && (!r || reading.kind === 'openEnded'))
    return { dueOn: notBefore(reading.dueOn, 'deadlinePhrase'), phrase, recurrence: null };
  throw TaskErrors.untilRequired();
}

function offices(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === ''))
    throw TaskErrors.invalidValue('INVALID_OFFICES', 'supporting is a list of office codes', 'supporting');
  return [...new Set(value.map((v: string) => v.trim()))];
}

function target(t: TaskTarget): TaskTarget {
  const bad = (message: string) => TaskErrors.invalidValue('INVALID_TARGET', message, 'target');
  if (!t || typeof t !== 'object') throw bad('target is an object');
  const name = requiredText(t.name, 'target.name');
  if (!TARGET_UNITS.includes(t.unit)) throw bad(`target.unit is one of ${TARGET_UNITS.join(', ')}`);
  if (!TARGET_COMPARATORS.includes(t.comparator)) throw bad(`target.comparator is one of ${TARGET_COMPARATORS.join(', ')}`);
  const num = (v: unknown, f: string) => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw bad(`target.${f} is a number`);
    return v as number | undefined;
  };
  const [value, min, max] = [num(t.value, 'value'), num(t.min, 'min'), num(t.max, 'max')];
  if (t.comparator === 'between' && (min === undefined || max === undefined || min > max)) throw bad('a "between" target needs min ≤ max');
  if (t.comparator !== 'between' && value === undefined) throw bad(`an "${t.comparator}" target needs a value`);
  const result: TaskTarget = { name, unit: t.unit, comparator: t.comparator };
  if (value !== undefined) result.value = value;
  if (min !== undefined) result.min = min;
  if (max !== undefined) result.max = max;
  if (t.strict !== undefined) result.strict = t.strict === true;
  return result;
}
