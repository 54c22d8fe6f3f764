import { startApp, RunningApp } from '../apps/api/src/bootstrap';
import { TEST_JWT_SECRET, TestApp, bearer, cloneTestDatabase, startTestApp } from './support/test-app';
import { District, EventLog, expectStatus, fresh, registerDistrict } from './support/e2e-world';
import { TestOidcProvider, followSignIn } from './support/oidc-provider';

/**
 * "Đăng nhập một lần (SSO)": OpenID Connect (authorization code + PKCE, openid-client) against a
 * real provider (oidc-provider) on loopback. A person is linked by e-mail or subject; an unlinked
 * one is told so and nothing is created, unless OIDC_AUTO_REGISTER=1 (then: a user with no grants).
 */
describe('single sign-on with OpenID Connect (e2e)', () => {
  let provider: TestOidcProvider;
  let t: TestApp;
  let auto: RunningApp;
  let d: District;
  let log: EventLog;
  const client = { clientId: 'dondoc', clientSecret: 'a-client-secret-for-the-test-provider' };
  const email = `mai.${fresh().toLowerCase()}@sso.example.vn`;

  beforeAll(async () => {
    provider = await TestOidcProvider.listen();
    const oidcEnv = { OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: client.clientId, OIDC_CLIENT_SECRET: client.clientSecret };
    t = await startTestApp(oidcEnv);
    auto = await startApp({
      DATABASE_URL: await cloneTestDatabase(),
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: '0',
      LOG_LEVEL: 'error',
      DIGEST_CRON: '0 7 1 1 *',
      ...oidcEnv,
      OIDC_AUTO_REGISTER: '1',
    });
    provider.configure(
      { ...client, redirectUris: [`${t.app.url}/v1/auth/oidc/callback`, `${auto.url}/v1/auth/oidc/callback`] },
      {
        'sub-mai': { email, name: 'Trần Thị Mai' },
        'sub-stranger': { email: 'stranger@sso.example.vn', name: 'Người lạ', preferred_username: 'nguoila' },
      },
    );
    log = await EventLog.open(t.databaseUrl);
    d = await registerDistrict(t);
  }, 120_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
    await auto?.close();
    await provider?.close();
  });

  it('the sign-in page is told single sign-on is configured (GET /v1/auth/options, no token)', async () => {
    const res = await t.http.get('/v1/auth/options');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ sso: true, setupRequired: expect.any(Boolean) });
  });

  it('redirects to the provider with a PKCE S256 challenge, state and nonce, and no secret', async () => {
    const res = await t.http.get('/v1/auth/oidc/login').redirects(0);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.location);
    expect(to.origin).toBe(provider.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: `${t.app.url}/v1/auth/oidc/callback`,
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String),
    });
    expect(res.headers.location).not.toContain(client.clientSecret);
  });

  it('signs in a person linked by e-mail: a session for that user, with its grants', async () => {
    const id = (
      await expectStatus(
        t.http
          .post('/v1/users')
          .set(bearer(d.admin))
          .send({
            username: `mai.${fresh().toLowerCase()}`,
            name: 'Trần Thị Mai',
            email: email.toUpperCase(),
            grants: [{ role: 'officer', office: d.nv }],
          }),
        201,
      )
    ).body.id;
    provider.nextLogin = 'sub-mai';
    const done = await followSignIn(`${t.app.url}/v1/auth/oidc/login`, t.app.url);
    expect({ status: done.status, location: done.location }).toEqual({ status: 302, location: '/' });
    const cookies = done.setCookies.map((c) => c.split(';')[0]).join('; ');
    expect(done.setCookies.find((c) => c.startsWith('dondoc_session='))).toMatch(/HttpOnly/);
    const me = await expectStatus(t.http.get('/v1/auth/me').set('Cookie', cookies), 200);
    expect(me.body.user).toMatchObject({ id, activeGrant: { role: 'officer', office: d.nv } });
    await expectStatus(t.http.get('/v1/tasks').set('Cookie', cookies), 200);
  }, 60_000);

  it('tells an unlinked person so, and creates nothing', async () => {
    const before = await log.count();
    provider.nextLogin = 'sub-stranger';
    const done = await followSignIn(`${t.app.url}/v1/auth/oidc/login`, t.app.url);
    expect(done.status).toBe(403);
    expect(JSON.parse(done.body)).toMatchObject({ code: 'OIDC_USER_NOT_LINKED' });
    expect(done.setCookies.filter((c) => c.startsWith('dondoc_session='))).toEqual([]);
    expect(await log.count()).toBe(before);
  }, 60_000);

  it('with OIDC_AUTO_REGISTER=1 registers the person with no grants', async () => {
    provider.nextLogin = 'sub-stranger';
    const done = await followSignIn(`${auto.url}/v1/auth/oidc/login`, auto.url);
    expect({ status: done.status, location: done.location }).toEqual({ status: 302, location: '/' });
    const cookies = done.setCookies.map((c) => c.split(';')[0]).join('; ');
    const me = await fetch(`${auto.url}/v1/auth/me`, { headers: { cookie: cookies } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({
      username: 'nguoila',
      name: 'Người lạ',
      grants: [],
      activeGrant: null,
    });
    const tasks = await fetch(`${auto.url}/v1/tasks`, { headers: { cookie: cookies } });
    expect(tasks.status).toBe(403);
    expect(((await tasks.json()) as { code: string }).code).toBe('NO_ACTIVE_GRANT');
  }, 60_000);

  it('refuses a callback whose state it did not give out (401 OIDC_STATE_INVALID)', async () => {
    const res = await t.http.get('/v1/auth/oidc/callback?code=abc&state=forged');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('OIDC_STATE_INVALID');
  });
});
