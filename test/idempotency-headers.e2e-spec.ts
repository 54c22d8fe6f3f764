import { TestApp, bearer, startTestApp } from './support/test-app';
import { province2024 } from './support/province-2024';

/**
 * What "the same request" means for an Idempotency-Key: the body and the headers that change what
 * the command does (If-Match, Occurred-At). A stale If-Match is not kept: the client reloads and
 * retries with the same key.
 */
let t: TestApp;
let taskId: string;
const admin = () => bearer(t.token('admin', 'QNG'));

beforeAll(async () => {
  t = await startTestApp();
  const { planId } = await province2024(t);
  const r = await t.http
    .post(`/v1/plans/${planId}/tasks`)
    .set(admin())
    .send({ title: 'Rà soát quy chế', lead: 'SH-NV', dueOn: '2027-03-31' });
  expect(r.status).toBe(201);
  taskId = r.body.tasks[0].id;
}, 120_000);

afterAll(() => t?.close());

it('a 412 is not replayed: the retry with the same key and the version reloaded runs', async () => {
  const officer = bearer(t.token('officer', 'SH-NV'));
  const stale = await t.http
    .post(`/v1/tasks/${taskId}/progress`)
    .set(officer)
    .set('Idempotency-Key', 'k-412')
    .set('If-Match', '"99"')
    .send({ note: 'Đang làm' });
  expect(stale.status).toBe(412);
  const version = (await t.http.get(`/v1/tasks/${taskId}`).set(officer)).body.version;
  const retry = await t.http
    .post(`/v1/tasks/${taskId}/progress`)
    .set(officer)
    .set('Idempotency-Key', 'k-412')
    .set('If-Match', `"${version}"`)
    .send({ note: 'Đang làm' });
  expect(retry.status).toBe(201);
  expect(retry.body.version).toBe(version + 1);
});

it('the same key with another Occurred-At is another request (422); with the same one, the first answer', async () => {
  const planId = (await t.http.get(`/v1/tasks/${taskId}`).set(admin())).body.plan;
  const assigned = await t.http
    .post(`/v1/plans/${planId}/tasks`)
    .set(admin())
    .set('Occurred-At', '2024-01-15T09:00:00+07:00')
    .send({ title: 'Ghi bù tiến độ', lead: 'SH-NV', dueOn: '2024-06-30' });
  expect(assigned.status).toBe(201);
  const id = assigned.body.tasks[0].id;
  const send = (occurredAt: string) =>
    t.http
      .post(`/v1/tasks/${id}/progress`)
      .set(admin())
      .set('Idempotency-Key', 'k-backfill')
      .set('Occurred-At', occurredAt)
      .send({ note: 'Ghi bù' });
  const first = await send('2024-02-01T09:00:00+07:00');
  expect(first.status).toBe(201);
  const corrected = await send('2024-02-02T09:00:00+07:00');
  expect([corrected.status, corrected.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  const again = await send('2024-02-01T09:00:00+07:00');
  expect([again.status, again.body.version]).toEqual([201, first.body.version]);
});
