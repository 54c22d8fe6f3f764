import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { buildWebApp, hasChromium, launchChromium, signInWithToken as signInAs } from './support/browser';
import { PlanWorld, assignTask, districtWithPlan, expectStatus, todayLocal } from './support/e2e-world';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const describeWithBrowser = hasChromium() ? describe : describe.skip;
if (!hasChromium())
  console.warn('web-browser.e2e-spec: no Chromium at /usr/bin/chromium (apt-get install -y chromium): the browser tests are skipped');

/**
 * A person with a browser: an officer finds an overdue task from the counters and reports its
 * completion with an evidence number; the district's leader accepts it; an officer cannot open
 * another office's task by its URL. (The README's screenshots come from the demo: web-demo.e2e-spec.ts.)
 */
describeWithBrowser('the web app in Chromium (e2e)', () => {
  let t: TestApp;
  let w: PlanWorld;
  let dir: string;
  let browser: Browser;
  let overdueTitle: string;
  let overdueId: string;
  let otherOfficeTask: string;
  let returnedTitle: string;

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    t = await startTestApp();
    w = await districtWithPlan(t);
    overdueTitle = `Rà soát thủ tục hành chính ${w.tag}`;
    // Assigned a month ago by back-fill, due ten days ago: overdue today.
    const res = await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.admin))
        .set('Occurred-At', daysAgo(30).toISOString())
        .send({ title: overdueTitle, lead: w.nv, dueOn: todayLocal(daysAgo(10)), criterion: '2.1.3' }),
      201,
    );
    overdueId = res.body.tasks[0].id;
    await assignTask(t, w, { title: `Cập nhật cổng thông tin ${w.tag}` });
    otherOfficeTask = await assignTask(t, w, { lead: w.vp, title: `Việc của Văn phòng ${w.tag}` });
    // Reported done, then returned by the leader: open again, under "Bị trả lại".
    returnedTitle = `Báo cáo kết quả tự kiểm tra công tác cải cách hành chính ${w.tag}`;
    const returned = await assignTask(t, w, { title: returnedTitle });
    await expectStatus(
      t.http
        .post(`/v1/tasks/${returned}/completion`)
        .set(bearer(w.officer(w.nv)))
        .send({ note: 'Đã gửi báo cáo' }),
      201,
    );
    await expectStatus(
      t.http.post(`/v1/tasks/${returned}/completion/return`).set(bearer(w.leader)).send({ reason: 'Thiếu số liệu quý III' }),
      200,
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

  const signInWithToken = (token: string, viewport?: { width: number; height: number }): Promise<Page> =>
    signInAs(browser, t.app.url, token, viewport);

  it('an officer finds the overdue task from the counters and reports its completion with an evidence number', async () => {
    const page = await signInWithToken(w.officer(w.nv));
    // The counter reads 1 once the list has loaded.
    const overdue = page.getByRole('button', { name: /^Quá hạn\s*1$/ });
    await overdue.waitFor();
    await overdue.click();
    const row = page.getByRole('link', { name: overdueTitle });
    await row.waitFor();
    await page.getByText('Quá hạn 10 ngày').waitFor();
    await row.click();
    await page.waitForURL(new RegExp(`/tasks/${overdueId}$`));
    await page.getByRole('heading', { name: overdueTitle }).waitFor();
    await page
      .getByText(formatDdMmYyyy(todayLocal(daysAgo(10))))
      .first()
      .waitFor();

    await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await page.getByLabel('Nội dung').fill('Đã rà soát 45 thủ tục, công khai trên cổng dịch vụ công');
    await page.getByLabel('Số văn bản minh chứng').fill('117/BC-UBND');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByText('Chờ xác nhận').first().waitFor();
    const view = await expectStatus(t.http.get(`/v1/tasks/${overdueId}`).set(bearer(w.officer(w.nv))), 200);
    expect(view.body.status).toBe('AWAITING_ACCEPTANCE');
    expect(view.body.completion.evidence).toEqual([{ documentNumber: '117/BC-UBND' }]);
    // The leader's decision buttons are not offered to the office that reports.
    await expect(page.getByRole('button', { name: 'Xác nhận hoàn thành' }).count()).resolves.toBe(0);
  }, 120_000);

  it('an officer finds the report the leader returned under "Bị trả lại"', async () => {
    const page = await signInWithToken(w.officer(w.nv));
    const counter = page.getByRole('button', { name: /^Bị trả lại\s*1$/ });
    await counter.waitFor();
    await counter.click();
    await expect(counter.getAttribute('aria-pressed')).resolves.toBe('true');
    const list = page.getByRole('region', { name: 'Bị trả lại' });
    await list.getByRole('link', { name: returnedTitle }).waitFor();
    await expect(list.getByRole('link').count()).resolves.toBe(1);
  }, 60_000);

  it('the district leader finds the report under decisions waiting and accepts it there', async () => {
    const page = await signInWithToken(w.leader);
    await page.waitForURL(/\/tong-hop$/);
    await page.getByRole('link', { name: 'Chờ xử lý' }).click();
    const item = page.getByRole('region', { name: `Xử lý: ${overdueTitle}` });
    await item.waitFor();
    await page.getByText('117/BC-UBND').count(); // the report's evidence is on the task page; here its note and date
    await item.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByText('Không có đề nghị nào đang chờ').waitFor();
    const view = await expectStatus(t.http.get(`/v1/tasks/${overdueId}`).set(bearer(w.leader)), 200);
    expect(view.body.status).toBe('DONE_LATE');
    await page.goto(`${t.app.url}/tasks/${overdueId}`);
    await page.getByText('Hoàn thành quá hạn').first().waitFor();
    await page.getByText('Xác nhận hoàn thành', { exact: true }).first().waitFor(); // in the trail, which loads after the task
  }, 120_000);

  it("the leader's overview shows, for each office, the numbers of /v1/reports/completion", async () => {
    const page = await signInWithToken(w.leader);
    await page.waitForURL(/\/tong-hop$/);
    const table = page.getByRole('table');
    await table.getByText(`nv ${w.tag}`).waitFor();
    const report = await expectStatus(t.http.get(`/v1/reports/completion?office=${w.district}&groupBy=office`).set(bearer(w.leader)), 200);
    for (const g of report.body.groups as {
      label: string;
      key: string;
      assigned: number;
      doneLate: number;
      inProgress: number;
      onTimeRate: { percent: string | null };
    }[]) {
      const row = table.getByRole('row').filter({ hasText: g.label ?? g.key });
      const cells = await row.getByRole('cell').allTextContents();
      expect(cells[1]).toBe(String(g.assigned));
      expect(cells[3]).toBe(String(g.doneLate));
      expect(cells[4]).toBe(String(g.inProgress));
      expect(cells[10]).toBe(g.onTimeRate.percent === null ? '—' : `${g.onTimeRate.percent.replace('.', ',')} %`);
    }

    // "Xuất Excel": the same numbers, as the file an office hands in.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const { Workbook } = await import('exceljs');
    const book = new Workbook();
    await book.xlsx.readFile(await download.path());
    const rows: unknown[][] = [];
    book.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    for (const g of report.body.groups as { label: string; key: string; assigned: number; doneLate: number }[]) {
      const row = rows.find((r) => r.some((v) => v === g.label || v === g.key));
      expect(row).toBeDefined();
      expect(row).toEqual(expect.arrayContaining([g.assigned, g.doneLate]));
    }
  }, 120_000);

  it('a leader assigns a task with the deadline "Quý IV/2027" and sees 31/12/2027 before saving', async () => {
    const page = await signInWithToken(w.leader);
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('link', { name: `Kế hoạch khắc phục ${w.tag}` }).click();
    await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    const title = `Công khai kết quả giải quyết hồ sơ ${w.tag}`;
    await page.getByLabel('Tên nhiệm vụ').fill(title);
    await page.getByLabel('Đơn vị chủ trì').click();
    await page.getByRole('tree').getByText(`tc ${w.tag}`).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Thời hạn').fill('Quý IV/2027');
    await page.getByText('Thời hạn: 31/12/2027').waitFor();
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('link', { name: title }).waitFor();
    const list = await expectStatus(t.http.get(`/v1/tasks?plan=${w.planId}&office=${w.tc}`).set(bearer(w.leader)), 200);
    const created = (list.body.items as { title: string; dueOn: string }[]).find((i) => i.title === title);
    expect(created?.dueOn).toBe('2027-12-31');
  }, 120_000);

  it('a leader assigns a recurring task: quarterly until 30/09/2027', async () => {
    const page = await signInWithToken(w.leader);
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('link', { name: `Kế hoạch khắc phục ${w.tag}` }).click();
    await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    const title = `Báo cáo tình hình giải quyết hồ sơ hằng quý ${w.tag}`;
    await page.getByLabel('Tên nhiệm vụ').fill(title);
    await page.getByLabel('Đơn vị chủ trì').click();
    await page.getByRole('tree').getByText(`tc ${w.tag}`).click();
    await page.keyboard.press('Escape');
    // A button-styled radio: its input is hidden, its label is what a person clicks.
    await page.getByText('Định kỳ', { exact: true }).click();
    await expect(page.getByRole('radio', { name: 'Định kỳ' }).isChecked()).resolves.toBe(true);
    // Quarterly by default, to the plan's end; the leader moves the end.
    await page.getByText('Hằng quý: mỗi quý là một lần báo cáo, hạn là ngày cuối quý, đến 31/12/2027.').waitFor();
    await page.getByLabel('Đến ngày').fill('30/09/2027');
    await page.getByLabel('Đến ngày').press('Tab');
    await page.getByText('Hằng quý: mỗi quý là một lần báo cáo, hạn là ngày cuối quý, đến 30/09/2027.').waitFor();
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('link', { name: title }).waitFor();
    const list = await expectStatus(t.http.get(`/v1/tasks?plan=${w.planId}&office=${w.tc}`).set(bearer(w.leader)), 200);
    const created = (list.body.items as { id: string; title: string }[]).find((i) => i.title === title)!;
    const view = await expectStatus(t.http.get(`/v1/tasks/${created.id}`).set(bearer(w.leader)), 200);
    expect(view.body.recurrence).toMatchObject({ every: 'quarter', until: '2027-09-30' });
  }, 120_000);

  it('an administrator imports a real plan through the preview', async () => {
    const page = await signInWithToken(w.admin);
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('button', { name: 'Nhập kế hoạch từ tệp' }).click();
    await page.locator('input[type=file]').setInputFiles(join(__dirname, 'fixtures/plans/kh-01-hdnd-quang-ngai-2021.csv'));
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByText('6 dòng, 6 nhiệm vụ sẽ được giao').waitFor();
    await page.getByText('“Tháng 6/2021” → 30/06/2021 (ngày cụ thể)').count();
    await page.getByRole('button', { name: 'Nhập kế hoạch' }).click();
    await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Kế hoạch công tác của Hội đồng nhân dân tỉnh Quảng Ngãi năm 2021' }).waitFor();
    const planId = page.url().split('/').pop();
    const tasks = await expectStatus(t.http.get(`/v1/tasks?plan=${planId}`).set(bearer(w.admin)), 200);
    expect(tasks.body.items).toHaveLength(6);
  }, 120_000);

  it('an officer signs in with a username and password, reports progress under the session (CSRF header sent), and signs out', async () => {
    const username = `cv.${w.tag.toLowerCase()}`;
    const password = 'DonDoc-SonHa-2026';
    await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(w.admin))
        .send({ username, name: 'Nguyễn Thị Lan', grants: [{ role: 'officer', office: w.nv }], password }),
      201,
    );
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })
    ).newPage();
    await page.goto(`${t.app.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').getByText('Tên đăng nhập hoặc mật khẩu không đúng').waitFor();
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Nguyễn Thị Lan').waitFor();
    const task = await assignTask(t, w, { title: `Báo cáo tiến độ qua phiên ${w.tag}` });
    await page.goto(`${t.app.url}/tasks/${task}`);
    await page.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    await page.getByLabel('Nội dung').fill('Đã hoàn thành 50 % khối lượng');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByText('Báo cáo tiến độ: Đã hoàn thành 50 % khối lượng').waitFor();
    const events = await expectStatus(t.http.get(`/v1/tasks/${task}/events`).set(bearer(w.admin)), 200);
    expect(events.body.items.at(-1)).toMatchObject({ type: 'ProgressReported', actor: expect.objectContaining({ office: w.nv }) });
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/dang-nhap/);
    await page.goto(`${t.app.url}/`);
    await page.waitForURL(/\/dang-nhap/);
  }, 120_000);

  it('a user given a one-time password must change it at first sign-in, then works', async () => {
    const username = `mk.${w.tag.toLowerCase()}`;
    const made = await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(w.admin))
        .send({ username, name: 'Trần Văn Minh', grants: [{ role: 'officer', office: w.vp }] }),
      201,
    );
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' })).newPage();
    await page.goto(`${t.app.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(made.body.oneTimePassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Bạn đang dùng mật khẩu một lần').waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill(made.body.oneTimePassword);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('DonDoc-VanPhong-2026');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('DonDoc-VanPhong-2026');
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.getByRole('heading', { name: `Công việc của vp ${w.tag}` }).waitFor();
    // The new password is the one that works now.
    const again = await t.http.post('/v1/auth/sign-in').send({ username, password: 'DonDoc-VanPhong-2026' });
    expect(again.status).toBe(200);
    expect(again.body.user.mustChangePassword).toBe(false);
  }, 120_000);

  it("an officer cannot open another office's task by its URL", async () => {
    const page = await signInWithToken(w.officer(w.nv));
    await page.goto(`${t.app.url}/tasks/${otherOfficeTask}`);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Không tìm thấy');
    await expect(page.getByText(`Việc của Văn phòng ${w.tag}`).count()).resolves.toBe(0);
  }, 60_000);

  it('on a phone the list becomes cards', async () => {
    const page = await signInWithToken(w.officer(w.nv), { width: 390, height: 844 });
    await page.getByRole('region', { name: 'Nhiệm vụ theo mức độ khẩn' }).getByRole('link', { name: overdueTitle }).waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);
  }, 60_000);
});

function formatDdMmYyyy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
