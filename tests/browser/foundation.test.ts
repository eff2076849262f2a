// The foundation journey in a real browser: the public pages, signing in as the administrator,
// switching language and back, and the 41 members of the demo congress on a desktop and a phone.
// Needs Debian's Chromium (/usr/bin/chromium) and the built web app (npm run build:web).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../harness.ts';
import { type Session, openPage, signIn as signInAt, skipWithoutChromium, startBrowserSession } from './browser.ts';

const SCREENSHOT = '/tmp/yishi-members.png';
const PHONE_SCREENSHOT = '/tmp/yishi-members-phone.png';

void describe('foundation journey in the browser', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let base: string;

  before(async () => {
    s = await startBrowserSession();
    base = s.base;
  });
  after(() => s?.close());

  const open = (viewport: { width: number; height: number }, phone = false) => openPage(s.browser, viewport, phone);
  const signIn = (page: Page, username: string, password: string) => signInAt(page, base, username, password);
  const memberRows = (page: Page) => page.locator('[data-testid=members-table] tbody tr.ant-table-row');

  void test('the public site lists the congresses and shows a roster without signing in', async () => {
    const { context, page, errors } = await open({ width: 1280, height: 800 });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: '各级人民代表大会' }).waitFor();
    await page.getByTestId('portal-congress-hebi').click();
    await page.waitForURL(/\/p\/hebi$/);
    await page.getByTestId('landing-title').filter({ hasText: '鹤壁市人民代表大会' }).waitFor();
    await page.getByText('第十二届').first().waitFor();
    await memberRows(page).nth(40).waitFor();
    assert.equal(await memberRows(page).count(), 41);
    await page.getByTestId('portal-login').click();
    await page.waitForURL(/\/login$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  void test('admin signs in, switches to English and back, and sees all 41 members', async () => {
    const { context, page, errors } = await open({ width: 1280, height: 800 });

    // A wrong password is refused in the reader's language.
    await signIn(page, 'admin', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();

    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\/members$/);
    await page.getByRole('heading', { name: '常务委员会组成人员' }).waitFor();

    // English, kept across a reload, then Chinese again.
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Members of the Standing Committee' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: '常务委员会组成人员' }).count(), 0);
    assert.equal(await page.getByRole('menuitem', { name: 'Members' }).count(), 1);
    assert.equal(await page.evaluate(() => localStorage.getItem('yishi.lang')), 'en');
    await page.reload();
    await page.getByRole('heading', { name: 'Members of the Standing Committee' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '常务委员会组成人员' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Members of the Standing Committee' }).count(), 0);
    assert.equal(await page.getByRole('menuitem', { name: '组成人员' }).count(), 1);

    // Away to another page and back to Members through the menu.
    await page.getByRole('menuitem', { name: '机构设置' }).click();
    await page.getByRole('heading', { name: '机构设置' }).waitFor();
    await page.getByRole('menuitem', { name: '组成人员' }).click();
    await page.waitForURL(/\/app\/hebi\/members$/);
    await memberRows(page).nth(40).waitFor();
    assert.equal(await memberRows(page).count(), 41);
    await page.getByTestId('members-count').filter({ hasText: '共 41 人' }).waitFor();
    const first = await memberRows(page).first().innerText();
    assert.match(first, /史全新/);
    assert.match(first, /主任/);
    await page.getByRole('cell', { name: '史全新', exact: true }).waitFor();
    await page.getByRole('cell', { name: '郭得岁', exact: true }).waitFor();

    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  void test('on a 390×844 phone the members page fits the screen and the menu opens in a drawer', async () => {
    const { context, page, errors } = await open({ width: 390, height: 844 }, true);
    await signIn(page, 'admin', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\/members$/);
    await memberRows(page).nth(40).waitFor();
    assert.equal(await memberRows(page).count(), 41);
    await page.getByRole('cell', { name: '郭得岁', exact: true }).waitFor();

    // Nothing wider than the screen: no sideways scrolling.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
    // The side menu is folded away; the header button opens it as a drawer.
    assert.equal(await page.getByRole('menuitem', { name: '组成人员' }).count(), 0);
    await page.getByTestId('open-menu').click();
    await page.getByRole('menuitem', { name: '机构设置' }).click();
    await page.getByRole('heading', { name: '机构设置' }).waitFor();
    await page.getByRole('menuitem', { name: '机构设置' }).waitFor({ state: 'hidden' });
    await page.getByTestId('open-menu').click();
    await page.getByRole('menuitem', { name: '组成人员' }).click();
    await page.getByRole('heading', { name: '常务委员会组成人员' }).waitFor();
    await memberRows(page).nth(40).waitFor();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });

    await page.screenshot({ path: PHONE_SCREENSHOT, animations: 'disabled' });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
