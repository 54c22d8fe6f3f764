import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { FixedClock } from '../libs/domain/src/shared';
import { TestApp, startTestApp } from './support/test-app';
import { buildWebApp, hasChromium, launchChromium, screenshotPath } from './support/browser';

const describeWithBrowser = hasChromium() ? describe : describe.skip;
if (!hasChromium())
  console.warn('web-demo.e2e-spec: no Chromium at /usr/bin/chromium (apt-get install -y chromium): the screenshots are not made');

/** The demo's story runs through June 2024: the pages as its offices saw them on 1 July 2024. */
const DEMO_NOW = new Date('2024-07-01T09:00:00+07:00');
const PASSWORD = 'sonha-demo-2024';

/**
 * The README's screenshots (docs/screenshots/*.png), from the demo (`npm start -- --demo`: the Sơn
 * Hà plan and its 2024 history, one user per role), signed in as its users through the sign-in
 * page, at 1366×768 and on a phone. Each waits for the demo's own content, so a page that loses it
 * fails here.
 */
describeWithBrowser('the demo in Chromium: the screenshots (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    t = await startTestApp({ DONDOC_DEMO: '1' }, { clock: new FixedClock(DEMO_NOW) });
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

  async function open(viewport = { width: 1366, height: 768 }): Promise<Page> {
    const page = await (await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    // The browser's today is the server's: days left and this week's counters are counted from it.
    await page.clock.setFixedTime(DEMO_NOW);
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    return page;
  }

  async function signIn(username: string, viewport?: { width: number; height: number }, shot?: string): Promise<Page> {
    const page = await open(viewport);
    await page.goto(`${t.app.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    if (shot) await page.screenshot({ path: screenshotPath(shot) });
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    return page;
  }

  it("Phòng Nội vụ's work, one of its tasks, and the same list on a phone", async () => {
    const page = await signIn('canbo.noivu', undefined, 'dang-nhap');
    await page.getByRole('heading', { name: 'Công việc của Phòng Nội vụ huyện' }).waitFor();
    // On 01/07/2024 Phòng Nội vụ has work overdue (June's monthly report among it) and work in progress.
    await page.getByRole('button', { name: /^Quá hạn\s*[1-9]/ }).waitFor();
    await page.getByRole('button', { name: /^Đang thực hiện\s*[1-9]/ }).waitFor();
    await page.getByRole('region', { name: 'Nhiệm vụ theo mức độ khẩn' }).getByRole('link').first().waitFor();
    await page.screenshot({ path: screenshotPath('cong-viec') });
    await page.getByRole('region', { name: 'Nhiệm vụ theo mức độ khẩn' }).getByRole('link').first().click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    // The task's card, not the navigation's "Kế hoạch", and no skeleton left: the page as read.
    await page.getByText('Thông tin nhiệm vụ').waitFor();
    await page.waitForFunction("!document.querySelector('.ant-skeleton')");
    await page.screenshot({ path: screenshotPath('nhiem-vu'), fullPage: true });

    const phone = await signIn('canbo.noivu', { width: 390, height: 844 });
    await phone.getByRole('region', { name: 'Nhiệm vụ theo mức độ khẩn' }).getByRole('link').first().waitFor();
    await expect(phone.getByRole('table').count()).resolves.toBe(0);
    await phone.screenshot({ path: screenshotPath('cong-viec-dien-thoai') });
  }, 120_000);

  it("the district chairman's overview and the decisions waiting for him", async () => {
    const page = await signIn('chutich.sh');
    await page.waitForURL(/\/tong-hop$/);
    await page.getByRole('row').filter({ hasText: 'Phòng Tư pháp' }).first().waitFor();
    // The chart loads when its place below the table nears the screen.
    await page.locator('.chart-box').scrollIntoViewIfNeeded();
    await page.locator('.chart-box svg').first().waitFor();
    await page.screenshot({ path: screenshotPath('tong-hop'), fullPage: true });
    await page.getByRole('link', { name: 'Chờ xử lý' }).click();
    // Phòng Tư pháp reported its review of procedures on 28/06: awaiting acceptance.
    await page
      .getByRole('region', { name: /^Xử lý: / })
      .first()
      .waitFor();
    await page.getByText('Đã rà soát 46 TTHC', { exact: false }).first().waitFor();
    await page.screenshot({ path: screenshotPath('cho-xu-ly'), fullPage: true });
  }, 120_000);

  it('the plan, and a task assigned with the phrase "Quý IV/2024" (31/12/2024 shown before saving)', async () => {
    const page = await signIn('chutich.sh');
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('main').getByRole('link').first().click();
    await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
    await page.getByRole('main').getByRole('link', { name: /TTHC/ }).first().waitFor();
    await page.waitForFunction("!document.querySelector('.ant-spin-spinning, .ant-spin-blur')"); // the table's loading veil gone
    await page.screenshot({ path: screenshotPath('ke-hoach') });
    await page.getByRole('button', { name: 'Giao nhiệm vụ' }).click();
    await page.getByLabel('Tên nhiệm vụ').fill('Tổng hợp kết quả Chỉ số CCHC năm 2024 của các xã');
    await page.getByLabel('Đơn vị chủ trì').click();
    await page.getByRole('tree').getByText('Phòng Nội vụ', { exact: false }).first().click();
    await page.keyboard.press('Escape');
    await page.getByLabel('Thời hạn').fill('Quý IV/2024');
    await page.getByText('Thời hạn: 31/12/2024').waitFor();
    await page.getByLabel('Tiêu chí').fill('1.3.2');
    await page.screenshot({ path: screenshotPath('giao-nhiem-vu') });
  }, 120_000);

  it("the administrator previews a real plan file (Quảng Ngãi People's Council, 2021)", async () => {
    const page = await signIn('quantri');
    await page.getByRole('link', { name: 'Kế hoạch', exact: true }).click();
    await page.getByRole('button', { name: 'Nhập kế hoạch từ tệp' }).click();
    await page.locator('input[type=file]').setInputFiles(join(__dirname, 'fixtures/plans/kh-01-hdnd-quang-ngai-2021.csv'));
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByText('6 dòng, 6 nhiệm vụ sẽ được giao').waitFor();
    await page.waitForFunction("!document.querySelector('.ant-btn-loading')");
    await page.waitForTimeout(600); // the button's end-of-loading animation, for the picture only
    await page.screenshot({ path: screenshotPath('nhap-ke-hoach'), fullPage: true });
  }, 120_000);
});
