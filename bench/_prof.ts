import { Pool } from 'pg';
import { PostgresEventStore } from '@dondoc/event-store';
import { migrate } from '../libs/platform/src/database/migrate';
import { openBenchServer } from './lib';
import { newSet, taskAppends } from './generate';
(async () => {
  const s = await openBenchServer();
  const db = await s.fresh('prof');
  await migrate(db.url);
  const pool = new Pool({ connectionString: db.url, max: 2 });
  const store = new PostgresEventStore(pool);
  try {
    const { set, appends } = newSet(100, 10);
    await store.appendMany(appends);
    for (let r = 0; r < 4; r++) {
      const g = taskAppends(set, 0, 500, 10);
      const n = g.reduce((x, a) => x + a.events.length, 0);
      let t = performance.now();
      for (const a of g) (store as any).prepare(a.streamId, a.events, new Date());
      const prep = performance.now() - t;
      t = performance.now();
      await store.appendMany(g);
      const all = performance.now() - t;
      console.log(`${n} events: prepare ${prep.toFixed(0)} ms, appendMany ${all.toFixed(0)} ms -> ${(n / all * 1000).toFixed(0)} ev/s`);
    }
    const c = await pool.connect();
    await c.query(`LOAD 'auto_explain'`).catch((e) => console.log('no auto_explain', e.message));
    await c.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_nested_statements = on`).catch(() => undefined);
    c.release();
  } finally { await store.close(); await db.drop(); await s.stop(); }
})().catch((e) => { console.error(e); process.exit(1); });
