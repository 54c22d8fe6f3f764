import type { Response } from 'superagent';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { province2024 } from './support/province-2024';
import { docxOf } from './support/docx-text';

/**
 * The Word report's lists count occurrences, as its numbers do: a monthly report of Phòng Nội vụ
 * Sơn Hà assigned 15/1/2024, read as of 10/4/2024 — January done 25/1 (on time), February done
 * 5/3 (late: due 29/2), March open (overdue since 31/3) — plus a one-off task of Bình Sơn done late.
 */
let t: TestApp;
let planId: string;
/** A moment recorded after February's completion and before Bình Sơn's (knownAt is the recording clock). */
let betweenRecords: string;
const admin = () => bearer(t.token('admin', 'QNG'));
const at = (instant: string) => ({ ...admin(), 'Occurred-At': instant });
const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

beforeAll(async () => {
  t = await startTestApp();
  ({ planId } = await province2024(t));
  const monthly = await t.http
    .post(`/v1/plans/${planId}/tasks`)
    .set(at('2024-01-15T09:00:00+07:00'))
    .send({ title: 'Báo cáo tình hình CCHC hằng tháng', lead: 'SH-NV', recurrence: { every: 'month', until: '2024-06-30' } });
  expect(monthly.status).toBe(201);
  const oneOff = await t.http
    .post(`/v1/plans/${planId}/tasks`)
    .set(at('2024-01-15T09:00:00+07:00'))
    .send({ title: 'Rà soát thủ tục hành chính', lead: 'BS-NV', dueOn: '2024-03-15' });
  expect(oneOff.status).toBe(201);
  const done = async (id: string, on: string, occurrence?: string) => {
    const body = { completedOn: on, note: 'Đã hoàn thành', ...(occurrence ? { occurrence } : {}) };
    expect(
      (
        await t.http
          .post(`/v1/tasks/${id}/completion`)
          .set(at(`${on}T10:00:00+07:00`))
          .send(body)
      ).status,
    ).toBeLessThan(300);
    const decision = occurrence ? { occurrence } : {};
    expect(
      (
        await t.http
          .post(`/v1/tasks/${id}/completion/accept`)
          .set(at(`${on}T15:00:00+07:00`))
          .send(decision)
      ).status,
    ).toBeLessThan(300);
  };
  await done(monthly.body.tasks[0].id, '2024-01-25', '2024-01');
  await done(monthly.body.tasks[0].id, '2024-03-05', '2024-02');
  await new Promise((r) => setTimeout(r, 20));
  betweenRecords = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  await done(oneOff.body.tasks[0].id, '2024-03-20');
}, 120_000);

afterAll(() => t?.close());

async function listsOf(query: string) {
  const report = (await t.http.get(query).set(admin())).body as { total: { doneLate: number; overdue: number } };
  const r = await t.http.get(`${query}&format=docx`).set(admin()).buffer(true).parse(binary);
  expect(r.status).toBe(200);
  const { paragraphs } = await docxOf(r.body);
  const overdueAt = paragraphs.indexOf('III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH');
  const lateAt = paragraphs.indexOf('IV. NHIỆM VỤ HOÀN THÀNH TRỄ HẠN');
  const lateList = paragraphs.slice(lateAt + 1, lateAt + 1 + report.total.doneLate);
  return {
    report,
    overdue: paragraphs.slice(overdueAt + 1, lateAt),
    late: lateList,
    afterLate: paragraphs[lateAt + 1 + report.total.doneLate],
  };
}

it("lists the late and overdue occurrences of a recurring task, each with its period and the office's name", async () => {
  const { report, overdue, late, afterLate } = await listsOf(`/v1/reports/completion?asOf=2024-04-10&office=QNG&plan=${planId}`);
  expect(report.total).toMatchObject({ doneLate: 2, overdue: 1 });
  expect(late).toEqual([
    '1. Báo cáo tình hình CCHC hằng tháng (kỳ 2024-02) - Phòng Nội vụ Sơn Hà; thời hạn 29/2/2024.',
    '2. Rà soát thủ tục hành chính - Phòng Nội vụ Bình Sơn; thời hạn 15/3/2024.',
  ]);
  expect(afterLate).toBe(''); // nothing more in the list than the report counts
  expect(overdue).toEqual([
    '1. Báo cáo tình hình CCHC hằng tháng (kỳ 2024-03) - Phòng Nội vụ Sơn Hà; thời hạn 31/3/2024; quá hạn 10 ngày.',
  ]);
});

it('keeps to the period and the office, like the counts', async () => {
  const { report, late, overdue } = await listsOf('/v1/reports/completion?asOf=2024-04-10&office=SH&from=2024-03-01&to=2024-03-31');
  expect(report.total).toMatchObject({ doneLate: 0, overdue: 1 });
  expect(late).toEqual([]);
  expect(overdue).toEqual([
    '1. Báo cáo tình hình CCHC hằng tháng (kỳ 2024-03) - Phòng Nội vụ Sơn Hà; thời hạn 31/3/2024; quá hạn 10 ngày.',
  ]);
});

it('as recorded before Bình Sơn reported (knownAt): February done late, nothing of Bình Sơn yet', async () => {
  const { report, late } = await listsOf(
    `/v1/reports/completion?asOf=2024-04-10&knownAt=${encodeURIComponent(betweenRecords)}&office=QNG&plan=${planId}`,
  );
  expect(report.total).toMatchObject({ doneLate: 1 });
  expect(late).toEqual(['1. Báo cáo tình hình CCHC hằng tháng (kỳ 2024-02) - Phòng Nội vụ Sơn Hà; thời hạn 29/2/2024.']);
});
