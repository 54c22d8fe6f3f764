import { Client } from 'pg';
import { TestApp } from './support/test-app';
import { District, EventLog, expectStatus, fresh } from './support/e2e-world';
import { ShiftedClock, signIn, withSession } from './support/sessions';
import { PASSWORD, closeSignInWorld, signInCalls, signInWorld } from './support/sign-in-world';

/**
 * Password sign-in through HTTP, on a real PostgreSQL, with an injected clock: credentials, equal
 * answers (and times) for unknown users, the cost of a sign-in, throttling and its recovery.
 * Sessions once signed in: test/sign-in-sessions.e2e-spec.ts.
 */
describe('sign-in (e2e)', () => {
  const clock = new ShiftedClock();
  let t: TestApp;
  let d: District;
  let db: Client;
  let log: EventLog;

  beforeAll(async () => {
    ({ t, d, db, log } = await signInWorld(clock));
  }, 120_000);

  afterAll(() => closeSignInWorld({ t, db, log }));

  // Every test starts past the throttle window of the ones before it.
  beforeEach(() => clock.advance(16 * 60_000));

  const { user, securityLog } = signInCalls(() => ({ t, d, db, log }));

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
});
