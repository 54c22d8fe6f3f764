import { Injectable } from '@nestjs/common';
import { Rounding, TargetReportRow, targetReportRow } from '@dondoc/domain/counting';
import { daysBetween, localDateOf } from '@dondoc/domain/shared';
import { PlanEntity } from '../plans/plan.entity';
import { itemStatusSql } from '../tasks/task-status.sql';
import { ReadSide } from '../projection/read-side';
import {
  COUNT_FIELDS,
  CompletionCounts,
  CompletionReport,
  GroupBy,
  ListedItem,
  OverdueReport,
  ReportFilter,
  compareListed,
  compareOverdue,
  completionGroup,
  emptyCounts,
  sortGroups,
  withRates,
} from './report-model';

/** The item's local date for the period rule: its deadline, or the day it was assigned. */
const PERIOD_DATE_SQL = `COALESCE(i.due_on, (i.assigned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)`;

const GROUP_KEY_SQL: Record<GroupBy, string> = {
  office: 'i.lead',
  criterion: 'i.criterion',
  area: 'i.area',
  plan: 'i.plan_id::text',
};

/** The group's label, from the grouped key `g.key` (one scalar lookup per group, same query). */
const GROUP_LABEL_SQL: Record<GroupBy, string> = {
  office: `(SELECT o.name FROM rm_offices o WHERE o.code = g.key)`,
  plan: `(SELECT p.title FROM rm_plans p WHERE p.id::text = g.key)`,
  criterion: 'g.key',
  // The area's name in the latest registered framework version that has such an area.
  area: `(SELECT a->>'name' FROM rm_index_frameworks f CROSS JOIN LATERAL jsonb_array_elements(f.areas) a
           WHERE a->>'code' = g.key ORDER BY f.year DESC, f.code, f.level LIMIT 1)`,
};

/**
 * The reports over the read models, one SQL statement each: items are classified with the SQL
 * version of the status rule (itemStatusSql) as of T, filtered, and counted in the database;
 * rates, labels and order come from report-model.ts, shared with the replay path.
 */
@Injectable()
export class ReportQuery {
  constructor(private readonly read: ReadSide) {}

  /** Items OVERDUE at `asOf`: one line per overdue occurrence of a recurring task. */
  async overdue(filter: ReportFilter, asOf: Date): Promise<OverdueReport> {
    const td = localDateOf(asOf);
    const items = (await this.itemsIn('OVERDUE', filter, asOf)).map((i) => ({ ...i, daysOverdue: daysBetween(i.dueOn, td) }));
    return { asOf: asOf.toISOString(), items: items.sort(compareOverdue) };
  }

  /** Items DONE_LATE at `asOf` within the filter's period: the lines behind the completion report's `doneLate`. */
  async doneLate(filter: ReportFilter, asOf: Date): Promise<ListedItem[]> {
    return (await this.itemsIn('DONE_LATE', filter, asOf)).sort(compareListed);
  }

  /** Both statuses imply a deadline before T's local date (done late: due < completed ≤ T), hence the first condition. */
  private async itemsIn(status: 'OVERDUE' | 'DONE_LATE', filter: ReportFilter, asOf: Date): Promise<ListedItem[]> {
    const params: unknown[] = [asOf, localDateOf(asOf)];
    const where = this.where(filter, params);
    const rows: (Omit<ListedItem, 'plan'> & { planId: string; planTitle: string | null })[] = await this.read.query(
      `SELECT i.task_id AS "taskId", NULLIF(i.key, '') AS occurrence, t.title, i.lead, o.name AS "leadName",
              i.plan_id AS "planId", p.title AS "planTitle", d.number AS "directiveNumber", i.criterion,
              to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn"
         FROM rm_task_items i
         JOIN rm_tasks t ON t.id = i.task_id
         LEFT JOIN rm_plans p ON p.id = i.plan_id
         LEFT JOIN rm_directives d ON d.id = p.directive_id
         LEFT JOIN rm_offices o ON o.code = i.lead
        WHERE i.due_on < $2::date AND ${where} AND ${itemStatusSql('i', '$1::timestamptz', '$2::date')} = '${status}'`,
      params,
    );
    return rows.map(({ planId, planTitle, ...r }) => ({
      taskId: r.taskId,
      occurrence: r.occurrence,
      title: r.title,
      lead: r.lead,
      leadName: r.leadName,
      plan: { id: planId, title: planTitle },
      directiveNumber: r.directiveNumber,
      criterion: r.criterion,
      dueOn: r.dueOn,
    }));
  }

  /** Counts per group and in total (GROUPING SETS: one pass), then rates from rate(). */
  async completion(filter: ReportFilter, opts: { asOf: Date; groupBy: GroupBy; rounding: Rounding }): Promise<CompletionReport> {
    const { asOf, groupBy, rounding } = opts;
    const params: unknown[] = [asOf, localDateOf(asOf)];
    const where = this.where(filter, params);
    const done = `x.status IN ('DONE_ON_TIME', 'DONE_LATE')`;
    const live = `x.status <> 'CANCELLED'`;
    const rows: (Record<keyof CompletionCounts, string> & { key: string | null; label: string | null; isTotal: boolean })[] =
      await this.read.query(
        `WITH x AS (
         SELECT ${GROUP_KEY_SQL[groupBy]} AS key, i.due_on, i.extended, ${itemStatusSql('i', '$1::timestamptz', '$2::date')} AS status
           FROM rm_task_items i WHERE ${where}
       ), g AS (
         SELECT x.key, GROUPING(x.key) = 1 AS "isTotal",
                count(*) FILTER (WHERE ${live}) AS assigned,
                count(*) FILTER (WHERE ${live} AND (${done} OR x.due_on <= $2::date)) AS due,
                count(*) FILTER (WHERE x.status = 'DONE_ON_TIME') AS "doneOnTime",
                count(*) FILTER (WHERE x.status = 'DONE_LATE') AS "doneLate",
                count(*) FILTER (WHERE x.status = 'IN_PROGRESS') AS "inProgress",
                count(*) FILTER (WHERE x.status = 'OVERDUE') AS overdue,
                count(*) FILTER (WHERE x.status = 'AWAITING_ACCEPTANCE') AS "awaitingAcceptance",
                count(*) FILTER (WHERE x.status = 'CANCELLED') AS cancelled,
                count(*) FILTER (WHERE x.status = 'NO_DEADLINE') AS "noDeadline",
                count(*) FILTER (WHERE ${live} AND x.extended) AS extended
           FROM x GROUP BY GROUPING SETS ((x.key), ())
       )
       SELECT g.*, ${GROUP_LABEL_SQL[groupBy]} AS label FROM g`,
        params,
      );
    const countsOf = (r: (typeof rows)[number]): CompletionCounts =>
      Object.fromEntries(COUNT_FIELDS.map((f) => [f, Number(r[f])])) as unknown as CompletionCounts;
    const totalRow = rows.find((r) => r.isTotal);
    const groups = rows
      .filter((r) => !r.isTotal)
      .map((r) => completionGroup(r.key, r.key === null ? null : (r.label ?? r.key), countsOf(r), rounding));
    return {
      asOf: asOf.toISOString(),
      groupBy,
      period: filter.period ?? null,
      rounding,
      groups: sortGroups(groups, groupBy),
      total: withRates(totalRow ? countsOf(totalRow) : emptyCounts(), rounding),
    };
  }

  /** Each target of the plan with the measurement standing at `asOf`'s local date. */
  targets(plan: PlanEntity, asOf: Date, rounding: Rounding = 'halfUp'): TargetReportRow[] {
    const date = localDateOf(asOf);
    return plan.state.targetOrder.map((code) => {
      const t = plan.state.targets[code];
      return targetReportRow(t.definition, t.measurements, date, rounding);
    });
  }

  /** The WHERE shared by the reports: assigned by T, scope, plan, directive, period. */
  private where(f: ReportFilter, params: unknown[]): string {
    const where = ['i.assigned_at <= $1::timestamptz'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (f.leadPath) add((p) => `starts_with(i.lead_path, ${p}::text)`, f.leadPath);
    if (f.lead) add((p) => `i.lead = ${p}::text`, f.lead);
    if (f.planId) add((p) => `i.plan_id = ${p}::uuid`, f.planId);
    if (f.directiveId) add((p) => `i.plan_id IN (SELECT dp.id FROM rm_plans dp WHERE dp.directive_id = ${p}::uuid)`, f.directiveId);
    if (f.period?.from) add((p) => `${PERIOD_DATE_SQL} >= ${p}::date`, f.period.from);
    if (f.period) add((p) => `${PERIOD_DATE_SQL} <= ${p}::date`, f.period.to);
    return where.join(' AND ');
  }
}
