import { Inject, Injectable } from '@nestjs/common';
import { parseRounding, resolveRange } from '@dondoc/domain/counting';
import { Actor, CLOCK, Clock, forbidden, localDateOf, notFound, parseInstantOrDate } from '@dondoc/domain/shared';
import { DirectiveQuery } from '@dondoc/read-models/directives/directive.query';
import { PlanQuery } from '@dondoc/read-models/plans/plan.query';
import { CompletionReport, GroupBy, ListedItem, OverdueItem, OverdueReport, ReportFilter } from '@dondoc/read-models/reports/report-model';
import { ReportQuery } from '@dondoc/read-models/reports/report.query';
import { KnownSnapshot, ReportReplay, replayCompletion, replayDoneLate, replayOverdue } from '@dondoc/read-models/reports/report-replay';
import { ReadScope } from '../application/read-scope';
import { CompletionReportQueryDto, OverdueReportQueryDto, ReportTimeQueryDto, TargetsReportQueryDto } from './reports.query.dto';

export interface ReportTimes {
  asOf: Date;
  knownAt: Date | null;
}

/**
 * The reports of API.md, within the reader's scope. Live reports run one SQL statement over the
 * read models; with `knownAt` (inspectors, admins) the record is replayed from the events
 * recorded by then and the same report is computed in memory by the same counting code.
 *
 * Decisions (see report-model.ts for the counting rules):
 * - `asOf` defaults to now, or to `knownAt` when that is given: "what did the system say on
 *   14/6/2023" is the record known then, classified as of then. Both may be given.
 * - scope: `office=` is that office and its subtree (lead office), refused (403) outside the
 *   reader's subtree; an officer sees only items its own office leads.
 * - an unknown `plan` or `directive` is 404, and so is one out of the reader's scope (issue 13, item 11).
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportQuery,
    private readonly replay: ReportReplay,
    private readonly scope: ReadScope,
    private readonly plans: PlanQuery,
    private readonly directives: DirectiveQuery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `asOf` defaults to the injected clock's now (so that a demo or a test on a fixed clock reads as of then). */
  times(actor: Actor, q: ReportTimeQueryDto, now = this.clock.now()): ReportTimes {
    let knownAt: Date | null = null;
    if (q.knownAt !== undefined) {
      if (actor.role !== 'inspector' && actor.role !== 'admin') {
        throw forbidden('KNOWN_AT_NOT_ALLOWED', 'only inspectors and admins may read the record as it stood (knownAt)');
      }
      knownAt = parseInstantOrDate(q.knownAt, 'knownAt');
    }
    const asOf = q.asOf !== undefined ? parseInstantOrDate(q.asOf, 'asOf') : knownAt && knownAt < now ? knownAt : now;
    return { asOf, knownAt };
  }

  async overdue(actor: Actor, q: OverdueReportQueryDto): Promise<OverdueReport & { knownAt?: string }> {
    const times = this.times(actor, q);
    const filter = await this.filter(actor, q);
    if (!times.knownAt) return this.reports.overdue(filter, times.asOf);
    const snapshot = await this.replay.snapshot(times.knownAt);
    return {
      ...replayOverdue(snapshot, this.replayFilter(snapshot, actor, q.office, filter), times.asOf),
      knownAt: times.knownAt.toISOString(),
    };
  }

  async completion(actor: Actor, q: CompletionReportQueryDto): Promise<CompletionReport & { knownAt?: string }> {
    const { times, filter } = await this.completionScope(actor, q);
    const rounding = parseRounding(q.rounding);
    const groupBy = (q.groupBy ?? 'office') as GroupBy;
    if (!times.knownAt) return this.reports.completion(filter, { asOf: times.asOf, groupBy, rounding });
    const snapshot = await this.replay.snapshot(times.knownAt);
    return {
      ...replayCompletion(snapshot, this.replayFilter(snapshot, actor, q.office, filter), { asOf: times.asOf, groupBy, rounding }),
      knownAt: times.knownAt.toISOString(),
    };
  }

  /** The lines behind the completion report's `overdue` and `doneLate`, on the same scope, period, asOf and knownAt. */
  async completionLists(actor: Actor, q: CompletionReportQueryDto): Promise<{ overdue: OverdueItem[]; late: ListedItem[] }> {
    const { times, filter } = await this.completionScope(actor, q);
    if (!times.knownAt) {
      const [overdue, late] = await Promise.all([this.reports.overdue(filter, times.asOf), this.reports.doneLate(filter, times.asOf)]);
      return { overdue: overdue.items, late };
    }
    const snapshot = await this.replay.snapshot(times.knownAt);
    const known = this.replayFilter(snapshot, actor, q.office, filter);
    return { overdue: replayOverdue(snapshot, known, times.asOf).items, late: replayDoneLate(snapshot, known, times.asOf) };
  }

  private async completionScope(actor: Actor, q: CompletionReportQueryDto): Promise<{ times: ReportTimes; filter: ReportFilter }> {
    const times = this.times(actor, q);
    const period = q.period || q.from || q.to ? resolveRange({ period: q.period, from: q.from, to: q.to }, localDateOf(times.asOf)) : null;
    if (q.directive) {
      // Out of the reader's line reads as missing (a district's report may name the province's directive).
      const directive = await this.directives.find(q.directive);
      if (!directive || !(await this.scope.canSeePlan(actor, directive.issuer)))
        throw notFound('DIRECTIVE_NOT_FOUND', `no directive ${q.directive}`);
    }
    return { times, filter: { ...(await this.filter(actor, q)), directiveId: q.directive ?? null, period } };
  }

  async targets(actor: Actor, q: TargetsReportQueryDto) {
    const plan = await this.plans.find(q.plan);
    if (!plan || !(await this.scope.canSeePlan(actor, plan.issuer))) throw notFound('PLAN_NOT_FOUND', `no plan ${q.plan}`);
    const asOf = q.asOf !== undefined ? parseInstantOrDate(q.asOf, 'asOf') : this.clock.now();
    return this.reports.targets(plan, asOf, parseRounding(q.rounding));
  }

  /** Scope and plan: 403 for an office outside the reader's subtree, 404 for an unknown or unseen plan. */
  private async filter(actor: Actor, q: { office?: string; plan?: string }): Promise<ReportFilter> {
    const leadPath = await this.scope.filterPath(actor, q.office);
    if (q.plan) {
      // A plan out of scope reads as a missing one: 404, not a 200 with nothing counted.
      const plan = await this.plans.find(q.plan);
      if (!plan || !(await this.scope.canSeePlan(actor, plan.issuer))) throw notFound('PLAN_NOT_FOUND', `no plan ${q.plan}`);
    }
    return { leadPath, lead: actor.role === 'officer' ? actor.office : null, planId: q.plan ?? null };
  }

  /** The same scope over the office tree as it stood at knownAt (paths move with OfficeMoved). */
  private replayFilter(snapshot: KnownSnapshot, actor: Actor, office: string | undefined, filter: ReportFilter): ReportFilter {
    const root = office ?? (actor.role === 'admin' ? null : actor.office);
    if (root === null) return { ...filter, leadPath: null };
    return { ...filter, leadPath: snapshot.offices.get(root)?.path ?? `/!unknown/${root}/` };
  }
}
