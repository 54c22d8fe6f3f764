import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform';
import { Pool } from 'pg';
import { SCOPE_SQL } from './audit-events.query';
import { SUBJECT_OFFICES_SQL } from '@dondoc/read-models/audit/audit-subject.sql';

export interface BackdatedFilter {
  path: string | null;
  graceDays: number;
  recordedFrom?: Date;
  recordedTo?: Date;
  afterPosition?: string;
  limit: number;
}

interface Row {
  position: string;
  stream_id: string;
  version: number;
  type: string;
  actor: { userId: string; role: string; office: string; name?: string } | null;
  subjects: (string | null)[];
  business_date: string;
  occurred_at: Date;
  recorded_at: Date;
  lag_days: number;
}

/**
 * Back-dated reports: a CompletionReported whose completion date (`completedOn`), or a
 * ProgressReported whose `occurredAt`, falls more than `graceDays` days before the day it was
 * recorded. Days are local dates in Asia/Ho_Chi_Minh, so a report recorded on the 14th for the
 * 10th is 4 days late whatever the hour. Read from the audit index.
 */
@Injectable()
export class AuditFlagsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async backdated(f: BackdatedFilter) {
    const { rows } = await this.pool.query<Row>(
      `SELECT * FROM (
         SELECT e.position::text AS position, e.stream_id, e.version, e.type, e.metadata->'actor' AS actor, s.subjects,
                coalesce(e.data->>'completedOn', to_char(e.occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')) AS business_date,
                e.occurred_at, e.recorded_at
           FROM rm_audit_events e CROSS JOIN LATERAL (SELECT ${SUBJECT_OFFICES_SQL} AS subjects) s
          WHERE e.type IN ('CompletionReported', 'ProgressReported')
            AND ($2::timestamptz IS NULL OR e.recorded_at >= $2)
            AND ($3::timestamptz IS NULL OR e.recorded_at <= $3)
            AND e.position > $4::bigint
            AND ${SCOPE_SQL('$5', 'true')}
       ) x
       CROSS JOIN LATERAL (SELECT ((x.recorded_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - x.business_date::date) AS lag_days) l
       WHERE l.lag_days > $1
       ORDER BY x.position::bigint LIMIT $6`,
      [f.graceDays, f.recordedFrom ?? null, f.recordedTo ?? null, f.afterPosition ?? '0', f.path, f.limit],
    );
    return rows.map((r) => ({
      kind: 'backdated' as const,
      position: r.position,
      streamId: r.stream_id,
      taskId: r.stream_id.startsWith('task-') ? r.stream_id.slice(5) : null,
      version: r.version,
      type: r.type,
      actor: r.actor,
      office: r.subjects.find((o) => !!o) ?? null,
      businessDate: r.business_date,
      occurredAt: r.occurred_at.toISOString(),
      recordedAt: r.recorded_at.toISOString(),
      lagDays: r.lag_days,
      graceDays: f.graceDays,
    }));
  }
}
