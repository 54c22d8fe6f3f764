import jwt from 'jsonwebtoken';
import { TestApp, TEST_JWT_SECRET, bearer, startTestApp } from './support/test-app';
import { District, EventLog, PROBLEM_JSON, PlanWorld, assignTask, districtWithPlan, expectStatus, fresh, registerDistrict, tasksInEveryState } from './support/e2e-world';

/**
 * Every write route × every way of being refused: 401 for a missing or bad token, 403 for the
 * wrong role or outside one's subtree. Each refusal is problem+json with a code, and writes
 * nothing: neither the route's stream nor the log as a whole grows.
 */

type Kind = 'admin' | 'leader' | 'officer';

interface Fixture {
  a: PlanWorld;
  b: District;
  /** Open, no extension pending: acknowledge, progress, extension request, deadline, completion, reassign, cancel. */
  open: string;
  /** An extension request pending. */
  pending: string;
  requestId: string;
  /** A completion report awaiting acceptance. */
  awaiting: string;
  cancelled: string;
}

interface Route {
  name: string;
  kind: Kind;
  path: (f: Fixture) => string;
  body: (f: Fixture) => object;
  /** The stream the route would write to (checked besides the log as a whole). */
  stream?: (f: Fixture) => string;
}

const task = (pick: (f: Fixture) => string, suffix: string, kind: Kind, body: (f: Fixture) => object): Route => ({
  name: `POST /v1/tasks/:id/${suffix.replace('REQ', ':rid')}`,
  kind,
  path: (f) => `/v1/tasks/${pick(f)}/${suffix.replace('REQ', f.requestId)}`,
  body,
  stream: (f) => `task-${pick(f)}`,
});

const ROUTES: Route[] = [
  { name: 'POST /v1/offices', kind: 'admin', path: () => '/v1/offices', body: (f) => ({ code: `N-${fresh()}`, name: 'Phòng mới', parent: f.a.district }) },
  {
    name: 'POST /v1/offices/:code/merge',
    kind: 'admin',
    path: (f) => `/v1/offices/${f.a.tc}/merge`,
    body: (f) => ({ into: f.a.vp, reason: 'Sắp xếp bộ máy' }),
    stream: (f) => `office-${f.a.tc}`,
  },
  {
    name: 'POST /v1/directives',
    kind: 'leader',
    path: () => '/v1/directives',
    body: (f) => ({ number: `${fresh()}/QĐ-UBND`, kind: 'Quyết định', issuedOn: '2026-10-01', issuer: f.a.district, title: 'Quyết định' }),
  },
  {
    name: 'POST /v1/plans',
    kind: 'leader',
    path: () => '/v1/plans',
    // With a code: the code's claim must not be written when the plan is refused.
    body: (f) => ({ code: `KH-${fresh()}`, issuer: f.a.district, title: 'Kế hoạch', period: { from: '2026-11-01', to: '2027-12-31' } }),
  },
  {
    name: 'POST /v1/plans/:id/targets/:code/measurements',
    kind: 'leader',
    path: (f) => `/v1/plans/${f.a.planId}/targets/CT-1/measurements`,
    body: () => ({ value: '96.5', asOf: '2026-11-01', source: '117/BC-UBND' }),
    stream: (f) => `plan-${f.a.planId}`,
  },
  {
    name: 'POST /v1/plans/:id/tasks',
    kind: 'leader',
    path: (f) => `/v1/plans/${f.a.planId}/tasks`,
    body: (f) => ({ title: 'Nhiệm vụ', lead: f.a.nv, dueOn: '2027-03-31' }),
  },
  task((f) => f.open, 'acknowledge', 'officer', () => ({})),
  task((f) => f.open, 'progress', 'officer', () => ({ note: 'Đang thực hiện', percent: 10 })),
  task((f) => f.open, 'extension-requests', 'officer', () => ({ dueOn: '2027-06-30', reason: 'Xin gia hạn' })),
  task((f) => f.pending, 'extension-requests/REQ/grant', 'leader', () => ({ note: 'Đồng ý' })),
  task((f) => f.pending, 'extension-requests/REQ/deny', 'leader', () => ({ reason: 'Không đồng ý' })),
  task((f) => f.open, 'deadline', 'leader', () => ({ dueOn: '2027-05-31', reason: 'Điều chỉnh' })),
  task((f) => f.open, 'completion', 'officer', () => ({ note: 'Hoàn thành' })),
  task((f) => f.awaiting, 'completion/accept', 'leader', () => ({ note: 'Đạt' })),
  task((f) => f.awaiting, 'completion/return', 'leader', () => ({ reason: 'Chưa đạt' })),
  task((f) => f.open, 'reassign', 'leader', (f) => ({ lead: f.a.tc, reason: 'Đúng chức năng' })),
  task((f) => f.open, 'cancel', 'leader', () => ({ reason: 'Không còn phù hợp' })),
  task((f) => f.cancelled, 'reopen', 'leader', () => ({ reason: 'Tiếp tục' })),
];

const claims = (f: Fixture) => ({ sub: 'someone', role: 'leader' as const, office: f.a.district });
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

interface Case {
  name: string;
  status: 401 | 403;
  /** null: no Authorization header. */
  token: (t: TestApp, f: Fixture, kind: Kind) => string | null;
  /** The kinds of route the case applies to (default: all). */
  only?: Kind[];
}

const CASES: Case[] = [
  { name: 'no token', status: 401, token: () => null },
  { name: 'bad signature', status: 401, token: (_t, f) => jwt.sign(claims(f), 'another-secret-that-is-long-enough-0123456789', { algorithm: 'HS256', expiresIn: '1h' }) },
  {
    name: 'alg none',
    status: 401,
    token: (_t, f) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(f), role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })}.`,
  },
  {
    name: 'expired token',
    status: 401,
    token: (_t, f) => jwt.sign({ ...claims(f), exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET, { algorithm: 'HS256' }),
  },
  {
    name: 'wrong role',
    status: 403,
    // admin routes: the district's own leader; leader routes: the lead office's officer; officer routes: the district's leader.
    token: (t, f, kind) => (kind === 'admin' ? t.token('leader', f.a.district) : kind === 'leader' ? t.token('officer', f.a.nv) : t.token('leader', f.a.district)),
  },
  { name: 'leader of another district', status: 403, token: (t, f) => t.token('leader', f.b.district) },
  // On leader and admin routes an officer is the wrong-role case already.
  { name: 'officer of another office', status: 403, token: (t, f) => t.token('officer', f.a.tc), only: ['officer'] },
  { name: 'inspector of the district', status: 403, token: (t, f) => t.token('inspector', f.a.district) },
];

describe('access matrix: every write route refuses what it must, and writes nothing (e2e)', () => {
  let t: TestApp;
  let log: EventLog;
  let f: Fixture;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    const a = await districtWithPlan(t);
    const b = await registerDistrict(t);
    f = { a, b, ...(await tasksInEveryState(t, a)) };
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    const applicable = CASES.filter((c) => !c.only || c.only.includes(route.kind)).map((c) => [c.name, c] as const);

    it.each(applicable)('%s', async (_case, c) => {
      const token = c.token(t, f, route.kind);
      const stream = route.stream?.(f);
      const before = { all: await log.count(), stream: stream ? await log.count(stream) : 0 };

      let req = t.http.post(route.path(f)).set('Content-Type', 'application/json');
      if (token !== null) req = req.set(bearer(token));
      const res = await req.send(JSON.stringify(route.body(f)));

      expect({ status: res.status, code: res.body?.code }).toEqual({ status: c.status, code: expect.any(String) });
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(res.body).toMatchObject({ status: c.status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
      if (c.status === 401) expect(res.body.code).toBe('UNAUTHENTICATED');
      // No stream version is handed out for a refusal.
      expect(res.headers.etag ?? '').not.toMatch(/^"\d+"$/);
      expect(await log.count()).toBe(before.all);
      if (stream) expect(await log.count(stream)).toBe(before.stream);
    });
  });

  it('the fixtures still accept the rightful actor (the refusals above were about the actor, not the state)', async () => {
    const leader = f.a.leader;
    const officer = f.a.officer(f.a.nv);
    const ok = async (path: string, token: string, body: object, status: number) => expectStatus(t.http.post(path).set(bearer(token)).send(body), status);
    await ok(`/v1/tasks/${f.open}/acknowledge`, officer, {}, 200);
    await ok(`/v1/tasks/${f.open}/progress`, officer, { note: 'Đang làm' }, 201);
    await ok(`/v1/tasks/${f.pending}/extension-requests/${f.requestId}/grant`, leader, {}, 200);
    await ok(`/v1/tasks/${f.awaiting}/completion/accept`, leader, {}, 200);
    await ok(`/v1/tasks/${f.cancelled}/reopen`, leader, { reason: 'Tiếp tục' }, 200);
    await ok(`/v1/plans/${f.a.planId}/targets/CT-1/measurements`, leader, { value: '96.5', asOf: '2026-11-01' }, 201);
    await ok(`/v1/offices/${f.a.tc}/merge`, f.a.admin, { into: f.a.vp, reason: 'Sắp xếp' }, 200);
    // An admin may write anywhere, recorded under its own identity.
    const res = await ok(`/v1/tasks/${f.open}/deadline`, f.a.admin, { dueOn: '2027-05-31', reason: 'Hiệu chỉnh' }, 200);
    const trail = await expectStatus(t.http.get(`/v1/tasks/${f.open}/events`).set(bearer(f.a.admin)), 200);
    expect(trail.body.items[trail.body.items.length - 1]).toMatchObject({ type: 'DeadlineChanged', version: res.body.version, actor: { role: 'admin', userId: 'admin-ROOT' } });
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

  it('a leader may not move a task to an office outside its subtree', async () => {
    const id = await assignTask(t, f.a);
    const res = await t.http.post(`/v1/tasks/${id}/reassign`).set(bearer(f.a.leader)).send({ lead: f.b.nv, reason: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUTSIDE_SUBTREE');
    expect(await log.count(`task-${id}`)).toBe(1);
  });

  it('a leader may not assign to an office outside its subtree, even as one of several leads (all or nothing)', async () => {
    const before = await log.count();
    const res = await t.http.post(`/v1/plans/${f.a.planId}/tasks`).set(bearer(f.a.leader)).send({ title: 'x', lead: [f.a.nv, f.b.nv], dueOn: '2027-03-31' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OUTSIDE_SUBTREE');
    expect(await log.count()).toBe(before);
  });

  it('reads need a token too', async () => {
    for (const path of ['/v1/tasks', `/v1/tasks/${f.open}`, `/v1/tasks/${f.open}/events`, `/v1/plans/${f.a.planId}`, '/v1/offices']) {
      const res = await t.http.get(path);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 401, code: 'UNAUTHENTICATED' });
    }
  });
});

/**
 * The same matrix with sessions instead of bearer tokens (issue 15): each token case becomes the
 * session of a registered user holding that grant, signed in by password and writing with its
 * CSRF token, so a refusal is about the actor only. The token-only cases become their session
 * kin: no cookie, a forged cookie, a signed-out session, an idle one.
 */
describe('access matrix with sessions instead of bearer tokens (e2e)', () => {
  let t: TestApp;
  let log: EventLog;
  let f: Fixture;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const PASSWORD = 'phiên làm việc 2026';

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    const a = await districtWithPlan(t);
    const b = await registerDistrict(t);
    f = { a, b, ...(await tasksInEveryState(t, a)) };
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  async function sessionFor(role: string, office: string, fresh_ = false): Promise<{ cookie: string; csrf: string }> {
    const key = `${role}:${office}`;
    if (!fresh_ && sessions.has(key)) return sessions.get(key)!;
    const username = `m.${fresh().toLowerCase()}`;
    await expectStatus(t.http.post('/v1/users').set(bearer(t.token('admin', 'ROOT'))).send({ username, name: 'Người dùng', grants: [{ role, office }], password: PASSWORD }), 201);
    const res = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username, password: PASSWORD }), 200);
    const set = res.headers['set-cookie'] as unknown as string[];
    const value = (name: string) => set.find((c) => c.startsWith(`${name}=`))!.split(';')[0].slice(name.length + 1);
    const session = { cookie: `dondoc_session=${value('dondoc_session')}; dondoc_csrf=${value('dondoc_csrf')}`, csrf: value('dondoc_csrf') };
    if (!fresh_) sessions.set(key, session);
    return session;
  }

  /** The session standing for a case (null: no cookie at all). */
  async function sessionOf(c: Case, kind: Kind): Promise<{ cookie: string; csrf: string } | null> {
    if (c.name === 'no token') return null;
    if (c.name === 'bad signature') return { cookie: `dondoc_session=${'A'.repeat(43)}; dondoc_csrf=x`, csrf: 'x' };
    if (c.name === 'alg none' || c.name === 'expired token') {
      const s = await sessionFor('leader', f.a.district, true);
      if (c.name === 'alg none') await expectStatus(t.http.post('/v1/auth/sign-out').set({ Cookie: s.cookie, 'X-CSRF-Token': s.csrf }), 204);
      else {
        const { Client } = await import('pg');
        const db = new Client({ connectionString: t.databaseUrl });
        await db.connect();
        const id = /dondoc_session=([^;]*)/.exec(s.cookie)![1];
        const { createHash } = await import('node:crypto');
        await db.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '2 hours' WHERE id_hash = $1`, [createHash('sha256').update(id).digest('hex')]);
        await db.end();
      }
      return s;
    }
    const claims = jwt.decode(c.token(t, f, kind)!) as { role: string; office: string };
    return sessionFor(claims.role, claims.office);
  }

  describe.each(ROUTES.map((r) => [r.name, r] as const))('%s', (_name, route) => {
    const applicable = CASES.filter((c) => !c.only || c.only.includes(route.kind)).map((c) => [c.name, c] as const);

    it.each(applicable)('%s', async (_case, c) => {
      const session = await sessionOf(c, route.kind);
      const stream = route.stream?.(f);
      const before = { all: await log.count(), stream: stream ? await log.count(stream) : 0 };
      let req = t.http.post(route.path(f)).set('Content-Type', 'application/json');
      if (session) req = req.set({ Cookie: session.cookie, 'X-CSRF-Token': session.csrf });
      const res = await req.send(JSON.stringify(route.body(f)));

      expect({ status: res.status, code: res.body?.code }).toEqual({ status: c.status, code: expect.any(String) });
      expect(res.headers['content-type']).toMatch(PROBLEM_JSON);
      if (c.status === 401) expect(['UNAUTHENTICATED', 'SESSION_EXPIRED']).toContain(res.body.code);
      expect(await log.count()).toBe(before.all);
      if (stream) expect(await log.count(stream)).toBe(before.stream);
    });
  });

  it('the rightful actor’s session is accepted (the refusals were about the actor)', async () => {
    const officer = await sessionFor('officer', f.a.nv);
    await expectStatus(t.http.post(`/v1/tasks/${f.open}/acknowledge`).set({ Cookie: officer.cookie, 'X-CSRF-Token': officer.csrf }).send({}), 200);
    const leader = await sessionFor('leader', f.a.district);
    await expectStatus(t.http.post(`/v1/tasks/${f.cancelled}/reopen`).set({ Cookie: leader.cookie, 'X-CSRF-Token': leader.csrf }).send({ reason: 'Tiếp tục' }), 200);
  });
});
