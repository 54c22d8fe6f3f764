import { TestApp, bearer, startTestApp } from './support/test-app';
import { PlanWorld, assignTask, districtWithPlan, expectStatus } from './support/e2e-world';

/** GET /v1/plans: the plans a reader works on, with their progress; another district's stay hidden. */
describe('the plans in scope (e2e)', () => {
  let t: TestApp;
  let a: PlanWorld;
  let b: PlanWorld;

  beforeAll(async () => {
    t = await startTestApp();
    a = await districtWithPlan(t);
    b = await districtWithPlan(t);
    const done = await assignTask(t, a);
    await assignTask(t, a, { lead: a.vp });
    const cancelled = await assignTask(t, a, { lead: a.tc });
    await expectStatus(t.http.post(`/v1/tasks/${done}/completion`).set(bearer(a.officer(a.nv))).send({ note: 'Xong' }), 201);
    await expectStatus(t.http.post(`/v1/tasks/${done}/completion/accept`).set(bearer(a.leader)).send({}), 200);
    await expectStatus(t.http.post(`/v1/tasks/${cancelled}/cancel`).set(bearer(a.leader)).send({ reason: 'Trùng' }), 200);
  }, 60_000);

  afterAll(() => t?.close());

  const ids = async (token: string) => ((await expectStatus(t.http.get('/v1/plans').set(bearer(token)), 200)).body.items as { id: string }[]).map((p) => p.id);

  it("the district's leader and an office under it see the plan with its progress; another district's leader does not", async () => {
    const res = await expectStatus(t.http.get('/v1/plans').set(bearer(a.leader)), 200);
    expect(res.body.items).toEqual([expect.objectContaining({ id: a.planId, issuer: a.district, periodFrom: '2026-11-01', periodTo: '2027-12-31', tasks: 2, done: 1 })]);
    expect(await ids(a.officer(a.vp))).toEqual([a.planId]);
    expect(await ids(b.leader)).toEqual([b.planId]);
    const all = await ids(a.admin);
    expect(all).toEqual(expect.arrayContaining([a.planId, b.planId]));
    expect((await t.http.get('/v1/plans')).status).toBe(401);
  });
});
