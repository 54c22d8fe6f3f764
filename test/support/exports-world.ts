// The world of the export specs (test/exports-*.e2e-spec.ts), and how they read the files back.
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { TestApp, bearer, startTestApp } from './test-app';
import { province2024 } from './province-2024';

/**
 * Reports as files (issue 17, items 10 and 11): every number read back from the XLSX, the CSV and
 * the DOCX equals the JSON report of the same query. Offices QNG > SH (SH-NV, SH-VP), BS (BS-NV);
 * tasks assigned 15/1/2024, read as of 10/4/2024:
 *   T1 SH-NV due 31/3 done 30/3 (on time)   T2 SH-NV due 31/3 open (overdue)   T5 SH-NV due 15/3 done 15/3 (on time)
 *   T3 SH-VP due 30/4 open (in progress)    T4 BS-NV due 31/3 open (overdue)   T6 BS-NV due 15/3 done 20/3 (late)
 */
export async function exportsWorld(): Promise<{ t: TestApp; planId: string; ids: Record<string, string> }> {
  const t = await startTestApp();
  const ids: Record<string, string> = {};
  const admin = () => bearer(t.token('admin', 'QNG'));
  const at = (instant: string) => ({ ...admin(), 'Occurred-At': instant });
  try {
    const { planId } = await province2024(t);
    for (const [name, lead, dueOn, criterion] of [
      ['T1', 'SH-NV', '2024-03-31', '1.3.2'],
      ['T2', 'SH-NV', '2024-03-31', '7.3.3.2'],
      ['T3', 'SH-VP', '2024-04-30', '1.1'],
      ['T4', 'BS-NV', '2024-03-31', '2.1'],
      ['T5', 'SH-NV', '2024-03-15', '1.2'],
      ['T6', 'BS-NV', '2024-03-15', '2.2'],
    ]) {
      const r = await t.http
        .post(`/v1/plans/${planId}/tasks`)
        .set(at('2024-01-15T09:00:00+07:00'))
        .send({ title: `Nhiệm vụ ${name}`, lead, dueOn, criterion });
      expect(r.status).toBe(201);
      ids[name] = r.body.tasks[0].id;
    }
    for (const [name, on] of [
      ['T1', '2024-03-30'],
      ['T5', '2024-03-15'],
      ['T6', '2024-03-20'],
    ]) {
      expect(
        (
          await t.http
            .post(`/v1/tasks/${ids[name]}/completion`)
            .set(at(`${on}T10:00:00+07:00`))
            .send({ completedOn: on, note: 'Đã hoàn thành' })
        ).status,
      ).toBeLessThan(300);
      expect(
        (
          await t.http
            .post(`/v1/tasks/${ids[name]}/completion/accept`)
            .set(at(`${on}T15:00:00+07:00`))
            .send({})
        ).status,
      ).toBeLessThan(300);
    }
    expect(
      (
        await t.http
          .post(`/v1/plans/${planId}/targets/HL/measurements`)
          .set(admin())
          .send({ value: '88.08', asOf: '2024-03-31', source: 'SIPAS' })
      ).status,
    ).toBe(201);
    return { t, planId, ids };
  } catch (e) {
    await t.close();
    throw e;
  }
}

/** `app` is read at call time: the specs start their app in beforeAll. */
export function exportCalls(app: () => TestApp) {
  const leader = () => bearer(app().token('leader', 'QNG'));
  const json = (path: string) => app().http.get(path).set(leader());
  const file = (path: string, auth = leader()) => app().http.get(path).set(auth).buffer(true).parse(binary);
  return { leader, json, file };
}

export const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

export async function sheetOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (!headerRow && row.cellCount > 3) headerRow = n;
  });
  const headers = (ws.getRow(headerRow).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const values = ws.getRow(n).values as ExcelJS.CellValue[];
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i + 1] ?? null])));
  }
  const meta = Object.fromEntries(
    Array.from({ length: headerRow - 1 }, (_, i) => ws.getRow(i + 1).values as ExcelJS.CellValue[]).map((v) => [
      String(v[1] ?? ''),
      String(v[2] ?? ''),
    ]),
  );
  return { ws, headerRow, headers, rows, meta };
}

export const percentOf = (v: ExcelJS.CellValue) => (v === null ? null : (Math.round(Number(v) * 1_000_000) / 10_000).toFixed(2));
export const dateOf = (v: ExcelJS.CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

export const COUNTS: [string, string][] = [
  ['assigned', 'Được giao'],
  ['due', 'Đến hạn'],
  ['doneOnTime', 'Hoàn thành đúng hạn'],
  ['doneLate', 'Hoàn thành trễ hạn'],
  ['inProgress', 'Đang thực hiện'],
  ['overdue', 'Quá hạn'],
  ['awaitingAcceptance', 'Chờ xác nhận'],
  ['cancelled', 'Đã hủy'],
  ['noDeadline', 'Không có thời hạn'],
  ['extended', 'Được gia hạn'],
];
export const RATES: [string, string][] = [
  ['completionRate', 'Tỷ lệ hoàn thành'],
  ['onTimeRate', 'Tỷ lệ đúng hạn'],
  ['overdueRate', 'Tỷ lệ quá hạn'],
];
export type Group = Record<string, number | string | null | { numerator: number; denominator: number; percent: string | null }> & {
  key: string | null;
};
export type Rate = { numerator: number; denominator: number; percent: string | null };
