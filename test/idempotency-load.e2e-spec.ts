import { Pool } from 'pg';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { EventLog, PROBLEM_JSON, expectStatus, fresh, registerDistrict } from './support/e2e-world';

/**
 * Issue 13 item 2: concurrent retries carrying Idempotency-Key froze the whole process (the
 * interceptor held a pooled connection across the handler, which then waited for a second one from
 * the same pool, with no acquire timeout). Now a key is claimed with one INSERT … ON CONFLICT, a
 * duplicate still in flight is 409 IDEMPOTENT_REQUEST_IN_PROGRESS, and the process stays responsive.
 */
describe('Idempotency-Key under load (e2e)', () => {
  jest.setTimeout(120_000);
  let t: TestApp;
  let db: Pool;
  let log: EventLog;

  beforeAll(async () => {
    t = await startTestApp();
    db = new Pool({ connectionString: t.databaseUrl, max: 2 });
    log = await EventLog.open(t.databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await db?.end();
    await t?.close();
  });

  /** A POST through fetch that gives up after `ms`: a frozen process fails the test instead of hanging it. */
  const post = async (path: string, token: string, body: object, key: string, ms = 30_000) => {
    const res = await fetch(`${t.app.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ms),
    }).catch((e: Error) => ({ status: 0, headers: new Headers(), json: async () => ({ error: e.message }) }));
    return { status: res.status, headers: res.headers, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };

  it('200 concurrent keyed POSTs (150 keys, and one key 50 times) all answer; /health is 200 at once after', async () => {
    const d = await registerDistrict(t);
    const tag = fresh();
    const oneKey = `same-${tag}`;
    const sameBody = { code: `${tag}-SAME`, name: `Phòng một khoá ${tag}`, parent: d.district, level: 'office' };
    const started = Date.now();
    const responses = await Promise.all([
      ...Array.from({ length: 150 }, (_, i) =>
        post(
          '/v1/offices',
          d.admin,
          { code: `${tag}-K${i}`, name: `Phòng ${i} ${tag}`, parent: d.district, level: 'office' },
          `key-${tag}-${i}`,
        ),
      ),
      ...Array.from({ length: 50 }, () => post('/v1/offices', d.admin, sameBody, oneKey)),
    ]);
    const elapsed = Date.now() - started;
    const distinct = responses.slice(0, 150);
    const same = responses.slice(150);
    expect(distinct.filter((r) => r.status !== 201).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    // One key: one request runs the command; the others get its answer or 409 while it runs.
    expect(same.filter((r) => r.status !== 201 && r.status !== 409).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual([]);
    expect(same.filter((r) => r.status === 201 && r.headers.get('idempotent-replayed') !== 'true')).toHaveLength(1);
    for (const r of same.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('IDEMPOTENT_REQUEST_IN_PROGRESS');
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    expect(await log.count(`office-${tag}-SAME`)).toBe(1);

    const healthStarted = Date.now();
    const health = await fetch(`${t.app.url}/health`, { signal: AbortSignal.timeout(5000) });
    const healthMs = Date.now() - healthStarted;
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(2000);
    console.log(
      `200 concurrent keyed POSTs answered in ${elapsed} ms (${same.filter((r) => r.status === 409).length} × 409 in progress); /health then in ${healthMs} ms`,
    );
  });

  it('/health/live answers without the database', async () => {
    const res = await expectStatus(t.http.get('/health/live'), 200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('a duplicate while the first is in flight: 409 IDEMPOTENT_REQUEST_IN_PROGRESS with Retry-After, nothing written', async () => {
    const d = await registerDistrict(t);
    const key = `inflight-${fresh()}`;
    const body = { code: `${d.tag}-IF`, name: `Phòng ${d.tag}`, parent: d.district, level: 'office' };
    const first = await expectStatus(t.http.post('/v1/offices').set(bearer(d.admin)).set('Idempotency-Key', key).send(body), 201);
    // The first request's claim as it stands while its handler runs (the answer not yet stored).
    const scope = (await db.query<{ scope: string }>('SELECT scope FROM idempotency_records WHERE scope LIKE $1', [`%:${key}`])).rows[0]
      .scope;
    await db.query(`UPDATE idempotency_records SET state = 'in_progress', status = NULL, response = NULL WHERE scope = $1`, [scope]);
    const dup = await t.http.post('/v1/offices').set(bearer(d.admin)).set('Idempotency-Key', key).send(body);
    expect({ status: dup.status, code: dup.body.code }).toEqual({ status: 409, code: 'IDEMPOTENT_REQUEST_IN_PROGRESS' });
    expect(dup.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(dup.headers['retry-after']).toMatch(/^\d+$/);
    expect(await log.count(`office-${body.code}`)).toBe(1);
    expect(first.status).toBe(201);
  });

  it('a 403 answer is not stored: the key stays free', async () => {
    const d = await registerDistrict(t);
    const key = `forbidden-${fresh()}`;
    // An officer may not register offices.
    const officer = d.officer(d.nv);
    const refused = await t.http
      .post('/v1/offices')
      .set(bearer(officer))
      .set('Idempotency-Key', key)
      .send({ code: `${d.tag}-NO`, name: 'x', parent: d.district, level: 'office' });
    expect(refused.status).toBe(403);
    expect((await db.query('SELECT 1 FROM idempotency_records WHERE scope LIKE $1', [`%:${key}`])).rowCount).toBe(0);
  });

  it('answers are kept IDEMPOTENCY_TTL_HOURS; an expired one is not replayed', async () => {
    const d = await registerDistrict(t);
    const key = `ttl-${fresh()}`;
    const body = { code: `${d.tag}-TTL`, name: `Phòng ${d.tag}`, parent: d.district, level: 'office' };
    await expectStatus(t.http.post('/v1/offices').set(bearer(d.admin)).set('Idempotency-Key', key).send(body), 201);
    const { rows } = await db.query<{ hours: number; state: string }>(
      `SELECT extract(epoch FROM expires_at - clock_timestamp()) / 3600 AS hours, state FROM idempotency_records WHERE scope LIKE $1`,
      [`%:${key}`],
    );
    expect(rows[0].state).toBe('done');
    expect(Number(rows[0].hours)).toBeGreaterThan(23.9);
    expect(Number(rows[0].hours)).toBeLessThanOrEqual(24);
    const replay = await expectStatus(t.http.post('/v1/offices').set(bearer(d.admin)).set('Idempotency-Key', key).send(body), 201);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    await db.query(`UPDATE idempotency_records SET expires_at = clock_timestamp() - interval '1 second' WHERE scope LIKE $1`, [`%:${key}`]);
    // Expired: the request runs again (the office exists now, so the answer is the command's own).
    const again = await t.http.post('/v1/offices').set(bearer(d.admin)).set('Idempotency-Key', key).send(body);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });
});
