import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { TestApp, bearer, startTestApp } from './support/test-app';
import {
  buildWebApp,
  hasChromium,
  launchChromium,
  screenshotPath,
  signInWithToken as signInAs,
  newPage as openPage,
} from './support/browser';
import { PlanWorld, assignTask, districtWithPlan, expectStatus, fresh, todayLocal } from './support/e2e-world';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const describeWithBrowser = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn('web-admin.e2e-spec: no Chromium at /usr/bin/chromium: the browser tests are skipped');

/**
 * The administrators' page /quan-tri in Chromium (issue 17, items 7–9): an admin merges an office
 * after seeing the preview of the open tasks that move, and they are the successor's afterwards;
 * an admin disables a user whose session, open in another browser, is refused on its next click;
 * digests as sent, imports and the system's status. Others do not see the page in the menu.
 */
describeWithBrowser('the administrators’ page in Chromium (e2e)', () => {
  let t: TestApp;
  let w: PlanWorld;
  let dir: string;
  let browser: Browser;
  let openTitles: string[];
  let openIds: string[];

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    t = await startTestApp();
    w = await districtWithPlan(t);
    openTitles = [`Rà soát hồ sơ tài chính ${w.tag}`, `Quyết toán vốn đầu tư ${w.tag}`];
    openIds = [];
    for (const title of openTitles) openIds.push(await assignTask(t, w, { lead: w.tc, title }));
    // Overdue in Phòng Nội vụ: this week's digest has something to say.
    await expectStatus(
      t.http
        .post(`/v1/plans/${w.planId}/tasks`)
        .set(bearer(w.admin))
        .set('Occurred-At', daysAgo(30).toISOString())
        .send({ title: `Báo cáo quá hạn ${w.tag}`, lead: w.nv, dueOn: todayLocal(daysAgo(10)) }),
      201,
    );
    const plan = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'examples', 'son-ha-2024-remediation-plan.json'), 'utf8'));
    await expectStatus(
      t.http
        .post('/v1/imports')
        .query({ fileName: 'son-ha-2024-remediation-plan.json' })
        .set(bearer(t.token('admin', 'UBND-QNG')))
        .send(plan),
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

  const newPage = (viewport?: { width: number; height: number }): Promise<Page> => openPage(browser, viewport);

  const signInWithToken = (token: string, viewport?: { width: number; height: number }): Promise<Page> =>
    signInAs(browser, t.app.url, token, viewport);

  async function openAdmin(page: Page, tab: string): Promise<void> {
    await page.getByRole('link', { name: 'Quản trị' }).click();
    await page.waitForURL(/\/quan-tri/);
    await page.getByRole('tab', { name: tab }).click();
  }

  it('an admin merges an office after the preview lists its open tasks; afterwards they are the successor’s', async () => {
    const page = await signInWithToken(w.admin);
    await openAdmin(page, 'Đơn vị');
    await page.getByText(`tc ${w.tag}`).first().click();
    const merge = page.getByRole('region', { name: 'Hợp nhất đơn vị' });
    await merge.getByLabel('Đơn vị tiếp nhận').fill(`vp ${w.tag}`);
    await page.getByTitle(`vp ${w.tag}`, { exact: true }).click();
    await merge.getByRole('button', { name: 'Xem trước' }).click();
    await merge.getByText(`2 nhiệm vụ đang thực hiện sẽ chuyển sang vp ${w.tag}`).waitFor();
    for (const title of openTitles) await merge.getByRole('link', { name: title }).waitFor();
    // Nothing has moved yet: the preview writes nothing.
    for (const id of openIds) expect((await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(w.admin)), 200)).body.lead).toBe(w.tc);
    await page.screenshot({ path: screenshotPath('quan-tri-don-vi'), fullPage: true });

    await merge.getByLabel('Lý do').fill('Sắp xếp tổ chức bộ máy theo Nghị quyết 18-NQ/TW');
    await merge.getByRole('button', { name: 'Hợp nhất' }).click();
    await page.getByText(`2 nhiệm vụ đã chuyển sang vp ${w.tag}`).waitFor();
    for (const id of openIds) expect((await expectStatus(t.http.get(`/v1/tasks/${id}`).set(bearer(w.admin)), 200)).body.lead).toBe(w.vp);
    expect((await expectStatus(t.http.get(`/v1/offices/${w.tc}`).set(bearer(w.admin)), 200)).body).toMatchObject({
      status: 'merged',
      mergedInto: w.vp,
    });
    // The successor's officer now finds them in its own list.
    const vpTasks = await expectStatus(
      t.http
        .get('/v1/tasks')
        .query({ office: w.vp })
        .set(bearer(w.officer(w.vp))),
      200,
    );
    expect(vpTasks.body.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(openIds));
  }, 120_000);

  it('an admin disables a user; the user’s open session is refused on its next click and lands on the sign-in page', async () => {
    const username = `cb.${fresh().toLowerCase()}`;
    const name = `Trần Thị Bình ${w.tag}`;
    const password = 'Một mật khẩu đủ dài 2026';
    await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(w.admin))
        .send({ username, name, password, grants: [{ role: 'officer', office: w.nv }] }),
      201,
    );

    const user = await newPage();
    await user.goto(`${t.app.url}/dang-nhap`);
    await user.getByLabel('Tên đăng nhập').fill(username);
    await user.getByLabel('Mật khẩu').fill(password);
    await user.getByRole('button', { name: 'Đăng nhập' }).click();
    await user.getByRole('button', { name: 'Đăng xuất' }).waitFor();

    const admin = await signInWithToken(w.admin);
    await openAdmin(admin, 'Người dùng');
    const row = admin.getByRole('region', { name: `Thao tác với ${name} (${username})` });
    await row.getByRole('button', { name: 'Vô hiệu hóa' }).click();
    await admin.getByLabel('Lý do').fill('Chuyển công tác');
    await admin.getByRole('button', { name: 'Gửi' }).click();
    await admin.getByText('Đã vô hiệu hóa').first().waitFor();
    await admin.getByText('Chuyển công tác').first().waitFor();
    await admin.screenshot({ path: screenshotPath('quan-tri-nguoi-dung'), fullPage: true });

    await user.getByRole('link', { name: 'Kế hoạch' }).click();
    await user.waitForURL(/\/dang-nhap/);
    await user.getByLabel('Mật khẩu').waitFor();
    // Signing in again is refused too, with the same answer as a wrong password.
    expect((await t.http.post('/v1/auth/sign-in').send({ username, password })).status).toBe(401);
  }, 120_000);

  it('a failed sign-in is in the security log; digests are shown as sent after the week’s run; imports and the system', async () => {
    await t.http.post('/v1/auth/sign-in').send({ username: `nham.${w.tag.toLowerCase()}`, password: 'sai-mat-khau-roi' });
    const page = await signInWithToken(w.admin);
    await openAdmin(page, 'Người dùng');
    await page.getByRole('region', { name: 'Nhật ký đăng nhập' }).getByText(`nham.${w.tag.toLowerCase()}`).waitFor();

    await page.getByRole('tab', { name: 'Bản tin' }).click();
    await page.getByRole('button', { name: 'Chạy bản tin tuần' }).click();
    await page.getByText(/Đã lập \d+ bản tin mới/).waitFor();
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('button', { name: `Xem bản tin của nv ${w.tag}` }).click();
    const frame = page.frameLocator(`iframe[title^="Bản tin"]`);
    await frame.getByText(`Báo cáo quá hạn ${w.tag}`).waitFor();
    const iframe = page.locator('iframe[title^="Bản tin"]');
    expect(await iframe.getAttribute('sandbox')).toBe('');
    await iframe.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('quan-tri-ban-tin') });

    await page.getByRole('tab', { name: 'Nhập dữ liệu' }).click();
    await page.getByRole('link', { name: 'Kế hoạch SH-KHACPHUC-2024' }).waitFor();
    await page.getByText(/77 nhiệm vụ, 15 đơn vị, 3 văn bản/).waitFor();
    await page.getByText('son-ha-2024-remediation-plan.json').waitFor();
    await page.screenshot({ path: screenshotPath('quan-tri-nhap'), fullPage: true });

    await page.getByRole('tab', { name: 'Hệ thống' }).click();
    await page.getByText('Phiên bản').waitFor();
    await page.getByText(/Không trễ|sự kiện chưa cập nhật/).waitFor();
    await page.screenshot({ path: screenshotPath('quan-tri-he-thong') });
  }, 120_000);

  it('a leader does not see Quản trị in the menu, and /quan-tri says it is for administrators', async () => {
    const page = await signInWithToken(w.leader);
    await page.getByRole('link', { name: 'Kế hoạch' }).waitFor();
    expect(await page.getByRole('link', { name: 'Quản trị' }).count()).toBe(0);
    await page.goto(`${t.app.url}/quan-tri`);
    await page.getByText('Trang này dành cho quản trị hệ thống').waitFor();
  }, 60_000);

  it('on a phone the page fits the screen: tables scroll inside it, the tree and forms stack', async () => {
    const page = await signInWithToken(w.admin, { width: 390, height: 844 });
    await page.goto(`${t.app.url}/quan-tri?muc=nguoi-dung`);
    await page.getByRole('button', { name: 'Thêm người dùng' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.goto(`${t.app.url}/quan-tri?muc=don-vi`);
    await page.getByText(`nv ${w.tag}`).first().click();
    await page.getByRole('button', { name: 'Đổi tên' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('quan-tri-dien-thoai'), fullPage: true });
  }, 60_000);
});
