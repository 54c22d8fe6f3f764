import { CommandContext, localDateOf } from '../shared';
import { AcceptCompletion, ReportCompletion, ReturnCompletion } from './task.commands';
import { TaskErrors } from './task.errors';
import { CompletionAccepted, CompletionReported, CompletionReturned } from './task.events';
import { optionalText, requireDecider, requireLeadOfficer, requiredDate, requiredText } from './task.guards';
import { isRecurring, liveReport, occurrencesOfTask } from './task.queries';
import { DocumentEvidence, Evidence, TaskState } from './task.state';

/**
 * The lead office reports completion, dated at most today (local date of `occurredAt`) and not before
 * the assignment. Without required acceptance the report is final at once. For a recurring task the
 * report is for one occurrence: the one named, else the earliest without a live report.
 */
export function decideReportCompletion(cmd: ReportCompletion, state: TaskState, ctx: CommandContext): CompletionReported[] {
  requireLeadOfficer(state.lead, ctx);
  if (state.cancelled) throw TaskErrors.cancelled();
  const note = requiredText(cmd.note, 'note');
  const today = localDateOf(ctx.occurredAt);
  const completedOn = cmd.completedOn === undefined ? today : requiredDate(cmd.completedOn, 'completedOn');
  if (completedOn > today) throw TaskErrors.completionInFuture(completedOn, today);
  if (completedOn < state.assignedOn) throw TaskErrors.completionBeforeAssignment(completedOn, state.assignedOn);
  const evidence = evidenceOf(cmd.evidence);
  if (cmd.achievedValue !== undefined && (typeof cmd.achievedValue !== 'number' || !Number.isFinite(cmd.achievedValue)))
    throw TaskErrors.invalidValue('INVALID_ACHIEVED_VALUE', 'achievedValue is a number', 'achievedValue');

  const occurrence = reportableOccurrence(state, cmd.occurrence);
  const existing = liveReport(state, occurrence);
  if (existing?.status === 'accepted') throw TaskErrors.alreadyCompleted();
  if (existing?.status === 'awaiting') throw TaskErrors.alreadyReported();
  return [
    {
      type: 'CompletionReported',
      data: {
        occurrence,
        completedOn,
        note,
        evidence,
        achievedValue: cmd.achievedValue ?? null,
        at: ctx.occurredAt.toISOString(),
        final: !state.requiresAcceptance,
      },
    },
  ];
}

/** The completion date stays the office's: acceptance never moves it (review time is not the office's). */
export function decideAcceptCompletion(cmd: AcceptCompletion, state: TaskState, ctx: CommandContext): CompletionAccepted[] {
  requireDecider(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const occurrence = awaitingOccurrence(state, cmd.occurrence);
  const report = awaitingReport(state, occurrence);
  return [
    {
      type: 'CompletionAccepted',
      data: { occurrence, completedOn: report.completedOn, note: optionalText(cmd.note), at: ctx.occurredAt.toISOString() },
    },
  ];
}

/** A returned report no longer counts: the task (or occurrence) is open again. */
export function decideReturnCompletion(cmd: ReturnCompletion, state: TaskState, ctx: CommandContext): CompletionReturned[] {
  requireDecider(ctx, state.lead);
  if (state.cancelled) throw TaskErrors.cancelled();
  const reason = requiredText(cmd.reason, 'reason');
  const occurrence = awaitingOccurrence(state, cmd.occurrence);
  const report = awaitingReport(state, occurrence);
  return [
    {
      type: 'CompletionReturned',
      data: { occurrence, completedOn: report.completedOn, reason, at: ctx.occurredAt.toISOString() },
    },
  ];
}

/** Checks a named occurrence: null for a one-off task, a key of the series for a recurring one. */
export function namedOccurrence(state: TaskState, occurrence: unknown): string | null | undefined {
  if (occurrence === undefined) return undefined;
  if (!isRecurring(state)) throw TaskErrors.occurrenceNotApplicable();
  const key = requiredText(occurrence, 'occurrence');
  if (!occurrencesOfTask(state).some((o) => o.key === key)) throw TaskErrors.unknownOccurrence(key);
  return key;
}

function reportableOccurrence(state: TaskState, occurrence: unknown): string | null {
  const named = namedOccurrence(state, occurrence);
  if (named !== undefined) return named;
  if (!isRecurring(state)) return null;
  const all = occurrencesOfTask(state);
  const open = all.find((o) => !state.occurrences[o.key]);
  if (open) return open.key;
  if (all.every((o) => state.occurrences[o.key].status === 'accepted')) throw TaskErrors.alreadyCompleted();
  throw TaskErrors.alreadyReported();
}

function awaitingOccurrence(state: TaskState, occurrence: unknown): string | null {
  const named = namedOccurrence(state, occurrence);
  if (named !== undefined) return named;
  if (!isRecurring(state)) return null;
  const awaiting = occurrencesOfTask(state).find((o) => state.occurrences[o.key]?.status === 'awaiting');
  if (!awaiting) throw TaskErrors.notAwaitingAcceptance();
  return awaiting.key;
}

function awaitingReport(state: TaskState, occurrence: string | null) {
  const report = liveReport(state, occurrence);
  if (report?.status !== 'awaiting') throw TaskErrors.notAwaitingAcceptance();
  return report;
}

/**
 * Evidence as documents (`117/BC-UBND`), links or titles, each naming at least one; or files, as
 * the application resolved them from `{ fileId }` (id = SHA-256 of the bytes).
 */
export function evidenceOf(value: unknown): Evidence[] {
  if (value === undefined) return [];
  const bad = () =>
    TaskErrors.invalidValue(
      'INVALID_EVIDENCE',
      'evidence is a list of { fileId } or { documentNumber?, url?, title? }, each non-empty',
      'evidence',
    );
  if (!Array.isArray(value)) throw bad();
  return value.map((item: unknown) => {
    if (!item || typeof item !== 'object') throw bad();
    const e = item as Record<string, unknown>;
    if (e.fileId !== undefined) {
      const ok =
        typeof e.fileId === 'string' &&
        e.sha256 === e.fileId &&
        /^[0-9a-f]{64}$/.test(e.fileId) &&
        typeof e.name === 'string' &&
        typeof e.type === 'string' &&
        Number.isInteger(e.size);
      if (!ok) throw bad();
      return {
        fileId: e.fileId as string,
        sha256: e.sha256 as string,
        name: e.name as string,
        size: e.size as number,
        type: e.type as string,
      };
    }
    const result: DocumentEvidence = {};
    for (const key of ['documentNumber', 'url', 'title'] as const) {
      if (e[key] === undefined) continue;
      const text = optionalText(e[key]);
      if (text === null) throw bad();
      result[key] = text;
    }
    if (Object.keys(result).length === 0) throw bad();
    return result;
  });
}
