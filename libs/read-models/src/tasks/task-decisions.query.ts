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
  requestId?: string;
  requestedDueOn?: string;
  reason?: string;
  completedOn?: string;
  note?: string;
}

/**
 * What waits for the leaders of an office: requests and reports on tasks led by offices strictly
 * below it (a leader does not decide on its own office's tasks), oldest first.
 */
@Injectable()
export class TaskDecisionsQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async waitingBelow(path: string | null, ownOffice: string | null, limit: number): Promise<DecisionWaiting[]> {
    const rows: { id: string; title: string; planId: string; lead: string; dueOn: string | null; version: number; state: { extensions: { requestId: string; requestedDueOn: string; reason: string; requestedAt: string; status: string }[]; completion: { completedOn: string; note: string; reportedAt: string; status: string } | null } }[] =
      await this.db.query(
        `SELECT id, title, plan_id AS "planId", lead, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", version, state
           FROM rm_tasks
          WHERE ($1::text IS NULL OR starts_with(lead_path, $1)) AND ($2::text IS NULL OR lead <> $2)
            AND cancelled_at IS NULL
            AND (awaiting_on IS NOT NULL OR state->'extensions' @> '[{"status":"pending"}]')
          LIMIT $3`,
        [path, ownOffice, limit],
      );
    const items: DecisionWaiting[] = [];
    for (const r of rows) {
      const base = { taskId: r.id, title: r.title, planId: r.planId, lead: r.lead, dueOn: r.dueOn, version: r.version };
      for (const e of r.state.extensions.filter((x) => x.status === 'pending')) {
        items.push({ ...base, kind: 'extension', since: e.requestedAt, requestId: e.requestId, requestedDueOn: e.requestedDueOn, reason: e.reason });
      }
      const c = r.state.completion;
      if (c && c.status === 'awaiting') items.push({ ...base, kind: 'completion', since: c.reportedAt, completedOn: c.completedOn, note: c.note });
    }
    return items.sort((a, b) => a.since.localeCompare(b.since));
  }
}
