import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { RunningApp, startApp } from '../apps/api/src/bootstrap';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { PostgresEventStore, RecordedEvent, START } from '@dondoc/event-store';
import { MIGRATIONS } from '@dondoc/platform/database/migrations';
import { migrate } from '@dondoc/platform/database/migrate';
import { expectStatus, fresh } from './support/e2e-world';
import { LogLoader } from './support/log-load';
import { TEST_JWT_SECRET, bearer } from './support/test-app';
import { lagOf, waitUntil } from './support/worker-process';

/**
 * An upgrade from the schema before the newest migration, with data in it: events written through
 * the store at that version (offices and tasks decided by the domain, as LogLoader writes them)
 * and rows the log cannot rebuild (an idempotency answer, the security log, the sign-in
 * throttle). After the newest migration every table holds what it held, the log verifies, and
 * the new code serves it: the projector builds the read models from the old events, reads answer,
 * writes chain on. A migration meant to rewrite rows will fail the "unchanged" check: say there
 * which rows it changes and how.
 */
const previous = MIGRATIONS.slice(0, -1);
const newest = MIGRATIONS[MIGRATIONS.length - 1];

async function createEmptyDatabase(): Promise<string> {
  const server = new URL(process.env.DONDOC_TEST_SERVER_URL!);
  const name = `upg_t${process.env.DONDOC_TEST_RUN}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  server.pathname = `/${name}`;
  return server.toString();
}

/** Every public table with a digest of its rows in a fixed order: equal digests, equal contents. */
async function tableDigests(db: Pool): Promise<Record<string, { rows: number; md5: string | null }>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: Record<string, { rows: number; md5: string | null }> = {};
  for (const { name } of tables) {
    const { rows } = await db.query<{ n: string; md5: string | null }>(
      `SELECT count(*) AS n, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5 FROM "${name}" t`,
    );
    out[name] = { rows: Number(rows[0].n), md5: rows[0].md5 };
  }
  return out;
}

async function wholeLog(store: PostgresEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = START;
  for (;;) {
    const page = await store.readAll({ after, limit: 1000 });
    events.push(...page.events);
    if (page.events.length < 1000) return events;
    after = page.position;
  }
}

describe(`schema upgrade: from version ${previous[previous.length - 1].version} with data to ${newest.version}`, () => {
  jest.setTimeout(120_000);

  let url: string;
  let db: Pool;
  let app: RunningApp | undefined;
  const tag = fresh();
  let offices: string[];
  let taskIds: string[];

  beforeAll(async () => {
    url = await createEmptyDatabase();
    expect(await migrate(url, previous)).toBe(previous[previous.length - 1].version);
    db = new Pool({ connectionString: url, max: 2 });

    const loader = new LogLoader(url, 2);
    try {
      offices = await loader.registerOffices(tag, 3);
      ({ taskIds } = await loader.appendTasks(8, offices.slice(1), { shape: (i) => (i % 2 ? 'accepted' : 'progress'), perTx: 3 }));
    } finally {
      await loader.close();
    }
    // What the log cannot give back: a request's stored answer, the security log, the throttle.
    await db.query(
      `INSERT INTO idempotency_records (scope, body_hash, status, response, headers)
       VALUES ($1, 'h', 201, '{"id":"x"}', '{"location":"/v1/tasks/x"}')`,
      [`u-${tag}:POST /v1/tasks:k1`],
    );
    await db.query(
      `INSERT INTO auth_security_log (at, kind, username, ip, detail) VALUES (now(), 'sign-in-failed', $1, '10.0.0.7', 'wrong password')`,
      [`user-${tag}`],
    );
    await db.query(`INSERT INTO auth_throttle (key, failures, window_start) VALUES ($1, 3, now())`, [`user:user-${tag}`]);
  });

  afterAll(async () => {
    await app?.close();
    await db?.end();
  });

  it('keeps every row, and the log reads and verifies as before', async () => {
    const store = new PostgresEventStore(new Pool({ connectionString: url, max: 2 }));
    try {
      const events = await wholeLog(store);
      expect(events.length).toBeGreaterThan(8 * 2 + 3);
      const tables = await tableDigests(db);
      expect(tables.idempotency_records.rows).toBe(1);

      expect(await migrate(url)).toBe(newest.version);
      const { rows } = await db.query<{ version: number }>('SELECT version FROM dondoc_schema ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));

      const after = await tableDigests(db);
      for (const [name, digest] of Object.entries(tables)) {
        expect({ name, ...after[name] }).toEqual({ name, ...(name === 'dondoc_schema' ? after[name] : digest) });
      }
      expect(after.dondoc_schema.rows).toBe(MIGRATIONS.length);
      expect(await wholeLog(store)).toEqual(events);
      expect(await store.verify()).toEqual({ ok: true, checked: events.length });
    } finally {
      await store.close();
    }
  });

  it('the new code serves the old data: projected, read, and written to', async () => {
    // As startTestApp starts it, on this database rather than a clone of the template.
    app = await startApp({
      DATABASE_URL: url,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: '0',
      LOG_LEVEL: 'error',
      DIGEST_CRON: '0 7 1 1 *',
      RATE_LIMIT: 'off',
    });
    const http = request(app.url);
    const admin = bearer(signToken(TEST_JWT_SECRET, { sub: 'admin-upgrade', role: 'admin', office: offices[0] }));
    await waitUntil('the projector to read the old log', async () => (await lagOf(db)) === 0, 60_000);

    const root = await expectStatus(http.get(`/v1/offices/${offices[0]}`).set(admin), 200);
    expect(root.body).toMatchObject({ code: offices[0], name: `UBND huyện ${tag}` });
    const listed = new Map<string, string>();
    for (const office of offices.slice(1)) {
      const r = await expectStatus(http.get(`/v1/tasks?office=${office}&limit=100`).set(admin), 200);
      for (const item of r.body.items as { id: string; status: string }[]) listed.set(item.id, item.status);
    }
    expect(new Set(listed.keys())).toEqual(new Set(taskIds));
    // Due 2024-12-31: the accepted ones were done on time, the others are overdue by now.
    taskIds.forEach((id, i) => expect([id, listed.get(id)]).toEqual([id, i % 2 ? 'DONE_ON_TIME' : 'OVERDUE']));

    // A write after the upgrade chains onto an event written before it.
    const task = taskIds[0];
    const before = await expectStatus(http.get(`/v1/tasks/${task}`).set(admin), 200);
    const officer = bearer(signToken(TEST_JWT_SECRET, { sub: `officer-${tag}`, role: 'officer', office: before.body.lead as string }));
    await expectStatus(http.post(`/v1/tasks/${task}/progress`).set(officer).send({ note: 'Sau nâng cấp', percent: 80 }), 201);
    await waitUntil('the new progress to be projected', async () => (await lagOf(db)) === 0, 30_000);
    expect((await expectStatus(http.get(`/v1/tasks/${task}`).set(admin), 200)).body.version).toBe(before.body.version + 1);
    const audit = bearer(signToken(TEST_JWT_SECRET, { sub: 'inspector-upgrade', role: 'inspector', office: offices[0] }));
    expect((await expectStatus(http.get('/v1/audit/verify').set(audit), 200)).body).toMatchObject({ ok: true });
  });
});
