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
    await expectStatus(
      t.http
        .post(`/v1/tasks/${done}/completion`)
        .set(bearer(a.officer(a.nv)))
        .send({ note: 'Xong' }),
      201,
    );
    await expectStatus(t.http.post(`/v1/tasks/${done}/completion/accept`).set(bearer(a.leader)).send({}), 200);
    await expectStatus(t.http.post(`/v1/tasks/${cancelled}/cancel`).set(bearer(a.leader)).send({ reason: 'Trùng' }), 200);
  }, 60_000);

  afterAll(() => t?.close());

  const ids = async (token: string) =>
    ((await expectStatus(t.http.get('/v1/plans?limit=500').set(bearer(token)), 200)).body.items as { id: string }[]).map((p) => p.id);

  it("a province's plan: a district's leader sees it with its own district's tasks only; the list is paged", async () => {
    const tag = a.tag.slice(0, 4) + 'P';
    const admin = a.admin;
    const province = `UBND-T${tag}`;
    await expectStatus(
      t.http
        .post('/v1/offices')
        .set(bearer(admin))
        .send({ code: province, name: `UBND tỉnh ${tag}`, level: 'province' }),
      201,
    );
    const districts = [`${tag}-H1`, `${tag}-H2`];
    for (const d of districts)
      await expectStatus(
        t.http
          .post('/v1/offices')
          .set(bearer(admin))
          .send({ code: d, name: `UBND huyện ${d}`, parent: province, level: 'district' }),
        201,
      );
    const offices = districts.map((d) => `${d}-NV`);
    for (const [i, o] of offices.entries())
      await expectStatus(
        t.http
          .post('/v1/offices')
          .set(bearer(admin))
          .send({ code: o, name: `Phòng Nội vụ ${o}`, parent: districts[i], level: 'office' }),
        201,
      );
    const provinceLeader = t.token('leader', province);
    const plan = await expectStatus(
      t.http
        .post('/v1/plans')
        .set(bearer(provinceLeader))
        .send({ issuer: province, title: `Kế hoạch tỉnh ${tag}`, period: { from: '2026-11-01', to: '2027-12-31' } }),
      201,
    );
    await expectStatus(
      t.http
        .post(`/v1/plans/${plan.body.id}/tasks`)
        .set(bearer(provinceLeader))
        .send({ title: 'Cả hai huyện', lead: offices, dueOn: '2027-06-30' }),
      201,
    );
    await expectStatus(
      t.http
        .post(`/v1/plans/${plan.body.id}/tasks`)
        .set(bearer(provinceLeader))
        .send({ title: 'Huyện 2', lead: offices[1], dueOn: '2027-06-30' }),
      201,
    );

    const seen = async (token: string) =>
      ((await expectStatus(t.http.get('/v1/plans?limit=500').set(bearer(token)), 200)).body.items as { id: string; tasks: number }[]).find(
        (p) => p.id === plan.body.id,
      );
    expect(await seen(t.token('leader', districts[0]))).toMatchObject({ tasks: 1 });
    expect(await seen(t.token('leader', districts[1]))).toMatchObject({ tasks: 2 });
    expect(await seen(provinceLeader)).toMatchObject({ tasks: 3 });
    expect(await seen(t.token('officer', offices[0]))).toMatchObject({ tasks: 1 });
    // An officer of the province's own office does not list plans issued below it (GET /v1/plans/:id would be 404).
    const below = await expectStatus(
      t.http
        .post('/v1/plans')
        .set(bearer(t.token('leader', districts[0])))
        .send({ issuer: districts[0], title: `Kế hoạch huyện ${tag}`, period: { from: '2026-11-01', to: '2027-12-31' } }),
      201,
    );
    const officerOfProvince = t.token('officer', province);
    expect(
      (await expectStatus(t.http.get('/v1/plans?limit=500').set(bearer(officerOfProvince)), 200)).body.items.map(
        (p: { id: string }) => p.id,
      ),
    ).not.toContain(below.body.id);
    expect((await t.http.get(`/v1/plans/${below.body.id}`).set(bearer(officerOfProvince))).status).toBe(404);

    const page1 = await expectStatus(t.http.get('/v1/plans?limit=1').set(bearer(admin)), 200);
    expect(page1.body.items).toHaveLength(1);
    const rest = await expectStatus(t.http.get(`/v1/plans?limit=500&cursor=${page1.body.nextCursor}`).set(bearer(admin)), 200);
    expect(rest.body.items.map((p: { id: string }) => p.id)).not.toContain(page1.body.items[0].id);
  });

  it("the district's leader and an office under it see the plan with its progress; another district's leader does not", async () => {
    const res = await expectStatus(t.http.get('/v1/plans?limit=500').set(bearer(a.leader)), 200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: a.planId, issuer: a.district, periodFrom: '2026-11-01', periodTo: '2027-12-31', tasks: 2, done: 1 }),
    ]);
    expect(await ids(a.officer(a.vp))).toEqual([a.planId]);
    expect(await ids(b.leader)).toEqual([b.planId]);
    const all = await ids(a.admin);
    expect(all).toEqual(expect.arrayContaining([a.planId, b.planId]));
    expect((await t.http.get('/v1/plans')).status).toBe(401);
  });
});
