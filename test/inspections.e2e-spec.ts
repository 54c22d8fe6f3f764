import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EventLog, fresh, todayLocal } from './support/e2e-world';
import { TestApp, bearer, startTestApp } from './support/test-app';

/**
 * Inspections and findings through HTTP (issue 20). A district D with its Phòng Nội vụ (NV, the
 * inspecting office) and three inspected offices (VP, TC, XA); another district O. The loop is
 * back-filled by an admin (Occurred-At) in 2024:
 *   plan P (10/1) with target KT "offices inspected" ≥ 3; inspection of VP, TC, XA in March;
 *   visits 5/3, 6/3, 7/3; conclusion 15/KL on 10/3; findings recorded 10/3:
 *     F1 VP 1.3   → task due 30/4, completed 25/4 (accepted 26/4)  → remedied on time
 *     F2 TC 1.3   → task due 15/4, completed 20/4 (accepted 22/4)  → remedied late
 *     F3 XA 2.1   → task due 20/4, open                            → overdue from 21/4
 *     F4 VP 2.1   → withdrawn 15/3                                 → left out of every count
 *     F5 XA 2.1.1 → no task                                        → open, never due
 * Hand-computed at asOf 15/5/2024: recorded 4, on time 1, late 1, overdue 1, open 1, due 3,
 * withdrawn 1; remediation 2/4 = 50.00 %, on time 1/3 = 33.33 %, overdue 1/3 = 33.33 %;
 * offices 3/3 inspected; KT actual 3 against 3 → 100.00 %, met.
 */
let t: TestApp;
let log: EventLog;
const tag = fresh();
const D = `UBND-${tag}`;
const [NV, VP, TC, XA] = ['NV', 'VP', 'TC', 'XA'].map((s) => `${tag}-${s}`);
const O = `UBND-O${tag}`;
const ONV = `O${tag}-NV`;
let planId: string;
let inspectionId: string;
const f: Record<string, string> = {};
const tasks: Record<string, string> = {};
let knownAtRemediation: string;
let liveAtRemediation: Record<string, unknown>;

const admin = () => bearer(t.token('admin', 'ROOT'));
const at = (instant: string) => ({ ...admin(), 'Occurred-At': instant });
const as = (role: 'leader' | 'officer' | 'inspector' | 'admin', office: string) => bearer(t.token(role, office));
const ok = <R extends { status: number; body: unknown }>(r: R, status: number): R => {
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
};
const pause = () => new Promise((r) => setTimeout(r, 25));

beforeAll(async () => {
  t = await startTestApp();
  log = await EventLog.open(t.databaseUrl);
  for (const [code, name, parent] of [
    [D, `UBND huyện ${tag}`, undefined],
    [NV, 'Phòng Nội vụ', D],
    [VP, 'Văn phòng HĐND và UBND', D],
    [TC, 'Phòng Tài chính - Kế hoạch', D],
    [XA, 'UBND xã Sơn Hạ', D],
    [O, `UBND huyện O${tag}`, undefined],
    [ONV, 'Phòng Nội vụ huyện khác', O],
  ] as const) {
    ok(
      await t.http
        .post('/v1/offices')
        .set(admin())
        .send({ code, name, ...(parent ? { parent } : {}) }),
      201,
    );
  }
  const plan = await t.http
    .post('/v1/plans')
    .set(at('2024-01-10T09:00:00+07:00'))
    .send({
      issuer: D,
      title: 'Kế hoạch khắc phục tồn tại CCHC năm 2024',
      period: { from: '2024-01-01', to: '2024-12-31' },
      targets: [{ code: 'KT', name: 'Số cơ quan, đơn vị được kiểm tra', unit: 'count', comparator: 'atLeast', value: 3 }],
    });
  planId = ok(plan, 201).body.id;
  const inspection = await t.http
    .post('/v1/inspections')
    .set(at('2024-02-01T09:00:00+07:00'))
    .send({
      code: 'KT-01',
      title: 'Kiểm tra CCHC năm 2024',
      inspectingOffice: NV,
      offices: [VP, TC, XA],
      period: { from: '2024-03-01', to: '2024-03-31' },
      criteria: ['1.3', '2.1'],
      plan: planId,
      target: 'KT',
    });
  inspectionId = ok(inspection, 201).body.id;
  for (const [office, on] of [
    [VP, '2024-03-05'],
    [TC, '2024-03-06'],
    [XA, '2024-03-07'],
  ]) {
    ok(
      await t.http
        .post(`/v1/inspections/${inspectionId}/conducted`)
        .set(at(`${on}T15:00:00+07:00`))
        .send({ office, on }),
      200,
    );
  }
  ok(
    await t.http
      .post(`/v1/inspections/${inspectionId}/conclude`)
      .set(at('2024-03-10T09:00:00+07:00'))
      .send({ documentNumber: '15/KL-UBND', concludedOn: '2024-03-10' }),
    200,
  );
  for (const [name, office, criterion] of [
    ['F1', VP, '1.3'],
    ['F2', TC, '1.3'],
    ['F3', XA, '2.1'],
    ['F4', VP, '2.1'],
    ['F5', XA, '2.1.1'],
  ]) {
    const r = await t.http
      .post(`/v1/inspections/${inspectionId}/findings`)
      .set(at('2024-03-10T10:00:00+07:00'))
      .send({
        office,
        criterion,
        severity: name === 'F1' ? 'major' : 'minor',
        description: `Tồn tại ${name}`,
        requirement: `Khắc phục ${name}`,
      });
    f[name] = ok(r, 201).body.findingId;
  }
  for (const [name, lead, dueOn] of [
    ['F1', VP, '2024-04-30'],
    ['F2', TC, '2024-04-15'],
    ['F3', XA, '2024-04-20'],
  ]) {
    const r = await t.http
      .post(`/v1/findings/${f[name]}/remediation`)
      .set(at('2024-03-12T09:00:00+07:00'))
      .send({ title: `Khắc phục ${name}`, lead, dueOn, criterion: '1.3' });
    tasks[name] = ok(r, 201).body.tasks[0].id;
  }
  ok(await t.http.post(`/v1/findings/${f.F4}/withdraw`).set(at('2024-03-15T09:00:00+07:00')).send({ reason: 'Ghi trùng với F1' }), 200);
  // The record as the inspector saw it right after the remediation was raised and F4 withdrawn.
  await pause();
  liveAtRemediation = ok(await t.http.get('/v1/reports/findings?asOf=2024-05-15').set(as('inspector', D)), 200).body;
  knownAtRemediation = new Date().toISOString();
  await pause();
  const complete = async (name: string, on: string, acceptedAt: string) => {
    ok(
      await t.http
        .post(`/v1/tasks/${tasks[name]}/completion`)
        .set(at(`${on}T10:00:00+07:00`))
        .send({ completedOn: on, note: 'Đã khắc phục' }),
      201,
    );
    ok(await t.http.post(`/v1/tasks/${tasks[name]}/completion/accept`).set(at(acceptedAt)).send({}), 200);
  };
  await complete('F1', '2024-04-25', '2024-04-26T10:00:00+07:00');
  await complete('F2', '2024-04-20', '2024-04-22T10:00:00+07:00');
}, 120_000);

afterAll(async () => {
  await log?.close();
  await t?.close();
});

const rate = (numerator: number, denominator: number, percent: string | null) => ({ numerator, denominator, percent });

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

describe('writes as on every other route', () => {
  let live: string;
  beforeAll(async () => {
    const today = todayLocal();
    const r = await t.http
      .post('/v1/inspections')
      .set({ ...as('leader', D), 'Idempotency-Key': `plan-${tag}` })
      .send({ title: 'Kiểm tra đột xuất', inspectingOffice: NV, offices: [VP, TC], period: { from: today, to: '2099-12-31' } });
    live = ok(r, 201).body.id;
  });

  it('an Idempotency-Key replays the first answer and writes nothing more', async () => {
    const today = todayLocal();
    const again = await t.http
      .post('/v1/inspections')
      .set({ ...as('leader', D), 'Idempotency-Key': `plan-${tag}` })
      .send({ title: 'Kiểm tra đột xuất', inspectingOffice: NV, offices: [VP, TC], period: { from: today, to: '2099-12-31' } });
    expect(ok(again, 201).body.id).toBe(live);
    expect(await log.count(`inspection-${live}`)).toBe(1);
  });

  it('If-Match makes a write conditional (412), and the version comes back as the ETag', async () => {
    const today = todayLocal();
    const stale = await t.http
      .post(`/v1/inspections/${live}/conducted`)
      .set({ ...as('officer', NV), 'If-Match': '"7"' })
      .send({ office: VP, on: today });
    expect(ok(stale, 412).body.code).toBe('VERSION_MISMATCH');
    const fresh1 = ok(
      await t.http
        .post(`/v1/inspections/${live}/conducted`)
        .set({ ...as('officer', NV), 'If-Match': '"1"' })
        .send({ office: VP, on: today }),
      200,
    );
    expect([fresh1.body.version, fresh1.headers.etag]).toEqual([2, '"2"']);
  });

  it('records a finding during the visit, resolves it with evidence, reopens and withdraws it', async () => {
    const nv = as('officer', NV);
    const r = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings`)
        .set(nv)
        .send({ office: TC, severity: 'minor', description: 'Sổ theo dõi chưa cập nhật', requirement: 'Cập nhật sổ' }),
      201,
    );
    const id = r.body.findingId;
    ok(
      await t.http
        .post(`/v1/findings/${id}/resolve`)
        .set(nv)
        .send({ note: 'Đã cập nhật', evidence: [{ documentNumber: '05/BC-TC' }] }),
      200,
    );
    expect(ok(await t.http.post(`/v1/findings/${id}/resolve`).set(nv).send({ note: 'lần nữa' }), 409).body.code).toBe(
      'FINDING_ALREADY_RESOLVED',
    );
    ok(await t.http.post(`/v1/findings/${id}/reopen`).set(nv).send({ reason: 'Chưa đủ' }), 200);
    ok(await t.http.post(`/v1/findings/${id}/withdraw`).set(nv).send({ reason: 'Không thuộc phạm vi' }), 200);
    expect(await log.types(`finding-${id}`)).toEqual(['FindingRecorded', 'FindingResolved', 'FindingReopened', 'FindingWithdrawn']);
  });

  it('resolves a finding with an uploaded file: its readers download it, another district does not', async () => {
    const nv = as('officer', NV);
    const bytes = Buffer.from(
      `%PDF-1.4\n% ${fresh()}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
      'latin1',
    );
    const file = ok(
      await t.http.post('/v1/files').set(nv).attach('file', bytes, { filename: 'bien-ban.pdf', contentType: 'application/pdf' }),
      201,
    ).body;
    const id = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings`)
        .set(nv)
        .send({ office: TC, severity: 'minor', description: 'Biên bản chưa ký', requirement: 'Ký biên bản' }),
      201,
    ).body.findingId;
    ok(
      await t.http
        .post(`/v1/findings/${id}/resolve`)
        .set(nv)
        .send({ note: 'Đã ký', evidence: [{ fileId: file.id }] }),
      200,
    );
    const finding = ok(await t.http.get(`/v1/findings/${id}`).set(as('officer', TC)), 200).body;
    expect(finding.resolution.evidence).toEqual([
      { fileId: file.id, sha256: file.id, name: 'bien-ban.pdf', size: bytes.length, type: 'application/pdf' },
    ]);
    ok(await t.http.get(`/v1/files/${file.id}`).set(as('officer', TC)), 200);
    ok(await t.http.get(`/v1/files/${file.id}`).set(as('leader', D)), 200);
    ok(await t.http.get(`/v1/files/${file.id}`).set(as('officer', VP)), 404);
    ok(await t.http.get(`/v1/files/${file.id}`).set(as('leader', O)), 404);
  });

  it('raises remediation in a plan named on the call; without any plan it is 400 PLAN_REQUIRED', async () => {
    const nv = as('officer', NV);
    const id = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings`)
        .set(nv)
        .send({ office: VP, severity: 'major', description: 'a', requirement: 'b' }),
      201,
    ).body.findingId;
    const none = ok(
      await t.http.post(`/v1/findings/${id}/remediation`).set(as('leader', D)).send({ title: 'Khắc phục', lead: VP, dueOn: '2099-01-31' }),
      400,
    );
    expect([none.body.code, none.body.errors?.[0]?.field ?? none.body.field]).toEqual(['PLAN_REQUIRED', 'plan']);
    const r = ok(
      await t.http
        .post(`/v1/findings/${id}/remediation`)
        .set(as('leader', D))
        .send({ title: 'Khắc phục', lead: VP, supporting: [TC], dueOn: '2099-01-31', plan: planId }),
      201,
    );
    expect(r.body.tasks.map((x: { lead: string }) => x.lead)).toEqual([VP]);
    // A second task for the same finding; a sibling office may support but not lead its remedy.
    const second = ok(
      await t.http
        .post(`/v1/findings/${id}/remediation`)
        .set(as('leader', D))
        .send({ title: 'Khắc phục (đợt 2)', lead: VP, dueOn: '2099-03-31', plan: planId }),
      201,
    );
    const sibling = await t.http
      .post(`/v1/findings/${id}/remediation`)
      .set(as('leader', D))
      .send({ title: 'Khắc phục thay', lead: [VP, TC], dueOn: '2099-01-31', plan: planId });
    expect([sibling.status, sibling.body.code]).toEqual([400, 'REMEDIATION_OUTSIDE_FINDING']);
    const finding = ok(await t.http.get(`/v1/findings/${id}`).set(as('officer', VP)), 200).body;
    expect(finding.remediation.map((x: { taskId: string }) => x.taskId)).toEqual(
      [...r.body.tasks, ...second.body.tasks].map((x: { id: string }) => x.id),
    );
  });

  it('imports a conclusion’s findings from CSV or XLSX: a preview first, then all or nothing', async () => {
    const nv = as('officer', NV);
    const csv = (rows: string[][]) => rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n');
    const header = ['STT', 'Đơn vị được kiểm tra', 'Tiêu chí', 'Mức độ', 'Nội dung phát hiện', 'Yêu cầu khắc phục'];
    const bad = csv([
      ['KẾT LUẬN KIỂM TRA SỐ 20/KL-UBND'],
      header,
      ['1', VP, '1.3', 'Nghiêm trọng', 'Chưa công khai', 'Công khai'],
      ['2', XA, '', '', 'Không thuộc', 'x'],
    ]);
    const before = await log.count();
    const preview = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings/import?dryRun=true`)
        .set({ ...nv, 'Content-Type': 'text/csv' })
        .send(bad),
      200,
    ).body;
    expect(preview.ok).toBe(false);
    expect(
      preview.rows.map((r: { at: number; office: string | null; errors: { field: string }[] }) => [
        r.at,
        r.office,
        r.errors.map((e) => e.field),
      ]),
    ).toEqual([
      [3, VP, []],
      [4, null, ['rows[4].Đơn vị được kiểm tra']],
    ]);
    const refused = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings/import`)
        .set({ ...nv, 'Content-Type': 'text/csv' })
        .send(bad),
      400,
    ).body;
    expect(refused.code).toBe('IMPORT_INVALID');
    expect(await log.count()).toBe(before);
    // By name too: the office as the conclusion prints it.
    const good = csv([
      header,
      ['1', VP, '1.3', 'Nghiêm trọng', 'Chưa công khai', 'Công khai'],
      ['2', 'Phòng Tài chính - Kế hoạch', '2.1', '', 'Chưa cập nhật', 'Cập nhật'],
    ]);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Phát hiện');
    for (const r of parse(good, { bom: true }) as string[][]) sheet.addRow(r);
    const xlsx = Buffer.from(await book.xlsx.writeBuffer());
    const xlsxPreview = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings/import?dryRun=true`)
        .set({ ...nv, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
        .send(xlsx),
      200,
    ).body;
    expect(
      xlsxPreview.rows.map((r: { office: string; officeMatch: string; severity: string }) => [r.office, r.officeMatch, r.severity]),
    ).toEqual([
      [VP, 'code', 'major'],
      [TC, 'name', 'minor'],
    ]);
    expect(await log.count()).toBe(before);
    const imported = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings/import`)
        .set({ ...nv, 'Content-Type': 'text/csv' })
        .send(good),
      201,
    ).body;
    expect(imported.findings.map((x: { office: string }) => x.office)).toEqual([VP, TC]);
    expect(await log.count()).toBe(before + 2);
    const inspection = ok(await t.http.get(`/v1/inspections/${live}`).set(as('leader', D)), 200).body;
    expect(inspection.findings.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining(imported.findings.map((x: { findingId: string }) => x.findingId)),
    );
    // The inspected office imports nothing.
    ok(
      await t.http
        .post(`/v1/inspections/${live}/findings/import`)
        .set({ ...as('officer', VP), 'Content-Type': 'text/csv' })
        .send(good),
      403,
    );
  });

  it('refuses bad input with a 400 naming the field, and state that does not fit with a 409', async () => {
    const nv = as('officer', NV);
    const unknownField = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings`)
        .set(nv)
        .send({ office: VP, severity: 'minor', description: 'a', requirement: 'b', extra: 1 }),
      400,
    );
    expect(unknownField.body.status).toBe(400);
    const severity = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings`)
        .set(nv)
        .send({ office: VP, severity: 'critical', description: 'a', requirement: 'b' }),
      400,
    );
    expect(JSON.stringify(severity.body)).toContain('severity');
    const notCovered = ok(
      await t.http
        .post(`/v1/inspections/${live}/findings`)
        .set(nv)
        .send({ office: XA, severity: 'minor', description: 'a', requirement: 'b' }),
      400,
    );
    expect(notCovered.body.code).toBe('OFFICE_NOT_INSPECTED');
    expect(
      ok(await t.http.post(`/v1/inspections/${live}/conclude`).set(nv).send({ documentNumber: '1/KL', concludedOn: '2099-01-01' }), 400)
        .body.code,
    ).toBe('CONCLUDED_IN_FUTURE');
    ok(await t.http.post(`/v1/inspections/${live}/cancel`).set(as('leader', D)).send({ reason: 'Trùng lịch' }), 200);
    expect(
      ok(
        await t.http
          .post(`/v1/inspections/${live}/findings`)
          .set(nv)
          .send({ office: VP, severity: 'minor', description: 'a', requirement: 'b' }),
        409,
      ).body.code,
    ).toBe('INSPECTION_CANCELLED');
  });

  it('lists inspections in scope: an inspected office its own, another district none', async () => {
    const mine = ok(await t.http.get('/v1/inspections').set(as('officer', XA)), 200).body;
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([inspectionId]);
    const byOffice = ok(await t.http.get(`/v1/inspections?office=${TC}`).set(as('leader', D)), 200).body;
    expect(byOffice.items.map((i: { id: string }) => i.id).sort()).toEqual([inspectionId, live].sort());
    expect(ok(await t.http.get('/v1/inspections').set(as('leader', O)), 200).body.items).toEqual([]);
  });
});
