import { createHash } from 'node:crypto';

/** The stream that holds every anchor, one `AnchorRecorded` event each. */
export const ANCHOR_STREAM = 'anchors';
export const ANCHOR_EVENT = 'AnchorRecorded';
/** Hex characters kept per event in `fingerprints`: enough to say which event changed, not a proof. */
export const FINGERPRINT_CHARS = 8;

/**
 * A seal over a contiguous range of global positions [from, to]:
 * - `rangeHash` = SHA-256 of the chain hashes of the range's events, concatenated in position order;
 * - `anchorHash` = SHA-256(previous anchor hash ‖ "from:to:count" ‖ rangeHash): anchors form a chain;
 * - `runs` (positions present, as [first, last] runs: rolled-back appends leave holes) and
 *   `fingerprints` (the first 8 hex characters of each event's hash, in position order) only help
 *   name the first event that no longer matches; the proof is `rangeHash` and the chain.
 */
export interface AnchorData {
  seq: number;
  fromPosition: string;
  toPosition: string;
  count: number;
  runs: [string, string][];
  rangeHash: string;
  fingerprints: string;
  previousAnchorHash: string | null;
  anchorHash: string;
  /** Database time at which every position up to `toPosition` was known to be final. */
  sealedAt: string;
}

export interface AnchoredRow {
  position: string;
  hash: Buffer;
}

/** Incremental range hash, so that a range of any size is hashed while streaming. */
export class RangeHasher {
  private readonly sha = createHash('sha256');
  private readonly prints: string[] = [];
  readonly runs: [string, string][] = [];
  count = 0;

  add(row: AnchoredRow): void {
    this.sha.update(row.hash);
    this.prints.push(row.hash.toString('hex').slice(0, FINGERPRINT_CHARS));
    const last = this.runs[this.runs.length - 1];
    if (last && BigInt(last[1]) + 1n === BigInt(row.position)) last[1] = row.position;
    else this.runs.push([row.position, row.position]);
    this.count++;
  }

  fingerprints(): string {
    return this.prints.join('');
  }

  digest(): string {
    return this.sha.digest('hex');
  }
}

export function anchorHash(previous: string | null, from: string, to: string, count: number, rangeHash: string): string {
  return createHash('sha256')
    .update(previous ? Buffer.from(previous, 'hex') : Buffer.alloc(0))
    .update(`${from}:${to}:${count}`, 'utf8')
    .update(Buffer.from(rangeHash, 'hex'))
    .digest('hex');
}

/** Positions listed by runs, in order. */
export function* positionsOf(runs: [string, string][]): Generator<string> {
  for (const [a, b] of runs) for (let p = BigInt(a); p <= BigInt(b); p++) yield String(p);
}
