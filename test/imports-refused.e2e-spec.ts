import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { countEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/**
 * POST /v1/imports refuses a bad file whole (issue 5): each refusal names the row and field, and
 * writes nothing — not even the offices the file would register (the log stays empty: this file
 * has a database of its own, and every test checks it after).
 */
const docs = join(__dirname, '..', 'docs');
const fixtureText = readFileSync(join(docs, 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8');
const fixture = () => JSON.parse(fixtureText);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let db: Client;
const admin = () => bearer(t.token('admin', 'UBND-QNG'));
const eventCount = () => countEvents(db);

beforeAll(async () => {
  t = await startTestApp();
  db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('refused files write nothing', () => {
  const post = (body: unknown) =>
    t.http
      .post('/v1/imports')
      .set(admin())
      .send(body as object);
  type Fixture = { plans: { tasks: Record<string, unknown>[] }[] };
  const broken = (change: (f: Fixture) => void) => {
    const f = fixture();
    change(f);
    return f;
  };
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  afterEach(async () => expect(await eventCount()).toBe(0));

  it('a non-admin: 403', async () => {
    const r = await t.http
      .post('/v1/imports')
      .set(bearer(t.token('leader', 'UBND-QNG')))
      .send(fixture());
    expect(r.status).toBe(403);
  });

  it('an unknown office names the row and field', async () => {
    const r = await post(broken((f) => (f.plans[0].tasks[5].lead = ['PHONG-CHUYEN-MON', 'SH-NOWHERE'])));
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.body.errors).toEqual([{ field: 'tasks[II.3.a].lead', message: 'no office or group SH-NOWHERE' }]);
  });

  it('an unreadable deadline phrase is quoted', async () => {
    const r = await post(broken((f) => (f.plans[0].tasks[18].deadline = 'Quý V năm 2024')));
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'tasks[III.2].deadline', message: 'cannot read the deadline "Quý V năm 2024"' }]);
  });

  it('a duplicate ref and a missing title, both in one answer', async () => {
    const r = await post(
      broken((f) => {
        f.plans[0].tasks[2].ref = 'II.1.a';
        delete f.plans[0].tasks[3].title;
      }),
    );
    expect(r.status).toBe(400);
    expect(fieldsOf(r.body).sort()).toEqual(['tasks[II.1.a].ref', 'tasks[II.1.d].title']);
  });

  it('a bad row of a CSV names the row and the column as written', async () => {
    const csv = readFileSync(join(docs, 'import-template.csv'), 'utf8').replace('Trong quý III năm 2024', 'Tuần sau');
    const r = await t.http.post('/v1/imports').set(admin()).set('content-type', 'text/csv').send(csv);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ field: 'rows[37].Thời hạn', message: 'cannot read the deadline "Tuần sau"' }]);
  });

  it('10 MB of junk, as JSON, CSV or XLSX: 400, never 500; over 20 MB: 413', async () => {
    const junk = Buffer.alloc(10 * 1024 * 1024, 'lorem ipsum, dolor; sit amet\n');
    for (const type of ['application/json', 'text/csv', XLSX]) {
      // (a string: superagent would serialise a Buffer sent as JSON)
      const r = await t.http
        .post('/v1/imports')
        .set(admin())
        .set('content-type', type)
        .send(type === XLSX ? junk : junk.toString());
      expect([type, r.status]).toEqual([type, 400]);
    }
    const binary = Buffer.from(Array.from({ length: 1024 * 1024 }, (_, i) => (i * 7919) % 256));
    expect((await t.http.post('/v1/imports').set(admin()).set('content-type', 'text/csv').send(binary)).status).toBe(400);
    const huge = await t.http
      .post('/v1/imports')
      .set(admin())
      .set('content-type', 'text/csv')
      .send(Buffer.alloc(21 * 1024 * 1024, 'x'));
    expect(huge.status).toBe(413);
    expect((await t.http.post('/v1/imports').set(admin()).set('content-type', 'text/html').send('<p>kế hoạch</p>')).status).toBe(415);
  }, 60_000);

  it('an error in the last row leaves even the offices unwritten', async () => {
    const r = await post(broken((f) => (f.plans[0].tasks[18].lead = ['UBND-XA', 'SH-X-NOWHERE'])));
    expect(r.status).toBe(400);
    expect((await t.http.get('/v1/offices').set(admin())).body.items).toEqual([]);
  });
});
