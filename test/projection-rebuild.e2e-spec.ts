import { rebuildReadModels } from '@dondoc/read-models/projection/rebuild';
import { Client, Pool } from 'pg';
import { PlanWorld, assignTask, districtWithPlan, expectStatus, fresh } from './support/e2e-world';
import { LogLoader } from './support/log-load';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { checkpointOf, lagOf, sleep, waitUntil } from './support/worker-process';

/** The server process of the projector's lock connection (a new one after each restart). */
async function lockBackend(db: Pool): Promise<number | null> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'dondoc-projector-main'`,
  );
  return rows.length === 1 ? rows[0].pid : null;
}

/** Whether some session of this database is waiting for a lock in a statement like `pattern`. */
async function waitsFor(db: Pool, pattern: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE $1`,
    [pattern],
  );
  return rows.length > 0;
}

/**
 * Issue 4: `projections:rebuild` (swap mode) while the API serves reads. Reads never fail and never
 * change (the rebuilt tables hold what the live ones held), and the running projector carries on
 * in the swapped tables: a write after the swap shows up in the list.
 */
describe('projection rebuild under live reads (e2e)', () => {
  jest.setTimeout(180_000);

  let t: TestApp;
  let w: PlanWorld;
  let db: Pool;
  let loader: LogLoader;
  let blocker: Client | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    db = new Pool({ connectionString: t.databaseUrl, max: 2 });
    loader = new LogLoader(t.databaseUrl, 3);
  }, 60_000);

  afterAll(async () => {
    await blocker?.end().catch(() => undefined);
    await loader?.close();
    await db?.end();
    await t?.close();
  });

  it('reads stay 200 and identical through the swap; writes after it are projected', async () => {
    // Through HTTP: a district, a directive, a plan, tasks in several states.
    w = await districtWithPlan(t);
    const officer = w.officer(w.nv);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await assignTask(t, w, { lead: i % 2 ? w.vp : w.nv, dueOn: '2027-06-30' }));
    const nvTasks = ids.filter((_, i) => i % 2 === 0);
    await expectStatus(
      t.http.post(`/v1/tasks/${nvTasks[0]}/progress`).set(bearer(officer)).send({ note: 'Đang triển khai', percent: 50 }),
      201,
    );
    await expectStatus(t.http.post(`/v1/tasks/${nvTasks[1]}/completion`).set(bearer(officer)).send({ note: 'Đã hoàn thành' }), 201);
    await expectStatus(
      t.http
        .post(`/v1/tasks/${nvTasks[2]}/completion`)
        .set(bearer(officer))
        .send({ note: 'Xong', evidence: [{ documentNumber: '12/BC' }] }),
      201,
    );
    await expectStatus(t.http.post(`/v1/tasks/${nvTasks[2]}/completion/accept`).set(bearer(w.leader)).send({ note: 'Đạt' }), 200);
    await expectStatus(t.http.post(`/v1/tasks/${ids[1]}/cancel`).set(bearer(w.leader)).send({ reason: 'Trùng nội dung' }), 200);
    // And a bulk of other offices' history, so the replay takes a while (the reads overlap it).
    const others = await loader.registerOffices(fresh(), 20);
    const bulk = await loader.appendTasks(3000, others.slice(1));
    await waitUntil('the live projector to catch up', async () => (await lagOf(db)) === 0, 60_000);

    // A fixed asOf: the same question must get the same answer before, during and after.
    const asOf = new Date().toISOString();
    const reads = [
      { path: `/v1/tasks?asOf=${encodeURIComponent(asOf)}&limit=500`, token: w.leader },
      { path: `/v1/tasks?plan=${w.planId}&asOf=${encodeURIComponent(asOf)}`, token: t.token('admin', 'ROOT') },
      { path: `/v1/plans/${w.planId}?asOf=${encodeURIComponent(asOf)}`, token: w.leader },
      { path: `/v1/tasks/${nvTasks[2]}?asOf=${encodeURIComponent(asOf)}`, token: officer },
    ];
    const before = await Promise.all(reads.map(async (r) => (await expectStatus(t.http.get(r.path).set(bearer(r.token)), 200)).body));
    expect(before[0].items).toHaveLength(6);
    expect(before[1].items).toHaveLength(6);
    expect(before[2].taskCounts).toBeDefined();

    // Three readers loop over the four reads while the rebuild replays and swaps.
    let reading = true;
    let rebuilding = false;
    const failures: string[] = [];
    let total = 0;
    let duringRebuild = 0;
    const reader = async (offset: number) => {
      for (let n = offset; reading; n++) {
        const r = reads[n % reads.length];
        const res = await t.http.get(r.path).set(bearer(r.token));
        total++;
        if (rebuilding) duringRebuild++;
        if (res.status !== 200) failures.push(`${r.path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
        else if (JSON.stringify(res.body) !== JSON.stringify(before[n % reads.length]))
          failures.push(`${r.path}: changed to ${JSON.stringify(res.body).slice(0, 500)}`);
      }
    };
    const readers = [0, 1, 2].map(reader);
    // Other offices keep writing meanwhile. The live projector is held back (its checkpoint row
    // locked) until the rebuild waits for its lock, so the rebuild swaps in a checkpoint beyond the
    // one the projector holds: its next batch finds the checkpoint moved and it starts again from it.
    const projectorBackend = () => lockBackend(db);
    const backendBefore = await projectorBackend();
    expect(backendBefore).not.toBeNull();
    blocker = new Client({ connectionString: t.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query(`SELECT position FROM rm_checkpoints WHERE name = 'main' FOR UPDATE`);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        written += (await loader.appendTasks(10, others.slice(1), { perTx: 10, parallel: 1 })).events;
        await sleep(100);
      }
    })();
    await sleep(300);
    const checkpointBefore = (await checkpointOf(db)).position;
    rebuilding = true;
    const started = Date.now();
    let settled = false;
    const rebuild = rebuildReadModels(t.databaseUrl).finally(() => (settled = true));
    rebuild.catch(() => undefined); // awaited below, where a failure fails the test
    await waitUntil(
      'the rebuild to wait for the checkpoint lock',
      async () => settled || (await waitsFor(db, 'LOCK TABLE public.rm_checkpoints%')),
      60_000,
    );
    await blocker.query('COMMIT');
    const result = await rebuild;
    const rebuildMs = Date.now() - started;
    rebuilding = false;
    await sleep(500);
    writing = false;
    await writer;
    reading = false;
    await Promise.all(readers);

    expect(result.swapped).toBe(true);
    expect(bulk.events).toBeGreaterThan(10_000);
    expect(written).toBeGreaterThan(0);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(duringRebuild).toBeGreaterThan(10);
    expect((await checkpointOf(db)).position > checkpointBefore).toBe(true);
    // What was written during and after the swap is projected (into the swapped-in tables).
    const head = await loader.store.headPosition();
    const caughtUp = await waitUntil(
      'the live projector to reach the head after the swap',
      async () => (await checkpointOf(db)).position >= head && (await lagOf(db)) === 0,
      15_000,
    );

    // It started again (a new lock connection) and went on from the swapped-in checkpoint.
    const backendAfter = await projectorBackend();
    expect(backendAfter).not.toBeNull();
    expect(backendAfter).not.toBe(backendBefore);

    // Writes after the swap: projected by the projector that was running all along.
    const created = await assignTask(t, w, { lead: w.tc, dueOn: '2027-09-30' });
    await expectStatus(
      t.http.post(`/v1/tasks/${nvTasks[0]}/progress`).set(bearer(officer)).send({ note: 'Sau khi dựng lại', percent: 80 }),
      201,
    );
    const listed = async () =>
      (await expectStatus(t.http.get('/v1/tasks?limit=500').set(bearer(w.leader)), 200)).body.items as { id: string }[];
    await waitUntil(
      'the new task in GET /v1/tasks',
      async () => (await listed()).some((x) => x.id === created),
      10_000,
      () => '',
      100,
    );
    expect((await listed()).map((x) => x.id).sort()).toEqual([...ids, created].sort());
    const progressed = await expectStatus(t.http.get(`/v1/tasks/${nvTasks[0]}`).set(bearer(officer)), 200);
    expect(progressed.body.progress).toMatchObject({ note: 'Sau khi dựng lại', percent: 80 });
    expect(await lagOf(db)).toBe(0);

    // And the read models are still exactly a replay of the log.
    const check = await rebuildReadModels(t.databaseUrl, { check: true });
    expect(check.differences).toEqual([]);
    console.log(
      `projection-rebuild: ${result.events} events rebuilt in ${rebuildMs} ms; ${total} reads, ${duringRebuild} during the rebuild, 0 failed; ` +
        `${written} events written meanwhile, caught up ${caughtUp} ms after`,
    );
  });
});
