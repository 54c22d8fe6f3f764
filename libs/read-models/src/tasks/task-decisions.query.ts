import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A decision a leader owes: an extension asked for, or a completion reported and awaiting acceptance. */
export interface DecisionWaiting {
  kind: 'extension' | 'completion';
  taskId: string;
  title: string;
  planId: string;
  lead: string;
  dueOn: string | null;
  /** When it was asked (the request or the report). */
  since: string;
  version: number;
  /** The period of a recurring task's report ('2026-Q4'); absent for a one-off task. */
  occurrence?: string;
  requestId?: string;
  requestedDueOn?: string;
  reason?: string;
  completedOn?: string;
  note?: string;
}

type Report = { completedOn: string; note: string; reportedAt: string; status: string };

/** Tasks scanned at most for one answer: a district's open decisions are far fewer. */
const SCAN_LIMIT = 5000;

/**
 * What waits for the leaders of an office: requests and reports on tasks led by offices strictly
 * below it (a leader does not decide on its own office's tasks), oldest first. A recurring task's
 * reports wait per occurrence (in `state.occurrences`, not in `awaiting_on`).
 */
@Injectable()
export class TaskDecisionsQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async waitingBelow(path: string | null, ownOffice: string | null): Promise<DecisionWaiting[]> {
    const rows: {
      id: string;
      title: string;
      planId: string;
      lead: string;
      dueOn: string | null;
      version: number;
      state: {
        extensions: { requestId: string; requestedDueOn: string; reason: string; requestedAt: string; status: string }[];
        completion: Report | null;
        occurrences?: Record<string, Report>;
      };
    }[] = await this.db.query(
      `SELECT id, title, plan_id AS "planId", lead, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", version, state
           FROM rm_tasks
          WHERE ($1::text IS NULL OR starts_with(lead_path, $1)) AND ($2::text IS NULL OR lead <> $2)
            AND cancelled_at IS NULL
            AND (awaiting_on IS NOT NULL OR state->'extensions' @> '[{"status":"pending"}]'
                 OR (recurring AND jsonb_path_exists(state->'occurrences', '$.* ? (@.status == "awaiting")')))
          ORDER BY assigned_at
          LIMIT $3`,
      [path, ownOffice, SCAN_LIMIT],
    );
    const items: DecisionWaiting[] = [];
    for (const r of rows) {
      const base = { taskId: r.id, title: r.title, planId: r.planId, lead: r.lead, dueOn: r.dueOn, version: r.version };
      for (const e of r.state.extensions.filter((x) => x.status === 'pending')) {
        items.push({
          ...base,
          kind: 'extension',
          since: e.requestedAt,
          requestId: e.requestId,
          requestedDueOn: e.requestedDueOn,
          reason: e.reason,
        });
      }
      const c = r.state.completion;
      if (c && c.status === 'awaiting')
        items.push({ ...base, kind: 'completion', since: c.reportedAt, completedOn: c.completedOn, note: c.note });
      for (const [occurrence, o] of Object.entries(r.state.occurrences ?? {})) {
        if (o.status === 'awaiting')
          items.push({ ...base, kind: 'completion', occurrence, since: o.reportedAt, completedOn: o.completedOn, note: o.note });
      }
    }
    return items.sort((a, b) => a.since.localeCompare(b.since) || a.taskId.localeCompare(b.taskId));
  }
}
