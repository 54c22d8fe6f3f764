import { VerifyRange, VerifyResult } from '../event-store.port';
import { chainHash, contentHash } from '../hashing';
import { InMemoryLog, StoredEvent } from './in-memory-log';

/**
 * verify for the in-memory log, with the checks of the PostgreSQL adapter's (verify.ts): every
 * content hash and chain step recomputed in log order from the stored content, a range's first
 * event chained to its stored predecessor, and over the whole log each stream's head against its
 * last event. The log can only be damaged by a test that reaches into it.
 */
export function verifyLog(log: InMemoryLog, range: VerifyRange = {}): VerifyResult {
  const from = range.fromPosition ? BigInt(range.fromPosition) : 1n;
  const to = range.toPosition ? BigInt(range.toPosition) : null;
  const heads = new Map<string, { version: number; hash: string }>();
  let checked = 0;
  const mismatch = (e: StoredEvent, reason: string): VerifyResult => ({
    ok: false,
    checked,
    firstMismatch: { position: String(e.number), stream: e.streamId, version: e.version, reason },
  });

  // Ordered by the event's number, as verify.ts orders by position (globalPosition is that number).
  const events = log.events
    .filter((e) => e.number >= from && (to === null || e.number <= to))
    .sort((a, b) => (a.number < b.number ? -1 : 1));
  for (const e of events) {
    checked++;
    const content = contentHash({
      eventId: e.eventId,
      streamId: e.streamId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: JSON.parse(e.data),
      metadata: JSON.parse(e.metadata),
      occurredAt: e.occurredAt,
      recordedAt: e.recordedAt,
    });
    if (content.toString('hex') !== e.contentHash) return mismatch(e, 'content does not match its hash');
    let head = heads.get(e.streamId);
    if (!head && e.version > 1) {
      // The range starts inside this stream: its predecessor must be the stored one.
      const prev = log.events.find((p) => p.streamId === e.streamId && p.version === e.version - 1);
      if (!prev) return mismatch(e, 'the previous event of the stream is missing');
      head = { version: prev.version, hash: prev.hash };
    }
    const expectedVersion = head ? head.version + 1 : 1;
    if (e.version !== expectedVersion) return mismatch(e, `expected version ${expectedVersion} of the stream`);
    const prevHash = head ? head.hash : null;
    if (e.prevHash !== prevHash) return mismatch(e, 'does not chain to the previous event of the stream');
    if (chainHash(prevHash === null ? null : Buffer.from(prevHash, 'hex'), e.streamId, e.version, content).toString('hex') !== e.hash) {
      return mismatch(e, 'chain hash does not match');
    }
    heads.set(e.streamId, { version: e.version, hash: e.hash });
  }

  if (!range.fromPosition && !range.toPosition) {
    for (const [streamId, s] of log.heads) {
      if (s.version === 0) continue;
      const head = heads.get(streamId);
      if (!head || head.version !== s.version || head.hash !== s.lastHash) {
        const last = log.events.filter((e) => e.streamId === streamId).at(-1);
        return {
          ok: false,
          checked,
          firstMismatch: {
            position: last ? String(last.number) : '0',
            stream: streamId,
            version: head?.version ?? 0,
            reason: `the stream's head says version ${s.version}, its events end at ${head?.version ?? 0}`,
          },
        };
      }
    }
  }
  return { ok: true, checked };
}
