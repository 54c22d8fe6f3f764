import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform';
import { Pool, PoolClient } from 'pg';
import { GlobalPosition, decodePosition, encodePosition } from '@dondoc/event-store';
import { AUDIT_EVENT_COLUMNS, AuditEventRow } from '@dondoc/read-models/audit/audit-event.entity';
import { SUBJECT_OFFICES_SQL } from '@dondoc/read-models/audit/audit-subject.sql';

export interface AuditEventFilter {
  /** Path prefix of the caller's scope, or of the asked office; null: everything (admin). */
  path: string | null;
  /** An `office=` filter was given: only events of offices under `path` (no anchors). */
  officeAsked: boolean;
  stream?: string;
  actor?: string;
  types?: string[];
  recordedFrom?: Date;
  recordedTo?: Date;
  /** The log position (the store's, opaque) to continue after. */
  after?: GlobalPosition;
  limit: number;
}

/** A row of the audit index with the offices it belongs to. */
export interface ScopedAuditEventRow extends AuditEventRow {
  subjects: (string | null)[];
}

/** Scope condition on a row that has `subjects`: `$path` bounds it, `$strict` leaves anchors out. */
export const SCOPE_SQL = (
  path: string,
  strict: string,
) => `(${path}::text IS NULL OR (e.stream_id = 'anchors' AND NOT ${strict}::boolean) OR EXISTS (
    SELECT 1 FROM rm_offices o WHERE o.code = ANY (s.subjects) AND starts_with(o.path, ${path}::text)))`;

/**
 * The audit trail from the audit index, in log order (the store's position: on PostgreSQL the
 * transaction id, then the number, the order projections read). The projector writes the index
 * batch after batch in that order, so a page never passes an event that is still to come.
 */
@Injectable()
export class AuditEventsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(f: AuditEventFilter, db: Pool | PoolClient = this.pool): Promise<ScopedAuditEventRow[]> {
    const { rows } = await db.query<ScopedAuditEventRow>(
      `SELECT ${AUDIT_EVENT_COLUMNS}, s.subjects FROM rm_audit_events e
         CROSS JOIN LATERAL (SELECT ${SUBJECT_OFFICES_SQL} AS subjects) s
        WHERE ($1::text IS NULL OR e.stream_id = $1)
          AND ($2::text IS NULL OR e.metadata->'actor'->>'userId' = $2)
          AND ($3::text[] IS NULL OR e.type = ANY ($3))
          AND ($4::timestamptz IS NULL OR e.recorded_at >= $4)
          AND ($5::timestamptz IS NULL OR e.recorded_at <= $5)
          AND ($6::text IS NULL OR e.log_position > $6)
          AND ${SCOPE_SQL('$7', '$8')}
        ORDER BY e.log_position LIMIT $9`,
      [
        f.stream ?? null,
        f.actor ?? null,
        f.types?.length ? f.types : null,
        f.recordedFrom ?? null,
        f.recordedTo ?? null,
        f.after ?? null,
        f.path,
        f.officeAsked,
        f.limit,
      ],
    );
    return rows;
  }

  /** Where an event's number stands in log order (for `after=<position>`). */
  async logOrderOf(position: string): Promise<GlobalPosition | null> {
    const { rows } = await this.pool.query<{ log_position: string }>('SELECT log_position FROM rm_audit_events WHERE position = $1', [
      position,
    ]);
    return rows.length ? rows[0].log_position : null;
  }
}

/** The page cursor's text for a log position: "major.minor", as before the index (transaction id.number). */
export const cursorOf = (p: GlobalPosition): string => {
  const { major, minor } = decodePosition(p);
  return `${major}.${minor}`;
};
export const positionOfCursor = (c: string): GlobalPosition => {
  const [major, minor] = c.split('.');
  return encodePosition(major, minor);
};

/** The JSON an inspector gets for one event: everything stored, hashes in hex. */
export function auditEventView(r: ScopedAuditEventRow) {
  return {
    position: r.position,
    streamId: r.stream_id,
    version: r.version,
    eventId: r.event_id,
    type: r.type,
    schemaVersion: r.schema_version,
    // A password hash is no inspector's business (offline guessing): listed as redacted. The
    // export keeps it, since its content hashes must check.
    data: r.type === 'PasswordSet' ? { ...(r.data as object), hash: '[redacted]' } : r.data,
    metadata: r.metadata,
    actor: r.metadata.actor ?? null,
    offices: r.subjects.filter((o): o is string => !!o),
    occurredAt: r.occurred_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
    contentHash: r.content_hash.toString('hex'),
    prevHash: r.prev_hash ? r.prev_hash.toString('hex') : null,
    hash: r.hash.toString('hex'),
  };
}
