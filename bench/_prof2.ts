import { PostgresEventStore } from '@dondoc/event-store';
import { newSet, taskAppends } from './generate';
const store = new PostgresEventStore({} as never);
const { set } = newSet(100, 10);
const g = taskAppends(set, 0, 2000, 10);
const n = g.reduce((x, a) => x + a.events.length, 0);
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  for (const a of g) (store as any).prepare(a.streamId, a.events, new Date());
  console.log(`${n} events: ${((performance.now() - t) * 1000 / n).toFixed(1)} us/event`);
}
