/**
 * Verification speed: how many events per second `auditVerify` (content hashes, stream chains,
 * anchors) checks, extrapolated to 10 M events.
 *
 *   npx ts-node --transpile-only -r tsconfig-paths/register bench/audit-verify.ts
 *   DATABASE_URL=postgres://... (a server: a scratch database is created and dropped there)
 *
 * BENCH_EVENTS (default 300000) task-like events (~0.6 kB of data) over streams of 10 events,
 * written straight into the PostgreSQL log (bulkLoadLog) with the store's own hashing, anchored every 1000 events.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { AnchorRecorder, PostgresEventStore, auditVerify, chainHash, contentHash } from '../libs/event-store/src';
import { startEmbeddedDatabase } from '../libs/platform/src/database/embedded-database';
import { migrate } from '../libs/platform/src/database/migrate';
import { EVENT_LOG_MIGRATIONS } from '../libs/platform/src/database/migrations';
import { analyzeLog, bulkLoadLog, readStoredPage } from '@dondoc/event-store/postgres/testing/bench-log';

const N = Number(process.env.BENCH_EVENTS ?? 300_000);
const PER_STREAM = 10;

async function main(): Promise<void> {
  let server = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  if (!server) {
    mkdirSync('.data', { recursive: true });
    const dir = mkdtempSync(join('.data', 'bench-pg-'));
    const db = await startEmbeddedDatabase({ dir, persistent: false, database: 'postgres' });
    server = db.url;
    stop = async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `dondoc_verify_bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  try {
    await migrate(url, EVENT_LOG_MIGRATIONS);
    const pool = new Pool({ connectionString: url, max: 4 });
    pool.on('error', () => undefined);
    let t0 = Date.now();
    const actor = { userId: 'can-bo-nv', role: 'officer', office: 'SH-NV' };
    for (let written = 0; written < N;) {
      const cols: unknown[][] = Array.from({ length: 12 }, () => []);
      const heads: [string, number, Buffer][] = [];
      for (let s = 0; s < 100 && written < N; s++) {
        const stream = `task-${randomUUID()}`;
        let prev: Buffer | null = null;
        for (let v = 1; v <= PER_STREAM && written < N; v++, written++) {
          const e = {
            eventId: randomUUID(),
            streamId: stream,
            type: 'ProgressReported',
            schemaVersion: 1,
            data: {
              note: `Báo cáo tiến độ lần ${v}: đã rà soát ${v * 7} thủ tục hành chính, ban hành kế hoạch kiểm tra`,
              percent: v * 10,
              at: new Date().toISOString(),
              evidence: [{ documentNumber: `${v}/BC-UBND`, url: 'https://example.vn/bc' }],
            },
            metadata: { actor, correlationId: randomUUID(), causationId: randomUUID() },
            occurredAt: new Date(),
            recordedAt: new Date(),
          };
          const content = contentHash(e);
          const hash = chainHash(prev, stream, v, content);
          [
            e.eventId,
            stream,
            v,
            e.type,
            1,
            JSON.stringify(e.data),
            JSON.stringify(e.metadata),
            e.occurredAt,
            e.recordedAt,
            content,
            prev,
            hash,
          ].forEach((x, i) => cols[i].push(x));
          prev = hash;
          if (v === PER_STREAM || written + 1 === N) heads.push([stream, v, hash]);
        }
      }
      await bulkLoadLog(pool, cols, heads);
    }
    console.log(`generated ${N} events in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t0 = Date.now();
    const storePool = new Pool({ connectionString: url, max: 2 });
    storePool.on('error', () => undefined); // the database is dropped with FORCE at the end
    const store = new PostgresEventStore(storePool);
    const anchors = await new AnchorRecorder(pool, store, { everyEvents: 1000, everyMinutes: 10 }).anchorNow(60_000);
    console.log(`anchored in ${anchors.length} anchors in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await analyzeLog(pool);
    {
      // The share of reading alone: the same batches, no hashing.
      const t = Date.now();
      let after = '0';
      let n = 0;
      for (;;) {
        const rows = await readStoredPage(pool, after, 5000);
        n += rows.length;
        if (rows.length < 5000) break;
        after = rows[rows.length - 1].position;
      }
      console.log(`reading alone: ${n} events in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    for (let round = 1; round <= 2; round++) {
      const r = await auditVerify(pool);
      const rate = r.checked / r.seconds;
      console.log(
        `round ${round}: ok=${r.ok} checked=${r.checked} anchors=${r.anchors} in ${r.seconds.toFixed(1)} s = ${Math.round(rate)} events/s; 10 M events ≈ ${(1e7 / rate / 60).toFixed(1)} min`,
      );
    }
    await store.close();
    await pool.end();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
