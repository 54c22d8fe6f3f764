import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ConcurrencyError } from '../../errors';
import { EventStore } from '../../event-store.port';
import { ANCHOR_EVENT, ANCHOR_STREAM, AnchorData, RangeHasher, anchorHash } from '../../anchors/anchor-hash';

export interface AnchorPolicy {
  /** Anchor once this many events wait (and never more per anchor). */
  everyEvents: number;
  /** Anchor whatever waits once this long has passed since the last anchor. */
  everyMinutes: number;
}

/** How far the log went at one moment; usable once every transaction running then has ended. */
export interface AnchorSeal {
  position: string;
  xmax: string;
  at: Date;
}

export interface LastAnchor {
  version: number;
  data: AnchorData;
  recordedAt: Date;
}

export const ANCHOR_ACTOR = { userId: 'system:anchors', role: 'system', office: '' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The newest anchor of PostgreSQL's log, or null before the first (what /v1/system shows). */
export async function lastAnchor(pool: Pool): Promise<LastAnchor | null> {
  const { rows } = await pool.query<{ version: number; data: AnchorData; recorded_at: Date }>(
    'SELECT version, data, recorded_at FROM es_events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1',
    [ANCHOR_STREAM],
  );
  return rows.length ? { version: rows[0].version, data: rows[0].data, recordedAt: rows[0].recorded_at } : null;
}

/**
 * Writes anchors over positions that can no longer change. Positions come from an identity
 * sequence, so a transaction still running may hold a position below one already committed. A
 * seal notes the highest committed position S, then (a moment later, so that a writer that drew
 * its position just before is past getting its transaction id) the snapshot's xmax X. Once the
 * oldest running transaction is at or above X, every writer that could hold a position ≤ S has
 * ended: the range up to S is final (the readAll horizon, in positions).
 *
 * Anchors are appended to one stream with the expected version of the last one seen: of two
 * workers, one writes and the other gets a conflict and tries again on its next tick.
 */
export class AnchorRecorder {
  private pending: AnchorSeal | null = null;
  private readonly startedAt = new Date();

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly policy: AnchorPolicy,
  ) {}

  async seal(): Promise<AnchorSeal> {
    const s = await this.pool.query<{ p: string; at: Date }>('SELECT coalesce(max(position), 0)::text AS p, now() AS at FROM es_events');
    await sleep(50);
    const x = await this.pool.query<{ x: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x');
    return { position: s.rows[0].p, xmax: x.rows[0].x, at: s.rows[0].at };
  }

  async isFinal(seal: AnchorSeal): Promise<boolean> {
    const { rows } = await this.pool.query<{ ok: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS ok', [
      seal.xmax,
    ]);
    return rows[0].ok;
  }

  last(): Promise<LastAnchor | null> {
    return lastAnchor(this.pool);
  }

  /** One scheduler step: anchor what the previous seal made final, if due; then seal again. */
  async tick(now = new Date()): Promise<AnchorData[]> {
    const written: AnchorData[] = [];
    if (this.pending && (await this.isFinal(this.pending))) {
      written.push(
        ...(await this.anchorUpTo(this.pending, (last, waiting) => {
          const since = last?.recordedAt ?? this.startedAt;
          return (
            waiting >= this.policy.everyEvents || (waiting > 0 && now.getTime() - since.getTime() >= this.policy.everyMinutes * 60_000)
          );
        })),
      );
    }
    this.pending = await this.seal();
    return written;
  }

  /** Anchors everything committed now (waits for the range to be final): tests and operators. */
  async anchorNow(timeoutMs = 30_000): Promise<AnchorData[]> {
    const seal = await this.seal();
    const deadline = Date.now() + timeoutMs;
    while (!(await this.isFinal(seal))) {
      if (Date.now() > deadline) throw new Error('anchor: transactions older than the seal are still running');
      await sleep(50);
    }
    return this.anchorUpTo(seal, (_last, waiting) => waiting > 0);
  }

  private async anchorUpTo(seal: AnchorSeal, due: (last: LastAnchor | null, waiting: number) => boolean): Promise<AnchorData[]> {
    const written: AnchorData[] = [];
    let last = await this.last();
    for (let i = 0; i < 100; i++) {
      const after = last?.data.toPosition ?? '0';
      if (BigInt(after) >= BigInt(seal.position)) break;
      const { rows } = await this.pool.query<{ position: string; hash: Buffer }>(
        'SELECT position::text AS position, hash FROM es_events WHERE position > $1 AND position <= $2 ORDER BY es_events.position LIMIT $3',
        [after, seal.position, this.policy.everyEvents],
      );
      if (!due(last, rows.length)) break;
      const full = rows.length === this.policy.everyEvents;
      const range = new RangeHasher();
      for (const r of rows) range.add(r);
      const fromPosition = String(BigInt(after) + 1n);
      const toPosition = full ? rows[rows.length - 1].position : seal.position;
      const rangeHash = range.digest();
      const previousAnchorHash = last?.data.anchorHash ?? null;
      const data: AnchorData = {
        seq: (last?.version ?? 0) + 1,
        fromPosition,
        toPosition,
        count: range.count,
        runs: range.runs,
        rangeHash,
        fingerprints: range.fingerprints(),
        previousAnchorHash,
        anchorHash: anchorHash(previousAnchorHash, fromPosition, toPosition, range.count, rangeHash),
        sealedAt: seal.at.toISOString(),
      };
      try {
        await this.store.append(
          ANCHOR_STREAM,
          [
            {
              eventId: randomUUID(),
              type: ANCHOR_EVENT,
              data,
              metadata: { actor: ANCHOR_ACTOR, correlationId: randomUUID() },
              occurredAt: new Date(),
            },
          ],
          last ? last.version : 'noStream',
        );
      } catch (e) {
        if (e instanceof ConcurrencyError) break; // another worker anchored first
        throw e;
      }
      written.push(data);
      last = await this.last();
      if (!full) break;
    }
    return written;
  }
}
