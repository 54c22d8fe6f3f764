import {
  AllStreamResolvedEvent,
  NO_STREAM,
  ReadPosition,
  ResolvedEvent,
  START as KDB_START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { EventMetadata, RecordedEvent } from '../event-store.port';
import { GlobalPosition, START, decodePosition, encodePosition } from '../position';

/**
 * What Dondoc keeps in a KurrentDB event's metadata, next to what KurrentDB records itself (event
 * id, stream, revision, type, data, position). The hash chain is computed here, by the client,
 * with the same formulas as the PostgreSQL adapter (hashing.ts), so `verify` and the offline
 * export checker treat both logs alike.
 */
export interface Envelope {
  v: 1;
  metadata: EventMetadata;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  contentHash: string;
  prevHash: string | null;
  hash: string;
  /** Which call wrote the event: a retry that KurrentDB deduplicated finds another call's id here. */
  writer: string;
}

/** The key under which the envelope sits in KurrentDB's metadata (a JSON string in multi-stream appends). */
export const ENVELOPE_KEY = 'dondoc';

export function isNotFound(e: unknown): boolean {
  return e instanceof StreamNotFoundError || e instanceof StreamDeletedError;
}

/** The stream's version according to a WrongExpectedVersionError (null when it does not say). */
export function actualVersionOf(e: WrongExpectedVersionError): number | null {
  const a = e.actualState as unknown;
  if (typeof a === 'bigint') return Number(a) + 1;
  if (a === NO_STREAM) return 0;
  if (typeof a === 'string' && /^-?\d+$/.test(a)) return Math.max(0, Number(a) + 1);
  return null;
}

export function parseEnvelope(metadata: unknown): Envelope | null {
  if (!metadata || typeof metadata !== 'object' || metadata instanceof Uint8Array) return null;
  let raw = (metadata as Record<string, unknown>)[ENVELOPE_KEY];
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!raw || typeof raw !== 'object' || (raw as Envelope).v !== 1) return null;
  return raw as Envelope;
}

/**
 * An event's data as JSON. Events written by a multi-stream append may come back flagged as not
 * JSON (their format travels as a schema property there): their bytes are JSON all the same.
 */
export function dataOf(e: { isJson: boolean; data: unknown }): unknown {
  if (e.isJson) return e.data;
  if (e.data instanceof Uint8Array) {
    try {
      return JSON.parse(Buffer.from(e.data).toString('utf8')) as unknown;
    } catch {
      return null;
    }
  }
  return e.data ?? null;
}

export const positionOf = (p: { commit: bigint; prepare: bigint }): GlobalPosition => encodePosition(p.commit, p.prepare);

export function readPosition(position: GlobalPosition): ReadPosition {
  if (position === START) return KDB_START;
  const { major, minor } = decodePosition(position);
  return { commit: BigInt(major), prepare: BigInt(minor) };
}

/** One KurrentDB record as our RecordedEvent; null for what is not ours (system events, links, foreign writers). */
export function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const e = resolved.event;
  if (!e || e.type.startsWith('$') || e.streamId.startsWith('$')) return null;
  const env = parseEnvelope(e.metadata);
  if (!env) return null;
  if (!e.position) throw new Error('KurrentDB did not return event positions (it must be 22.6 or later)');
  return {
    eventId: e.id,
    streamId: e.streamId,
    version: Number(e.revision) + 1,
    position: positionOf(e.position),
    globalPosition: e.position.prepare.toString(),
    type: e.type,
    schemaVersion: env.schemaVersion,
    data: dataOf(e),
    metadata: env.metadata,
    occurredAt: new Date(env.occurredAt),
    recordedAt: new Date(env.recordedAt),
    prevHash: env.prevHash,
    hash: env.hash,
  };
}

/** Recorded at or before `knownAt` (always, without one): `recordedAt` is ours, from the envelope. */
export const knownBy = (e: RecordedEvent, knownAt: Date | undefined): boolean => !knownAt || e.recordedAt.getTime() <= knownAt.getTime();

/** What toRecorded keeps, without decoding the data: what a reader of the log reads. */
export function isOurs(e: { type: string; streamId: string; metadata: unknown } | undefined): boolean {
  return !!e && !e.type.startsWith('$') && !e.streamId.startsWith('$') && parseEnvelope(e.metadata) !== null;
}
