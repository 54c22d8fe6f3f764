import { canonicalJson, canonicalJsonOf, contentHash, contentHashOfCanonical } from './hashing';

class Money {
  constructor(private readonly v: string) {}
  toJSON() {
    return { amount: this.v, currency: 'VND' };
  }
}

const samples: unknown[] = [
  null,
  0,
  -0,
  1.5e21,
  NaN,
  Infinity,
  'chuỗi "có" dấu \n\u2028',
  true,
  [],
  {},
  [1, undefined, () => 1, Symbol('s'), null, { b: 1, a: [undefined] }],
  { z: 1, a: undefined, f: () => 1, m: new Money('10'), d: new Date(Date.UTC(2024, 0, 2)), n: { y: [new Date(0)], x: NaN } },
  { Ä: 1, a: 2, B: 3, 'a b': 4, '10': 5, '9': 6 },
  { s: new String('x'), n: new Number(2), b: new Boolean(false) },
  { nested: { deeper: { deepest: [{ k: 'v', j: null }] } } },
];

describe('canonicalJsonOf', () => {
  it.each(samples.map((s, i) => [i, s]))('sample %i: equals canonicalJson of the JSON round trip', (_, value) => {
    const roundTrip = JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
    expect(canonicalJsonOf(value)).toBe(canonicalJson(roundTrip));
    // And it is JSON of the same value.
    expect(JSON.parse(canonicalJsonOf(value))).toEqual(roundTrip);
  });

  it('contentHashOfCanonical is contentHash', () => {
    const e = {
      eventId: '7b0e7c52-6e8e-4a4e-9c5e-2f7d3f1b9a10',
      streamId: 'task-1',
      type: 'TaskAssigned',
      schemaVersion: 1,
      data: samples[11],
      metadata: { actor: { userId: 'u', role: 'admin', office: 'R' }, correlationId: 'c', skip: undefined },
      occurredAt: new Date('2024-01-02T03:04:05.678Z'),
      recordedAt: new Date('2024-01-02T03:04:06.000Z'),
    };
    const viaJsonb = contentHash({ ...e, data: JSON.parse(JSON.stringify(e.data)), metadata: JSON.parse(JSON.stringify(e.metadata)) });
    const direct = contentHashOfCanonical({
      ...e,
      data: canonicalJsonOf(e.data),
      metadata: canonicalJsonOf(e.metadata),
      occurredAt: e.occurredAt.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
    });
    expect(direct.equals(viaJsonb)).toBe(true);
  });
});
