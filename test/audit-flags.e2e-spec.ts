import { TestApp, bearer, startTestApp } from './support/test-app';
import { allPages } from './support/audit-pages';
import { PlanWorld, assignTask, districtWithPlan, expectStatus, todayLocal } from './support/e2e-world';

/** Back-dated flags over HTTP: what is flagged and what is not, in whose scope, and the task's timeline of it. */
describe('audit: back-dated flags (e2e)', () => {
  let t: TestApp;
  let a: PlanWorld;
  let b: PlanWorld;

  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  const get = (path: string, token: string) => t.http.get(path).set(bearer(token));
  const all = (path: string, token: string, limit = 500) => allPages(t, path, token, limit);

  beforeAll(async () => {
    t = await startTestApp();
    a = await districtWithPlan(t);
    b = await districtWithPlan(t);
  }, 120_000);

  afterAll(() => t?.close());

  it('back-dated: a completion recorded 10 days after its date is flagged, one the same day is not', async () => {
    // Assigned 20 days ago (admin back-fill), so that a completion 10 days ago is possible.
    const late = await expectStatus(
      t.http
        .post(`/v1/plans/${a.planId}/tasks`)
        .set(bearer(a.admin))
        .set('Occurred-At', daysAgo(20).toISOString())
        .send({ title: 'Báo cáo muộn', lead: a.vp, dueOn: '2027-06-30' }),
      201,
    );
    const lateId = late.body.tasks[0].id;
    const tenDaysAgo = todayLocal(daysAgo(10));
    await expectStatus(
      t.http
        .post(`/v1/tasks/${lateId}/completion`)
        .set(bearer(a.officer(a.vp)))
        .send({ completedOn: tenDaysAgo, note: 'Đã xong từ trước' }),
      201,
    );
    const onTime = await assignTask(t, a, { lead: a.tc });
    await expectStatus(
      t.http
        .post(`/v1/tasks/${onTime}/completion`)
        .set(bearer(a.officer(a.tc)))
        .send({ note: 'Xong hôm nay' }),
      201,
    );

    const flags = await all('/v1/audit/flags?kind=backdated', a.inspector);
    expect(flags.map((f) => f.taskId)).toContain(lateId);
    expect(flags.map((f) => f.taskId)).not.toContain(onTime);
    expect(flags.find((f) => f.taskId === lateId)).toMatchObject({
      kind: 'backdated',
      type: 'CompletionReported',
      streamId: `task-${lateId}`,
      actor: { userId: `officer-${a.vp}`, role: 'officer', office: a.vp },
      office: a.vp,
      businessDate: tenDaysAgo,
      recordedAt: expect.any(String),
      lagDays: 10,
      graceDays: 3,
    });
    // Scoped, and bounded by record time.
    expect((await all('/v1/audit/flags?kind=backdated', b.inspector)).map((f) => f.taskId)).not.toContain(lateId);
    expect(await all('/v1/audit/flags?kind=backdated&to=2000-01-01', a.inspector)).toEqual([]);
    expect((await get('/v1/audit/flags?kind=other', a.inspector)).status).toBe(400);

    // The timeline shows the back-fill and the late report, and what each changed.
    const timeline = await expectStatus(get(`/v1/audit/tasks/${lateId}/timeline`, a.inspector), 200);
    expect(timeline.body.items.map((i: { type: string }) => i.type)).toEqual(['TaskAssigned', 'CompletionReported']);
    const [assigned, reported] = timeline.body.items;
    expect(assigned).toMatchObject({
      actor: { role: 'admin' },
      recordedLate: true,
      changes: { status: { from: null, to: 'IN_PROGRESS' }, dueOn: { from: null, to: '2027-06-30' }, lead: { from: null, to: a.vp } },
    });
    expect(reported).toMatchObject({
      actor: { role: 'officer' },
      recordedLate: false,
      changes: { status: { from: 'IN_PROGRESS', to: 'AWAITING_ACCEPTANCE' } },
    });
    expect(reported.changes.dueOn).toBeUndefined();
  });
});
