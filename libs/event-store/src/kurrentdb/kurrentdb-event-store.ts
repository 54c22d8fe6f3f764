import {
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  FORWARDS,
  Filter,
  KurrentDBClient,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
} from '@kurrent/kurrentdb-client';
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
import { GlobalPosition, START } from '../position';
import { Merged, Planned, Tail, Written, mergeAppends, planAppend, splitResults, streamState } from './kurrentdb-append-plan';
import { READ_STREAMS_CONCURRENCY, serverFilter, typeMatches } from './kurrentdb-filters';
import {
  Envelope,
  ENVELOPE_KEY,
  actualVersionOf,
  isNotFound,
  isOurs,
  knownBy,
  parseEnvelope,
  positionOf,
  readPosition,
  toRecorded,
} from './kurrentdb-records';
import { subscribeToAll } from './kurrentdb-subscription';
import { verifyKurrentLog } from './kurrentdb-verify';
import { StreamLocks } from './stream-locks';

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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const jitter = (attempt: number) => Math.floor(Math.random() * Math.min(50, 2 * attempt)) + 1;

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
      const merged = mergeAppends(appends)[0];
      return this.locks.run(streams, async () => splitResults(appends, [await this.appendUnlocked(merged)]));
    }
    return this.locks.run(streams, async () => {
      const anyAny = appends.some((a) => a.expected === 'any');
      for (let attempt = 1; ; attempt++) {
        const merged = mergeAppends(appends);
        const tails = await Promise.all(merged.map((m) => this.tail(m.streamId)));
        const plans = merged.map((m, i) => planAppend(m.streamId, m.events, m.expected, tails[i], this.now().toISOString(), m.checks));
        if (plans.every((p) => !p.chained)) {
          // Every stream already ends where this call would have taken it, or conflicts: read back.
          return splitResults(appends, await this.readBack(plans, true));
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
        return splitResults(appends, await this.readBack(plans));
      }
    });
  }

  private async appendUnlocked(m: Merged): Promise<Written> {
    for (let attempt = 1; ; attempt++) {
      const tail = await this.tail(m.streamId);
      const plan = planAppend(m.streamId, m.events, m.expected, tail, this.now().toISOString(), m.checks);
      try {
        await this.client.appendToStream(
          m.streamId,
          plan.envelopes.map((env, i) =>
            jsonEvent({ id: m.events[i].eventId, type: m.events[i].type, data: plan.data[i] as never, metadata: { [ENVELOPE_KEY]: env } }),
          ),
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
      for await (const r of this.client.readStream(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(fromRevision),
        maxCount: count,
      })) {
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

  subscribe(options: SubscribeOptions): Subscription {
    return subscribeToAll(this.client, options, this.resubscribeMs);
  }

  // ---------------------------------------------------------------- verify

  /** Every content hash and stream chain recomputed over $all (kurrentdb-verify.ts). */
  verify(range: VerifyRange = {}): Promise<VerifyResult> {
    return verifyKurrentLog(this.client, range);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
