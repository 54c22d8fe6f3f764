import { randomUUID } from 'node:crypto';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { PROBLEM_JSON, fresh } from './support/e2e-world';
import { Fixture, matrixFixture } from './support/access-matrix-world';

// The access matrix for reads (item 11): a token is needed, and what is out of scope answers exactly as what is missing.
describe('access matrix: reads (e2e)', () => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    f = await matrixFixture(t);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  it('reads need a token too', async () => {
    for (const path of ['/v1/tasks', `/v1/tasks/${f.open}`, `/v1/tasks/${f.open}/events`, `/v1/plans/${f.a.planId}`, '/v1/offices']) {
      const res = await t.http.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  describe('reads: out of scope answers exactly as missing (item 11)', () => {
    interface Read {
      name: string;
      path: (id: string, f: Fixture) => string;
      /** The id of one of district A's resources, and one that does not exist. */
      ids: (f: Fixture) => [string, string];
      token: (t: TestApp, f: Fixture) => string;
    }
    const MISSING = () => randomUUID();
    const B_LEADER = (tt: TestApp, ff: Fixture) => tt.token('leader', ff.b.district);
    const B_INSPECTOR = (tt: TestApp, ff: Fixture) => tt.token('inspector', ff.b.district);
    const READS: Read[] = [
      { name: 'GET /v1/tasks/{id}', path: (id) => `/v1/tasks/${id}`, ids: (ff) => [ff.pending, MISSING()], token: B_LEADER },
      {
        name: 'GET /v1/tasks/{id} (officer of another office)',
        path: (id) => `/v1/tasks/${id}`,
        ids: (ff) => [ff.pending, MISSING()],
        token: (tt, ff) => tt.token('officer', ff.a.commune),
      },
      { name: 'GET /v1/tasks/{id}/events', path: (id) => `/v1/tasks/${id}/events`, ids: (ff) => [ff.pending, MISSING()], token: B_LEADER },
      { name: 'GET /v1/tasks?plan=', path: (id) => `/v1/tasks?plan=${id}`, ids: (ff) => [ff.a.planId, MISSING()], token: B_LEADER },
      { name: 'GET /v1/plans/{id}', path: (id) => `/v1/plans/${id}`, ids: (ff) => [ff.a.planId, MISSING()], token: B_LEADER },
      {
        name: 'GET /v1/reports/completion?plan=',
        path: (id) => `/v1/reports/completion?plan=${id}`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/reports/overdue?plan=',
        path: (id) => `/v1/reports/overdue?plan=${id}`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/reports/targets?plan=',
        path: (id) => `/v1/reports/targets?plan=${id}`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/reports/completion?directive=',
        path: (id) => `/v1/reports/completion?directive=${id}`,
        ids: (ff) => [ff.a.directiveId, MISSING()],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/plans/{id}/areas',
        path: (id, ff) => `/v1/plans/${id}/areas?framework=${ff.framework}&year=2026&level=district`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_LEADER,
      },
      { name: 'GET /v1/tasks?office=', path: (id) => `/v1/tasks?office=${id}`, ids: (ff) => [ff.a.nv, `NO-${fresh()}`], token: B_LEADER },
      {
        name: 'GET /v1/reports/completion?office=',
        path: (id) => `/v1/reports/completion?office=${id}`,
        ids: (ff) => [ff.a.nv, `NO-${fresh()}`],
        token: B_LEADER,
      },
      {
        name: 'GET /v1/audit/events?office=',
        path: (id) => `/v1/audit/events?office=${id}`,
        ids: (ff) => [ff.a.nv, `NO-${fresh()}`],
        token: B_INSPECTOR,
      },
      {
        name: 'GET /v1/digests?office= (officer of another office)',
        path: (id) => `/v1/digests?office=${id}`,
        ids: (ff) => [ff.a.vp, `NO-${fresh()}`],
        token: (tt, ff) => tt.token('officer', ff.a.nv),
      },
      {
        name: 'GET /v1/directives/{id}',
        path: (id) => `/v1/directives/${id}`,
        ids: (ff) => [ff.a.directiveId, MISSING()],
        token: B_LEADER,
      },
      { name: 'GET /v1/offices/{code}', path: (id) => `/v1/offices/${id}`, ids: (ff) => [ff.a.nv, `NO-${fresh()}`], token: B_LEADER },
      {
        name: 'GET /v1/offices/{code} (officer of a sibling office)',
        path: (id) => `/v1/offices/${id}`,
        ids: (ff) => [ff.a.vp, `NO-${fresh()}`],
        token: (tt, ff) => tt.token('officer', ff.a.nv),
      },
      {
        name: 'GET /v1/audit/tasks/{id}/timeline',
        path: (id) => `/v1/audit/tasks/${id}/timeline`,
        ids: (ff) => [ff.pending, MISSING()],
        token: B_INSPECTOR,
      },
      {
        name: 'GET /v1/audit/export?plan=',
        path: (id) => `/v1/audit/export?plan=${id}&format=jsonl`,
        ids: (ff) => [ff.a.planId, MISSING()],
        token: B_INSPECTOR,
      },
      // Inspections (issue 20): another district, and an office the inspection does not cover.
      {
        name: 'GET /v1/inspections/{id}',
        path: (id) => `/v1/inspections/${id}`,
        ids: (ff) => [ff.inspection, MISSING()],
        token: B_INSPECTOR,
      },
      {
        name: 'GET /v1/inspections/{id} (officer of an office not inspected)',
        path: (id) => `/v1/inspections/${id}`,
        ids: (ff) => [ff.inspection, MISSING()],
        token: (tt, ff) => tt.token('officer', ff.a.tc),
      },
      { name: 'GET /v1/findings/{id}', path: (id) => `/v1/findings/${id}`, ids: (ff) => [ff.findingOpen, MISSING()], token: B_LEADER },
      {
        name: 'GET /v1/findings/{id} (another inspected office)',
        path: (id) => `/v1/findings/${id}`,
        ids: (ff) => [ff.findingOpen, MISSING()],
        token: (tt, ff) => tt.token('officer', ff.a.commune),
      },
      {
        name: 'GET /v1/reports/findings?inspection=',
        path: (id) => `/v1/reports/findings?inspection=${id}`,
        ids: (ff) => [ff.inspection, MISSING()],
        token: B_LEADER,
      },
    ];

    it.each(READS.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
      const [theirs, missing] = r.ids(f);
      const token = r.token(t, f);
      const out = await t.http.get(r.path(theirs, f)).set(bearer(token));
      const none = await t.http.get(r.path(missing, f)).set(bearer(token));
      expect({ status: out.status, code: out.body.code }).toEqual({ status: 404, code: expect.any(String) });
      expect({ status: none.status, code: none.body.code }).toEqual({ status: 404, code: out.body.code });
      // Word for word the same answer, but for the id asked about.
      expect(String(out.body.detail).replaceAll(theirs, '?')).toBe(String(none.body.detail).replaceAll(missing, '?'));
      expect(out.headers['content-type']).toMatch(PROBLEM_JSON);
    });

    it('the rightful readers still read them', async () => {
      for (const path of [
        `/v1/tasks/${f.pending}`,
        `/v1/plans/${f.a.planId}`,
        `/v1/directives/${f.a.directiveId}`,
        `/v1/offices/${f.a.nv}`,
        `/v1/tasks?plan=${f.a.planId}`,
      ]) {
        const res = await t.http.get(path).set(bearer(f.a.leader));
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      expect((await t.http.get(`/v1/tasks?plan=${f.a.planId}`).set(bearer(f.a.leader))).body.items.length).toBeGreaterThan(0);
      expect((await t.http.get(`/v1/offices/${f.a.nv}`).set(bearer(f.a.officer(f.a.nv)))).status).toBe(200);
      expect((await t.http.get(`/v1/audit/tasks/${f.pending}/timeline`).set(bearer(f.a.inspector))).status).toBe(200);
    });
  });
});
