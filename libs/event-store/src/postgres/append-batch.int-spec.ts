import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ConcurrencyError } from '../errors';
import { NewEvent } from '../event-store.port';
import { PostgresEventStore } from './postgres-event-store';

// appendMany is one call of es_append_batch: these are the cases a set-based write could get wrong
// (the contract suite covers the rest, on both adapters).
const url = () => process.env.DONDOC_TEST_DATABASE_URL!;
const ev = (data: unknown = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type: 'BatchTested',
  data,
  metadata: { actor: { userId: 'u-batch', role: 'admin', office: 'ROOT' }, correlationId: randomUUID() },
  occurredAt: new Date(),
});

describe('PostgreSQL appendMany (es_append_batch)', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  beforeAll(() => {
    pool = new Pool({ connectionString: url(), max: 4 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool);
  });
  afterAll(() => store.close());

  it('a stream named twice in one call: the second append follows the first, one hash chain', async () => {
    const a = `batch-${randomUUID()}`;
    const b = `batch-${randomUUID()}`;
    const r = await store.appendMany([
      { streamId: a, events: [ev(), ev()], expected: 'noStream' },
      { streamId: b, events: [ev()], expected: 'any' },
      { streamId: a, events: [ev()], expected: 2 },
    ]);
    expect(r.map((x) => [x.streamId, x.version, x.duplicate])).toEqual([
      [a, 2, false],
      [b, 1, false],
      [a, 3, false],
    ]);
    expect(BigInt(r[2].firstGlobalPosition)).toBeGreaterThan(BigInt(r[0].lastGlobalPosition));
    const read = await store.readStream(a);
    expect(read.map((e) => e.version)).toEqual([1, 2, 3]);
    expect(read[0].prevHash).toBeNull();
    for (let i = 1; i < read.length; i++) expect(read[i].prevHash).toBe(read[i - 1].hash);
    expect(read.map((e) => e.globalPosition)).toEqual([r[0].firstGlobalPosition, r[0].lastGlobalPosition, r[2].firstGlobalPosition]);
    const { rows } = await pool.query<{ version: number }>('SELECT version FROM es_streams WHERE stream_id = $1', [a]);
    expect(rows[0].version).toBe(3);
  });

  it('the same call again is a duplicate with the same results, and writes nothing', async () => {
    const a = `batch-${randomUUID()}`;
    const appends = [
      { streamId: a, events: [ev(), ev()], expected: 'noStream' as const },
      { streamId: `batch-${randomUUID()}`, events: [ev()], expected: 'noStream' as const },
    ];
    const first = await store.appendMany(appends);
    const again = await store.appendMany(appends.map((x) => ({ ...x, expected: 'any' as const })));
    expect(again).toEqual(first.map((x) => ({ ...x, duplicate: true })));
    expect(await store.readStream(a)).toHaveLength(2);
  });

  it('the same events twice in one call: written once, the second says duplicate', async () => {
    const a = `batch-${randomUUID()}`;
    const events = [ev()];
    const r = await store.appendMany([
      { streamId: a, events, expected: 'noStream' },
      { streamId: a, events, expected: 'any' },
    ]);
    expect(r.map((x) => [x.version, x.duplicate])).toEqual([
      [1, false],
      [1, true],
    ]);
    expect(r[1].firstGlobalPosition).toBe(r[0].firstGlobalPosition);
    expect(await store.readStream(a)).toHaveLength(1);
  });

  it('a conflict anywhere writes nothing at all and names its stream', async () => {
    const a = `batch-${randomUUID()}`;
    const b = `batch-${randomUUID()}`;
    await store.append(b, [ev()], 'noStream');
    const error = await store
      .appendMany([
        { streamId: a, events: [ev()], expected: 'noStream' },
        { streamId: b, events: [ev()], expected: 5 },
      ])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect((error as Error).message).toContain(b);
    expect(await store.readStream(a)).toHaveLength(0);
    expect(await store.readStream(b)).toHaveLength(1);
    const { rows } = await pool.query('SELECT 1 FROM es_streams WHERE stream_id = $1', [a]);
    expect(rows).toHaveLength(0);
  });

  it('the stored content hashes are what verify recomputes (canonical JSON sent as is)', async () => {
    const a = `batch-${randomUUID()}`;
    const r = await store.appendMany([
      { streamId: a, events: [ev({ z: 1, a: [undefined, new Date(0)], u: undefined, s: 'chữ "có" dấu' }), ev(null)], expected: 'noStream' },
    ]);
    const result = await store.verify({ fromPosition: r[0].firstGlobalPosition, toPosition: r[0].lastGlobalPosition });
    expect(result).toMatchObject({ ok: true, checked: 2 });
    const [first] = await store.readStream(a);
    expect(first.data).toEqual({ a: [null, '1970-01-01T00:00:00.000Z'], s: 'chữ "có" dấu', z: 1 });
  });
});

// Concurrent append() calls go to the server together (group commit). Each still gets its own
// answer: these are the ways sharing one transaction could leak one caller's outcome into another's.
describe('PostgreSQL append groups (concurrent appends in one es_append_batch call)', () => {
  let pool: Pool;
  let store: PostgresEventStore;
  beforeAll(() => {
    pool = new Pool({ connectionString: url(), max: 4 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { appendGroups: 1 }); // one group in flight: the rest queue together
  });
  afterAll(() => store.close());

  const settle = <T>(p: Promise<T>) =>
    p.then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );

  it('a conflict fails its own caller only; the others in the group are written', async () => {
    const taken = `group-${randomUUID()}`;
    await store.append(taken, [ev()], 'noStream');
    const fresh = Array.from({ length: 6 }, () => `group-${randomUUID()}`);
    const ghost = `group-${randomUUID()}`;
    const outcomes = await Promise.all([
      ...fresh.map((s) => settle(store.append(s, [ev(), ev()], 'noStream'))),
      settle(store.append(taken, [ev()], 'noStream')),
      settle(store.append(ghost, [ev()], 3)),
    ]);
    for (const o of outcomes.slice(0, 6)) expect(o.value).toMatchObject({ version: 2, duplicate: false });
    expect(outcomes[6].error).toBeInstanceOf(ConcurrencyError);
    expect(outcomes[7].error).toBeInstanceOf(ConcurrencyError);
    for (const s of fresh) expect(await store.readStream(s)).toHaveLength(2);
    expect(await store.readStream(taken)).toHaveLength(1);
    const { rows } = await pool.query('SELECT 1 FROM es_streams WHERE stream_id = $1', [ghost]);
    expect(rows).toHaveLength(0); // a refused append to a stream that does not exist leaves no head
  });

  it('input the server refuses fails that caller only (the group is retried one by one)', async () => {
    const good = Array.from({ length: 4 }, () => `group-${randomUUID()}`);
    const bad = `group-${randomUUID()}`;
    const outcomes = await Promise.all([
      settle(store.append(`group-${randomUUID()}`, [ev()], 'noStream')), // goes alone; the rest queue behind it
      ...good.map((s) => settle(store.append(s, [ev()], 'noStream'))),
      settle(store.append(bad, [ev({ text: 'nul \u0000 byte' })], 'noStream')), // jsonb refuses \u0000
    ]);
    for (const o of outcomes.slice(0, 5)) expect(o.error).toBeUndefined();
    expect(String(outcomes[5].error)).toMatch(/unsupported Unicode|\\u0000/);
    for (const s of good) expect(await store.readStream(s)).toHaveLength(1);
    expect(await store.readStream(bad)).toHaveLength(0);
  });

  it('a group sent again one by one keeps the order called: a later append may expect an earlier one', async () => {
    const s = `group-${randomUUID()}`;
    const outcomes = await Promise.all([
      settle(store.append(`group-${randomUUID()}`, [ev()], 'noStream')), // goes alone; the rest queue behind it
      settle(store.append(`group-${randomUUID()}`, [ev({ text: '\u0000' })], 'noStream')),
      settle(store.append(s, [ev()], 'noStream')),
      settle(store.append(s, [ev()], 1)),
      settle(store.append(s, [ev()], 2)),
    ]);
    expect(outcomes[1].error).toBeDefined();
    expect(outcomes.slice(2).map((o) => o.value?.version)).toEqual([1, 2, 3]);
  });

  it('one stream several times in a group: in the order called, one chain, each with its version', async () => {
    const s = `group-${randomUUID()}`;
    const first = store.append(s, [ev()], 'noStream');
    const rest = [1, 2, 3].map((v) => store.append(s, [ev()], v));
    const results = await Promise.all([first, ...rest]);
    expect(results.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    const read = await store.readStream(s);
    for (let i = 1; i < read.length; i++) expect(read[i].prevHash).toBe(read[i - 1].hash);
    expect(results.map((r) => r.position)).toEqual(read.map((e) => e.position));
    expect(await store.verify({ fromPosition: read[0].globalPosition, toPosition: read[3].globalPosition })).toMatchObject({ ok: true });
  });
});
