import { PoolClient } from 'pg';
import { VerifyRange, VerifyResult } from '../../event-store.port';
import {
  ANCHOR_EVENT,
  ANCHOR_STREAM,
  AnchorData,
  FINGERPRINT_CHARS,
  RangeHasher,
  anchorHash,
  positionsOf,
} from '../../anchors/anchor-hash';

type Mismatch = NonNullable<VerifyResult['firstMismatch']>;

export interface AnchorCheck {
  anchors: number;
  firstMismatch?: Mismatch;
}

/**
 * How much older than an anchor's seal an event left out of it may legitimately be: its
 * `recordedAt` is taken before its append waits for the stream's lock (and on another clock).
 */
export const UNANCHORED_MARGIN_MS = 5 * 60_000;

interface AnchorRow {
  position: string;
  version: number;
  type: string;
  data: AnchorData;
}

interface HashRow {
  position: string;
  stream_id: string;
  version: number;
  hash: Buffer;
}

const BATCH = 10_000;

/**
 * The anchors, checked in the caller's snapshot: their own chain (sequence, contiguous ranges,
 * previous hash, recomputed anchor hash), the range hash of every anchor overlapping `range`, and,
 * past the last anchor, no event recorded well before that anchor was sealed (a forgery slipped
 * in after the fact, with a stream chain recomputed to match, is not covered by any anchor).
 */
export async function verifyAnchorsInSnapshot(db: PoolClient, range: VerifyRange = {}): Promise<AnchorCheck> {
  const from = range.fromPosition ? BigInt(range.fromPosition) : null;
  const to = range.toPosition ? BigInt(range.toPosition) : null;
  let previous: AnchorData | null = null;
  let anchors = 0;
  let afterVersion = 0;
  for (;;) {
    const { rows } = await db.query<AnchorRow>(
      'SELECT position::text AS position, version, type, data FROM es_events WHERE stream_id = $1 AND version > $2 ORDER BY version LIMIT 500',
      [ANCHOR_STREAM, afterVersion],
    );
    for (const a of rows) {
      const d = a.data;
      const named = (reason: string): AnchorCheck => ({
        anchors,
        firstMismatch: { position: a.position, stream: ANCHOR_STREAM, version: a.version, reason },
      });
      if (a.type !== ANCHOR_EVENT || d.seq !== a.version) return named('not an anchor in sequence');
      const expectedFrom = previous ? BigInt(previous.toPosition) + 1n : 1n;
      if (BigInt(d.fromPosition) !== expectedFrom) return named(`anchor ${d.seq} starts at ${d.fromPosition}, expected ${expectedFrom}`);
      if (d.previousAnchorHash !== (previous?.anchorHash ?? null)) return named(`anchor ${d.seq} does not chain to anchor ${d.seq - 1}`);
      if (anchorHash(d.previousAnchorHash, d.fromPosition, d.toPosition, d.count, d.rangeHash) !== d.anchorHash) {
        return named(`anchor ${d.seq}: its hash does not match its content`);
      }
      anchors++;
      const overlaps = (to === null || BigInt(d.fromPosition) <= to) && (from === null || BigInt(d.toPosition) >= from);
      if (overlaps) {
        const bad = await checkRange(db, d);
        if (bad) return { anchors, firstMismatch: bad };
      }
      previous = d;
    }
    if (rows.length < 500) break;
    afterVersion = rows[rows.length - 1].version;
  }

  if (previous && (to === null || to > BigInt(previous.toPosition))) {
    const { rows } = await db.query<HashRow & { recorded_at: Date }>(
      `SELECT position::text AS position, stream_id, version, recorded_at FROM es_events
        WHERE position > $1 AND ($2::bigint IS NULL OR position <= $2) AND recorded_at < $3 ORDER BY es_events.position LIMIT 1`,
      [previous.toPosition, to === null ? null : String(to), new Date(Date.parse(previous.sealedAt) - UNANCHORED_MARGIN_MS)],
    );
    if (rows.length) {
      const r = rows[0];
      return {
        anchors,
        firstMismatch: {
          position: r.position,
          stream: r.stream_id,
          version: r.version,
          reason: `recorded at ${r.recorded_at.toISOString()}, before anchor ${previous.seq} sealed the log up to position ${previous.toPosition}, yet not covered by it`,
        },
      };
    }
  }
  return { anchors };
}

/** Recomputes one anchor's range; on a difference names the first event that differs. */
async function checkRange(db: PoolClient, d: AnchorData): Promise<Mismatch | undefined> {
  const hasher = new RangeHasher();
  const expected = positionsOf(d.runs);
  let index = 0;
  let first: Mismatch | undefined;
  let after = String(BigInt(d.fromPosition) - 1n);
  for (;;) {
    const { rows } = await db.query<HashRow>(
      `SELECT position::text AS position, stream_id, version, hash FROM es_events
        WHERE position > $1 AND position <= $2 ORDER BY es_events.position LIMIT ${BATCH}`,
      [after, d.toPosition],
    );
    for (const r of rows) {
      hasher.add(r);
      if (!first) {
        const want = expected.next();
        const print = d.fingerprints.slice(index * FINGERPRINT_CHARS, (index + 1) * FINGERPRINT_CHARS);
        if (want.done || BigInt(want.value) > BigInt(r.position)) {
          first = {
            position: r.position,
            stream: r.stream_id,
            version: r.version,
            reason: `not in the log when anchor ${d.seq} sealed positions ${d.fromPosition}–${d.toPosition}`,
          };
        } else if (BigInt(want.value) < BigInt(r.position)) {
          first = {
            position: want.value,
            stream: r.stream_id,
            version: r.version,
            reason: `the event at position ${want.value}, sealed by anchor ${d.seq}, is missing (next: this event)`,
          };
        } else if (print !== r.hash.toString('hex').slice(0, FINGERPRINT_CHARS)) {
          first = {
            position: r.position,
            stream: r.stream_id,
            version: r.version,
            reason: `differs from the event anchor ${d.seq} sealed at this position`,
          };
        }
        index++;
      }
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1].position;
  }
  if (hasher.count === d.count && hasher.digest() === d.rangeHash) return undefined;
  if (first) return first;
  const missing = expected.next();
  return {
    position: missing.done ? d.toPosition : missing.value,
    stream: ANCHOR_STREAM,
    version: d.seq,
    reason: missing.done
      ? `positions ${d.fromPosition}–${d.toPosition} do not match anchor ${d.seq}`
      : `the event at position ${missing.value}, sealed by anchor ${d.seq}, is missing`,
  };
}
