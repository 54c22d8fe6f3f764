import { randomUUID } from 'node:crypto';
import { Decider, DomainError, DomainEvent, FixedClock } from '@dondoc/domain/shared';
import { ConcurrencyError } from '@dondoc/event-store';
import { InMemoryEventStore, InMemoryLog } from '@dondoc/event-store/memory';
import type { OfficeQuery } from '@dondoc/read-models/offices/office.query';
import type { ProjectionLag } from '@dondoc/read-models/projection/projection-lag';
import type { ReadSide } from '@dondoc/read-models/projection/read-side';
import { ApiError } from '../http/api-error';
import { AggregateRunner } from './aggregate-runner';
import { Metrics } from './metrics';
import { RequestContext } from './request-context';

// AggregateRunner over the in-memory event store: load → decide → append, its retries and its
// refusals, without a database. A second runner on the same log plays another API process.

type CounterEvent = DomainEvent<'CounterOpened', { office: string }> | DomainEvent<'CounterRaised', { to: number }>;
type CounterCommand = { type: 'open'; office: string } | { type: 'raise'; by: number };
interface Counter {
  office: string | null;
  value: number;
}

/** A small aggregate: a raise records the value it reaches, so a decision on stale state shows. */
const counter: Decider<Counter, CounterCommand, CounterEvent> = {
  initialState: { office: null, value: 0 },
  decide(command, state, ctx) {
    if (command.type === 'open') return [{ type: 'CounterOpened', data: { office: command.office } }];
    if (!state.office || !ctx.isWithin(ctx.actor.office, state.office)) {
      throw new DomainError('NOT_YOURS', 'forbidden', 'outside your office');
    }
    return command.by === 0 ? [] : [{ type: 'CounterRaised', data: { to: state.value + command.by } }];
  },
  evolve(state, event) {
    switch (event.type) {
      case 'CounterOpened':
        return { ...state, office: event.data.office };
      case 'CounterRaised':
        return { ...state, value: event.data.to };
      default: {
        const never: never = event;
        return never;
      }
    }
  },
};

/** The office tree as OfficeQuery.paths answers it. */
const tree = new Map([
  ['ROOT', '/ROOT/'],
  ['SO-A', '/ROOT/SO-A/'],
  ['SO-B', '/ROOT/SO-B/'],
]);
const offices = { paths: async (codes: Iterable<string>) => new Map([...codes].filter((c) => tree.has(c)).map((c) => [c, tree.get(c)!])) };

function runnerOn(store: InMemoryEventStore) {
  const metrics = new Metrics(
    { lagEvents: async () => 0 } as unknown as ProjectionLag,
    { reads: {}, fallbacks: {} } as unknown as ReadSide,
  );
  const clock = new FixedClock(new Date('2026-03-02T01:00:00.000Z'));
  const runner = new AggregateRunner(store, clock, offices as unknown as OfficeQuery, metrics);
  return { runner, appended: async () => (await metrics.appendedEvents.get()).values[0]?.value ?? 0 };
}

const ctx = (extra: Partial<RequestContext> = {}): RequestContext => ({
  actor: { userId: `u-${randomUUID()}`, role: 'officer', office: 'SO-A' },
  occurredAt: new Date('2026-03-02T01:00:00.000Z'),
  recordedAt: new Date('2026-03-02T01:00:00.000Z'),
  correlationId: randomUUID(),
  ...extra,
});

async function refusalOf(p: Promise<unknown>): Promise<ApiError | DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError || e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a refusal, the write succeeded');
}

/** A store that lets `rival` write once, right after the runner has read its stream: a lost race. */
class RacedStore extends InMemoryEventStore {
  rival?: () => Promise<unknown>;
  override async readStream(...args: Parameters<InMemoryEventStore['readStream']>) {
    const events = await super.readStream(...args);
    const rival = this.rival;
    this.rival = undefined;
    await rival?.();
    return events;
  }
}

describe('AggregateRunner', () => {
  let log: InMemoryLog;
  let store: RacedStore;
  let other: ReturnType<typeof runnerOn>; // another process on the same log
  const stream = () => `counter-${randomUUID()}`;
  const open = (runner: AggregateRunner, streamId: string) =>
    runner.run({ streamId, decider: counter, command: { type: 'open', office: 'SO-A' }, ctx: ctx(), expectNew: true });
  const raise = (runner: AggregateRunner, streamId: string, by: number, c = ctx()) =>
    runner.run({ streamId, decider: counter, command: { type: 'raise', by }, ctx: c, notFoundCode: 'COUNTER_NOT_FOUND' });
  const stored = async (streamId: string) => (await store.readStream(streamId)).map((e) => [e.type, e.data]);

  beforeEach(() => {
    log = new InMemoryLog();
    store = new RacedStore({ log });
    other = runnerOn(new InMemoryEventStore({ log }));
  });

  it('appends what the decider decides, with the request on each event', async () => {
    const { runner, appended } = runnerOn(store);
    const s = stream();
    await open(runner, s);
    const c = ctx({ idempotencyKey: 'k-1' });
    const r = await raise(runner, s, 5, c);
    expect(r).toMatchObject({ streamId: s, version: 2, state: { office: 'SO-A', value: 5 }, duplicate: false });
    expect(r.position).toBe(await store.headPosition());
    const [, raised] = await store.readStream(s);
    expect(raised.metadata).toMatchObject({ actor: c.actor, correlationId: c.correlationId, idempotencyKey: 'k-1' });
    expect(raised.occurredAt).toEqual(c.occurredAt);
    expect(await appended()).toBe(2);
  });

  it('a write without If-Match that loses a race is decided again on fresh state', async () => {
    const { runner } = runnerOn(store);
    const s = stream();
    await open(runner, s);
    store.rival = () => raise(other.runner, s, 10);
    const r = await raise(runner, s, 1);
    expect(r).toMatchObject({ version: 3, state: { value: 11 }, events: [{ type: 'CounterRaised', data: { to: 11 } }] });
    expect(await stored(s)).toEqual([
      ['CounterOpened', { office: 'SO-A' }],
      ['CounterRaised', { to: 10 }],
      ['CounterRaised', { to: 11 }],
    ]);
  });

  it('a race lost on every attempt ends with the ConcurrencyError, having written nothing of its own', async () => {
    const { runner } = runnerOn(store);
    const s = stream();
    await open(runner, s);
    let rivals = 0;
    const read = store.readStream.bind(store);
    store.readStream = async (...args) => {
      const events = await read(...args);
      rivals++;
      await raise(other.runner, s, 100);
      return events;
    };
    await expect(raise(runner, s, 1)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(rivals).toBe(10);
    const rivalsRaised = Array.from({ length: 10 }, (_, i) => ({ to: 100 * (i + 1) }));
    expect((await stored(s)).map(([, data]) => data)).toEqual([{ office: 'SO-A' }, ...rivalsRaised]);
  });

  it('If-Match with a stale version: 412 VERSION_MISMATCH, nothing written', async () => {
    const { runner } = runnerOn(store);
    const s = stream();
    await open(runner, s);
    await raise(runner, s, 1);
    const e = await refusalOf(raise(runner, s, 1, ctx({ ifMatch: 1 })));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'VERSION_MISMATCH', category: 'precondition' });
    expect(e.message).toContain('version 2');
    expect(await stored(s)).toHaveLength(2);
    expect(await raise(runner, s, 1, ctx({ ifMatch: 2 }))).toMatchObject({ version: 3 });
  });

  it('If-Match that matched when read, then lost the race: 412, not a retry', async () => {
    const { runner } = runnerOn(store);
    const s = stream();
    await open(runner, s);
    store.rival = () => raise(other.runner, s, 10);
    const e = await refusalOf(raise(runner, s, 1, ctx({ ifMatch: 1 })));
    expect(e).toMatchObject({ code: 'VERSION_MISMATCH', category: 'precondition' });
    expect(e.message).toContain('version 2');
    expect(await stored(s)).toEqual([
      ['CounterOpened', { office: 'SO-A' }],
      ['CounterRaised', { to: 10 }],
    ]);
  });

  it('expectNew: a creation that finds the stream created meanwhile is ALREADY_EXISTS', async () => {
    const { runner } = runnerOn(store);
    const s = stream();
    store.rival = () => open(other.runner, s);
    const e = await refusalOf(open(runner, s));
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: 'ALREADY_EXISTS', category: 'conflict' });
    expect(await stored(s)).toHaveLength(1);
  });

  it('an idempotent retry writes nothing and answers with the first write', async () => {
    const { runner, appended } = runnerOn(store);
    const s = stream();
    await open(runner, s);
    const c = ctx({ idempotencyKey: `k-${randomUUID()}` });
    const first = await raise(runner, s, 2, c);
    const again = await raise(runner, s, 2, c);
    expect(again).toMatchObject({ duplicate: true, version: first.version, position: first.position });
    expect(await stored(s)).toEqual([
      ['CounterOpened', { office: 'SO-A' }],
      ['CounterRaised', { to: 2 }],
    ]);
    expect(await appended()).toBe(2);
    // Another key is another request.
    expect(await raise(runner, s, 2, ctx({ idempotencyKey: `k-${randomUUID()}` }))).toMatchObject({ version: 3, duplicate: false });
  });

  it('refuses what the decider refuses, a missing stream with its code, and writes nothing for an empty decision', async () => {
    const { runner } = runnerOn(store);
    const s = stream();
    expect(await refusalOf(raise(runner, s, 1))).toMatchObject({ code: 'COUNTER_NOT_FOUND', category: 'not_found' });
    await open(runner, s);
    const outsider = ctx({ actor: { userId: 'u-b', role: 'officer', office: 'SO-B' } });
    expect(await refusalOf(raise(runner, s, 1, outsider))).toMatchObject({ code: 'NOT_YOURS' });
    expect(await raise(runner, s, 0)).toMatchObject({ version: 1, events: [], position: null, duplicate: false });
    expect(await stored(s)).toHaveLength(1);
  });

  describe('createMany', () => {
    const items = (...ids: string[]) => ids.map((streamId) => ({ streamId, command: { type: 'open' as const, office: 'SO-A' } }));

    it('creates every aggregate in one write', async () => {
      const { runner, appended } = runnerOn(store);
      const [a, b] = [stream(), stream()];
      const results = await runner.createMany(counter, items(a, b), ctx(), ['SO-A']);
      expect(results.map((r) => [r.streamId, r.version, r.state.office, r.duplicate])).toEqual([
        [a, 1, 'SO-A', false],
        [b, 1, 'SO-A', false],
      ]);
      expect(results[1].position).toBe(await store.headPosition());
      expect(await appended()).toBe(2);
    });

    it('one of them exists already: ALREADY_EXISTS naming it, and none is written', async () => {
      const { runner } = runnerOn(store);
      const [a, b] = [stream(), stream()];
      await open(runner, b);
      const e = await refusalOf(runner.createMany(counter, items(a, b), ctx(), ['SO-A']));
      expect(e).toMatchObject({ code: 'ALREADY_EXISTS', category: 'conflict' });
      expect(e.message).toContain(b);
      expect(await stored(a)).toEqual([]);
      expect(await stored(b)).toHaveLength(1);
    });

    it('retried with the same Idempotency-Key: duplicates, nothing written twice', async () => {
      const { runner, appended } = runnerOn(store);
      const [a, b] = [stream(), stream()];
      const c = ctx({ idempotencyKey: `k-${randomUUID()}` });
      const first = await runner.createMany(counter, items(a, b), c, ['SO-A']);
      const again = await runner.createMany(counter, items(a, b), c, ['SO-A']);
      expect(again.map((r) => [r.version, r.position, r.duplicate])).toEqual(first.map((r) => [r.version, r.position, true]));
      expect(await stored(a)).toHaveLength(1);
      expect(await stored(b)).toHaveLength(1);
      expect(await appended()).toBe(2);
    });
  });
});
