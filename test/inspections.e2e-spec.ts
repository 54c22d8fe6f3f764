import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EventLog, fresh } from './support/e2e-world';
import { TestApp } from './support/test-app';
import { inspectionCalls, inspectionOffices, inspectionsWorld, ok, rate } from './support/inspections-world';

/** Inspections through HTTP (issue 20): the loop and its reports, the weekly digest, scope (world: test/support/inspections-world.ts). */
let t: TestApp;
let log: EventLog;
const tag = fresh();
const { D, NV, VP, TC, XA, O, ONV } = inspectionOffices(tag);
let planId: string;
let inspectionId: string;
let f: Record<string, string>;
let tasks: Record<string, string>;
let knownAtRemediation: string;
let liveAtRemediation: Record<string, unknown>;

beforeAll(async () => {
  ({ t, log, planId, inspectionId, f, tasks, knownAtRemediation, liveAtRemediation } = await inspectionsWorld(tag));
}, 120_000);

afterAll(async () => {
  await log?.close();
  await t?.close();
});

const { admin, as } = inspectionCalls(() => t);

describe('the loop: plan, conduct, record, remediate, report', () => {
  it('counts the findings as computed by hand (asOf 15/5/2024)', async () => {
    const r = ok(await t.http.get(`/v1/reports/findings?inspection=${inspectionId}&asOf=2024-05-15`).set(as('leader', D)), 200);
    expect(r.body.total).toEqual({
      recorded: 4,
      remediedOnTime: 1,
      remediedLate: 1,
      open: 1,
      overdue: 1,
      due: 3,
      withdrawn: 1,
      remediationRate: rate(2, 4, '50.00'),
      onTimeRate: rate(1, 3, '33.33'),
      overdueRate: rate(1, 3, '33.33'),
    });
    expect(
      r.body.groups.map(
        (g: {
          key: string;
          recorded: number;
          remediedOnTime: number;
          remediedLate: number;
          overdue: number;
          open: number;
          withdrawn: number;
        }) => [g.key, g.recorded, g.remediedOnTime, g.remediedLate, g.overdue, g.open, g.withdrawn],
      ),
    ).toEqual([
      [TC, 1, 0, 1, 0, 0, 0], // Phòng Tài chính
      [XA, 2, 0, 0, 1, 1, 0], // UBND xã
      [VP, 1, 1, 0, 0, 0, 1], // Văn phòng
    ]);
    expect(r.body.offices).toEqual({ planned: 3, inspected: 3, rate: rate(3, 3, '100.00') });
    expect(r.body.targets).toEqual([
      {
        planId,
        code: 'KT',
        name: 'Số cơ quan, đơn vị được kiểm tra',
        comparator: 'atLeast',
        target: '3',
        actual: 3,
        attainment: '100.00',
        met: true,
      },
    ]);
  });

  it('exports the same numbers as CSV and XLSX (Xuất Excel)', async () => {
    const binary = (res: NodeJS.ReadableStream & { setEncoding(e: string): void }, cb: (e: Error | null, b: Buffer) => void) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    };
    const path = `/v1/reports/findings?inspection=${inspectionId}&asOf=2024-05-15`;
    const csv = await t.http
      .get(`${path}&format=csv`)
      .set(as('leader', D))
      .buffer(true)
      .parse(binary as never);
    expect([csv.status, csv.headers['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
    const rows = parse((csv.body as Buffer).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const total = rows[rows.length - 1];
    expect([
      total['Đơn vị được kiểm tra'],
      total['Số tồn tại, hạn chế'],
      total['Khắc phục đúng hạn'],
      total['Khắc phục trễ hạn'],
      total['Quá hạn chưa khắc phục'],
    ]).toEqual(['Tổng cộng', '4', '1', '1', '1']);
    expect([
      total['Tỷ lệ khắc phục đúng hạn'],
      total['Tỷ lệ khắc phục đúng hạn - tử số'],
      total['Tỷ lệ khắc phục đúng hạn - mẫu số'],
    ]).toEqual(['33.33%', '1', '3']);
    const xlsx = await t.http
      .get(`${path}&format=xlsx`)
      .set(as('leader', D))
      .buffer(true)
      .parse(binary as never);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const cells = book.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('Tổng cộng');
    expect(cells).toContain('BÁO CÁO KẾT QUẢ KHẮC PHỤC SAU KIỂM TRA');
  });

  it('groups by area and criterion, and rounds as asked', async () => {
    const area = ok(await t.http.get(`/v1/reports/findings?groupBy=area&asOf=2024-05-15&rounding=truncate`).set(as('leader', D)), 200).body;
    expect(area.groups.map((g: { key: string; recorded: number; onTimeRate: unknown }) => [g.key, g.recorded, g.onTimeRate])).toEqual([
      ['1', 2, rate(1, 2, '50.00')],
      ['2', 2, rate(0, 1, '0.00')],
    ]);
    expect(area.total.onTimeRate).toEqual(rate(1, 3, '33.33'));
    const criterion = ok(await t.http.get(`/v1/reports/findings?groupBy=criterion&asOf=2024-05-15`).set(as('leader', D)), 200).body;
    expect(criterion.groups.map((g: { key: string }) => g.key)).toEqual(['1.3', '2.1', '2.1.1']);
  });

  it('classifies as of an earlier date: on 21/4 F2 is done late, F3 overdue, F1 still open', async () => {
    const r = ok(await t.http.get(`/v1/reports/findings?asOf=2024-04-21`).set(as('leader', D)), 200).body;
    expect([r.total.remediedOnTime, r.total.remediedLate, r.total.overdue, r.total.open, r.total.due]).toEqual([0, 1, 1, 2, 2]);
    // Before the visits, nothing was inspected yet; before the findings, nothing is counted.
    const early = ok(await t.http.get(`/v1/reports/findings?asOf=2024-03-05`).set(as('leader', D)), 200).body;
    expect([early.total.recorded, early.offices.inspected, early.targets[0].actual, early.targets[0].met]).toEqual([0, 1, 1, false]);
  });

  it('shows the inspection with its visits, conclusion and findings, and a finding with its remediation state', async () => {
    const r = ok(await t.http.get(`/v1/inspections/${inspectionId}?asOf=2024-05-15`).set(as('leader', D)), 200).body;
    expect(r).toMatchObject({
      status: 'concluded',
      conclusion: { documentNumber: '15/KL-UBND', concludedOn: '2024-03-10' },
      plan: planId,
      target: 'KT',
    });
    expect(r.offices).toEqual([
      { code: VP, name: 'Văn phòng HĐND và UBND', conductedOn: '2024-03-05' },
      { code: TC, name: 'Phòng Tài chính - Kế hoạch', conductedOn: '2024-03-06' },
      { code: XA, name: 'UBND xã Sơn Hạ', conductedOn: '2024-03-07' },
    ]);
    expect(r.inspectingOfficeName).toBe('Phòng Nội vụ');
    const status = Object.fromEntries(r.findings.map((x: { id: string; remediationStatus: string }) => [x.id, x.remediationStatus]));
    expect(status).toEqual({ [f.F1]: 'REMEDIED_ON_TIME', [f.F2]: 'REMEDIED_LATE', [f.F3]: 'OVERDUE', [f.F4]: 'WITHDRAWN', [f.F5]: 'OPEN' });
    const one = ok(await t.http.get(`/v1/findings/${f.F2}?asOf=2024-05-15`).set(as('leader', D)), 200).body;
    expect(one).toMatchObject({
      office: TC,
      remediationStatus: 'REMEDIED_LATE',
      dueOn: '2024-04-15',
      remediedOn: '2024-04-20',
      plan: planId,
    });
    expect(one.remediation).toEqual([{ taskId: tasks.F2, planId, lead: TC, title: 'Khắc phục F2', dueOn: '2024-04-15' }]);
  });

  it('links each remediation task to its finding, in the inspection’s plan, with RemediationRaised in the same append', async () => {
    const task = ok(await t.http.get(`/v1/tasks/${tasks.F3}`).set(as('leader', D)), 200).body;
    expect(task.plan ?? task.planId).toBe(planId);
    expect(await log.types(`finding-${f.F3}`)).toEqual(['FindingRecorded', 'RemediationRaised']);
    expect(await log.types(`inspection-${inspectionId}`)).toEqual([
      'InspectionPlanned',
      'InspectionConducted',
      'InspectionConducted',
      'InspectionConducted',
      'InspectionConcluded',
    ]);
  });

  it('replays the report at knownAt exactly as it was live at that moment', async () => {
    const replayed = ok(
      await t.http.get(`/v1/reports/findings?asOf=2024-05-15&knownAt=${encodeURIComponent(knownAtRemediation)}`).set(as('inspector', D)),
      200,
    ).body;
    const { knownAt, ...rest } = replayed;
    expect(knownAt).toBe(knownAtRemediation);
    expect(rest).toEqual(liveAtRemediation);
    // And it was not the report of now: both tasks were completed since.
    expect((liveAtRemediation.total as { overdue: number }).overdue).toBe(3);
    const now = ok(await t.http.get('/v1/reports/findings?asOf=2024-05-15').set(as('inspector', D)), 200).body;
    expect(now.total.overdue).toBe(1);
  });
});

describe('the weekly digest (Monday 13/5/2024, week 2024-W20)', () => {
  it('lists the overdue remediation for the inspected office and rolls it up for the inspecting office', async () => {
    const run = ok(await t.http.post('/v1/digests/run').set(admin()).send({ week: '2024-W20' }), 200).body;
    expect(run.issued).toEqual(expect.arrayContaining([`${XA}-2024-W20`, `${NV}-2024-W20`]));
    // VP and TC remedied everything: nothing to say to them.
    expect(run.issued).not.toContain(`${VP}-2024-W20`);
    const xa = ok(await t.http.get(`/v1/digests/${XA}-2024-W20`).set(as('officer', XA)), 200).body;
    expect(xa.text).toContain('Khắc phục F3 [khắc phục sau kiểm tra]');
    const nv = ok(await t.http.get(`/v1/digests/${NV}-2024-W20`).set(as('officer', NV)), 200).body;
    expect(nv.text).toContain(`1. UBND xã Sơn Hạ (${XA}): quá hạn 1; thời hạn sớm nhất 20/04/2024`);
    expect(nv.html).toContain('Khắc phục sau kiểm tra quá hạn');
  });
});

describe('scope', () => {
  it('an inspected office sees its own findings, not another’s', async () => {
    const vp = as('officer', VP);
    ok(await t.http.get(`/v1/findings/${f.F1}`).set(vp), 200);
    const other = ok(await t.http.get(`/v1/findings/${f.F2}`).set(vp), 404).body;
    expect(other.code).toBe('FINDING_NOT_FOUND');
    const inspection = ok(await t.http.get(`/v1/inspections/${inspectionId}`).set(vp), 200).body;
    expect(inspection.findings.map((x: { id: string }) => x.id).sort()).toEqual([f.F1, f.F4].sort());
    const report = ok(await t.http.get(`/v1/reports/findings?inspection=${inspectionId}&asOf=2024-05-15`).set(vp), 200).body;
    expect([report.total.recorded, report.total.withdrawn, report.groups.map((g: { key: string }) => g.key)]).toEqual([1, 1, [VP]]);
    expect(ok(await t.http.get(`/v1/reports/findings?office=${TC}`).set(vp), 404).body.code).toBe('OFFICE_NOT_FOUND');
  });

  it('the inspecting office reads every finding of its inspection', async () => {
    const nv = as('officer', NV);
    ok(await t.http.get(`/v1/findings/${f.F3}`).set(nv), 200);
    const report = ok(await t.http.get(`/v1/reports/findings?inspection=${inspectionId}&asOf=2024-05-15`).set(nv), 200).body;
    expect(report.total.recorded).toBe(4);
  });

  it('another district reads nothing (404) and writes nothing (403)', async () => {
    const outsider = as('leader', O);
    expect(ok(await t.http.get(`/v1/inspections/${inspectionId}`).set(outsider), 404).body.code).toBe('INSPECTION_NOT_FOUND');
    expect(ok(await t.http.get(`/v1/findings/${f.F1}`).set(as('officer', ONV)), 404).body.code).toBe('FINDING_NOT_FOUND');
    expect(ok(await t.http.get(`/v1/reports/findings?inspection=${inspectionId}`).set(outsider), 404).body.code).toBe(
      'INSPECTION_NOT_FOUND',
    );
    const before = await log.count();
    ok(
      await t.http
        .post(`/v1/inspections/${inspectionId}/findings`)
        .set(as('inspector', O))
        .send({ office: VP, severity: 'minor', description: 'x', requirement: 'y' }),
      403,
    );
    ok(await t.http.post(`/v1/findings/${f.F5}/resolve`).set(as('officer', ONV)).send({ note: 'x' }), 403);
    ok(await t.http.post(`/v1/findings/${f.F5}/remediation`).set(outsider).send({ title: 'x', lead: XA, dueOn: '2099-01-01' }), 403);
    // The outsider learns nothing of plans or offices first: 403, not "no such office" nor "no such plan".
    const probe = { title: 'x', lead: 'NO-SUCH-OFFICE', dueOn: '2099-01-01', plan: '00000000-0000-4000-8000-000000000000' };
    ok(await t.http.post(`/v1/findings/${f.F5}/remediation`).set(outsider).send(probe), 403);
    // The district's own leader may raise it, but only for the inspected office (XA) or an office under it.
    const elsewhere = await t.http
      .post(`/v1/findings/${f.F5}/remediation`)
      .set(as('leader', D))
      .send({ title: 'x', lead: NV, dueOn: '2099-01-01' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([400, 'REMEDIATION_OUTSIDE_FINDING']);
    ok(
      await t.http
        .post('/v1/inspections')
        .set(outsider)
        .send({ title: 'x', inspectingOffice: NV, offices: [VP], period: { from: '2099-01-01', to: '2099-01-31' } }),
      403,
    );
    expect(await log.count()).toBe(before);
  });

  it('an inspector records but does not plan or raise tasks; an inspected office does not record', async () => {
    const before = await log.count();
    const plan = ok(
      await t.http
        .post('/v1/inspections')
        .set(as('inspector', D))
        .send({ title: 'x', inspectingOffice: NV, offices: [VP], period: { from: '2099-01-01', to: '2099-01-31' } }),
      403,
    );
    expect(plan.body.code).toBe('ROLE_NOT_ALLOWED');
    ok(
      await t.http.post(`/v1/findings/${f.F5}/remediation`).set(as('inspector', D)).send({ title: 'x', lead: XA, dueOn: '2099-01-01' }),
      403,
    );
    const self = ok(
      await t.http
        .post(`/v1/inspections/${inspectionId}/findings`)
        .set(as('officer', XA))
        .send({ office: XA, severity: 'minor', description: 'x', requirement: 'y' }),
      403,
    );
    expect(self.body.code).toBe('NOT_INSPECTING_OFFICE');
    expect(await log.count()).toBe(before);
  });
});
