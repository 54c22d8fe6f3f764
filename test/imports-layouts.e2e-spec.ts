import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { TestApp, bearer, startTestApp } from './support/test-app';

/**
 * Real plans as printed (test/fixtures/plans/README.md): pasted into a sheet with their sections,
 * two-line header, printed office names and deadline wordings, previewed, then imported. The Sơn
 * Hà plan as printed reads to the same 77 tasks (leads and deadlines) as its coded JSON.
 */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const plans = join(__dirname, 'fixtures', 'plans');
const printedCsv = readFileSync(join(plans, 'son-ha-2024-as-printed.csv'), 'utf8');
const json = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8'));

let t: TestApp;
const admin = () => bearer(t.token('admin', 'UBND-QNG'));
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

interface Row {
  ref: string;
  lead: { text: string; offices: string[]; how: string }[];
  deadline: { phrase: string; kind: string; dueOn?: string } | null;
  tasks: { lead: string; dueOn: string | null }[];
}
const signature = (rows: Row[]) => rows.flatMap((r) => r.tasks.map((x) => `${r.ref}|${x.lead}|${x.dueOn}`)).sort();

/** The CSV as a workbook, with merged cells as Excel keeps them: the title lines, the header, a lead over two rows. */
async function asXlsx(csv: string): Promise<Buffer> {
  const rows = parse(csv, { relax_column_count: true }) as string[][];
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Phụ lục');
  rows.forEach((r) => sheet.addRow(r));
  sheet.mergeCells(1, 1, 1, 6);
  const header = rows.findIndex((r) => r[0] === 'STT') + 1;
  sheet.mergeCells(header, 4, header, 5); // Cơ quan thực hiện over Chủ trì | Phối hợp
  sheet.mergeCells(header, 1, header + 1, 1); // STT over two lines
  // 6.b and 6.c have one lead, printed once in a merged cell.
  const b = rows.findIndex((r) => r[2] === '6.3.2') + 1;
  sheet.getCell(b + 1, 4).value = null;
  sheet.mergeCells(b, 4, b + 1, 4);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the Sơn Hà plan as printed', () => {
  let expected: string[];
  let noDeadline: string[];

  beforeAll(async () => {
    const coded = await t.http.post('/v1/imports?dryRun=true').set(admin()).send(json);
    expect(coded.body).toMatchObject({ ok: true });
    expected = signature(coded.body.rows);
    noDeadline = coded.body.noDeadline;
    expect(expected).toHaveLength(77);
  });

  it('previews as CSV to the same 77 tasks, leads and deadlines, saying how each office was read', async () => {
    const r = await t.http.post('/v1/imports?dryRun=true').set(admin()).set('content-type', 'text/csv').send(printedCsv);
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    const rows: Row[] = r.body.rows;
    expect(rows).toHaveLength(19);
    expect(rows.map((x) => x.ref)).toEqual(json.plans[0].tasks.map((x: { ref: string }) => x.ref));
    expect(signature(rows)).toEqual(expected);
    expect(r.body.noDeadline).toEqual(noDeadline);
    const byRef = (ref: string) => rows.find((x) => x.ref === ref)!;
    expect(byRef('II.1.a').lead).toEqual([{ text: 'Phòng Nội vụ huyện', offices: ['SH-NV'], how: 'name' }]);
    expect(byRef('II.3.a').lead.map((m) => [m.text, m.how, m.offices.length])).toEqual([
      ['Các phòng chuyên môn huyện', 'collective', 6],
      ['UBND các xã, thị trấn', 'collective', 5],
    ]);
    expect(byRef('II.3.c').lead[0]).toMatchObject({ text: 'Chủ tịch UBND các xã, thị trấn', how: 'collective' });
    expect(byRef('II.1.c').deadline).toMatchObject({ phrase: 'Trong Quý II 2024.', kind: 'date', dueOn: '2024-06-30' });
    expect(byRef('II.2').deadline).toMatchObject({ phrase: 'Theo Kế hoạch CHHC năm 2024', kind: 'conditional' });
  });

  it('previews as XLSX with merged cells to the same tasks', async () => {
    const r = await t.http
      .post('/v1/imports?dryRun=true')
      .set(admin())
      .set('content-type', XLSX)
      .send(await asXlsx(printedCsv));
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    expect(signature(r.body.rows)).toEqual(expected);
  });

  it('imports what the preview showed', async () => {
    const r = await t.http.post('/v1/imports').set(admin()).set('content-type', 'text/csv').send(printedCsv);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ tasks: 77, noDeadline });
    const listed = await t.http.get('/v1/tasks').query({ plan: r.body.plan.id, asOf: '2024-04-01', limit: 500 }).set(admin());
    const written = (listed.body.items as { lead: string; dueOn: string | null }[]).map((i) => `${i.lead}|${i.dueOn}`).sort();
    expect(written).toEqual(expected.map((s) => s.slice(s.indexOf('|') + 1)).sort());
  });
});

interface PlanCase {
  file: string;
  rows: number;
  tasks: number;
  deadlines: Record<string, string> | null;
  /** The offices each row's lead cell fans out to, one task each (codes, sorted); Sơn Hà's has none (its JSON is the check). */
  leads?: Record<string, string[]>;
}
const manifest: PlanCase[] = JSON.parse(readFileSync(join(plans, 'plans.json'), 'utf8')).plans;

describe.each(manifest.filter((p) => p.deadlines !== null).map((p) => [p.file, p] as const))('%s as printed', (file, plan) => {
  const csv = readFileSync(join(plans, file), 'utf8');

  it(`previews to ${plan.rows} rows, ${plan.tasks} tasks and the deadlines read from the document, then imports them`, async () => {
    const r = await t.http.post('/v1/imports?dryRun=true').set(admin()).set('content-type', 'text/csv').send(csv);
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([]);
    const rows: Row[] = r.body.rows;
    expect(rows).toHaveLength(plan.rows);
    expect(r.body.created.tasks).toBe(plan.tasks);
    expect(Object.fromEntries(rows.map((x) => [x.ref, x.deadline?.dueOn]))).toEqual(plan.deadlines);
    for (const x of rows) expect(x.tasks.every((task) => task.dueOn === plan.deadlines![x.ref])).toBe(true);
    for (const x of rows) for (const m of x.lead) expect(m.how).not.toBe('code');
    expect(Object.fromEntries(rows.map((x) => [x.ref, x.tasks.map((task) => task.lead).sort()]))).toEqual(plan.leads);

    const imported = await t.http.post('/v1/imports').set(admin()).set('content-type', 'text/csv').send(csv);
    expect(imported.status).toBe(201);
    expect(imported.body.tasks).toBe(plan.tasks);
  });
});
