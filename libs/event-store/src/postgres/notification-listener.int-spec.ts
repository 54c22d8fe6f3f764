import { Pool } from 'pg';
import { RecordedEvent } from '../event-store.port';
import { freshStream, newEvent, testPool } from '../testing/test-db';
import { PostgresEventStore } from './postgres-event-store';

const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 10_000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - started;
};

/**
 * Issue 13 item 1: the LISTEN connection is ended by the server (pg_terminate_backend sends the
 * same 57P01 admin_shutdown as a restart). The subscriber listens again and is woken by the next
 * append of another process, with no polling to fall back on.
 */
describe('PostgresEventStore subscription: the LISTEN connection lost (PostgreSQL)', () => {
  let subscriberPool: Pool;
  let writerPool: Pool;
  let admin: Pool;

  beforeAll(() => {
    subscriberPool = testPool(4);
    writerPool = testPool(4);
    admin = testPool(2);
  });
  afterAll(async () => {
    await Promise.all([subscriberPool.end(), writerPool.end(), admin.end()]);
  });

  const listenPids = async () =>
    (
      await admin.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'dondoc-listen' AND query LIKE 'LISTEN %'`,
      )
    ).rows.map((r) => r.pid);

  it('reconnects after its backend is terminated and still wakes on another process’s append', async () => {
    const before = new Set(await listenPids());
    // Polling only once a minute: only a notification can wake this subscriber in time.
    const subscriber = new PostgresEventStore(subscriberPool, { pollIntervalMs: 60_000 });
    const writer = new PostgresEventStore(writerPool); // another process, as far as NOTIFY goes
    const stream = freshStream('listen');
    const seen: RecordedEvent[] = [];
    const head = await subscriber.headPosition();
    const sub = subscriber.subscribe({
      from: head,
      filter: { streamPrefix: stream },
      handler: async (events) => void seen.push(...events),
    });
    try {
      await until('the LISTEN connection', async () => (await listenPids()).some((p) => !before.has(p)));
      await writer.append(stream, [newEvent('First')], 'noStream');
      await until('the first event', () => seen.length === 1);

      const [pid] = (await listenPids()).filter((p) => !before.has(p));
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const reconnectMs = await until('a new LISTEN connection', async () => (await listenPids()).some((p) => !before.has(p) && p !== pid));
      await writer.append(stream, [newEvent('Second')], 1);
      const wakeMs = await until('the second event', () => seen.length === 2, 5000);
      expect(seen.map((e) => e.type)).toEqual(['First', 'Second']);
      console.log(`LISTEN connection terminated: listening again after ${reconnectMs} ms, woken ${wakeMs} ms after the next append`);
    } finally {
      await sub.stop();
    }
    expect((await listenPids()).filter((p) => !before.has(p))).toEqual([]);
  });

  it("close() stops the store's subscriptions, LISTEN connections included, before ending its pool", async () => {
    const before = new Set(await listenPids());
    const store = new PostgresEventStore(testPool(2), { pollIntervalMs: 20 });
    const errors: unknown[] = [];
    store.subscribe({
      from: await store.headPosition(),
      filter: { streamPrefix: freshStream('closing') },
      handler: async () => undefined,
      onError: (e) => errors.push(e),
    });
    await until('the LISTEN connection', async () => (await listenPids()).some((p) => !before.has(p)));
    await store.close(); // nobody stopped the subscription: close() must
    await new Promise((r) => setTimeout(r, 200)); // a loop left running would poll the ended pool
    expect(errors).toEqual([]);
    expect((await listenPids()).filter((p) => !before.has(p))).toEqual([]);
    // A subscriber that starts again during shutdown gets nothing to run.
    const late = store.subscribe({ filter: { streamPrefix: 'x' }, handler: async () => undefined, onError: (e) => errors.push(e) });
    await new Promise((r) => setTimeout(r, 100));
    await late.stop();
    expect(errors).toEqual([]);
  });
});
