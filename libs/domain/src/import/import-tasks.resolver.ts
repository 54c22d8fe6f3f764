import { DeadlineContext, parseDeadlinePhrase } from '../deadline';
import type { DeadlineReading } from '../deadline';
import { plausibleYear } from '../deadline/deadline-periods';
import { CommandContext, LocalDate, isLocalDate } from '../shared';
import { AssignTask, Recurrence, TaskAssigned, taskDecider, taskStreamId } from '../task';
import { ImportDocument, ImportTask, TaskField, taskFieldAt } from './import-document';
import { ImportIssue, ImportWarning, IssueList } from './import-issues';
import { DirectoryOffice, OfficeDirectory, OfficeMatch, UnknownOffice } from './office-names';
import type { ImportRequest, ImportStream, ImportWorld, ResolvedImport } from './import.resolver';

/** What the tasks' stage made: the task streams, each task by ref, the refs with no deadline, and every row as read. */
export interface AssignedTasks {
  streams: ImportStream[];
  tasks: ResolvedImport['tasks'];
  noDeadline: string[];
  refs: Record<string, string[]>;
  rows: RowReading[];
}

/**
 * The tasks' stage, last: each row's offices read as printed (office-names.ts) and its deadline, then one
 * task per lead office, decided by the task decider. Stops reading rows once the issue list is full.
 */
export function assignTasks(
  doc: ImportDocument,
  world: ImportWorld,
  tree: Map<string, { parent: string | null; status: string }>,
  groups: Map<string, string[]>,
  adopted: { planId: string; issuer: string | null; assignedOn: LocalDate | null; signedOn: LocalDate | null },
  ctx: CommandContext,
  req: ImportRequest,
  issues: IssueList,
  warnings: ImportWarning[],
): AssignedTasks {
  const plan = doc.plan;
  const { planId, issuer, assignedOn, signedOn } = adopted;
  const active = (c: string) => tree.get(c)?.status === 'active';
  const directory = new OfficeDirectory(directoryOf(world, doc, tree), issuer, groups);
  const taskStreams: ImportStream[] = [];
  const tasks: ResolvedImport['tasks'] = [];
  const noDeadline: string[] = [];
  const refs: Record<string, string[]> = {};
  const rows: RowReading[] = [];
  // "Kể từ ngày ký": from the signing of the plan's directive, or the plan's start when it has none.
  const planSignedOn = signedOn ?? plan.period.from ?? undefined;
  const context: DeadlineContext = { assignedOn: assignedOn ?? undefined, planEnd: plan.period.to ?? undefined, signedOn: planSignedOn };
  for (const t of doc.tasks) {
    if (issues.full) break;
    const row: RowReading = {
      ref: t.ref,
      at: t.at,
      title: t.title,
      lead: [],
      supporting: [],
      followUp: null,
      deadline: null,
      tasks: [],
      warnings: [],
      errors: [],
    };
    rows.push(row);
    const warn = (code: string, field: TaskField, message: string) => {
      const w = { code, field: taskFieldAt(t, field), message };
      row.warnings.push(w);
      warnings.push(w);
    };
    const before = issues.count;
    const read = (field: 'lead' | 'supporting'): OfficeMatch[] => {
      const cells = t.printed ? (t.printed[field] === '' ? [] : [t.printed[field]]) : t[field];
      const matches: OfficeMatch[] = [];
      for (const cell of cells) {
        if (field === 'lead' && cell.trim() === '*') {
          issues.add(taskFieldAt(t, field), '"*" (every office) is for supporting offices; name the lead offices or a group');
          continue;
        }
        const reading = directory.readCell(cell, field);
        matches.push(...reading.matches);
        for (const u of reading.unknown) issues.add(taskFieldAt(t, field), unknownOffice(u));
      }
      return matches;
    };
    row.lead = read('lead');
    row.supporting = read('supporting');
    for (const m of row.lead) {
      for (const code of m.offices)
        if (m.how !== 'collective' && tree.has(code) && !active(code)) issues.add(taskFieldAt(t, 'lead'), `office ${code} is not active`);
    }
    const leads = [...new Set(row.lead.flatMap((m) => m.offices))];
    if (row.lead.length > 0 && leads.length === 0)
      issues.add(taskFieldAt(t, 'lead'), `"${row.lead[0].text}" names no office under the issuer`);
    // A lead also named among its own supporting offices is its lead only.
    const named = new Set(
      row.supporting.filter((m) => m.how === 'code' || m.how === 'name' || m.how === 'alias').flatMap((m) => m.offices),
    );
    const both = leads.filter((l) => named.has(l));
    if (both.length > 0)
      warn(
        'LEAD_ALSO_SUPPORTING',
        'supporting',
        `${both.join(', ')} ${both.length > 1 ? 'are leads' : 'is the lead'} and also listed as supporting: left out of supporting`,
      );
    const supporting = [...new Set(row.supporting.flatMap((m) => m.offices))];
    let followUp = t.followUp;
    if (t.followUp) {
      const m = directory.match(t.followUp, 'followUp');
      if (!m || m.offices.length !== 1)
        issues.add(
          taskFieldAt(t, 'followUp'),
          unknownOffice(directory.readCell(t.followUp, 'followUp').unknown[0] ?? { text: t.followUp, suggestions: [] }),
        );
      else {
        followUp = m.offices[0];
        row.followUp = m;
      }
    }
    const deadline = deadlineOf(t, issues, context);
    if (deadline) {
      row.deadline = deadline.reading;
      if (deadline.reading?.startsOn)
        warn(
          'DEADLINE_IS_A_START',
          'deadline',
          `"${t.deadline}" says when the work starts (${deadline.reading.startsOn}), not when it is due: one item due at the plan's end`,
        );
      const due = deadline.command.dueOn ?? deadline.reading?.dueOn;
      if (due && assignedOn && due < assignedOn && !deadline.reading?.recurrence) {
        warn(
          'DEADLINE_BEFORE_ASSIGNMENT',
          'deadline',
          `the deadline ${due} is before the assignment (${assignedOn}): recorded as printed, overdue from the start`,
        );
      }
    }
    if (issues.count > before || !deadline) continue;
    const ids: string[] = [];
    // A lead missing from the tree failed its own registration or group, reported there already.
    for (const lead of leads.filter((l) => tree.has(l))) {
      const taskId = req.newId('task');
      const command: AssignTask = {
        type: 'AssignTask',
        taskId,
        planId,
        title: t.title,
        description: t.description ?? undefined,
        lead,
        supporting: supporting.filter((s) => s !== lead),
        followUp: followUp ?? plan.followUp ?? undefined,
        criterion: t.criterion ?? undefined,
        expectedOutcome: t.expectedOutcome ?? undefined,
        target: t.target ?? undefined,
        requiresAcceptance: plan.requiresAcceptance,
        // The decider's own check: every lead under the plan's issuer (LEAD_OUTSIDE_PLAN_ISSUER).
        planIssuer: issuer ?? undefined,
        planEnd: plan.period.to ?? undefined,
        planSignedOn,
        acceptPastDeadline: true,
        ...deadline.command,
      };
      const events = issues.guard(
        (f) => taskFieldAt(t, taskFieldOf(f)),
        () => taskDecider.decide(command, null, ctx),
      );
      if (!events) break; // the same problem for every lead: reported once
      taskStreams.push({ streamId: taskStreamId(taskId), events });
      const assigned = events[0].data as TaskAssigned['data'];
      tasks.push({ ref: t.ref, taskId, lead, dueOn: assigned.deadline.dueOn });
      row.tasks.push({ lead, dueOn: assigned.deadline.dueOn, recurrence: assigned.deadline.recurrence });
      ids.push(taskId);
    }
    refs[t.ref] = ids;
    if (ids.length > 0 && tasks[tasks.length - 1].dueOn === null) noDeadline.push(t.ref);
  }
  return { streams: taskStreams, tasks, noDeadline, refs, rows };
}

/** One row of the file as understood: its offices (printed text → offices, and how), its deadline, the tasks it makes. */
export interface RowReading {
  ref: string;
  at: string;
  title: string;
  lead: OfficeMatch[];
  supporting: OfficeMatch[];
  followUp: OfficeMatch | null;
  /** Null when the row gives no deadline at all. */
  deadline: (Omit<DeadlineReading, 'startsOn'> & { startsOn?: LocalDate }) | null;
  tasks: { lead: string; dueOn: LocalDate | null; recurrence: Recurrence | null }[];
  warnings: ImportWarning[];
  errors: ImportIssue[];
}

/** The registered offices and the file's new ones, with names and levels, for matching printed names. */
function directoryOf(
  world: ImportWorld,
  doc: ImportDocument,
  tree: Map<string, { parent: string | null; status: string }>,
): DirectoryOffice[] {
  const out: DirectoryOffice[] = world.offices.map((o) => ({
    code: o.code,
    name: o.name,
    parent: o.parent,
    level: o.level ?? null,
    status: o.status,
  }));
  const known = new Set(out.map((o) => o.code));
  for (const o of doc.offices)
    if (!known.has(o.code) && tree.has(o.code))
      out.push({ code: o.code, name: o.name, parent: o.parent, level: o.level, status: 'active' });
  return out;
}

/** "no office or group SH-X" for a code; a name gets the closest registered names. */
function unknownOffice(u: UnknownOffice): string {
  if (/^[A-Za-z0-9_*-]+$/.test(u.text) && !/\s/.test(u.text)) return `no office or group ${u.text}`;
  return `no office "${u.text}"${u.suggestions.length > 0 ? ` (closest: ${u.suggestions.join('; ')})` : ''}`;
}

/** A date is a due date; anything else is a phrase, read here for the preview and again by the task decider (which keeps it as written). */
function deadlineOf(
  t: ImportTask,
  issues: IssueList,
  context: DeadlineContext,
): { command: Pick<AssignTask, 'dueOn' | 'deadlinePhrase' | 'recurrence'>; reading: RowReading['deadline'] } | null {
  const recurrence = t.recurrence ?? undefined;
  if (t.deadline === null) {
    const reading = recurrence
      ? null
      : { phrase: '', kind: 'conditional' as const, note: 'no deadline printed: none until a leader sets one' };
    return { command: { recurrence }, reading };
  }
  // A date with a year nobody means ("9024-06-30") goes to the parser, which refuses it quoting it.
  if (isLocalDate(t.deadline) && plausibleYear(Number(t.deadline.slice(0, 4))) && !recurrence)
    return { command: { dueOn: t.deadline }, reading: { phrase: t.deadline, kind: 'date', dueOn: t.deadline, note: `due ${t.deadline}` } };
  const reading = issues.guard(
    () => taskFieldAt(t, 'deadline'),
    () => parseDeadlinePhrase(t.deadline!, 'deadline', context),
  );
  return reading ? { command: { deadlinePhrase: t.deadline, recurrence }, reading } : null;
}

/** The file's field for a field the task decider names. */
function taskFieldOf(f: string | undefined): TaskField {
  // The decider names no field for its office checks (the lead outside the issuer, outside the leader's scope).
  if (!f) return 'lead';
  if (f === 'dueOn' || f.startsWith('deadline')) return 'deadline';
  if (f.startsWith('recurrence')) return 'recurrence';
  if (f.startsWith('target')) return 'target';
  const known: TaskField[] = ['title', 'description', 'lead', 'supporting', 'followUp', 'criterion', 'expectedOutcome'];
  return known.includes(f as TaskField) ? (f as TaskField) : 'title';
}
