/**
 * HTTP under load: the app as `npm start` runs it (built, then `node dist/apps/api/src/main.js`:
 * API, projector and worker in one process, CONSISTENCY=strong as by default), in a process of
 * its own; autocannon in this one.
 *
 * Requests alternate: a progress report on an open task (POST /v1/tasks/:id/progress, officer of
 * the lead office — a write through the aggregate runner, the event store and, before the answer,
 * the projector) and the overdue list of one office (GET /v1/reports/overdue?office=…, the
 * district leader). Measured: p99 at a fixed 300 req/s, the peak rate with 32 connections, the
 * app process's peak RSS (VmHWM), and the projection lag under the fixed-rate load.
 *
 * The same autocannon runs go to the ceiling (bench/http-ceiling.ts: Fastify and pg, the same
 * SQL, no framework, no projection wait) on a copy of the database, interleaved with ours
 * (ours, ceiling, ours, ceiling… for BENCH_HTTP_ROUNDS rounds): the machine is shared, so the
 * figures that count are the per-round ratios, and their medians.
 */
import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore, StreamAppend, comparePositions } from '@dondoc/event-store';
import { AppProcess } from './app-process';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { migrate } from '../libs/platform/src/database/migrate';
import { newSet, taskAppends } from './generate';
import { BenchRow, BenchServer, env, latencyStats, median, openBenchServer, quiet, round2 } from './lib';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256-0123456789';

interface CannonResult {
  latency: { p99: number; p50: number; average: number };
  requests: { average: number; total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/** ", statuses 409×2 500×1" when some answers were not 2xx, for the log. */
const statuses = (r: CannonResult): string =>
  r.non2xx
    ? ` (${Object.entries(r.statusCodeStats ?? {})
        .filter(([code]) => !code.startsWith('2'))
        .map(([code, s]) => `${code}×${s.count}`)
        .join(' ')})`
    : '';

type Side = 'ours' | 'ceiling';
const SIDES: Side[] = ['ours', 'ceiling'];
const CEILING = join(__dirname, 'http-ceiling.ts');

/** Medians of a measure on both sides, and the median of the per-round ratios (the runs were paired). */
function paired(
  results: Record<Side, CannonResult[]>,
  measure: (r: CannonResult) => number,
  ratio: (ours: number, ceiling: number) => number,
) {
  const ours = results.ours.map(measure);
  const ceiling = results.ceiling.map(measure);
  const ratios = ours.map((o, i) => ratio(o, ceiling[i]));
  return {
    ours: round2(median(ours)),
    ceiling: round2(median(ceiling)),
    ratio: round2(median(ratios)),
    runs: {
      ours: ours.map((x) => round2(x) ?? NaN),
      ceiling: ceiling.map((x) => round2(x) ?? NaN),
      ratio: ratios.map((x) => round2(x) ?? NaN),
    },
  };
}

/**
 * The projection lag while a run goes: every 200 ms the log's head is noted, and the time until
 * rm_checkpoints reaches it is that sample's lag. `stop` ends the sampling and waits for the last.
 */
function lagSampler(store: PostgresEventStore, pool: Pool): { stop(): Promise<number[]> } {
  const lags: number[] = [];
  let sampling = true;
  const done = (async () => {
    const pending: { at: number; head: string }[] = [];
    let lastSample = 0;
    while (sampling || pending.length) {
      const now = performance.now();
      if (sampling && now - lastSample >= 200) {
        lastSample = now;
        pending.push({ at: now, head: await store.headPosition() });
      }
      const { rows } = await pool.query<{ position: string }>(`SELECT position FROM rm_checkpoints WHERE name = 'main'`);
      const cp = rows[0]?.position ?? '';
      while (pending.length && comparePositions(cp, pending[0].head) >= 0) lags.push(performance.now() - pending.shift()!.at);
      if (pending.length && performance.now() - pending[0].at > 30_000) throw new Error('projection lag above 30 s');
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await done;
      return lags;
    },
  };
}

function run(opts: autocannon.Options): Promise<CannonResult> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, result) => (err ? reject(err) : resolve(result as unknown as CannonResult)));
  });
}

export async function httpBench(
  server: BenchServer,
  opts: { tasks: number; seconds: number; rate?: number; connections?: number; rounds?: number },
): Promise<BenchRow[]> {
  const db = await server.fresh('http');
  const rate = opts.rate ?? 300;
  const connections = opts.connections ?? 32;
  const rounds = opts.rounds ?? 3;
  let pool = quiet(new Pool({ connectionString: db.url, max: 3 }));
  let app: AppProcess | undefined;
  let ceiling: AppProcess | undefined;
  let copy: { url: string; drop(): Promise<void> } | undefined;
  try {
    await migrate(db.url);
    let store = new PostgresEventStore(pool);
    const { set, appends } = newSet(41, 4);
    await store.appendMany(appends);
    const open: { id: string; lead: string }[] = [];
    for (let i = 0; i < opts.tasks; i += 500) {
      const group: StreamAppend[] = taskAppends(set, i, Math.min(opts.tasks, i + 500), 6);
      await store.appendMany(group);
      for (const a of group) {
        // Open tasks take progress reports; the others were completed and accepted.
        if (a.events[a.events.length - 1].type === 'ProgressReported') {
          open.push({ id: a.streamId.replace(/^task-/, ''), lead: (a.events[0].data as { lead: string }).lead });
        }
      }
    }
    AppProcess.build();
    // BENCH_APP_ENV: more of the app's settings, e.g. `CONSISTENCY=eventual`, to see what the projection wait costs.
    const extra = Object.fromEntries(
      (process.env.BENCH_APP_ENV ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((kv) => kv.split(/=(.*)/s, 2)),
    );
    const appEnv = { JWT_SECRET: SECRET, PORT: '0', LOG_LEVEL: 'error', DATA_DIR: '.data', RATE_LIMIT: 'off' };
    app = await AppProcess.start({ ...appEnv, DATABASE_URL: db.url });
    // Wait for the projector to catch up with the seeded log.
    const head = await store.headPosition();
    for (let i = 0; ; i++) {
      const { rows } = await pool.query<{ position: string }>(`SELECT position FROM rm_checkpoints WHERE name = 'main'`);
      if (rows[0] && comparePositions(rows[0].position, head) >= 0) break;
      if (i > 1200) throw new Error('the projector did not catch up with the seeded log in 2 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    // The ceiling gets a copy of the database (log and read models): its appends must not be
    // projected by our app's projector while the ceiling is measured, nor grow our log.
    await app.stop();
    await pool.end();
    copy = await server.copy(db.url, 'http_ceiling');
    pool = quiet(new Pool({ connectionString: db.url, max: 3 }));
    store = new PostgresEventStore(pool);
    app = await AppProcess.start({ ...appEnv, ...extra, DATABASE_URL: db.url });
    // DONDOC_ROLE=api: no projector in the process, and no lag to sample.
    const projecting = extra.DONDOC_ROLE !== 'api';
    ceiling = await AppProcess.start({ JWT_SECRET: SECRET, PORT: '0', DATABASE_URL: copy.url }, ['-r', '@swc-node/register', CEILING]);
    const rssIdle = app.memory().rss;
    const leader = signToken(SECRET, { sub: 'leader-bench', role: 'leader', office: set.root });
    const officers = new Map(set.offices.map((o) => [o, signToken(SECRET, { sub: `officer-${o}`, role: 'officer', office: o })]));
    let n = 0;
    const requests: autocannon.Request[] = [
      {
        method: 'POST',
        setupRequest: (req) => {
          const t = open[n++ % open.length];
          return {
            ...req,
            path: `/v1/tasks/${t.id}/progress`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${officers.get(t.lead)}` },
            body: JSON.stringify({ note: 'Đã triển khai theo kế hoạch', percent: 50 }),
          };
        },
      },
      {
        method: 'GET',
        setupRequest: (req) => ({
          ...req,
          path: `/v1/reports/overdue?office=${encodeURIComponent(set.offices[1 + (n++ % (set.offices.length - 1))])}`,
          headers: { authorization: `Bearer ${leader}` },
        }),
      },
    ];
    // BENCH_HTTP_MIX=write or read: one kind of request only, to see which one limits the mix.
    const mix = process.env.BENCH_HTTP_MIX;
    const base = { requests: mix === 'write' ? [requests[0]] : mix === 'read' ? [requests[1]] : requests, timeout: 10 };
    const sides = { ours: app.url, ceiling: ceiling.url };
    console.log(
      `http: ${set.offices.length} offices, ${opts.tasks.toLocaleString('en-US')} tasks (${open.length} open), progress reports and overdue lists alternating; ${rounds} rounds, ours and the ceiling (bench/http-ceiling.ts) interleaved`,
    );
    // Warm-up, both sides.
    for (const url of Object.values(sides)) await run({ ...base, url, connections: 8, duration: 3 });

    const lags: number[] = [];
    const fixed: Record<Side, CannonResult[]> = { ours: [], ceiling: [] };
    const peak: Record<Side, CannonResult[]> = { ours: [], ceiling: [] };
    for (let round = 1; round <= rounds; round++) {
      for (const side of SIDES) {
        // Fixed rate; on our side with the projection lag sampled meanwhile.
        const sampler = side === 'ours' && projecting ? lagSampler(store, pool) : undefined;
        const r = await run({
          ...base,
          url: sides[side],
          connections: Math.min(connections, rate),
          overallRate: rate,
          duration: opts.seconds,
        });
        if (sampler) lags.push(...(await sampler.stop()));
        fixed[side].push(r);
        console.log(
          `  round ${round}, ${side.padEnd(7)} fixed ${rate} req/s: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(r.requests.average)} req/s, non-2xx ${r.non2xx}${statuses(r)}, errors ${r.errors}`,
        );
      }
      for (const side of SIDES) {
        const r = await run({ ...base, url: sides[side], connections, duration: opts.seconds });
        peak[side].push(r);
        console.log(
          `  round ${round}, ${side.padEnd(7)} peak (${connections} connections): ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}${statuses(r)}, errors ${r.errors}`,
        );
      }
    }
    const rssMax = app.memory().peak;
    const lag = latencyStats(lags);
    console.log(
      `  projection lag under ${rate} req/s: p50 ${lag.p50.toFixed(0)} ms, p99 ${lag.p99.toFixed(0)} ms over ${lag.n} samples; RSS ${Math.round(rssIdle / 2 ** 20)} MB idle, max ${Math.round(rssMax / 2 ** 20)} MB`,
    );
    const failures = (side: Side) => [...fixed[side], ...peak[side]].reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0);
    const bad = failures('ours');
    const note = (extra: string) =>
      [extra, bad ? `${bad} non-2xx/errors on our side` : '', failures('ceiling') ? `${failures('ceiling')} on the ceiling's` : '']
        .filter(Boolean)
        .join('; ');
    const p99 = paired(
      fixed,
      (r) => r.latency.p99,
      (ours, ceiling) => ceiling / ours,
    );
    const top = paired(
      peak,
      (r) => r.requests.average,
      (ours, ceiling) => ours / ceiling,
    );
    return [
      {
        id: `http.p99_at_${rate}`,
        name: `HTTP p99 at a fixed ${rate} req/s (progress reports + overdue lists)`,
        unit: 'ms',
        ours: p99.ours,
        ceiling: p99.ceiling,
        ratio: p99.ratio,
        goal: '≤ 50 ms',
        met: (p99.ours ?? Infinity) <= 50 && !bad,
        note: note(`medians of ${rounds} interleaved runs; ratio = the ceiling's p99 / ours, per round, median`),
        runs: p99.runs,
      },
      {
        id: 'http.peak',
        name: `HTTP peak (${connections} connections, same mix)`,
        unit: 'req/s',
        ours: top.ours,
        ceiling: top.ceiling,
        ratio: top.ratio,
        goal: '≥ 70 % of the ceiling',
        met: (top.ratio ?? 0) >= 0.7 && !bad,
        note: note(`medians of ${rounds} interleaved runs; ratio = ours / the ceiling's, per round, median`),
        runs: top.runs,
      },
      {
        id: 'http.rss',
        name: 'API RSS (peak of the app process during the HTTP runs)',
        unit: 'MB',
        ours: round2(rssMax / 2 ** 20),
        goal: '≤ 250 MB',
        met: rssMax / 2 ** 20 <= 250,
        note: `${Math.round(rssIdle / 2 ** 20)} MB with the app started and caught up, before any request`,
        runs: { ours: [round2(rssMax / 2 ** 20) ?? NaN] },
      },
      {
        id: `http.projection_lag_p99_at_${rate}`,
        name: `projection lag p99 under ${rate} req/s`,
        unit: 'ms',
        ours: round2(lag.p99),
        goal: '≤ 1,000 ms',
        met: lag.p99 <= 1000,
        runs: { ours: [round2(lag.p50) ?? NaN, round2(lag.p99) ?? NaN] },
        note: `p50 ${Math.round(lag.p50)} ms, ${lag.n} samples`,
      },
    ];
  } finally {
    // Let the last requests autocannon left in flight finish before the app closes.
    await new Promise((r) => setTimeout(r, 1500));
    await app?.stop().catch(() => undefined);
    await ceiling?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    await copy?.drop();
    await db.drop();
  }
}

/**
 * Run alone (the runner does so, in a process of its own, so that the RSS is the app's and
 * autocannon's, not what earlier sections left behind): BENCH_HTTP_TASKS, BENCH_HTTP_SECONDS,
 * and BENCH_OUT, a file for the rows.
 */
if (require.main === module) {
  (async () => {
    const server = await openBenchServer();
    try {
      const rows = await httpBench(server, {
        tasks: env('BENCH_HTTP_TASKS', 20_000),
        seconds: env('BENCH_HTTP_SECONDS', 20),
        rounds: env('BENCH_HTTP_ROUNDS', 3),
      });
      if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(rows));
    } finally {
      await server.stop();
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
