import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { EventLog, PROBLEM_JSON, PlanWorld, assignTask, districtWithPlan, expectStatus, fresh } from './support/e2e-world';

/**
 * Writes racing on one stream: If-Match lets exactly one win; an Idempotency-Key makes retries
 * (even simultaneous ones) write once and answer alike; a key reused with another body is 422.
 */
describe('concurrency (e2e)', () => {
  let t: TestApp;
  let log: EventLog;
  let w: PlanWorld;

  beforeAll(async () => {
    t = await startTestApp();
    log = await EventLog.open(t.databaseUrl);
    w = await districtWithPlan(t);
  }, 60_000);

  afterAll(async () => {
    await log?.close();
    await t?.close();
  });

  it('50 concurrent writes with the same If-Match: exactly one 2xx, 49 × 412, one event', async () => {
    const id = await assignTask(t, w);
    const officer = w.officer(w.nv);
    const before = await log.count(`task-${id}`);
    expect(before).toBe(1);

    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http
          .post(`/v1/tasks/${id}/progress`)
          .set(bearer(officer))
          .set('If-Match', '"1"')
          .send({ note: `Báo cáo ${i}`, percent: i }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(49);
    const winner = responses.find((r) => r.status === 201)!;
    expect(winner.body.version).toBe(2);
    expect(winner.headers.etag).toBe('"2"');
    for (const r of responses.filter((x) => x.status === 412)) {
      expect(r.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(r.body.code).toBe('VERSION_MISMATCH');
    }
    expect(await log.count(`task-${id}`)).toBe(before + 1);

    // The read model agrees, and the stale If-Match still fails; the fresh one succeeds.
    const view = await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(officer)), 200);
    expect(view.body.version).toBe(2);
    const stale = await t.http.post(`/v1/tasks/${id}/progress`).set(bearer(officer)).set('If-Match', '"1"').send({ note: 'cũ' });
    expect(stale.status).toBe(412);
    await expectStatus(
      t.http.post(`/v1/tasks/${id}/progress`).set(bearer(officer)).set('If-Match', view.headers.etag).send({ note: 'mới' }),
      201,
    );
    expect(await log.count(`task-${id}`)).toBe(before + 2);
  });

  it('10 concurrent writes without If-Match: all are decided again on fresh state and recorded', async () => {
    const id = await assignTask(t, w);
    const officer = w.officer(w.nv);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.http
          .post(`/v1/tasks/${id}/progress`)
          .set(bearer(officer))
          .send({ note: `Báo cáo ${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(responses.map((r) => r.body.version).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(await log.count(`task-${id}`)).toBe(11);
  });

  it('100 concurrent progress reports without If-Match on one task: all land (issue 13 item 3)', async () => {
    const id = await assignTask(t, w);
    const officer = w.officer(w.nv);
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t.http
          .post(`/v1/tasks/${id}/progress`)
          .set(bearer(officer))
          .send({ note: `Báo cáo ${i}`, percent: i % 100 }),
      ),
    );
    const elapsed = Date.now() - started;
    expect(responses.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`)).toEqual([]);
    expect(responses.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(await log.count(`task-${id}`)).toBe(101);
    console.log(`100 concurrent progress reports on one task, one process: ${elapsed} ms`);
  }, 60_000);

  it('20 concurrent identical requests with one Idempotency-Key: one event, identical answers', async () => {
    const id = await assignTask(t, w);
    const officer = w.officer(w.nv);
    const key = `retry-${fresh()}`;
    const body = { dueOn: '2027-06-30', reason: 'Chờ hướng dẫn' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http.post(`/v1/tasks/${id}/extension-requests`).set(bearer(officer)).set('Idempotency-Key', key).send(body),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const first = responses[0].body;
    expect(first).toMatchObject({ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 2 });
    for (const r of responses) {
      expect(r.body).toEqual(first);
      expect(r.headers.etag).toBe('"2"');
    }
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(await log.count(`task-${id}`)).toBe(2);
    const view = await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(officer)), 200);
    expect(view.body.extensions).toHaveLength(1);
    expect(view.body.extensions[0].requestId).toBe(first.requestId);

    // The same key with another body: 422, nothing written.
    const reused = await t.http
      .post(`/v1/tasks/${id}/extension-requests`)
      .set(bearer(officer))
      .set('Idempotency-Key', key)
      .send({ ...body, reason: 'Lý do khác' });
    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await log.count(`task-${id}`)).toBe(2);
  });

  it('20 concurrent identical assignments with one Idempotency-Key create the tasks once', async () => {
    const key = `assign-${fresh()}`;
    const before = await log.count();
    const body = { title: 'Giao một lần', lead: [w.nv, w.tc], dueOn: '2027-03-31' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.http.post(`/v1/plans/${w.planId}/tasks`).set(bearer(w.leader)).set('Idempotency-Key', key).send(body),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    for (const r of responses) expect(r.body).toEqual(responses[0].body);
    expect(responses[0].body.tasks).toHaveLength(2);
    expect(await log.count()).toBe(before + 2);

    // Sequential retry after the fact: same answer, nothing new.
    const retry = await expectStatus(
      t.http.post(`/v1/plans/${w.planId}/tasks`).set(bearer(w.leader)).set('Idempotency-Key', key).send(body),
      201,
    );
    expect(retry.body).toEqual(responses[0].body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await log.count()).toBe(before + 2);

    const reused = await t.http
      .post(`/v1/plans/${w.planId}/tasks`)
      .set(bearer(w.leader))
      .set('Idempotency-Key', key)
      .send({ ...body, title: 'Khác' });
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await log.count()).toBe(before + 2);
  });

  it('an idempotent refusal is replayed as the same refusal', async () => {
    const id = await assignTask(t, w);
    const key = `refused-${fresh()}`;
    const send = () => t.http.post(`/v1/tasks/${id}/completion/accept`).set(bearer(w.leader)).set('Idempotency-Key', key).send({});
    const first = await send();
    const second = await send();
    expect({ status: first.status, code: first.body.code }).toEqual({ status: 409, code: 'NOT_AWAITING_ACCEPTANCE' });
    expect({ status: second.status, code: second.body.code }).toEqual({ status: 409, code: 'NOT_AWAITING_ACCEPTANCE' });
    expect(second.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(await log.count(`task-${id}`)).toBe(1);
  });

  it('one key for a preview and then the import is a reused key: the import is never answered by the preview', async () => {
    const csv = readFileSync(join(__dirname, 'fixtures/plans/kh-01-hdnd-quang-ngai-2021.csv'), 'utf8');
    const key = `import-${fresh()}`;
    const admin = t.token('admin', 'ROOT');
    const before = await log.count();
    const preview = await t.http
      .post('/v1/imports?dryRun=true')
      .set(bearer(admin))
      .set('Idempotency-Key', key)
      .set('content-type', 'text/csv')
      .send(csv);
    expect(preview.status).toBe(200);
    const imported = await t.http
      .post('/v1/imports')
      .set(bearer(admin))
      .set('Idempotency-Key', key)
      .set('content-type', 'text/csv')
      .send(csv);
    expect({ status: imported.status, code: imported.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await log.count()).toBe(before);
    const fresh_ = await t.http
      .post('/v1/imports')
      .set(bearer(admin))
      .set('Idempotency-Key', `${key}-2`)
      .set('content-type', 'text/csv')
      .send(csv);
    expect(fresh_.status).toBe(201);
  });
});
