import { Client } from 'pg';
import request from 'supertest';
import { startApp } from '../apps/api/src/bootstrap';
import { TEST_JWT_SECRET, TestApp, bearer, startTestApp } from './support/test-app';
import { District, EventLog, expectStatus, fresh, registerDistrict } from './support/e2e-world';
import { ShiftedClock, signIn, withSession } from './support/sessions';

/**
 * Password sign-in and sessions through HTTP, on a real PostgreSQL, with an injected clock:
 * credentials, equal answers (and times) for unknown users, throttling and its recovery, idle
 * and absolute expiry, sign-out, CSRF, grant switch, revocation of cookies and bearer tokens,
 * password reset and the forced change.
 */
describe('sign-in and sessions (e2e)', () => {
  const clock = new ShiftedClock();
  let t: TestApp;
  let d: District;
  let db: Client;
  let log: EventLog;
  const PASSWORD = 'đồng hồ cát 2026';

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    log = await EventLog.open(t.databaseUrl);
    d = await registerDistrict(t);
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    await log?.close();
    await t?.close();
  });

  // Every test starts past the throttle window of the ones before it.
  beforeEach(() => clock.advance(16 * 60_000));

  async function user(
    grants: { role: string; office: string }[] = [{ role: 'officer', office: d.nv }],
    password: string | null = PASSWORD,
  ) {
    const username = `u.${fresh().toLowerCase()}`;
    const res = await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(d.admin))
        .send({ username, name: 'Lê Thị B', grants, ...(password ? { password } : {}) }),
      201,
    );
    return { id: res.body.id as string, username, oneTimePassword: res.body.oneTimePassword as string | undefined };
  }
  const securityLog = async (username: string) =>
    (
      await db.query<{ kind: string; detail: string | null }>(
        'SELECT kind, detail FROM auth_security_log WHERE lower(username) = $1 ORDER BY id',
        [username],
      )
    ).rows;

  it('signs in: the user and its active grant, an HttpOnly SameSite=Lax session cookie and a readable CSRF cookie', async () => {
    const u = await user([
      { role: 'officer', office: d.nv },
      { role: 'inspector', office: d.district },
    ]);
    const res = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username: u.username.toUpperCase(), password: PASSWORD }), 200);
    expect(res.body).toEqual({
      user: {
        id: u.id,
        username: u.username,
        name: 'Lê Thị B',
        grants: [
          { role: 'officer', office: d.nv },
          { role: 'inspector', office: d.district },
        ],
        activeGrant: { role: 'officer', office: d.nv },
        mustChangePassword: false,
      },
    });
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith('dondoc_session='))!;
    const csrf = cookies.find((c) => c.startsWith('dondoc_csrf='))!;
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).not.toMatch(/; Secure/); // plain HTTP here; Secure when the request came over HTTPS
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(session.split(';')[0].length).toBeGreaterThan('dondoc_session='.length + 40);
    const s = await signIn(t, u.username, PASSWORD);
    expect((await expectStatus(t.http.get('/v1/auth/me').set(withSession(s, false)), 200)).body.user.activeGrant).toEqual({
      role: 'officer',
      office: d.nv,
    });
    await expectStatus(t.http.get('/v1/tasks').set(withSession(s, false)), 200);
    expect(await securityLog(u.username)).toEqual([
      { kind: 'sign-in', detail: null },
      { kind: 'sign-in', detail: null },
    ]);
    // Only the hash of the session id is stored.
    expect((await db.query('SELECT 1 FROM auth_sessions WHERE id_hash = $1', [s.id])).rowCount).toBe(0);
  });

  it('a wrong password and an unknown user get the same 401 INVALID_CREDENTIALS; each failure is logged', async () => {
    const u = await user();
    const wrong = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username: u.username, password: 'not the password' }), 401);
    const unknown = await expectStatus(
      t.http.post('/v1/auth/sign-in').send({ username: `nobody.${fresh()}`, password: 'not the password' }),
      401,
    );
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401 });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(await securityLog(u.username)).toEqual([{ kind: 'sign-in-failed', detail: 'wrong password' }]);
  });

  it('takes the same time for an unknown user as for a wrong password (medians over 40 tries)', async () => {
    const u = await user();
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 4; i++) {
        for (const kind of ['known', 'unknown'] as const) {
          const started = process.hrtime.bigint();
          await expectStatus(
            t.http
              .post('/v1/auth/sign-in')
              .send({ username: kind === 'known' ? u.username : `nobody.${fresh()}`, password: 'not the password' }),
            401,
          );
          times[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }
      clock.advance(16 * 60_000); // past the throttle window: 4 failures each, never locked
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [known, unknown] = [median(times.known), median(times.unknown)];
    console.log(`sign-in failure medians: wrong password ${known.toFixed(1)} ms, unknown user ${unknown.toFixed(1)} ms`);
    expect(Math.abs(known - unknown)).toBeLessThan(Math.max(known, unknown) * 0.25);
  }, 120_000);

  it('one sign-in costs at most 250 ms of CPU (scrypt N=2^14, r=8, p=5)', async () => {
    const u = await user();
    const before = process.cpuUsage();
    for (let i = 0; i < 5; i++) await signIn(t, u.username, PASSWORD);
    const used = process.cpuUsage(before);
    const perSignIn = (used.user + used.system) / 1000 / 5;
    console.log(`CPU per sign-in (whole process: HTTP, scrypt, SQL): ${perSignIn.toFixed(0)} ms`);
    expect(perSignIn).toBeLessThan(250);
  }, 60_000);

  it('throttles a username after 5 failures in 15 minutes: 429 with Retry-After, growing; recovers', async () => {
    const u = await user();
    const fail = () => expectStatus(t.http.post('/v1/auth/sign-in').send({ username: u.username, password: 'not the password' }), 401);
    for (let i = 0; i < 5; i++) await fail();
    const locked = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username: u.username, password: PASSWORD }), 429);
    expect(locked.body).toMatchObject({ code: 'SIGN_IN_THROTTLED', status: 429 });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(55);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    clock.advance(61_000);
    for (let i = 0; i < 5; i++) await fail();
    const again = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username: u.username, password: PASSWORD }), 429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThanOrEqual(115);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(120);
    clock.advance(121_000);
    await signIn(t, u.username, PASSWORD); // recovered; the success clears the count
    for (let i = 0; i < 4; i++) await fail();
    await signIn(t, u.username, PASSWORD);
    const kinds = (await securityLog(u.username)).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'sign-in-failed')).toHaveLength(14);
    expect(kinds.filter((k) => k === 'sign-in-throttled')).toHaveLength(2);
    expect((await db.query('SELECT * FROM auth_throttle WHERE key = $1', [`user:${u.username}`])).rowCount).toBe(0);
  }, 60_000);

  it('concurrent guesses cannot slip past the throttle: of 12 at once, 5 are checked, 7 refused unchecked', async () => {
    const u = await user();
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => t.http.post('/v1/auth/sign-in').send({ username: u.username, password: 'not the password' })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect((await securityLog(u.username)).filter((r) => r.kind === 'sign-in-failed')).toHaveLength(5);
  }, 60_000);

  it('throttles an address across usernames too (SIGN_IN_MAX_FAILURES_PER_IP, 20 by default)', async () => {
    for (let i = 0; i < 20; i++)
      await expectStatus(t.http.post('/v1/auth/sign-in').send({ username: `spray.${fresh()}`, password: 'not the password' }), 401);
    const u = await user();
    const locked = await expectStatus(t.http.post('/v1/auth/sign-in').send({ username: u.username, password: PASSWORD }), 429);
    // The clock is real time shifted: a second or two passed while the user was made.
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(50);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    clock.advance(61_000);
    await signIn(t, u.username, PASSWORD);
  }, 60_000);

  it('ends a session idle for 30 minutes, and any session 12 hours after sign-in', async () => {
    const u = await user();
    const idle = await signIn(t, u.username, PASSWORD);
    clock.advance(29 * 60_000);
    await expectStatus(t.http.get('/v1/auth/me').set(withSession(idle, false)), 200);
    clock.advance(29 * 60_000);
    await expectStatus(t.http.get('/v1/auth/me').set(withSession(idle, false)), 200);
    clock.advance(31 * 60_000);
    expect((await expectStatus(t.http.get('/v1/auth/me').set(withSession(idle, false)), 401)).body.code).toBe('SESSION_EXPIRED');

    const busy = await signIn(t, u.username, PASSWORD);
    for (let elapsed = 0; elapsed < 12 * 60 - 25; elapsed += 25) {
      clock.advance(25 * 60_000);
      await expectStatus(t.http.get('/v1/auth/me').set(withSession(busy, false)), 200);
    }
    clock.advance(25 * 60_000);
    expect((await expectStatus(t.http.get('/v1/auth/me').set(withSession(busy, false)), 401)).body.code).toBe('SESSION_EXPIRED');
  }, 60_000);

  it('signs out: 204, the cookies cleared, the session refused afterwards', async () => {
    const u = await user();
    const s = await signIn(t, u.username, PASSWORD);
    expect((await expectStatus(t.http.post('/v1/auth/sign-out').set(withSession(s, false)), 403)).body.code).toBe('CSRF_TOKEN_MISSING');
    const out = await expectStatus(t.http.post('/v1/auth/sign-out').set(withSession(s)), 204);
    expect((out.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(/dondoc_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await expectStatus(t.http.get('/v1/auth/me').set(withSession(s, false)), 401)).body.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a write by cookie without X-CSRF-Token (403 CSRF_TOKEN_MISSING, nothing written); bearer writes need none', async () => {
    const u = await user([{ role: 'admin', office: d.district }]);
    const s = await signIn(t, u.username, PASSWORD);
    const office = () => ({ code: `N-${fresh()}`, name: 'Phòng mới', parent: d.district });
    const before = await log.count();
    const missing = await expectStatus(t.http.post('/v1/offices').set(withSession(s, false)).send(office()), 403);
    expect(missing.body).toMatchObject({ code: 'CSRF_TOKEN_MISSING', status: 403 });
    const wrong = await expectStatus(
      t.http
        .post('/v1/offices')
        .set({ ...withSession(s, false), 'X-CSRF-Token': 'x'.repeat(s.csrf.length) })
        .send(office()),
      403,
    );
    expect(wrong.body.code).toBe('CSRF_TOKEN_INVALID');
    expect(await log.count()).toBe(before);
    const made = await expectStatus(t.http.post('/v1/offices').set(withSession(s)).send(office()), 201);
    expect(await log.types(`office-${made.body.code}`)).toEqual(['OfficeRegistered']);
    await expectStatus(
      t.http
        .post('/v1/offices')
        .set(bearer(t.token('admin', d.district, u.id)))
        .send(office()),
      201,
    );
  });

  it('switches the active grant with a new session id; a grant not held is refused; sign-in rotates the session too', async () => {
    const u = await user([
      { role: 'leader', office: d.district },
      { role: 'inspector', office: d.district },
    ]);
    const s = await signIn(t, u.username, PASSWORD);
    expect((await expectStatus(t.http.get('/v1/audit/events?limit=1').set(withSession(s, false)), 403)).body.code).toBe(
      'AUDIT_ROLE_REQUIRED',
    );
    const switched = await expectStatus(
      t.http.post('/v1/auth/grant').set(withSession(s)).send({ role: 'inspector', office: d.district }),
      200,
    );
    expect(switched.body.user.activeGrant).toEqual({ role: 'inspector', office: d.district });
    const { sessionFrom } = await import('./support/sessions');
    const next = sessionFrom(switched);
    expect(next.id).not.toBe(s.id);
    expect(next.csrf).not.toBe(s.csrf);
    expect((await expectStatus(t.http.get('/v1/auth/me').set(withSession(s, false)), 401)).body.code).toBe('SESSION_EXPIRED');
    await expectStatus(t.http.get('/v1/audit/events?limit=1').set(withSession(next, false)), 200);
    expect(
      (await expectStatus(t.http.post('/v1/auth/grant').set(withSession(next)).send({ role: 'admin', office: d.district }), 403)).body.code,
    ).toBe('GRANT_NOT_HELD');
    // Signing in again with a session cookie ends that session.
    const res = await expectStatus(
      t.http.post('/v1/auth/sign-in').set('Cookie', next.cookie).send({ username: u.username, password: PASSWORD }),
      200,
    );
    expect(sessionFrom(res).id).not.toBe(next.id);
    expect((await expectStatus(t.http.get('/v1/auth/me').set(withSession(next, false)), 401)).body.code).toBe('SESSION_EXPIRED');
  });

  it('a disabled user is refused on its next request, by cookie and by bearer token', async () => {
    const u = await user();
    const s = await signIn(t, u.username, PASSWORD);
    const token = t.token('officer', d.nv, u.id);
    await expectStatus(t.http.get('/v1/tasks').set(withSession(s, false)), 200);
    await expectStatus(t.http.get('/v1/tasks').set(bearer(token)), 200);
    await expectStatus(t.http.post(`/v1/users/${u.id}/disable`).set(bearer(d.admin)).send({ reason: 'Nghỉ việc' }), 200);
    expect((await expectStatus(t.http.get('/v1/tasks').set(withSession(s, false)), 401)).body.code).toMatch(
      /USER_DISABLED|SESSION_EXPIRED/,
    );
    expect((await expectStatus(t.http.get('/v1/tasks').set(bearer(token)), 401)).body.code).toBe('USER_DISABLED');
    expect((await expectStatus(t.http.post('/v1/auth/sign-in').send({ username: u.username, password: PASSWORD }), 401)).body.code).toBe(
      'USER_DISABLED',
    );
    await expectStatus(t.http.post(`/v1/users/${u.id}/enable`).set(bearer(d.admin)).send({}), 200);
    await expectStatus(t.http.get('/v1/tasks').set(bearer(token)), 200);
  });

  it('a revoked grant is refused on the next request, by cookie and by bearer token', async () => {
    const u = await user([
      { role: 'officer', office: d.nv },
      { role: 'officer', office: d.vp },
    ]);
    const s = await signIn(t, u.username, PASSWORD);
    const token = t.token('officer', d.nv, u.id);
    await expectStatus(t.http.get('/v1/tasks').set(withSession(s, false)), 200);
    await expectStatus(t.http.post(`/v1/users/${u.id}/grants/revoke`).set(bearer(d.admin)).send({ role: 'officer', office: d.nv }), 200);
    expect((await expectStatus(t.http.get('/v1/tasks').set(withSession(s, false)), 401)).body.code).toBe('GRANT_REVOKED');
    expect((await expectStatus(t.http.get('/v1/tasks').set(bearer(token)), 401)).body.code).toBe('GRANT_REVOKED');
    // The grant still held works, by token and by a new sign-in.
    await expectStatus(t.http.get('/v1/tasks').set(bearer(t.token('officer', d.vp, u.id))), 200);
    expect((await signIn(t, u.username, PASSWORD)).body.user).toMatchObject({ activeGrant: { role: 'officer', office: d.vp } });
    // A token whose subject is no registered user works as before (integrations, npm run token).
    await expectStatus(t.http.get('/v1/tasks').set(bearer(t.token('officer', d.nv, `integration-${fresh()}`))), 200);
  });

  it('a one-time password must be changed at first sign-in; a reset ends the sessions and forces it again', async () => {
    const u = await user(undefined, null);
    const s = await signIn(t, u.username, u.oneTimePassword!);
    expect(s.body.user).toMatchObject({ mustChangePassword: true });
    expect((await expectStatus(t.http.get('/v1/tasks').set(withSession(s, false)), 403)).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const change = (current: string, next: string, status: number) =>
      expectStatus(t.http.post('/v1/auth/password').set(withSession(s)).send({ current, next }), status);
    expect((await change(u.oneTimePassword!, 'ngắn quá', 400)).body.code).toBe('PASSWORD_TOO_SHORT');
    expect((await change(u.oneTimePassword!, 'basketball', 400)).body.code).toBe('PASSWORD_TOO_COMMON');
    expect((await change('not the password', PASSWORD, 400)).body.code).toBe('WRONG_CURRENT_PASSWORD');
    await change(u.oneTimePassword!, PASSWORD, 204);
    await expectStatus(t.http.get('/v1/tasks').set(withSession(s, false)), 200);
    await signIn(t, u.username, u.oneTimePassword!, 401);
    const again = await signIn(t, u.username, PASSWORD);
    expect(again.body.user).toMatchObject({ mustChangePassword: false });

    const reset = await expectStatus(t.http.post(`/v1/users/${u.id}/password-reset`).set(bearer(d.admin)), 200);
    expect((await expectStatus(t.http.get('/v1/auth/me').set(withSession(again, false)), 401)).body.code).toBe('SESSION_EXPIRED');
    await signIn(t, u.username, PASSWORD, 401);
    const forced = await signIn(t, u.username, reset.body.oneTimePassword);
    expect(forced.body.user).toMatchObject({ mustChangePassword: true });
    expect(await log.types(`user-${u.id}`)).toEqual(['UserRegistered', 'UserGranted', 'PasswordSet', 'PasswordSet', 'PasswordSet']);
  });

  it('another API process refuses a disabled user’s token within 5 s (its user cache), and its session at once', async () => {
    const other = await startApp(
      {
        DATABASE_URL: t.databaseUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        PORT: '0',
        LOG_LEVEL: 'error',
        DIGEST_CRON: '0 7 1 1 *',
        DONDOC_ROLE: 'api',
      },
      { clock },
    );
    try {
      const http = request(other.url);
      const u = await user();
      const token = t.token('officer', d.nv, u.id);
      const s = await signIn(t, u.username, PASSWORD);
      await expectStatus(http.get('/v1/tasks').set(bearer(token)), 200); // cached there now
      await expectStatus(http.get('/v1/tasks').set(withSession(s, false)), 200);
      await expectStatus(t.http.post(`/v1/users/${u.id}/disable`).set(bearer(d.admin)).send({ reason: 'Nghỉ việc' }), 200);
      const disabledAt = Date.now();
      expect((await expectStatus(http.get('/v1/tasks').set(withSession(s, false)), 401)).body.code).toBe('SESSION_EXPIRED');
      let status = 200;
      while (status === 200 && Date.now() - disabledAt < 8000) {
        status = (await http.get('/v1/tasks').set(bearer(token))).status;
        if (status === 200) await new Promise((r) => setTimeout(r, 100));
      }
      const elapsed = Date.now() - disabledAt;
      console.log(`bearer token of a disabled user refused by the other process after ${elapsed} ms`);
      expect(status).toBe(401);
      expect(elapsed).toBeLessThanOrEqual(5500);
    } finally {
      await other.close();
    }
  }, 60_000);
});
