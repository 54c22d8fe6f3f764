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
  await pool.query('CREATE TABLE bare (LIKE es_events INCLUDING DEFAULTS INCLUDING IDENTITY)');
  await pool.query('CREATE TABLE bare_idx (LIKE es_events INCLUDING ALL)');
  try {
    const { set, appends } = newSet(100, 10);
    await store.appendMany(appends);
    for (let r = 0; r < 4; r++) {
      const g = taskAppends(set, 0, 500, 10);
      const preps = g.map((a) => ({ a, p: (store as any).prepare(a.streamId, a.events, new Date()) }));
      const flat = (k: string) => preps.flatMap((x) => x.p[k]);
      const streams = preps.flatMap((x) => x.p.eventIds.map(() => x.a.streamId));
      const versions = preps.flatMap((x) => x.p.eventIds.map((_: string, i: number) => i + 1));
      const ins = async (t: string) => { const c = await pool.connect(); try { if (process.env.SC_OFF) await c.query('SET synchronous_commit = off'); return await c.query(`INSERT INTO ${t} (event_id, stream_id, version, type, schema_version, data, metadata, occurred_at, recorded_at, content_hash, prev_hash, hash)
        SELECT e, s, v, t, sc, d, m, o, now(), h, NULL, h FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9::bytea[]) x(e, s, v, t, sc, d, m, o, h)`,
        [flat('eventIds'), streams, versions, flat('types'), flat('schema'), flat('data'), flat('metadata'), flat('occurred'), flat('hashes')]); } finally { c.release(); } };
      let t = performance.now(); await ins('bare'); const tb = performance.now() - t;
      t = performance.now(); await ins('bare_idx'); const ti = performance.now() - t;
      t = performance.now(); await store.appendMany(g); const ts = performance.now() - t;
      console.log(`5000 events: bare no index ${tb.toFixed(0)} ms, bare with es_events indexes ${ti.toFixed(0)} ms, appendMany ${ts.toFixed(0)} ms; avg data ${Math.round(flat('data').join('').length / 5000)} B, metadata ${Math.round(flat('metadata').join('').length / 5000)} B`);
    }
    console.log((await pool.query(`SELECT indexrelid::regclass AS i, pg_relation_size(indexrelid) AS b FROM pg_index WHERE indrelid = 'es_events'::regclass`)).rows);
  } finally { await store.close(); await db.drop(); await s.stop(); }
})().catch((e) => { console.error(e); process.exit(1); });
