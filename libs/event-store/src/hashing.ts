import { createHash } from 'node:crypto';

/**
 * Tamper evidence, computed the same way by the store, by `verify` and by the offline export
 * checker: content hash = SHA-256 of the canonical JSON of the event's content; chain hash =
 * SHA-256(previous chain hash ‖ "stream:version" ‖ content hash). The database computes the chain
 * step itself (it alone knows the version under `any`), with the same formula.
 */
export interface HashedContent {
  eventId: string;
  streamId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  occurredAt: Date | string;
  recordedAt: Date | string;
}

/** JSON with object keys sorted at every level; `undefined` members dropped, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

export function contentHash(c: HashedContent): Buffer {
  const canonical = canonicalJson({
    eventId: c.eventId,
    streamId: c.streamId,
    type: c.type,
    schemaVersion: c.schemaVersion,
    data: c.data,
    metadata: c.metadata,
    occurredAt: iso(c.occurredAt),
    recordedAt: iso(c.recordedAt),
  });
  return createHash('sha256').update(canonical, 'utf8').digest();
}

export function chainHash(prev: Buffer | null, streamId: string, version: number, content: Buffer): Buffer {
  return createHash('sha256')
    .update(prev ?? Buffer.alloc(0))
    .update(`${streamId}:${version}`, 'utf8')
    .update(content)
    .digest();
}
