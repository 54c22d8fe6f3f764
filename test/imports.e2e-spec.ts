import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { countEvents, storedEvents } from '@dondoc/event-store/postgres/testing/stored-events';

/**
 * POST /v1/imports with the Sơn Hà plan (docs/examples/son-ha-2024-remediation-plan.json): 19 rows → 77
 * tasks, deadlines from phrases, a back-fill on 15/01/2024; bad files refused whole in imports-refused.e2e-spec; the same plan
 * as CSV and XLSX (docs/import-template.*) gives the same tasks.
 */
const docs = join(__dirname, '..', 'docs');
const fixtureText = readFileSync(join(docs, 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8');
const fixture = () => JSON.parse(fixtureText);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let db: Client;
const admin = () => bearer(t.token('admin', 'UBND-QNG'));
const eventCount = () => countEvents(db);

interface TaskRow {
  id: string;
  title: string;
  lead: string;
  dueOn: string | null;
  criterion: string | null;
  status: string;
}
const tasksOf = async (planId: string, asOf = '2024-04-01'): Promise<TaskRow[]> => {
  const r = await t.http.get('/v1/tasks').query({ plan: planId, asOf, limit: 500 }).set(admin());
  expect(r.status).toBe(200);
  return r.body.items;
};
const signature = (rows: TaskRow[]) => rows.map((r) => `${r.title}|${r.lead}|${r.dueOn}|${r.criterion}`).sort();

beforeAll(async () => {
  t = await startTestApp();
  db = new Client({ connectionString: t.databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await t?.close();
});

describe('the Sơn Hà plan', () => {
  let planId: string;
  let first: { plan: { id: string }; warnings: { field: string; message: string }[] };

  beforeAll(async () => {
    const r = await t.http.post('/v1/imports').set(admin()).send(fixture());
    expect(r.status).toBe(201);
    first = r.body;
    planId = r.body.plan.id;
  });

  it('answers what it created: 77 tasks from 19 rows, no-deadline refs, two disputed directive dates', () => {
    expect(first).toMatchObject({
      imported: true,
      plan: { id: expect.any(String), code: 'SH-KHACPHUC-2024' },
      tasks: 77,
      created: { offices: 15, directives: 3, tasks: 77 },
      noDeadline: ['II.2', 'II.4'],
    });
    expect(first.warnings.map((w) => w.field)).toEqual(['directives[0].issuedOn', 'directives[1].issuedOn']);
    expect(first.warnings[1].message).toContain('1879/QĐ-UBND');
  });

  it('is a back-fill: every event happened at 08:00 on 15/01/2024, recorded now, by the admin', async () => {
    const rows = await storedEvents(db, { metadata: ['import', 'SH-KHACPHUC-2024'] });
    expect(rows.length).toBe(15 + 3 * 2 + 1 + 1 + 77 + 1); // offices, directives (claim + issue), code, plan, tasks, record
    for (const row of rows) {
      expect(new Date(row.occurred_at).toISOString()).toBe('2024-01-15T01:00:00.000Z');
      expect(Date.now() - new Date(row.recorded_at).getTime()).toBeLessThan(5 * 60_000);
      expect((row.metadata as { actor: unknown }).actor).toMatchObject({ role: 'admin', userId: 'admin-UBND-QNG' });
    }
  });

  it('1.3.2 of Phòng Nội vụ: due 31/03/2024, one day overdue on 01/04/2024', async () => {
    const all = await tasksOf(planId);
    const task = all.find((x) => x.criterion === '1.3.2')!;
    expect(task).toMatchObject({ lead: 'SH-NV', dueOn: '2024-03-31' });
    const overdue = await t.http.get('/v1/tasks').query({ office: 'SH-NV', asOf: '2024-04-01', status: 'OVERDUE' }).set(admin());
    expect(overdue.body.items.map((x: TaskRow) => x.id)).toContain(task.id);
    const one = await t.http.get(`/v1/tasks/${task.id}`).query({ asOf: '2024-04-01' }).set(admin());
    expect(one.body).toMatchObject({ status: 'OVERDUE', daysOverdue: 1, deadlinePhrase: 'Trước Quý II năm 2024' });
    const report = await t.http.get('/v1/reports/overdue').query({ office: 'SH-NV', asOf: '2024-04-01' }).set(admin());
    if (report.status !== 404) {
      expect(report.status).toBe(200);
      expect(report.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ taskId: task.id, dueOn: '2024-03-31', daysOverdue: 1 })]),
      );
    }
  });

  it('the February task: due 29/02/2024 for all 11 offices', async () => {
    const feb = (await tasksOf(planId)).filter((x) => x.title.startsWith('Xây dựng Kế hoạch cụ thể'));
    expect(feb.map((x) => x.lead).sort()).toEqual(
      [
        'SH-VP',
        'SH-NV',
        'SH-TP',
        'SH-TCKH',
        'SH-VHTT',
        'SH-TNMT',
        'SH-X-DILANG',
        'SH-X-SONBAO',
        'SH-X-SONCAO',
        'SH-X-SONHA',
        'SH-X-SONTHANH',
      ].sort(),
    );
    expect(new Set(feb.map((x) => x.dueOn))).toEqual(new Set(['2024-02-29']));
  });

  it('3.4.1 and 3.4.2: monthly, twelve occurrences through December 2024', async () => {
    const all = await tasksOf(planId);
    const monthly = all.filter((x) => x.criterion === '3.4.1' || x.criterion === '3.4.2');
    expect(monthly).toHaveLength(11);
    for (const task of monthly) {
      const one = await t.http.get(`/v1/tasks/${task.id}`).query({ asOf: '2025-01-01' }).set(admin());
      expect(one.body.recurrence).toEqual({ every: 'month', until: '2024-12-31' });
      expect(one.body.occurrences.map((o: { dueOn: string }) => o.dueOn)).toHaveLength(12);
      expect(one.body.occurrences[0].dueOn).toBe('2024-01-31');
      expect(one.body.occurrences[11].dueOn).toBe('2024-12-31');
    }
  });

  it('"Theo Kế hoạch CCHC năm 2024": no deadline', async () => {
    const none = (await tasksOf(planId)).filter((x) => x.criterion === '2' || x.criterion === '4');
    expect(none.map((x) => [x.lead, x.dueOn, x.status])).toEqual(
      expect.arrayContaining([
        ['SH-TP', null, 'NO_DEADLINE'],
        ['SH-NV', null, 'NO_DEADLINE'],
      ]),
    );
    expect(none).toHaveLength(2);
  });

  it('the same file again: 200, nothing written; also as the CSV template (same content)', async () => {
    const before = await eventCount();
    const again = await t.http.post('/v1/imports').set(admin()).send(fixture());
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      imported: false,
      plan: { id: planId, code: 'SH-KHACPHUC-2024' },
      tasks: 77,
      created: { offices: 0, directives: 0, tasks: 0 },
    });
    expect(again.body.detail).toContain('already imported');
    const csv = await t.http
      .post('/v1/imports')
      .set(admin())
      .set('content-type', 'text/csv')
      .send(readFileSync(join(docs, 'import-template.csv')));
    expect([csv.status, csv.body.imported]).toEqual([200, false]);
    expect(await eventCount()).toBe(before);
  });

  it('another file with the same plan code: 409, nothing written', async () => {
    const before = await eventCount();
    const f = fixture();
    f.plans[0].tasks[0].title = 'Một nhiệm vụ khác';
    const r = await t.http.post('/v1/imports').set(admin()).send(f);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('IMPORT_CONFLICT');
    expect(await eventCount()).toBe(before);
  });

  it('CSV and XLSX versions of the plan give the same tasks as the JSON', async () => {
    const json = signature(await tasksOf(planId));
    const csv = await t.http
      .post('/v1/imports')
      .query({ code: 'SH-KHACPHUC-2024-CSV' })
      .set(admin())
      .set('content-type', 'text/csv')
      .send(readFileSync(join(docs, 'import-template.csv')));
    expect(csv.status).toBe(201);
    expect(csv.body).toMatchObject({
      format: 'csv',
      tasks: 77,
      created: { offices: 0, directives: 0, tasks: 77 },
      noDeadline: ['II.2', 'II.4'],
    });
    expect(signature(await tasksOf(csv.body.plan.id))).toEqual(json);
    const xlsx = await t.http
      .post('/v1/imports')
      .query({ code: 'SH-KHACPHUC-2024-XLSX' })
      .set(admin())
      .set('content-type', XLSX)
      .send(readFileSync(join(docs, 'import-template.xlsx')));
    expect(xlsx.status).toBe(201);
    expect(xlsx.body).toMatchObject({ format: 'xlsx', tasks: 77 });
    expect(signature(await tasksOf(xlsx.body.plan.id))).toEqual(json);
  });

  it('an Idempotency-Key on a CSV upload: the retry gets the first answer', async () => {
    const send = () =>
      t.http
        .post('/v1/imports')
        .query({ code: 'SH-KHACPHUC-2024-IDEM' })
        .set(admin())
        .set('Idempotency-Key', 'import-once')
        .set('content-type', 'text/csv')
        .send(readFileSync(join(docs, 'import-template.csv')));
    const first = await send();
    expect(first.status).toBe(201);
    const before = await eventCount();
    const retry = await send();
    expect([retry.status, retry.headers['idempotent-replayed'], retry.body.plan]).toEqual([201, 'true', first.body.plan]);
    expect(await eventCount()).toBe(before);
  });
});

describe('POST /v1/imports: offices of another district', () => {
  // Ba Tơ has a Phòng Tư pháp, Sơn Hà has none: a Sơn Hà plan printing "Phòng Tư pháp" names no office.
  const x = `X${Date.now().toString(36).toUpperCase()}`;
  const file = (lead: string[], supporting: string[] = []) => ({
    offices: [
      { code: `${x}-QNG`, name: `UBND tỉnh ${x}`, parent: null, level: 'province' },
      { code: `${x}-SH`, name: 'UBND huyện Sơn Hà', parent: `${x}-QNG`, level: 'district' },
      { code: `${x}-SH-NV`, name: 'Phòng Nội vụ huyện Sơn Hà', parent: `${x}-SH`, level: 'office' },
      { code: `${x}-BT`, name: 'UBND huyện Ba Tơ', parent: `${x}-QNG`, level: 'district' },
      { code: `${x}-BT-TP`, name: 'Phòng Tư pháp huyện Ba Tơ', parent: `${x}-BT`, level: 'office' },
    ],
    plans: [
      {
        code: `${x}-KH`,
        issuer: `${x}-SH`,
        title: 'Kế hoạch thử',
        period: { from: '2024-01-01', to: '2024-12-31' },
        assignedOn: '2024-01-15',
        requiresAcceptance: false,
        tasks: [{ ref: '1', title: 'Rà soát văn bản', lead, supporting, deadline: 'Quý II năm 2024' }],
      },
    ],
  });

  it('refuses a lead, a supporting office or a lead code outside the issuer (400), writing nothing', async () => {
    const before = await eventCount();
    const byName = await t.http
      .post('/v1/imports')
      .set(admin())
      .send(file(['Phòng Tư pháp']));
    expect(byName.status).toBe(400);
    expect(byName.body.errors).toEqual([{ field: 'tasks[1].lead', message: expect.stringMatching(/^no office "Phòng Tư pháp"/) }]);
    expect(byName.body.errors[0].message).not.toContain('BT-TP');
    const supporting = await t.http
      .post('/v1/imports')
      .set(admin())
      .send(file(['Phòng Nội vụ'], ['Phòng Tư pháp']));
    expect([supporting.status, supporting.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['tasks[1].supporting']]);
    const byCode = await t.http
      .post('/v1/imports')
      .set(admin())
      .send(file([`${x}-BT-TP`]));
    expect(byCode.status).toBe(400);
    expect(byCode.body.errors).toEqual([{ field: 'tasks[1].lead', message: `${x}-BT-TP is not under ${x}-SH, the plan's issuer` }]);
    expect(await eventCount()).toBe(before);
    const ok = await t.http
      .post('/v1/imports')
      .set(admin())
      .send(file(['Phòng Nội vụ']));
    expect(ok.status).toBe(201);
    expect((await tasksOf(ok.body.plan.id)).map((r) => r.lead)).toEqual([`${x}-SH-NV`]);
  });
});
