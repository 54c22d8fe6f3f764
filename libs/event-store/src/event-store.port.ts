import { GlobalPosition } from './position';

/** Expected state of a stream for an optimistic append. Versions count events: 1 is the first. */
export type ExpectedVersion = 'any' | 'noStream' | number;

export interface ActorMetadata {
  userId: string;
  role: string;
  office: string;
  name?: string;
}

export interface EventMetadata {
  actor: ActorMetadata;
  correlationId: string;
  causationId?: string;
  idempotencyKey?: string;
  [extra: string]: unknown;
}

export interface NewEvent {
  /** Chosen by the caller: appending the same ids again writes nothing and returns the first result. */
  eventId: string;
  type: string;
  schemaVersion?: number;
  data: unknown;
  metadata: EventMetadata;
  /** Business time; `recordedAt` is set by the store. */
  occurredAt: Date;
}

export interface RecordedEvent<D = unknown> {
  eventId: string;
  streamId: string;
  version: number;
  /** Opaque and comparable (see position.ts): where a reader of the global log stands. */
  position: GlobalPosition;
  /** The event's number in the log, for people and anchors. */
  globalPosition: string;
  type: string;
  schemaVersion: number;
  data: D;
  metadata: EventMetadata;
  occurredAt: Date;
  recordedAt: Date;
  prevHash: string | null;
  hash: string;
}

export interface AppendResult {
  streamId: string;
  /** The stream's version after the append (the version of its last event). */
  version: number;
  firstGlobalPosition: string;
  lastGlobalPosition: string;
  /** The log position of the last event: a reader that has reached it has read the append. */
  position: GlobalPosition;
  /** True when every event id was already stored: nothing was written. */
  duplicate: boolean;
}

export interface StreamAppend {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedVersion;
}

export interface ReadStreamOptions {
  fromVersion?: number;
  /** Only events recorded at or before this instant. */
  knownAt?: Date;
}

export interface ReadAllOptions {
  after?: GlobalPosition;
  limit?: number;
  filter?: { types?: string[]; streamPrefix?: string };
  /**
   * Only events recorded at or before this instant: a read of the record as it stood then (time
   * travel), paged with `after` like any other. Not a cursor to follow the log with: on PostgreSQL
   * such a read is not held below transactions still running (every committed event is seen).
   */
  knownAt?: Date;
}

export interface ReadStreamsOptions {
  /** Only events recorded at or before this instant. */
  knownAt?: Date;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /** Where to continue from; equals `after` when nothing was read. */
  position: GlobalPosition;
}

export interface Subscription {
  /** Resolves once the handler has finished with the batch in flight. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  from?: GlobalPosition;
  batchSize?: number;
  filter?: ReadAllOptions['filter'];
  /** Called with each batch in log order; the next batch waits for it. */
  handler: (events: RecordedEvent[], position: GlobalPosition) => Promise<void>;
  onError?: (error: unknown) => void;
}

export interface VerifyRange {
  fromPosition?: string;
  toPosition?: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstMismatch?: { position: string; stream: string; version: number; reason: string };
}

/** The event log. PostgreSQL is the default adapter; KurrentDB the one for larger deployments. */
export interface EventStore {
  append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult>;
  /** Several streams in one transaction: all or nothing (imports, back-fills). */
  appendMany(appends: StreamAppend[]): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Several whole streams at once (one query on PostgreSQL): each stream's events in version
   * order, the streams one after another in the order asked (a repeated id is read once).
   */
  readStreams(streamIds: string[], options?: ReadStreamsOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /**
   * How many events a reader standing at `after` has still to read (what `readAll` without a
   * filter would give it), counting no further than `cap`.
   */
  countAfter(after: GlobalPosition, cap: number): Promise<number>;
  subscribe(options: SubscribeOptions): Subscription;
  /** The position a reader reaches once everything committed so far is read. */
  headPosition(): Promise<GlobalPosition>;
  verify(range?: VerifyRange): Promise<VerifyResult>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
