import { DeadlineContext, DeadlineReading, parseDeadlinePhrase } from '../deadline';
import { plausibleYear } from '../deadline/deadline-periods';
import { directiveKey, normaliseDirectiveNumber } from '../directive';
import { initialPlanState, planCodeDecider, planCodeStreamId, planDecider, planStreamId } from '../plan';
import { Actor, CommandContext, DomainEvent, LocalDate, isLocalDate, localDateOf, startOfLocalDay } from '../shared';
import { AssignTask, Recurrence, TaskAssigned, taskDecider, taskStreamId } from '../task';
import type { CitedDirective } from './cited-directives';
import { issueDirectives } from './import-directives.resolver';
import { registerOffices } from './import-offices.resolver';
import { ImportDocument, ImportTask, PlanField, TaskField, taskFieldAt } from './import-document';
import { ImportIssue, ImportWarning, IssueList } from './import-issues';
import { DirectoryOffice, OfficeDirectory, OfficeMatch, UnknownOffice } from './office-names';
import { ImportRecorded, importStreamId } from './import-record';

/** What the database already knows that a file may refer to. */
export interface ImportWorld {
  offices: { code: string; name: string; parent: string | null; status: string; level?: string | null }[];
  /** Directive numbers already claimed, by `directiveKey(issuer, number)`. */
  directives: Map<string, { directiveId: string; issuedOn: LocalDate; revoked: boolean }>;
  cited: readonly CitedDirective[];
}

export interface ImportRequest {
  actor: Actor;
  recordedAt: Date;
  contentHash: string;
  /** The name of the file as the admin uploaded it, kept in the import's record (not part of its content hash). */
  fileName?: string | null;
  /** New ids (random in the application, counted in tests). */
  newId: (kind: 'plan' | 'directive' | 'task') => string;
}

export interface ImportStream {
  streamId: string;
  events: DomainEvent[];
}

export interface ResolvedImport {
  planId: string;
  planCode: string;
  /** Business time of every event: 08:00 on the plan's assignedOn (Asia/Ho_Chi_Minh). */
  occurredAt: Date;
  /** In write order: offices (parents first), directives, plan code, plan, tasks, the import record. */
  streams: ImportStream[];
  created: { offices: string[]; directives: string[]; tasks: number };
  tasks: { ref: string; taskId: string; lead: string; dueOn: LocalDate | null }[];
  noDeadline: string[];
  warnings: ImportWarning[];
  rows: RowReading[];
}

const BUSINESS_DAY_START_MS = 8 * 60 * 60 * 1000;

/**
 * Turns a read plan file into the events that record it, deciding each with the aggregates' own
 * deciders, or throws ImportInvalid with every problem: all or nothing. Rules (docs/IMPORT.md):
 * - offices the file declares are registered unless one with the code exists (left alone);
 * - a group name stands for its offices; several leads make one task per office; `*` in
 *   supporting is every active office under the plan's issuer (the lead itself left out);
 * - directives are issued unless their number is already recorded for the issuer; a date that
 *   disagrees with the record, with a cited source, or with the directives citing it is a warning;
 * - deadlines resolve as DOMAIN.md says; a phrase deferring to another document, or none, is
 *   NO_DEADLINE and listed by ref in `noDeadline`.
 */
function understandImport(doc: ImportDocument, world: ImportWorld, req: ImportRequest): Understood {
  const issues = new IssueList();
  const warnings: ImportWarning[] = [];
  const plan = doc.plan;
  const need = <T>(value: T | null, field: PlanField, what: string): T | null => {
    if (value === null) issues.add(plan.at[field], `${what} is required`);
    return value;
  };
  const code = need(plan.code, 'code', 'the plan code');
  const issuer = need(plan.issuer, 'issuer', 'the issuing office');
  need(plan.title, 'title', 'the plan title');
  need(plan.period.from, 'from', 'the start of the plan period');
  need(plan.period.to, 'to', 'the end of the plan period');
  const assignedOn = need(plan.assignedOn, 'assignedOn', 'the day the plan was assigned (assignedOn)');
  const today = localDateOf(req.recordedAt);
  if (assignedOn && assignedOn > today)
    issues.add(plan.at.assignedOn, `assignedOn ${assignedOn} is in the future: an import records what has happened`);
  const dayStart = assignedOn ? startOfLocalDay(assignedOn).getTime() + BUSINESS_DAY_START_MS : req.recordedAt.getTime();
  const occurredAt = new Date(Math.min(dayStart, req.recordedAt.getTime()));

  // The office tree as it will be: recorded offices, then the file's new ones.
  const tree = new Map<string, { parent: string | null; status: string }>(
    world.offices.map((o) => [o.code, { parent: o.parent, status: o.status }]),
  );
  const isWithin = (office: string, ancestor: string) => {
    for (let c: string | null = office, hops = 0; c !== null && hops < 64; c = tree.get(c)?.parent ?? null, hops++)
      if (c === ancestor) return true;
    return false;
  };
  const ctx: CommandContext = { actor: req.actor, occurredAt, recordedAt: req.recordedAt, isWithin };

  const officeStreams = registerOffices(doc, world, tree, ctx, issues, warnings);
  const groups = new Map<string, string[]>();
  for (const g of doc.groups) {
    if (tree.has(g.name)) issues.add(g.at, `the group ${g.name} has the code of an office`);
    g.members.forEach((m, i) => {
      if (!tree.has(m)) issues.add(`${g.at}[${i}]`, `no office ${m} (neither registered nor in this file)`);
    });
    groups.set(g.name, g.members);
  }
  const directives = issueDirectives(doc, world, tree, ctx, req, issues, warnings);

  // The plan and its code.
  const active = (c: string) => tree.get(c)?.status === 'active';
  if (issuer && !active(issuer)) issues.add(plan.at.issuer, tree.has(issuer) ? `office ${issuer} is not active` : `no office ${issuer}`);
  if (plan.followUp && !tree.has(plan.followUp)) issues.add(plan.at.followUp, `no office ${plan.followUp}`);
  let directiveId: string | null = null;
  let signedOn: LocalDate | null = null;
  if (plan.directive) {
    const wanted = normaliseDirectiveNumber(plan.directive);
    const inFile = [...directives.values()]
      .filter((d) => normaliseDirectiveNumber(d.number) === wanted)
      .sort((a, b) => Number(b.issuer === issuer) - Number(a.issuer === issuer))[0];
    const recorded = issuer ? world.directives.get(directiveKey(issuer, plan.directive)) : undefined;
    const found = inFile ?? (recorded && { id: recorded.directiveId, revoked: recorded.revoked, issuedOn: recorded.issuedOn });
    if (!found)
      issues.add(
        plan.at.directive,
        `no directive ${plan.directive}${issuer ? ` of ${issuer}` : ''}: declare it in the file's directives or record it first`,
      );
    else if (found.revoked) issues.add(plan.at.directive, `directive ${plan.directive} is revoked`);
    else {
      directiveId = found.id;
      signedOn = found.issuedOn;
      if (assignedOn && found.issuedOn > assignedOn) {
        warnings.push({
          code: 'PLAN_BEFORE_DIRECTIVE',
          field: plan.at.assignedOn,
          message: `the plan is assigned on ${assignedOn}, before its directive ${plan.directive} (${found.issuedOn})`,
        });
      }
    }
  }
  const planId = req.newId('plan');
  const planField = (f: string | undefined): string => {
    if (!f) return plan.at.code;
    if (f === 'period.from' || f === 'period.to') return plan.at[f.slice(7) as 'from' | 'to'];
    if (f.startsWith('targets')) return `${plan.at.targets}${f.slice('targets'.length)}`;
    return (plan.at as Record<string, string>)[f] ?? `plan.${f}`;
  };
  const planStreams: ImportStream[] = [];
  if (code && issuer && plan.title && plan.period.from && plan.period.to) {
    const claim = issues.guard(planField, () =>
      planCodeDecider.decide({ type: 'ClaimPlanCode', data: { code, planId, issuer } }, null, ctx),
    );
    const adopted = issues.guard(planField, () =>
      planDecider.decide(
        {
          type: 'AdoptPlan',
          data: {
            id: planId,
            code,
            directiveId,
            issuer,
            title: plan.title!,
            period: { from: plan.period.from!, to: plan.period.to! },
            requiresAcceptance: plan.requiresAcceptance,
            followUp: plan.followUp,
            targets: plan.targets,
          },
        },
        initialPlanState,
        ctx,
      ),
    );
    if (claim && adopted)
      planStreams.push({ streamId: planCodeStreamId(issuer, code), events: claim }, { streamId: planStreamId(planId), events: adopted });
  }

  // Tasks: one per lead office. Offices are read as printed (office-names.ts).
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
  for (const row of rows) row.errors = issues.items.filter((i) => i.field === row.at || i.field.startsWith(`${row.at}.`));
  const created = {
    offices: officeStreams.map((s) => s.streamId.slice('office-'.length)),
    directives: directives.created,
    tasks: tasks.length,
  };
  if (issues.count > 0) return { issues, rows, warnings, created, noDeadline, resolved: null };
  const record: ImportRecorded = {
    type: 'ImportRecorded',
    data: {
      planCode: code!,
      planId,
      contentHash: req.contentHash,
      format: doc.format,
      ...(req.fileName ? { fileName: req.fileName } : {}),
      assignedOn: assignedOn!,
      created,
      noDeadline,
      warnings,
      tasks: refs,
    },
  };
  const resolved: ResolvedImport = {
    planId,
    planCode: code!,
    occurredAt,
    streams: [
      ...officeStreams,
      ...directives.streams,
      ...planStreams,
      ...taskStreams,
      { streamId: importStreamId(code!), events: [record] },
    ],
    created,
    tasks,
    noDeadline,
    warnings,
    rows,
  };
  return { issues, rows, warnings, created, noDeadline, resolved };
}

interface Understood {
  issues: IssueList;
  rows: RowReading[];
  warnings: ImportWarning[];
  created: ResolvedImport['created'];
  noDeadline: string[];
  resolved: ResolvedImport | null;
}

/**
 * Turns a read plan file into the events that record it, or throws ImportInvalid with every
 * problem: all or nothing. `previewImport` answers the same reading without writing or throwing.
 */
export function resolveImport(doc: ImportDocument, world: ImportWorld, req: ImportRequest): ResolvedImport {
  const u = understandImport(doc, world, req);
  u.issues.throwIfAny();
  return u.resolved!;
}

/** What an import would do (POST /v1/imports?dryRun=true): every row as understood, warnings and errors; nothing decided is written. */
export function previewImport(doc: ImportDocument, world: ImportWorld, req: ImportRequest): ImportPreview {
  const u = understandImport(doc, world, req);
  return {
    ok: u.issues.count === 0,
    plan: { code: doc.plan.code, title: doc.plan.title, issuer: doc.plan.issuer, period: doc.plan.period, assignedOn: doc.plan.assignedOn },
    rows: u.rows,
    created: u.created,
    noDeadline: u.noDeadline,
    warnings: u.warnings,
    errors: u.issues.items,
  };
}

export interface ImportPreview {
  /** False when the import would be refused (see errors). */
  ok: boolean;
  plan: Pick<ImportDocument['plan'], 'code' | 'title' | 'issuer' | 'period' | 'assignedOn'>;
  rows: RowReading[];
  created: ResolvedImport['created'];
  noDeadline: string[];
  warnings: ImportWarning[];
  errors: ImportIssue[];
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
