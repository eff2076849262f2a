// Journey 7 (the opinions part) in a real browser on a desktop: a handling department sees its
// queue sorted by deadline with the statutory dates (H-14 return within 10 working days, H-20 reply
// within 3 months), returns an item that is not its business for reassignment, and replies in the
// standard format: the staff member drafts, the head signs off. The office routes through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NATIONAL_CALENDAR as cal, localDateOf } from '../../server/platform/calendar/calendar.rules.ts';
import { type Session, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const DESK_SCREENSHOT = '/tmp/yishi-unit-desk.png';

void describe('a handling unit at its desk', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let unitId: string;
  const ids: Record<'lamp' | 'park' | 'school', { id: string; code: string }> = {} as never;
  const today = localDateOf(new Date().toISOString());
  const C = () => `/api/v1/congresses/${s.t.hebiId}`;
  const ok = (method: string, url: string, token: string | undefined, body?: unknown) => s.api(method, url, token, body);
  const routed = async (content: string) => {
    const code = (await ok('POST', '/api/v1/opinions', office, { congressId: s.t.hebiId, name: '市民', phone: '13800004444', content })).trackingCode as string;
    const id = (await s.t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: unitId });
    return { id, code };
  };

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const admin = await s.t.login('admin');
    unitId = (await ok('GET', `${C()}/bodies`, undefined)).find((b: { kind: string; name: string }) => b.kind === 'handling_unit' && b.name === '市城市管理局').id;
    for (const [username, isHead] of [
      ['cg.clerk', false],
      ['cg.chief', true],
    ] as const) {
      const u = await ok('POST', `${C()}/users`, admin, { username, displayName: username, password: 'Passw0rd-unit', roles: ['handling_unit'] });
      const r = await s.t.request('PUT', `${C()}/units/${unitId}/users/${u.id}`, { token: office, body: { isHead } });
      assert.equal(r.status, 204);
    }
    ids.lamp = await routed('建设路路灯夜间不亮，请尽快维修。');
    ids.park = await routed('人民公园东门附近垃圾清运不及时。');
    ids.school = await routed('希望在实验小学门口增设学生接送等候区。');
    // The park item was assigned earlier (its reply is due first).
    await s.t.yishi.handle.db.updateTable('opinion_assignments').set({ due_date: cal.addMonths(cal.addWorkingDays(today, -20), 3) }).where('opinion_id', '=', ids.park.id).execute();
  });
  after(() => s?.close());

  void test('the queue by deadline, "not ours" within 10 working days, a draft reply signed off by the head', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1280, height: 800 });
    await signIn(page, s.base, 'cg.clerk', 'Passw0rd-unit');
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/unit-desk`);

    const queue = page.getByTestId('unit-queue');
    await queue.locator('tbody tr.ant-table-row').filter({ hasText: ids.lamp.code }).waitFor();
    const rows = await queue.locator('tbody tr.ant-table-row').allInnerTexts();
    assert.equal(rows.length, 3);
    assert.ok(rows[0]?.includes(ids.park.code), `earliest deadline first: ${rows[0] ?? ''}`);
    // The statutory dates on working days: return by 10 working days, reply within 3 months.
    const lampRow = rows.find((r) => r.includes(ids.lamp.code)) ?? '';
    assert.ok(lampRow.includes(cal.addWorkingDays(today, 10)), lampRow);
    assert.ok(lampRow.includes(cal.addMonths(today, 3)), lampRow);
    assert.match(lampRow, /主办/);
    await page.screenshot({ path: DESK_SCREENSHOT, animations: 'disabled' });

    // Not our business: returned to the office for reassignment.
    await queue.locator('tbody tr.ant-table-row').filter({ hasText: ids.school.code }).click();
    const drawer = page.getByTestId('unit-item');
    await drawer.filter({ hasText: '实验小学' }).waitFor();
    await page.getByTestId('start-decline').click();
    await page.getByTestId('reason-text').fill('学校门口交通设施属市公安局交警支队职责，建议转交。');
    await page.getByTestId('send-reason').click();
    await page.locator('.ant-message').filter({ hasText: '已申请重新交办' }).waitFor();
    await page.keyboard.press('Escape');
    await queue.locator('tbody tr.ant-table-row').filter({ hasText: ids.school.code }).waitFor({ state: 'detached' });
    const school = await ok('GET', `${C()}/opinions/${ids.school.id}`, office);
    assert.equal(school.status, 'to_route');
    assert.equal(school.routeDue, cal.addWorkingDays(today, 10));

    // The clerk drafts the reply in the standard format; it waits for the head.
    await queue.locator('tbody tr.ant-table-row').filter({ hasText: ids.lamp.code }).click();
    await drawer.filter({ hasText: '建设路路灯' }).waitFor();
    await page.getByTestId('start-reply').click();
    const text = page.getByTestId('reply-text');
    assert.match(await text.inputValue(), /^关于“建设路路灯夜间不亮，请尽快维修。”的答复[\s\S]*市城市管理局/);
    await text.fill(`关于建设路路灯夜间不亮的答复\n\n经现场查看，系供电线路老化所致，已列入本月维修计划，预计两周内修复。\n\n市城市管理局\n${today}`);
    await page.getByTestId('send-reply').click();
    await page.getByTestId('draft-reply').waitFor();
    assert.equal(await page.getByTestId('sign-off').count(), 0, 'a clerk cannot sign off');
    assert.equal((await ok('GET', `/api/v1/opinions/status/${ids.lamp.code}`, undefined)).status, 'assigned');
    assert.deepEqual(errors, []);
    await context.close();

    // The head signs it off: the citizen sees the reply.
    const head = await openPage(s.browser, { width: 1280, height: 800 });
    await signIn(head.page, s.base, 'cg.chief', 'Passw0rd-unit');
    await head.page.waitForURL(/\/app\/hebi\//);
    await head.page.goto(`${s.base}/app/hebi/unit-desk`);
    const row = head.page.getByTestId('unit-queue').locator('tbody tr.ant-table-row').filter({ hasText: ids.lamp.code });
    await row.filter({ hasText: '待签发' }).waitFor();
    await row.click();
    await head.page.getByTestId('sign-off').click();
    await head.page.locator('.ant-message').filter({ hasText: '已签发' }).waitFor();
    const status = await ok('GET', `/api/v1/opinions/status/${ids.lamp.code}`, undefined);
    assert.equal(status.status, 'replied');
    assert.ok(status.history.some((h: { text_zh: string }) => h.text_zh.includes('已列入本月维修计划')));
    const reply = await s.t.yishi.handle.db.selectFrom('opinion_replies').select(['status', 'grade', 'signed_by']).where('opinion_id', '=', ids.lamp.id).executeTakeFirstOrThrow();
    assert.equal(reply.status, 'issued');
    assert.equal(reply.grade, 'A');
    assert.deepEqual(head.errors, []);
    await head.context.close();
  });
});
