import { Pool } from 'pg';

/**
 * What the benches do below the port on PostgreSQL's log: load a generated log at once, copy the
 * table's shape for a baseline, read it raw. Kept here, beside the adapter that owns the table.
 */

/**
 * Rows in columns: event_id, stream_id, version, type, schema_version, data, metadata, occurred_at,
 * recorded_at, content_hash, prev_hash, hash.
 */
export type EventColumns = unknown[][];

/** Loads generated events and their stream heads in one statement each (no es_append: no checks). */
export async function bulkLoadLog(pool: Pool, cols: EventColumns, heads: [string, number, Buffer][]): Promise<void> {
  await pool.query(
    `INSERT INTO es_events (event_id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, content_hash, prev_hash, hash)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9::timestamptz[], $10::bytea[], $11::bytea[], $12::bytea[])`,
    cols,
  );
  await pool.query('INSERT INTO es_streams (stream_id, version, last_hash) SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[])', [
    heads.map((h) => h[0]),
    heads.map((h) => h[1]),
    heads.map((h) => h[2]),
  ]);
}

export async function analyzeLog(pool: Pool): Promise<void> {
  await pool.query('VACUUM ANALYZE es_events');
}

/** One page of stored rows after `after` (a position number), every column: the cost of reading alone. */
export async function readStoredPage(pool: Pool, after: string, limit: number): Promise<{ position: string }[]> {
  const { rows } = await pool.query<{ position: string }>(
    `SELECT position::text AS position, event_id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, content_hash, prev_hash, hash
       FROM es_events WHERE position > $1 ORDER BY es_events.position LIMIT $2`,
    [after, limit],
  );
  return rows;
}

/** An empty table shaped as the log, with its indexes (no triggers, no functions): a bare-insert baseline. */
export async function createBareLogCopy(pool: Pool, name: string): Promise<void> {
  await pool.query(`CREATE TABLE ${name} (LIKE es_events INCLUDING ALL)`);
}
