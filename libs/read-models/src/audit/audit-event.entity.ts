import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * rm_audit_events, the audit index: each event of the log as stored (content, metadata, hashes),
 * whatever store holds the log. `logPosition` is the store's position (log order, comparable as a
 * string); `position` the event's number. Written by AuditIndexProjector only.
 */
@Entity({ name: 'rm_audit_events' })
export class AuditEventEntity {
  @PrimaryColumn({ type: 'bigint' })
  position!: string;

  @Column({ name: 'log_position', type: 'text', unique: true })
  logPosition!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'stream_id', type: 'text' })
  streamId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ type: 'jsonb' })
  metadata!: unknown;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'content_hash', type: 'bytea' })
  contentHash!: Buffer;

  @Column({ name: 'prev_hash', type: 'bytea', nullable: true })
  prevHash!: Buffer | null;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}

/** An audit index row as SQL over rm_audit_events gives it (positions as text). */
export interface AuditEventRow {
  position: string;
  log_position: string;
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
}

/** The columns of AuditEventRow, from the index aliased `e`. */
export const AUDIT_EVENT_COLUMNS = `e.position::text AS position, e.log_position, e.event_id, e.stream_id, e.version, e.type, e.schema_version,
  e.data, e.metadata, e.occurred_at, e.recorded_at, e.content_hash, e.prev_hash, e.hash`;
