import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { OwnedCluster } from './support/owned-cluster';
import { TEST_JWT_SECRET } from './support/test-app';
import { ApiProcess } from './support/api-process';
import { sleep, waitUntil } from './support/worker-process';
import { storedEvents, streamVersions } from '@dondoc/event-store/postgres/testing/stored-events';

interface Outcome {
  at: number;
  status: number;
  code?: string;
  retryAfter: string | null;
  note: string;
  ms: number;
}

/**
 * Issue 13 item 1: `pg_ctl restart -m fast` under a light write load used to kill the API process
 * (an `error` event, 57P01 admin_shutdown, on a pg client with no listener). Now: while the
 * database is away every request is answered (2xx, or 503 DATABASE_UNAVAILABLE with Retry-After),
 * never left hanging; within 5 s of the database being back, writes succeed; no acknowledged write
 * is lost; the projector resumes from its checkpoint; the process stays up and /health is 200.
 */
describe('a PostgreSQL restart under write load (e2e)', () => {
  jest.setTimeout(5 * 60_000);
  let cluster: OwnedCluster;
  let app: ApiProcess | undefined;
  let db: Pool;

  beforeAll(async () => {
    cluster = await OwnedCluster.create();
    const admin = new Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE dondoc');
    await admin.end();
  }, 120_000);

  afterAll(async () => {
    await app?.kill('SIGKILL');
    await db?.end().catch(() => undefined);
    await cluster?.destroy();
  });

  it('restart -m fast, then a stop of some seconds: the process answers throughout and loses no acknowledged write', async () => {
    const databaseUrl = cluster.url.replace(/\/postgres$/, '/dondoc');
    app = ApiProcess.launch(
      {
        DATABASE_URL: databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        PORT: '0',
        LOG_LEVEL: 'warn',
        DB_ACQUIRE_TIMEOUT_MS: '2000',
        DIGEST_CRON: '0 7 1 1 *',
      },
      null,
    );
    const output = () => `--- app (${app!.alive ? 'alive' : 'gone'})\n${app!.output().slice(-4000)}`;
    await waitUntil('the app listening', async () => !!app!.url || !app!.alive, 120_000, output);
    if (!app.alive) throw new Error(`the app died at start\n${output()}`);
    const url = app.url!;
    db = new Pool({ connectionString: databaseUrl, max: 2 });
    db.on('error', () => undefined);

    const call = async (path: string, token: string, body?: object, ms = 20_000, key?: string) => {
      const res = await fetch(`${url}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(ms),
      });
      return { status: res.status, headers: res.headers, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    const created = async (p: ReturnType<typeof call>) => {
      const r = await p;
      if (r.status !== 201) throw new Error(`expected 201, got ${r.status} ${JSON.stringify(r.body)}\n${output()}`);
      return r.body;
    };
    const tag = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
    const district = `UBND-${tag}`;
    const lead = `${tag}-NV`;
    const admin = signToken(TEST_JWT_SECRET, { sub: 'admin-root', role: 'admin', office: 'ROOT' });
    const leader = signToken(TEST_JWT_SECRET, { sub: `leader-${tag}`, role: 'leader', office: district });
    const officer = signToken(TEST_JWT_SECRET, { sub: `officer-${lead}`, role: 'officer', office: lead });
    await created(call('/v1/offices', admin, { code: district, name: `UBND huyện ${tag}`, level: 'district' }));
    await created(call('/v1/offices', admin, { code: lead, name: `Phòng ${lead}`, parent: district, level: 'office' }));
    const directive = await created(
      call('/v1/directives', leader, {
        number: `${tag}/QĐ-UBND`,
        kind: 'Quyết định',
        issuedOn: '2026-11-01',
        issuer: district,
        title: `Chỉ thị ${tag}`,
      }),
    );
    const plan = await created(
      call('/v1/plans', leader, {
        directiveId: directive.id,
        issuer: district,
        title: `Kế hoạch ${tag}`,
        period: { from: '2026-11-01', to: '2027-12-31' },
        targets: [{ code: 'CT-1', name: 'Tỷ lệ hồ sơ đúng hạn', unit: 'percent', comparator: 'atLeast', value: 95 }],
      }),
    );
    const tasks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const assigned = await created(call(`/v1/plans/${plan.id}/tasks`, leader, { title: `Nhiệm vụ ${i}`, lead, dueOn: '2027-03-31' }));
      tasks.push((assigned.tasks as { id: string }[])[0].id);
    }

    // ---- the load: four writers, one task each, a progress report after another (a light load).
    const t0 = Date.now();
    const outcomes: Outcome[] = [];
    let stopLoad = false;
    const writer = async (w: number) => {
      for (let n = 0; !stopLoad; n++) {
        const note = `w${w}-${n}`;
        const started = Date.now();
        try {
          // Two writers send an Idempotency-Key, as a retrying integration would.
          const r = await call(
            `/v1/tasks/${tasks[w]}/progress`,
            officer,
            { note, percent: n % 100 },
            20_000,
            w % 2 ? `${tag}-${note}` : undefined,
          );
          outcomes.push({
            at: started - t0,
            status: r.status,
            code: r.body.code as string | undefined,
            retryAfter: r.headers.get('retry-after'),
            note,
            ms: Date.now() - started,
          });
          if (r.status === 503) await sleep(200); // a client honouring Retry-After, shortened
        } catch (e) {
          outcomes.push({ at: started - t0, status: 0, code: (e as Error).name, retryAfter: null, note, ms: Date.now() - started });
        }
        await sleep(20);
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));
    const firstOkAfter = async (since: number) =>
      waitUntil('a write to succeed', async () => outcomes.some((o) => o.at >= since && o.status === 201), 60_000, output, 20);

    let restartAt: number, backAt: number, restartRecoveryMs: number, downAt: number, upAt: number, stopRecoveryMs: number;
    let whileDown: Outcome[];
    let health: { status: number };
    let live: { status: number };
    let read: { status: number; headers: Headers; body: Record<string, unknown> };
    // However this part ends, the writers stop (they would keep jest alive).
    try {
      await sleep(1500);
      restartAt = Date.now() - t0;
      await cluster.restart();
      backAt = Date.now() - t0;
      restartRecoveryMs = await firstOkAfter(backAt);

      // ---- a stop long enough to see what clients get while the database is away
      await sleep(1000);
      await cluster.stop();
      downAt = Date.now() - t0;
      await sleep(5000);
      whileDown = outcomes.filter((o) => o.at >= downAt + 500);
      health = await call('/health', admin, undefined, 10_000);
      live = await call('/health/live', admin, undefined, 2_000);
      read = await call(`/v1/tasks/${tasks[0]}`, officer, undefined, 10_000);
      await cluster.start();
      upAt = Date.now() - t0;
      stopRecoveryMs = await firstOkAfter(upAt);
      await sleep(1000);
    } finally {
      stopLoad = true;
      await writers;
    }

    // Every request was answered in time: 201, or 503 DATABASE_UNAVAILABLE with Retry-After.
    const bad = outcomes.filter(
      (o) => !(o.status === 201 || (o.status === 503 && o.code === 'DATABASE_UNAVAILABLE' && /^\d+$/.test(o.retryAfter ?? ''))),
    );
    expect(bad.slice(0, 10)).toEqual([]);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.every((o) => o.status === 503)).toBe(true);
    expect(Math.max(...whileDown.map((o) => o.ms))).toBeLessThan(10_000);
    expect(health.status).toBe(503);
    expect(live.status).toBe(200);
    // A read (TypeORM's pool) while the database is away: the same 503.
    expect({ status: read.status, code: read.body.code, retryAfter: read.headers.get('retry-after') }).toEqual({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      retryAfter: '2',
    });
    expect(restartRecoveryMs).toBeLessThan(5000);
    expect(stopRecoveryMs).toBeLessThan(5000);

    // No acknowledged write lost: every 201's note is in the log.
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.note);
    const rows = await storedEvents(db, { type: 'ProgressReported', streamIds: tasks.map((id) => `task-${id}`) });
    const logged = new Set(rows.map((r) => (r.data as { note: string }).note));
    expect(acknowledged.filter((n) => !logged.has(n))).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(20);

    // The projector resumed from its checkpoint: each task's row reaches its stream's version.
    await waitUntil(
      'the read model to catch up',
      async () => {
        const log = await streamVersions(db, { streamIds: tasks.map((id) => `task-${id}`) });
        const r = await db.query<{ id: string; version: number }>('SELECT id, version FROM rm_tasks WHERE id = ANY($1::uuid[])', [tasks]);
        return r.rows.filter((t) => log.has(`task-${t.id}`) && log.get(`task-${t.id}`) !== t.version).length === 0;
      },
      30_000,
      output,
      200,
    );
    await waitUntil(
      '/health to be 200',
      async () => (await call('/health', admin, undefined, 5000).catch(() => ({ status: 0 }))).status === 200,
      30_000,
      output,
      200,
    );
    expect(app.alive).toBe(true);
    const counts = (from: number, to: number) => outcomes.filter((o) => o.at >= from && o.at < to);
    console.log(
      `database restart: restart -m fast took ${backAt - restartAt} ms, first write ${restartRecoveryMs} ms after it returned; ` +
        `stopped ${upAt - downAt} ms (${counts(downAt, upAt).length} requests answered 503 meanwhile, slowest ${Math.max(...whileDown.map((o) => o.ms))} ms), ` +
        `first write ${stopRecoveryMs} ms after the start; ${acknowledged.length} acknowledged writes, all in the log; ` +
        `${outcomes.filter((o) => o.status === 503).length} × 503 in all`,
    );
  });
});
