/**
 * At scale: a generated province (offices × 250 tasks, ~10 events per task; 1 M tasks / 10 M events
 * at full size) written through appendMany, the read models built by rebuildReadModels, then the
 * read paths timed directly on the query classes the HTTP routes use:
 *  - the overdue list of one office (ReportQuery.overdue, scope = that office's path), p95;
 *  - a plan's completion roll-up by office (ReportQuery.completion, groupBy office), median;
 *    and the same over every plan (the whole province), median;
 *  - a task at knownAt (what GET /v1/tasks/:id?knownAt does: readStream up to knownAt, fold), p95.
 */
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { TaskEvent, TaskState, evolveTask, taskStreamId } from '@dondoc/domain/task';
import { PostgresEventStore } from '@dondoc/event-store';
import { READ_MODEL_ENTITIES } from '@dondoc/read-models/read-models';
import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { ReportQuery } from '@dondoc/read-models/reports/report.query';
import { ReadSide } from '@dondoc/read-models/projection/read-side';
import { migrate } from '../libs/platform/src/database/migrate';
import { newSet, writeTasks } from './generate';
import { BenchRow, BenchServer, latencyStats, median, quiet, round2 } from './lib';

async function timeIt<T>(f: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

export async function scaleBench(
  server: BenchServer,
  opts: { tasks: number; eventsPerTask?: number; samples?: number },
): Promise<BenchRow[]> {
  const db = await server.fresh('scale');
  const eventsPerTask = opts.eventsPerTask ?? 10;
  const samples = opts.samples ?? 200;
  const pool = quiet(new Pool({ connectionString: db.url, max: 4 }));
  const ds = new DataSource({ type: 'postgres', url: db.url, entities: READ_MODEL_ENTITIES, extra: { max: 2 } });
  try {
    await migrate(db.url);
    const store = new PostgresEventStore(pool);
    const offices = Math.max(10, Math.ceil(opts.tasks / 250));
    const { set, appends } = newSet(offices + 1, Math.max(1, Math.ceil(opts.tasks / 10_000)));
    await store.appendMany(appends);
    console.log(
      `scale: ${offices.toLocaleString('en-US')} offices, ${opts.tasks.toLocaleString('en-US')} tasks, ~${eventsPerTask} events each, ${set.plans.length} plans`,
    );
    const gen = await writeTasks(store, set, opts.tasks, eventsPerTask, { perTx: 500, parallel: 2, log: (l) => console.log(l) });
    console.log(
      `  written ${gen.events.toLocaleString('en-US')} events in ${gen.seconds.toFixed(0)} s (${Math.round(gen.events / gen.seconds)} events/s, deciders included)`,
    );
    const rebuilt = await rebuildReadModels(db.url, {
      log: (l) => (/000 events$/.test(l) && Number(l.replace(/\D/g, '')) % 1_000_000 < 2000 ? console.log(`  ${l}`) : undefined),
    });
    const total = gen.events + appends.length;
    console.log(
      `  read models rebuilt from ${rebuilt.events.toLocaleString('en-US')} events in ${rebuilt.seconds.toFixed(0)} s (${Math.round(rebuilt.events / rebuilt.seconds)} events/s)`,
    );
    await pool.query('ANALYZE');
    await ds.initialize();
    const reports = new ReportQuery(ReadSide.primaryOnly(ds));
    const asOf = new Date();

    const officeRows = (await pool.query<{ code: string; path: string }>(`SELECT code, path FROM rm_offices WHERE parent IS NOT NULL`))
      .rows;
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length];
    const overdue: number[] = [];
    let items = 0;
    for (let i = -10; i < samples; i++) {
      const o = pick(officeRows, i + 10);
      const t0 = performance.now();
      const r = await reports.overdue({ leadPath: o.path }, asOf);
      if (i >= 0) {
        overdue.push(performance.now() - t0);
        items += r.items.length;
      }
    }
    const ov = latencyStats(overdue);
    console.log(
      `  overdue list of one office: p50 ${ov.p50.toFixed(1)} ms, p95 ${ov.p95.toFixed(1)} ms (${Math.round(items / samples)} items on average)`,
    );

    const rollup: number[] = [];
    for (let i = -2; i < 7; i++) {
      const ms = await timeIt(() =>
        reports.completion({ leadPath: null, planId: pick(set.plans, i + 2) }, { asOf, groupBy: 'office', rounding: 'halfUp' }),
      );
      if (i >= 0) rollup.push(ms);
    }
    const province: number[] = [];
    for (let i = -1; i < 5; i++) {
      const ms = await timeIt(() => reports.completion({ leadPath: null }, { asOf, groupBy: 'office', rounding: 'halfUp' }));
      if (i >= 0) province.push(ms);
    }
    console.log(`  plan roll-up by office: median ${median(rollup).toFixed(0)} ms; every plan: median ${median(province).toFixed(0)} ms`);

    const taskIds = (await pool.query<{ id: string }>(`SELECT id FROM rm_tasks TABLESAMPLE SYSTEM (1) LIMIT $1`, [samples])).rows.map(
      (r) => r.id,
    );
    const ids = taskIds.length
      ? taskIds
      : (await pool.query<{ id: string }>(`SELECT id FROM rm_tasks LIMIT $1`, [samples])).rows.map((r) => r.id);
    const knownAt = new Date();
    const known: number[] = [];
    for (let i = -10; i < samples; i++) {
      const id = pick(ids, i + 10);
      const t0 = performance.now();
      const events = await store.readStream(taskStreamId(id), { knownAt });
      const state = events.reduce<TaskState | null>((s, e) => evolveTask(s, { type: e.type, data: e.data } as TaskEvent), null);
      if (!state) throw new Error(`task ${id} not found at knownAt`);
      if (i >= 0) known.push(performance.now() - t0);
    }
    const ka = latencyStats(known);
    console.log(`  task at knownAt: p50 ${ka.p50.toFixed(1)} ms, p95 ${ka.p95.toFixed(1)} ms`);

    const size = `${opts.tasks.toLocaleString('en-US')} tasks / ${total.toLocaleString('en-US')} events`;
    return [
      {
        name: `at ${size}: back-fill of the set (appendMany, deciders included)`,
        unit: 'events/s',
        ours: round2(gen.events / gen.seconds),
        runs: { ours: [round2(gen.events / gen.seconds) ?? NaN] },
      },
      {
        name: `at ${size}: read models rebuilt from zero`,
        unit: 'events/s',
        ours: round2(rebuilt.events / rebuilt.seconds),
        runs: { ours: [round2(rebuilt.events / rebuilt.seconds) ?? NaN] },
      },
      {
        name: `at ${size}: overdue list of one office, p95`,
        unit: 'ms',
        ours: round2(ov.p95),
        goal: '≤ 20 ms',
        met: ov.p95 <= 20,
        runs: { ours: overdue.map((x) => round2(x) ?? NaN) },
        note: `p50 ${ov.p50.toFixed(1)} ms`,
      },
      {
        name: `at ${size}: plan roll-up by office (completion, groupBy office, one plan)`,
        unit: 'ms',
        ours: round2(median(rollup)),
        goal: '≤ 200 ms',
        met: median(rollup) <= 200,
        runs: { ours: rollup.map((x) => round2(x) ?? NaN) },
      },
      {
        name: `at ${size}: roll-up by office over every plan (the whole province)`,
        unit: 'ms',
        ours: round2(median(province)),
        runs: { ours: province.map((x) => round2(x) ?? NaN) },
      },
      {
        name: `at ${size}: a task at knownAt (readStream + fold), p95`,
        unit: 'ms',
        ours: round2(ka.p95),
        goal: '≤ 20 ms',
        met: ka.p95 <= 20,
        runs: { ours: known.map((x) => round2(x) ?? NaN) },
        note: `p50 ${ka.p50.toFixed(1)} ms`,
      },
    ];
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await pool.end().catch(() => undefined);
    await db.drop();
  }
}
