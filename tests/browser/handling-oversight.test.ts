// Journey 7 (part): a handling department answers the deliberation opinions and the interpellation
// routed to it, in a real browser, and sees nothing addressed to another unit. Needs Chromium and web/dist.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const SCREENSHOT = '/tmp/yishi-unit-oversight.png';
const PASSWORD = 'Passw0rd-unit-env';

void describe('a handling department answers deliberation opinions and an interpellation', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let mine: { id: string; name: string };

  before(async () => {
    s = await startBrowserSession();
    const admin = await s.t.login('admin');
    const office = await s.t.login('office');
    const ok = async (method: string, url: string, token: string, body?: unknown) => {
      const r = await s.t.request(method, url, { token, body });
      assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const units = await s.t.yishi.handle.db.selectFrom('bodies').select(['id', 'name']).where('congress_id', '=', s.t.hebiId).where('kind', '=', 'handling_unit').orderBy('name').limit(2).execute();
    mine = units[0]!;
    const other = units[1]!;
    const u = await ok('POST', `/api/v1/congresses/${s.t.hebiId}/users`, admin, { username: 'unit.env', displayName: '承办人', password: PASSWORD, roles: ['handling_unit'] });
    await ok('PUT', `/api/v1/congresses/${s.t.hebiId}/units/${mine.id}/users/${u.id}`, admin, { isHead: true });
    await ok('POST', `/api/v1/congresses/${s.t.hebiId}/opinion-letters`, office, { unitId: mine.id, opinions: ['进一步加大大气污染防治力度'], dueDate: '2099-03-01' });
    await ok('POST', `/api/v1/congresses/${s.t.hebiId}/opinion-letters`, office, { unitId: other.id, opinions: ['另一单位的审议意见'], dueDate: '2099-03-01' });
    const m = await ok('POST', '/api/v1/meetings', office, { congressId: s.t.hebiId, kind: 'regular', date: '2099-01-20' });
    await s.t.yishi.handle.db.updateTable('meetings').set({ state: 'in_session' }).where('id', '=', m.id).execute();
    const signers = ((await ok('GET', `/api/v1/congresses/${s.t.hebiId}/members`, office)) as { id: string }[]).slice(5, 10).map((x) => x.id);
    const ip = await ok('POST', '/api/v1/interpellations', office, { meetingId: m.id, target: 'government_department', targetName: '市生态环境局', question: '关于淇河水质的质询', content: '内容', signers });
    await ok('POST', `/api/v1/interpellations/${ip.id}/route`, office, { route: 'plenary', unitId: mine.id });
  });
  after(() => s?.close());

  test('the unit sees only its own letter, answers it, then answers the interpellation in writing, signed by its head', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 900 });
    await signIn(page, s.base, 'unit.env', PASSWORD);
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/oversight`);

    const letters = page.getByTestId('letters-table');
    await letters.getByRole('row').filter({ hasText: '进一步加大大气污染防治力度' }).waitFor();
    assert.equal(await letters.getByText('另一单位的审议意见').count(), 0, 'another unit’s letter is not shown');
    await letters.getByRole('button', { name: /答\s*复/ }).click();
    await page.getByRole('dialog').getByLabel('办理情况').fill('已制定专项方案，完成整改');
    await button(page.getByRole('dialog'), '保存').click();
    await letters.getByRole('row').filter({ hasText: '已制定专项方案，完成整改' }).filter({ hasText: '已答复' }).waitFor();

    await page.getByRole('tab', { name: '质询案' }).click();
    const ips = page.getByTestId('interpellations-table');
    await ips.getByRole('row').filter({ hasText: '关于淇河水质的质询' }).waitFor();
    await ips.getByRole('button', { name: /答\s*复/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('办理情况').fill('书面答复：已完成淇河水质监测点位加密');
    await button(dialog, '保存').click();
    // A written answer must be signed by the principal head (R-O6): the refusal is shown in the dialog.
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('签署人（主要负责人）').fill('张局长');
    await button(dialog, '保存').click();
    await ips.getByRole('row').filter({ hasText: '张局长' }).filter({ hasText: '已答复' }).waitFor();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
