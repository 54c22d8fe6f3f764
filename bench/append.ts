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
 * Knobs: BENCH_ROUNDS (5), BENCH_SECONDS (5), BENCH_WRITERS (32), BENCH_ONLY (ours,peer,ceiling),
 * BENCH_APPEND_GROUPS (our append transactions in flight; the store's default when unset).
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { NewEvent } from '../libs/event-store/src/event-store.port';
import { migrate } from '../libs/platform/src/database/migrate';
import { BenchRow, BenchServer, env, median, runAlone, quantile, quiet, round2 } from './lib';

let ROUNDS = env('BENCH_ROUNDS', 5);
let SECONDS = env('BENCH_SECONDS', 5);
const WRITERS = env('BENCH_WRITERS', 32);
const STREAMS_PER_WRITER = 4;
const ONLY = (process.env.BENCH_ONLY ?? 'ours,peer,ceiling').split(',');

type Name = 'ours' | 'peer' | 'ceiling';
export interface Appender {
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
    data: {
      taskId: `t-${seq}`,
      assignee: 'u-42',
      note: 'Báo cáo tiến độ triển khai chỉ thị số 12/CT-UBND',
      percent: (seq * 7) % 100,
      n: i,
    },
    metadata: { actor, correlationId: randomUUID() },
    occurredAt: new Date(),
  }));
}

export async function ours(url: string): Promise<Appender> {
  await migrate(url);
  const appendGroups = process.env.BENCH_APPEND_GROUPS ? Number(process.env.BENCH_APPEND_GROUPS) : undefined;
  const store = new PostgresEventStore(
    quiet(new Pool({ connectionString: url, max: WRITERS, idleTimeoutMillis: 500, application_name: 'bench-ours' })),
    { appendGroups },
  );
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

export async function ceiling(url: string): Promise<Appender> {
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

export async function round(a: Appender, tag: string): Promise<RoundResult> {
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

/** The appends row (and its latency rows), ours vs Emmett vs the bare INSERT, interleaved. */
export async function appendBench(server: BenchServer, opts: { rounds?: number; seconds?: number } = {}): Promise<BenchRow[]> {
  ROUNDS = opts.rounds ?? ROUNDS;
  SECONDS = opts.seconds ?? SECONDS;
  const db = await server.fresh('append');
  const url = db.url;
  console.log(`appends: ${WRITERS} writers, 1-3 events per append, ${ROUNDS} rounds x ${SECONDS}s each, interleaved`);
  const all: Appender[] = [];
  try {
    for (const make of [ours, peer, ceiling]) {
      const a = await make(url);
      if (ONLY.includes(a.name)) all.push(a);
      else await a.close();
    }
    // Warm-up: connections, plans, first pages.
    for (const a of all) await round(a, 'warm');
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
    const runsOf = (key: keyof RoundResult) => Object.fromEntries([...runs].map(([n, rs]) => [n, rs.map((x) => round2(x[key]) ?? NaN)]));
    const o = med('ours', 'eventsPerSecond');
    const p = med('peer', 'eventsPerSecond');
    const c = med('ceiling', 'eventsPerSecond');
    const rows: BenchRow[] = [
      {
        name: `appends (${WRITERS} writers, 1-3 events/append, expected version, hash chain)`,
        unit: 'events/s',
        ours: round2(o),
        peer: round2(p),
        peerName: 'Emmett-postgresql 0.42',
        ceiling: round2(c),
        ratio: round2(o / p),
        goal: '≥ 2× Emmett and ≥ 80 % of bare INSERT',
        met: o >= 2 * p && o >= 0.8 * c,
        note: `${Math.round((o / c) * 100)} % of the bare INSERT`,
        runs: runsOf('eventsPerSecond'),
      },
    ];
    for (const key of ['p50', 'p99'] as const) {
      const lo = med('ours', key);
      const lp = med('peer', key);
      rows.push({
        name: `append latency ${key}`,
        unit: 'ms',
        ours: round2(lo),
        peer: round2(lp),
        peerName: 'Emmett-postgresql 0.42',
        ceiling: round2(med('ceiling', key)),
        ratio: round2(lp / lo),
        runs: runsOf(key),
      });
    }
    return rows;
  } finally {
    for (const a of all) await a.close().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    await db.drop();
  }
}

if (require.main === module) runAlone('append', appendBench, true);
