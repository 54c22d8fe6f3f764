import { TestApp, bearer, startTestApp } from './support/test-app';
import { PlanWorld, assignTask, districtWithPlan, expectStatus } from './support/e2e-world';

/** GET /v1/decisions: what waits for a leader, on tasks led below its office, oldest first. */
describe('decisions waiting (e2e)', () => {
  let t: TestApp;
  let w: PlanWorld;
  let other: PlanWorld;

  beforeAll(async () => {
    t = await startTestApp();
    w = await districtWithPlan(t);
    other = await districtWithPlan(t);
  }, 60_000);

  afterAll(() => t?.close());

  it('a pending extension and an awaiting completion, oldest first; decided ones leave the list', async () => {
    const asked = await assignTask(t, w);
    const req = await expectStatus(
      t.http
        .post(`/v1/tasks/${asked}/extension-requests`)
        .set(bearer(w.officer(w.nv)))
        .send({ dueOn: '2027-06-30', reason: 'Chờ hướng dẫn của Sở' }),
      201,
    );
    const reported = await assignTask(t, w, { lead: w.vp });
    await expectStatus(
      t.http
        .post(`/v1/tasks/${reported}/completion`)
        .set(bearer(w.officer(w.vp)))
        .send({ note: 'Đã xong', evidence: [{ documentNumber: '12/BC-VP' }] }),
      201,
    );
    await assignTask(t, w, { lead: w.tc }); // nothing asked: not listed
    await expectStatus(
      t.http
        .post(`/v1/tasks/${await assignTask(t, other)}/completion`)
        .set(bearer(other.officer(other.nv)))
        .send({ note: 'Huyện khác' }),
      201,
    );

    const res = await expectStatus(t.http.get('/v1/decisions').set(bearer(w.leader)), 200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        kind: 'extension',
        taskId: asked,
        requestId: req.body.requestId,
        requestedDueOn: '2027-06-30',
        reason: 'Chờ hướng dẫn của Sở',
        lead: w.nv,
        version: 2,
      }),
      expect.objectContaining({ kind: 'completion', taskId: reported, note: 'Đã xong', lead: w.vp, version: 2 }),
    ]);

    await expectStatus(t.http.post(`/v1/tasks/${reported}/completion/accept`).set(bearer(w.leader)).send({}), 200);
    const after = await expectStatus(t.http.get('/v1/decisions').set(bearer(w.leader)), 200);
    expect(after.body.items.map((i: { taskId: string }) => i.taskId)).toEqual([asked]);
  });

  it("a recurring task's report waits for its period and is decided for it; the list is paged", async () => {
    const quarterly = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.leader))
        .send({ title: 'Báo cáo quý', lead: w.commune, recurrence: { every: 'quarter', until: '2027-12-31' } }),
      201,
    );
    const id = quarterly.body.tasks[0].id;
    await expectStatus(
      t.http
        .post(`/v1/tasks/${id}/completion`)
        .set(bearer(w.officer(w.commune)))
        .send({ occurrence: '2026-Q4', note: 'Báo cáo quý IV' }),
      201,
    );
    const all = await expectStatus(t.http.get('/v1/decisions?limit=500').set(bearer(w.leader)), 200);
    const item = (all.body.items as { taskId: string; occurrence?: string; kind: string }[]).find((i) => i.taskId === id);
    expect(item).toMatchObject({ kind: 'completion', occurrence: '2026-Q4', note: 'Báo cáo quý IV' });
    const first = await expectStatus(t.http.get('/v1/decisions?limit=1').set(bearer(w.leader)), 200);
    expect(first.body.items).toHaveLength(1);
    const second = await expectStatus(t.http.get(`/v1/decisions?limit=500&cursor=${first.body.nextCursor}`).set(bearer(w.leader)), 200);
    expect([...first.body.items, ...second.body.items]).toEqual(all.body.items);
    expect((await t.http.get('/v1/decisions?cursor=not-ours').set(bearer(w.leader))).status).toBe(400);

    await expectStatus(t.http.post(`/v1/tasks/${id}/completion/accept`).set(bearer(w.leader)).send({ occurrence: '2026-Q4' }), 200);
    const after = await expectStatus(t.http.get('/v1/decisions?limit=500').set(bearer(w.leader)), 200);
    expect((after.body.items as { taskId: string }[]).map((i) => i.taskId)).not.toContain(id);
  });

  it("an office's own leader, an officer and an inspector have nothing waiting; another district's leader sees none of these", async () => {
    await assignTask(t, w).then((id) =>
      expectStatus(
        t.http
          .post(`/v1/tasks/${id}/completion`)
          .set(bearer(w.officer(w.nv)))
          .send({ note: 'Xong' }),
        201,
      ),
    );
    for (const token of [t.token('leader', w.nv), w.officer(w.nv), w.inspector]) {
      expect((await expectStatus(t.http.get('/v1/decisions').set(bearer(token)), 200)).body.items).toEqual([]);
    }
    const theirs = await expectStatus(t.http.get('/v1/decisions').set(bearer(other.leader)), 200);
    expect(theirs.body.items.every((i: { lead: string }) => i.lead.startsWith(other.tag))).toBe(true);
    expect(theirs.body.items).toHaveLength(1);
    expect((await t.http.get('/v1/decisions')).status).toBe(401);
  });
});
