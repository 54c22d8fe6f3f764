/**
 * Append benchmark: our PostgreSQL event store against Emmett's (a peer doing the same job) and
 * against a bare one-statement INSERT (the ceiling: what the server does with no event store).
 *
 *   npm run bench:append                  embedded PostgreSQL in a temporary folder under .data/
 *   DATABASE_URL=postgres://... npm run bench:append
 *
 * Same workload for all three: WRITERS concurrent writers, each appending 1-3 events per call to
 * streams of its own with the expected version it knows. Rounds are interleaved (ours, peer,
 * ceiling, then the next round in a rotated order) so drift on the machine hits all alike; the
 * figures are medians over the rounds. Writes bench/results/append.json.
 *
 * Knobs: BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_WRITERS (32), BENCH_ONLY (ours,peer,ceiling).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { NewEvent } from '../libs/event-store/src/event-store.port';
import { startEmbeddedDatabase } from '../libs/platform/src/database/embedded-database';
import { migrate } from '../libs/platform/src/database/migrate';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 32);
const STREAMS_PER_WRITER = 4;
const ONLY = (process.env.BENCH_ONLY ?? 'ours,peer,ceiling').split(',');

type Name = 'ours' | 'peer' | 'ceiling';
interface Appender {
  name: Name;
  label: string;
  /** Appends `events` to `stream`, expecting it at `version` (0: new); returns the new version. */
  append(stream: string, version: number, events: NewEvent[]): Promise<number>;
  close(): Promise<void>;
}
interface RoundResult {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  appends: number;
}

const actor = { userId: 'u-bench', role: 'officer', office: 'SO-TU-PHAP' };
function makeEvents(n: number, seq: number): NewEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    eventId: randomUUID(),
    type: i % 2 ? 'TaskProgressReported' : 'TaskAssigned',
    data: { taskId: `t-${seq}`, assignee: 'u-42', note: 'Báo cáo tiến độ triển khai chỉ thị số 12/CT-UBND', percent: (seq * 7) % 100, n: i },
    metadata: { actor, correlationId: randomUUID() },
    occurredAt: new Date(),
  }));
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const median = (xs: number[]) => quantile([...xs].sort((a, b) => a - b), 0.5);

/** pg-pool's end() resolves before its sockets close: stopping the server then must not crash us. */
function quiet(pool: Pool): Pool {
  pool.on('error', () => undefined);
  return pool;
}

async function ours(url: string): Promise<Appender> {
  await migrate(url);
  const store = new PostgresEventStore(quiet(new Pool({ connectionString: url, max: WRITERS, idleTimeoutMillis: 500, application_name: 'bench-ours' })));
  return {
    name: 'ours',
    label: 'Dondoc PostgresEventStore (es_append, hash chain)',
    append: async (stream, version, events) => (await store.append(stream, events, version === 0 ? 'noStream' : version)).version,
    close: () => store.close(),
  };
}

async function peer(url: string): Promise<Appender> {
  const pool = quiet(new Pool({ connectionString: url, max: WRITERS, idleTimeoutMillis: 500, application_name: 'bench-emmett' }));
  const store = getPostgreSQLEventStore(url, { connectionOptions: { pool, pooled: true } });
  await store.schema.migrate();
  return {
    name: 'peer',
    label: 'Emmett PostgreSQL 0.42 (appendToStream)',
    append: async (stream, version, events) => {
      const r = await store.appendToStream(
        stream,
        events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { ...e.metadata, messageId: e.eventId } })),
        { expectedStreamVersion: version === 0 ? STREAM_DOES_NOT_EXIST : BigInt(version) },
      );
      return Number(r.nextExpectedStreamVersion);
    },
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

async function ceiling(url: string): Promise<Appender> {
  const pool = quiet(new Pool({ connectionString: url, max: WRITERS, idleTimeoutMillis: 500, application_name: 'bench-bare' }));
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id uuid NOT NULL, stream_id text NOT NULL,
    version integer NOT NULL, type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    occurred_at timestamptz NOT NULL, UNIQUE (stream_id, version))`);
  return {
    name: 'ceiling',
    label: 'bare multi-row INSERT (one statement per append)',
    append: async (stream, version, events) => {
      await pool.query(
        `INSERT INTO bench_bare (event_id, stream_id, version, type, data, metadata, occurred_at)
         SELECT e, $1, v, t, d, m, o FROM unnest($2::uuid[], $3::int[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[]) AS x(e, v, t, d, m, o)`,
        [
          stream,
          events.map((e) => e.eventId),
          events.map((_, i) => version + i + 1),
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
          events.map((e) => e.occurredAt.toISOString()),
        ],
      );
      return version + events.length;
    },
    close: () => pool.end(),
  };
}

async function round(a: Appender, tag: string): Promise<RoundResult> {
  const latencies: number[] = [];
  let events = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const writer = async (w: number) => {
    const streams = Array.from({ length: STREAMS_PER_WRITER }, () => ({ id: `bench-${a.name}-${tag}-${w}-${randomUUID()}`, version: 0 }));
    for (let i = 0; performance.now() < deadline; i++) {
      const s = streams[i % streams.length];
      const n = 1 + ((i * 7 + w) % 3);
      const batch = makeEvents(n, i);
      const t0 = performance.now();
      s.version = await a.append(s.id, s.version, batch);
      latencies.push(performance.now() - t0);
      events += n;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((x, y) => x - y);
  return { eventsPerSecond: events / elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), appends: latencies.length };
}

async function main(): Promise<void> {
  let url = process.env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!url) {
    mkdirSync('.data', { recursive: true });
    dir = mkdtempSync(join('.data', 'bench-pg-'));
    const db = await startEmbeddedDatabase({ dir, persistent: false, database: 'dondoc_bench' });
    url = db.url;
    stop = db.stop;
  }
  const server = await (async () => {
    const p = new Pool({ connectionString: url, max: 1 });
    const { rows } = await p.query<{ v: string; fsync: string; sc: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc`,
    );
    await p.end();
    return `PostgreSQL ${rows[0].v} (fsync=${rows[0].fsync}, synchronous_commit=${rows[0].sc})${stop ? ', embedded' : ''}`;
  })();
  console.log(`${server}; ${WRITERS} writers, 1-3 events per append, ${ROUNDS} rounds x ${SECONDS}s each, interleaved`);

  const all: Appender[] = [];
  try {
    for (const make of [ours, peer, ceiling]) {
      const a = await make(url);
      if (ONLY.includes(a.name)) all.push(a);
      else await a.close();
    }
    // Warm-up: connections, plans, first pages.
    for (const a of all) await round(a, 'warm').then(() => undefined, (e) => Promise.reject(e));
    const runs = new Map<Name, RoundResult[]>(all.map((a) => [a.name, []]));
    for (let r = 0; r < ROUNDS; r++) {
      const order = all.map((_, i) => all[(i + r) % all.length]);
      for (const a of order) {
        const res = await round(a, `r${r}`);
        runs.get(a.name)!.push(res);
        console.log(
          `  round ${r + 1} ${a.name.padEnd(8)} ${res.eventsPerSecond.toFixed(0).padStart(7)} events/s  p50 ${res.p50.toFixed(2)} ms  p99 ${res.p99.toFixed(2)} ms`,
        );
      }
    }

    const med = (name: Name, key: keyof RoundResult) => {
      const rs = runs.get(name);
      return rs && rs.length ? median(rs.map((x) => x[key])) : NaN;
    };
    const rows: Array<{ metric: string; unit: string; key: keyof RoundResult; higherIsBetter: boolean }> = [
      { metric: 'append throughput', unit: 'events/s', key: 'eventsPerSecond', higherIsBetter: true },
      { metric: 'append latency p50', unit: 'ms', key: 'p50', higherIsBetter: false },
      { metric: 'append latency p99', unit: 'ms', key: 'p99', higherIsBetter: false },
    ];
    const results = rows.map(({ metric, unit, key, higherIsBetter }) => {
      const o = med('ours', key);
      const p = med('peer', key);
      const c = med('ceiling', key);
      const round2 = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);
      return {
        name: metric,
        unit,
        ours: round2(o),
        peer: round2(p),
        ceiling: round2(c),
        // How many times better ours is than the peer (>1: ours better), whatever the direction.
        ratio: round2(higherIsBetter ? o / p : p / o),
        ofCeiling: round2(higherIsBetter ? o / c : c / o),
        runs: Object.fromEntries([...runs].map(([n, rs]) => [n, rs.map((x) => round2(x[key]))])),
        server,
        writers: WRITERS,
        seconds: SECONDS,
      };
    });

    console.log('');
    console.log(`| metric | ours | Emmett 0.42 | bare INSERT | ours vs Emmett | ours of bare |`);
    console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
    for (const r of results) {
      console.log(`| ${r.name} (${r.unit}) | ${r.ours} | ${r.peer} | ${r.ceiling} | ${r.ratio}x | ${r.ofCeiling === null ? '' : Math.round(r.ofCeiling * 100) + '%'} |`);
    }
    mkdirSync(join('bench', 'results'), { recursive: true });
    writeFileSync(join('bench', 'results', 'append.json'), JSON.stringify(results, null, 2) + '\n');
    console.log('\nwritten: bench/results/append.json');
  } finally {
    for (const a of all) await a.close().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    if (stop) await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
