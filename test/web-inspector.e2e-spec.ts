import { readFileSync, rmSync } from 'node:fs';
import { Pool } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { storedEvents, tamperEvents } from '@dondoc/event-store/postgres/testing/stored-events';
import { signToken } from '../apps/api/src/http/auth/token-verifier';
import { verifyExportFile } from '../scripts/verify-export';
import { TEST_JWT_SECRET, TestApp, bearer, startTestApp } from './support/test-app';
import { buildWebApp, hasChromium, launchChromium, screenshotPath } from './support/browser';
import { PlanWorld, districtWithPlan, expectStatus, todayLocal } from './support/e2e-world';

const describeWithBrowser = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn('web-inspector.e2e-spec: no Chromium at /usr/bin/chromium: the browser tests are skipped');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const ddMmYyyy = (date: string) => date.split('-').reverse().join('/');
/** An instant as the picker reads it, in Asia/Ho_Chi_Minh, to the second. */
function pickerText(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}:${get('second')}`;
}
const STATUS_LABELS: Record<string, string> = { IN_PROGRESS: 'Đang thực hiện', AWAITING_ACCEPTANCE: 'Chờ xác nhận', OVERDUE: 'Quá hạn' };
const WRITE_BUTTONS = [
  'Tiếp nhận',
  'Báo cáo tiến độ',
  'Xin gia hạn',
  'Báo cáo hoàn thành',
  'Đồng ý gia hạn',
  'Từ chối gia hạn',
  'Xác nhận hoàn thành',
  'Trả lại',
  'Đổi thời hạn',
  'Giao lại',
  'Hủy nhiệm vụ',
  'Mở lại',
  'Giao nhiệm vụ',
];

/**
 * An inspector in Chromium: finds a task, reads its timeline, replays its page as recorded at a
 * moment between two events, lists back-dated reports, and verifies the record — which names the
 * event this test altered in the database. Screenshots go to docs/screenshots/.
 */
describeWithBrowser('the inspectors’ pages in Chromium (e2e)', () => {
  let t: TestApp;
  let w: PlanWorld;
  let dir: string;
  let browser: Browser;
  let inspector: string;
  let taskId: string;
  let title: string;
  let between: Date;
  let backdatedId: string;
  let backdatedTitle: string;
  let fileId: string;

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    t = await startTestApp({ ANCHOR_EVERY_EVENTS: '10' });
    w = await districtWithPlan(t);
    const leader = signToken(TEST_JWT_SECRET, { sub: `leader-${w.tag}`, role: 'leader', office: w.district, name: 'Phạm Văn Hùng' });
    const officer = signToken(TEST_JWT_SECRET, { sub: `officer-${w.tag}`, role: 'officer', office: w.nv, name: 'Nguyễn Thị Lan' });
    inspector = signToken(TEST_JWT_SECRET, { sub: `inspector-${w.tag}`, role: 'inspector', office: w.district, name: 'Lê Minh Tuấn' });
    title = `Công khai thủ tục hành chính ${w.tag}`;
    const made = await expectStatus(
      t.http.post(`/v1/plans/${w.planId}/tasks`).set(bearer(leader)).send({ title, lead: w.nv, dueOn: '2027-03-31', criterion: '3.1.2' }),
      201,
    );
    taskId = made.body.tasks[0].id;
    await expectStatus(t.http.post(`/v1/tasks/${taskId}/acknowledge`).set(bearer(officer)).send({}), 200);
    // A progress report with an uploaded file as its evidence.
    const pdf = Buffer.from(
      `%PDF-1.4\n% ${w.tag}\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
      'latin1',
    );
    const file = await expectStatus(
      t.http
        .post('/v1/files')
        .set(bearer(officer))
        .attach('file', pdf, { filename: 'bien-ban-niem-yet.pdf', contentType: 'application/pdf' }),
      201,
    );
    fileId = file.body.id;
    await expectStatus(
      t.http
        .post(`/v1/tasks/${taskId}/progress`)
        .set(bearer(officer))
        .send({ note: 'Đã niêm yết một nửa', percent: 50, evidence: [{ fileId }] }),
      201,
    );
    // Whole seconds apart: the picker reads to the second.
    await sleep(1_500);
    between = new Date();
    await sleep(1_500);
    await expectStatus(
      t.http.post(`/v1/tasks/${taskId}/deadline`).set(bearer(leader)).send({ dueOn: '2027-06-30', reason: 'Chờ hướng dẫn của Sở Nội vụ' }),
      200,
    );
    await expectStatus(
      t.http
        .post(`/v1/tasks/${taskId}/completion`)
        .set(bearer(officer))
        .send({ note: 'Đã niêm yết 45 thủ tục tại bộ phận một cửa', evidence: [{ documentNumber: `117/BC-${w.tag}` }] }),
      201,
    );

    // Assigned a month ago (back-fill), reported done today for a date twelve days back: back-dated.
    backdatedTitle = `Rà soát hồ sơ tồn đọng ${w.tag}`;
    const old = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.admin))
        .set('Occurred-At', daysAgo(30).toISOString())
        .send({ title: backdatedTitle, lead: w.nv, dueOn: todayLocal(daysAgo(5)) }),
      201,
    );
    backdatedId = old.body.tasks[0].id;
    await expectStatus(
      t.http
        .post(`/v1/tasks/${backdatedId}/completion`)
        .set(bearer(officer))
        .send({ completedOn: todayLocal(daysAgo(12)), note: 'Đã rà soát xong' }),
      201,
    );
    browser = await launchChromium();
  }, 180_000);

  afterEach(async () => {
    for (const context of browser?.contexts() ?? []) await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    delete process.env.WEB_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(token: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${t.app.url}/dang-nhap`);
    await page.getByText('Dùng mã truy cập').click();
    await page.getByLabel('Mã truy cập').fill(token);
    for (let attempt = 0; page.url().includes('/dang-nhap') && attempt < 5; attempt++) {
      await page.getByRole('button', { name: 'Dùng mã này' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'), { timeout: 3_000 }).catch(() => undefined);
    }
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    return page;
  }

  async function expectNoWriteButtons(page: Page): Promise<void> {
    for (const name of WRITE_BUTTONS) await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);
  }

  it('finds the task, reads its timeline, and sees its page as recorded between two events — as GET /v1/tasks/:id?knownAt= says', async () => {
    const page = await signIn(inspector);
    await page.getByRole('link', { name: 'Thanh tra' }).click();
    await page.getByLabel('Tìm kế hoạch, nhiệm vụ, đơn vị').fill(`117/BC-${w.tag}`);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: title }).click();
    await page.waitForURL(new RegExp(`/thanh-tra/nhiem-vu/${taskId}`));
    const progress = page.getByRole('region', { name: /^Sự kiện 3:/ });
    const fileLink = progress.getByRole('link', { name: 'bien-ban-niem-yet.pdf' });
    await expect(fileLink.getAttribute('href')).resolves.toBe(`/v1/files/${fileId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), fileLink.click()]);
    expect(readFileSync((await download.path())!, 'latin1')).toContain(w.tag);
    const deadlineChange = page.getByRole('region', { name: /^Sự kiện 4:/ });
    await deadlineChange.getByText('Thời hạn: 31/03/2027 → 30/06/2027').waitFor();
    await deadlineChange.getByText(/Phạm Văn Hùng · UBND huyện .* · Lãnh đạo/).waitFor();
    const report = page.getByRole('region', { name: /^Sự kiện 5:/ });
    await report.getByText('Chờ xác nhận').waitFor();
    await report.getByText(`117/BC-${w.tag}`).waitFor();
    await report.getByText(/Nguyễn Thị Lan · nv .* · Chuyên viên/).waitFor();
    await page.screenshot({ path: screenshotPath('thanh-tra-dien-bien'), fullPage: true });

    // "As recorded on": a moment after the acknowledgement and before the deadline changed.
    const picker = page.getByLabel('Như đã ghi nhận lúc');
    await picker.click();
    await picker.fill(pickerText(between));
    await picker.press('Enter');
    await page.waitForURL(/knownAt=/);
    const knownAt = new URL(page.url()).searchParams.get('knownAt')!;
    expect(Math.abs(Date.parse(knownAt) - between.getTime())).toBeLessThan(1_000);
    await page
      .getByRole('status')
      .getByText(/Đang xem hệ thống như đã ghi nhận lúc/)
      .waitFor();
    await page.getByRole('link', { name: /^Trang nhiệm vụ như đã ghi nhận lúc/ }).click();
    await page.waitForURL(new RegExp(`/tasks/${taskId}\\?.*knownAt=`));

    const then = (await expectStatus(t.http.get(`/v1/tasks/${taskId}`).query({ knownAt }).set(bearer(inspector)), 200)).body;
    const now = (await expectStatus(t.http.get(`/v1/tasks/${taskId}`).set(bearer(inspector)), 200)).body;
    expect([then.status, then.dueOn]).toEqual(['IN_PROGRESS', '2027-03-31']);
    expect([now.status, now.dueOn]).toEqual(['AWAITING_ACCEPTANCE', '2027-06-30']);
    await page.getByRole('heading', { name: title }).waitFor();
    const details = page.locator('.ant-descriptions');
    await details.getByText(ddMmYyyy(then.dueOn), { exact: true }).first().waitFor();
    await expect(details.getByText(ddMmYyyy(now.dueOn)).count()).resolves.toBe(0);
    await page.getByText(STATUS_LABELS[then.status], { exact: true }).first().waitFor();
    await expect(page.getByText(STATUS_LABELS[now.status], { exact: true }).count()).resolves.toBe(0);
    // The trail stops at that moment too.
    await expect(page.getByText(/^Đổi thời hạn/).count()).resolves.toBe(0);
    await expectNoWriteButtons(page);
    await page.screenshot({ path: screenshotPath('thanh-tra-nhu-da-ghi-nhan'), fullPage: true });

    // Kept across navigation: the office's list, as it was then.
    await page.getByRole('link', { name: 'Công việc của đơn vị' }).click();
    await page.waitForURL(/knownAt=/);
    await page.getByRole('button', { name: 'Về hiện tại' }).click();
    await page.waitForURL((url) => !url.search.includes('knownAt'));
  }, 120_000);

  it('lists the back-dated report with its gap in days, filtered by office', async () => {
    const page = await signIn(inspector);
    await page.goto(`${t.app.url}/thanh-tra?muc=ghi-lui-ngay`);
    const table = page.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: backdatedTitle });
    await row.waitFor();
    await row.getByText('12 ngày').waitFor();
    await expect(table.getByRole('row').filter({ hasText: title }).count()).resolves.toBe(0);
    await page.screenshot({ path: screenshotPath('thanh-tra-ghi-lui-ngay'), fullPage: true });
    await page.getByLabel('Lọc theo đơn vị').click();
    await page.getByRole('tree').getByText(`vp ${w.tag}`).click();
    await table.getByText('Không có báo cáo ghi lùi ngày').waitFor();
    await expectNoWriteButtons(page);
  }, 120_000);

  it('finds an office by its code and reads its trail, on a phone too', async () => {
    const page = await signIn(inspector, { width: 390, height: 844 });
    await page.goto(`${t.app.url}/thanh-tra`);
    await page.getByLabel('Tìm kế hoạch, nhiệm vụ, đơn vị').fill(w.nv);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: `nv ${w.tag}` }).click();
    await page.getByRole('heading', { name: `Diễn biến của nv ${w.tag} và các đơn vị trực thuộc` }).waitFor();
    // The tasks led by the office, each event linking to its task's timeline.
    const assigned = page.getByRole('listitem').filter({ hasText: `Giao nhiệm vụ, thời hạn 31/03/2027` });
    await assigned.getByText(/Phạm Văn Hùng/).waitFor();
    await page.getByText(`npm run verify-export -- dondoc-audit-office-${w.nv}.jsonl`).waitFor();
    await page.screenshot({ path: screenshotPath('thanh-tra-don-vi-dien-thoai'), fullPage: true });
    await assigned.getByRole('link', { name: 'Diễn biến' }).click();
    await page.waitForURL(new RegExp(`/thanh-tra/nhiem-vu/${taskId}$`));
    await expectNoWriteButtons(page);
  }, 120_000);

  it("exports a plan's trail as JSONL that the offline check accepts, with the command to run it", async () => {
    const page = await signIn(inspector);
    await page.goto(`${t.app.url}/thanh-tra?muc=xuat`);
    // By keyboard: type to filter the plans, Enter picks the one left.
    const plans = page.getByRole('combobox', { name: 'Kế hoạch' });
    await plans.click();
    await plans.fill(`Kế hoạch khắc phục ${w.tag}`);
    await plans.press('Enter');
    const file = `dondoc-audit-plan-${w.planId}.jsonl`;
    await page.getByText(`npm run verify-export -- ${file}`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải nhật ký' }).click()]);
    expect(download.suggestedFilename()).toBe(file);
    const path = (await download.path())!;
    expect(readFileSync(path, 'utf8')).toContain(`task-${taskId}`);
    expect(await verifyExportFile(path)).toMatchObject({ ok: true });
    await page.screenshot({ path: screenshotPath('thanh-tra-xuat'), fullPage: true });
    await expectNoWriteButtons(page);
    // The plan's own timeline, and its tasks opening theirs.
    await page.getByRole('link', { name: 'Diễn biến của kế hoạch' }).click();
    await page.getByRole('heading', { name: `Diễn biến kế hoạch: Kế hoạch khắc phục ${w.tag}` }).waitFor();
    await page.getByText(`Ban hành kế hoạch: Kế hoạch khắc phục ${w.tag}`).waitFor();
    await page.getByRole('table').getByRole('link', { name: title }).click();
    await page.waitForURL(new RegExp(`/thanh-tra/nhiem-vu/${taskId}$`));
  }, 120_000);

  it('verifies the record, and on a log where one event was altered names that event with a link to its timeline', async () => {
    const page = await signIn(inspector);
    await page.goto(`${t.app.url}/thanh-tra?muc=kiem-tra`);
    await page.getByRole('button', { name: 'Kiểm tra toàn vẹn nhật ký' }).click();
    await page.getByText('Nhật ký nguyên vẹn').waitFor();
    const ok = (await expectStatus(t.http.get('/v1/audit/verify').set(bearer(inspector)), 200)).body;
    await page.getByText(`Đã kiểm tra ${ok.checked} sự kiện`, { exact: false }).waitFor();
    await page.getByRole('table', { name: 'Mốc neo' }).getByRole('row').nth(1).waitFor();
    await page.screenshot({ path: screenshotPath('thanh-tra-kiem-tra'), fullPage: true });

    // Someone with the database's keys rewrites the completion report's note.
    const su = new Pool({ connectionString: t.databaseUrl, max: 1 });
    try {
      const rows = await storedEvents(su, { streamId: `task-${taskId}`, type: 'CompletionReported' });
      const altered = rows[0];
      await tamperEvents(su, { setData: '{note}', value: 'Đã hoàn thành toàn bộ', position: altered.position });
      try {
        const bad = (await expectStatus(t.http.get('/v1/audit/verify').set(bearer(inspector)), 200)).body;
        expect(bad.firstMismatch).toMatchObject({ position: altered.position, stream: `task-${taskId}` });
        await page.getByRole('button', { name: 'Kiểm tra toàn vẹn nhật ký' }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'Phát hiện sai lệch' });
        await alert.getByText(`số ${altered.position} (luồng task-${taskId}`, { exact: false }).waitFor();
        await page.screenshot({ path: screenshotPath('thanh-tra-sai-lech'), fullPage: true });
        await alert.getByRole('link', { name: 'Xem diễn biến của sự kiện này' }).click();
        await page.waitForURL(new RegExp(`/thanh-tra/nhiem-vu/${taskId}$`));
        await page.getByText('“Đã hoàn thành toàn bộ”').waitFor();
      } finally {
        await tamperEvents(su, { set: { data: altered.data }, position: altered.position });
      }
      expect((await expectStatus(t.http.get('/v1/audit/verify').set(bearer(inspector)), 200)).body.ok).toBe(true);
    } finally {
      await su.end();
    }
  }, 120_000);
});
