import { Pool } from 'pg';
import { ReadAllOptions, ReadAllResult, ReadStreamOptions, ReadStreamsOptions, RecordedEvent } from '../event-store.port';
import { GlobalPosition, START, decodePosition, encodePosition } from '../position';

interface EventRow {
  position: string;
  tx_id: string;
  event_id: string;
  stream_id: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string | null;
  hash: string;
}

// The selected tx_id is text, under the column's own name: an ORDER BY must name es_events.tx_id,
// or PostgreSQL sorts by the text ('999' after '1000') and pages skip events. Hashes come as hex
// text: bytea's own text form, parsed into a Buffer and printed again, cost a third of a read.
const COLUMNS =
  "position, tx_id::text AS tx_id, event_id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash";

export function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    streamId: row.stream_id,
    version: row.version,
    position: encodePosition(row.tx_id, row.position),
    globalPosition: String(row.position),
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The log's reads on PostgreSQL: a stream, several streams, the whole log in its gap-safe order
 * (below the oldest running transaction), a count of what a reader has still to read, the head.
 */
export class PostgresLogReads {
  constructor(private readonly pool: Pool) {}

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events WHERE stream_id = $1 AND version >= $2
         AND ($3::timestamptz IS NULL OR recorded_at <= $3) ORDER BY version`,
      [streamId, options.fromVersion ?? 1, options.knownAt ?? null],
    );
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const { major, minor } = decodePosition(after);
    const types = options.filter?.types ?? null;
    const prefix = options.filter?.streamPrefix ?? null;
    const values: unknown[] = [major, minor, options.limit ?? 1000, types, prefix];
    // A reader following the log stays below the oldest running transaction; a read of the record
    // as known at an instant (time travel, read once) sees every committed event recorded by then.
    let horizon = 'tx_id < pg_snapshot_xmin(pg_current_snapshot())';
    if (options.knownAt) {
      values.push(options.knownAt);
      horizon = 'recorded_at <= $6';
    }
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events
        WHERE (tx_id, position) > ($1::text::xid8, $2::bigint)
          AND ${horizon}
          AND ($4::text[] IS NULL OR type = ANY ($4))
          AND ($5::text IS NULL OR starts_with(stream_id, $5))
        ORDER BY es_events.tx_id, es_events.position LIMIT $3`,
      values,
    );
    const events = rows.map(toRecorded);
    return { events, position: events.length ? events[events.length - 1].position : after };
  }

  async readStreams(streamIds: string[], options: ReadStreamsOptions = {}): Promise<RecordedEvent[]> {
    const ids = [...new Set(streamIds)];
    if (ids.length === 0) return [];
    // One query for them all; put in the order asked here (a join on the list, ordered by its
    // ordinality, makes PostgreSQL sort every row by stream first: slower for a plan's thousands).
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM es_events WHERE stream_id = ANY ($1::text[])
         AND ($2::timestamptz IS NULL OR recorded_at <= $2) ORDER BY stream_id, version`,
      [ids, options.knownAt ?? null],
    );
    const byStream = new Map<string, RecordedEvent[]>();
    for (const row of rows) {
      const events = byStream.get(row.stream_id);
      if (events) events.push(toRecorded(row));
      else byStream.set(row.stream_id, [toRecorded(row)]);
    }
    return ids.flatMap((id) => byStream.get(id) ?? []);
  }

  async countAfter(after: GlobalPosition, cap: number): Promise<number> {
    if (cap <= 0) return 0;
    const { major, minor } = decodePosition(after);
    // What readAll would give, counted in the database: no row leaves it.
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM es_events WHERE (tx_id, position) > ($1::text::xid8, $2::bigint)
         AND tx_id < pg_snapshot_xmin(pg_current_snapshot()) LIMIT $3) pending`,
      [major, minor, Math.floor(cap)],
    );
    return Number(rows[0].n);
  }

  async headPosition(): Promise<GlobalPosition> {
    const { rows } = await this.pool.query<{ tx_id: string; position: string }>(
      `SELECT tx_id::text AS tx_id, position FROM es_events
        WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY es_events.tx_id DESC, es_events.position DESC LIMIT 1`,
    );
    return rows.length ? encodePosition(rows[0].tx_id, rows[0].position) : START;
  }
}
