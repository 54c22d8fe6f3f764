import { TestApp, bearer, startTestApp } from './support/test-app';
import { province2024 } from './support/province-2024';

/**
 * Names, not codes: an officer's office tree holds its own office only, yet its task names a
 * follow-up office and its trail the offices of those who acted. The task and its trail bring
 * the printed names of the offices they name.
 */
let t: TestApp;
let taskId: string;

beforeAll(async () => {
  t = await startTestApp();
  const { planId } = await province2024(t);
  const r = await t.http
    .post(`/v1/plans/${planId}/tasks`)
    .set(bearer(t.token('admin', 'QNG')))
    .send({ title: 'Rà soát quy chế làm việc', lead: 'SH-NV', followUp: 'SH-VP', dueOn: '2027-03-31' });
  expect(r.status).toBe(201);
  taskId = r.body.tasks[0].id;
}, 120_000);

afterAll(() => t?.close());

it("gives the officer the names of the task's offices and of the offices in its trail, which its own tree does not hold", async () => {
  const officer = bearer(t.token('officer', 'SH-NV'));
  const tree = (await t.http.get('/v1/offices').set(officer)).body.items as { code: string }[];
  expect(tree.map((o) => o.code)).toEqual(['SH-NV']);
  const task = await t.http.get(`/v1/tasks/${taskId}`).set(officer);
  expect(task.body.officeNames).toEqual({ 'SH-NV': 'Phòng Nội vụ Sơn Hà', 'SH-VP': 'Văn phòng HĐND và UBND Sơn Hà' });
  const trail = await t.http.get(`/v1/tasks/${taskId}/events`).set(officer);
  expect(trail.body.officeNames).toMatchObject({
    QNG: 'UBND tỉnh Quảng Ngãi',
    'SH-NV': 'Phòng Nội vụ Sơn Hà',
    'SH-VP': 'Văn phòng HĐND và UBND Sơn Hà',
  });
});
