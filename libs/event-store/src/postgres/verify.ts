import { Pool, PoolClient } from 'pg';
import { VerifyRange, VerifyResult } from '../event-store.port';
import { chainHash, contentHash } from '../hashing';
import { StoredRow } from './stored-row';

const BATCH = 5000;

/**
 * Recomputes every content hash and every chain step in global order and names the first event
 * that does not match: edited data or metadata, a forged or deleted event, two events swapped.
 * Over the whole log it also checks each stream's recorded head against its last event, which
 * catches a forged or deleted event at the end of a stream.
 *
 * Everything is read in one REPEATABLE READ snapshot: with appends going on, separate snapshots
 * would let a batch skip an event committed late below its start (then name its successor) and
 * let the head check see heads newer than the events read (then name a stream that is fine).
 */
export async function verifyEvents(pool: Pool, range: VerifyRange = {}): Promise<VerifyResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return await verifyInSnapshot(client, range);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/** `onProgress`: called after each batch with the events checked so far (a long walk can say how far it is). */
export async function verifyInSnapshot(
  pool: PoolClient,
  range: VerifyRange,
  onProgress?: (checked: number) => void,
): Promise<VerifyResult> {
  const from = range.fromPosition ? BigInt(range.fromPosition) : 1n;
  const to = range.toPosition ? BigInt(range.toPosition) : null;
  const heads = new Map<string, { version: number; hash: Buffer }>();
  let checked = 0;
  let after = from - 1n;
  const mismatch = (r: StoredRow, reason: string): VerifyResult => ({
    ok: false,
    checked,
    firstMismatch: { position: String(r.position), stream: r.stream_id, version: r.version, reason },
  });

  // The next batch is asked for before this one is hashed: the server reads while Node hashes.
  const fetch = (after: bigint) =>
    pool.query<StoredRow>(
      `SELECT position, event_id, stream_id, version, type, schema_version, data, metadata, occurred_at,
              recorded_at, content_hash, prev_hash, hash
         FROM es_events WHERE position > $1 AND ($2::bigint IS NULL OR position <= $2)
        ORDER BY position LIMIT ${BATCH}`,
      [String(after), to === null ? null : String(to)],
    );
  let next = fetch(after);
  for (;;) {
    const { rows } = await next;
    const more = rows.length === BATCH;
    if (more) {
      after = BigInt(rows[rows.length - 1].position);
      next = fetch(after);
      next.catch(() => undefined); // a mismatch below returns before awaiting it
    }
    for (const r of rows) {
      checked++;
      const content = contentHash({
        eventId: r.event_id,
        streamId: r.stream_id,
        type: r.type,
        schemaVersion: r.schema_version,
        data: r.data,
        metadata: r.metadata,
        occurredAt: r.occurred_at,
        recordedAt: r.recorded_at,
      });
      if (!content.equals(r.content_hash)) return mismatch(r, 'content does not match its hash');
      let head = heads.get(r.stream_id);
      if (!head && r.version > 1) {
        // The range starts inside this stream: its predecessor must be the stored one.
        const prev = await pool.query<{ version: number; hash: Buffer }>(
          'SELECT version, hash FROM es_events WHERE stream_id = $1 AND version = $2',
          [r.stream_id, r.version - 1],
        );
        if (prev.rows.length === 0) return mismatch(r, 'the previous event of the stream is missing');
        head = { version: prev.rows[0].version, hash: prev.rows[0].hash };
      }
      const expectedVersion = head ? head.version + 1 : 1;
      if (r.version !== expectedVersion) return mismatch(r, `expected version ${expectedVersion} of the stream`);
      const prevHash = head ? head.hash : null;
      if (!(prevHash === null ? r.prev_hash === null : r.prev_hash !== null && prevHash.equals(r.prev_hash))) {
        return mismatch(r, 'does not chain to the previous event of the stream');
      }
      if (!chainHash(prevHash, r.stream_id, r.version, content).equals(r.hash)) {
        return mismatch(r, 'chain hash does not match');
      }
      heads.set(r.stream_id, { version: r.version, hash: r.hash });
    }
    onProgress?.(checked);
    if (!more) break;
  }

  if (!range.fromPosition && !range.toPosition) {
    const { rows } = await pool.query<{ stream_id: string; version: number; last_hash: Buffer | null }>(
      'SELECT stream_id, version, last_hash FROM es_streams WHERE version > 0',
    );
    for (const s of rows) {
      const head = heads.get(s.stream_id);
      if (!head || head.version !== s.version || !s.last_hash || !head.hash.equals(s.last_hash)) {
        const last = await pool.query<{ position: string }>('SELECT max(position)::text AS position FROM es_events WHERE stream_id = $1', [
          s.stream_id,
        ]);
        return {
          ok: false,
          checked,
          firstMismatch: {
            position: last.rows[0]?.position ?? '0',
            stream: s.stream_id,
            version: head?.version ?? 0,
            reason: `the stream's head says version ${s.version}, its events end at ${head?.version ?? 0}`,
          },
        };
      }
    }
  }
  return { ok: true, checked };
}
