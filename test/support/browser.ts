import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * Builds apps/web into a folder of the test's own (what `npm run build` puts in dist/web): a
 * production build, not React's development one that jest's NODE_ENV=test would give.
 */
export function buildWebApp(): string {
  const out = mkdtempSync(join(tmpdir(), 'dondoc-web-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.mts',
      '--outDir',
      out,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
  );
  return out;
}

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** Debian's Chromium, headless, with the flags this machine's closed network needs (env's machine notes). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}

/** A page in a fresh context as an official's browser has it: Vietnamese, Asia/Ho_Chi_Minh; page errors printed. */
export async function newPage(browser: Browser, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

/** Signs in at /dang-nhap with a pasted access token ("Dùng mã truy cập"), as an integration tester does. */
export async function signInWithToken(
  browser: Browser,
  baseUrl: string,
  token: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const page = await newPage(browser, viewport);
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/dang-nhap/);
  await page.getByLabel('Tên đăng nhập').waitFor();
  await page.getByLabel('Mật khẩu').waitFor();
  await page.getByText('Dùng mã truy cập').click();
  await page.getByLabel('Mã truy cập').fill(token);
  // Under load a click during the panel's opening animation can be lost: click again until the page moves on.
  for (let attempt = 0; page.url().includes('/dang-nhap') && attempt < 5; attempt++) {
    await page.getByRole('button', { name: 'Dùng mã này' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'), { timeout: 3_000 }).catch(() => undefined);
  }
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return page;
}
