import { Actor, CommandContext, DomainEvent, LocalDate, localDateOf, startOfLocalDay } from '../shared';
import type { CitedDirective } from './cited-directives';
import { issueDirectives } from './import-directives.resolver';
import { registerOffices } from './import-offices.resolver';
import { adoptPlan } from './import-plan.resolver';
import { RowReading, assignTasks } from './import-tasks.resolver';
import { ImportDocument, PlanField } from './import-document';
import { ImportIssue, ImportWarning, IssueList } from './import-issues';
import { ImportRecorded, importStreamId } from './import-record';

export type { RowReading } from './import-tasks.resolver';

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

  // The plan and its code, then its tasks, each stage reporting into the same issue list.
  const adopted = adoptPlan(doc, world, tree, directives, { code, issuer, assignedOn }, ctx, req, issues, warnings);
  const planId = adopted.planId;
  const assigned = assignTasks(
    doc,
    world,
    tree,
    groups,
    { planId, issuer, assignedOn, signedOn: adopted.signedOn },
    ctx,
    req,
    issues,
    warnings,
  );
  const { tasks, noDeadline, rows } = assigned;
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
      tasks: assigned.refs,
    },
  };
  const resolved: ResolvedImport = {
    planId,
    planCode: code!,
    occurredAt,
    streams: [
      ...officeStreams,
      ...directives.streams,
      ...adopted.streams,
      ...assigned.streams,
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
