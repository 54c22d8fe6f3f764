/**
 * Shared by the benchmarks: where the database comes from, fresh databases per section, the result
 * row, statistics and the table.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { startEmbeddedDatabase } from '../libs/platform/src/database/embedded-database';

/** One line of bench/results/latest.json. */
export interface BenchRow {
  /** A stable key for scripts (`http.peak`: its ours, ceiling and ratio), where the name may change. */
  id?: string;
  /** What was measured (the appends row's name contains "append"). */
  name: string;
  unit: string;
  ours: number | null;
  peer?: number | null;
  peerName?: string;
  ceiling?: number | null;
  /** How many times better ours is than the peer (or, without one, the fraction of the ceiling). */
  ratio?: number | null;
  /** The goal, as text, and whether it is met. */
  goal?: string;
  met?: boolean;
  /** The raw runs behind each median. */
  runs: Record<string, number[]>;
  note?: string;
}

export interface BenchServer {
  /** A database the section may use; `fresh` makes a new one when the server allows it. */
  url: string;
  describe: string;
  fresh(tag: string): Promise<{ url: string; drop(): Promise<void> }>;
  /** A copy of the database at `url` (CREATE DATABASE … TEMPLATE: nothing may be connected to it). */
  copy(url: string, tag: string): Promise<{ url: string; drop(): Promise<void> }>;
  stop(): Promise<void>;
}

export const round2 = (x: number | null | undefined): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 100) / 100;

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** pg-pool's end() resolves before its sockets close: stopping the server then must not crash us. */
export function quiet<T extends Pool | Client>(db: T): T {
  (db as Pool).on('error', () => undefined);
  return db;
}

export const machineLoad = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/** DATABASE_URL when set, else an embedded PostgreSQL in a temporary folder under .data/. */
export async function openBenchServer(): Promise<BenchServer> {
  let url = process.env.DATABASE_URL;
  let stop = async () => undefined as void;
  let embedded = false;
  if (!url) {
    mkdirSync('.data', { recursive: true });
    const dir = mkdtempSync(join('.data', 'bench-pg-'));
    const db = await startEmbeddedDatabase({ dir, persistent: false, database: 'dondoc_bench' });
    url = db.url;
    embedded = true;
    stop = async () => {
      await new Promise((r) => setTimeout(r, 200));
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const c = quiet(new Client({ connectionString: url }));
  await c.connect();
  const { rows } = await c.query<{ v: string; fsync: string; sc: string }>(
    `SELECT current_setting('server_version') AS v, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc`,
  );
  await c.end();
  const describe = `PostgreSQL ${rows[0].v} (fsync=${rows[0].fsync}, synchronous_commit=${rows[0].sc})${embedded ? ', embedded' : ''}`;
  const base = url;
  const create = async (tag: string, template: string, fallBack: boolean) => {
    const name = `dondoc_bench_${tag}_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const admin = quiet(new Client({ connectionString: base }));
    await admin.connect();
    try {
      // A template's last connections may take a moment to go once their process has exited (55006).
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE ${name}${template}`);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '55006' || attempt >= 20) throw e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    } catch (e) {
      await admin.end();
      if (!fallBack) throw e;
      console.warn(`  (cannot CREATE DATABASE: ${(e as Error).message}; using DATABASE_URL as is)`);
      return { url: base, drop: async () => undefined };
    }
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const a = quiet(new Client({ connectionString: base }));
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
        await a.end();
      },
    };
  };
  return {
    url: base,
    describe,
    stop,
    /** A database of its own per section (CREATE DATABASE), or the given one when not allowed. */
    async fresh(tag: string) {
      return create(tag, '', true);
    },
    async copy(url: string, tag: string) {
      return create(tag, ` TEMPLATE ${new URL(url).pathname.slice(1)}`, false);
    },
  };
}

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined ? '' : Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(round2(x));

/**
 * One bench run alone (`node -r @swc-node/register bench/<name>.ts`): its own database server,
 * the table, and bench/results/<name>.json; exit 1 on failure.
 */
export function runAlone(name: string, bench: (server: BenchServer) => Promise<BenchRow[]>, describe = false): void {
  (async () => {
    const server = await openBenchServer();
    if (describe) console.log(server.describe);
    try {
      const rows = await bench(server);
      printTable(rows);
      mkdirSync(join('bench', 'results'), { recursive: true });
      writeFileSync(join('bench', 'results', `${name}.json`), JSON.stringify(rows, null, 2) + '\n');
      console.log(`written: bench/results/${name}.json`);
    } finally {
      await server.stop();
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

export function printTable(rows: BenchRow[]): void {
  console.log('');
  console.log('| measure | unit | ours | peer | ceiling | ratio | goal | met |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of rows) {
    const peer = r.peer === undefined ? '' : `${fmt(r.peer)}${r.peerName ? ` (${r.peerName})` : ''}`;
    const ratio = r.ratio === undefined || r.ratio === null ? '' : `${round2(r.ratio)}×`;
    console.log(
      `| ${r.id ? `${r.name} [${r.id}]` : r.name} | ${r.unit} | ${fmt(r.ours)} | ${peer} | ${fmt(r.ceiling)} | ${ratio} | ${r.goal ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'NO'} |`,
    );
  }
  console.log('');
}

/** Lower-is-better latency samples into p50/p95/p99. */
export function latencyStats(samples: number[]): { p50: number; p95: number; p99: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), n: s.length };
}

export const env = (name: string, fallback: number): number => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};
