import { TestApp, bearer, startTestApp } from './support/test-app';
import { province2024 } from './support/province-2024';

/**
 * "As recorded on" for a plan (issue 17, item 3): GET /v1/plans/:id?knownAt=T answers what the
 * live route answered at T — its targets with the measurements then recorded, its task counts
 * over the tasks then known — whatever was written afterwards.
 */
let t: TestApp;
let planId: string;
const admin = () => bearer(t.token('admin', 'QNG'));
const inspector = () => bearer(t.token('inspector', 'QNG'));
const pause = () => new Promise((r) => setTimeout(r, 20));

beforeAll(async () => {
  t = await startTestApp();
  ({ planId } = await province2024(t));
}, 120_000);

afterAll(() => t?.close());

it('answers as the live route answered at that moment, after later tasks and measurements', async () => {
  const assign = (title: string, dueOn: string) =>
    t.http.post(`/v1/plans/${planId}/tasks`).set(admin()).send({ title, lead: 'SH-NV', dueOn });
  expect((await assign('Rà soát quy chế làm việc', '2027-03-31')).status).toBe(201);
  expect(
    (await t.http.post(`/v1/plans/${planId}/targets/HL/measurements`).set(admin()).send({ value: '85.5', asOf: '2026-06-30' })).status,
  ).toBe(201);
  await pause();
  const asOf = new Date().toISOString();
  const then = (await t.http.get(`/v1/plans/${planId}?asOf=${encodeURIComponent(asOf)}`).set(inspector())).body;
  await pause();
  const knownAt = new Date().toISOString();
  await pause();
  expect((await assign('Công khai thủ tục hành chính', '2027-06-30')).status).toBe(201);
  expect(
    (await t.http.post(`/v1/plans/${planId}/targets/HL/measurements`).set(admin()).send({ value: '91.2', asOf: '2026-09-30' })).status,
  ).toBe(201);

  const live = (await t.http.get(`/v1/plans/${planId}`).set(inspector())).body;
  expect(live.taskCounts.tasks).toBe(then.taskCounts.tasks + 1); // the later task and measurement are there live
  expect(live.targets[0].measurements).toHaveLength(2);
  const known = await t.http
    .get(`/v1/plans/${planId}?knownAt=${encodeURIComponent(knownAt)}&asOf=${encodeURIComponent(asOf)}`)
    .set(inspector());
  expect(known.status).toBe(200);
  const { knownAt: echoed, ...rest } = known.body;
  expect(echoed).toBe(knownAt);
  expect(rest).toEqual(then);
  expect(known.body.targets[0].measurements).toHaveLength(1);
});

it('is for inspectors and admins, scoped as the live route; a plan not yet recorded is 404', async () => {
  const officer = bearer(t.token('officer', 'SH-NV'));
  expect((await t.http.get(`/v1/plans/${planId}?knownAt=2030-01-01`).set(officer)).body.code).toBe('KNOWN_AT_NOT_ALLOWED');
  const before = await t.http.get(`/v1/plans/${planId}?knownAt=2020-01-01`).set(inspector());
  expect([before.status, before.body.code]).toEqual([404, 'PLAN_NOT_FOUND']);
  // Scope as the live route: a district's inspector reads its province's plan (it applies to the district), and no other.
  const district = bearer(t.token('inspector', 'BS'));
  expect((await t.http.get(`/v1/plans/${planId}?knownAt=2030-01-01`).set(district)).status).toBe(
    (await t.http.get(`/v1/plans/${planId}`).set(district)).status,
  );
  expect((await t.http.get(`/v1/plans/${planId}?knownAt=2030-01-01`).set(bearer(t.token('inspector', 'UNKNOWN-OFFICE')))).status).toBe(404);
  expect((await t.http.get(`/v1/plans/${planId}?knownAt=not-a-date`).set(inspector())).status).toBe(400);
});
