import {
  AppendResult,
  EventStore,
  ExpectedVersion,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamsOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  VerifyRange,
  VerifyResult,
} from '../event-store.port';
import { ConcurrencyError } from '../errors';
import { canonicalJsonOf, chainHash, contentHashOfCanonical } from '../hashing';
import { GlobalPosition, START } from '../position';
import { pollingLoop } from '../polling-loop';
import { InMemoryLog, StoredEvent, indexAfter, toRecorded } from './in-memory-log';
import { verifyLog } from './verify-log';

export interface InMemoryEventStoreOptions {
  /** Source of `recordedAt` (the machine's clock unless a test injects another). */
  now?: () => Date;
  /** The log to write to: stores on one log see each other's events. A new one by default. */
  log?: InMemoryLog;
  /** How long an idle subscription waits before it looks again without being woken. */
  pollIntervalMs?: number;
}

/** What one append of a batch will do, decided before anything is written. */
type Unplaced = Omit<StoredEvent, 'append' | 'number' | 'position'>;
type Plan = { kind: 'duplicate' } | { kind: 'conflict'; actual: number } | { kind: 'write'; events: Unplaced[] };

/** An append's events hashed and chained onto `prev` from `version`, as es_append_batch does. */
function chained(a: StreamAppend, version: number, prev: string | null, recordedAt: string): Unplaced[] {
  return a.events.map((e, i) => {
    const schemaVersion = e.schemaVersion ?? 1;
    const data = canonicalJsonOf(e.data ?? null);
    const metadata = canonicalJsonOf(e.metadata);
    const occurredAt = e.occurredAt.toISOString();
    const { eventId, type } = e;
    const streamId = a.streamId;
    const content = contentHashOfCanonical({ eventId, streamId, type, schemaVersion, data, metadata, occurredAt, recordedAt });
    const hash = chainHash(prev === null ? null : Buffer.from(prev, 'hex'), streamId, version + i + 1, content).toString('hex');
    const stored = { eventId, streamId, version: version + i + 1, type, schemaVersion, data, metadata, occurredAt, recordedAt };
    const chainedOn = prev;
    prev = hash;
    return { ...stored, contentHash: content.toString('hex'), prevHash: chainedOn, hash };
  });
}

/**
 * The event log in memory, for unit tests: the PostgreSQL adapter's semantics (expected versions,
 * idempotency by event id within a stream, appendMany all or nothing, the same hash chain,
 * positions that compare as strings) without a database. An append runs without awaiting
 * anything between its checks and its write, so concurrent callers are serialised as the
 * stream lock serialises them on PostgreSQL. Every event is visible once its append returns:
 * there are no open transactions for a reader to wait behind.
 */
export class InMemoryEventStore implements EventStore {
  readonly log: InMemoryLog;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: InMemoryEventStoreOptions = {}) {
    this.log = options.log ?? new InMemoryLog();
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /** Another store on the same log whose `recordedAt` comes from `now`. */
  withClock(now: () => Date): InMemoryEventStore {
    return new InMemoryEventStore({ log: this.log, now, pollIntervalMs: this.pollIntervalMs });
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    this.open();
    if (events.length === 0) throw new Error('append needs at least one event');
    const [result] = this.write([{ streamId, events, expected }]);
    return result;
  }

  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    this.open();
    if (appends.length === 0) return [];
    return this.write(appends);
  }

  /** Plans every append on the heads as the earlier ones leave them, then writes all or none. */
  private write(appends: StreamAppend[]): AppendResult[] {
    const recordedAt = this.now().toISOString();
    // Heads as this batch's earlier appends leave them, with the event ids they add.
    const staged = new Map<string, { version: number; lastHash: string | null; ids: Set<string> }>();
    const plans: Plan[] = appends.map((a) => {
      if (a.events.length === 0) throw new Error('append needs at least one event');
      const real = this.log.heads.get(a.streamId);
      const head = staged.get(a.streamId) ?? (real && { version: real.version, lastHash: real.lastHash, ids: new Set<string>() });
      // As es_append_batch: the first event id already in the stream makes the whole append a retry.
      const first = a.events[0].eventId;
      if (head && (real?.ids.has(first) || head.ids.has(first))) return { kind: 'duplicate' };
      const version = head?.version ?? 0;
      if ((a.expected === 'noStream' && version !== 0) || (typeof a.expected === 'number' && a.expected !== version)) {
        return { kind: 'conflict', actual: version };
      }
      const events = chained(a, version, head?.lastHash ?? null, recordedAt);
      const ids = head?.ids ?? new Set<string>();
      for (const e of a.events) ids.add(e.eventId);
      staged.set(a.streamId, { version: version + events.length, lastHash: events[events.length - 1].hash, ids });
      return { kind: 'write', events };
    });

    plans.forEach((p, k) => {
      if (p.kind === 'conflict') throw new ConcurrencyError(appends[k].streamId, appends[k].expected, p.actual);
    });
    const appendNo = this.log.nextAppend();
    const written: { first: StoredEvent; last: StoredEvent }[] = plans.map((p) => {
      if (p.kind !== 'write') return undefined as never;
      const stored = p.events.map((e) => {
        const number = this.log.nextNumber();
        return { ...e, append: appendNo, number, position: InMemoryLog.position(appendNo, number) };
      });
      const first = stored[0];
      const last = stored[stored.length - 1];
      let head = this.log.heads.get(first.streamId);
      if (!head) this.log.heads.set(first.streamId, (head = { version: 0, lastHash: null, events: [], ids: new Set() }));
      for (const e of stored) {
        this.log.events.push(e);
        head.events.push(e);
        head.ids.add(e.eventId);
      }
      head.version = last.version;
      head.lastHash = last.hash;
      return { first, last };
    });
    if (plans.some((p) => p.kind === 'write')) this.log.appended.emit('appended');

    return plans.map((p, k) => {
      if (p.kind === 'write') return this.result(written[k].first, written[k].last, false);
      // A retry: the first write's result (its events may come from an earlier append of this batch).
      const ids = new Set(appends[k].events.map((e) => e.eventId));
      const mine = this.log.heads.get(appends[k].streamId)!.events.filter((e) => ids.has(e.eventId));
      return this.result(
        mine[0],
        mine.reduce((a, b) => (b.number > a.number ? b : a)),
        true,
      );
    });
  }

  private result(first: StoredEvent, last: StoredEvent, duplicate: boolean): AppendResult {
    return {
      streamId: first.streamId,
      version: last.version,
      firstGlobalPosition: String(first.number),
      lastGlobalPosition: String(last.number),
      position: last.position,
      duplicate,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.open();
    const from = options.fromVersion ?? 1;
    return this.streamEvents(streamId, options.knownAt)
      .filter((e) => e.version >= from)
      .map(toRecorded);
  }

  async readStreams(streamIds: string[], options: ReadStreamsOptions = {}): Promise<RecordedEvent[]> {
    this.open();
    return [...new Set(streamIds)].flatMap((id) => this.streamEvents(id, options.knownAt).map(toRecorded));
  }

  private streamEvents(streamId: string, knownAt?: Date): StoredEvent[] {
    const events = this.log.heads.get(streamId)?.events ?? [];
    return knownAt ? events.filter((e) => new Date(e.recordedAt) <= knownAt) : events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    this.open();
    return this.read(options);
  }

  private read(options: ReadAllOptions): ReadAllResult {
    const after = options.after ?? START;
    const limit = options.limit ?? 1000;
    const types = options.filter?.types;
    const prefix = options.filter?.streamPrefix;
    const knownAt = options.knownAt?.getTime();
    const events: RecordedEvent[] = [];
    const log = this.log.events;
    for (let i = indexAfter(log, after); i < log.length && events.length < limit; i++) {
      const e = log[i];
      if (types && !types.includes(e.type)) continue;
      if (prefix !== undefined && !e.streamId.startsWith(prefix)) continue;
      if (knownAt !== undefined && Date.parse(e.recordedAt) > knownAt) continue;
      events.push(toRecorded(e));
    }
    return { events, position: events.length ? events[events.length - 1].position : after };
  }

  async countAfter(after: GlobalPosition, cap: number): Promise<number> {
    this.open();
    if (cap <= 0) return 0;
    return Math.min(Math.floor(cap), this.log.events.length - indexAfter(this.log.events, after));
  }

  async headPosition(): Promise<GlobalPosition> {
    this.open();
    return this.log.events.at(-1)?.position ?? START;
  }

  /** Batches in log order; the next batch waits for the handler, a failed batch is offered again. */
  subscribe(options: SubscribeOptions): Subscription {
    if (this.closed) return { stop: async () => undefined };
    const loop = pollingLoop(options, (opts) => this.read(opts), this.pollIntervalMs);
    const wake = () => loop.wake();
    this.log.appended.on('appended', wake);

    const subscription: Subscription = {
      stop: async () => {
        this.log.appended.off('appended', wake);
        this.subscriptions.delete(subscription);
        await loop.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async verify(range: VerifyRange = {}): Promise<VerifyResult> {
    this.open();
    return verifyLog(this.log, range);
  }

  /** Stops this store's subscriptions; the log stays for the other stores on it. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
  }

  private open(): void {
    if (this.closed) throw new Error('the event store is closed');
  }
}
