import { randomUUID } from 'node:crypto';
import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendStreamState,
  BACKWARDS,
  END,
  FORWARDS,
  Filter,
  KurrentDBClient,
  NO_STREAM,
  ReadPosition,
  ResolvedEvent,
  START as KDB_START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import {
  AppendResult,
  EventMetadata,
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
import { chainHash, contentHash } from '../hashing';
import { GlobalPosition, START, decodePosition, encodePosition } from '../position';
import { WakeablePause } from '../wakeable-pause';

/**
 * What Dondoc keeps in a KurrentDB event's metadata, next to what KurrentDB records itself (event
 * id, stream, revision, type, data, position). The hash chain is computed here, by the client,
 * with the same formulas as the PostgreSQL adapter (hashing.ts), so `verify` and the offline
 * export checker treat both logs alike.
 */
interface Envelope {
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
const ENVELOPE_KEY = 'dondoc';

export interface KurrentDBEventStoreOptions {
  /** Source of `recordedAt`; this process's clock unless a test injects another. */
  now?: () => Date;
  /**
   * Under `'any'`, a retry is recognised as a duplicate when its first event is among the stream's
   * last `duplicateWindow` events (KurrentDB itself only guarantees idempotency under an exact
   * expected revision; its own check under ANY is best effort, from a cache of recent ids).
   */
  duplicateWindow?: number;
  /** How many times an `'any'` append is retried when another writer moved the stream first. */
  maxAnyRetries?: number;
  /** Wait before a dropped subscription resubscribes. */
  resubscribeMs?: number;
}

interface Tail {
  /** Events in the stream (our version; KurrentDB's last revision + 1). */
  version: number;
  hash: string | null;
  /** The last events of the stream, oldest first (up to the duplicate window). */
  recent: RecordedEvent[];
}

interface Planned {
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const jitter = (attempt: number) => Math.floor(Math.random() * Math.min(50, 2 * attempt)) + 1;

/** KurrentDB's expected state for a stream that must hold `version` events (revisions count from 0). */
const streamState = (version: number): AppendStreamState => (version === 0 ? NO_STREAM : BigInt(version - 1));

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function isNotFound(e: unknown): boolean {
  return e instanceof StreamNotFoundError || e instanceof StreamDeletedError;
}

/** The stream's version according to a WrongExpectedVersionError (null when it does not say). */
function actualVersionOf(e: WrongExpectedVersionError): number | null {
  const a = e.actualState as unknown;
  if (typeof a === 'bigint') return Number(a) + 1;
  if (a === NO_STREAM) return 0;
  if (typeof a === 'string' && /^-?\d+$/.test(a)) return Math.max(0, Number(a) + 1);
  return null;
}

function parseEnvelope(metadata: unknown): Envelope | null {
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
function dataOf(e: { isJson: boolean; data: unknown }): unknown {
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

const positionOf = (p: { commit: bigint; prepare: bigint }): GlobalPosition => encodePosition(p.commit, p.prepare);

function readPosition(position: GlobalPosition): ReadPosition {
  if (position === START) return KDB_START;
  const { major, minor } = decodePosition(position);
  return { commit: BigInt(major), prepare: BigInt(minor) };
}

/** One KurrentDB record as our RecordedEvent; null for what is not ours (system events, links, foreign writers). */
function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
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
const knownBy = (e: RecordedEvent, knownAt: Date | undefined): boolean => !knownAt || e.recordedAt.getTime() <= knownAt.getTime();

/** What toRecorded keeps, without decoding the data: what a reader of the log reads. */
function isOurs(e: { type: string; streamId: string; metadata: unknown } | undefined): boolean {
  return !!e && !e.type.startsWith('$') && !e.streamId.startsWith('$') && parseEnvelope(e.metadata) !== null;
}

/** Streams read at once by readStreams. */
const READ_STREAMS_CONCURRENCY = 16;

function typeMatches(e: RecordedEvent, filter: ReadAllOptions['filter']): boolean {
  if (filter?.types && !filter.types.includes(e.type)) return false;
  if (filter?.streamPrefix && !e.streamId.startsWith(filter.streamPrefix)) return false;
  return true;
}

/**
 * The server-side part of a filter: KurrentDB filters on one thing, the stream name or the event
 * type. A stream prefix is used when there is one (it is the narrower in practice); the event
 * types are then checked here. Without a filter, system events are left out.
 */
function serverFilter(filter: ReadAllOptions['filter']): Filter {
  if (filter?.streamPrefix) return streamNameFilter({ prefixes: [filter.streamPrefix] });
  if (filter?.types?.length) return eventTypeFilter({ regex: `^(?:${filter.types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

/**
 * Serialises, within this process, the read-the-tail-then-append of writers to the same streams:
 * concurrent writers in one process then do not waste round trips losing to each other. Writers in
 * other processes are still stopped by KurrentDB's expected-revision check.
 */
class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(streams: string[], work: () => Promise<T>): Promise<T> {
    const keys = [...new Set(streams)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of keys) {
        const previous = this.tails.get(key) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((r) => (release = r));
        const chained = previous.then(() => mine);
        this.tails.set(key, chained);
        releases.push(() => {
          release();
          if (this.tails.get(key) === chained) this.tails.delete(key);
        });
        await previous;
      }
      return await work();
    } finally {
      for (const r of releases) r();
    }
  }
}

/**
 * The event log on KurrentDB (EventStoreDB 22.6+; multi-stream `appendMany` needs KurrentDB 25.1+),
 * through the official client `@kurrent/kurrentdb-client`.
 *
 * - Versions: ours count events from 1, KurrentDB's revisions from 0 (version = revision + 1).
 * - Positions: KurrentDB's (commit, prepare) pair, zero-padded as "commit.prepare", which keeps
 *   string order = log order; `globalPosition` (for people and anchors) is the prepare position.
 * - The hash chain: each append reads the stream's last event (its hash), computes the new events'
 *   hashes and appends under that exact revision, so nothing can slip in between; under `'any'`
 *   it retries with the new tail when another writer got there first.
 * - Idempotency: KurrentDB's own, by event id under an exact expected revision (guaranteed by the
 *   server, from its index). Under `'any'` see `duplicateWindow`.
 * - `recordedAt` is this process's clock (carried in the metadata and hashed), not the server's
 *   `created`: `knownAt` filters on it, here, after reading.
 */
export class KurrentDBEventStore implements EventStore {
  private readonly now: () => Date;
  private readonly duplicateWindow: number;
  private readonly maxAnyRetries: number;
  private readonly resubscribeMs: number;
  private readonly locks = new StreamLocks();

  constructor(
    private readonly client: KurrentDBClient,
    options: KurrentDBEventStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.duplicateWindow = options.duplicateWindow ?? 64;
    this.maxAnyRetries = options.maxAnyRetries ?? 200;
    this.resubscribeMs = options.resubscribeMs ?? 1000;
  }

  /** `kurrentdb://host:2113?tls=false` (or `esdb://…`, or a cluster's `kurrentdb+discover://…`). */
  static fromConnectionString(url: string, options: KurrentDBEventStoreOptions = {}): KurrentDBEventStore {
    return new KurrentDBEventStore(KurrentDBClient.connectionString(url), options);
  }

  // ---------------------------------------------------------------- appends

  async append(streamId: string, events: NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const written = await this.locks.run([streamId], () => this.appendUnlocked({ streamId, events, expected, checks: [] }));
    return {
      streamId: written.streamId,
      version: written.version,
      firstGlobalPosition: written.firstGlobalPosition,
      lastGlobalPosition: written.lastGlobalPosition,
      position: written.position,
      duplicate: written.duplicate,
    };
  }

  /**
   * Several streams at once, all or nothing, through KurrentDB's multi-stream append (25.1+; the
   * client throws UnsupportedError on older servers). Appends naming one stream only use `append`.
   * Two entries for the same stream are merged into one write (its expectations checked here).
   * Idempotency: when every stream already holds its events, nothing is written and the results
   * say duplicate; a multi-stream append retried with some streams written and others not cannot
   * happen (it is atomic) and is refused as a conflict.
   */
  async appendMany(appends: StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    for (const a of appends) if (a.events.length === 0) throw new Error('append needs at least one event');
    const streams = [...new Set(appends.map((a) => a.streamId))];
    if (streams.length === 1) {
      const merged = this.merge(appends)[0];
      return this.locks.run(streams, async () => this.splitResults(appends, [await this.appendUnlocked(merged)]));
    }
    return this.locks.run(streams, async () => {
      const anyAny = appends.some((a) => a.expected === 'any');
      for (let attempt = 1; ; attempt++) {
        const merged = this.merge(appends);
        const tails = await Promise.all(merged.map((m) => this.tail(m.streamId)));
        const plans = merged.map((m, i) => this.plan(m.streamId, m.events, m.expected, tails[i], m.checks));
        if (plans.every((p) => !p.chained)) {
          // Every stream already ends where this call would have taken it, or conflicts: read back.
          return this.splitResults(appends, await this.readBack(plans, true));
        }
        const stale = plans.find((p) => !p.chained);
        if (stale) throw new ConcurrencyError(stale.streamId, stale.expected, tails[plans.indexOf(stale)].version);
        try {
          await this.client.multiStreamAppend(
            plans.map((p, i) => ({
              streamName: p.streamId,
              expectedState: streamState(p.from),
              // Multi-stream appends take metadata as string values only: the envelope goes as JSON text.
              events: p.envelopes.map((env, k) =>
                jsonEvent({
                  id: merged[i].events[k].eventId,
                  type: merged[i].events[k].type,
                  data: p.data[k] as never,
                  metadata: { [ENVELOPE_KEY]: JSON.stringify(env) },
                }),
              ),
            })),
          );
        } catch (e) {
          if (!(e instanceof WrongExpectedVersionError)) throw e;
          if (anyAny && attempt < this.maxAnyRetries) {
            await sleep(jitter(attempt));
            continue;
          }
          const p = plans.find((x) => x.streamId === e.streamName) ?? plans[0];
          throw new ConcurrencyError(p.streamId, p.expected, actualVersionOf(e) ?? (await this.tail(p.streamId)).version);
        }
        return this.splitResults(appends, await this.readBack(plans));
      }
    });
  }

  private async appendUnlocked(m: Merged): Promise<Written> {
    for (let attempt = 1; ; attempt++) {
      const tail = await this.tail(m.streamId);
      const plan = this.plan(m.streamId, m.events, m.expected, tail, m.checks);
      try {
        await this.client.appendToStream(
          m.streamId,
          plan.envelopes.map((env, i) => jsonEvent({ id: m.events[i].eventId, type: m.events[i].type, data: plan.data[i] as never, metadata: { [ENVELOPE_KEY]: env } })),
          { streamState: streamState(plan.from) },
        );
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        // Another writer moved the stream: start again from its new tail. (Not when this was a
        // retry that KurrentDB did not recognise: some of its ids are there, some not.)
        if (m.expected === 'any' && plan.chained && attempt < this.maxAnyRetries) {
          await sleep(jitter(attempt));
          continue;
        }
        throw new ConcurrencyError(m.streamId, m.expected, actualVersionOf(e) ?? (await this.tail(m.streamId)).version);
      }
      return (await this.readBack([plan]))[0];
    }
  }

  /** Entries for the same stream as one write, in first-mention order; later entries' expectations kept as checks. */
  private merge(appends: StreamAppend[]): Merged[] {
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
  private splitResults(appends: StreamAppend[], merged: Written[]): AppendResult[] {
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
  private plan(streamId: string, events: NewEvent[], expected: ExpectedVersion, tail: Tail, checks: Check[] = []): Planned {
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
    const recordedAt = this.now().toISOString();
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

  /**
   * Reads back what each plan wrote (or found already written): the positions KurrentDB gave the
   * events, and whether they are this call's (the writer id) or an earlier call's (a duplicate).
   */
  private async readBack(plans: Planned[], mustExist = false): Promise<Written[]> {
    return Promise.all(
      plans.map(async (p) => {
        const mine = await this.readRaw(p.streamId, p.from, p.events.length);
        const same = mine.length === p.events.length && mine.every((m, i) => m.event.eventId === p.events[i].eventId);
        if (!same) {
          if (mustExist) throw new ConcurrencyError(p.streamId, p.expected, (await this.tail(p.streamId)).version);
          throw new Error(`KurrentDB accepted the append to ${p.streamId} but its events are not where they were written`);
        }
        const last = mine[mine.length - 1].event;
        return {
          streamId: p.streamId,
          version: last.version,
          firstGlobalPosition: mine[0].event.globalPosition,
          lastGlobalPosition: last.globalPosition,
          position: last.position,
          duplicate: mine[0].envelope.writer !== p.writer,
          positions: mine.map((m) => m.event.globalPosition),
          logPositions: mine.map((m) => m.event.position),
        };
      }),
    );
  }

  /** Up to `count` events of a stream from a revision, with their envelopes. */
  private async readRaw(streamId: string, fromRevision: number, count: number): Promise<{ event: RecordedEvent; envelope: Envelope }[]> {
    const out: { event: RecordedEvent; envelope: Envelope }[] = [];
    try {
      for await (const r of this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(fromRevision), maxCount: count })) {
        const event = toRecorded(r);
        const envelope = parseEnvelope(r.event?.metadata);
        if (event && envelope) out.push({ event, envelope });
      }
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    return out;
  }

  /** The stream's version, last hash, and last few events (for duplicate detection under 'any'). */
  private async tail(streamId: string): Promise<Tail> {
    const recent: RecordedEvent[] = [];
    try {
      for await (const r of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: this.duplicateWindow })) {
        const e = toRecorded(r);
        if (!e) throw new Error(`${streamId} holds an event without Dondoc's metadata (revision ${String(r.event?.revision)})`);
        recent.unshift(e);
      }
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    const last = recent[recent.length - 1];
    return { version: last?.version ?? 0, hash: last?.hash ?? null, recent };
  }

  // ---------------------------------------------------------------- reads

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    const from = Math.max(1, options.fromVersion ?? 1);
    try {
      for await (const r of this.client.readStream(streamId, { direction: FORWARDS, fromRevision: BigInt(from - 1) })) {
        const e = toRecorded(r);
        if (!e) continue;
        if (!knownBy(e, options.knownAt)) continue;
        out.push(e);
      }
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const limit = options.limit ?? 1000;
    const events: RecordedEvent[] = [];
    // The server filters on one criterion; the rest is checked here, so a page may need more reads.
    for await (const r of this.forwardFrom(after, serverFilter(options.filter), () => limit - events.length)) {
      const e = toRecorded(r);
      if (e && typeMatches(e, options.filter) && knownBy(e, options.knownAt)) events.push(e);
    }
    return { events, position: events.length ? events[events.length - 1].position : after };
  }

  /**
   * $all forwards from just past `after`, read in pages of what is still `wanted()` (plus one: a
   * read from a position may include the event at it), until nothing more is wanted or the log ends.
   */
  private async *forwardFrom(after: GlobalPosition, filter: Filter, wanted: () => number): AsyncGenerator<AllStreamResolvedEvent> {
    let cursor = after;
    while (wanted() > 0) {
      const ask = wanted() + 1;
      let scanned = 0;
      for await (const r of this.client.readAll({ direction: FORWARDS, fromPosition: readPosition(cursor), maxCount: ask, filter })) {
        scanned++;
        const p = r.event?.position;
        if (!p) continue;
        const pos = positionOf(p);
        if (pos <= cursor) continue;
        cursor = pos;
        yield r;
        if (wanted() <= 0) return;
      }
      if (scanned < ask) return;
    }
  }

  /** Each stream read on its own (a few at a time), put together in the order asked. */
  async readStreams(streamIds: string[], options: ReadStreamsOptions = {}): Promise<RecordedEvent[]> {
    const ids = [...new Set(streamIds)];
    const read: RecordedEvent[][] = new Array<RecordedEvent[]>(ids.length);
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const i = next++;
        read[i] = await this.readStream(ids[i], { knownAt: options.knownAt });
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_STREAMS_CONCURRENCY, ids.length) }, worker));
    return read.flat();
  }

  /**
   * Reads $all forwards from `after` (no system events, at most `cap` of ours) and counts: what
   * readAll without a filter would give. The events travel to be counted: keep `cap` modest.
   */
  async countAfter(after: GlobalPosition, cap: number): Promise<number> {
    const limit = Math.floor(cap);
    let n = 0;
    for await (const r of this.forwardFrom(after, excludeSystemEvents(), () => limit - n)) if (isOurs(r.event)) n++;
    return n;
  }

  async headPosition(): Promise<GlobalPosition> {
    // The last event that is not KurrentDB's own: readers skip system events, so none is left behind.
    for await (const r of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: excludeSystemEvents() })) {
      if (r.event?.position) return positionOf(r.event.position);
    }
    return START;
  }

  /**
   * A catch-up subscription to $all (`subscribeToAll`) from `from`, filtered on the server, cut
   * into batches for the handler: events that arrive together (up to `batchSize`) go in one call,
   * and the subscription is paused while the handler runs. When the handler throws, or the
   * connection drops, it resubscribes from the last batch handled.
   */
  subscribe(options: SubscribeOptions): Subscription {
    const batchSize = options.batchSize ?? 500;
    let position = options.from ?? START;
    let stopped = false;
    let current: AllStreamSubscription | undefined;
    let inFlight: Promise<void> = Promise.resolve();
    const retryPause = new WakeablePause();

    const once = () =>
      new Promise<void>((resolve, reject) => {
        const sub = this.client.subscribeToAll({ fromPosition: readPosition(position), filter: serverFilter(options.filter) });
        current = sub;
        let buffer: RecordedEvent[] = [];
        let flushing = false;
        let scheduled = false;
        let failed = false;
        const fail = (e: unknown) => {
          if (failed) return;
          failed = true;
          void sub.unsubscribe().catch(() => undefined);
          if (stopped) resolve();
          else reject(e);
        };
        const flush = async () => {
          scheduled = false;
          if (flushing || buffer.length === 0 || failed) return;
          flushing = true;
          sub.pause();
          try {
            while (buffer.length > 0 && !stopped) {
              const batch = buffer.slice(0, batchSize);
              buffer = buffer.slice(batch.length);
              const last = batch[batch.length - 1].position;
              await options.handler(batch, last);
              position = last;
            }
          } catch (e) {
            flushing = false;
            fail(e);
            return;
          }
          flushing = false;
          if (!stopped) sub.resume();
        };
        const run = () => {
          inFlight = inFlight.then(flush);
        };
        sub.on('data', (resolved: AllStreamResolvedEvent) => {
          const e = toRecorded(resolved);
          if (!e || failed) return;
          const lastQueued = buffer.length ? buffer[buffer.length - 1].position : position;
          if (e.position <= lastQueued || !typeMatches(e, options.filter)) return;
          buffer.push(e);
          if (buffer.length >= batchSize) run();
          else if (!scheduled) {
            scheduled = true;
            setImmediate(run);
          }
        });
        sub.on('error', fail);
        const ended = () => (stopped ? resolve() : fail(new Error('KurrentDB subscription ended')));
        sub.on('end', ended);
        sub.on('close', ended);
      });

    const loop = (async () => {
      while (!stopped) {
        try {
          await once();
        } catch (error) {
          if (stopped) break;
          options.onError?.(error);
          await inFlight.catch(() => undefined);
          if (stopped) break; // onError may have stopped the subscription (a projector restarting)
          await retryPause.for(this.resubscribeMs);
        }
      }
    })();

    return {
      stop: async () => {
        stopped = true;
        retryPause.wake();
        await current?.unsubscribe().catch(() => undefined);
        current?.destroy();
        await inFlight.catch(() => undefined);
        await loop;
      },
    };
  }

  // ---------------------------------------------------------------- verify

  /**
   * Walks $all from the start and recomputes every content hash and chain step, as the PostgreSQL
   * adapter does (`fromPosition`/`toPosition` are `globalPosition`s: prepare positions). Events
   * outside the range are walked but not recomputed: their stated hashes carry the chain.
   * What it cannot see: a whole stream deleted and scavenged (KurrentDB allows deletes to whoever
   * the stream's ACL lets; deny them, and rely on the external anchors to notice a log that shrank).
   */
  async verify(range: VerifyRange = {}): Promise<VerifyResult> {
    const from = range.fromPosition ? BigInt(range.fromPosition) : null;
    const to = range.toPosition ? BigInt(range.toPosition) : null;
    const heads = new Map<string, { version: number; hash: string }>();
    let checked = 0;
    for await (const r of this.client.readAll({ direction: FORWARDS, fromPosition: KDB_START, filter: excludeSystemEvents() })) {
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
          return mismatch(head || version === 1 ? `expected version ${expectedVersion} of the stream` : 'the previous event of the stream is missing');
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

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

/** An append's result with the positions of each of its events (to split merged entries). */
type Written = AppendResult & { positions: string[]; logPositions: GlobalPosition[] };

interface Check {
  /** Where, in the merged events, a later entry for the same stream starts. */
  offset: number;
  expected: ExpectedVersion;
}

interface Merged {
  streamId: string;
  events: NewEvent[];
  expected: ExpectedVersion;
  checks: Check[];
}
