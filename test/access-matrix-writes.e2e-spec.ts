import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@dondoc/event-store';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { EventLog, PROBLEM_JSON, PlanWorld, assignTask, districtWithPlan, expectStatus, fresh } from './support/e2e-world';
import { CASES } from './support/access-matrix-cases';
import { ROUTES } from './support/access-matrix-routes';
import { Fixture, PERIOD, Route, matrixFixture, secretsOf } from './support/access-matrix-world';

// The access matrix (test/support/access-matrix-world.ts): every write route × every way of being refused, by bearer token.
describe('access matrix: every write route refuses what it must, and writes nothing (e2e)', () => {
  let t: TestApp;
  let log: EventLog;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    f = await matrixFixture(t);
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  /** Sends the request; checks the refusal, that nothing was written, and that nothing of A leaked. */
  async function expectRefused(route: Route, token: string | null, path: string, body: object, status: number, code?: string) {
    const stream = route.stream?.(f);
    const before = { all: await log.count(), stream: stream ? await log.count(stream) : 0 };

    let req = t.http[route.method ?? 'post'](path).set('Content-Type', 'application/json');
    if (token !== null) req = req.set(bearer(token));
    const sent = JSON.stringify(body);
    const res = await req.send(sent);

    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code: code ?? expect.any(String) });
    expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    // No stream version is handed out for a refusal.
    expect(res.headers.etag ?? '').not.toMatch(/^"\d+"$/);
    expect(await log.count()).toBe(before.all);
    if (stream) expect(await log.count(stream)).toBe(before.stream);
    // The answer names nothing of district A that the request (its token included) did not name itself.
    const own = token ? ((jwt.decode(token) as { office?: string } | null)?.office ?? '') : '';
    const asked = `${path} ${sent} ${own}`;
    const answer = JSON.stringify(res.body);
    expect(secretsOf(f).filter((s) => !asked.includes(s) && answer.includes(s))).toEqual([]);
  }

  it('every write route of the OpenAPI document has a row in this matrix, and every row a route', async () => {
    const doc = await expectStatus(t.http.get('/docs-json'), 200);
    const writes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      // The multipart upload (no JSON body, open to officers and leaders alike) has its own matrix
      // of who may call it in test/files.e2e-spec.ts.
      .filter((name) => name.includes(' /v1/') && name !== 'POST /v1/files');
    const rows = ROUTES.map((r) => r.name);
    // The caller's own sign-in, session and first run are no matter of role: test/sign-in.e2e-spec.ts, first-run.e2e-spec.ts.
    const own = ['POST /v1/auth/sign-in', 'POST /v1/auth/sign-out', 'POST /v1/auth/grant', 'POST /v1/auth/password', 'POST /v1/auth/setup'];
    expect(writes.filter((w) => !rows.includes(w) && !own.includes(w))).toEqual([]);
    expect(rows.filter((r) => !writes.includes(r))).toEqual([]);
  });

  describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    const applicable = CASES.filter((c) => !c.only || c.only.includes(route.kind)).map((c) => [c.name, c] as const);

    it.each(applicable)('%s', async (_case, c) => {
      await expectRefused(route, c.token(t, f, route.kind), route.path(f), route.body(f), c.status, c.code?.(route));
    });

    const variants = (route.variants ?? []).map((v) => [v.name, v] as const);
    if (variants.length) {
      it.each(variants)('out of scope in the body or path: %s', async (_v, v) => {
        await expectRefused(route, v.token(t, f), (v.path ?? route.path)(f), v.body(f), v.status ?? 403, v.code);
      });
    }
  });

  it('the fixtures still accept the rightful actor (the refusals above were about the actor, not the state)', async () => {
    const leader = f.a.leader;
    const officer = f.a.officer(f.a.nv);
    const ok = async (path: string, token: string, body: object, status: number) =>
      expectStatus(t.http.post(path).set(bearer(token)).send(body), status);
    await ok(`/v1/tasks/${f.open}/acknowledge`, officer, {}, 200);
    await ok(`/v1/tasks/${f.open}/progress`, officer, { note: 'Đang làm' }, 201);
    await ok(`/v1/tasks/${f.pending}/extension-requests/${f.requestId}/grant`, leader, {}, 200);
    await ok(`/v1/tasks/${f.awaiting}/completion/accept`, leader, {}, 200);
    await ok(`/v1/tasks/${f.cancelled}/reopen`, leader, { reason: 'Tiếp tục' }, 200);
    await ok(`/v1/plans/${f.a.planId}/targets/CT-1/measurements`, leader, { value: '96.5', asOf: '2026-11-01' }, 201);
    await ok(
      `/v1/plans/${f.a.planId}/tasks`,
      leader,
      { title: 'Hoạt động', lead: f.a.vp, supporting: [f.a.tc], followUp: f.a.vp, parentTaskId: f.open, dueOn: '2027-03-31' },
      201,
    );
    await ok(`/v1/index-frameworks/${f.framework}/2026/district/scores`, leader, { unit: f.a.district, scores: { '1': '8' } }, 201);
    await expectStatus(
      t.http.patch(`/v1/index-frameworks/${f.framework}/2026/district`).set(bearer(f.a.admin)).send({ name: 'Đính chính', reason: 'x' }),
      200,
    );
    await ok(`/v1/offices/${f.a.tc}/merge`, f.a.admin, { into: f.a.vp, reason: 'Sắp xếp' }, 200);
    // An admin may write anywhere, recorded under its own identity.
    const res = await ok(`/v1/tasks/${f.open}/deadline`, f.a.admin, { dueOn: '2027-05-31', reason: 'Hiệu chỉnh' }, 200);
    const trail = await expectStatus(t.http.get(`/v1/tasks/${f.open}/events`).set(bearer(f.a.admin)), 200);
    expect(trail.body.items[trail.body.items.length - 1]).toMatchObject({
      type: 'DeadlineChanged',
      version: res.body.version,
      actor: { role: 'admin', userId: 'admin-ROOT' },
    });
  });

  it('the head of the lead office reports and asks like its officers (item 9)', async () => {
    const id = await assignTask(t, f.a);
    const head = t.token('leader', f.a.nv);
    await expectStatus(t.http.post(`/v1/tasks/${id}/acknowledge`).set(bearer(head)).send({}), 200);
    await expectStatus(t.http.post(`/v1/tasks/${id}/progress`).set(bearer(head)).send({ note: 'Trưởng phòng báo cáo' }), 201);
    await expectStatus(
      t.http.post(`/v1/tasks/${id}/extension-requests`).set(bearer(head)).send({ dueOn: '2027-06-30', reason: 'Xin gia hạn' }),
      201,
    );
    await expectStatus(t.http.post(`/v1/tasks/${id}/completion`).set(bearer(head)).send({ note: 'Hoàn thành' }), 201);
    // …and its own report waits for the district, not for itself.
    const self = await t.http.post(`/v1/tasks/${id}/completion/accept`).set(bearer(head)).send({});
    expect({ status: self.status, code: self.body.code }).toEqual({ status: 403, code: 'LEAD_OFFICE_MAY_NOT_DECIDE' });
    await expectStatus(t.http.post(`/v1/tasks/${id}/completion/accept`).set(bearer(f.a.leader)).send({}), 200);
  });

  it('a leader of the district may not act on a task of another district (403, by id)', async () => {
    const other = await districtWithPlan(t);
    const id = await assignTask(t, other);
    const before = await log.count(`task-${id}`);
    const res = await t.http.post(`/v1/tasks/${id}/cancel`).set(bearer(f.a.leader)).send({ reason: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUTSIDE_SUBTREE');
    expect(await log.count(`task-${id}`)).toBe(before);
  });

  it('plan codes are unique per issuer, and the conflict names no other plan (item 8)', async () => {
    const code = `KH-${fresh()}`;
    const plan = (w: PlanWorld) =>
      t.http.post('/v1/plans').set(bearer(w.leader)).send({ code, issuer: w.district, title: 'Kế hoạch', period: PERIOD });
    const first = await expectStatus(plan(f.a), 201);
    // Another district numbers its plans as it likes.
    const theirs = await expectStatus(plan(f.b), 201);
    const again = await plan(f.a);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'PLAN_CODE_TAKEN' });
    expect(JSON.stringify(again.body)).not.toContain(first.body.id);
    expect(JSON.stringify(again.body)).not.toContain(theirs.body.id);
  });

  it('a plan code claimed while codes were global still holds it for its own issuer, and only for it', async () => {
    // A claim as the first releases wrote it: one stream per code, whatever the issuer.
    const code = `KH-${fresh()}`;
    const old = await expectStatus(
      t.http.post('/v1/plans').set(bearer(f.a.leader)).send({ issuer: f.a.district, title: 'Kế hoạch cũ', period: PERIOD }),
      201,
    );
    const store = new PostgresEventStore(new Pool({ connectionString: t.databaseUrl, max: 1 }));
    try {
      const metadata = {
        actor: { userId: 'leader-old', role: 'leader', office: f.a.district },
        correlationId: randomUUID(),
        causationId: randomUUID(),
      };
      await store.append(
        `planCode-${code}`,
        [{ eventId: randomUUID(), type: 'PlanCodeClaimed', data: { code, planId: old.body.id }, metadata, occurredAt: new Date() }],
        'noStream',
      );
    } finally {
      await store.close();
    }
    const plan = (w: PlanWorld) =>
      t.http.post('/v1/plans').set(bearer(w.leader)).send({ code, issuer: w.district, title: 'Kế hoạch', period: PERIOD });
    const again = await plan(f.a);
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'PLAN_CODE_TAKEN' });
    expect(JSON.stringify(again.body)).not.toContain(old.body.id);
    await expectStatus(plan(f.b), 201);
  });
});
