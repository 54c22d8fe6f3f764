import { Pool } from 'pg';
import { EventStore, VerifyRange, VerifyResult } from '../../event-store.port';
import { verifyInSnapshot } from '../verify';
import { verifyAnchorsInSnapshot } from './anchor-verify';

export interface AuditVerifyResult extends VerifyResult {
  /** Anchors whose chain was checked. */
  anchors: number;
  seconds: number;
}

/**
 * Everything an inspector's verification covers, in one REPEATABLE READ snapshot: every content
 * hash and stream chain (verify.ts), then every anchor. The first mismatch of the stream chains
 * is named first; the anchors catch what a recomputed chain hides (a forged or reordered event).
 */
export interface VerifyProgress {
  /** Events checked so far, of `total` in the range (counted in the same snapshot). */
  checked: number;
  total: number;
}

export async function auditVerify(
  pool: Pool,
  range: VerifyRange = {},
  onProgress?: (p: VerifyProgress) => void,
): Promise<AuditVerifyResult> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let progress: ((checked: number) => void) | undefined;
    if (onProgress) {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM es_events WHERE ($1::bigint IS NULL OR position >= $1) AND ($2::bigint IS NULL OR position <= $2)',
        [range.fromPosition ?? null, range.toPosition ?? null],
      );
      const total = Number(rows[0].n);
      onProgress({ checked: 0, total });
      progress = (checked) => onProgress({ checked, total });
    }
    const chains = await verifyInSnapshot(client, range, progress);
    if (!chains.ok) return { ...chains, anchors: 0, seconds: seconds() };
    const anchors = await verifyAnchorsInSnapshot(client, range);
    return {
      ok: !anchors.firstMismatch,
      checked: chains.checked,
      anchors: anchors.anchors,
      ...(anchors.firstMismatch ? { firstMismatch: anchors.firstMismatch } : {}),
      seconds: seconds(),
    };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/**
 * Verification of a log that has no anchors in PostgreSQL (KurrentDB: the anchor recorder works on
 * es_events only): the store's own walk, every content hash and stream chain; `anchors` is 0.
 */
export async function auditVerifyStore(store: EventStore, range: VerifyRange = {}): Promise<AuditVerifyResult> {
  const started = process.hrtime.bigint();
  const r = await store.verify(range);
  return {
    ok: r.ok,
    checked: r.checked,
    anchors: 0,
    ...(r.firstMismatch ? { firstMismatch: r.firstMismatch } : {}),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
