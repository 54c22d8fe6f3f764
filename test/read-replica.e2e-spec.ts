import request from 'supertest';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { ApiProcess } from './support/api-process';
import { PlanWorld, assignTask, districtWithPlan, expectStatus } from './support/e2e-world';
import { ReplicaPair } from './support/replica-pair';
import { TEST_JWT_SECRET, TestApp, bearer } from './support/test-app';
import { sleep, waitUntil } from './support/worker-process';

/**
 * Issue 21 item 5: READ_DATABASE_URL. A primary and a hot standby of our own on loopback
 * (initdb, pg_basebackup -R), both logging every statement; the API as `npm start` runs it.
 * Which server ran a report is read from the servers' own logs: the completion report is the
 * only statement with GROUPING SETS, and its parameters name the plan.
 */
const describeWithReplica = ReplicaPair.available() ? describe : describe.skip;
if (!ReplicaPair.available())
  console.warn('read-replica.e2e-spec: no pg_basebackup (PG_BIN_DIR or /usr/lib/postgresql/15/bin): the read-replica tests are skipped');

const METRICS_TOKEN = 'metrics-token-for-the-replica-test';

describeWithReplica('reports and lists on a streaming replica (READ_DATABASE_URL, e2e)', () => {
  jest.setTimeout(5 * 60_000);
  let pair: ReplicaPair;
  let api: ApiProcess & { url: string };
  let t: TestApp;
  let w: PlanWorld;

  beforeAll(async () => {
    pair = await ReplicaPair.create();
    api = await ApiProcess.start({
      DATABASE_URL: pair.primary.url,
      READ_DATABASE_URL: pair.standby.url,
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMIT: 'off',
      METRICS_TOKEN,
      LOG_LEVEL: 'log',
    });
    t = {
      http: request(api.url),
      token: (role, office, sub = `${role}-${office}`) => signToken(TEST_JWT_SECRET, { sub, role, office }),
    } as TestApp;
    w = await districtWithPlan(t);
    await assignTask(t, w);
  });

  afterAll(async () => {
    await api?.kill('SIGKILL');
    await pair?.destroy();
  });

  /** The completion report of the plan as `token` reads it, and which server ran it. */
  const completion = async (token: string) => {
    const logs = { primary: ReplicaPair.logFrom(pair.primary), standby: ReplicaPair.logFrom(pair.standby) };
    const res = await expectStatus(t.http.get(`/v1/reports/completion?plan=${w.planId}`).set(bearer(token)), 200);
    await sleep(200); // the servers' log lines reach the file
    const ranOn = (log: string) => log.includes('GROUPING SETS') && log.includes(w.planId);
    return { assigned: res.body.total.assigned as number, primary: ranOn(logs.primary()), standby: ranOn(logs.standby()) };
  };
  const metrics = async () => (await t.http.get('/metrics').set(bearer(METRICS_TOKEN))).text;
  const metric = (text: string, line: string) => Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\d+)`, 'm').exec(text)?.[1] ?? 0);

  it('a report is served by the standby once it has replayed the caller’s writes', async () => {
    await pair.caughtUp();
    const leader = await completion(w.leader);
    expect(leader).toEqual({ assigned: 1, primary: false, standby: true });
    // A task list too (the list's statement names the plan as well).
    const standby = ReplicaPair.logFrom(pair.standby);
    const list = await expectStatus(t.http.get(`/v1/tasks?plan=${w.planId}`).set(bearer(w.leader)), 200);
    expect(list.body.items).toHaveLength(1);
    await sleep(200);
    expect(standby()).toMatch(/FROM rm_tasks t WHERE/);
    // The plan's summary (its task counts) and the report's export.
    const summary = ReplicaPair.logFrom(pair.standby);
    await expectStatus(t.http.get(`/v1/plans/${w.planId}`).set(bearer(w.leader)), 200);
    await sleep(200);
    expect(summary()).toMatch(/FROM rm_task_items i WHERE i.plan_id = \$1/);
    const exported = ReplicaPair.logFrom(pair.standby);
    await expectStatus(t.http.get(`/v1/reports/completion?plan=${w.planId}&format=csv`).set(bearer(w.leader)), 200);
    await sleep(200);
    expect(exported()).toMatch(/GROUPING SETS/);
    expect(metric(await metrics(), 'dondoc_read_queries_total{target="replica"}')).toBeGreaterThanOrEqual(4);
  });

  it('with replay paused, a command then an immediate GET sees its write (from the primary); a reader who wrote nothing gets the standby', async () => {
    await ReplicaPair.query(pair.standby, 'SELECT pg_wal_replay_pause()');
    try {
      await waitUntil(
        'replay paused',
        async () => (await ReplicaPair.query<{ s: string }>(pair.standby, 'SELECT pg_get_wal_replay_pause_state() AS s'))[0].s === 'paused',
        30_000,
      );
      const lagging = metric(await metrics(), 'dondoc_read_replica_fallbacks_total{reason="lagging"}');
      await assignTask(t, w);
      // The writer: its last write is past the standby's checkpoint, so the primary answers.
      expect(await completion(w.leader)).toEqual({ assigned: 2, primary: true, standby: false });
      const list = await expectStatus(t.http.get(`/v1/tasks?plan=${w.planId}`).set(bearer(w.leader)), 200);
      expect(list.body.items).toHaveLength(2);
      expect(metric(await metrics(), 'dondoc_read_replica_fallbacks_total{reason="lagging"}')).toBeGreaterThan(lagging);
      // An inspector of the district has written nothing: the paused standby answers, without the new task.
      expect(await completion(w.inspector)).toEqual({ assigned: 1, primary: false, standby: true });
    } finally {
      await ReplicaPair.query(pair.standby, 'SELECT pg_wal_replay_resume()');
    }
    await pair.caughtUp();
    expect(await completion(w.leader)).toEqual({ assigned: 2, primary: false, standby: true });
  });

  it('the standby stopped: reports still answer, from the primary, with a log line and a metric; started again, it serves again', async () => {
    await pair.standby.stop();
    expect(await completion(w.leader)).toEqual({ assigned: 2, primary: true, standby: false });
    expect(await completion(w.inspector)).toEqual({ assigned: 2, primary: true, standby: false });
    expect((await t.http.get(`/v1/tasks?plan=${w.planId}`).set(bearer(w.leader))).status).toBe(200);
    expect((await t.http.get('/health')).status).toBe(200);
    expect(api.output()).toMatch(/read replica unavailable .*reads go to the primary/);
    expect(metric(await metrics(), 'dondoc_read_replica_fallbacks_total{reason="unavailable"}')).toBeGreaterThanOrEqual(3);
    // Writes go on meanwhile.
    await assignTask(t, w);
    expect(api.alive).toBe(true);
    // An API started while the standby is down starts, and answers reports from the primary.
    const second = await ApiProcess.start({
      DATABASE_URL: pair.primary.url,
      READ_DATABASE_URL: pair.standby.url,
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'log',
      DONDOC_ROLE: 'api',
    });
    try {
      const res = await expectStatus(request(second.url).get(`/v1/reports/completion?plan=${w.planId}`).set(bearer(w.inspector)), 200);
      expect(res.body.total.assigned).toBe(3);
      expect(second.output()).toMatch(/read replica unavailable/);
    } finally {
      await second.kill('SIGTERM');
    }

    await pair.standby.start();
    await pair.caughtUp();
    await sleep(5500); // the API leaves a failed replica alone for 5 s
    expect(await completion(w.leader)).toEqual({ assigned: 3, primary: false, standby: true });
    expect(api.output()).toMatch(/read replica answers again/);
  });
});
