import { ConcurrencyError } from '../errors';
import { NewEvent, RecordedEvent } from '../event-store.port';
import { chainHash } from '../hashing';
import { Tail, mergeAppends, planAppend, splitResults, streamState } from './kurrentdb-append-plan';

// The KurrentDB adapter's append planning is pure: where the events go and with which hashes.
// (The adapter itself runs against a server only when KURRENTDB_URL is set.)
const event = (id: string, n = 1): NewEvent => ({
  eventId: id,
  type: 'ProgressReported',
  data: { note: `lần ${n}` },
  metadata: { actor: { userId: 'u', role: 'officer', office: 'SH-NV' }, correlationId: 'c' },
  occurredAt: new Date('2024-03-01T02:00:00Z'),
});
const empty: Tail = { version: 0, hash: null, recent: [] };
const at = '2024-03-01T02:00:01.000Z';

describe('planAppend', () => {
  it('given a new stream, when two events are planned under noStream, then they chain from nothing at versions 1 and 2', () => {
    const plan = planAppend('task-1', [event('e1'), event('e2', 2)], 'noStream', empty, at);
    expect(plan).toMatchObject({ from: 0, chained: true, expected: 'noStream' });
    const [a, b] = plan.envelopes;
    expect(a.prevHash).toBeNull();
    expect(b.prevHash).toBe(a.hash);
    expect(a.hash).toBe(chainHash(null, 'task-1', 1, Buffer.from(a.contentHash, 'hex')).toString('hex'));
    expect(b.hash).toBe(chainHash(Buffer.from(a.hash, 'hex'), 'task-1', 2, Buffer.from(b.contentHash, 'hex')).toString('hex'));
    expect(a.recordedAt).toBe(at);
  });

  it('given a stream at version 3, when the caller expects 3, then the events chain to its last hash', () => {
    const plan = planAppend('task-1', [event('e4')], 3, { version: 3, hash: 'ab'.repeat(32), recent: [] }, at);
    expect(plan).toMatchObject({ from: 3, chained: true });
    expect(plan.envelopes[0].prevHash).toBe('ab'.repeat(32));
  });

  it('given a stream at version 2, when the caller expects 3, then it is refused as a concurrency conflict', () => {
    expect(() => planAppend('task-1', [event('e4')], 3, { version: 2, hash: null, recent: [] }, at)).toThrow(ConcurrencyError);
  });

  it('given a stream further on than expected, when planned, then the same ids are sent unchained (a retry KurrentDB recognises or refuses)', () => {
    const plan = planAppend('task-1', [event('e2')], 1, { version: 4, hash: 'cd'.repeat(32), recent: [] }, at);
    expect(plan).toMatchObject({ from: 1, chained: false });
  });

  it("given 'any' and the first event already among the recent ones, then it is planned at that event's place, unchained", () => {
    const recent = [
      { eventId: 'e1', version: 1 },
      { eventId: 'e2', version: 2 },
    ] as RecordedEvent[];
    const plan = planAppend('task-1', [event('e2')], 'any', { version: 2, hash: 'ef'.repeat(32), recent }, at);
    expect(plan).toMatchObject({ from: 1, chained: false });
  });

  it('given later entries for the same stream, then their expectations are checked at their offsets', () => {
    const tail: Tail = { version: 2, hash: null, recent: [] };
    expect(() => planAppend('task-1', [event('e3'), event('e4')], 2, tail, at, [{ offset: 1, expected: 3 }])).not.toThrow();
    expect(() => planAppend('task-1', [event('e3'), event('e4')], 2, tail, at, [{ offset: 1, expected: 5 }])).toThrow(ConcurrencyError);
    expect(() => planAppend('task-1', [event('e3'), event('e4')], 2, tail, at, [{ offset: 1, expected: 'noStream' }])).toThrow(
      ConcurrencyError,
    );
  });
});

describe('mergeAppends and splitResults', () => {
  it('given two entries for one stream, then they are written as one and answered as two', () => {
    const appends = [
      { streamId: 'task-1', events: [event('e1')], expected: 'noStream' as const },
      { streamId: 'plan-1', events: [event('p1')], expected: 'any' as const },
      { streamId: 'task-1', events: [event('e2'), event('e3')], expected: 1 },
    ];
    const merged = mergeAppends(appends);
    expect(merged.map((m) => [m.streamId, m.events.map((e) => e.eventId), m.checks])).toEqual([
      ['task-1', ['e1', 'e2', 'e3'], [{ offset: 1, expected: 1 }]],
      ['plan-1', ['p1'], []],
    ]);
    const written = [
      {
        streamId: 'task-1',
        version: 3,
        firstGlobalPosition: '10',
        lastGlobalPosition: '12',
        position: 'c.12',
        duplicate: false,
        positions: ['10', '11', '12'],
        logPositions: ['c.10', 'c.11', 'c.12'],
      },
      {
        streamId: 'plan-1',
        version: 5,
        firstGlobalPosition: '13',
        lastGlobalPosition: '13',
        position: 'c.13',
        duplicate: false,
        positions: ['13'],
        logPositions: ['c.13'],
      },
    ];
    expect(
      splitResults(appends, written).map((r) => [r.streamId, r.version, r.firstGlobalPosition, r.lastGlobalPosition, r.position]),
    ).toEqual([
      ['task-1', 1, '10', '10', 'c.10'],
      ['plan-1', 5, '13', '13', 'c.13'],
      ['task-1', 3, '11', '12', 'c.12'],
    ]);
  });

  it('maps our versions to KurrentDB revisions (ours count events from 1)', () => {
    expect(streamState(0)).toBe('no_stream');
    expect(streamState(3)).toBe(BigInt(2));
  });
});
