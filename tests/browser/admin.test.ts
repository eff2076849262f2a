// The administrator's pages in a real browser: the rules profile refused and then saved, a person
// registered and given a post, an account created and locked, the audit trail filtered, a login
// lockout seen by the office and lifted by the administrator; and a plain member who is not offered
// any of the administration.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../harness.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

void describe('administration pages in the browser', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let page: Page;
  const errors: string[] = [];

  before(async () => {
    s = await startBrowserSession();
    const opened = await openPage(s.browser, { width: 1280, height: 900 });
    page = opened.page;
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, s.base, 'admin', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\/members$/);
  });
  after(() => s?.close());

  /** Presses a dialog's button and waits until the dialog has gone. */
  const submit = async (dialog: Locator, text: string) => {
    await dialog.waitFor();
    // Ant Design ignores a press while the dialog is still zooming in: wait for the animation to end.
    await page.waitForFunction((el) => el !== null && !(el.getAttribute('class') ?? '').includes('-appear'), await dialog.elementHandle());
    await button(dialog, text).click();
    await dialog.waitFor({ state: 'hidden' });
  };
  const confirm = () => submit(page.locator('.ant-modal-confirm'), '确定');

  const go = async (menu: string, heading: string) => {
    await page.getByRole('menuitem', { name: menu }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  };

  void test('the rules profile shows the server’s refusal in the reader’s language, then saves a preset', async () => {
    await go('议事规则配置', '议事规则配置');
    // 组织法: the quorum counts all members; the server answers 422 naming the field.
    await page.locator('.ant-select').filter({ hasText: '全体组成人员' }).first().click();
    await page.locator('.ant-select-item-option').filter({ hasText: '出席人员' }).first().click();
    await button(page, '保存').click();
    const refusal = page.getByTestId('profile-error');
    await refusal.filter({ hasText: '议事规则配置无效' }).waitFor();
    assert.match(await refusal.innerText(), /quorum\.base/);
    await page.getByTestId('language-switch').click();
    await refusal.filter({ hasText: 'Invalid rules profile' }).waitFor();
    await page.getByTestId('language-switch').click();
    await refusal.filter({ hasText: '议事规则配置无效' }).waitFor();

    // Load Beijing's numbers and save them.
    await page.getByTestId('preset-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '北京市议事规则' }).click();
    await button(page, '载入预设').click();
    await confirm();
    await button(page, '保存').click();
    await page.getByText('议事规则配置已保存').waitFor();
    assert.equal(await refusal.count(), 0);
    const saved = await s.t.request('GET', `/api/v1/congresses/${s.t.hebiId}/rules-profile`);
    assert.equal(saved.body.preset, 'beijing');
    assert.equal(saved.body.deadlines.billDaysBefore, 20);
    assert.equal(saved.body.quorum.base, 'all_members');
  });

  void test('a person is registered, given a post in a body, and the post is ended', async () => {
    await go('人员名册', '人员名册');
    await button(page, '登记人员').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '登记人员' });
    await dialog.getByLabel('姓名').fill('林书文');
    await dialog.getByText('女', { exact: true }).click();
    await submit(dialog, '新建');
    // The new person opens at once.
    const drawer = page.getByRole('dialog').filter({ hasText: '任职情况' });
    await drawer.getByRole('heading', { name: '任职情况' }).waitFor();
    await drawer.getByText('林书文').first().waitFor();
    await drawer.getByRole('button', { name: '添加任职' }).click();
    const post = page.locator('.ant-modal').filter({ hasText: '添加任职' });
    await post.getByLabel('机构').fill('法制委员会');
    await page.locator('.ant-select-item-option').filter({ hasText: '法制委员会' }).first().click();
    await submit(post, '新建');
    await drawer.getByRole('cell', { name: '法制委员会' }).waitFor();
    await drawer.getByText('现任').waitFor();
    await drawer.getByRole('button', { name: '结束任职' }).click();
    await submit(page.locator('.ant-modal').filter({ hasText: '任职终止日期' }), '结束任职');
    await drawer.getByText('已结束').waitFor();
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
  });

  void test('an account is created with a role and then locked', async () => {
    await go('账号与权限', '账号与权限');
    await button(page, '新建账号').click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '新建账号' });
    await dialog.getByLabel('用户名').fill('clerk1');
    await dialog.getByLabel('显示名称').fill('张文书');
    await dialog.getByLabel('初始密码').fill('onlyletterslong');
    await dialog.getByLabel('常委会组成人员').uncheck();
    await dialog.getByLabel('办公室工作人员').check();
    await button(dialog, '新建').click();
    await dialog.getByRole('alert').filter({ hasText: '密码须同时包含字母和数字' }).waitFor(); // the server's policy
    await dialog.getByLabel('初始密码').fill('Clerk-pass-2026');
    await submit(dialog, '新建');
    const row = page.locator('tr.ant-table-row').filter({ hasText: 'clerk1' });
    await row.getByText('办公室工作人员').waitFor();
    await row.getByRole('button', { name: /锁\s*定/ }).click();
    await confirm();
    await row.getByText('已锁定').waitFor();
    const login = await s.t.request('POST', '/api/v1/auth/login', { body: { username: 'clerk1', password: 'Clerk-pass-2026' } });
    assert.equal(login.body.code, 'ACCOUNT_LOCKED');
  });

  void test('the audit log filters by action and shows an entry’s data', async () => {
    await go('审计日志', '审计日志');
    await page.getByLabel('操作', { exact: true }).fill('user.');
    await page.keyboard.press('Escape');
    await button(page, '查询').click();
    // The unfiltered list also holds user.created: wait for the filtered answer to replace it.
    await page.waitForFunction(() => {
      const tags = [...document.querySelectorAll('tr.ant-table-row .ant-tag')].map((e) => e.textContent ?? '');
      return tags.length >= 2 && tags.every((a) => a.startsWith('user.'));
    });
    const created = page.locator('tr.ant-table-row').filter({ hasText: 'user.created' });
    await created.waitFor();
    const actions = await page.locator('tr.ant-table-row .ant-tag').allInnerTexts();
    assert.ok(actions.length >= 2 && actions.every((a) => a.startsWith('user.')), actions.join(', '));
    await created.locator('.ant-table-row-expand-icon').click();
    await page.locator('.json-view').filter({ hasText: '"username": "clerk1"' }).waitFor();
    // The chain's signed checkpoints, newest first, with the key that verifies them.
    const cp = await s.t.yishi.anchors.now();
    assert.ok(cp);
    await page.reload();
    const card = page.getByTestId('audit-checkpoints');
    await card.getByText('审计链检查点').waitFor();
    await card.locator('tr.ant-table-row').filter({ hasText: `${cp.hash.slice(0, 16)}…` }).waitFor();
    await card.getByText(`验证公钥 (${cp.keyId})`).waitFor();
    assert.deepEqual(errors, []);
  });

  void test('a login lockout: the office sees it without the means to lift it; the administrator lifts it', async () => {
    // Six wrong passwords for m33 from one address: the sixth is held back and the lockout recorded.
    for (let i = 0; i < 6; i++) await s.t.request('POST', '/api/v1/auth/login', { body: { username: 'm33', password: 'wrong-password' }, ip: '10.60.0.1' });
    assert.equal((await s.t.request('POST', '/api/v1/auth/login', { body: { username: 'm33', password: DEMO_PASSWORD }, ip: '10.60.0.1' })).status, 429);

    const { context, page: officePage, errors: officeErrors } = await openPage(s.browser, { width: 1280, height: 900 });
    await signIn(officePage, s.base, 'office', DEMO_PASSWORD);
    await officePage.waitForURL(/\/app\/hebi\//);
    await officePage.getByRole('menuitem', { name: '登录限制' }).click();
    await officePage.getByRole('heading', { name: '登录限制', exact: true }).waitFor();
    const seen = officePage.locator('tr.ant-table-row').filter({ hasText: 'm33' }).filter({ hasText: '10.60.0.1' });
    await seen.getByText('生效中').waitFor();
    await seen.getByText('该账号在该地址').waitFor();
    assert.equal(await button(seen, '解除').count(), 0, 'the office may not lift it');
    const violations = await axeViolations(officePage);
    assert.deepEqual(violations, [], describeViolations(violations));
    assert.deepEqual(officeErrors, []);
    await context.close();

    await go('登录限制', '登录限制');
    const row = page.locator('tr.ant-table-row').filter({ hasText: 'm33' }).filter({ hasText: '10.60.0.1' });
    await row.getByText('生效中').waitFor();
    await button(row, '解除').click();
    await confirm();
    await row.getByText('已由admin解除').waitFor();
    assert.equal(await button(row, '解除').count(), 0);
    assert.equal((await s.t.request('POST', '/api/v1/auth/login', { body: { username: 'm33', password: DEMO_PASSWORD }, ip: '10.60.0.1' })).status, 200, 'lifted');
    assert.deepEqual(errors, []);
  });

  void test('a plain member is offered no administration and is told so at its address', async () => {
    const { context, page: member, errors: memberErrors } = await openPage(s.browser, { width: 1280, height: 900 });
    await signIn(member, s.base, 'm10', DEMO_PASSWORD);
    await member.waitForURL(/\/app\/hebi\/members$/);
    await member.getByRole('menuitem', { name: '议事规则配置' }).waitFor();
    for (const hidden of ['账号与权限', '审计日志', '人员名册', '登录限制']) assert.equal(await member.getByRole('menuitem', { name: hidden }).count(), 0, hidden);
    await member.goto(`${s.base}/app/hebi/accounts`);
    await member.getByText('无权访问').waitFor();
    await member.goto(`${s.base}/app/hebi/rules`);
    await member.getByText('只有系统管理员可以修改议事规则配置。').waitFor();
    assert.equal(await button(member, '保存').count(), 0);
    assert.deepEqual(memberErrors, []);
    await context.close();
  });
});
