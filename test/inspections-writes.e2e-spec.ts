import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { EventLog, fresh, todayLocal } from './support/e2e-world';
import { TestApp } from './support/test-app';
import { inspectionCalls, inspectionOffices, inspectionsWorld, ok } from './support/inspections-world';

/** Inspection writes through HTTP (issue 20): idempotency, If-Match, findings' life, files, remediation, imports, bad input, lists. */
let t: TestApp;
let log: EventLog;
const tag = fresh();
const { D, NV, VP, TC, XA, O } = inspectionOffices(tag);
let planId: string;
let inspectionId: string;

beforeAll(async () => {
  ({ t, log, planId, inspectionId } = await inspectionsWorld(tag));
}, 120_000);

afterAll(async () => {
  await log?.close();
  await t?.close();
});

const { as } = inspectionCalls(() => t);

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
