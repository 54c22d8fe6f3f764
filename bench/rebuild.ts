/**
 * Projection rebuild from zero, ours beside Emmett-postgresql's own, on the same events.
 *
 * One database holds both logs: the generated offices and tasks are appended to ours (appendMany)
 * and, event for event, to Emmett's (appendToStream, one call per stream). Then, interleaved:
 *  - ours: rebuildReadModels(url) — every read model (offices, directives, plans, tasks and their
 *    items, index frameworks, digests) replayed from the start into shadow tables and swapped in;
 *  - peer: rebuildPostgreSQLProjections with Emmett's idiomatic single-stream Pongo projections
 *    (a task document and an office document folded with the same domain evolve functions),
 *    truncated on start, run until no messages are left, pulling batches of 2,000 with no pause.
 * Rate: events in the log / wall seconds of the rebuild.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, pongoSingleStreamProjection, rebuildPostgreSQLProjections } from '@event-driven-io/emmett-postgresql';
import { OfficeEvent, OfficeState, evolveOffice, initialOfficeState } from '@dondoc/domain/office';
import { TaskEvent, TaskState, evolveTask } from '@dondoc/domain/task';
import { PostgresEventStore, StreamAppend } from '@dondoc/event-store';
import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { migrate } from '../libs/platform/src/database/migrate';
import { newSet, taskAppends } from './generate';
import { BenchRow, BenchServer, median, quiet, round2 } from './lib';
import { countEvents } from '@dondoc/event-store/postgres/testing/stored-events';

type Doc = Record<string, unknown>;
type Ev = TaskEvent | OfficeEvent;

export async function rebuildBench(server: BenchServer, opts: { events: number; runs: number }): Promise<BenchRow[]> {
  const db = await server.fresh('rebuild');
  const url = db.url;
  const eventsPerTask = 10;
  const tasks = Math.ceil(opts.events / eventsPerTask);
  const pool = quiet(new Pool({ connectionString: url, max: 10 }));
  const emmettPool = quiet(new Pool({ connectionString: url, max: 8 }));
  const emmett = getPostgreSQLEventStore(url, { connectionOptions: { pool: emmettPool, pooled: true } });
  try {
    await migrate(url);
    await emmett.schema.migrate();
    const store = new PostgresEventStore(pool);
    const { set, appends } = newSet(Math.max(10, Math.ceil(tasks / 250)), Math.max(1, Math.ceil(tasks / 10_000)));
    const write = async (group: StreamAppend[]) => {
      await store.appendMany(group);
      // One writer: Emmett 0.42 reads by global position ordered by transaction, so concurrent
      // writers would make its reader skip events (its gap bug), and the counts would not match.
      for (const a of group) {
        await emmett.appendToStream(
          a.streamId,
          a.events.map((e) => ({ type: e.type, data: e.data as Doc, metadata: { ...e.metadata, messageId: e.eventId } })),
          { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
        );
      }
    };
    await write(appends);
    for (let i = 0; i < tasks; i += 500) await write(taskAppends(set, i, Math.min(tasks, i + 500), eventsPerTask));
    const total = await countEvents(pool);
    const peerTotal = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM emt_messages')).rows[0].n);
    console.log(
      `rebuild: ${total.toLocaleString('en-US')} events in our log, ${peerTotal.toLocaleString('en-US')} in Emmett's; ${opts.runs} runs each, interleaved`,
    );

    const ours = async () => {
      const r = await rebuildReadModels(url);
      if (r.events !== total) throw new Error(`our rebuild replayed ${r.events} of ${total} events`);
      return total / r.seconds;
    };
    const peer = async () => {
      let seen = 0;
      const taskDocs = pongoSingleStreamProjection<Doc, Ev>({
        collectionName: `tasks`,
        canHandle: [
          'TaskAssigned',
          'TaskAcknowledged',
          'ProgressReported',
          'CompletionReported',
          'CompletionAccepted',
          'ExtensionRequested',
          'ExtensionGranted',
        ],
        evolve: (doc: Doc | null, e: { type: string; data: unknown }) => {
          seen++;
          return evolveTask(doc as TaskState | null, { type: e.type, data: e.data } as TaskEvent) as Doc | null;
        },
      });
      const officeDocs = pongoSingleStreamProjection<Doc, Ev>({
        collectionName: `offices`,
        canHandle: ['OfficeRegistered', 'OfficeRenamed', 'OfficeMoved', 'OfficeMerged', 'OfficeClosed'],
        evolve: (doc: Doc | null, e: { type: string; data: unknown }) => {
          seen++;
          return evolveOffice((doc as OfficeState | null) ?? initialOfficeState, {
            type: e.type,
            data: e.data,
          } as OfficeEvent) as Doc | null;
        },
      });
      // From zero: forget the checkpoints of earlier runs (the projections truncate their collections).
      await pool.query('DELETE FROM emt_processors');
      const t0 = performance.now();
      // Tuned in its favour: batches as large as ours (its default is 100 with a 50 ms pause).
      const consumer = rebuildPostgreSQLProjections({
        connectionString: url,
        projections: [taskDocs, officeDocs],
        consumerId: `bench-${randomUUID()}`,
        pulling: { batchSize: 2000, pullingFrequencyInMs: 0 },
      });
      try {
        await consumer.start();
      } finally {
        await consumer.close();
      }
      const seconds = (performance.now() - t0) / 1000;
      if (seen !== peerTotal) throw new Error(`Emmett's rebuild handled ${seen} of ${peerTotal} events`);
      return peerTotal / seconds;
    };

    // Warm-up of ours only (connections, plans); Emmett's runs are long enough to warm themselves.
    await ours();
    const runs = { ours: [] as number[], peer: [] as number[] };
    for (let r = 0; r < opts.runs; r++) {
      const order: Array<['ours' | 'peer', () => Promise<number>]> =
        r % 2 === 0
          ? [
              ['ours', ours],
              ['peer', peer],
            ]
          : [
              ['peer', peer],
              ['ours', ours],
            ];
      for (const [name, run] of order) {
        const rate = await run();
        runs[name].push(rate);
        console.log(`  run ${r + 1} ${name.padEnd(5)} ${Math.round(rate)} events/s`);
      }
    }
    const o = median(runs.ours);
    const p = median(runs.peer);
    return [
      {
        name: `projection rebuild from zero (${total.toLocaleString('en-US')} events)`,
        unit: 'events/s',
        ours: round2(o),
        peer: round2(p),
        peerName: 'Emmett-postgresql 0.42 rebuildPostgreSQLProjections (Pongo single-stream)',
        ratio: round2(o / p),
        goal: '≥ 2× Emmett and ≥ 20,000 events/s',
        met: o >= 2 * p && o >= 20_000,
        runs: { ours: runs.ours.map((x) => round2(x) ?? NaN), peer: runs.peer.map((x) => round2(x) ?? NaN) },
      },
    ];
  } finally {
    await emmett.close().catch(() => undefined);
    await emmettPool.end().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    await db.drop();
  }
}
