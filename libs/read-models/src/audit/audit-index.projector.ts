import { Injectable } from '@nestjs/common';
import { RecordedEvent, contentHash } from '@dondoc/event-store';
import { EntityManager } from 'typeorm';
import { Projection } from '../projection/projection';

/**
 * rm_audit_events: every event, as the store gave it, in one statement per batch. The content
 * hash is recomputed with the store's own formula (hashing.ts): the port does not carry it, and
 * for an event as stored it is the one the store recorded. An event already there (back-filled by
 * migration 014) is skipped.
 */
@Injectable()
export class AuditIndexProjector implements Projection {
  readonly name = 'audit-index';
  readonly tables = ['rm_audit_events'];

  async apply(events: RecordedEvent[], tx: EntityManager): Promise<void> {
    if (!events.length) return;
    const rows = events.map((e) => ({
      position: e.globalPosition,
      log_position: e.position,
      event_id: e.eventId,
      stream_id: e.streamId,
      version: e.version,
      type: e.type,
      schema_version: e.schemaVersion,
      data: e.data,
      metadata: e.metadata,
      occurred_at: e.occurredAt.toISOString(),
      recorded_at: e.recordedAt.toISOString(),
      content_hash: contentHash(e).toString('hex'),
      prev_hash: e.prevHash,
      hash: e.hash,
    }));
    await tx.query(
      `INSERT INTO rm_audit_events (position, log_position, event_id, stream_id, version, type, schema_version, data, metadata,
                                    occurred_at, recorded_at, content_hash, prev_hash, hash)
       SELECT r.position, r.log_position, r.event_id, r.stream_id, r.version, r.type, r.schema_version, r.data, r.metadata,
              r.occurred_at, r.recorded_at, decode(r.content_hash, 'hex'), decode(r.prev_hash, 'hex'), decode(r.hash, 'hex')
         FROM jsonb_to_recordset($1::jsonb) AS r(position bigint, log_position text, event_id uuid, stream_id text, version integer,
              type text, schema_version integer, data jsonb, metadata jsonb, occurred_at timestamptz, recorded_at timestamptz,
              content_hash text, prev_hash text, hash text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }
}
