// The deputy-affairs office at its desk in a real browser: it adds a routing category to the table
// used for routing by category, switches phone verification on for online submissions (PV-1), marks
// a suggestion as a key suggestion (H-15) and acknowledges a reminder of the deadline job (H-24).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NATIONAL_CALENDAR as cal, localDateOf } from '../../server/platform/calendar/calendar.rules.ts';
import { DEMO_PASSWORD } from '../harness.ts';
import { type Session, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

void describe('the office supervises citizens’ opinions', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let unitId: string;
  let item: { id: string; code: string };
  const today = localDateOf(new Date().toISOString());
  const C = () => `/api/v1/congresses/${s.t.hebiId}`;

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    unitId = (await s.api('GET', `${C()}/bodies`, undefined)).find((b: { kind: string; name: string }) => b.kind === 'handling_unit' && b.name === '市城市管理局').id;
    const code = (await s.api('POST', '/api/v1/opinions', office, { congressId: s.t.hebiId, name: '市民', phone: '13800005555', content: '淇滨大道路灯夜间经常熄灭，建议全面检修。' })).trackingCode as string;
    const id = (await s.t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
    await s.api('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await s.api('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: unitId });
    item = { id, code: code.replace(/-/g, '') };
    // The reply was due three working days ago: the deadline job raises an "overdue" reminder.
    await s.t.yishi.handle.db.updateTable('opinion_assignments').set({ due_date: cal.addWorkingDays(today, -3) }).where('opinion_id', '=', id).execute();
    await s.api('POST', `${C()}/opinions/deadline-run`, office, {});
  });
  after(() => s?.close());

  void test('a routing category, phone verification, a key suggestion and an acknowledged reminder', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 800 });
    await signIn(page, s.base, 'office', DEMO_PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/opinions`);

    // The routing category table.
    await page.getByRole('tab', { name: '交办类别表' }).click();
    await page.getByTestId('category-name').fill('路灯照明');
    await page.getByLabel('主办单位').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '市城市管理局' }).first().click();
    await page.getByTestId('category-save').click();
    await page.locator('.ant-message').filter({ hasText: '类别已保存' }).waitFor();
    await page.getByTestId('routing-categories').locator('tbody tr.ant-table-row').filter({ hasText: '路灯照明' }).filter({ hasText: '市城市管理局' }).waitFor();
    const categories = await s.api('GET', `${C()}/routing-categories`, office);
    assert.deepEqual(
      categories.map((c: { category: string; leadUnitId: string }) => [c.category, c.leadUnitId]),
      [['路灯照明', unitId]],
    );

    // Phone verification for online submissions.
    await page.getByRole('tab', { name: '受理设置' }).click();
    const toggle = page.getByTestId('phone-verification');
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    await toggle.click();
    await page.getByTestId('settings-save').click();
    await page.locator('.ant-message').filter({ hasText: '受理设置已保存' }).waitFor();
    assert.equal((await s.api('GET', `${C()}/intake-settings`, office)).requirePhoneVerification, true);
    const refused = await s.t.request('POST', '/api/v1/opinions', { body: { congressId: s.t.hebiId, name: '网民', phone: '13900006666', content: '没有验证码的网上意见。' } });
    assert.equal(refused.status >= 400, true, `an online submission without a code is refused: ${refused.status}`);

    // A key suggestion, from the opinion's view.
    await page.getByRole('tab', { name: '意见建议' }).click();
    const row = page.getByTestId('office-opinions').locator('tbody tr.ant-table-row').filter({ hasText: item.code.slice(0, 4) }).filter({ hasText: '淇滨大道' });
    await row.getByTestId('view-opinion').click();
    const view = page.getByTestId('office-opinion');
    await view.filter({ hasText: '淇滨大道路灯' }).waitFor();
    await page.getByTestId('mark-key').click();
    await page.locator('.ant-message').filter({ hasText: '已标为重点督办' }).waitFor();
    assert.equal((await s.api('GET', `${C()}/opinions/${item.id}`, office)).isKey, true);
    await page.keyboard.press('Escape');
    await row.filter({ hasText: '重点督办' }).waitFor();

    // The reminder on the dashboard.
    await page.goto(`${s.base}/app/hebi/opinions-dashboard`);
    const alerts = page.getByTestId('opinion-alerts');
    const alertRow = alerts.locator('tbody tr.ant-table-row').filter({ hasText: item.code.slice(0, 4) }).filter({ hasText: '已超期' });
    await alertRow.waitFor();
    await alertRow.getByTestId('ack-alert').click();
    await page.locator('.ant-message').filter({ hasText: '已确认提醒' }).waitFor();
    await alertRow.waitFor({ state: 'detached' });
    const all = await s.api('GET', `${C()}/opinions/alerts`, office);
    const overdue = all.find((a: { opinionId: string; kind: string }) => a.opinionId === item.id && a.kind === 'overdue');
    assert.ok(overdue?.acknowledgedAt, 'the reminder is acknowledged');
    const open = await s.api('GET', `${C()}/opinions/alerts?open=true`, office);
    assert.ok(!open.some((a: { id: string }) => a.id === overdue.id), 'no longer among the open reminders');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
