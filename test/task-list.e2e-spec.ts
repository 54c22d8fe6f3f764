import { TestApp, bearer, startTestApp } from './support/test-app';
import { EventLog, PROBLEM_JSON, PlanWorld, assignTask, districtWithPlan, expectStatus, registerDistrict } from './support/e2e-world';

/** GET /v1/tasks: its filters and its paging. */
describe('task list (e2e)', () => {
  let t: TestApp;
  let log: EventLog;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  describe('GET /v1/tasks filters and paging', () => {
    let w: PlanWorld;
    let otherPlan: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      w = await districtWithPlan(t);
      const plan2 = await expectStatus(
        t.http
          .post('/v1/plans')
          .set(bearer(w.leader))
          .send({ issuer: w.district, title: 'Kế hoạch thứ hai', period: { from: '2026-11-01', to: '2027-12-31' } }),
        201,
      );
      otherPlan = plan2.body.id;
      ids.nv = await assignTask(t, w, { lead: w.nv, dueOn: '2027-03-31', criterion: '1.3.2' });
      ids.tc = await assignTask(t, w, { lead: w.tc, dueOn: '2027-09-30', criterion: '2.1' });
      ids.commune = await assignTask(t, w, { lead: w.commune, dueOn: '2027-01-31', criterion: '1.3' });
      ids.nvOther = await assignTask(t, { ...w, planId: otherPlan }, { lead: w.nv, dueOn: '2027-12-31', criterion: '1.30' });
      const old = await expectStatus(
        t.http
          .post(`/v1/plans/${w.planId}/tasks`)
          .set(bearer(w.admin))
          .set('Occurred-At', '2024-01-15T09:00:00+07:00')
          .send({ title: 'Quá hạn', lead: w.vp, dueOn: '2024-03-31' }),
        201,
      );
      ids.vpOverdue = old.body.tasks[0].id;
    });

    const list = async (query: string, token = w.leader) => {
      const res = await expectStatus(t.http.get(`/v1/tasks?${query}`).set(bearer(token)), 200);
      return res.body as { items: { id: string; status: string; lead: string }[]; nextCursor: string | null };
    };
    const idsOf = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

    it('office = the subtree of that office', async () => {
      expect(idsOf(await list(`office=${w.district}`))).toEqual(Object.values(ids).sort());
      expect(idsOf(await list(`office=${w.nv}`))).toEqual([ids.nv, ids.nvOther].sort());
      // Without office, a leader sees its own subtree only.
      expect(idsOf(await list(''))).toEqual(Object.values(ids).sort());
    });

    it('status', async () => {
      const overdue = await list(`office=${w.district}&status=OVERDUE`);
      expect(idsOf(overdue)).toEqual([ids.vpOverdue]);
      expect(overdue.items[0]).toMatchObject({ status: 'OVERDUE', lead: w.vp });
      expect(idsOf(await list(`office=${w.district}&status=IN_PROGRESS`))).toEqual([ids.nv, ids.tc, ids.commune, ids.nvOther].sort());
      expect((await list(`office=${w.district}&status=DONE_LATE`)).items).toEqual([]);
    });

    it('plan', async () => {
      expect(idsOf(await list(`plan=${otherPlan}`))).toEqual([ids.nvOther]);
      expect(idsOf(await list(`plan=${w.planId}`))).toEqual([ids.nv, ids.tc, ids.commune, ids.vpOverdue].sort());
    });

    it('criterion: that code and the codes under it', async () => {
      expect(idsOf(await list(`office=${w.district}&criterion=1.3`))).toEqual([ids.nv, ids.commune].sort());
      expect(idsOf(await list(`office=${w.district}&criterion=1.3.2`))).toEqual([ids.nv]);
    });

    it('dueBefore (strictly before)', async () => {
      expect(idsOf(await list(`office=${w.district}&dueBefore=2027-03-31`))).toEqual([ids.commune, ids.vpOverdue].sort());
      expect(idsOf(await list(`office=${w.district}&dueBefore=2027-04-01`))).toEqual([ids.nv, ids.commune, ids.vpOverdue].sort());
    });

    it('an officer sees its own office; another district is 404, as a missing office', async () => {
      expect(idsOf(await list('', w.officer(w.tc)))).toEqual([ids.tc]);
      const other = await registerDistrict(t);
      const res = await t.http.get(`/v1/tasks?office=${w.district}`).set(bearer(other.leader));
      // Another district's office reads as a missing one (issue 13, item 11).
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body.code).toBe('OFFICE_NOT_FOUND');
      expect((await list('', other.leader)).items).toEqual([]);
    });

    it('limit + cursor page through every task once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      const sizes: number[] = [];
      do {
        const page = await list(`office=${w.district}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        sizes.push(page.items.length);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor && sizes.length < 10);
      expect(sizes).toEqual([2, 2, 1]);
      expect(new Set(seen).size).toBe(5);
      expect([...seen].sort()).toEqual(Object.values(ids).sort());
      const all = await list(`office=${w.district}&limit=5`);
      expect(all.items).toHaveLength(5);
      expect(all.nextCursor).toBeNull();
    });
  });
});
