import { Client, Pool, PoolClient } from 'pg';
import { StoredRow } from '../stored-row';

/**
 * What tests and benches may do below the port, on PostgreSQL's log: read the stored rows, count
 * them, and tamper with them as an attacker with superuser rights would. The only place outside
 * the adapter that knows the table: everything else goes through the EventStore port.
 */
type Db = Pool | PoolClient | Client;

export type { StoredRow } from '../stored-row';

export interface StoredFilter {
  streamId?: string;
  streamIds?: string[];
  /** A LIKE pattern on the stream id. */
  streamLike?: string;
  type?: string;
  /** A top-level metadata member and its text value (e.g. `import`). */
  metadata?: [string, string];
}

function where(f: StoredFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts: string[] = [];
  const add = (sql: (n: string) => string, v: unknown) => {
    values.push(v);
    parts.push(sql(`$${values.length}`));
  };
  if (f.streamId !== undefined) add((n) => `stream_id = ${n}`, f.streamId);
  if (f.streamIds !== undefined) add((n) => `stream_id = ANY (${n}::text[])`, f.streamIds);
  if (f.streamLike !== undefined) add((n) => `stream_id LIKE ${n}`, f.streamLike);
  if (f.type !== undefined) add((n) => `type = ${n}`, f.type);
  if (f.metadata !== undefined) {
    add((n) => `metadata->>${n}`, f.metadata[0]);
    parts[parts.length - 1] += ` = $${values.push(f.metadata[1])}`;
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values };
}

/** How many events the log holds (matching `f`). */
export async function countEvents(db: Db, f: StoredFilter = {}): Promise<number> {
  const w = where(f);
  return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM es_events ${w.sql}`, w.values)).rows[0].n);
}

/** The stored rows matching `f`, in position order. */
export async function storedEvents(db: Db, f: StoredFilter = {}): Promise<StoredRow[]> {
  const w = where(f);
  return (await db.query<StoredRow>(`SELECT *, position::text AS position FROM es_events ${w.sql} ORDER BY es_events.position`, w.values))
    .rows;
}

/** A stream's stored rows in version order. */
export const storedRows = (db: Db, streamId: string): Promise<StoredRow[]> => storedEvents(db, { streamId });

/** The stored row of one event. */
export async function storedRow(db: Db, streamId: string, version: number): Promise<StoredRow> {
  return (await storedEvents(db, { streamId })).find((r) => r.version === version)!;
}

/** Each stream's version (its last event's), for the streams matching `f`. */
export async function streamVersions(db: Db, f: StoredFilter = {}): Promise<Map<string, number>> {
  const w = where(f);
  const { rows } = await db.query<{ stream_id: string; v: number }>(
    `SELECT stream_id, max(version) AS v FROM es_events ${w.sql} GROUP BY stream_id`,
    w.values,
  );
  return new Map(rows.map((r) => [r.stream_id, r.v]));
}

/** A change an attacker makes to the log: run with its user triggers off. */
export type Tampering =
  | { set: Partial<Pick<StoredRow, 'data' | 'metadata' | 'content_hash' | 'prev_hash' | 'hash'>>; position: string }
  /** Sets `data->path` (a jsonb path like '{note}') to the JSON value given. */
  | { setData: string; value: unknown; position: string }
  | { setMetadata: string; value: unknown; position: string }
  | { setVersion: string; streamId: string; versionsAbove?: number; versionsBelow?: number }
  | { delete: string[] }
  /** Puts rows back (as read by storedEvents), positions included. */
  | { restore: StoredRow[] };

const json = (v: unknown) => JSON.stringify(v);

function statement(t: Tampering): [string, unknown[]] {
  if ('set' in t) {
    const cols = Object.keys(t.set) as (keyof typeof t.set)[];
    const vals = cols.map((c) => (c === 'data' || c === 'metadata' ? json(t.set[c]) : t.set[c]));
    return [`UPDATE es_events SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE position = $1`, [t.position, ...vals]];
  }
  if ('setData' in t)
    return ['UPDATE es_events SET data = jsonb_set(data, $2, $3) WHERE position = $1', [t.position, t.setData, json(t.value)]];
  if ('setMetadata' in t) {
    return ['UPDATE es_events SET metadata = jsonb_set(metadata, $2, $3) WHERE position = $1', [t.position, t.setMetadata, json(t.value)]];
  }
  if ('setVersion' in t) {
    // `setVersion` is an SQL expression of `version` (e.g. '-(version - 1)'), applied to a stream's versions in a range.
    return [
      `UPDATE es_events SET version = ${t.setVersion} WHERE stream_id = $1 AND ($2::int IS NULL OR version > $2) AND ($3::int IS NULL OR version < $3)`,
      [t.streamId, t.versionsAbove ?? null, t.versionsBelow ?? null],
    ];
  }
  if ('delete' in t) return ['DELETE FROM es_events WHERE position = ANY ($1::bigint[])', [t.delete]];
  throw new Error('restore is several statements');
}

function statements(t: Tampering): [string, unknown[]][] {
  if (!('restore' in t)) return [statement(t)];
  return t.restore.map((r) => {
    const cols = Object.keys(r) as (keyof StoredRow)[];
    return [
      `INSERT INTO es_events (${cols.join(', ')}) OVERRIDING SYSTEM VALUE VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})`,
      cols.map((c) => (c === 'data' || c === 'metadata' ? json(r[c]) : r[c])),
    ];
  });
}

/** Tampers with the log as a superuser would: the user triggers off for these statements only. */
export async function tamperEvents(superuser: Pool, ...changes: Tampering[]): Promise<void> {
  await tamperWith(superuser, ...changes.flatMap(statements));
}

/** Raw statements with the log's user triggers off (for a forgery no Tampering describes). */
export async function tamperWith(superuser: Pool, ...statements: [string, unknown[]?][]): Promise<void> {
  const c = await superuser.connect();
  try {
    await c.query('BEGIN');
    await c.query('ALTER TABLE es_events DISABLE TRIGGER USER');
    for (const [text, values] of statements) await c.query(text, values ?? []);
    await c.query('ALTER TABLE es_events ENABLE TRIGGER USER');
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/**
 * An event inserted straight into the log, bypassing es_append (no trigger stops an INSERT: only
 * es_append keeps es_streams in step). Returns its position.
 */
export async function forgeEvent(db: Db, row: Omit<StoredRow, 'position'>): Promise<string> {
  const { rows } = await db.query<{ position: string }>(
    `INSERT INTO es_events (event_id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, content_hash, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING position::text AS position`,
    [
      row.event_id,
      row.stream_id,
      row.version,
      row.type,
      row.schema_version,
      json(row.data),
      json(row.metadata),
      row.occurred_at,
      row.recorded_at,
      row.content_hash,
      row.prev_hash,
      row.hash,
    ],
  );
  return rows[0].position;
}

/** What a superuser gets trying to edit the log in place (the append-only triggers' answers). */
export async function tryToEdit(
  superuser: Db,
  how: 'UPDATE' | 'DELETE' | 'TRUNCATE' | 'TRUNCATE CASCADE',
  position: string,
): Promise<void> {
  if (how === 'UPDATE') await superuser.query(`UPDATE es_events SET data = '{"x":1}' WHERE position = $1`, [position]);
  else if (how === 'DELETE') await superuser.query('DELETE FROM es_events WHERE position = $1', [position]);
  else await superuser.query(`${how.replace('TRUNCATE', 'TRUNCATE es_events')}`);
}
