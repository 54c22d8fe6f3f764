import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { AnchorRecorder, ExportChecker, PostgresEventStore } from '@dondoc/event-store';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { allPages } from './support/audit-pages';
import { verifyExportFile } from '../scripts/verify-export';
import { PlanWorld, assignTask, districtWithPlan, expectStatus, todayLocal } from './support/e2e-world';

/**
 * The inspector's tools over HTTP: the trail (filters, paging, scope), verification with anchors,
 * the export checked offline (back-dated flags: audit-flags.e2e-spec), a task's timeline, and who may use them.
 */
describe('audit (e2e)', () => {
  let t: TestApp;
  let a: PlanWorld;
  let b: PlanWorld;
  let pool: Pool;
  let store: PostgresEventStore;
  let taskA: string;
  let taskB: string;

  const get = (path: string, token: string) => t.http.get(path).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp();
    pool = new Pool({ connectionString: t.databaseUrl, max: 4 });
    store = new PostgresEventStore(new Pool({ connectionString: t.databaseUrl, max: 4 }));
    a = await districtWithPlan(t);
    b = await districtWithPlan(t);
    taskA = await assignTask(t, a);
    taskB = await assignTask(t, b);
    await expectStatus(
      t.http
        .post(`/v1/tasks/${taskA}/progress`)
        .set(bearer(a.officer(a.nv)))
        .send({ note: 'Đang thực hiện', percent: 30 }),
      201,
    );
    await expectStatus(
      t.http
        .post(`/v1/tasks/${taskB}/progress`)
        .set(bearer(b.officer(b.nv)))
        .send({ note: 'Đang thực hiện', percent: 50 }),
      201,
    );
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await store?.close();
    await t?.close();
  });

  const all = (path: string, token: string, limit = 500) => allPages(t, path, token, limit);

  it('officers and leaders get 403 on every audit route; no token is 401', async () => {
    const routes = [
      '/v1/audit/events',
      '/v1/audit/verify',
      '/v1/audit/flags?kind=backdated',
      `/v1/audit/export?plan=${a.planId}&format=jsonl`,
      `/v1/audit/tasks/${taskA}/timeline`,
    ];
    for (const route of routes) {
      for (const token of [a.leader, a.officer(a.nv), t.token('leader', 'ROOT')]) {
        const res = await get(route, token);
        expect({ route, status: res.status, code: res.body.code }).toEqual({ route, status: 403, code: 'AUDIT_ROLE_REQUIRED' });
      }
      expect((await t.http.get(route)).status).toBe(401);
    }
  });

  it('an inspector of a district sees nothing of another district', async () => {
    const items = await all('/v1/audit/events', a.inspector);
    const mine = new Set([a.district, a.nv, a.vp, a.tc, a.commune]);
    const theirs = new Set([b.district, b.nv, b.vp, b.tc, b.commune]);
    expect(items.length).toBeGreaterThan(0);
    for (const e of items) {
      const offices = e.offices as string[];
      if (e.streamId === 'anchors') continue;
      expect(offices.some((o) => mine.has(o))).toBe(true);
      expect(offices.some((o) => theirs.has(o))).toBe(false);
      expect(JSON.stringify(e)).not.toContain(b.tag);
    }
    const streams = new Set(items.map((e) => e.streamId));
    expect(streams).toContain(`task-${taskA}`);
    expect(streams).toContain(`plan-${a.planId}`);
    expect(streams).not.toContain(`task-${taskB}`);
    expect(streams).not.toContain(`plan-${b.planId}`);

    expect((await get(`/v1/audit/events?stream=task-${taskB}`, a.inspector)).body.items).toEqual([]);
    // An office out of scope reads as a missing one (issue 13, item 11).
    expect((await get(`/v1/audit/events?office=${b.nv}`, a.inspector)).status).toBe(404);
    // Another district's plan reads as a missing one (issue 13, item 11).
    const theirPlan = await get(`/v1/audit/export?plan=${b.planId}`, a.inspector);
    const noPlan = await get('/v1/audit/export?plan=00000000-0000-4000-8000-000000000000', a.inspector);
    expect({ status: theirPlan.status, code: theirPlan.body.code }).toEqual({ status: 404, code: 'PLAN_NOT_FOUND' });
    expect({ status: noPlan.status, code: noPlan.body.code }).toEqual({ status: 404, code: 'PLAN_NOT_FOUND' });
    expect((await get(`/v1/audit/export?office=${b.district}`, a.inspector)).status).toBe(404);
    expect((await get(`/v1/audit/tasks/${taskB}/timeline`, a.inspector)).status).toBe(404);
    // The province's inspector (ROOT is above both) and an admin see both.
    const admin = await all(`/v1/audit/events?office=${b.district}`, a.admin);
    expect(admin.map((e) => e.streamId)).toContain(`task-${taskB}`);
  });

  it('a task’s timeline shows only the events the reader’s scope covers, as /v1/audit/events (issue 13, item 11)', async () => {
    // A district of its own: the other tests count district a's events.
    const c = await districtWithPlan(t);
    const id = await assignTask(t, c);
    await expectStatus(
      t.http
        .post(`/v1/tasks/${id}/progress`)
        .set(bearer(c.officer(c.nv)))
        .send({ note: 'Phòng Nội vụ đang làm' }),
      201,
    );
    await expectStatus(t.http.post(`/v1/tasks/${id}/reassign`).set(bearer(c.leader)).send({ lead: c.tc, reason: 'Đúng chức năng' }), 200);
    await expectStatus(
      t.http
        .post(`/v1/tasks/${id}/progress`)
        .set(bearer(c.officer(c.tc)))
        .send({ note: 'Phòng Tài chính đang làm' }),
      201,
    );
    const types = async (token: string) =>
      ((await expectStatus(get(`/v1/audit/tasks/${id}/timeline`, token), 200)).body.items as { type: string }[]).map((e) => e.type);
    // The inspector of the first lead office: its part of the story, up to the reassignment.
    expect(await types(t.token('inspector', c.nv))).toEqual(['TaskAssigned', 'ProgressReported', 'TaskReassigned']);
    // The inspector of the new lead office: from the reassignment on.
    expect(await types(t.token('inspector', c.tc))).toEqual(['TaskReassigned', 'ProgressReported']);
    // The district's inspector sees all of it; the events API agrees with the timeline.
    expect(await types(c.inspector)).toEqual(['TaskAssigned', 'ProgressReported', 'TaskReassigned', 'ProgressReported']);
    const listed = await expectStatus(get(`/v1/audit/events?stream=task-${id}`, t.token('inspector', c.nv)), 200);
    expect(listed.body.items.map((e: { type: string }) => e.type)).toEqual(['TaskAssigned', 'ProgressReported', 'TaskReassigned']);
  });

  it('lists a stream with all metadata, positions and hashes; filters; cursor pages equal one page', async () => {
    const res = await expectStatus(get(`/v1/audit/events?stream=task-${taskA}`, a.inspector), 200);
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual(['TaskAssigned', 'ProgressReported']);
    const [assigned, progress] = res.body.items;
    expect(assigned).toMatchObject({
      streamId: `task-${taskA}`,
      version: 1,
      type: 'TaskAssigned',
      schemaVersion: 1,
      position: expect.stringMatching(/^\d+$/),
      eventId: expect.any(String),
      actor: { userId: `leader-${a.district}`, role: 'leader', office: a.district },
      metadata: { actor: expect.any(Object), correlationId: expect.any(String) },
      offices: [a.nv],
      occurredAt: expect.any(String),
      recordedAt: expect.any(String),
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: null,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(progress.prevHash).toBe(assigned.hash);

    const byType = await all(`/v1/audit/events?type=ProgressReported&office=${a.district}`, a.inspector);
    expect(byType.map((e) => e.streamId)).toEqual([`task-${taskA}`]);
    const byActor = await all(`/v1/audit/events?actor=officer-${a.nv}`, a.inspector);
    expect(byActor.map((e) => e.type)).toEqual(['ProgressReported']);
    expect(await all(`/v1/audit/events?from=2000-01-01&to=2000-12-31`, a.inspector)).toEqual([]);
    expect((await all(`/v1/audit/events?from=${todayLocal()}&stream=task-${taskA}`, a.inspector)).length).toBe(2);

    const whole = await all('/v1/audit/events', a.inspector);
    const paged = await all('/v1/audit/events', a.inspector, 2);
    expect(paged).toEqual(whole);
    const after = await all(`/v1/audit/events?after=${assigned.position}&stream=task-${taskA}`, a.inspector);
    expect(after.map((e) => e.version)).toEqual([2]);

    const bad = await get('/v1/audit/events?cursor=nope', a.inspector);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
    expect((await get('/v1/audit/events?limit=501', a.inspector)).status).toBe(400);
  });

  it('verify: ok over the whole log and over a range, with anchors recorded by then', async () => {
    const recorder = new AnchorRecorder(pool, store, { everyEvents: 1000, everyMinutes: 10 });
    expect((await recorder.anchorNow()).length).toBe(1);
    const res = await expectStatus(get('/v1/audit/verify', a.inspector), 200);
    expect(res.body).toMatchObject({ ok: true, anchors: 1 });
    expect(res.body.checked).toBeGreaterThan(10);
    expect(res.body.firstMismatch).toBeUndefined();
    const ranged = await expectStatus(get('/v1/audit/verify?fromPosition=2&toPosition=5', a.inspector), 200);
    expect(ranged.body).toMatchObject({ ok: true, checked: 4 });
    expect((await get('/v1/audit/verify?fromPosition=5&toPosition=2', a.inspector)).status).toBe(400);
    expect((await get('/v1/audit/verify?fromPosition=abc', a.inspector)).status).toBe(400);
    // Asked for as NDJSON: how far the walk is, batch by batch, then the same result as the last line.
    const streamed = await t.http
      .get('/v1/audit/verify')
      .set(bearer(a.inspector))
      .set('Accept', 'application/x-ndjson')
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString()));
        r.on('end', () => done(null, text));
      });
    expect(streamed.status).toBe(200);
    expect(streamed.headers['content-type']).toMatch(/^application\/x-ndjson/);
    // Not gzipped (the JSON answers are): gzip would hold back the progress lines.
    expect(streamed.headers['content-encoding']).toBeUndefined();
    const lines = (streamed.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const progress = lines.slice(0, -1).map((l) => l.progress);
    expect(progress[0]).toEqual({ checked: 0, total: res.body.checked });
    expect(progress.at(-1)).toEqual({ checked: res.body.checked, total: res.body.checked });
    const { seconds: _s, ...result } = lines.at(-1).result;
    const { seconds: _t, ...plain } = res.body;
    expect(result).toEqual(plain);
    // Refused before any line for a reader who is not an inspector.
    expect((await t.http.get('/v1/audit/verify').set(bearer(a.leader)).set('Accept', 'application/x-ndjson')).status).toBe(403);
    // The anchors are in the trail, for every inspector.
    const anchors = await all('/v1/audit/events?stream=anchors', b.inspector);
    expect(anchors.map((e) => e.type)).toEqual(['AnchorRecorded']);
  });

  it('export: the plan’s trail verifies offline; one edited line fails at that line; CSV too', async () => {
    await new AnchorRecorder(pool, store, { everyEvents: 1000, everyMinutes: 10 }).anchorNow();
    const res = await t.http
      .get(`/v1/audit/export?plan=${a.planId}&format=jsonl`)
      .set(bearer(a.inspector))
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => cb(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="dondoc-audit-plan-${a.planId}.jsonl"`);
    const lines = (res.body as string).trimEnd().split('\n');
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[0]).toMatchObject({ kind: 'header', format: 'dondoc-audit-export', scope: { plan: a.planId } });
    const streams = new Set(parsed.slice(1).map((l) => l.streamId));
    expect(streams).toContain(`plan-${a.planId}`);
    expect(streams).toContain(`task-${taskA}`);
    expect(streams).toContain('anchors');
    expect(streams).not.toContain(`task-${taskB}`);

    const check = (ls: string[]) => {
      const c = new ExportChecker();
      for (const l of ls) c.push(l);
      return c.finish();
    };
    expect(check(lines)).toMatchObject({ ok: true });
    expect(check(lines).anchors).toBeGreaterThan(0);

    const n = lines.findIndex((l) => l.includes('"ProgressReported"'));
    const edited = [...lines];
    edited[n] = edited[n].replace('"percent":30', '"percent":90');
    expect(edited[n]).not.toBe(lines[n]);
    expect(check(edited)).toMatchObject({ ok: false, firstBadLine: { line: n + 1 } });
    const dropped = lines.filter((_, i) => i !== n);
    expect(check(dropped).ok).toBe(false);

    // The same from files, and through `npm run verify-export` (no database involved).
    const dir = mkdtempSync(join(tmpdir(), 'dondoc-export-'));
    writeFileSync(join(dir, 'good.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'bad.jsonl'), `${edited.join('\n')}\n`);
    expect(await verifyExportFile(join(dir, 'good.jsonl'))).toMatchObject({ ok: true });
    expect(await verifyExportFile(join(dir, 'bad.jsonl'))).toMatchObject({ ok: false, firstBadLine: { line: n + 1 } });
    const cli = spawnSync('npm', ['run', '-s', 'verify-export', '--', join(dir, 'bad.jsonl')], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(`BAD line ${n + 1}`);

    const csv = await get(`/v1/audit/export?office=${a.district}&format=csv`, a.inspector);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`dondoc-audit-office-${a.district}.csv`);
    expect(csv.text.split('\n')[0]).toBe(
      'position,streamId,version,eventId,type,schemaVersion,actorUserId,actorRole,actorOffice,occurredAt,recordedAt,data,metadata,contentHash,prevHash,hash',
    );
    expect(csv.text).toContain(`task-${taskA}`);
    expect(csv.text).not.toContain(`task-${taskB}`);

    expect((await get(`/v1/audit/export?plan=${a.planId}&office=${a.district}`, a.inspector)).status).toBe(400);
    expect((await get('/v1/audit/export', a.inspector)).status).toBe(400);
    expect((await get('/v1/audit/export?plan=00000000-0000-4000-8000-000000000000', a.inspector)).status).toBe(404);
  });
});
