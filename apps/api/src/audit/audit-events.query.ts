import { Inject, Injectable } from '@nestjs/common';
import { PG_POOL } from '@dondoc/platform';
import { Pool, PoolClient } from 'pg';
import { SUBJECT_OFFICES_SQL } from './audit-subject.sql';

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
  /** Log order (transaction id, position) to continue after. */
  after?: { txId: string; position: string };
  limit: number;
}

export interface AuditEventRow {
  position: string;
  tx_id: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: { actor?: { userId: string; role: string; office: string } } & Record<string, unknown>;
  occurred_at: Date;
  recorded_at: Date;
  content_hash: Buffer;
  prev_hash: Buffer | null;
  hash: Buffer;
  subjects: (string | null)[];
}

export const EVENT_COLUMNS = `e.position::text AS position, e.tx_id::text AS tx_id, e.event_id, e.stream_id, e.version, e.type, e.schema_version,
  e.data, e.metadata, e.occurred_at, e.recorded_at, e.content_hash, e.prev_hash, e.hash`;

/** Scope condition on a row that has `subjects`: `$path` bounds it, `$strict` leaves anchors out. */
export const SCOPE_SQL = (
  path: string,
  strict: string,
) => `(${path}::text IS NULL OR (e.stream_id = 'anchors' AND NOT ${strict}::boolean) OR EXISTS (
    SELECT 1 FROM rm_offices o WHERE o.code = ANY (s.subjects) AND starts_with(o.path, ${path}::text)))`;

/**
 * The audit trail, read straight from the log in log order (transaction id, then position: the
 * order projections read, so that a page never passes an event whose transaction commits late),
 * only below the oldest running transaction.
 */
@Injectable()
export class AuditEventsQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async list(f: AuditEventFilter, db: Pool | PoolClient = this.pool): Promise<AuditEventRow[]> {
    const { rows } = await db.query<AuditEventRow>(
      `SELECT ${EVENT_COLUMNS}, s.subjects FROM es_events e
         CROSS JOIN LATERAL (SELECT ${SUBJECT_OFFICES_SQL} AS subjects) s
        WHERE e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
          AND ($1::text IS NULL OR e.stream_id = $1)
          AND ($2::text IS NULL OR e.metadata->'actor'->>'userId' = $2)
          AND ($3::text[] IS NULL OR e.type = ANY ($3))
          AND ($4::timestamptz IS NULL OR e.recorded_at >= $4)
          AND ($5::timestamptz IS NULL OR e.recorded_at <= $5)
          AND ($6::text IS NULL OR (e.tx_id, e.position) > ($6::text::xid8, $7::bigint))
          AND ${SCOPE_SQL('$8', '$9')}
        ORDER BY e.tx_id, e.position LIMIT $10`,
      [
        f.stream ?? null,
        f.actor ?? null,
        f.types?.length ? f.types : null,
        f.recordedFrom ?? null,
        f.recordedTo ?? null,
        f.after?.txId ?? null,
        f.after?.position ?? '0',
        f.path,
        f.officeAsked,
        f.limit,
      ],
    );
    return rows;
  }

  /** Where a plain global position stands in log order (for `after=<position>`). */
  async logOrderOf(position: string): Promise<{ txId: string; position: string } | null> {
    const { rows } = await this.pool.query<{ tx_id: string }>('SELECT tx_id::text AS tx_id FROM es_events WHERE position = $1', [position]);
    return rows.length ? { txId: rows[0].tx_id, position } : null;
  }
}

/** The JSON an inspector gets for one event: everything stored, hashes in hex. */
export function auditEventView(r: AuditEventRow) {
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
