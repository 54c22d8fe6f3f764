import { Inject, Injectable } from '@nestjs/common';
import { ANCHOR_STREAM, EXPORT_FORMAT, ExportEventLine, ExportHeader } from '@dondoc/event-store';
import { PG_POOL } from '@dondoc/platform';
import { Pool, PoolClient } from 'pg';
import { AUDIT_EVENT_COLUMNS, AuditEventRow } from '@dondoc/read-models/audit/audit-event.entity';
import { SUBJECT_OFFICES_SQL } from '@dondoc/read-models/audit/audit-subject.sql';
import { SCOPE_SQL } from './audit-events.query';
import { ExportedFile } from '../files/verify-files/export-files';

export type ExportScope = { plan: string } | { office: string; path: string };
export type ExportFormat = 'jsonl' | 'csv';

const BATCH = 2000;
const CSV_COLUMNS = [
  'position',
  'streamId',
  'version',
  'eventId',
  'type',
  'schemaVersion',
  'actorUserId',
  'actorRole',
  'actorOffice',
  'occurredAt',
  'recordedAt',
  'data',
  'metadata',
  'contentHash',
  'prevHash',
  'hash',
] as const;

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function exportLine(r: Omit<AuditEventRow, 'log_position'>): ExportEventLine {
  return {
    kind: 'event',
    position: r.position,
    streamId: r.stream_id,
    version: r.version,
    eventId: r.event_id,
    type: r.type,
    schemaVersion: r.schema_version,
    data: r.data,
    metadata: r.metadata,
    occurredAt: r.occurred_at.toISOString(),
    recordedAt: r.recorded_at.toISOString(),
    contentHash: r.content_hash.toString('hex'),
    prevHash: r.prev_hash ? r.prev_hash.toString('hex') : null,
    hash: r.hash.toString('hex'),
  };
}

/**
 * The trail of a plan (its stream and every task assigned under it) or of an office subtree
 * (every stream with an event of an office under it: see audit-subject.sql.ts), each stream whole,
 * in position order, then the anchors that cover them. Read from the audit index in one REPEATABLE
 * READ snapshot and written batch by batch, so a large export never sits in memory.
 */
@Injectable()
export class AuditExportService {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async write(scope: ExportScope, format: ExportFormat, out: (chunk: string) => Promise<void> | void): Promise<{ events: number }> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const streams = await this.streams(db, scope);
      const heads = await db.query<{ stream_id: string; version: number; hash: Buffer }>(
        'SELECT DISTINCT ON (stream_id) stream_id, version, hash FROM rm_audit_events WHERE stream_id = ANY ($1) ORDER BY stream_id, version DESC',
        [streams],
      );
      const header: ExportHeader & { files: ExportedFile[] } = {
        kind: 'header',
        format: EXPORT_FORMAT,
        formatVersion: 1,
        scope: 'plan' in scope ? { plan: scope.plan } : { office: scope.office },
        exportedAt: new Date().toISOString(),
        wholeStreams: true,
        streams: Object.fromEntries(heads.rows.map((h) => [h.stream_id, { version: h.version, hash: h.hash.toString('hex') }])),
        // Evidence files (issue 18), for the reader: the events below record the same facts under
        // their hashes, and `npm run verify-export -- file.jsonl --files <folder>` checks from those.
        files: await this.files(db, streams),
      };
      await out(format === 'jsonl' ? `${JSON.stringify(header)}\n` : `${CSV_COLUMNS.join(',')}\n`);
      const emit = async (rows: AuditEventRow[]) => {
        const text = rows
          .map((r) => {
            const l = exportLine(r);
            if (format === 'jsonl') return `${JSON.stringify(l)}\n`;
            const actor = (l.metadata as { actor?: { userId?: string; role?: string; office?: string } }).actor;
            const cells: Record<(typeof CSV_COLUMNS)[number], unknown> = {
              ...l,
              actorUserId: actor?.userId,
              actorRole: actor?.role,
              actorOffice: actor?.office,
            };
            return `${CSV_COLUMNS.map((c) => csvCell(cells[c])).join(',')}\n`;
          })
          .join('');
        if (text) await out(text);
      };

      let events = 0;
      let min: string | null = null;
      let max: string | null = null;
      let after = '0';
      for (;;) {
        const { rows } = await db.query<AuditEventRow>(
          `SELECT ${AUDIT_EVENT_COLUMNS} FROM rm_audit_events e WHERE e.stream_id = ANY ($1) AND e.position > $2 ORDER BY e.position LIMIT ${BATCH}`,
          [streams, after],
        );
        await emit(rows);
        events += rows.length;
        if (rows.length) {
          min ??= rows[0].position;
          max = rows[rows.length - 1].position;
          after = max;
        }
        if (rows.length < BATCH) break;
      }
      if (min !== null && max !== null) {
        const { rows } = await db.query<AuditEventRow>(
          `SELECT ${AUDIT_EVENT_COLUMNS} FROM rm_audit_events e WHERE e.stream_id = $1
              AND (e.data->>'toPosition')::bigint >= $2 AND (e.data->>'fromPosition')::bigint <= $3 ORDER BY e.version`,
          [ANCHOR_STREAM, min, max],
        );
        await emit(rows);
      }
      return { events };
    } finally {
      await db.query('ROLLBACK').catch(() => undefined);
      db.release();
    }
  }

  private async files(db: PoolClient, streams: string[]): Promise<ExportedFile[]> {
    const { rows } = await db.query<ExportedFile>(
      `SELECT DISTINCT ON (ev->>'fileId') ev->>'fileId' AS "fileId", ev->>'sha256' AS sha256, ev->>'name' AS name, (ev->>'size')::bigint AS size,
              ev->>'type' AS type, e.stream_id AS "streamId", e.version
         FROM rm_audit_events e CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(e.data->'evidence') = 'array' THEN e.data->'evidence' ELSE '[]'::jsonb END) ev
        WHERE e.stream_id = ANY ($1) AND e.type IN ('ProgressReported', 'CompletionReported') AND ev ? 'fileId'
        ORDER BY ev->>'fileId', e.position`,
      [streams],
    );
    return rows.map((r) => ({ ...r, size: Number(r.size) }));
  }

  private async streams(db: PoolClient, scope: ExportScope): Promise<string[]> {
    if ('plan' in scope) {
      const { rows } = await db.query<{ stream_id: string }>(
        `SELECT 'task-' || (data->>'taskId') AS stream_id FROM rm_audit_events WHERE type = 'TaskAssigned' AND data->>'planId' = $1`,
        [scope.plan],
      );
      return [`plan-${scope.plan}`, ...rows.map((r) => r.stream_id)];
    }
    const { rows } = await db.query<{ stream_id: string }>(
      `SELECT DISTINCT e.stream_id FROM rm_audit_events e CROSS JOIN LATERAL (SELECT ${SUBJECT_OFFICES_SQL} AS subjects) s
        WHERE e.stream_id <> 'anchors' AND ${SCOPE_SQL('$1', 'true')}`,
      [scope.path],
    );
    return rows.map((r) => r.stream_id);
  }
}
