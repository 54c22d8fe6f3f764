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

/**
 * canonicalJson(JSON.parse(JSON.stringify(value))) in one pass: what jsonb gives back (toJSON
 * applied, undefined, functions and symbols dropped from objects and null in arrays, non-finite
 * numbers null), with keys sorted. Valid JSON of the same value, so it is also what the store
 * sends to the database: one serialisation per event, not four.
 */
export function canonicalJsonOf(value: unknown): string {
  const out = canonicalPart(value, '');
  return out === undefined ? 'null' : out;
}

function canonicalPart(value: unknown, key: string): string | undefined {
  let v = value;
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint') && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON(k: string): unknown }).toJSON(key);
  }
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      return JSON.stringify(v); // throws, as JSON.stringify does
  }
  if (v === null) return 'null';
  if (v instanceof Number || v instanceof String || v instanceof Boolean) return canonicalPart(v.valueOf(), key);
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) s += ',';
      s += canonicalPart(v[i], String(i)) ?? 'null';
    }
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const part = canonicalPart(o[k], k);
    if (part === undefined) continue;
    s += `${first ? '' : ','}${JSON.stringify(k)}:${part}`;
    first = false;
  }
  return s + '}';
}

/**
 * contentHash from the canonical JSON of data and metadata (canonicalJsonOf) and ISO instants:
 * the same digest, built without a second pass over the event.
 */
export function contentHashOfCanonical(c: {
  eventId: string;
  streamId: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  occurredAt: string;
  recordedAt: string;
}): Buffer {
  // The keys of contentHash's object, in sorted order.
  const canonical =
    `{"data":${c.data},"eventId":${JSON.stringify(c.eventId)},"metadata":${c.metadata},"occurredAt":${JSON.stringify(c.occurredAt)},` +
    `"recordedAt":${JSON.stringify(c.recordedAt)},"schemaVersion":${canonicalJsonOf(c.schemaVersion)},"streamId":${JSON.stringify(c.streamId)},"type":${JSON.stringify(c.type)}}`;
  return createHash('sha256').update(canonical, 'utf8').digest();
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
