/**
 * The benchmark runner: `npm run bench` (everything) and `npm run bench:quick` (appends, import,
 * rebuild, a short HTTP run and a small at-scale set; under 10 minutes). DATABASE_URL when set
 * (each section works in a database of its own, created and dropped there), else an embedded
 * PostgreSQL in a temporary folder under .data/. Prints a table and writes
 * bench/results/latest.json: [{ name, unit, ours, peer?, ceiling?, ratio?, runs, ... }].
 *
 *   node -r @swc-node/register bench/run.ts [--quick] [--only=append,import,import-file,rebuild,http,export,scale,digests,web]
 *
 * Sizes (full / quick), each overridable: BENCH_ROUNDS and BENCH_SECONDS (appends: 5×5 s / 5×3 s),
 * BENCH_IMPORT_EVENTS (200,000 / 50,000), BENCH_REBUILD_EVENTS (50,000 / 10,000),
 * BENCH_HTTP_SECONDS (20 / 8), BENCH_HTTP_TASKS (20,000 / 4,000), BENCH_HTTP_ROUNDS (3: ours and the ceiling by turns), BENCH_SCALE_TASKS
 * (1,000,000 / 20,000), BENCH_IMPORT_ROWS (10,000 / 10,000: the plan file previewed then imported),
 * BENCH_EXPORT_TASKS (100,000 / 20,000: the task list exported as XLSX),
 * BENCH_RUNS (5 / 3: import, import-file, rebuild and export runs), BENCH_WEB_RUNS (3 / 1: Lighthouse
 * runs per page; the web section needs /usr/bin/chromium and is skipped, with a line, without it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { appendBench } from './append';
import { exportBench } from './export';
import { importBench } from './import';
import { importFileBench } from './import-file';
import { BenchRow, env, machineLoad, openBenchServer, printTable } from './lib';
import { rebuildBench } from './rebuild';
import { scaleBench } from './scale';
import { webBench } from './web';

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
const want = (section: string) => !only || only.includes(section);
const size = (name: string, full: number, small: number) => env(name, quick ? small : full);

async function main(): Promise<void> {
  const started = Date.now();
  const server = await openBenchServer();
  const header = `${server.describe}; ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GB; load average at start ${machineLoad()}; ${quick ? 'quick' : 'full'} run`;
  console.log(header);
  const rows: BenchRow[] = [];
  const loads: string[] = [];
  const section = async (name: string, f: () => Promise<BenchRow[]>) => {
    if (!want(name)) return;
    const load = machineLoad();
    loads.push(`${name}: ${load}`);
    console.log(`\n== ${name} (load average ${load})`);
    const t0 = Date.now();
    try {
      rows.push(...(await f()));
    } catch (e) {
      console.error(`  ${name} failed: ${(e as Error).stack ?? e}`);
      rows.push({ name: `${name}: FAILED (${(e as Error).message})`, unit: '', ours: null, runs: {} });
    }
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  };
  const runs = size('BENCH_RUNS', 5, 3);
  try {
    await section('append', () => appendBench(server, { rounds: size('BENCH_ROUNDS', 5, 5), seconds: size('BENCH_SECONDS', 5, 3) }));
    await section('import', () => importBench(server, { events: size('BENCH_IMPORT_EVENTS', 200_000, 50_000), runs }));
    await section('import-file', () => importFileBench(server, { rows: size('BENCH_IMPORT_ROWS', 10_000, 10_000), runs }));
    await section('rebuild', () => rebuildBench(server, { events: size('BENCH_REBUILD_EVENTS', 50_000, 10_000), runs }));
    await section('http', async () => {
      // In a process of its own, so that the RSS measured is the app's (and autocannon's).
      const out = join(tmpdir(), `dondoc-bench-http-${process.pid}.json`);
      const r = spawnSync(process.execPath, ['-r', '@swc-node/register', join('bench', 'http.ts')], {
        stdio: 'inherit',
        env: {
          ...process.env,
          DATABASE_URL: server.url,
          BENCH_OUT: out,
          BENCH_HTTP_TASKS: String(size('BENCH_HTTP_TASKS', 20_000, 4_000)),
          BENCH_HTTP_SECONDS: String(size('BENCH_HTTP_SECONDS', 20, 8)),
        },
      });
      if (r.status !== 0 || !existsSync(out)) throw new Error(`bench/http.ts exited with ${r.status}`);
      const rows = JSON.parse(readFileSync(out, 'utf8')) as BenchRow[];
      rmSync(out, { force: true });
      return rows;
    });
    await section('export', () => exportBench(server, { tasks: size('BENCH_EXPORT_TASKS', 100_000, 20_000), runs }));
    await section('scale', () => scaleBench(server, { tasks: size('BENCH_SCALE_TASKS', 1_000_000, 20_000) }));
    if (existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'))
      await section('web', () => webBench(server, { runs: size('BENCH_WEB_RUNS', 3, 1) }));
    else if (want('web')) console.log('\n== web: skipped (no Chromium at /usr/bin/chromium: apt-get install -y chromium)');
    if (!quick && want('digests') && existsSync(join('bench', 'digests.ts'))) {
      await section('digests', async () => {
        // The digest benchmark is a script of its own: run it on this server, take its rows.
        const out = join('bench', 'results', 'digests.json');
        rmSync(out, { force: true });
        const r = spawnSync(process.execPath, ['-r', '@swc-node/register', join('bench', 'digests.ts')], {
          stdio: 'inherit',
          env: { ...process.env, DATABASE_URL: server.url },
        });
        if (r.status !== 0 || !existsSync(out)) throw new Error(`bench/digests.ts exited with ${r.status}`);
        return JSON.parse(readFileSync(out, 'utf8')) as BenchRow[];
      });
    }
  } finally {
    await server.stop();
  }
  printTable(rows);
  console.log(header);
  console.log(
    `load average per section: ${loads.join('; ')}; at the end ${machineLoad()}; ${((Date.now() - started) / 60000).toFixed(1)} min`,
  );
  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(join('bench', 'results', 'latest.json'), JSON.stringify(rows, null, 2) + '\n');
  console.log('written: bench/results/latest.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
