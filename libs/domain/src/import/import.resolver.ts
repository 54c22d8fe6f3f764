import { DeadlineContext, parseDeadlinePhrase } from '../deadline';
import { directiveKey, normaliseDirectiveNumber } from '../directive';
import { initialPlanState, planCodeDecider, planCodeStreamId, planDecider, planStreamId } from '../plan';
import { Actor, CommandContext, DomainEvent, LocalDate, isLocalDate, localDateOf, startOfLocalDay } from '../shared';
import { AssignTask, taskDecider, taskStreamId } from '../task';
import type { CitedDirective } from './cited-directives';
import { issueDirectives } from './import-directives.resolver';
import { registerOffices } from './import-offices.resolver';
import { ImportDocument, ImportTask, PlanField, TaskField, taskFieldAt } from './import-document';
import { ImportWarning, IssueList } from './import-issues';
import { ImportRecorded, importStreamId } from './import-record';

/** What the database already knows that a file may refer to. */
export interface ImportWorld {
  offices: { code: string; name: string; parent: string | null; status: string }[];
  /** Directive numbers already claimed, by `directiveKey(issuer, number)`. */
  directives: Map<string, { directiveId: string; issuedOn: LocalDate; revoked: boolean }>;
  cited: readonly CitedDirective[];
}

export interface ImportRequest {
  actor: Actor;
  recordedAt: Date;
  contentHash: string;
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
export function resolveImport(doc: ImportDocument, world: ImportWorld, req: ImportRequest): ResolvedImport {
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
  if (assignedOn && assignedOn > today) issues.add(plan.at.assignedOn, `assignedOn ${assignedOn} is in the future: an import records what has happened`);
  const dayStart = assignedOn ? startOfLocalDay(assignedOn).getTime() + BUSINESS_DAY_START_MS : req.recordedAt.getTime();
  const occurredAt = new Date(Math.min(dayStart, req.recordedAt.getTime()));

  // The office tree as it will be: recorded offices, then the file's new ones.
  const tree = new Map<string, { parent: string | null; status: string }>(world.offices.map((o) => [o.code, { parent: o.parent, status: o.status }]));
  const isWithin = (office: string, ancestor: string) => {
    for (let c: string | null = office, hops = 0; c !== null && hops < 64; c = tree.get(c)?.parent ?? null, hops++) if (c === ancestor) return true;
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
  if (plan.directive) {
    const wanted = normaliseDirectiveNumber(plan.directive);
    const inFile = [...directives.values()].filter((d) => normaliseDirectiveNumber(d.number) === wanted).sort((a, b) => Number(b.issuer === issuer) - Number(a.issuer === issuer))[0];
    const recorded = issuer ? world.directives.get(directiveKey(issuer, plan.directive)) : undefined;
    const found = inFile ?? (recorded && { id: recorded.directiveId, revoked: recorded.revoked, issuedOn: recorded.issuedOn });
    if (!found) issues.add(plan.at.directive, `no directive ${plan.directive}${issuer ? ` of ${issuer}` : ''}: declare it in the file's directives or record it first`);
    else if (found.revoked) issues.add(plan.at.directive, `directive ${plan.directive} is revoked`);
    else {
      directiveId = found.id;
      if (assignedOn && found.issuedOn > assignedOn) {
        warnings.push({ code: 'PLAN_BEFORE_DIRECTIVE', field: plan.at.assignedOn, message: `the plan is assigned on ${assignedOn}, before its directive ${plan.directive} (${found.issuedOn})` });
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
    const claim = issues.guard(planField, () => planCodeDecider.decide({ type: 'ClaimPlanCode', data: { code, planId } }, null, ctx));
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
    if (claim && adopted) planStreams.push({ streamId: planCodeStreamId(code), events: claim }, { streamId: planStreamId(planId), events: adopted });
  }

  // Tasks: one per lead office.
  const underIssuer = issuer ? [...tree.keys()].filter((c) => c !== issuer && active(c) && isWithin(c, issuer)) : [];
  const taskStreams: ImportStream[] = [];
  const tasks: ResolvedImport['tasks'] = [];
  const noDeadline: string[] = [];
  const refs: Record<string, string[]> = {};
  for (const t of doc.tasks) {
    if (issues.full) break;
    const expand = (names: string[], field: 'lead' | 'supporting'): string[] => {
      const out: string[] = [];
      for (const name of names) {
        if (name === '*') {
          if (field === 'lead') issues.add(taskFieldAt(t, field), '"*" (every office) is for supporting offices; name the lead offices or a group');
          else out.push(...underIssuer);
        } else if (groups.has(name)) out.push(...groups.get(name)!);
        else if (!tree.has(name)) issues.add(taskFieldAt(t, field), `no office or group ${name}`);
        else if (field === 'lead' && !active(name)) issues.add(taskFieldAt(t, field), `office ${name} is not active`);
        else out.push(name);
      }
      return [...new Set(out)];
    };
    const before = issues.count;
    const leads = expand(t.lead, 'lead');
    const supporting = expand(t.supporting, 'supporting');
    if (t.followUp && !tree.has(t.followUp)) issues.add(taskFieldAt(t, 'followUp'), `no office ${t.followUp}`);
    const deadline = deadlineOf(t, issues, { assignedOn: assignedOn ?? undefined, planEnd: plan.period.to ?? undefined });
    if (issues.count > before || !deadline) continue;
    const ids: string[] = [];
    for (const lead of leads) {
      const taskId = req.newId('task');
      const command: AssignTask = {
        type: 'AssignTask',
        taskId,
        planId,
        title: t.title,
        description: t.description ?? undefined,
        lead,
        supporting: supporting.filter((s) => s !== lead),
        followUp: t.followUp ?? plan.followUp ?? undefined,
        criterion: t.criterion ?? undefined,
        expectedOutcome: t.expectedOutcome ?? undefined,
        target: t.target ?? undefined,
        requiresAcceptance: plan.requiresAcceptance,
        planEnd: plan.period.to ?? undefined,
        ...deadline,
      };
      const events = issues.guard((f) => taskFieldAt(t, taskFieldOf(f)), () => taskDecider.decide(command, null, ctx));
      if (!events) break; // the same problem for every lead: reported once
      taskStreams.push({ streamId: taskStreamId(taskId), events });
      const assigned = events[0].data as { deadline: { dueOn: LocalDate | null } };
      tasks.push({ ref: t.ref, taskId, lead, dueOn: assigned.deadline.dueOn });
      ids.push(taskId);
    }
    refs[t.ref] = ids;
    if (tasks.length > 0 && tasks[tasks.length - 1].ref === t.ref && tasks[tasks.length - 1].dueOn === null) noDeadline.push(t.ref);
  }
  issues.throwIfAny();

  const created = { offices: officeStreams.map((s) => s.streamId.slice('office-'.length)), directives: directives.created, tasks: tasks.length };
  const record: ImportRecorded = {
    type: 'ImportRecorded',
    data: { planCode: code!, planId, contentHash: req.contentHash, format: doc.format, assignedOn: assignedOn!, created, noDeadline, warnings, tasks: refs },
  };
  return {
    planId,
    planCode: code!,
    occurredAt,
    streams: [...officeStreams, ...directives.streams, ...planStreams, ...taskStreams, { streamId: importStreamId(code!), events: [record] }],
    created,
    tasks,
    noDeadline,
    warnings,
  };
}

/** A date is a due date; anything else is a phrase for the task decider (which keeps it as written). */
function deadlineOf(t: ImportTask, issues: IssueList, context: DeadlineContext): Pick<AssignTask, 'dueOn' | 'deadlinePhrase' | 'recurrence'> | null {
  const recurrence = t.recurrence ?? undefined;
  if (t.deadline === null) return { recurrence };
  if (isLocalDate(t.deadline) && !recurrence) return { dueOn: t.deadline };
  const ok = issues.guard(
    () => taskFieldAt(t, 'deadline'),
    () => parseDeadlinePhrase(t.deadline!, 'deadline', context),
  );
  return ok ? { deadlinePhrase: t.deadline, recurrence } : null;
}

/** The file's field for a field the task decider names. */
function taskFieldOf(f: string | undefined): TaskField {
  if (!f) return 'title';
  if (f === 'dueOn' || f.startsWith('deadline')) return 'deadline';
  if (f.startsWith('recurrence')) return 'recurrence';
  if (f.startsWith('target')) return 'target';
  const known: TaskField[] = ['title', 'description', 'lead', 'supporting', 'followUp', 'criterion', 'expectedOutcome'];
  return known.includes(f as TaskField) ? (f as TaskField) : 'title';
}
