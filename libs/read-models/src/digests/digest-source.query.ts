import type { DigestTaskRow, RemediationRow, SubtreeCounts } from '@dondoc/domain/digest';
import { localDateOf } from '@dondoc/domain/shared';
import { itemStatusSql } from '../tasks/task-status.sql';

/** What the digest runner reads with: a pg Pool (or anything with its query()). */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export interface DigestOfficeRow {
  code: string;
  name: string;
  email: string | null;
  parent: string | null;
  path: string;
  status: string;
}

export type LeadCounts = SubtreeCounts & { lead: string };

export interface PendingDigestRow {
  id: string;
  office: string;
  week: string;
  recipients: string[];
  subject: string;
  html: string;
  text: string;
}

const STATUS = itemStatusSql('i', '$1::timestamptz', '$2::date');

/**
 * The read-model queries behind the weekly digest, in plain SQL over pg so that the runner works
 * the same in the worker, in a script and in the benchmark. Items are classified with the SQL
 * form of the status rule (itemStatusSql) as of the digest's instant; one statement per question,
 * for every office at once.
 */
export class DigestSource {
  constructor(private readonly db: Queryable) {}

  async offices(): Promise<DigestOfficeRow[]> {
    const { rows } = await this.db.query<DigestOfficeRow>(`SELECT code, name, email, parent, path, status FROM rm_offices ORDER BY path`);
    return rows;
  }

  /** Open items (overdue, or in progress and due by `listUntil`) of every office, with the lead. */
  async openItems(asOf: Date, listUntil: string): Promise<(DigestTaskRow & { lead: string })[]> {
    const { rows } = await this.db.query<DigestTaskRow & { lead: string }>(
      `SELECT i.task_id AS "taskId", NULLIF(i.key, '') AS occurrence, i.lead, t.title, p.title AS "planTitle",
              d.number AS "directiveNumber", i.criterion, to_char(i.due_on, 'YYYY-MM-DD') AS "dueOn",
              (t.state->>'findingId') IS NOT NULL AS remediation
         FROM rm_task_items i
         JOIN rm_tasks t ON t.id = i.task_id
         LEFT JOIN rm_plans p ON p.id = i.plan_id
         LEFT JOIN rm_directives d ON d.id = p.directive_id
        WHERE i.assigned_at <= $1::timestamptz AND i.due_on <= $3::date AND ${STATUS} IN ('OVERDUE', 'IN_PROGRESS')`,
      [asOf, localDateOf(asOf), listUntil],
    );
    return rows;
  }

  /** Per lead office: the counts of the roll-up, in the digest's window (see digestWindow). */
  async countsByLead(asOf: Date, sunday: string, soonUntil: string): Promise<LeadCounts[]> {
    const { rows } = await this.db.query<Record<keyof LeadCounts, string>>(
      `SELECT x.lead,
              count(*) FILTER (WHERE x.s <> 'CANCELLED') AS assigned,
              count(*) FILTER (WHERE x.s IN ('DONE_ON_TIME', 'DONE_LATE') OR (x.s <> 'CANCELLED' AND x.due_on <= $2::date)) AS due,
              count(*) FILTER (WHERE x.s = 'DONE_ON_TIME') AS "doneOnTime",
              count(*) FILTER (WHERE x.s = 'DONE_LATE') AS "doneLate",
              count(*) FILTER (WHERE x.s = 'OVERDUE') AS overdue,
              count(*) FILTER (WHERE x.s = 'IN_PROGRESS' AND x.due_on <= $3::date) AS "dueThisWeek",
              count(*) FILTER (WHERE x.s = 'IN_PROGRESS' AND x.due_on > $3::date AND x.due_on <= $4::date) AS "dueSoon"
         FROM (SELECT i.lead, i.due_on, ${STATUS} AS s FROM rm_task_items i WHERE i.assigned_at <= $1::timestamptz) x
        GROUP BY x.lead`,
      [asOf, localDateOf(asOf), sunday, soonUntil],
    );
    const n = (v: string) => Number(v);
    return rows.map((r) => ({
      lead: r.lead,
      assigned: n(r.assigned),
      due: n(r.due),
      doneOnTime: n(r.doneOnTime),
      doneLate: n(r.doneLate),
      overdue: n(r.overdue),
      dueThisWeek: n(r.dueThisWeek),
      dueSoon: n(r.dueSoon),
    }));
  }

  /**
   * Overdue remediation items of findings not withdrawn, per inspecting office and inspected office
   * (issue 20): the inspecting office's digest rolls them up.
   */
  async overdueRemediation(asOf: Date): Promise<(RemediationRow & { inspecting: string })[]> {
    const { rows } = await this.db.query<{ inspecting: string; office: string; name: string | null; overdue: string; oldest: string }>(
      `SELECT f.inspecting_office AS inspecting, f.office, o.name, count(*) AS overdue, to_char(min(i.due_on), 'YYYY-MM-DD') AS oldest
         FROM rm_findings f
         JOIN rm_task_items i ON i.task_id = ANY(f.task_ids)
         LEFT JOIN rm_offices o ON o.code = f.office
        WHERE f.status <> 'withdrawn' AND f.recorded_at <= $1::timestamptz AND i.assigned_at <= $1::timestamptz AND ${STATUS} = 'OVERDUE'
        GROUP BY f.inspecting_office, f.office, o.name`,
      [asOf, localDateOf(asOf)],
    );
    return rows.map((r) => ({
      inspecting: r.inspecting,
      office: r.office,
      name: r.name ?? r.office,
      overdue: Number(r.overdue),
      oldestDueOn: r.oldest,
    }));
  }

  /** Offices whose digest for the week is already in the read model (the log has the last word). */
  async issuedOffices(week: string): Promise<Set<string>> {
    const { rows } = await this.db.query<{ office: string }>(`SELECT office FROM rm_digests WHERE week = $1`, [week]);
    return new Set(rows.map((r) => r.office));
  }

  /** Issued with an address and not delivered, in the given weeks. */
  async pending(weeks: string[]): Promise<PendingDigestRow[]> {
    const { rows } = await this.db.query<PendingDigestRow>(
      `SELECT id, office, week, recipients, subject, html, text FROM rm_digests
        WHERE week = ANY($1::text[]) AND status <> 'delivered' AND cardinality(recipients) > 0 ORDER BY week, office`,
      [weeks],
    );
    return rows;
  }
}
