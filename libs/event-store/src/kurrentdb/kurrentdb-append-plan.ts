import { randomUUID } from 'node:crypto';
import { AppendStreamState, NO_STREAM } from '@kurrent/kurrentdb-client';
import { AppendResult, EventMetadata, ExpectedVersion, NewEvent, RecordedEvent, StreamAppend } from '../event-store.port';
import { ConcurrencyError } from '../errors';
import { chainHash, contentHash } from '../hashing';
import { GlobalPosition } from '../position';
import { Envelope } from './kurrentdb-records';

// Append planning: where a write's events go in their stream and with which hashes (pure, no I/O).

export interface Tail {
  /** Events in the stream (our version; KurrentDB's last revision + 1). */
  version: number;
  hash: string | null;
  /** The last events of the stream, oldest first (up to the duplicate window). */
  recent: RecordedEvent[];
}

export interface Planned {
  streamId: string;
  events: NewEvent[];
  /** The version the stream must be at for this write (what is sent to KurrentDB). */
  from: number;
  /** What the caller asked for, for the ConcurrencyError. */
  expected: ExpectedVersion;
  /** The hashes are valid only when the stream really is at `from` (false: a duplicate probe). */
  chained: boolean;
  writer: string;
  data: unknown[];
  envelopes: Envelope[];
}

/** KurrentDB's expected state for a stream that must hold `version` events (revisions count from 0). */
export const streamState = (version: number): AppendStreamState => (version === 0 ? NO_STREAM : BigInt(version - 1));

/** An append's result with the positions of each of its events (to split merged entries). */
export type Written = AppendResult & { positions: string[]; logPositions: GlobalPosition[] };

export interface Check {
  /** Where, in the merged events, a later entry for the same stream starts. */
  offset: number;
  expected: ExpectedVersion;
}

export interface Merged {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedVersion;
  checks: Check[];
}

/** Entries for the same stream as one write, in first-mention order; later entries' expectations kept as checks. */
export function mergeAppends(appends: StreamAppend[]): Merged[] {
  const byStream = new Map<string, Merged>();
  for (const a of appends) {
    const m = byStream.get(a.streamId);
    if (!m) byStream.set(a.streamId, { streamId: a.streamId, events: [...a.events], expected: a.expected, checks: [] });
    else {
      m.checks.push({ offset: m.events.length, expected: a.expected });
      m.events.push(...a.events);
    }
  }
  return [...byStream.values()];
}

/** Results per entry asked for, from the per-stream results (a merged stream's split at its entries). */
export function splitResults(appends: StreamAppend[], merged: Written[]): AppendResult[] {
  const byStream = new Map(merged.map((r) => [r.streamId, { r, used: 0 }]));
  return appends.map((a) => {
    const s = byStream.get(a.streamId)!;
    const total = s.r.positions.length;
    const first = s.used;
    s.used += a.events.length;
    return {
      streamId: a.streamId,
      version: s.r.version - total + s.used,
      firstGlobalPosition: s.r.positions[first],
      lastGlobalPosition: s.r.positions[s.used - 1],
      position: s.r.logPositions[s.used - 1],
      duplicate: s.r.duplicate,
    };
  });
}

/**
 * Decides where the events go. When the stream is where the caller expects it (or anywhere, for
 * `'any'`), the hashes chain to its last event and the write expects exactly that revision. When
 * it is further on, the same ids are sent under the caller's expectation: KurrentDB then either
 * recognises a retry (and writes nothing) or refuses with the stream's revision.
 */
export function planAppend(
  streamId: string,
  events: NewEvent[],
  expected: ExpectedVersion,
  tail: Tail,
  recordedAt: string,
  checks: Check[] = [],
): Planned {
  let from: number;
  let chained = true;
  if (expected === 'any') {
    const seenAt = tail.recent.findIndex((e) => e.eventId === events[0].eventId);
    if (seenAt >= 0) {
      from = tail.recent[seenAt].version - 1; // a retry: let KurrentDB confirm it under an exact revision
      chained = false;
    } else from = tail.version;
  } else {
    from = expected === 'noStream' ? 0 : expected;
    if (tail.version < from) throw new ConcurrencyError(streamId, expected, tail.version);
    chained = tail.version === from;
  }
  for (const c of checks) {
    const at = from + c.offset;
    if (c.expected === 'noStream' || (typeof c.expected === 'number' && c.expected !== at)) {
      throw new ConcurrencyError(streamId, c.expected, at);
    }
  }
  const writer = randomUUID();
  const data = events.map((e) => JSON.parse(JSON.stringify(e.data ?? null)) as unknown);
  let prev = chained ? tail.hash : null;
  const envelopes = events.map((e, i): Envelope => {
    const metadata = JSON.parse(JSON.stringify(e.metadata)) as EventMetadata;
    const schemaVersion = e.schemaVersion ?? 1;
    const content = contentHash({
      eventId: e.eventId,
      streamId,
      type: e.type,
      schemaVersion,
      data: data[i],
      metadata,
      occurredAt: e.occurredAt,
      recordedAt,
    });
    const hash = chainHash(prev === null ? null : Buffer.from(prev, 'hex'), streamId, from + i + 1, content).toString('hex');
    const env: Envelope = {
      v: 1,
      metadata,
      schemaVersion,
      occurredAt: e.occurredAt.toISOString(),
      recordedAt,
      contentHash: content.toString('hex'),
      prevHash: prev,
      hash,
      writer,
    };
    prev = hash;
    return env;
  });
  return { streamId, events, from, expected, chained, writer, data, envelopes };
}
