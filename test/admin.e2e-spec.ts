import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { EventLog, PlanWorld, assignTask, districtWithPlan, expectStatus, fresh } from './support/e2e-world';

/**
 * What the administrators' page (/quan-tri) reads and writes besides the routes tested elsewhere:
 * offices renamed, moved and closed; the merge preview, which lists exactly the tasks the merge
 * then moves; the security log of failed sign-ins; the imports done; the system's status. Every
 * one of them is for admins only.
 */
describe('administration routes (e2e)', () => {
  let t: TestApp;
  let w: PlanWorld;
  let log: EventLog;

  beforeAll(async () => {
    // Anchors every few events: the system status has a last anchor to show.
    t = await startTestApp({ ANCHOR_EVERY_EVENTS: '5' });
    log = await EventLog.open(t.databaseUrl);
    w = await districtWithPlan(t);
  }, 120_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  const office = async (code: string) => (await expectStatus(t.http.get(`/v1/offices/${code}`).set(bearer(w.admin)), 200)).body;

  it('two moves at once that together would make a cycle (A under B, B under A): one passes, the other is OFFICE_CYCLE', async () => {
    for (let pair = 0; pair < 4; pair++) {
      const [a, b] = [`${w.tag}-A${fresh()}`, `${w.tag}-B${fresh()}`];
      for (const code of [a, b])
        await expectStatus(
          t.http
            .post('/v1/offices')
            .set(bearer(w.admin))
            .send({ code, name: `Tổ ${code}`, parent: w.district }),
          201,
        );
      const moves = await Promise.all([
        t.http.post(`/v1/offices/${a}/move`).set(bearer(w.admin)).send({ parent: b }),
        t.http.post(`/v1/offices/${b}/move`).set(bearer(w.admin)).send({ parent: a }),
      ]);
      expect(moves.map((m) => m.status).sort()).toEqual([200, 400]);
      expect(moves.find((m) => m.status === 400)!.body).toMatchObject({ code: 'OFFICE_CYCLE' });
      const [oa, ob] = [await office(a), await office(b)];
      expect([oa.parent, ob.parent].filter((p) => p === w.district)).toHaveLength(1);
    }
  });

  it('an admin renames, moves and closes an office; the same name records nothing', async () => {
    const code = `${w.tag}-${fresh()}`;
    await expectStatus(t.http.post('/v1/offices').set(bearer(w.admin)).send({ code, name: 'Phòng Văn hóa', parent: w.district }), 201);
    const renamed = await expectStatus(
      t.http.post(`/v1/offices/${code}/rename`).set(bearer(w.admin)).send({ name: 'Phòng Văn hóa và Thông tin' }),
      200,
    );
    expect(renamed.body).toEqual({ code, version: 2 });
    expect(renamed.headers.etag).toBe('"2"');
    await expectStatus(t.http.post(`/v1/offices/${code}/rename`).set(bearer(w.admin)).send({ name: 'Phòng Văn hóa và Thông tin' }), 200);
    expect(await log.types(`office-${code}`)).toEqual(['OfficeRegistered', 'OfficeRenamed']);

    await expectStatus(t.http.post(`/v1/offices/${code}/move`).set(bearer(w.admin)).send({ parent: w.commune }), 200);
    const tree = await expectStatus(t.http.get('/v1/offices').set(bearer(w.leader)), 200);
    const commune = tree.body.items[0].children.find((c: { code: string }) => c.code === w.commune);
    expect(commune.children.map((c: { code: string }) => c.code)).toEqual([code]);
    // Its new parent's leader sees it; a move under its own subtree is a cycle.
    await expectStatus(t.http.get(`/v1/offices/${code}`).set(bearer(t.token('leader', w.commune))), 200);
    const cycle = await expectStatus(t.http.post(`/v1/offices/${w.commune}/move`).set(bearer(w.admin)).send({ parent: code }), 400);
    expect(cycle.body).toMatchObject({ code: 'OFFICE_CYCLE', errors: [{ field: 'parent' }] });
    const unknown = await expectStatus(
      t.http
        .post(`/v1/offices/${code}/move`)
        .set(bearer(w.admin))
        .send({ parent: `NO-${fresh()}` }),
      400,
    );
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_OFFICE', errors: [{ field: 'parent' }] });

    await expectStatus(t.http.post(`/v1/offices/${code}/close`).set(bearer(w.admin)).send({ reason: 'Giải thể' }), 200);
    expect(await office(code)).toMatchObject({ code, name: 'Phòng Văn hóa và Thông tin', parent: w.commune, status: 'closed' });
    const again = await expectStatus(t.http.post(`/v1/offices/${code}/rename`).set(bearer(w.admin)).send({ name: 'Tên khác' }), 409);
    expect(again.body).toMatchObject({ code: 'OFFICE_CLOSED' });
    expect(await log.types(`office-${code}`)).toEqual(['OfficeRegistered', 'OfficeRenamed', 'OfficeMoved', 'OfficeClosed']);
  });

  it('a move with parent null makes the office a root of the tree', async () => {
    const code = `${w.tag}-${fresh()}`;
    await expectStatus(t.http.post('/v1/offices').set(bearer(w.admin)).send({ code, name: 'Ban quản lý dự án', parent: w.district }), 201);
    await expectStatus(t.http.post(`/v1/offices/${code}/move`).set(bearer(w.admin)).send({ parent: null }), 200);
    expect(await office(code)).toMatchObject({ code, parent: null });
    const tree = await expectStatus(t.http.get('/v1/offices').set(bearer(w.admin)), 200);
    expect(tree.body.items.map((o: { code: string }) => o.code)).toContain(code);
  });

  it('bad input names the field; a missing office is 404', async () => {
    const blank = await expectStatus(t.http.post(`/v1/offices/${w.nv}/rename`).set(bearer(w.admin)).send({ name: '' }), 400);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    const noParent = await expectStatus(t.http.post(`/v1/offices/${w.nv}/move`).set(bearer(w.admin)).send({}), 400);
    expect(noParent.body.errors).toEqual([expect.objectContaining({ field: 'parent' })]);
    await expectStatus(t.http.post(`/v1/offices/NO-${fresh()}/close`).set(bearer(w.admin)).send({}), 404);
    await expectStatus(t.http.get(`/v1/offices/NO-${fresh()}/merge-preview`).query({ into: w.vp }).set(bearer(w.admin)), 404);
    const noInto = await expectStatus(t.http.get(`/v1/offices/${w.tc}/merge-preview`).set(bearer(w.admin)), 400);
    expect(noInto.body.errors).toEqual([expect.objectContaining({ field: 'into' })]);
  });

  it('the merge preview lists the open tasks, and the merge moves exactly those', async () => {
    const d = await districtWithPlan(t);
    const open = [await assignTask(t, d, { lead: d.tc }), await assignTask(t, d, { lead: d.tc, dueOn: '2027-06-30' })];
    const cancelled = await assignTask(t, d, { lead: d.tc });
    await expectStatus(t.http.post(`/v1/tasks/${cancelled}/cancel`).set(bearer(d.leader)).send({ reason: 'Không còn phù hợp' }), 200);
    const preview = await expectStatus(t.http.get(`/v1/offices/${d.tc}/merge-preview`).query({ into: d.vp }).set(bearer(d.admin)), 200);
    expect(preview.body).toMatchObject({ code: d.tc, name: `tc ${d.tag}`, into: d.vp, intoName: `vp ${d.tag}` });
    expect(preview.body.openTasks.map((x: { id: string }) => x.id).sort()).toEqual([...open].sort());
    expect(preview.body.openTasks.find((x: { id: string }) => x.id === open[1])).toMatchObject({ dueOn: '2027-06-30', planId: d.planId });
    const merged = await expectStatus(
      t.http.post(`/v1/offices/${d.tc}/merge`).set(bearer(d.admin)).send({ into: d.vp, reason: 'Sắp xếp bộ máy' }),
      200,
    );
    expect([...merged.body.movedTasks].sort()).toEqual(preview.body.openTasks.map((x: { id: string }) => x.id).sort());
    const after = await expectStatus(t.http.get(`/v1/offices/${d.tc}/merge-preview`).query({ into: d.vp }).set(bearer(d.admin)), 200);
    expect(after.body.openTasks).toEqual([]);
  });

  it('the security log shows a failed sign-in, newest first, never the password tried', async () => {
    const username = `khong.co.${fresh().toLowerCase()}`;
    await expectStatus(t.http.post('/v1/auth/sign-in').send({ username, password: 'mat-khau-sai-123' }), 401);
    const res = await expectStatus(t.http.get('/v1/security-log').query({ kind: 'sign-in-failed', limit: 5 }).set(bearer(w.admin)), 200);
    expect(res.body.items[0]).toMatchObject({ kind: 'sign-in-failed', username, at: expect.any(String) });
    expect(res.body.items.every((e: { kind: string }) => e.kind === 'sign-in-failed')).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain('mat-khau-sai-123');
    const bad = await expectStatus(t.http.get('/v1/security-log').query({ kind: 'everything' }).set(bearer(w.admin)), 400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
  });

  it('the imports done say who, when, which file and what was created', async () => {
    const file = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8'));
    const imported = await expectStatus(
      t.http
        .post('/v1/imports')
        .query({ fileName: 'kế hoạch khắc phục 2024.json' })
        .set(bearer(t.token('admin', 'UBND-QNG')))
        .send(file),
      201,
    );
    const res = await expectStatus(t.http.get('/v1/imports').set(bearer(w.admin)), 200);
    expect(res.body.items[0]).toMatchObject({
      planId: imported.body.plan.id,
      planCode: imported.body.plan.code,
      format: 'json',
      fileName: 'kế hoạch khắc phục 2024.json',
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      created: { tasks: imported.body.created.tasks },
      by: { userId: 'admin-UBND-QNG', role: 'admin', office: 'UBND-QNG' },
      recordedAt: expect.any(String),
    });
    expect(res.body.items[0].created.offices).toHaveLength(imported.body.created.offices);
    expect(res.body.items[0].created.directives).toContain('57/QĐ-UBND');
  }, 60_000);

  it('the system status gives the projection lag, the last anchor (the anchors stream’s last) and the version', async () => {
    const deadline = Date.now() + 20_000;
    let res = await expectStatus(t.http.get('/v1/system').set(bearer(w.admin)), 200);
    while (!res.body.lastAnchor && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      res = await expectStatus(t.http.get('/v1/system').set(bearer(w.admin)), 200);
    }
    expect(res.body).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      lagEvents: expect.any(Number),
      lastAnchor: {
        version: expect.any(Number),
        toPosition: expect.any(String),
        count: expect.any(Number),
        anchorHash: expect.any(String),
        recordedAt: expect.any(String),
      },
    });
    // /v1/system reads the log; the audit listing its index, which the projector fills a moment later.
    const shown = res.body.lastAnchor;
    const listed = async () =>
      (await expectStatus(t.http.get('/v1/audit/events?stream=anchors&limit=500').set(bearer(w.admin)), 200)).body.items.find(
        (a: { version: number }) => a.version === shown.version,
      );
    let recorded = await listed();
    while (!recorded && Date.now() < deadline + 10_000) {
      await new Promise((r) => setTimeout(r, 200));
      recorded = await listed();
    }
    expect(recorded.data).toMatchObject({ toPosition: shown.toPosition, count: shown.count, anchorHash: shown.anchorHash });
  }, 30_000); // the anchor scheduler looks every 5 s

  it('none of it is for anyone but an admin, and a refused write writes nothing', async () => {
    // The office's own stream, where rename/move/close would write (the log as a whole also grows
    // with the anchors this app records every 5 events).
    const stream = `office-${w.tc}`;
    const before = await log.count(stream);
    for (const token of [w.leader, w.inspector, w.officer(w.nv)]) {
      for (const path of ['/v1/security-log', '/v1/imports', '/v1/system', `/v1/offices/${w.tc}/merge-preview?into=${w.vp}`]) {
        const res = await t.http.get(path).set(bearer(token));
        expect([path, res.status]).toEqual([path, 403]);
      }
      for (const [path, body] of [
        ['rename', { name: 'Tên mới' }],
        ['move', { parent: w.nv }],
        ['close', {}],
      ] as const) {
        const res = await t.http.post(`/v1/offices/${w.tc}/${path}`).set(bearer(token)).send(body);
        expect([path, res.status]).toEqual([path, 403]);
      }
      // Nothing learnt before the 403: not whether a parent exists, nor the office's version.
      const probe = await t.http
        .post(`/v1/offices/${w.tc}/move`)
        .set(bearer(token))
        .set('If-Match', '"0"')
        .send({ parent: 'NO-SUCH-OFFICE' });
      expect([probe.status, probe.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      const merge = await t.http.post(`/v1/offices/${w.tc}/merge`).set(bearer(token)).send({ into: 'NO-SUCH-OFFICE', reason: 'x' });
      expect(merge.status).toBe(403);
    }
    expect(await log.count(stream)).toBe(before);
  });
});
