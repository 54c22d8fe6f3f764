import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { Pool } from 'pg';
import { fresh } from './support/e2e-world';
import { LogLoader } from './support/log-load';
import { cloneTestDatabase } from './support/test-app';
import { WorkerBuild, WorkerProcess, checkpointOf, lagOf, sleep, waitUntil } from './support/worker-process';
import { storedEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/**
 * Issue 4: two standalone workers on one database, one projecting and one standing by. Events keep
 * coming; the active one is killed (SIGKILL): the other takes over within 10 s, reaches the head,
 * and applies no event twice (every task's extension list, which grows by one per
 * ExtensionRequested, matches the log; the read models equal a clean rebuild).
 */
describe('projector takeover between two worker processes (e2e)', () => {
  jest.setTimeout(180_000);
  const TAKEOVER_MS = 10_000;

  let url: string;
  let db: Pool;
  let loader: LogLoader;
  let build: WorkerBuild | undefined;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    url = await cloneTestDatabase();
    db = new Pool({ connectionString: url, max: 2 });
    loader = new LogLoader(url, 3);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await loader?.close();
    await db?.end();
    build?.remove();
  });

  it('the standby takes over from a killed active worker, reaches the head, applies nothing twice', async () => {
    const timings: Record<string, number> = {};
    const compiling = WorkerBuild.compile();
    const offices = await loader.registerOffices(fresh(), 10);
    const leads = offices.slice(1);
    const shape = () => 'extensions' as const;
    let tasks = (await loader.appendTasks(400, leads, { shape })).taskIds.length;
    build = await compiling;

    const output = () => workers.map((w) => `--- worker ${w.pid} (${w.alive ? 'alive' : 'gone'})\n${w.output().slice(-3000)}`).join('\n');
    const ownerIs = async (w: WorkerProcess) => ((await checkpointOf(db)).owner ?? '').endsWith(`:${w.pid}`);

    const first = build.start(url);
    workers.push(first);
    await waitUntil('the first worker to own the checkpoint', () => ownerIs(first), 60_000, output);
    const second = build.start(url);
    workers.push(second);
    await waitUntil('the second worker to start', async () => second.output().includes('worker started'), 60_000, output);
    await waitUntil('the first worker to catch up', async () => (await lagOf(db)) === 0, 60_000, output);

    // Keep appending: 20 tasks (100 events) every 50 ms or so, from before the kill to after the takeover.
    let writing = true;
    let writeError: unknown;
    const writer = (async () => {
      while (writing) {
        tasks += (await loader.appendTasks(20, leads, { shape, perTx: 20, parallel: 1 })).taskIds.length;
        await sleep(50);
      }
    })().catch((e) => (writeError = e));

    // The first one projects the new events while the second waits for the lock.
    const seen = (await checkpointOf(db)).position;
    await waitUntil('the first worker to project new events', async () => (await checkpointOf(db)).position > seen, 10_000, output);
    await sleep(1000);
    expect(await ownerIs(first)).toBe(true);
    expect(second.alive).toBe(true);

    await first.kill('SIGKILL');
    const killedAt = Date.now();
    const headAtKill = await loader.store.headPosition();
    timings.takeover = await waitUntil(
      'the second worker to take over and pass the head of the kill',
      async () => (await ownerIs(second)) && (await checkpointOf(db)).position >= headAtKill,
      TAKEOVER_MS,
      output,
    );
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_MS);

    // It keeps up with what is still coming, then reaches the final head.
    await sleep(1500);
    writing = false;
    await writer;
    expect(writeError).toBeUndefined();
    const head = await loader.store.headPosition();
    const stoppedAt = Date.now();
    await waitUntil(
      'the second worker to reach the head',
      async () => (await checkpointOf(db)).position >= head && (await lagOf(db)) === 0,
      TAKEOVER_MS,
      output,
    );
    timings.drain = Date.now() - stoppedAt;
    expect(second.alive).toBe(true);
    expect(await ownerIs(second)).toBe(true);

    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    expect(await count('SELECT count(*) AS n FROM rm_tasks')).toBe(tasks);
    // Applied twice, an ExtensionRequested would add a second entry to the task's list.
    const log = new Map<string, { requested: number; version: number }>();
    for (const e of await storedEvents(db, { streamLike: 'task-%' })) {
      const s = log.get(e.stream_id) ?? { requested: 0, version: 0 };
      log.set(e.stream_id, { requested: s.requested + (e.type === 'ExtensionRequested' ? 1 : 0), version: Math.max(s.version, e.version) });
    }
    const projected = await db.query<{ id: string; projected: number; version: number }>(
      `SELECT id, jsonb_array_length(state->'extensions') AS projected, version FROM rm_tasks`,
    );
    const mismatched = projected.rows
      .map((t) => ({ ...t, log: log.get(`task-${t.id}`) }))
      .filter((t) => t.log && (t.projected !== t.log.requested || t.version !== t.log.version))
      .slice(0, 5);
    expect(mismatched).toEqual([]);
    const check = await rebuildReadModels(url, { check: true });
    expect(check.differences).toEqual([]);
    console.log(`projector-takeover: ${tasks} tasks, ${check.events} events; ms ${JSON.stringify(timings)}`);
  });
});
