import { Pool } from 'pg';
import { PostgresEventStore } from '../postgres';
import { freshStream, newEvent } from '../testing/test-db';
it('debug', async () => {
  const pool = new Pool({ connectionString: process.env.DONDOC_TEST_DATABASE_URL, max: 24 });
  const store = new PostgresEventStore(pool);
  const prefix = `dbg-${Date.now()}-`;
  const streams = Array.from({ length: 100 }, () => freshStream(prefix));
  await Promise.all(Array.from({ length: 1000 }, (_, i) => store.append(streams[i % 100], Array.from({ length: 1 + (i % 3) }, () => newEvent()), 'any')));
  const p1 = await store.readAll({ limit: 1000, filter: { streamPrefix: prefix } });
  const p2 = await store.readAll({ after: p1.position, limit: 1000, filter: { streamPrefix: prefix } });
  console.log(p1.events.length, p1.position, p2.events.length, p2.events[0]?.position);
  const { rows } = await pool.query(`SELECT tx_id::text, position FROM es_events WHERE stream_id LIKE $1 ORDER BY tx_id, position`, [prefix + '%']);
  console.log(rows.length, JSON.stringify(rows.slice(995, 1005)));
  const { rows: r2 } = await pool.query(`SELECT count(*) FROM es_events WHERE stream_id LIKE $1 AND (tx_id, position) > ($2::text::xid8, $3::bigint)`, [prefix + '%', rows[999].tx_id, rows[999].position]);
  console.log(JSON.stringify(r2));
  await store.close();
}, 60000);
