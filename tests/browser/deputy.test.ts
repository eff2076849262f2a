// Journey 6 in a real browser on a 390×844 phone: a city deputy sees the station schedule and signs
// up for the service day, logs a citizen received at the station with the opinion, relays a
// department's reply to a citizen and records it, and sees the year's duty points and the
// four-visits rule. The office, the station and the unit act through the API.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, localDateOf } from '../../server/platform/calendar/calendar.rules.ts';
import { type Session, openPage, signIn, skipWithoutChromium, startBrowserSession } from './browser.ts';

const PHONE_SCREENSHOT = '/tmp/yishi-deputy-phone.png';

void describe('a deputy on a phone', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let stationId: string;
  let deputyId: string;
  let serviceDayId: string;
  let repliedId: string;
  const today = localDateOf(new Date().toISOString());
  const C = () => `/api/v1/congresses/${s.t.hebiId}`;
  const ok = (method: string, url: string, token: string | undefined, body?: unknown) => s.api(method, url, token, body);

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    const admin = await s.t.login('admin');
    stationId = (await ok('POST', `${C()}/stations`, office, { code: 'QB02', name: '淇滨区金山街道人大代表联络站', kind: 'station', address: '金山路6号' })).id;
    const dep = await ok('POST', `${C()}/deputies`, office, { name: '刘代表', level: 'city' });
    deputyId = dep.id;
    await ok('POST', `${C()}/deputies/${deputyId}/stations`, office, { stationId });
    await ok('POST', `${C()}/users`, admin, { username: 'liu.deputy', displayName: '刘代表', password: 'Passw0rd-deputy', roles: ['deputy'], personId: dep.personId });
    // The station announces its next service day.
    serviceDayId = (await ok('POST', `${C()}/stations/${stationId}/events`, office, { kind: 'service_day', theme: '人大代表为民服务活动日', date: addDays(today, 5), startTime: '09:00', endTime: '11:30' })).id;
    // One earlier station visit is on the duty register (by the office).
    await ok('POST', `${C()}/duty-activities`, office, { deputyId, kind: 'station_visit', date: today, stationId, title: '进站接待群众', evidence: [{ kind: 'sign_in', note: '签到表' }] });
    // An opinion the deputy collected earlier, answered by the city management bureau.
    const depTok = await s.t.login('liu.deputy', 'Passw0rd-deputy');
    const code = (await ok('POST', '/api/v1/opinions', depTok, { congressId: s.t.hebiId, stationId, name: '王阿姨', phone: '13700001111', content: '小区旁边的路灯不亮' })).trackingCode as string;
    repliedId = (await s.t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
    const unitId = (await ok('GET', `${C()}/bodies`, undefined)).find((b: { kind: string; name: string }) => b.kind === 'handling_unit' && b.name === '市城市管理局').id;
    const head = await ok('POST', `${C()}/users`, admin, { username: 'cg.head2', displayName: '城管局负责人', password: 'Passw0rd-unit', roles: ['handling_unit'] });
    await s.t.request('PUT', `${C()}/units/${unitId}/users/${head.id}`, { token: office, body: { isHead: true } });
    await ok('POST', `${C()}/opinions/${repliedId}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await ok('POST', `${C()}/opinions/${repliedId}/route`, office, { mode: 'lead', leadUnitId: unitId });
    await ok('POST', `${C()}/opinions/${repliedId}/replies`, await s.t.login('cg.head2', 'Passw0rd-unit'), { text: '已安排检修，路灯已恢复。', grade: 'A' });
  });
  after(() => s?.close());

  void test('schedule and sign-up, a citizen logged, a reply relayed and recorded, points and the four-visits rule', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 390, height: 844 }, true);
    await signIn(page, s.base, 'liu.deputy', 'Passw0rd-deputy');
    await page.waitForURL(/\/app\/hebi\//);
    await page.goto(`${s.base}/app/hebi/deputy`);

    // The schedule: the service day at the deputy's station; sign up.
    const event = page.getByTestId('deputy-event').filter({ hasText: '为民服务活动日' });
    await event.waitFor();
    assert.match(await event.innerText(), new RegExp(addDays(today, 5)));
    await event.getByTestId('sign-up').click();
    await event.getByTestId('signed-up').waitFor();
    const signups = await ok('GET', `${C()}/stations/${stationId}/events?from=${addDays(today, 5)}&to=${addDays(today, 5)}`, undefined);
    assert.deepEqual(signups.find((e: { id: string }) => e.id === serviceDayId).signups.map((x: { name: string }) => x.name), ['刘代表']);

    // A citizen received at the station, with the opinion.
    const form = page.getByTestId('deputy-receive');
    await form.getByLabel('姓名').fill('张师傅');
    await form.getByLabel('手机号码').fill('13600002222');
    await form.getByLabel('意见内容').fill('村里通往镇上的道路坑洼严重，建议列入维修计划。');
    await page.getByTestId('deputy-receive-submit').click();
    const logged = page.getByTestId('deputy-received-code');
    await logged.waitFor();
    const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await logged.innerText())?.[1];
    assert.ok(code);
    const row = await s.t.yishi.handle.db.selectFrom('opinions').select(['channel', 'deputy_id', 'station_id']).where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow();
    assert.deepEqual(row, { channel: 'deputy', deputy_id: deputyId, station_id: stationId });

    // The department's reply, relayed and recorded.
    const item = page.getByTestId('relay-item').filter({ hasText: '小区旁边的路灯不亮' });
    await item.getByTestId('relay-open').click();
    await item.filter({ hasText: '已安排检修，路灯已恢复。' }).waitFor();
    await item.getByTestId('relay-method').click();
    await page.getByTitle('上门告知').click();
    await item.getByTestId('relay-note').fill('上门告知王阿姨，她表示满意');
    await item.getByTestId('relay-send').click();
    await page.getByTestId('relay-item').filter({ hasText: '小区旁边的路灯不亮' }).getByTestId('relay-open').waitFor();
    const detail = await ok('GET', `${C()}/opinions/${repliedId}`, office);
    assert.equal(detail.feedbacks.length, 1);
    assert.equal(detail.feedbacks[0].method, 'visit');
    assert.equal(detail.feedbacks[0].deputyName, '刘代表');
    assert.equal(detail.feedbacks[0].note, '上门告知王阿姨，她表示满意');

    // Duty points and the four-visits rule: one visit of four.
    const duties = page.getByTestId('deputy-duties');
    await duties.getByTestId('duty-visits').filter({ hasText: '1' }).waitFor();
    assert.match(await duties.getByTestId('duty-visits').innerText(), /1\s*\/\s*4/);
    assert.match(await duties.getByTestId('four-visits').innerText(), /还需进站3次/);
    const archive = await ok('GET', `${C()}/deputies/${deputyId}/archive`, office);
    assert.match(await duties.getByTestId('duty-points').innerText(), new RegExp(String(archive.points)));
    assert.ok(archive.points > 0);

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the phone page is ${width}px wide on a 390px screen`);
    await page.screenshot({ path: PHONE_SCREENSHOT, animations: 'disabled', fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
