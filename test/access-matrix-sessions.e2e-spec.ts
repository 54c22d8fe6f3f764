import jwt from 'jsonwebtoken';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { EventLog, PROBLEM_JSON, expectStatus, fresh } from './support/e2e-world';
import { CASES, Case } from './support/access-matrix-cases';
import { ROUTES } from './support/access-matrix-routes';
import { Fixture, Kind, matrixFixture } from './support/access-matrix-world';

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
    f = await matrixFixture(t);
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  async function sessionFor(role: string, office: string, fresh_ = false): Promise<{ cookie: string; csrf: string }> {
    const key = `${role}:${office}`;
    if (!fresh_ && sessions.has(key)) return sessions.get(key)!;
    const username = `m.${fresh().toLowerCase()}`;
    await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(t.token('admin', 'ROOT')))
        .send({ username, name: 'Người dùng', grants: [{ role, office }], password: PASSWORD }),
      201,
    );
    const res = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username, password: PASSWORD }), 200);
    const set = res.headers['set-cookie'] as unknown as string[];
    const value = (name: string) =>
      set
        .find((c) => c.startsWith(`${name}=`))!
        .split(';')[0]
        .slice(name.length + 1);
    const session = {
      cookie: `dondoc_session=${value('dondoc_session')}; dondoc_csrf=${value('dondoc_csrf')}`,
      csrf: value('dondoc_csrf'),
    };
    if (!fresh_) sessions.set(key, session);
    return session;
  }

  /** The session standing for a case (null: no cookie at all). */
  async function sessionOf(c: Case, kind: Kind): Promise<{ cookie: string; csrf: string } | null> {
    if (c.name === 'no token') return null;
    if (c.name === 'bad signature') return { cookie: `dondoc_session=${'A'.repeat(43)}; dondoc_csrf=x`, csrf: 'x' };
    if (c.name === 'alg none' || c.name === 'expired token') {
      const s = await sessionFor('leader', f.a.district, true);
      if (c.name === 'alg none')
        await expectStatus(t.http.post('/v1/auth/sign-out').set({ Cookie: s.cookie, 'X-CSRF-Token': s.csrf }), 204);
      else {
        const { Client } = await import('pg');
        const db = new Client({ connectionString: t.databaseUrl });
        await db.connect();
        const id = /dondoc_session=([^;]*)/.exec(s.cookie)![1];
        const { createHash } = await import('node:crypto');
        await db.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '2 hours' WHERE id_hash = $1`, [
          createHash('sha256').update(id).digest('hex'),
        ]);
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
      let req = t.http[route.method ?? 'post'](route.path(f)).set('Content-Type', 'application/json');
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
    await expectStatus(
      t.http.post(`/v1/tasks/${f.open}/acknowledge`).set({ Cookie: officer.cookie, 'X-CSRF-Token': officer.csrf }).send({}),
      200,
    );
    const leader = await sessionFor('leader', f.a.district);
    await expectStatus(
      t.http
        .post(`/v1/tasks/${f.cancelled}/reopen`)
        .set({ Cookie: leader.cookie, 'X-CSRF-Token': leader.csrf })
        .send({ reason: 'Tiếp tục' }),
      200,
    );
  });
});
