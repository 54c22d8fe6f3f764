import { TestApp, bearer, startTestApp } from './support/test-app';
import { District, EventLog, PROBLEM_JSON, expectStatus, fresh, registerDistrict } from './support/e2e-world';

/**
 * Users as events (user-<id> streams, rm_users) and their administration over HTTP: who may
 * create, grant, revoke, disable, enable and reset whom, usernames unique whatever their case,
 * and the grants in the inspector's trail.
 */
describe('users (e2e)', () => {
  let t: TestApp;
  let a: District;
  let b: District;
  let log: EventLog;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    a = await registerDistrict(t);
    b = await registerDistrict(t);
  }, 120_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  const officerOf = (office: string) => ({
    username: `cb.${fresh().toLowerCase()}`,
    name: 'Nguyễn Văn A',
    grants: [{ role: 'officer', office }],
  });

  it('an admin registers a user with a one-time password: events on user-<id>, never a password', async () => {
    const body = { ...officerOf(a.nv), email: 'a.nguyen@example.vn' };
    const res = await expectStatus(t.http.post('/v1/users').set(bearer(a.admin)).send(body), 201);
    expect(res.body).toEqual({ id: expect.any(String), oneTimePassword: expect.stringMatching(/^[A-Za-z0-9]{20}$/) });
    expect(await log.types(`user-${res.body.id}`)).toEqual(['UserRegistered', 'UserGranted', 'PasswordSet']);
    const user = await expectStatus(t.http.get(`/v1/users/${res.body.id}`).set(bearer(a.admin)), 200);
    expect(user.body).toMatchObject({
      id: res.body.id,
      username: body.username,
      email: body.email,
      status: 'active',
      grants: [{ role: 'officer', office: a.nv }],
      mustChangePassword: true,
    });
    expect(JSON.stringify(user.body)).not.toMatch(/scrypt|hash/i);
    expect(JSON.stringify(user.body)).not.toContain(res.body.oneTimePassword);
  });

  it('a given password is the user’s own: none returned, no change forced; a weak one is refused', async () => {
    const res = await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(a.admin))
        .send({ ...officerOf(a.nv), password: 'một mật khẩu dài' }),
      201,
    );
    expect(res.body).toEqual({ id: expect.any(String) });
    expect((await t.http.get(`/v1/users/${res.body.id}`).set(bearer(a.admin))).body.mustChangePassword).toBe(false);
    const before = await log.count();
    for (const [password, code] of [
      ['short1234', 'PASSWORD_TOO_SHORT'],
      ['1234567890', 'PASSWORD_TOO_COMMON'],
      ['QwertyUIOP', 'PASSWORD_TOO_COMMON'],
    ]) {
      const refused = await expectStatus(
        t.http
          .post('/v1/users')
          .set(bearer(a.admin))
          .send({ ...officerOf(a.nv), password }),
        400,
      );
      expect(refused.body).toMatchObject({ code, errors: [{ field: 'password' }] });
    }
    expect(await log.count()).toBe(before);
  });

  it('usernames are unique whatever their case: USERNAME_TAKEN, and the second user is not written', async () => {
    const name = `Tran.${fresh()}`;
    await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(a.admin))
        .send({ ...officerOf(a.nv), username: name }),
      201,
    );
    const before = await log.count();
    const again = await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(a.admin))
        .send({ ...officerOf(a.vp), username: name.toLowerCase() }),
      409,
    );
    expect(again.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(again.body).toMatchObject({ code: 'USERNAME_TAKEN' });
    expect(await log.count()).toBe(before);
  });

  it('a leader creates officers of its subtree only; a refusal claims no username', async () => {
    await expectStatus(t.http.post('/v1/users').set(bearer(a.leader)).send(officerOf(a.commune)), 201);
    const before = await log.count();
    const leader = await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(a.leader))
        .send({ ...officerOf(a.nv), grants: [{ role: 'leader', office: a.nv }] }),
      403,
    );
    expect(leader.body.code).toBe('ROLE_NOT_ALLOWED');
    const outside = officerOf(b.nv);
    expect((await expectStatus(t.http.post('/v1/users').set(bearer(a.leader)).send(outside), 403)).body.code).toBe('OUTSIDE_SUBTREE');
    expect(
      (
        await expectStatus(
          t.http
            .post('/v1/users')
            .set(bearer(a.officer(a.nv)))
            .send(officerOf(a.nv)),
          403,
        )
      ).body.code,
    ).toBe('ROLE_NOT_ALLOWED');
    expect(
      (
        await expectStatus(
          t.http
            .post('/v1/users')
            .set(bearer(a.admin))
            .send({ ...officerOf('NO-SUCH-OFFICE') }),
          400,
        )
      ).body.code,
    ).toBe('UNKNOWN_OFFICE');
    expect(await log.count()).toBe(before);
    // The refused username is free: the admin takes it.
    await expectStatus(t.http.post('/v1/users').set(bearer(a.admin)).send(outside), 201);
  });

  it('lists and reads are scoped: a leader sees the users of its subtree, not another district’s', async () => {
    const mine = (await expectStatus(t.http.post('/v1/users').set(bearer(a.admin)).send(officerOf(a.tc)), 201)).body.id;
    const theirs = (await expectStatus(t.http.post('/v1/users').set(bearer(a.admin)).send(officerOf(b.tc)), 201)).body.id;
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((u) => u.id);
    const list = await expectStatus(t.http.get('/v1/users').set(bearer(a.leader)), 200);
    expect(ids(list)).toContain(mine);
    expect(ids(list)).not.toContain(theirs);
    expect(ids(await expectStatus(t.http.get(`/v1/users?office=${a.tc}`).set(bearer(a.leader)), 200))).toEqual([mine]);
    // Out of scope reads as missing (issue 13, item 11).
    expect((await expectStatus(t.http.get(`/v1/users?office=${b.tc}`).set(bearer(a.leader)), 404)).body.code).toBe('OFFICE_NOT_FOUND');
    expect(ids(await expectStatus(t.http.get(`/v1/users?office=${b.tc}`).set(bearer(a.admin)), 200))).toEqual([theirs]);
    await expectStatus(t.http.get(`/v1/users/${mine}`).set(bearer(a.leader)), 200);
    expect((await expectStatus(t.http.get(`/v1/users/${theirs}`).set(bearer(a.leader)), 404)).body.code).toBe('USER_NOT_FOUND');
    expect((await expectStatus(t.http.get('/v1/users').set(bearer(a.inspector)), 403)).body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('grant, revoke, disable, enable and reset: each an event, each answered with the user', async () => {
    const id = (await expectStatus(t.http.post('/v1/users').set(bearer(a.admin)).send(officerOf(a.nv)), 201)).body.id;
    const granted = await expectStatus(
      t.http.post(`/v1/users/${id}/grants`).set(bearer(a.admin)).send({ role: 'inspector', office: a.district }),
      200,
    );
    expect(granted.body.grants).toEqual([
      { role: 'officer', office: a.nv },
      { role: 'inspector', office: a.district },
    ]);
    const revoked = await expectStatus(
      t.http.post(`/v1/users/${id}/grants/revoke`).set(bearer(a.admin)).send({ role: 'officer', office: a.nv }),
      200,
    );
    expect(revoked.body.grants).toEqual([{ role: 'inspector', office: a.district }]);
    expect(
      (await expectStatus(t.http.post(`/v1/users/${id}/grants/revoke`).set(bearer(a.admin)).send({ role: 'officer', office: a.nv }), 409))
        .body.code,
    ).toBe('GRANT_NOT_HELD');
    expect(
      (await expectStatus(t.http.post(`/v1/users/${id}/disable`).set(bearer(a.admin)).send({ reason: 'Nghỉ hưu' }), 200)).body,
    ).toMatchObject({ status: 'disabled', disabledReason: 'Nghỉ hưu' });
    expect((await expectStatus(t.http.post(`/v1/users/${id}/disable`).set(bearer(a.admin)).send({}), 400)).body.errors[0].field).toBe(
      'reason',
    );
    expect((await expectStatus(t.http.post(`/v1/users/${id}/enable`).set(bearer(a.admin)).send({}), 200)).body.status).toBe('active');
    const reset = await expectStatus(t.http.post(`/v1/users/${id}/password-reset`).set(bearer(a.admin)), 200);
    expect(reset.body.oneTimePassword).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await log.types(`user-${id}`)).toEqual([
      'UserRegistered',
      'UserGranted',
      'PasswordSet',
      'UserGranted',
      'UserGrantRevoked',
      'UserDisabled',
      'UserEnabled',
      'PasswordSet',
    ]);
    expect(
      (await expectStatus(t.http.post(`/v1/users/${fresh()}/disable`).set(bearer(a.admin)).send({ reason: 'x' }), 404)).body.code,
    ).toBe('USER_NOT_FOUND');
  });

  it('a leader manages its officers only: not a user who also holds a grant elsewhere, not a leader', async () => {
    const officer = (await expectStatus(t.http.post('/v1/users').set(bearer(a.leader)).send(officerOf(a.vp)), 201)).body.id;
    await expectStatus(t.http.post(`/v1/users/${officer}/disable`).set(bearer(a.leader)).send({ reason: 'Chuyển công tác' }), 200);
    await expectStatus(t.http.post(`/v1/users/${officer}/enable`).set(bearer(a.leader)).send({}), 200);
    await expectStatus(t.http.post(`/v1/users/${officer}/password-reset`).set(bearer(a.leader)), 200);
    expect(
      (await expectStatus(t.http.post(`/v1/users/${officer}/grants`).set(bearer(a.leader)).send({ role: 'leader', office: a.vp }), 403))
        .body.code,
    ).toBe('ROLE_NOT_ALLOWED');
    await expectStatus(t.http.post(`/v1/users/${officer}/grants`).set(bearer(a.admin)).send({ role: 'officer', office: b.vp }), 200);
    expect(
      (await expectStatus(t.http.post(`/v1/users/${officer}/disable`).set(bearer(a.leader)).send({ reason: 'x' }), 403)).body.code,
    ).toBe('OUTSIDE_SUBTREE');
    expect((await expectStatus(t.http.post(`/v1/users/${officer}/password-reset`).set(bearer(b.leader)), 403)).body.code).toBe(
      'OUTSIDE_SUBTREE',
    );
  });

  it('inspectors see in the audit trail who granted what to whom, and no password hash', async () => {
    const id = (await expectStatus(t.http.post('/v1/users').set(bearer(a.admin)).send(officerOf(a.nv)), 201)).body.id;
    await expectStatus(t.http.post(`/v1/users/${id}/grants`).set(bearer(a.admin)).send({ role: 'officer', office: a.tc }), 200);
    const trail = await expectStatus(t.http.get(`/v1/audit/events?stream=user-${id}&limit=100`).set(bearer(a.inspector)), 200);
    expect(trail.body.items.map((e: { type: string }) => e.type)).toEqual(['UserRegistered', 'UserGranted', 'PasswordSet', 'UserGranted']);
    expect(trail.body.items[0].data).toMatchObject({ userId: id, name: 'Nguyễn Văn A' });
    const grants = trail.body.items.filter((e: { type: string }) => e.type === 'UserGranted');
    expect(grants.map((e: { data: object }) => e.data)).toEqual([
      { userId: id, role: 'officer', office: a.nv },
      { userId: id, role: 'officer', office: a.tc },
    ]);
    expect(grants[1]).toMatchObject({ actor: { role: 'admin', office: 'ROOT' }, recordedAt: expect.any(String) });
    const password = trail.body.items.find((e: { type: string }) => e.type === 'PasswordSet');
    expect(password.data).toEqual({ userId: id, hash: '[redacted]', mustChange: true });
    // Another district's inspector does not see these grants.
    const other = await expectStatus(t.http.get(`/v1/audit/events?stream=user-${id}&limit=100`).set(bearer(b.inspector)), 200);
    expect(other.body.items).toEqual([]);
  });
});
