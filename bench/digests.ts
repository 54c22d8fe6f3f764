/**
 * Weekly digest benchmark: 4,000 offices × 250 tasks (1,000,000 tasks), one digest run for an ISO
 * week — read and classify, render HTML and text, append the DigestIssued events (the "store"),
 * mail each one over SMTP to a local sink (smtp-server in this process) and append DigestDelivered.
 * Goal: ≤ 60 s. Writes bench/results/digests.json.
 *
 *   npm run bench:digests                      embedded PostgreSQL in a temporary folder under .data/
 *   DATABASE_URL=postgres://... npm run bench:digests
 *
 * The tasks are written straight into the read-model tables (rm_offices, rm_plans, rm_tasks,
 * rm_task_items) with generate_series: a million tasks through the API or the projector would take
 * far longer than what is measured here, and the digest reads only those tables. Shape: a province,
 * 40 districts, 99 offices under each (4,000 offices with tasks; the province and the districts get
 * roll-ups); deadlines spread over ±180 days around the digest's Monday; of those past, 80 % done on
 * time, 8 % late, 12 % still open (overdue); 15 % of the others done early.
 *
 * Knobs: BENCH_ROUNDS (3: weeks 2024-W14, W15, …), BENCH_OFFICES (4000), BENCH_TASKS_PER_OFFICE (250),
 * BENCH_DIGEST_CONCURRENCY (8 SMTP connections).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import type { EntityManager } from 'typeorm';
import { addDays, FixedClock } from '../libs/domain/src/shared';
import { mondayOf } from '../libs/domain/src/digest';
import { PostgresEventStore } from '../libs/event-store/src/postgres/postgres-event-store';
import { migrate } from '../libs/platform/src/database/migrate';
import { DigestProjector } from '../libs/read-models/src/digests/digest.projector';
import { DigestRunner, SmtpDigestMailer } from '@dondoc/digests';
import { BenchRow, env, machineLoad, median, openBenchServer, printTable, quiet, round2 } from './lib';

const ROUNDS = env('BENCH_ROUNDS', 3);
const OFFICES = env('BENCH_OFFICES', 4000);
const PER_OFFICE = env('BENCH_TASKS_PER_OFFICE', 250);
const CONCURRENCY = env('BENCH_DIGEST_CONCURRENCY', 8);
const DISTRICTS = 40;
const GOAL_S = 60;
const FIRST_WEEK = 14;

async function generate(pool: Pool, today: string): Promise<void> {
  const perDistrict = Math.ceil(OFFICES / DISTRICTS) - 1;
  await pool.query(`
    INSERT INTO rm_offices (code, name, parent, level, email, path, status, version)
    VALUES ('B-ROOT', 'UBND tỉnh Bench', NULL, 'province', 'tinh@bench.example.vn', '/B-ROOT/', 'active', 1);
    INSERT INTO rm_offices (code, name, parent, level, email, path, status, version)
    SELECT 'B-D' || lpad(d::text, 2, '0'), 'UBND huyện ' || d, 'B-ROOT', 'district', 'huyen' || d || '@bench.example.vn',
           '/B-ROOT/B-D' || lpad(d::text, 2, '0') || '/', 'active', 1
      FROM generate_series(1, ${DISTRICTS}) d;
    INSERT INTO rm_offices (code, name, parent, level, email, path, status, version)
    SELECT c, 'Phòng ' || k || ' huyện ' || d, 'B-D' || lpad(d::text, 2, '0'), 'office', lower(c) || '@bench.example.vn',
           '/B-ROOT/B-D' || lpad(d::text, 2, '0') || '/' || c || '/', 'active', 1
      FROM generate_series(1, ${DISTRICTS}) d, generate_series(1, ${perDistrict}) k,
           LATERAL (SELECT 'B-D' || lpad(d::text, 2, '0') || '-P' || lpad(k::text, 2, '0') AS c) x;
    CREATE TEMP TABLE bench_offices AS
      SELECT (row_number() OVER (ORDER BY code)) - 1 AS idx, code, path, split_part(path, '/', 3) AS district
        FROM rm_offices WHERE code <> 'B-ROOT' LIMIT ${OFFICES};
    INSERT INTO rm_directives (id, number, kind, issued_on, issuer, title, state, version)
    VALUES (md5('directive')::uuid, '1879/QĐ-UBND', 'Quyết định', '2024-01-02', 'B-ROOT', 'Kế hoạch cải cách hành chính năm 2024', '{}', 1);
    INSERT INTO rm_plans (id, code, directive_id, issuer, title, period_from, period_to, requires_acceptance, state, version)
    SELECT md5(district)::uuid, 'KH-' || district, md5('directive')::uuid, district,
           'Kế hoạch khắc phục tồn tại, hạn chế CCHC năm 2023 – ' || district, '2023-01-01', '2025-12-31', true, '{}', 1
      FROM (SELECT DISTINCT district FROM bench_offices) p;
    CREATE TEMP TABLE bench_tasks AS
      SELECT md5('task' || n)::uuid AS id, md5(o.district)::uuid AS plan_id, n, o.code AS lead, o.path AS lead_path,
             (n % 8 + 1) || '.' || (n % 3 + 1) AS criterion, (n % 8 + 1)::text AS area, due, r,
             CASE WHEN due < '${today}'::date THEN CASE WHEN r < 80 THEN due - (r % 5) WHEN r < 88 THEN due + 3 END
                  WHEN r < 15 THEN '${today}'::date - 1 END AS completed_on
        FROM generate_series(0::bigint, ${OFFICES * PER_OFFICE - 1}) n
        JOIN bench_offices o ON o.idx = n / ${PER_OFFICE}
        CROSS JOIN LATERAL (SELECT '${today}'::date + ((n * 7919) % 360 - 180)::int AS due, ((n * 104729) % 100)::int AS r) x;
    INSERT INTO rm_tasks (id, plan_id, title, lead, lead_path, criterion, area, original_due_on, due_on, assigned_at, completed_on, state, version)
    SELECT id, plan_id, 'Nhiệm vụ ' || n || ': rà soát, cập nhật quy trình nội bộ theo Kế hoạch CCHC năm 2024', lead, lead_path,
           criterion, area, due, due, '2023-06-01T00:00:00Z', completed_on, '{}', 1
      FROM bench_tasks;
    INSERT INTO rm_task_items (task_id, key, plan_id, lead, lead_path, criterion, area, due_on, assigned_at, completed_on)
    SELECT id, '', plan_id, lead, lead_path, criterion, area, due, '2023-06-01T00:00:00Z', completed_on FROM bench_tasks;
    DROP TABLE bench_tasks; DROP TABLE bench_offices;
    ANALYZE rm_offices; ANALYZE rm_tasks; ANALYZE rm_task_items;
  `);
}

/** The digest projection over what the run appended, in batches, as the worker would. */
async function project(pool: Pool, store: PostgresEventStore, from: string): Promise<string> {
  const projector = new DigestProjector();
  let position = from;
  for (;;) {
    const batch = await store.readAll({ after: position, limit: 1000, filter: { streamPrefix: 'digest-' } });
    if (batch.events.length === 0) return position;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const tx = { query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows } as unknown as EntityManager;
      await projector.apply(batch.events, tx);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    position = batch.position;
  }
}

async function main(): Promise<void> {
  const server = await openBenchServer();
  console.log(server.describe);
  const db = await server.fresh('digests');
  let received = 0;
  let bytes = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onData: (stream, _session, callback) => {
      stream.on('data', (d: Buffer) => (bytes += d.length));
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as { port: number }).port}`;
  const pool = quiet(new Pool({ connectionString: db.url, max: 16, application_name: 'bench-digests' }));
  const store = new PostgresEventStore(pool);
  const mailer = new SmtpDigestMailer(smtpUrl, 'Dondoc <dondoc@bench.example.vn>', CONCURRENCY);
  try {
    await migrate(db.url);
    const today = mondayOf(`2024-W${FIRST_WEEK}`);
    let t0 = performance.now();
    await generate(pool, today);
    console.log(
      `generated ${OFFICES.toLocaleString('en-US')} offices × ${PER_OFFICE} tasks in ${((performance.now() - t0) / 1000).toFixed(1)} s (read-model rows, SQL)`,
    );

    const runs: number[] = [];
    const projections: number[] = [];
    const again: number[] = [];
    let position = '';
    let last = { issued: 0, delivered: 0, lines: 0 };
    for (let r = 0; r < ROUNDS; r++) {
      const week = `2024-W${FIRST_WEEK + r}`;
      const clock = new FixedClock(new Date(`${addDays(mondayOf(week), 1)}T00:00:00Z`));
      const runner = new DigestRunner(store, pool, mailer, clock, {
        cron: '0 7 * * 1',
        dueSoonDays: 7,
        concurrency: CONCURRENCY,
        backoffMs: 200,
        log: (l) => console.log(`    ${l}`),
      });
      const before = received;
      t0 = performance.now();
      const result = await runner.run({ week });
      const seconds = (performance.now() - t0) / 1000;
      t0 = performance.now();
      position = await project(pool, store, position);
      const projected = (performance.now() - t0) / 1000;
      t0 = performance.now();
      const second = await runner.run({ week });
      const idle = (performance.now() - t0) / 1000;
      if (second.issued.length || second.delivered.length) throw new Error('the second run of a week wrote something');
      const { rows } = await pool.query<{ n: string }>(
        `SELECT sum((counts->>'overdue')::int + (counts->>'dueThisWeek')::int + (counts->>'dueSoon')::int) AS n FROM rm_digests WHERE week = $1`,
        [week],
      );
      last = { issued: result.issued.length, delivered: result.delivered.length, lines: Number(rows[0].n) };
      if (received - before !== result.delivered.length || result.failed.length)
        throw new Error(`mailed ${received - before}, delivered ${result.delivered.length}, failed ${result.failed.length}`);
      runs.push(seconds);
      projections.push(projected);
      again.push(idle);
      console.log(
        `  ${week}: ${result.issued.length} digests issued (${last.lines.toLocaleString('en-US')} task lines), ${result.delivered.length} mailed in ${seconds.toFixed(1)} s; ` +
          `projected in ${projected.toFixed(1)} s; second run ${idle.toFixed(1)} s (nothing new)`,
      );
    }
    const tasks = `${OFFICES.toLocaleString('en-US')} offices × ${PER_OFFICE} tasks`;
    const rows: BenchRow[] = [
      {
        name: `weekly digests, ${tasks}: classify, render, store, mail (SMTP sink)`,
        unit: 's',
        ours: round2(median(runs)),
        goal: `≤ ${GOAL_S} s`,
        met: median(runs) <= GOAL_S,
        note: `${last.issued} digests, ${last.lines} task lines, ${last.delivered} mails (${Math.round(bytes / received / 1024)} KiB each on average), ${CONCURRENCY} SMTP connections; load average ${machineLoad()}`,
        runs: { ours: runs.map((x) => round2(x)!) },
      },
      {
        name: 'digest projection (rm_digests) of one run',
        unit: 's',
        ours: round2(median(projections)),
        runs: { ours: projections.map((x) => round2(x)!) },
      },
      {
        name: 'second run of the same week (nothing new)',
        unit: 's',
        ours: round2(median(again)),
        runs: { ours: again.map((x) => round2(x)!) },
      },
    ];
    printTable(rows);
    mkdirSync(join('bench', 'results'), { recursive: true });
    writeFileSync(join('bench', 'results', 'digests.json'), JSON.stringify(rows, null, 2) + '\n');
    console.log('written: bench/results/digests.json');
  } finally {
    mailer.close();
    await store.close();
    await new Promise<void>((r) => sink.close(() => r()));
    await db.drop();
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
