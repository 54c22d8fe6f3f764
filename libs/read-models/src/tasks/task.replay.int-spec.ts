import { TaskEvent, evolveTask } from '@dondoc/domain/task';
import { PostgresEventStore, RecordedEvent } from '@dondoc/event-store';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { READ_MODEL_ENTITIES } from '../read-models';
import { MAIN_PROJECTOR } from '../projection/projector.service';
import { accepted, assignedEvent, reported } from '../reports/report-support.testing';
import { TaskProjector } from './task.projector';
import { storedEvents } from '@dondoc/event-store/postgres/testing/stored-events';
import { ReplayedTask, TaskReplay } from './task.replay';

/**
 * The tasks as known at an instant, read through the store: the same answer as the SQL over the
 * log's table it replaced (kept below as the reference, on the stored rows), for one plan and for all tasks, whether the
 * plan's tasks are in the read model yet or only in the log beyond the projector's checkpoint.
 * In a database of its own: the test moves the main checkpoint.
 */
describe('TaskReplay: tasks known at an instant', () => {
  let admin: Client;
  let dbName: string;
  let ds: DataSource;
  let pool: Pool;
  let store: PostgresEventStore;
  let replay: TaskReplay;
  let clock = new Date('2024-01-15T02:00:00.000Z');
  const actor = { userId: 'u-replay', role: 'admin', office: 'ROOT' };

  beforeAll(async () => {
    const template = new URL(process.env.DONDOC_TEST_TEMPLATE_URL!);
    dbName = `dondoc_t${process.env.DONDOC_TEST_RUN}_replay_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    admin = new Client({ connectionString: process.env.DONDOC_TEST_SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${template.pathname.slice(1)}`);
    template.pathname = `/${dbName}`;
    const url = template.toString();
    ds = await new DataSource({ type: 'postgres', url, entities: READ_MODEL_ENTITIES, poolSize: 3 }).initialize();
    pool = new Pool({ connectionString: url, max: 3 });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, { now: () => clock });
    replay = new TaskReplay(ds, store);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await ds?.destroy();
    if (dbName) await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin?.end();
  }, 60_000);

  /** What tasksKnownAt answered before it went through the store: the stored rows, filtered and folded. */
  async function reference(knownAt: Date, planId?: string): Promise<ReplayedTask[]> {
    const all = await storedEvents(pool, { streamLike: 'task-%' });
    const inPlan = new Set(
      all.filter((r) => r.type === 'TaskAssigned' && (r.data as { planId?: string }).planId === planId).map((r) => r.stream_id),
    );
    const rows = all
      .filter((r) => r.recorded_at <= knownAt && (planId === undefined || inPlan.has(r.stream_id)))
      .sort((x, y) => (x.stream_id < y.stream_id ? -1 : x.stream_id > y.stream_id ? 1 : x.version - y.version));
    const tasks = new Map<string, ReplayedTask>();
    for (const r of rows) {
      const state = evolveTask(tasks.get(r.stream_id)?.state ?? null, { type: r.type, data: r.data } as TaskEvent);
      if (state) tasks.set(r.stream_id, { state, version: r.version });
    }
    return [...tasks.values()];
  }

  const written: RecordedEvent[] = [];
  async function write(taskId: string, at: string, ...events: TaskEvent[]): Promise<void> {
    clock = new Date(at);
    const before = (await store.readStream(`task-${taskId}`)).length;
    await store.append(
      `task-${taskId}`,
      events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { actor, correlationId: randomUUID() },
        occurredAt: clock,
      })),
      'any',
    );
    written.push(...(await store.readStream(`task-${taskId}`, { fromVersion: before + 1 })));
  }

  /** Projects what was written so far and moves the main checkpoint to it, as the projector would. */
  async function project(): Promise<void> {
    const batch = written.splice(0);
    await ds.transaction(async (tx) => {
      await new TaskProjector().apply(batch, tx);
      await tx.query(
        `INSERT INTO rm_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = excluded.position`,
        [MAIN_PROJECTOR, batch[batch.length - 1].position],
      );
    });
  }

  it('for one plan and for all: what the SQL over the stored log said, read model caught up or not', async () => {
    const [p, q] = [randomUUID(), randomUUID()];
    const ids: string[] = Array.from({ length: 6 }, () => randomUUID());
    const assign = (i: number, planId: string, title: string) =>
      assignedEvent({ taskId: ids[i], planId, title, lead: 'L', deadline: { dueOn: '2024-03-31', phrase: null, recurrence: null } });
    const instants = [
      '2024-01-10T00:00:00.000Z',
      '2024-01-20T00:00:00.000Z',
      '2024-02-20T00:00:00.000Z',
      '2024-03-20T00:00:00.000Z',
      '2024-12-31T00:00:00.000Z',
    ].map((s) => new Date(s));
    const check = async (label: string) => {
      for (const knownAt of instants) {
        for (const planId of [p, q, randomUUID(), undefined]) {
          const mine = (await replay.tasksKnownAt(knownAt, planId)).filter((t) => ids.includes(t.state.id));
          const expected = (await reference(knownAt, planId)).filter((t) => ids.includes(t.state.id));
          expect({ label, knownAt, planId, tasks: mine }).toEqual({ label, knownAt, planId, tasks: expected });
        }
      }
    };

    // Nothing projected, no checkpoint: everything comes from the log.
    await write(ids[0], '2024-01-15T02:00:00.000Z', assign(0, p, 'Một'));
    await write(ids[1], '2024-01-15T02:00:00.000Z', assign(1, p, 'Hai'));
    await write(ids[2], '2024-01-16T02:00:00.000Z', assign(2, q, 'Ba'));
    await check('no checkpoint');
    expect((await replay.tasksKnownAt(instants[1], p)).map((t) => t.state.title).sort()).toEqual(['Hai', 'Một']);

    // Projected: the plan's tasks come from the read model.
    await project();
    await write(ids[0], '2024-02-14T03:00:00.000Z', reported('2024-02-14', true));
    await check('projected, later events not');
    await project();

    // Assigned after the checkpoint: only in the log, still found.
    await write(ids[3], '2024-02-10T02:00:00.000Z', assign(3, p, 'Bốn'));
    await write(ids[4], '2024-03-01T02:00:00.000Z', assign(4, q, 'Năm'));
    await write(ids[0], '2024-03-02T03:00:00.000Z', accepted('2024-02-14', '2024-03-02T03:00:00.000Z'));
    await write(ids[5], '2024-03-05T02:00:00.000Z', assign(5, p, 'Sáu'));
    await check('tasks beyond the checkpoint');
    const later = await replay.tasksKnownAt(instants[3], p);
    expect(later.map((t) => [t.state.title, t.version]).sort()).toEqual([
      ['Bốn', 1],
      ['Hai', 1],
      ['Một', 3],
      ['Sáu', 1],
    ]);
    // In task stream order, as ORDER BY stream_id gave them.
    expect(later.map((t) => t.state.id)).toEqual(later.map((t) => t.state.id).sort());

    await project();
    await check('caught up again');
  }, 60_000);
});
