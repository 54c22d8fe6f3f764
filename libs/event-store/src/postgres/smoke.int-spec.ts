import { PostgresEventStore } from './postgres-event-store';
import { freshStream, newEvent, testPool } from '../testing/test-db';
it('appends and reads', async () => {
  const store = new PostgresEventStore(testPool());
  const s = freshStream();
  const r = await store.append(s, [newEvent(), newEvent()], 'noStream');
  expect(r.version).toBe(2);
  const evs = await store.readStream(s);
  expect(evs.map((e) => e.version)).toEqual([1, 2]);
  expect((await store.verify()).ok).toBe(true);
  await store.close();
});
