import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, NewEvent } from '@dondoc/event-store';
import { migrate } from '../libs/platform/src/database/migrate';
import { openBenchServer } from './lib';
const ev = (id = randomUUID()): NewEvent => ({ eventId: id, type: 'T', data: { a: 1, u: undefined, d: new Date(0) }, metadata: { actor: { userId: 'u', role: 'admin', office: 'R' }, correlationId: 'c' } as never, occurredAt: new Date() });
(async () => {
  const s = await openBenchServer();
  const db = await s.fresh('check');
  await migrate(db.url);
  const store = new PostgresEventStore(new Pool({ connectionString: db.url, max: 2 }));
  try {
    const a = randomUUID(), b = randomUUID();
    const e1 = [ev(), ev()], e2 = [ev()], e3 = [ev()];
    const r1 = await store.appendMany([{ streamId: a, events: e1, expected: 'noStream' }, { streamId: b, events: e2, expected: 'any' }, { streamId: a, events: e3, expected: 2 }]);
    console.log(JSON.stringify(r1));
    const r2 = await store.appendMany([{ streamId: a, events: e3, expected: 'any' }, { streamId: b, events: [ev()], expected: 1 }]);
    console.log('dup+ok', JSON.stringify(r2));
    const r3 = await store.appendMany([{ streamId: b, events: [ev()], expected: 2 }, { streamId: a, events: [ev()], expected: 1 }]).catch((e) => e.message);
    console.log('conflict', r3);
    const r4 = await store.appendMany([{ streamId: b, events: e2, expected: 'any' }, { streamId: b, events: e2, expected: 'any' }]);
    console.log('dup twice', JSON.stringify(r4));
    const x = [ev()];
    const r5 = await store.appendMany([{ streamId: 'n-' + a, events: x, expected: 'noStream' }, { streamId: 'n-' + a, events: x, expected: 'any' }]);
    console.log('in-batch dup', JSON.stringify(r5));
    console.log((await store.readStream(a)).map((e) => e.version + ':' + e.prevHash?.slice(0, 6) + '>' + e.hash.slice(0, 6)).join(' '));
    console.log('verify', JSON.stringify(await store.verify()));
  } finally { await store.close(); await db.drop(); await s.stop(); }
})().catch((e) => { console.error(e); process.exit(1); });
