import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { ConcurrencyError } from '../errors';
import { EventStore, ExpectedVersion, NewEvent, RecordedEvent } from '../event-store.port';
import { chainHash, contentHash } from '../hashing';
import { GlobalPosition, START, encodePosition } from '../position';
import { newEvent } from './test-db';
import { Tampering, forgeEvent, storedEvents, storedRow, tamperEvents, tryToEdit } from '../postgres/testing/stored-events';

/**
 * The behaviour every EventStore adapter owes its callers, written once and run against each
 * adapter (PostgreSQL now, KurrentDB later). Tests share one database with other files running in
 * parallel: each takes fresh stream ids and reads through a stream prefix of its own.
 *
 * Tests that reach below the port (raw transactions on es_append, the immutability triggers,
 * tampering) run only when the adapter gives them a PostgreSQL `superuser` pool and
 * `options.postgres`.
 */
export interface ContractHarness {
  store: EventStore;
  /** A pool on the same database as `store`, with a role that may do anything; null if not PostgreSQL. */
  superuser: Pool | null;
  /** Another store on the same log whose `recordedAt` comes from `now` (the test closes it). */
  storeWithClock(now: () => Date): EventStore;
  close(): Promise<void>;
}

export interface ContractOptions {
  postgres?: {
    /** The database `store` uses: tampering happens in a sibling database created on its server. */
    url: string;
    /** Applies the schema to a new database (the tamper tests' own). */
    migrate(url: string): Promise<unknown>;
    /** A store on another database. */
    storeFor(url: string, poolMax: number): EventStore;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

function expectStrictlyIncreasing(positions: GlobalPosition[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(positions[i - 1] < positions[i])) {
      throw new Error(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
    }
  }
}

async function conflictOf(p: Promise<unknown>): Promise<ConcurrencyError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConcurrencyError) return e;
    throw e;
  }
  throw new Error('expected a ConcurrencyError, the append succeeded');
}

const prefixed = (prefix: string) => `${prefix}${randomUUID()}`;
const newPrefix = (tag: string) => `ct-${tag}-${randomUUID().slice(0, 8)}-`;

/** Reads everything under a prefix from `after`, page by page. */
async function readAllUnder(store: EventStore, prefix: string, after: GlobalPosition = START, limit = 1000) {
  const events: RecordedEvent[] = [];
  let position = after;
  for (;;) {
    const page = await store.readAll({ after: position, limit, filter: { streamPrefix: prefix } });
    events.push(...page.events);
    position = page.position;
    if (page.events.length < limit) return { events, position };
  }
}

/**
 * Other files append to the same log meanwhile: `read` runs between two counts from `after` that
 * agree, so nothing was committed in between (what a reader can see only grows).
 */
async function betweenEqualCounts<T>(
  store: EventStore,
  after: GlobalPosition,
  read: () => Promise<T>,
): Promise<{ count: number; read: T }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const first = await store.countAfter(after, 1_000_000);
    const result = await read();
    if ((await store.countAfter(after, 1_000_000)) === first) return { count: first, read: result };
    await sleep(20 + attempt * 5);
  }
  throw new Error('the log never stood still for two counts in a row');
}

/** The parameters the PostgreSQL adapter sends to es_append, hashes included, for raw transactions. */
function esAppendCall(streamId: string, events: NewEvent[], expected: ExpectedVersion) {
  const recordedAt = new Date();
  const data = events.map((e) => JSON.parse(JSON.stringify(e.data)) as unknown);
  const metadata = events.map((e) => JSON.parse(JSON.stringify(e.metadata)) as unknown);
  const hashes = events.map((e, i) =>
    contentHash({
      eventId: e.eventId,
      streamId,
      type: e.type,
      schemaVersion: 1,
      data: data[i],
      metadata: metadata[i],
      occurredAt: e.occurredAt,
      recordedAt,
    }),
  );
  return {
    text: `SELECT status, stream_version, first_position::text AS first_position, pg_current_xact_id()::text AS tx_id
             FROM es_append($1, $2, $3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9, $10::bytea[])`,
    values: [
      streamId,
      expected === 'any' ? -2 : expected === 'noStream' ? -1 : expected,
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map(() => 1),
      data.map((d) => JSON.stringify(d)),
      metadata.map((m) => JSON.stringify(m)),
      events.map((e) => e.occurredAt.toISOString()),
      recordedAt.toISOString(),
      hashes,
    ],
  };
}

async function rawAppend(client: PoolClient, streamId: string, event: NewEvent): Promise<GlobalPosition> {
  const { rows } = await client.query<{ status: string; first_position: string; tx_id: string }>(esAppendCall(streamId, [event], 'any'));
  if (rows[0].status !== 'ok') throw new Error(`raw append: ${rows[0].status}`);
  return encodePosition(rows[0].tx_id, rows[0].first_position);
}

export function describeEventStoreContract(name: string, makeStore: () => Promise<ContractHarness>, options: ContractOptions = {}): void {
  describe(`EventStore contract: ${name}`, () => {
    let h: ContractHarness;
    let store: EventStore;
    beforeAll(async () => {
      h = await makeStore();
      store = h.store;
    });
    afterAll(async () => {
      await h?.close();
    });

    describe('append and readStream', () => {
      it('appends to a new stream and reads it back as written', async () => {
        const s = prefixed('ct-basic-');
        const events = [newEvent('Opened', { title: 'Chỉ thị 01', nested: { b: 2, a: [1, 'x'] } }), newEvent('Assigned', { to: 'u-1' })];
        const r = await store.append(s, events, 'noStream');
        expect(r).toMatchObject({ streamId: s, version: 2, duplicate: false });
        expect(BigInt(r.lastGlobalPosition)).toBeGreaterThan(BigInt(r.firstGlobalPosition));

        const read = await store.readStream(s);
        expect(read.map((e) => [e.eventId, e.streamId, e.version, e.type])).toEqual([
          [events[0].eventId, s, 1, 'Opened'],
          [events[1].eventId, s, 2, 'Assigned'],
        ]);
        expect(read[0].data).toEqual(events[0].data);
        expect(read[0].metadata).toEqual(events[0].metadata);
        expect(read[0].occurredAt.getTime()).toBe(events[0].occurredAt.getTime());
        expect(read[0].schemaVersion).toBe(1);
        expect(read.map((e) => e.globalPosition)).toEqual([r.firstGlobalPosition, r.lastGlobalPosition]);
        expect(r.position).toBe(read[1].position); // what a reader waits for to have read this append
        expect(read[0].prevHash).toBeNull();
        expect(read[1].prevHash).toBe(read[0].hash);
        expectStrictlyIncreasing(read.map((e) => e.position));
        expect(await store.readStream(prefixed('ct-none-'))).toEqual([]);
      });

      it("honours 'any', 'noStream' and an exact version", async () => {
        const s = prefixed('ct-expected-');
        expect((await store.append(s, [newEvent()], 'any')).version).toBe(1);
        expect((await store.append(s, [newEvent()], 'any')).version).toBe(2);
        expect((await store.append(s, [newEvent(), newEvent()], 2)).version).toBe(4);

        const noStream = await conflictOf(store.append(s, [newEvent()], 'noStream'));
        expect(noStream).toMatchObject({ streamId: s, expected: 'noStream', actual: 4 });
        const behind = await conflictOf(store.append(s, [newEvent()], 3));
        expect(behind).toMatchObject({ streamId: s, expected: 3, actual: 4 });
        const ahead = await conflictOf(store.append(s, [newEvent()], 5));
        expect(ahead).toMatchObject({ expected: 5, actual: 4 });
        expect(ahead.message).toContain(s);

        const fresh = prefixed('ct-expected-');
        const onMissing = await conflictOf(store.append(fresh, [newEvent()], 1));
        expect(onMissing).toMatchObject({ expected: 1, actual: 0 });
        expect((await store.append(fresh, [newEvent()], 'noStream')).version).toBe(1);

        expect((await store.readStream(s)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
        expect((await store.readStream(fresh)).map((e) => e.version)).toEqual([1]);
      });

      it('refuses an empty append', async () => {
        await expect(store.append(prefixed('ct-empty-'), [], 'any')).rejects.toThrow();
      });

      it('100 concurrent appends expecting the same version: exactly one wins', async () => {
        const s = prefixed('ct-race-');
        await store.append(s, [newEvent(), newEvent(), newEvent()], 'noStream');
        const contenders = Array.from({ length: 100 }, (_, i) => newEvent('Raced', { i }));
        const outcomes = await Promise.allSettled(contenders.map((e) => store.append(s, [e], 3)));

        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(99);
        for (const l of lost) {
          expect(l.reason).toBeInstanceOf(ConcurrencyError);
          expect(l.reason).toMatchObject({ expected: 3, actual: 4 });
        }
        const read = await store.readStream(s);
        expect(read.map((e) => e.version)).toEqual([1, 2, 3, 4]);
        const winner = contenders[outcomes.findIndex((o) => o.status === 'fulfilled')];
        expect(read[3].eventId).toBe(winner.eventId);
      }, 60_000);

      it("1,000 concurrent appends across 100 streams with 'any': all kept, versions 1..n, nothing twice", async () => {
        const prefix = newPrefix('many');
        const streams = Array.from({ length: 100 }, () => prefixed(prefix));
        const sent = new Map<string, string[]>(streams.map((s) => [s, []]));
        const appends = Array.from({ length: 1000 }, (_, i) => {
          const s = streams[i % streams.length];
          const events = Array.from({ length: 1 + (i % 3) }, () => newEvent('Many', { i }));
          sent.get(s)!.push(...events.map((e) => e.eventId));
          return store.append(s, events, 'any');
        });
        const results = await Promise.all(appends);
        expect(results.every((r) => !r.duplicate)).toBe(true);

        let total = 0;
        for (const s of streams) {
          const read = await store.readStream(s);
          const expected = sent.get(s)!;
          expect(read.map((e) => e.version)).toEqual(expected.map((_, i) => i + 1));
          expect(new Set(read.map((e) => e.eventId))).toEqual(new Set(expected));
          for (let i = 1; i < read.length; i++) expect(read[i].prevHash).toBe(read[i - 1].hash);
          total += read.length;
        }
        const sentTotal = [...sent.values()].reduce((n, ids) => n + ids.length, 0);
        expect(sentTotal).toBe(1999);
        expect(total).toBe(sentTotal);
        const all = await readAllUnder(store, prefix);
        expect(all.events).toHaveLength(sentTotal);
        expect(new Set(all.events.map((e) => e.eventId)).size).toBe(sentTotal);
        expectStrictlyIncreasing(all.events.map((e) => e.position));
        // The log's order keeps every stream's versions in order.
        const lastSeen = new Map<string, number>();
        for (const e of all.events) {
          expect(`${e.streamId} v${e.version}`).toBe(`${e.streamId} v${(lastSeen.get(e.streamId) ?? 0) + 1}`);
          lastSeen.set(e.streamId, e.version);
        }
        // Each append's events are contiguous in its stream, ending at the version it reported.
        results.forEach((r, i) => {
          const n = 1 + (i % 3);
          const versions = all.events
            .filter(
              (e) =>
                e.streamId === r.streamId &&
                BigInt(e.globalPosition) >= BigInt(r.firstGlobalPosition) &&
                BigInt(e.globalPosition) <= BigInt(r.lastGlobalPosition),
            )
            .map((e) => e.version);
          expect(versions).toEqual(Array.from({ length: n }, (_, k) => r.version - n + 1 + k));
        });
      }, 120_000);
    });

    describe('appendMany', () => {
      it('writes several streams all or nothing, results in the order asked', async () => {
        const [x, y, z] = [prefixed('ct-many-z'), prefixed('ct-many-a'), prefixed('ct-many-m')];
        await store.append(y, [newEvent()], 'noStream');
        const results = await store.appendMany([
          { streamId: x, events: [newEvent(), newEvent()], expected: 'noStream' },
          { streamId: y, events: [newEvent()], expected: 1 },
          { streamId: z, events: [newEvent()], expected: 'any' },
          { streamId: x, events: [newEvent()], expected: 2 },
        ]);
        expect(results.map((r) => [r.streamId, r.version])).toEqual([
          [x, 2],
          [y, 2],
          [z, 1],
          [x, 3],
        ]);

        const e = await conflictOf(
          store.appendMany([
            { streamId: z, events: [newEvent()], expected: 1 },
            { streamId: y, events: [newEvent()], expected: 1 },
          ]),
        );
        expect(e).toMatchObject({ streamId: y, expected: 1, actual: 2 });
        expect((await store.readStream(z)).map((ev) => ev.version)).toEqual([1]);
        expect(await store.appendMany([])).toEqual([]);
      });

      it('transactions over the same streams named in opposite orders do not deadlock', async () => {
        const streams = Array.from({ length: 4 }, () => prefixed('ct-cross-'));
        const jobs = Array.from({ length: 60 }, (_, i) => {
          const order = i % 2 ? [...streams].reverse() : streams;
          return store.appendMany(order.map((s) => ({ streamId: s, events: [newEvent()], expected: 'any' as const })));
        });
        await Promise.all(jobs);
        for (const s of streams)
          expect((await store.readStream(s)).map((e) => e.version)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      }, 60_000);
    });

    describe('idempotency', () => {
      it('the same event ids twice: one copy, and the second call says duplicate with the same result', async () => {
        const s = prefixed('ct-idem-');
        await store.append(s, [newEvent()], 'noStream');
        const batch = [newEvent('Idem', { a: 1 }), newEvent('Idem', { a: 2 })];
        const first = await store.append(s, batch, 1);
        const again = await store.append(s, batch, 1);
        expect(first.duplicate).toBe(false);
        expect(again).toEqual({ ...first, duplicate: true });
        const againAny = await store.append(s, batch, 'any');
        expect(againAny).toEqual({ ...first, duplicate: true });
        expect((await store.readStream(s)).map((e) => e.eventId)).toEqual([expect.any(String), batch[0].eventId, batch[1].eventId]);
      });

      it('concurrent retries of one append write it once', async () => {
        const s = prefixed('ct-idem-');
        const batch = [newEvent(), newEvent(), newEvent()];
        const results = await Promise.all(Array.from({ length: 20 }, () => store.append(s, batch, 'noStream')));
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        for (const r of results) expect({ ...r, duplicate: false }).toEqual({ ...results[0], duplicate: false });
        expect((await store.readStream(s)).map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId));
      });
    });

    describe('reading', () => {
      it('readStream from a version, and as known at an instant', async () => {
        const s = prefixed('ct-known-');
        await store.append(s, [newEvent(), newEvent()], 'noStream');
        await sleep(15);
        const between = new Date();
        await sleep(15);
        await store.append(s, [newEvent(), newEvent()], 2);

        expect((await store.readStream(s, { fromVersion: 2 })).map((e) => e.version)).toEqual([2, 3, 4]);
        expect((await store.readStream(s, { fromVersion: 5 })).map((e) => e.version)).toEqual([]);
        const known = await store.readStream(s, { knownAt: between });
        expect(known.map((e) => e.version)).toEqual([1, 2]);
        for (const e of known) expect(e.recordedAt.getTime()).toBeLessThanOrEqual(between.getTime());
        expect((await store.readStream(s, { knownAt: between, fromVersion: 2 })).map((e) => e.version)).toEqual([2]);
        expect(await store.readStream(s, { knownAt: new Date(Date.now() - 3_600_000) })).toEqual([]);
      });

      it('readAll pages with after and limit, filters by type and stream prefix, in increasing positions', async () => {
        const before = await store.headPosition();
        const prefix = newPrefix('page');
        const other = newPrefix('page');
        const a = prefixed(prefix);
        const b = prefixed(prefix);
        const c = prefixed(other);
        const written: string[] = [];
        for (let i = 0; i < 5; i++) {
          for (const [s, type] of [
            [a, i % 2 ? 'Odd' : 'Even'],
            [b, 'Other'],
            [c, 'Even'],
          ] as const) {
            const e = newEvent(type, { i });
            await store.append(s, [e], 'any');
            if (s !== c) written.push(e.eventId);
          }
        }

        // Pages of 3 under the prefix: the same events in the same order as one big read.
        const pages: RecordedEvent[][] = [];
        let position = before;
        for (;;) {
          const page = await store.readAll({ after: position, limit: 3, filter: { streamPrefix: prefix } });
          if (page.events.length === 0) {
            expect(page.position).toBe(position);
            break;
          }
          expect(page.events.length).toBeLessThanOrEqual(3);
          expect(page.position).toBe(page.events[page.events.length - 1].position);
          pages.push(page.events);
          position = page.position;
        }
        const paged = pages.flat();
        expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true);
        expect(paged.map((e) => e.eventId)).toEqual(written);
        expectStrictlyIncreasing(paged.map((e) => e.position));

        const odd = await store.readAll({ after: before, filter: { types: ['Odd'], streamPrefix: prefix } });
        expect(odd.events.map((e) => [e.streamId, e.type])).toEqual([
          [a, 'Odd'],
          [a, 'Odd'],
        ]);
        const evenAnywhere = await store.readAll({ after: before, filter: { types: ['Even', 'Nope'], streamPrefix: 'ct-page-' } });
        const mine = evenAnywhere.events.filter((e) => e.streamId === a || e.streamId === c);
        expect(mine.map((e) => e.streamId)).toEqual([a, c, c, a, c, c, a, c]);
        expect(evenAnywhere.events.every((e) => e.type === 'Even' && e.streamId.startsWith('ct-page-'))).toBe(true);

        // Unfiltered, from the same place: ours appear in the same order, everything increasing.
        const unfiltered = await store.readAll({ after: before, limit: 100_000 });
        expectStrictlyIncreasing(unfiltered.events.map((e) => e.position));
        expect(unfiltered.events.filter((e) => e.streamId.startsWith(prefix)).map((e) => e.eventId)).toEqual(written);
        expect(unfiltered.events.every((e) => e.position > before)).toBe(true);

        // headPosition: a reader reading from it finds none of what was committed before it.
        const head = await store.headPosition();
        expect(head >= paged[paged.length - 1].position).toBe(true);
        expect((await store.readAll({ after: head, filter: { streamPrefix: prefix } })).events).toEqual([]);
      });

      it('a subscription delivers what is appended after it starts, from a position, with its filter', async () => {
        const prefix = newPrefix('sub');
        const s = prefixed(prefix);
        await store.append(s, [newEvent('Before')], 'noStream');
        const from = (await readAllUnder(store, prefix)).position;
        const seen: RecordedEvent[] = [];
        const sub = store.subscribe({ from, filter: { streamPrefix: prefix }, handler: async (events) => void seen.push(...events) });
        try {
          await store.append(s, [newEvent('After1')], 1);
          await store.append(prefixed(prefix), [newEvent('After2')], 'noStream');
          await until('the subscription to see 2 events', 10_000, () => (seen.length >= 2 ? true : undefined));
        } finally {
          await sub.stop();
        }
        expect(seen.map((e) => e.type)).toEqual(['After1', 'After2']);
      });

      it('readAll as known at an instant: events recorded later are left out; pages and filters still apply', async () => {
        let now = new Date('2001-03-01T08:00:00.000Z');
        const timed = h.storeWithClock(() => now);
        try {
          const prefix = newPrefix('knownall');
          const before = await store.headPosition();
          const [a, b] = [prefixed(prefix), prefixed(prefix)];
          const early = [newEvent('Early'), newEvent('Early'), newEvent('Early')];
          await timed.append(a, early.slice(0, 2), 'noStream');
          const cut = new Date(now);
          await timed.append(b, [early[2]], 'noStream'); // recorded exactly at the instant: known
          now = new Date(cut.getTime() + 1);
          const late = [newEvent('Late'), newEvent('Late')];
          await timed.append(a, [late[0]], 2);
          now = new Date(cut.getTime() + 3_600_000);
          await timed.append(b, [late[1]], 1);

          const read = async (knownAt: Date | undefined, limit: number, types?: string[]) => {
            const events: RecordedEvent[] = [];
            let position = before;
            for (;;) {
              const page = await store.readAll({ after: position, limit, knownAt, filter: { streamPrefix: prefix, types } });
              if (page.events.length === 0) {
                expect(page.position).toBe(position);
                return events;
              }
              expect(page.events.length).toBeLessThanOrEqual(limit);
              events.push(...page.events);
              position = page.position;
            }
          };
          const everything = await read(undefined, 100);
          expect(everything.map((e) => e.eventId)).toEqual([...early, ...late].map((e) => e.eventId));
          for (const limit of [1, 2, 100]) {
            const known = await read(cut, limit);
            expect(known.map((e) => e.eventId)).toEqual(early.map((e) => e.eventId));
            expect(known).toEqual(everything.slice(0, 3)); // the same events, as readAll gives them
          }
          for (const e of await read(cut, 100)) expect(e.recordedAt.getTime()).toBeLessThanOrEqual(cut.getTime());
          expect((await read(new Date(cut.getTime() + 1), 100)).map((e) => e.eventId)).toEqual([...early, late[0]].map((e) => e.eventId));
          expect(await read(cut, 100, ['Late'])).toEqual([]);
          expect(await read(new Date(cut.getTime() - 1), 100)).toEqual([]);
          expect((await read(new Date(), 100, ['Late'])).map((e) => e.eventId)).toEqual(late.map((e) => e.eventId));
        } finally {
          await timed.close();
        }
      });

      it('readStreams: the streams in the order asked, each in version order, as known at an instant', async () => {
        let now = new Date('2001-04-01T08:00:00.000Z');
        const timed = h.storeWithClock(() => now);
        try {
          const [a, b, c] = [prefixed('ct-streams-'), prefixed('ct-streams-'), prefixed('ct-streams-')];
          await timed.append(a, [newEvent(), newEvent()], 'noStream');
          await timed.append(b, [newEvent()], 'noStream');
          const cut = new Date(now);
          now = new Date(cut.getTime() + 60_000);
          await timed.append(a, [newEvent()], 2);
          await timed.append(c, [newEvent()], 'noStream');

          const asked = [c, a, prefixed('ct-none-'), b, a];
          const all = await store.readStreams(asked);
          expect(all.map((e) => [e.streamId, e.version])).toEqual([
            [c, 1],
            [a, 1],
            [a, 2],
            [a, 3],
            [b, 1],
          ]);
          expect(all).toEqual([...(await store.readStream(c)), ...(await store.readStream(a)), ...(await store.readStream(b))]);
          const known = await store.readStreams(asked, { knownAt: cut });
          expect(known.map((e) => [e.streamId, e.version])).toEqual([
            [a, 1],
            [a, 2],
            [b, 1],
          ]);
          expect(known).toEqual([...(await store.readStream(a, { knownAt: cut })), ...(await store.readStream(b, { knownAt: cut }))]);
          expect(await store.readStreams([])).toEqual([]);
          expect(await store.readStreams([c], { knownAt: new Date(cut.getTime() - 1) })).toEqual([]);
        } finally {
          await timed.close();
        }
      });
    });

    describe('countAfter', () => {
      it('counts, up to the cap, what a reader from a position has still to read', async () => {
        const prefix = newPrefix('count');
        const before = await store.headPosition();
        const s = prefixed(prefix);
        await store.append(s, [newEvent(), newEvent(), newEvent(), newEvent(), newEvent()], 'noStream');
        const mine = (await readAllUnder(store, prefix, before)).events;
        expect(mine).toHaveLength(5);

        // At least these five follow `before` (and three the second of them): a smaller cap is the count.
        expect(await store.countAfter(before, 3)).toBe(3);
        expect(await store.countAfter(before, 5)).toBe(5);
        expect(await store.countAfter(mine[1].position, 3)).toBe(3);
        expect(await store.countAfter(before, 0)).toBe(0);

        // Uncapped: what readAll without a filter gives from there, these five among them.
        const readCount = async (after: GlobalPosition) => (await store.readAll({ after, limit: 1_000_000 })).events;
        const fromBefore = await betweenEqualCounts(store, before, () => readCount(before));
        expect(fromBefore.count).toBe(fromBefore.read.length);
        expect(fromBefore.count).toBeGreaterThanOrEqual(5);
        expect(fromBefore.read.filter((e) => e.streamId === s).map((e) => e.eventId)).toEqual(mine.map((e) => e.eventId));
        const fromSecond = await betweenEqualCounts(store, mine[1].position, () => readCount(mine[1].position));
        expect(fromSecond.count).toBe(fromSecond.read.length);
        expect(fromSecond.count).toBeGreaterThanOrEqual(3);
      });

      it('is 0 at the head', async () => {
        await store.append(prefixed('ct-count-'), [newEvent()], 'noStream');
        // The head read twice with the same answer: nothing was committed in between, so nothing is left after it.
        for (let attempt = 0; ; attempt++) {
          const head = await store.headPosition();
          const n = await store.countAfter(head, 1_000);
          if ((await store.headPosition()) === head) {
            expect(n).toBe(0);
            break;
          }
          if (attempt > 100) throw new Error('the log never stood still');
          await sleep(20);
        }
      });
    });

    describe('gap safety', () => {
      const needsPostgres = options.postgres ? it : it.skip;

      needsPostgres(
        'a reader does not pass a transaction still open, even when a later one committed first',
        async () => {
          const su = h.superuser!;
          const prefix = newPrefix('gap');
          const before = await store.headPosition();
          const seen: RecordedEvent[] = [];
          const sub = store.subscribe({
            from: before,
            filter: { streamPrefix: prefix },
            handler: async (events) => void seen.push(...events),
          });
          const ta = await su.connect();
          const tb = await su.connect();
          try {
            const ea = newEvent('A');
            const eb = newEvent('B');
            await ta.query('BEGIN');
            const posA = await rawAppend(ta, prefixed(prefix), ea);
            await tb.query('BEGIN');
            const posB = await rawAppend(tb, prefixed(prefix), eb);
            expect(posB > posA).toBe(true);
            await tb.query('COMMIT');

            // B is committed and A is not: no reader may see B, or reach past A's position.
            for (let i = 0; i < 5; i++) {
              const r = await store.readAll({ after: before, filter: { streamPrefix: prefix } });
              expect(r.events).toEqual([]);
              expect(r.position < posA).toBe(true);
              const all = await store.readAll({ after: before, limit: 100_000 });
              expect(all.events.every((e) => e.position < posA)).toBe(true);
              expect(all.position < posA).toBe(true);
              expect((await store.headPosition()) < posA).toBe(true);
              await sleep(100);
            }
            expect(seen).toEqual([]);

            await ta.query('COMMIT');
            const after = await until('A and B to be readable', 15_000, async () => {
              const r = await store.readAll({ after: before, filter: { streamPrefix: prefix } });
              return r.events.length >= 2 ? r : undefined;
            });
            expect(after.events.map((e) => e.eventId)).toEqual([ea.eventId, eb.eventId]);
            expect(after.events.map((e) => e.position)).toEqual([posA, posB]);
            await until('the subscription to see A and B', 15_000, () => (seen.length >= 2 ? true : undefined));
            expect(seen.map((e) => e.eventId)).toEqual([ea.eventId, eb.eventId]);
          } finally {
            await ta.query('ROLLBACK').catch(() => undefined);
            await tb.query('ROLLBACK').catch(() => undefined);
            ta.release();
            tb.release();
            await sub.stop();
          }
        },
        60_000,
      );

      needsPostgres(
        'an older transaction that appends later is still read after a reader has moved on',
        async () => {
          const su = h.superuser!;
          const prefix = newPrefix('gap');
          const before = await store.headPosition();
          const ta = await su.connect();
          const tb = await su.connect();
          try {
            const ea = newEvent('A');
            const eb = newEvent('B');
            // B's transaction starts first (older id), A appends and holds, B appends after A and commits.
            const sb = prefixed(prefix);
            await tb.query('BEGIN');
            await tb.query('SELECT es_lock_streams($1::text[])', [[sb]]);
            await tb.query('SELECT pg_current_xact_id()');
            await ta.query('BEGIN');
            const posA = await rawAppend(ta, prefixed(prefix), ea);
            const posB = await rawAppend(tb, sb, eb);
            await tb.query('COMMIT');
            // In log order B comes first (its transaction is older), though its number is higher.
            expect(posB < posA).toBe(true);

            const seen: RecordedEvent[] = [];
            let position = before;
            const readOnce = async () => {
              const r = await store.readAll({ after: position, filter: { streamPrefix: prefix } });
              seen.push(...r.events);
              position = r.position;
            };
            for (let i = 0; i < 5; i++) {
              await readOnce();
              expect(seen.map((e) => e.eventId)).not.toContain(ea.eventId);
              expect(position < posA).toBe(true);
              await sleep(50);
            }
            await ta.query('COMMIT');
            await until('both events', 15_000, async () => {
              await readOnce();
              return seen.length >= 2 ? true : undefined;
            });
            expect(seen.map((e) => e.eventId)).toEqual([eb.eventId, ea.eventId]);
            expectStrictlyIncreasing(seen.map((e) => e.position));
          } finally {
            await ta.query('ROLLBACK').catch(() => undefined);
            await tb.query('ROLLBACK').catch(() => undefined);
            ta.release();
            tb.release();
          }
        },
        60_000,
      );

      needsPostgres('es_append refuses a stream not locked before the transaction wrote (the log order depends on it)', async () => {
        const c = await h.superuser!.connect();
        try {
          const [s1, s2] = [prefixed('ct-lock-'), prefixed('ct-lock-')];
          await c.query('BEGIN');
          await rawAppend(c, s1, newEvent());
          await rawAppend(c, s1, newEvent()); // its own lock, taken in time
          await expect(rawAppend(c, s2, newEvent())).rejects.toThrow(/not locked/);
          await c.query('ROLLBACK');

          await c.query('BEGIN');
          await c.query('SELECT es_lock_streams($1::text[])', [[s1, s2]]);
          await rawAppend(c, s2, newEvent());
          await rawAppend(c, s1, newEvent());
          await expect(c.query('SELECT es_lock_streams($1::text[])', [[prefixed('ct-lock-')]])).rejects.toThrow(
            /before the transaction writes/,
          );
          await c.query('ROLLBACK');
        } finally {
          await c.query('ROLLBACK').catch(() => undefined);
          c.release();
        }
      });

      needsPostgres(
        'reads in log order across a change in the number of digits of transaction ids',
        async () => {
          // Burn transaction ids (cheaply: no flush) up to just below the next power of ten, then
          // append across it: '999' sorts after '1000' as text, a numeric order must not.
          const su = h.superuser!;
          const now = BigInt((await su.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0].x);
          let boundary = 10n;
          while (boundary <= now + 20n) boundary *= 10n;
          const burner = await su.connect();
          try {
            await burner.query('SET synchronous_commit = off');
            const burnTo = async (target: bigint) => {
              for (;;) {
                const x = BigInt((await burner.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0].x);
                if (x >= target) return;
                const n = Number(target - x < 2000n ? target - x : 2000n);
                await burner.query('BEGIN; SELECT pg_current_xact_id(); COMMIT; '.repeat(n));
              }
            };
            if (boundary - now > 300_000n) {
              console.warn(`transaction ids at ${now}: too far from ${boundary} to cross here`);
            } else {
              await burnTo(boundary - 15n);
            }
          } finally {
            burner.release();
          }
          const prefix = newPrefix('digits');
          const before = await store.headPosition();
          const s = prefixed(prefix);
          for (let i = 0; i < 30; i++) await store.append(s, [newEvent('D', { i })], i);
          const read: RecordedEvent[] = [];
          let position = before;
          for (;;) {
            const page = await store.readAll({ after: position, limit: 4, filter: { streamPrefix: prefix } });
            if (page.events.length === 0) break;
            read.push(...page.events);
            position = page.position;
          }
          expect(read.map((e) => e.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
          expect((await store.headPosition()) >= read[29].position).toBe(true);
        },
        120_000,
      );

      it('16 concurrent writers, 20,000 events: a subscription sees each exactly once, in a consistent order', async () => {
        const prefix = newPrefix('storm');
        const streams = Array.from({ length: 48 }, () => prefixed(prefix));
        const TOTAL = 20_000;
        const WRITERS = 16;

        const seen = new Map<string, RecordedEvent>();
        const problems: string[] = [];
        let last: GlobalPosition = START;
        const lastVersion = new Map<string, number>();
        const sub = store.subscribe({
          from: await store.headPosition(),
          batchSize: 700,
          filter: { streamPrefix: prefix },
          handler: async (events) => {
            for (const e of events) {
              if (seen.has(e.eventId)) problems.push(`seen twice: ${e.eventId}`);
              if (!(e.position > last)) problems.push(`position went back: ${last} then ${e.position}`);
              const v = lastVersion.get(e.streamId) ?? 0;
              if (e.version !== v + 1) problems.push(`${e.streamId}: version ${e.version} after ${v}`);
              lastVersion.set(e.streamId, e.version);
              last = e.position;
              seen.set(e.eventId, e);
            }
          },
          onError: (e) => problems.push(`subscription error: ${String(e)}`),
        });

        const written = new Set<string>();
        let budget = TOTAL;
        const take = (n: number) => {
          const k = Math.min(n, budget);
          budget -= k;
          return k;
        };
        const writer = async (w: number) => {
          for (let round = 0; ; round++) {
            const n = take(1 + ((w + round) % 5));
            if (n === 0) return;
            if (round % 7 === 3 && n >= 2) {
              // A two-stream transaction: holds its first position while it makes its second call.
              const s1 = streams[(w * 7 + round) % streams.length];
              const s2 = streams[(w * 11 + round * 3 + 1) % streams.length];
              const e1 = Array.from({ length: 1 }, () => newEvent('Storm', { w, round }));
              const e2 = Array.from({ length: n - 1 }, () => newEvent('Storm', { w, round }));
              if (s1 === s2) e1.push(...e2.splice(0));
              await store.appendMany(
                e2.length
                  ? [
                      { streamId: s1, events: e1, expected: 'any' },
                      { streamId: s2, events: e2, expected: 'any' },
                    ]
                  : [{ streamId: s1, events: e1, expected: 'any' }],
              );
              for (const e of [...e1, ...e2]) written.add(e.eventId);
            } else {
              const events = Array.from({ length: n }, () => newEvent('Storm', { w, round }));
              await store.append(streams[(w * 13 + round * 5) % streams.length], events, 'any');
              for (const e of events) written.add(e.eventId);
            }
          }
        };
        try {
          await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
          expect(written.size).toBe(TOTAL);
          await until(`the subscription to see ${TOTAL} events`, 60_000, () =>
            seen.size >= TOTAL || problems.length > 0 ? true : undefined,
          );
          await sleep(300); // anything delivered twice late would show now
        } finally {
          await sub.stop();
        }
        expect(problems.slice(0, 10)).toEqual([]);
        expect(seen.size).toBe(TOTAL);
        for (const id of written) if (!seen.has(id)) throw new Error(`never delivered: ${id}`);
        for (const s of streams) expect(lastVersion.get(s)).toBe((await store.readStream(s)).length);
      }, 180_000);
    });

    if (options.postgres) describePostgresInternals(() => h, options.postgres);
  });
}

/** Below the port: the triggers and the hash chain, tampered with in a database of the test's own. */
function describePostgresInternals(harness: () => ContractHarness, pg: NonNullable<ContractOptions['postgres']>): void {
  describe('PostgreSQL: immutability and tamper evidence (in a private database)', () => {
    let admin: Pool;
    let dbName: string;
    let url: string;
    let store: EventStore;
    let su: Pool;

    beforeAll(async () => {
      admin = harness().superuser!;
      // Named after the run when there is one, so that the global teardown drops it if we cannot.
      const run = process.env.DONDOC_TEST_RUN ? `t${process.env.DONDOC_TEST_RUN}_` : '';
      dbName = `dondoc_tamper_${run}${randomUUID().replace(/-/g, '').slice(0, 12)}`.toLowerCase();
      await admin.query(`CREATE DATABASE ${dbName}`);
      const u = new URL(pg.url);
      u.pathname = `/${dbName}`;
      url = u.toString();
      await pg.migrate(url);
      store = pg.storeFor(url, 20);
      su = new Pool({ connectionString: url, max: 4 });
      su.on('error', () => undefined); // DROP DATABASE ... FORCE below can beat pg-pool's own close
    }, 60_000);

    afterAll(async () => {
      await store?.close();
      await su?.end();
      if (dbName) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    }, 60_000);

    const tamper = (...changes: Tampering[]) => tamperEvents(su, ...changes);

    const row = (streamId: string, version: number) => storedRow(su, streamId, version);

    /** Three interleaved streams of five events: the tampered one is never first or last in the log. */
    async function fixture(): Promise<{ streams: string[]; from: string; to: string }> {
      const streams = [prefixed('tamper-'), prefixed('tamper-'), prefixed('tamper-')];
      let from = '';
      let to = '';
      for (let v = 0; v < 5; v++) {
        for (const s of streams) {
          const r = await store.append(s, [newEvent('T', { s, v, note: `event ${v}` })], v === 0 ? 'noStream' : v);
          from ||= r.firstGlobalPosition;
          to = r.lastGlobalPosition;
        }
      }
      expect(await store.verify()).toMatchObject({ ok: true });
      return { streams, from, to };
    }

    it('the test role is a superuser, and still cannot UPDATE, DELETE or TRUNCATE events', async () => {
      expect((await su.query<{ is_superuser: string }>('SHOW is_superuser')).rows[0].is_superuser).toBe('on');
      const { streams } = await fixture();
      const target = await row(streams[1], 2);
      await expect(tryToEdit(su, 'UPDATE', target.position)).rejects.toThrow(/append-only.*UPDATE/);
      await expect(tryToEdit(su, 'DELETE', target.position)).rejects.toThrow(/append-only.*DELETE/);
      await expect(tryToEdit(su, 'TRUNCATE', target.position)).rejects.toThrow(/append-only.*TRUNCATE/);
      await expect(tryToEdit(su, 'TRUNCATE CASCADE', target.position)).rejects.toThrow(/append-only/);
      expect(await row(streams[1], 2)).toEqual(target);
      expect((await store.readStream(streams[1])).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it('edited data is named: position, stream and version', async () => {
      const { streams, from, to } = await fixture();
      const t = await row(streams[1], 3);
      await tamper({ setData: '{note}', value: 'edited', position: t.position });
      const named = { position: t.position, stream: streams[1], version: 3 };
      expect((await store.verify()).firstMismatch).toMatchObject(named);
      expect((await store.verify({ fromPosition: from, toPosition: to })).firstMismatch).toMatchObject(named);
      expect((await store.verify({ fromPosition: t.position, toPosition: t.position })).firstMismatch).toMatchObject(named);
      // A range that ends before it does not see it.
      expect((await store.verify({ fromPosition: from, toPosition: String(BigInt(t.position) - 1n) })).ok).toBe(true);
      await tamper({ set: { data: t.data }, position: t.position });
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it('edited metadata is named', async () => {
      const { streams } = await fixture();
      const t = await row(streams[0], 4);
      await tamper({ setMetadata: '{actor,userId}', value: 'someone-else', position: t.position });
      expect((await store.verify()).firstMismatch).toMatchObject({ position: t.position, stream: streams[0], version: 4 });
      await tamper({ set: { metadata: t.metadata }, position: t.position });
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it('an event deleted from the middle of a stream: the next one is named', async () => {
      const { streams, from, to } = await fixture();
      const gone = { rows: (await storedEvents(su, { streamId: streams[2] })).filter((r) => r.version === 3) };
      const next = await row(streams[2], 4);
      await tamper({ delete: [gone.rows[0].position] });
      const named = { position: next.position, stream: streams[2], version: 4 };
      expect((await store.verify()).firstMismatch).toMatchObject(named);
      expect((await store.verify({ fromPosition: from, toPosition: to })).firstMismatch).toMatchObject(named);
      // Starting the range right at the hole: the missing predecessor is noticed too.
      const fromHole = await store.verify({ fromPosition: String(gone.rows[0].position), toPosition: to });
      expect(fromHole.firstMismatch).toMatchObject(named);
      expect(fromHole.firstMismatch!.reason).toMatch(/previous event/);

      await tamper({ restore: gone.rows });
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it('an event forged at the end of a stream with a valid chain, head not moved: found', async () => {
      const { streams } = await fixture();
      const s = streams[1];
      const last = (await store.readStream(s)).at(-1)!;
      const recordedAt = new Date();
      const forged = newEvent('Forged', { approved: true });
      const content = contentHash({
        eventId: forged.eventId,
        streamId: s,
        type: forged.type,
        schemaVersion: 1,
        data: forged.data,
        metadata: forged.metadata,
        occurredAt: forged.occurredAt,
        recordedAt,
      });
      const prev = Buffer.from(last.hash, 'hex');
      const hash = chainHash(prev, s, 6, content);
      // INSERT needs no trigger bypass: the log takes inserts, only es_append keeps es_streams in step.
      const forgedAt = await forgeEvent(su, {
        event_id: forged.eventId,
        stream_id: s,
        version: 6,
        type: forged.type,
        schema_version: 1,
        data: forged.data,
        metadata: forged.metadata,
        occurred_at: forged.occurredAt,
        recorded_at: recordedAt,
        content_hash: content,
        prev_hash: prev,
        hash,
      });
      const rows = [{ position: forgedAt }];
      // Every event chains correctly: only the stream head check can see it.
      const r = await store.verify();
      expect(r.ok).toBe(false);
      expect(r.firstMismatch).toMatchObject({ position: rows[0].position, stream: s });
      expect(r.firstMismatch!.reason).toMatch(/head/);

      await tamper({ delete: [rows[0].position] });
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it("two events' data swapped: found, at the first of them", async () => {
      const { streams, from, to } = await fixture();
      const x = await row(streams[0], 2);
      const y = await row(streams[0], 4);
      await tamper({ set: { data: y.data }, position: x.position }, { set: { data: x.data }, position: y.position });
      const named = { position: x.position, stream: streams[0], version: 2 };
      expect((await store.verify()).firstMismatch).toMatchObject(named);
      expect((await store.verify({ fromPosition: from, toPosition: to })).firstMismatch).toMatchObject(named);
      expect((await store.verify({ fromPosition: String(BigInt(x.position) + 1n), toPosition: to })).firstMismatch).toMatchObject({
        position: y.position,
        version: 4,
      });
      await tamper({ set: { data: x.data }, position: x.position }, { set: { data: y.data }, position: y.position });
      expect(await store.verify()).toMatchObject({ ok: true });
    });

    it('verify while writers append: no false alarm', async () => {
      const streams = Array.from({ length: 8 }, () => prefixed('live-'));
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) await store.append(streams[(w + i) % streams.length], [newEvent(), newEvent()], 'any');
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      try {
        for (let i = 0; i < 10; i++) {
          const r = await store.verify();
          expect(r.firstMismatch).toBeUndefined();
        }
      } finally {
        stop = true;
        await Promise.all(writers);
      }
      expect(await store.verify()).toMatchObject({ ok: true });
    }, 60_000);
  });
}
