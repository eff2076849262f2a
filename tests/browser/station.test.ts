// Station staff at the desk (a tablet, 1024×768) in a real browser: announce a themed reception in
// advance, register a citizen's opinion and hand over the tracking code, classify the station's
// opinion for forwarding, record the reception's outcome, and put a deputy's station visit on the
// duty register. The office sets the station up through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, localDateOf } from '../../server/platform/calendar/calendar.rules.ts';
import { type Session, button, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const TABLET_SCREENSHOT = '/tmp/yishi-station-desk.png';

void describe('station staff at the desk', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let stationId: string;
  let deputyId: string;
  const today = localDateOf(new Date().toISOString());
  const C = () => `/api/v1/congresses/${s.t.hebiId}`;
  const ok = (method: string, url: string, token: string | undefined, body?: unknown) => s.api(method, url, token, body);

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const admin = await s.t.login('admin');
    stationId = (await ok('POST', `${C()}/stations`, office, { code: 'QX01', name: '淇县朝歌街道人大代表联络站', kind: 'station', address: '朝歌路3号' })).id;
    const staff = await ok('POST', `${C()}/users`, admin, { username: 'qx.liaison', displayName: '赵联络员', password: 'Passw0rd-staff', roles: ['station_staff'] });
    await ok('POST', `${C()}/stations/${stationId}/staff`, office, { name: '赵联络员', role: 'liaison', userId: staff.id });
    const dep = await ok('POST', `${C()}/deputies`, office, { name: '陈代表', level: 'city' });
    deputyId = dep.id;
    await ok('POST', `${C()}/deputies/${deputyId}/stations`, office, { stationId });
  });
  after(() => s?.close());

  void test('announce a reception, register an opinion, classify it, record the outcome and a duty', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 1024, height: 768 });
    await signIn(page, s.base, 'qx.liaison', 'Passw0rd-staff');
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/station-desk`);

    // A themed reception announced a week ahead; a same-day one is refused (S-12).
    const date = addDays(today, 7);
    await page.getByLabel('主题').fill('老旧小区加装电梯');
    await page.getByLabel('日期').fill(date);
    await button(page, '发布公告').click();
    const events = page.getByTestId('desk-events');
    await events.filter({ hasText: '老旧小区加装电梯' }).waitFor();
    await page.getByLabel('主题').fill('当天的接待');
    await page.getByLabel('日期').fill(today);
    await button(page, '发布公告').click();
    await page.locator('.ant-message').filter({ hasText: /提前公告/ }).waitFor();
    const stored = await ok('GET', `${C()}/stations/${stationId}/events?from=${today}&to=${date}`, undefined);
    assert.deepEqual(stored.map((e: { theme: string }) => e.theme), ['老旧小区加装电梯']);

    // A citizen at the desk: the opinion is registered and the code handed over.
    await page.getByRole('tab', { name: '登记群众意见' }).click();
    const form = page.getByTestId('desk-receive');
    await form.getByLabel('姓名').fill('孙大姐');
    await form.getByLabel('手机号码').fill('13500003333');
    await form.getByLabel('意见内容').fill('朝歌路菜市场周边占道经营，早晚高峰交通拥堵。');
    await page.getByTestId('desk-receive-submit').click();
    const registered = page.getByTestId('desk-code');
    await registered.waitFor();
    const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await registered.innerText())?.[1];
    assert.ok(code);
    assert.match(await registered.innerText(), /孙大姐/);

    // The station's list (masked) and the classification: a 群众意见 to forward.
    await page.getByRole('tab', { name: '本站意见' }).click();
    const row = page.getByTestId('desk-opinions').locator('tr').filter({ hasText: code });
    await row.waitFor();
    assert.match(await row.innerText(), /孙\*\*/);
    assert.doesNotMatch(await row.innerText(), /13500003333/);
    await row.getByTestId('classify').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await page.waitForTimeout(400); // the dialog's opening animation
    await button(dialog, '保存').click();
    await row.filter({ hasText: '待交办' }).waitFor();
    const o = await s.t.yishi.handle.db.selectFrom('opinions').select(['status', 'class', 'disposition', 'channel', 'station_id']).where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow();
    assert.deepEqual(o, { status: 'to_route', class: 'mass_opinion', disposition: 'forward', channel: 'station', station_id: stationId });

    // The reception's day comes (moved to today in the database): its outcome is recorded.
    const ev = stored[0] as { id: string };
    await ok('POST', `/api/v1/congresses/${s.t.hebiId}/station-events/${ev.id}/signups`, office, { deputyId });
    await s.t.yishi.handle.db.updateTable('station_events').set({ date: today }).where('id', '=', ev.id).execute();
    await page.getByRole('tab', { name: '接待活动' }).click();
    const held = page.getByTestId('desk-events').locator('tr').filter({ hasText: '老旧小区加装电梯' });
    await held.getByTestId('record-outcome').click();
    const outcome = page.getByRole('dialog');
    await outcome.waitFor();
    await page.waitForTimeout(400);
    await outcome.getByLabel('接待情况').fill('接待群众15人，收集意见6条。');
    await outcome.getByLabel('接待群众人数').fill('15');
    await button(outcome, '保存').click();
    await held.filter({ hasText: '已举行' }).waitFor();
    const archive = await ok('GET', `${C()}/deputies/${deputyId}/archive`, office);
    assert.ok(archive.activities.some((a: { eventId: string | null }) => a.eventId === ev.id), 'the deputy present is credited');

    // The duty register: the deputy's station visit with its evidence.
    await page.getByRole('tab', { name: '履职登记' }).click();
    await page.getByLabel('代表').click();
    await page.getByTitle('陈代表（市级人大代表）').or(page.getByTitle(/陈代表/)).first().click();
    await page.getByLabel('履职事项').fill('进站接待群众');
    await page.getByLabel('凭证').fill('签到表第12号');
    await button(page, '登记').click();
    await page.locator('.ant-message').filter({ hasText: '已登记' }).waitFor();
    const after = await ok('GET', `${C()}/deputies/${deputyId}/archive`, office);
    const visit = after.activities.find((a: { title: string }) => a.title === '进站接待群众');
    assert.ok(visit);
    assert.equal(visit.kind, 'station_visit');
    assert.equal(visit.stationId, stationId);
    assert.deepEqual(visit.evidence, [{ kind: 'sign_in', note: '签到表第12号' }]);

    await page.screenshot({ path: TABLET_SCREENSHOT, animations: 'disabled' });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
