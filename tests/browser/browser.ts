// Shared set-up of the browser tests: Debian's Chromium driven by playwright-core against a real
// Yishi server (the test harness's app, listening on a free port) serving the built web app.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Locator, type Page, chromium } from 'playwright-core';
import { type Res, type TestApp, startTestApp } from '../harness.ts';

export const CHROMIUM = '/usr/bin/chromium';
const WEB_DIST = join(import.meta.dirname, '../../web/dist/index.html');

/** Without Chromium a developer's run skips with the reason; CI must have it and fails instead. */
export const skipWithoutChromium: string | false =
  !existsSync(CHROMIUM) && !process.env.CI ? `Chromium not found at ${CHROMIUM}; install Debian's chromium package to run the browser tests` : false;

export interface Session {
  t: TestApp;
  browser: Browser;
  base: string;
  /** A set-up call through the HTTP API that must succeed (2xx); its response body. */
  api(method: string, url: string, token: string | undefined, body?: unknown): Promise<Res['body']>;
  close(): Promise<void>;
}

export async function startBrowserSession(): Promise<Session> {
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium package`);
  assert.ok(existsSync(WEB_DIST), 'web/dist is missing: build the web app with `npm run build:web` before the browser tests');
  const t = await startTestApp();
  const base = await t.yishi.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    t,
    browser,
    base,
    async api(method, url, token, body) {
      const r = await t.request(method, url, { token, ...(body !== undefined ? { body } : {}) });
      assert.ok(r.status < 300, `${method} ${url}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** A fresh browser profile (no cookies, no stored language) that collects uncaught page errors. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number },
  phone = false,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

export async function signIn(page: Page, base: string, username: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

/** A button by its text. antd puts a space between two Chinese characters (保存 reads 保 存) and an icon's name before it. */
export const button = (scope: Page | Locator, text: string): Locator =>
  scope.getByRole('button', { name: new RegExp(`(^|\\s)${Array.from(text).join('\\s*')}$`) });
