import { FORWARDS, KurrentDBClient, START as KDB_START, excludeSystemEvents } from '@kurrent/kurrentdb-client';
import type { VerifyRange, VerifyResult } from '../event-store.port';
import { chainHash, contentHash } from '../hashing';
import { dataOf, parseEnvelope } from './kurrentdb-records';

/**
 * Walks $all from the start and recomputes every content hash and chain step, as the PostgreSQL
 * adapter does (`fromPosition`/`toPosition` are `globalPosition`s: prepare positions). Events
 * outside the range are walked but not recomputed: their stated hashes carry the chain.
 * What it cannot see: a whole stream deleted and scavenged (KurrentDB allows deletes to whoever
 * the stream's ACL lets; deny them, and rely on the external anchors to notice a log that shrank).
 */
export async function verifyKurrentLog(client: KurrentDBClient, range: VerifyRange = {}): Promise<VerifyResult> {
  const from = range.fromPosition ? BigInt(range.fromPosition) : null;
  const to = range.toPosition ? BigInt(range.toPosition) : null;
  const heads = new Map<string, { version: number; hash: string }>();
  let checked = 0;
  for await (const r of client.readAll({ direction: FORWARDS, fromPosition: KDB_START, filter: excludeSystemEvents() })) {
    const raw = r.event;
    if (!raw || raw.streamId.startsWith('$') || raw.type.startsWith('$') || !raw.position) continue;
    const prepare = raw.position.prepare;
    const inRange = (from === null || prepare >= from) && (to === null || prepare <= to);
    const version = Number(raw.revision) + 1;
    const env = parseEnvelope(raw.metadata);
    const mismatch = (reason: string): VerifyResult => ({
      ok: false,
      checked,
      firstMismatch: { position: prepare.toString(), stream: raw.streamId, version, reason },
    });
    if (!env) {
      if (inRange) return mismatch('no hash chain in its metadata');
      continue;
    }
    const head = heads.get(raw.streamId);
    if (inRange) {
      checked++;
      const content = contentHash({
        eventId: raw.id,
        streamId: raw.streamId,
        type: raw.type,
        schemaVersion: env.schemaVersion,
        data: dataOf(raw),
        metadata: env.metadata,
        occurredAt: env.occurredAt,
        recordedAt: env.recordedAt,
      });
      if (content.toString('hex') !== env.contentHash) return mismatch('content does not match its hash');
      const expectedVersion = head ? head.version + 1 : 1;
      if (version !== expectedVersion) {
        return mismatch(
          head || version === 1 ? `expected version ${expectedVersion} of the stream` : 'the previous event of the stream is missing',
        );
      }
      const prevHash = head?.hash ?? null;
      if (env.prevHash !== prevHash) return mismatch('does not chain to the previous event of the stream');
      if (chainHash(prevHash === null ? null : Buffer.from(prevHash, 'hex'), raw.streamId, version, content).toString('hex') !== env.hash) {
        return mismatch('chain hash does not match');
      }
    }
    heads.set(raw.streamId, { version, hash: env.hash });
  }
  return { ok: true, checked };
}
