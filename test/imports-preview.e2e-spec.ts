import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { countEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/** POST /v1/imports?dryRun=true answers how every row is understood and writes nothing; the import then writes exactly that. */
const fixtureText = readFileSync(join(__dirname, '..', 'docs', 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8');
const fixture = () => JSON.parse(fixtureText);

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

interface Row {
  ref: string;
  lead: { text: string; offices: string[]; how: string }[];
  deadline: { phrase: string; kind: string; dueOn?: string } | null;
  tasks: { lead: string; dueOn: string | null }[];
  errors: { field: string; message: string }[];
}

describe('POST /v1/imports?dryRun=true', () => {
  it('is for an admin only', async () => {
    const r = await t.http
      .post('/v1/imports?dryRun=true')
      .set(bearer(t.token('leader', 'UBND-QNG')))
      .send(fixture());
    expect(r.status).toBe(403);
  });

  it('refuses a dryRun that is neither true nor false (400), writing nothing', async () => {
    const r = await t.http.post('/v1/imports?dryRun=yes').set(admin()).send(fixture());
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('dryRun');
    expect(await eventCount()).toBe(0);
  });

  it('answers a file that cannot be read at all with its errors and no rows (200), writing nothing', async () => {
    const r = await t.http.post('/v1/imports?dryRun=true').set(admin()).set('content-type', 'text/csv').send('junk\nmore junk\n');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, ok: false, rows: [], errors: [{ field: 'rows' }] });
    expect(await eventCount()).toBe(0);
  });

  it("lists a broken file's errors by row and writes nothing", async () => {
    const f = fixture();
    f.plans[0].tasks[18].deadline = 'Quý V năm 2024';
    f.plans[0].tasks[5].lead = ['Phòng Nội vụ huyện Sơn Hà', 'Phòng Không Có'];
    const r = await t.http.post('/v1/imports?dryRun=true').set(admin()).send(f);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ dryRun: true, ok: false });
    const rows: Row[] = r.body.rows;
    expect(rows[18].errors).toEqual([{ field: 'tasks[III.2].deadline', message: 'cannot read the deadline "Quý V năm 2024"' }]);
    expect(rows[5].lead[0]).toMatchObject({ text: 'Phòng Nội vụ huyện Sơn Hà', offices: ['SH-NV'], how: 'alias' });
    expect(rows[5].errors[0].message).toContain('no office "Phòng Không Có" (closest: ');
    expect(await eventCount()).toBe(0);
  });

  it('answers the Sơn Hà plan row by row, writes nothing; the import then writes exactly what it showed', async () => {
    const preview = await t.http.post('/v1/imports?dryRun=true').set(admin()).send(fixture());
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, ok: true, errors: [], created: { tasks: 77 } });
    const rows: Row[] = preview.body.rows;
    expect(rows).toHaveLength(19);
    expect(rows[0]).toMatchObject({ ref: 'II.1.a', deadline: { phrase: 'Trước Quý II năm 2024', kind: 'date', dueOn: '2024-03-31' } });
    expect(rows.find((r) => r.deadline?.phrase === 'Theo Kế hoạch CCHC năm 2024')?.deadline?.kind).toBe('conditional');
    expect(await eventCount()).toBe(0);

    const imported = await t.http.post('/v1/imports').set(admin()).send(fixture());
    expect(imported.status).toBe(201);
    expect(imported.body.tasks).toBe(77);
    expect(imported.body.noDeadline).toEqual(preview.body.noDeadline);
    expect(imported.body.warnings).toEqual(preview.body.warnings);
    const listed = await t.http.get('/v1/tasks').query({ plan: imported.body.plan.id, asOf: '2024-04-01', limit: 500 }).set(admin());
    const written = (listed.body.items as { lead: string; dueOn: string | null }[]).map((i) => `${i.lead}|${i.dueOn}`).sort();
    const shown = rows.flatMap((r) => r.tasks.map((x) => `${x.lead}|${x.dueOn}`)).sort();
    expect(written).toEqual(shown);
  });
});
