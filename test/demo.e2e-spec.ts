import { Client } from 'pg';
import { startApp } from '../apps/api/src/bootstrap';
import { TEST_JWT_SECRET, TestApp, bearer, startTestApp } from './support/test-app';
import { countEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/**
 * DONDOC_DEMO=1 (`npm start -- --demo`) on an empty database: the Sơn Hà plan and its 2024
 * history, as the README's walkthrough shows it; on a database with events it does nothing.
 */
let t: TestApp;
const leader = () => bearer(t.token('leader', 'UBND-SH', 'chu-tich'));

beforeAll(async () => {
  t = await startTestApp({ DONDOC_DEMO: '1' });
}, 60_000);
afterAll(async () => t?.close());

it('Phòng Nội vụ as of 01/04/2024: only 1.3.2, one day overdue', async () => {
  const r = await t.http.get('/v1/reports/overdue').query({ office: 'SH-NV', asOf: '2024-04-01' }).set(leader());
  expect(r.status).toBe(200);
  expect(r.body.items).toEqual([expect.objectContaining({ lead: 'SH-NV', criterion: '1.3.2', dueOn: '2024-03-31', daysOverdue: 1 })]);
  const tasks = await t.http.get('/v1/tasks').query({ office: 'SH-NV', asOf: '2024-04-01', status: 'OVERDUE' }).set(leader());
  expect(tasks.body.items.map((x: { criterion: string }) => x.criterion)).toEqual(['1.3.2']);
});

it('completion by office as of 01/07/2024: done on time and late, overdue, in progress, awaiting acceptance', async () => {
  const r = await t.http.get('/v1/reports/completion').query({ groupBy: 'office', asOf: '2024-07-01' }).set(leader());
  expect(r.status).toBe(200);
  const by = Object.fromEntries(r.body.groups.map((g: { key: string }) => [g.key, g]));
  expect(by['SH-NV']).toMatchObject({ doneLate: 1 });
  expect(by['SH-NV'].doneOnTime).toBeGreaterThanOrEqual(2);
  expect(by['SH-X-SONTHANH'].overdue).toBeGreaterThanOrEqual(1);
  expect(by['SH-TP'].awaitingAcceptance).toBe(1);
  expect(by['SH-VHTT']).toMatchObject({ extended: 1 });
  expect(r.body.total.assigned).toBeGreaterThanOrEqual(77);
});

it('does nothing on a database that has events', async () => {
  const db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
  const count = () => countEvents(db);
  const before = await count();
  expect(before).toBeGreaterThan(100);
  const again = await startApp({
    DATABASE_URL: t.databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    PORT: '0',
    LOG_LEVEL: 'error',
    DONDOC_DEMO: '1',
  });
  await again.close();
  expect(await count()).toBe(before);
  await db.end();
}, 60_000);
