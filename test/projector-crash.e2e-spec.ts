import { START } from '@dondoc/event-store';
import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { Pool } from 'pg';
import { fresh } from './support/e2e-world';
import { LogLoader } from './support/log-load';
import { cloneTestDatabase } from './support/test-app';
import { WorkerBuild, WorkerProcess, checkpointOf, lagOf, sleep, waitUntil } from './support/worker-process';
import { countEvents, streamVersions } from '@dondoc/event-store/postgres/testing/stored-events';

/** A small seeded generator: the kill moments of a failing run can be replayed (seed in the output). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Issue 4: a standalone worker killed with SIGKILL ten times while it catches up on ~50,000
 * events, restarted each time, ends with read models equal to a clean rebuild: every batch
 * commits with its checkpoint or not at all, so no event is lost or applied twice.
 */
describe('projector crash during catch-up (real worker processes, e2e)', () => {
  jest.setTimeout(240_000);
  const OFFICES = 50;
  const TASKS = 12_000;
  const KILLS = 10;

  let url: string;
  let db: Pool;
  let loader: LogLoader;
  let build: WorkerBuild | undefined;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    url = await cloneTestDatabase();
    db = new Pool({ connectionString: url, max: 2 });
    loader = new LogLoader(url);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
    await loader?.close();
    await db?.end();
    build?.remove();
  });

  it(`${KILLS} SIGKILLs mid catch-up, then the read models equal a clean rebuild`, async () => {
    const timings: Record<string, number> = {};
    let t0 = Date.now();
    // Compile the worker while the log is written: the two share nothing.
    const compiling = WorkerBuild.compile();
    const offices = await loader.registerOffices(fresh(), OFFICES);
    const { taskIds, events } = await loader.appendTasks(TASKS, offices.slice(1));
    const total = events + OFFICES;
    const head = await loader.store.headPosition();
    timings.writeLog = Date.now() - t0;
    build = await compiling;
    timings.compileAndWrite = Date.now() - t0;
    expect(total).toBeGreaterThanOrEqual(50_000);

    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const rnd = random(seed);
    const kills: { worker: number; at: string; pid: number }[] = [];
    const describeRun = () =>
      `seed ${seed}, kills ${JSON.stringify(kills)}\n${workers.map((w) => `--- worker ${w.pid}\n${w.output().slice(-3000)}`).join('\n')}`;

    t0 = Date.now();
    let previous = START;
    for (let k = 0; k < KILLS; k++) {
      const before = (await checkpointOf(db)).position;
      const w = build.start(url);
      workers.push(w);
      if (k % 4 === 3) {
        // Now and then at any instant after the spawn: starting, migrating, taking the lock or projecting.
        await sleep(200 + rnd() * 1500);
      } else {
        // Otherwise once it has committed a batch of its own, a random moment later: mid-batch, mid-commit.
        await waitUntil(
          `worker ${k} to commit a batch`,
          async () => !w.alive || (await checkpointOf(db)).position !== before || (await lagOf(db)) === 0,
          60_000,
          describeRun,
        );
        expect(w.alive).toBe(true);
        await sleep(rnd() * 400);
      }
      await w.kill('SIGKILL');
      const at = (await checkpointOf(db)).position;
      kills.push({ worker: k, at, pid: w.pid });
      // A checkpoint only moves forward, whatever was killed when.
      expect(at >= previous).toBe(true);
      previous = at;
    }
    timings.killCycles = Date.now() - t0;

    // Some kills must have hit the catch-up itself, strictly between the start and the head.
    const midway = kills.filter((k) => k.at > START && k.at < head);
    if (midway.length === 0) throw new Error(`no kill fell strictly between the start and the head ${head}: ${describeRun()}`);

    t0 = Date.now();
    const last = build.start(url);
    workers.push(last);
    // The last worker must be the one holding the checkpoint: a worker killed after it had already
    // caught up leaves the position at the head, so the position alone would not say who got there.
    const caughtUp = async () => {
      const cp = await checkpointOf(db);
      return cp.position >= head && cp.owner?.endsWith(`:${last.pid}`) === true && (await lagOf(db)) === 0;
    };
    await waitUntil('the last worker to take over and catch up', caughtUp, 120_000, describeRun, 200);
    timings.finalCatchUp = Date.now() - t0;
    expect(last.alive).toBe(true);
    expect((await checkpointOf(db)).owner).toMatch(new RegExp(`:${last.pid}$`));

    // A graceful stop still works after all that (Nest closes, then re-raises the signal).
    const stopping = Date.now();
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe('SIGTERM');
    timings.sigterm = Date.now() - stopping;

    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    expect(await countEvents(db)).toBe(total);
    expect(await count('SELECT count(*) AS n FROM rm_tasks')).toBe(taskIds.length);
    expect(await count(`SELECT count(*) AS n FROM rm_offices`)).toBe(OFFICES);
    // Every task row carries its stream's last version: nothing skipped at a batch boundary.
    const log = await streamVersions(db, { streamLike: 'task-%' });
    const rows = (await db.query<{ id: string; version: number }>('SELECT id, version FROM rm_tasks')).rows;
    expect(rows.filter((r) => log.has(`task-${r.id}`) && log.get(`task-${r.id}`) !== r.version).length).toBe(0);

    t0 = Date.now();
    const check = await rebuildReadModels(url, { check: true });
    timings.rebuildCheck = Date.now() - t0;
    expect(check.events).toBe(total);
    expect(check.differences).toEqual([]);
    console.log(
      `projector-crash: ${total} events, seed ${seed}, ${midway.length}/${KILLS} kills mid catch-up, checkpoints ${kills.map((k) => k.at.slice(-6)).join(' ')}; ms ${JSON.stringify(timings)}`,
    );
  });
});
