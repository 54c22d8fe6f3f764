import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { TestApp, startTestApp } from './support/test-app';
import { buildWebApp, hasChromium, launchChromium, screenshotPath } from './support/browser';

const describeWithBrowser = hasChromium() ? describe : describe.skip;

/** The first run in a browser: the sign-in page says there are no users; the printed link creates the first admin, who signs in. */
describeWithBrowser('first run in Chromium (e2e)', () => {
  let t: TestApp;
  let dir: string;
  let browser: Browser;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = buildWebApp();
    process.env.WEB_DIR = dir;
    const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      t = await startTestApp({ LOG_LEVEL: 'warn' });
    } finally {
      spy.mockRestore();
    }
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    delete process.env.WEB_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the setup link makes the first administrator, who then signs in with a password', async () => {
    const link = lines.map((l) => /(\/setup\?code=[\w-]+)/.exec(l)?.[1]).find(Boolean);
    expect(link).toBeDefined();
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' })).newPage();
    expect((await t.http.get('/v1/auth/options')).body).toEqual({ sso: false, setupRequired: true });
    await page.goto(`${t.app.url}/dang-nhap`);
    await page.getByText('Hệ thống chưa có người dùng').waitFor();
    await expect(page.getByRole('link', { name: 'Đăng nhập một lần (SSO)' }).count()).resolves.toBe(0);
    await page.goto(`${t.app.url}${link}`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Họ và tên').fill('Quản trị hệ thống');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('DonDoc-QuanTri-2026');
    await page.getByLabel('Nhập lại mật khẩu').fill('DonDoc-QuanTri-2026');
    await page.screenshot({ path: screenshotPath('khoi-tao') });
    await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
    await page.getByText('Đã tạo tài khoản quản trị').waitFor();
    // Used once: the same link again is refused.
    await page.goto(`${t.app.url}${link}`);
    await page.getByLabel('Tên đăng nhập').fill('quantri2');
    await page.getByLabel('Họ và tên').fill('Người khác');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('DonDoc-QuanTri-2027');
    await page.getByLabel('Nhập lại mật khẩu').fill('DonDoc-QuanTri-2027');
    await page.getByRole('button', { name: 'Tạo tài khoản quản trị' }).click();
    await page.getByRole('alert').getByText('Mã khởi tạo không hợp lệ').waitFor();

    await page.goto(`${t.app.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu').fill('DonDoc-QuanTri-2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.getByText('Quản trị hệ thống').waitFor();
    expect((await t.http.get('/v1/auth/options')).body).toEqual({ sso: false, setupRequired: false });
  }, 120_000);
});
