import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TestApp, bearer, startTestApp } from './support/test-app';
import { buildWebApp, hasChromium, launchChromium, screenshotPath } from './support/browser';
import { PlanWorld, assignTask, districtWithPlan, expectStatus } from './support/e2e-world';
import { sampleExe, samplePdf, samplePng } from './support/sample-files';

const describeWithBrowser = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn('web-files.e2e-spec: no Chromium at /usr/bin/chromium: the browser tests are skipped');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** As the page writes sizes under 1 MB: `1,5 KB`. */
const kb = (bytes: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(bytes / 1024)} KB`;

/**
 * Evidence files in the browser (issue 18, item 6): an officer drops a photo into the progress
 * form and chooses a PDF, a PNG and an executable named .pdf in the completion form; each shows
 * its progress, the executable its refusal, which is removed; the report names the two others;
 * the task page lists them with a thumbnail and a PDF preview, and so does the leader's.
 */
describeWithBrowser('evidence files in the web app (e2e)', () => {
  let t: TestApp;
  let w: PlanWorld;
  let dir: string;
  let browser: Browser;
  let taskId: string;
  const title = () => `Báo cáo kết quả cải cách hành chính ${w.tag}`;
  // Padded with incompressible bytes in a comment so that a throttled upload shows its progress.
  const pdf = Buffer.concat([
    samplePdf(['Bao cao 117/BC-UBND', 'Ket qua cai cach hanh chinh nam 2026']),
    Buffer.from(`%${randomBytes(60_000).toString('base64')}\n`, 'latin1'),
  ]);
  const photo = samplePng(240, 160, [20, 90, 160]);
  const meeting = samplePng(320, 200, [150, 40, 30]);
  const exe = sampleExe(randomBytes(8).toString('hex'));

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    t = await startTestApp();
    w = await districtWithPlan(t);
    taskId = await assignTask(t, w, { title: title() });
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

  /** Signed in with a password (a session cookie; writes carry the CSRF header) or with a bearer token. */
  async function openTask(who: string | { username: string; password: string }): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    await page.goto(`${t.app.url}/dang-nhap`);
    if (typeof who === 'string') {
      await page.getByText('Dùng mã truy cập').click();
      await page.getByLabel('Mã truy cập').fill(who);
    } else {
      await page.getByLabel('Tên đăng nhập').fill(who.username);
      await page.getByLabel('Mật khẩu').fill(who.password);
    }
    const button = typeof who === 'string' ? 'Dùng mã này' : 'Đăng nhập';
    for (let attempt = 0; page.url().includes('/dang-nhap') && attempt < 5; attempt++) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'), { timeout: 3_000 }).catch(() => undefined);
    }
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.goto(`${t.app.url}/tasks/${taskId}`);
    await page.getByRole('heading', { name: title() }).waitFor();
    return page;
  }

  /** A drop as the browser makes it when files are dragged from the desktop. */
  async function dropFile(page: Page, name: string, type: string, content: Buffer) {
    const transfer = await page.evaluateHandle(
      ({ name, type, base64 }) => {
        // Run in the page (this file is typed without the DOM library).
        const dom = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        };
        const data = new dom.DataTransfer();
        data.items.add(new dom.File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
        return data;
      },
      { name, type, base64: content.toString('base64') },
    );
    await page.locator('.ant-upload-drag-container').dispatchEvent('drop', { dataTransfer: transfer }); // bubbles through the drop zone's handlers
  }

  const item = (page: Page, name: string) => page.getByRole('dialog').locator('.ant-upload-list-item-container', { hasText: name });

  it('the officer (signed in with a password: cookie and CSRF header) drops a photo into the progress report; it is uploaded and the report names it', async () => {
    const officer = { username: `nv.${w.tag.toLowerCase()}`, password: 'đồng hồ cát 2026' };
    await expectStatus(
      t.http
        .post('/v1/users')
        .set(bearer(w.admin))
        .send({ ...officer, name: 'Lê Thị B', grants: [{ role: 'officer', office: w.nv }] }),
      201,
    );
    const page = await openTask(officer);
    await page.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    await page.getByLabel('Nội dung').fill('Đã họp triển khai với các phòng');
    await dropFile(page, 'hop-trien-khai.png', 'image/png', meeting);
    await item(page, 'hop-trien-khai.png')
      .getByText(`Đã tải lên · ${kb(meeting.length)} · Ảnh PNG`)
      .waitFor();
    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByText('Đã ghi nhận: báo cáo tiến độ.').waitFor();
    const events = await expectStatus(t.http.get(`/v1/tasks/${taskId}/events`).set(bearer(w.officer(w.nv))), 200);
    const progress = events.body.items.find((e: { type: string }) => e.type === 'ProgressReported');
    expect(progress.data.evidence).toEqual([
      { fileId: sha(meeting), sha256: sha(meeting), name: 'hop-trien-khai.png', size: meeting.length, type: 'image/png' },
    ]);
  }, 120_000);

  it('the completion form uploads a PDF (with its progress bar) and a PNG, refuses an executable named .pdf, and sends only the two', async () => {
    const page = await openTask(w.officer(w.nv));
    // The page may show blob: images and frames, nothing else from blob:, and no plugins.
    const csp = (await page.request.get(`${t.app.url}/tasks/${taskId}`)).headers()['content-security-policy'];
    expect(csp).toMatch(/img-src 'self' data: blob:/);
    expect(csp).toMatch(/frame-src blob:/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/script-src 'self'/);

    await page.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
    await page.getByLabel('Nội dung').fill('Đã hoàn thành, báo cáo kèm theo');
    await page.getByLabel('Số văn bản minh chứng').fill('117/BC-UBND');
    // A slow line (40 KB/s up): the PDF's progress bar is seen moving before it is done.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 40 * 1024,
    });
    await page
      .getByRole('dialog')
      .getByLabel('Tệp minh chứng')
      .setInputFiles([{ name: 'Báo cáo 117-BC-UBND.pdf', mimeType: 'application/pdf', buffer: pdf }]);
    const bar = item(page, 'Báo cáo 117-BC-UBND.pdf').getByRole('progressbar');
    await bar.waitFor();
    await page.waitForFunction((el) => Number(el?.getAttribute('aria-valuenow')) > 0, await bar.elementHandle());
    // Sent while the file is on its way: held back, and said so.
    await page.getByRole('button', { name: 'Gửi' }).click();
    const wait = page.getByText('Hãy chờ tải tệp lên xong rồi gửi báo cáo');
    await wait.waitFor();
    await bar.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('tep-minh-chung-dang-tai') });
    expect((await expectStatus(t.http.get(`/v1/tasks/${taskId}`).set(bearer(w.officer(w.nv))), 200)).body.completion).toBeNull();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await item(page, 'Báo cáo 117-BC-UBND.pdf')
      .getByText(`Đã tải lên · ${kb(pdf.length)} · PDF`)
      .waitFor();
    await wait.waitFor({ state: 'detached' });

    await page
      .getByRole('dialog')
      .getByLabel('Tệp minh chứng')
      .setInputFiles([
        { name: 'anh-ket-qua.png', mimeType: 'image/png', buffer: photo },
        { name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: exe },
      ]);
    await item(page, 'anh-ket-qua.png')
      .getByText(`Đã tải lên · ${kb(photo.length)} · Ảnh PNG`)
      .waitFor();
    const refusal = item(page, 'bien-ban.pdf').getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      'bien-ban.pdf: Không nhận tệp này: nội dung tệp là một chương trình chạy trên Windows, không phải tài liệu (đuôi tên tệp không quyết định loại tệp). Chỉ nhận PDF, Word (DOC, DOCX), Excel (XLS, XLSX), ODT, ODS, ảnh JPEG và PNG.',
    );
    // One byte over 20 MB: refused before it is sent, and said so.
    await page
      .getByRole('dialog')
      .getByLabel('Tệp minh chứng')
      .setInputFiles([{ name: 'ban-scan-lon.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(20 * 1024 * 1024 + 1, 0x25) }]);
    await expect(item(page, 'ban-scan-lon.pdf').getByRole('alert').textContent()).resolves.toBe(
      'ban-scan-lon.pdf: Tệp quá lớn: mỗi tệp tối đa 20 MB.',
    );
    await item(page, 'ban-scan-lon.pdf').getByRole('button', { name: 'Bỏ tệp' }).click();
    await item(page, 'ban-scan-lon.pdf').waitFor({ state: 'detached' });
    await refusal.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('tep-minh-chung-bao-cao') });
    await item(page, 'bien-ban.pdf').getByRole('button', { name: 'Bỏ tệp' }).click();
    await item(page, 'bien-ban.pdf').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Gửi' }).click();
    await page.getByText('Chờ xác nhận').first().waitFor();
    const view = await expectStatus(t.http.get(`/v1/tasks/${taskId}`).set(bearer(w.officer(w.nv))), 200);
    expect(view.body.completion.evidence).toEqual([
      { documentNumber: '117/BC-UBND' },
      { fileId: sha(pdf), sha256: sha(pdf), name: 'Báo cáo 117-BC-UBND.pdf', size: pdf.length, type: 'application/pdf' },
      { fileId: sha(photo), sha256: sha(photo), name: 'anh-ket-qua.png', size: photo.length, type: 'image/png' },
    ]);
  }, 120_000);

  it('the task page lists the files with their facts, a thumbnail, a PDF preview and the bytes to download', async () => {
    const page = await openTask(w.officer(w.nv));
    const list = page.getByRole('list', { name: 'Tệp minh chứng' });
    await list.getByText('Báo cáo 117-BC-UBND.pdf').waitFor();
    const rows = await list.getByRole('listitem').allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(`hop-trien-khai.png${kb(meeting.length)} · Ảnh PNG · ghi nhận `);
    expect(rows[0]).toContain('Báo cáo tiến độ');
    expect(rows[1]).toContain(`${kb(pdf.length)} · PDF`);
    expect(rows[1]).toContain(`Báo cáo hoàn thành · SHA-256 ${sha(pdf).slice(0, 12)}…`);
    await expectImageShown(page, 'Ảnh minh chứng: anh-ket-qua.png');
    // The trail shows each report's files under it.
    await expect(page.getByRole('list', { name: 'Tệp kèm theo' }).allTextContents()).resolves.toEqual([
      expect.stringContaining('hop-trien-khai.png'),
      expect.stringMatching(/Báo cáo 117-BC-UBND\.pdf.*anh-ket-qua\.png/),
    ]);

    await page.getByRole('button', { name: 'Xem trước Báo cáo 117-BC-UBND.pdf' }).first().click();
    const frame = page.getByTitle('Nội dung tệp Báo cáo 117-BC-UBND.pdf');
    await frame.waitFor();
    const src = await frame.getAttribute('src');
    expect(src).toMatch(/^blob:/);
    // The browser's PDF viewer holds the frame (a blob: typed application/pdf, the recorded type).
    const inner = await (await frame.elementHandle())!.contentFrame();
    expect(inner!.url()).toBe(src);
    await expect(inner!.evaluate('document.contentType')).resolves.toBe('application/pdf');
    await page.waitForTimeout(1_500); // the viewer paints after the frame loads
    await page.screenshot({ path: screenshotPath('tep-minh-chung-xem-pdf') });
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải xuống Báo cáo 117-BC-UBND.pdf' }).first().click(),
    ]);
    expect(download.suggestedFilename()).toBe('Báo cáo 117-BC-UBND.pdf');
    expect(sha(readFileSync((await download.path())!))).toBe(sha(pdf));

    // Click to enlarge.
    await page.getByRole('img', { name: 'Ảnh minh chứng: anh-ket-qua.png' }).first().click();
    await page.locator('.ant-image-preview img').waitFor();
    await page.keyboard.press('Escape');
  }, 120_000);

  it('the district leader sees the same files on the task page, and a leader of another district cannot read them', async () => {
    const page = await openTask(w.leader);
    const list = page.getByRole('list', { name: 'Tệp minh chứng' });
    await list.getByText('Báo cáo 117-BC-UBND.pdf').waitFor();
    await expect(list.getByRole('listitem').count()).resolves.toBe(3);
    await expectImageShown(page, 'Ảnh minh chứng: anh-ket-qua.png');
    await expectImageShown(page, 'Ảnh minh chứng: hop-trien-khai.png');
    await page.screenshot({ path: screenshotPath('tep-minh-chung-nhiem-vu'), fullPage: true });
    // On a phone: the list wraps, nothing runs off the side.
    await page.setViewportSize({ width: 390, height: 844 });
    await list.scrollIntoViewIfNeeded();
    await expect(page.evaluate('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('tep-minh-chung-dien-thoai') });
    const other = await districtWithPlan(t);
    await expectStatus(t.http.get(`/v1/files/${sha(pdf)}`).set(bearer(other.leader)), 404);
  }, 120_000);
});

/** The thumbnail's bytes were fetched and decoded (a CSP refusing blob: images would leave it empty). */
async function expectImageShown(page: Page, alt: string) {
  const img = page.locator('.ant-upload-list, [aria-label="Tệp minh chứng"]').getByRole('img', { name: alt }).first();
  await img.waitFor();
  await page.waitForFunction(
    (el) => {
      const image = el as unknown as { complete: boolean; naturalWidth: number } | null;
      return !!image?.complete && image.naturalWidth > 0;
    },
    await img.elementHandle(),
  );
}
