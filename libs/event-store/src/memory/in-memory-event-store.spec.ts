import { chainHash, contentHash } from '../hashing';
import { START } from '../position';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { freshStream, newEvent } from '../testing/test-db';
import { InMemoryEventStore } from './in-memory-event-store';

// The contract every adapter passes (testing/event-store-contract.ts). Not run here, as under
// KurrentDB: the cases below the port that need PostgreSQL itself (open transactions a reader must
// not pass, es_lock_streams, transaction ids changing digits, the triggers, tampering through SQL),
// which the suite runs only when given a superuser pool and `options.postgres`. This log has no
// transactions to stay behind; its tampering is tested below, on the log itself.
describeEventStoreContract('in memory', async () => {
  const store = new InMemoryEventStore({ pollIntervalMs: 50 });
  return { store, superuser: null, storeWithClock: (now) => store.withClock(now), close: () => store.close() };
});

describe('InMemoryEventStore', () => {
  it('records recordedAt from its clock, and hashes as the PostgreSQL adapter does', async () => {
    const at = new Date('2026-05-04T03:02:01.000Z');
    const store = new InMemoryEventStore({ now: () => at });
    const s = freshStream();
    const sent = [newEvent('Opened', { b: 1, a: { d: [1, 'x'], c: null } }, new Date('2026-05-01T00:00:00.000Z')), newEvent('Closed')];
    await store.append(s, sent, 'noStream');

    const read = await store.readStream(s);
    expect(read.map((e) => e.recordedAt)).toEqual([at, at]);
    let prev: Buffer | null = null;
    for (const e of read) {
      const content = contentHash({ ...e, schemaVersion: 1 });
      const hash = chainHash(prev, s, e.version, content);
      expect(e.hash).toBe(hash.toString('hex'));
      expect(e.prevHash).toBe(prev?.toString('hex') ?? null);
      prev = hash;
    }
    expect(await store.verify()).toEqual({ ok: true, checked: 2 });
  });

  it('keeps what was appended, whatever the caller does to its objects afterwards', async () => {
    const store = new InMemoryEventStore();
    const s = freshStream();
    const e = newEvent('Opened', { title: 'Kế hoạch', when: new Date('2026-01-02T00:00:00.000Z') });
    await store.append(s, [e], 'noStream');
    (e.data as { title: string }).title = 'changed';
    const [first] = await store.readStream(s);
    (first.data as { title: string }).title = 'changed too';
    // As jsonb gives it back: the Date as its ISO text.
    expect((await store.readStream(s))[0].data).toEqual({ title: 'Kế hoạch', when: '2026-01-02T00:00:00.000Z' });
  });

  it('a store on the same log with its own clock: both see every event, closing one leaves the other', async () => {
    const store = new InMemoryEventStore();
    const other = store.withClock(() => new Date('2001-01-01T00:00:00.000Z'));
    const s = freshStream();
    await other.append(s, [newEvent()], 'noStream');
    await store.append(s, [newEvent()], 1);
    await other.close();
    await expect(other.readStream(s)).rejects.toThrow(/closed/);
    expect((await store.readStream(s)).map((e) => e.recordedAt.getFullYear() === 2001)).toEqual([true, false]);
  });

  it('subscription: stop() resolves once the batch in flight is handled, and nothing comes after', async () => {
    const store = new InMemoryEventStore();
    const s = freshStream();
    await store.append(s, [newEvent(), newEvent(), newEvent()], 'noStream');
    let release!: () => void;
    const handled: number[] = [];
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    const sub = store.subscribe({
      from: START,
      batchSize: 2,
      handler: async (events) => {
        started();
        await new Promise<void>((r) => (release = r));
        handled.push(...events.map((e) => e.version));
      },
    });
    await inFlight;
    let stopped = false;
    const stopping = sub.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(handled).toEqual([1, 2]);
    await store.append(s, [newEvent()], 3);
    await new Promise((r) => setTimeout(r, 20));
    expect(handled).toEqual([1, 2]);
  });

  it('a failing handler is told through onError and given the same batch again', async () => {
    const store = new InMemoryEventStore({ pollIntervalMs: 5 });
    const s = freshStream();
    await store.append(s, [newEvent(), newEvent()], 'noStream');
    const errors: unknown[] = [];
    const seen: number[][] = [];
    const sub = store.subscribe({
      handler: async (events) => {
        seen.push(events.map((e) => e.version));
        if (seen.length === 1) throw new Error('projector down');
      },
      onError: (e) => errors.push(e),
    });
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
    await sub.stop();
    expect(seen).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(errors).toEqual([new Error('projector down')]);
  });

  describe('verify names the damage done to the log', () => {
    /** Three interleaved streams of four events. */
    async function fixture() {
      const store = new InMemoryEventStore();
      const streams = [freshStream('t'), freshStream('t'), freshStream('t')];
      for (let v = 0; v < 4; v++) for (const s of streams) await store.append(s, [newEvent('T', { v })], v === 0 ? 'noStream' : v);
      expect(await store.verify()).toEqual({ ok: true, checked: 12 });
      const stored = (s: string, version: number) => store.log.events.find((e) => e.streamId === s && e.version === version)!;
      return { store, streams, stored };
    }

    it('edited data: its position, stream and version', async () => {
      const { store, streams, stored } = await fixture();
      const t = stored(streams[1], 3);
      const data = t.data;
      t.data = '{"v":99}';
      const named = { position: String(t.number), stream: streams[1], version: 3, reason: 'content does not match its hash' };
      expect((await store.verify()).firstMismatch).toEqual(named);
      expect((await store.verify({ fromPosition: String(t.number), toPosition: String(t.number) })).firstMismatch).toEqual(named);
      expect((await store.verify({ toPosition: String(t.number - 1n) })).ok).toBe(true);
      t.data = data;
      expect((await store.verify()).ok).toBe(true);
    });

    it('an event deleted from the middle of a stream: the next one is named', async () => {
      const { store, streams, stored } = await fixture();
      const gone = stored(streams[2], 2);
      store.log.events.splice(store.log.events.indexOf(gone), 1);
      const next = stored(streams[2], 3);
      expect((await store.verify()).firstMismatch).toMatchObject({ position: String(next.number), stream: streams[2], version: 3 });
      const fromHole = await store.verify({ fromPosition: String(gone.number) });
      expect(fromHole.firstMismatch).toMatchObject({ version: 3, reason: 'the previous event of the stream is missing' });
    });

    it('the last event of a stream removed, head not moved: the stream head check finds it', async () => {
      const { store, streams, stored } = await fixture();
      store.log.events.splice(store.log.events.indexOf(stored(streams[0], 4)), 1);
      const r = await store.verify();
      expect(r.ok).toBe(false);
      expect(r.firstMismatch).toMatchObject({ stream: streams[0], version: 3 });
      expect(r.firstMismatch!.reason).toMatch(/head/);
    });
  });
});
