/**
 * GET /v1/tasks?format=xlsx over 100,000 tasks: the app as `npm start` runs it (built, then
 * `node --max-old-space-size=192 dist/apps/api/src/main.js`) in a process of its own; this process
 * downloads the file to disk and reads it back (ExcelJS's streaming reader) to count the rows.
 * Measured per run: seconds to the last byte, and the app's peak RSS during the export (VmHWM
 * reset just before it with /proc/<pid>/clear_refs, and VmRSS sampled every 50 ms as a check).
 * Goal: ≤ 20 s and ≤ 250 MB (issue 17).
 *
 *   node -r @swc-node/register bench/export.ts   (alone: BENCH_EXPORT_TASKS, BENCH_RUNS)
 */
import ExcelJS from 'exceljs';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'pg';
import { PostgresEventStore, comparePositions } from '@dondoc/event-store';
import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { migrate } from '../libs/platform/src/database/migrate';
import { AppProcess } from './app-process';
import { newSet, writeTasks } from './generate';
import { BenchRow, BenchServer, env, median, runAlone, quiet, round2 } from './lib';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';
const MB = 1024 * 1024;

async function countRows(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
  });
  for await (const sheet of reader)
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) if (typeof row.getCell(1).value === 'number') rows++;
  return rows;
}

export async function exportBench(server: BenchServer, opts: { tasks: number; runs: number }): Promise<BenchRow[]> {
  const db = await server.fresh('export');
  const pool = quiet(new Pool({ connectionString: db.url, max: 3 }));
  let app: AppProcess | undefined;
  const file = join(tmpdir(), `dondoc-bench-export-${process.pid}.xlsx`);
  try {
    await migrate(db.url);
    const store = new PostgresEventStore(pool);
    const { set, appends } = newSet(41, 4);
    await store.appendMany(appends);
    const written = await writeTasks(store, set, opts.tasks, 3);
    console.log(
      `export: ${opts.tasks.toLocaleString('en-US')} tasks, ${written.events.toLocaleString('en-US')} events written in ${written.seconds.toFixed(1)} s; rebuilding the read models`,
    );
    await rebuildReadModels(db.url);
    AppProcess.build();
    app = await AppProcess.start({ DATABASE_URL: db.url, JWT_SECRET: SECRET, PORT: '0', LOG_LEVEL: 'error', DATA_DIR: '.data' });
    const head = await store.headPosition();
    for (let i = 0; ; i++) {
      const { rows } = await pool.query<{ position: string }>(`SELECT position FROM rm_checkpoints WHERE name = 'main'`);
      if (rows[0] && comparePositions(rows[0].position, head) >= 0) break;
      if (i > 1200) throw new Error('the projector did not catch up with the seeded log in 2 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const token = signToken(SECRET, { sub: 'leader-bench', role: 'leader', office: set.root });
    const rssIdle = app.memory().rss;
    const seconds: number[] = [];
    const peaks: number[] = [];
    const sampled: number[] = [];
    let bytes = 0;
    for (let r = -1; r < opts.runs; r++) {
      const reset = app.resetPeak();
      let maxRss = app.memory().rss;
      const sampler = setInterval(() => (maxRss = Math.max(maxRss, app!.memory().rss)), 50);
      const t0 = performance.now();
      const res = await fetch(`${app.url}/v1/tasks?format=xlsx&asOf=2024-12-31`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200 || !res.body) throw new Error(`export: ${res.status} ${await res.text()}`);
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(file));
      const s = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      const mem = app.memory();
      maxRss = Math.max(maxRss, mem.rss);
      bytes = statSync(file).size;
      const rows = await countRows(file);
      if (rows !== opts.tasks) throw new Error(`the file holds ${rows} task rows, expected ${opts.tasks}`);
      console.log(
        `  ${r < 0 ? 'warm-up' : `run ${r + 1}`}: ${s.toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB, ${rows.toLocaleString('en-US')} rows; app peak RSS ${(mem.peak / MB).toFixed(0)} MB${reset ? '' : ' (VmHWM not reset: since start)'}, sampled max ${(maxRss / MB).toFixed(0)} MB`,
      );
      if (r >= 0) {
        seconds.push(s);
        peaks.push(mem.peak / MB);
        sampled.push(maxRss / MB);
      }
    }
    const t = median(seconds);
    const peak = Math.max(...peaks);
    return [
      {
        name: `task list export, ${opts.tasks.toLocaleString('en-US')} tasks as XLSX (GET /v1/tasks?format=xlsx, to the last byte)`,
        unit: 's',
        ours: round2(t),
        goal: '≤ 20 s',
        met: t <= 20,
        note: `median of ${opts.runs}; file ${(bytes / 1e6).toFixed(1)} MB, every row read back`,
        runs: { seconds: seconds.map((x) => round2(x) ?? NaN) },
      },
      {
        name: `— the app's peak RSS during that export (VmHWM)`,
        unit: 'MB',
        ours: round2(peak),
        goal: '≤ 250 MB',
        met: peak <= 250,
        note: `idle before ${(rssIdle / MB).toFixed(0)} MB; VmRSS sampled every 50 ms: max ${Math.max(...sampled).toFixed(0)} MB`,
        runs: { peak: peaks.map((x) => round2(x) ?? NaN), sampled: sampled.map((x) => round2(x) ?? NaN) },
      },
    ];
  } finally {
    rmSync(file, { force: true });
    await app?.stop();
    await pool.end();
    await db.drop();
  }
}

if (require.main === module)
  runAlone('export', (server) => exportBench(server, { tasks: env('BENCH_EXPORT_TASKS', 100_000), runs: env('BENCH_RUNS', 3) }));
