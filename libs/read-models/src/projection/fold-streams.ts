import type { DomainEvent } from '@dondoc/domain/shared';
import type { RecordedEvent } from '@dondoc/event-store';

export interface Folded<S> {
  state: S;
  version: number;
}

/**
 * Folds a batch onto stored states, stream by stream: the shared step of every projector that
 * keeps an aggregate's state as its row. `load` fetches the stored states of the touched ids.
 */
export async function foldStreams<S>(
  events: RecordedEvent[],
  opts: {
    prefix: string;
    types: ReadonlySet<string>;
    initial: S;
    evolve: (state: S, event: DomainEvent) => S;
    load: (ids: string[]) => Promise<Map<string, Folded<S>>>;
  },
): Promise<Map<string, Folded<S>>> {
  const mine = events.filter((e) => opts.types.has(e.type) && e.streamId.startsWith(opts.prefix));
  if (mine.length === 0) return new Map();
  const idOf = (e: RecordedEvent) => e.streamId.slice(opts.prefix.length);
  const states = await opts.load([...new Set(mine.map(idOf))]);
  for (const e of mine) {
    const current = states.get(idOf(e)) ?? { state: opts.initial, version: 0 };
    states.set(idOf(e), { state: opts.evolve(current.state, { type: e.type, data: e.data }), version: e.version });
  }
  return states;
}
