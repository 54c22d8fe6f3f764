import { EventEmitter } from 'node:events';
import { RecordedEvent } from '../event-store.port';
import { GlobalPosition, encodePosition } from '../position';

/**
 * An event as the in-memory log keeps it: data and metadata as canonical JSON text (what the
 * PostgreSQL adapter sends to jsonb and hashes), parsed again on every read, so a caller that
 * changes an object it appended or read changes nothing in the log.
 */
export interface StoredEvent {
  /** The append's number (PostgreSQL: the transaction id) and the event's number in the log. */
  append: bigint;
  number: bigint;
  position: GlobalPosition;
  eventId: string;
  streamId: string;
  version: number;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  occurredAt: string;
  recordedAt: string;
  /** Hex, as the port gives them. */
  contentHash: string;
  prevHash: string | null;
  hash: string;
}

export interface StreamHead {
  version: number;
  lastHash: string | null;
  events: StoredEvent[];
  ids: Set<string>;
}

/**
 * The log that one or more InMemoryEventStores share (several clocks, one log, as several
 * PostgresEventStores share a database). `events` is in log order; `heads` plays es_streams.
 * Both are open to tests that tamper with the log to see `verify` name the damage.
 */
export class InMemoryLog {
  readonly events: StoredEvent[] = [];
  readonly heads = new Map<string, StreamHead>();
  /** Emits 'appended' after each write, for subscriptions of every store on the log. */
  readonly appended = new EventEmitter().setMaxListeners(0);
  private appends = 0n;
  private numbers = 0n;

  nextAppend(): bigint {
    return ++this.appends;
  }

  nextNumber(): bigint {
    return ++this.numbers;
  }

  static position(append: bigint, number: bigint): GlobalPosition {
    return encodePosition(append, number);
  }
}

export function toRecorded(e: StoredEvent): RecordedEvent {
  return {
    eventId: e.eventId,
    streamId: e.streamId,
    version: e.version,
    position: e.position,
    globalPosition: String(e.number),
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: JSON.parse(e.data) as unknown,
    metadata: JSON.parse(e.metadata) as RecordedEvent['metadata'],
    occurredAt: new Date(e.occurredAt),
    recordedAt: new Date(e.recordedAt),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

/** The index of the first event after `position` (events are in position order). */
export function indexAfter(events: StoredEvent[], position: GlobalPosition): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
