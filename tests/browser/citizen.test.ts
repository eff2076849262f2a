// Journey 5 (the station and opinion part) in a real browser on a 390×844 phone: a citizen finds the
// nearest liaison station and the next service day, submits an opinion about a street light without
// an account, gets a tracking code, later sees the answer and rates it. The office and the handling
// unit act through the API in between. Needs Debian's Chromium and the built web app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { localDateOf, nthWeekdayOfMonth } from '../../server/platform/calendar/calendar.rules.ts';
import { type Session, button, openPage, skipWithoutChromium, startBrowserSession } from './browser.ts';

const PHONE_SCREENSHOT = '/tmp/yishi-citizen-phone.png';

void describe('a citizen on a phone: nearest station, an opinion, the answer, the rating', { skip: skipWithoutChromium }, () => {
  let s: Session;
  let office: string;
  let admin: string;
  let unitId: string;
  const C = () => `/api/v1/congresses/${s.t.hebiId}`;
  const ok = (method: string, url: string, token: string | undefined, body?: unknown) => s.api(method, url, token, body);

  before(async () => {
    s = await startBrowserSession();
    office = await s.t.login('office');
    admin = await s.t.login('admin');
    // Two stations: one a few hundred metres from the citizen, one across the city.
    await ok('POST', `${C()}/stations`, office, { code: 'QB01', name: '淇滨区九州路街道人大代表联络站', kind: 'station', address: '九州路88号', lat: 35.7475, lng: 114.2972, hours: '工作日 9:00-17:00', phone: '0392-3300001' });
    await ok('POST', `${C()}/stations`, office, { code: 'SC01', name: '山城区红旗街道人大代表联络站', kind: 'station', address: '红旗街1号', lat: 35.8962, lng: 114.1841 });
    unitId = (await ok('GET', `${C()}/bodies`, undefined)).find((b: { kind: string; name: string }) => b.kind === 'handling_unit' && b.name === '市城市管理局').id;
    const head = await ok('POST', `${C()}/users`, admin, { username: 'cg.head', displayName: '城管局负责人', password: 'Passw0rd-unit', roles: ['handling_unit'] });
    const r = await s.t.request('PUT', `${C()}/units/${unitId}/users/${head.id}`, { token: office, body: { isHead: true } });
    assert.equal(r.status, 204);
  });
  after(() => s?.close());

  void test('finds the nearest station and the next service day, submits, follows and rates', async () => {
    const { context, page, errors } = await openPage(s.browser, { width: 390, height: 844 }, true);
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 35.749, longitude: 114.3 });

    await page.goto(`${s.base}/p/hebi/stations`);
    // The next service day: the third Friday of this month, or of the next one if it has passed.
    const today = localDateOf(new Date().toISOString());
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    let next = nthWeekdayOfMonth(y, m, 3, 5);
    if (!next || next < today) next = m === 12 ? nthWeekdayOfMonth(y + 1, 1, 3, 5) : nthWeekdayOfMonth(y, m + 1, 3, 5);
    await page.getByTestId('next-service-day').filter({ hasText: next ?? 'missing' }).waitFor();

    await page.getByTestId('find-nearest').click();
    const nearest = page.getByTestId('nearest-station');
    await nearest.filter({ hasText: '九州路街道' }).waitFor();
    assert.match(await nearest.innerText(), /离您最近/);
    assert.match(await nearest.innerText(), /约0\.\d公里/);

    // The station's public page, then the opinion form with the station chosen.
    await nearest.getByRole('link', { name: /九州路街道/ }).click();
    await page.getByTestId('station-name').filter({ hasText: '九州路街道' }).waitFor();
    await page.getByTestId('next-service-day').waitFor();
    await page.getByTestId('station-submit').click();
    await page.getByTestId('opinion-form').waitFor();
    await page.getByLabel('姓名').fill('李大爷');
    await page.getByLabel('手机号码').fill('13912345678');
    await page.getByLabel('意见内容').fill('九州路与兴鹤大街交叉口东侧的路灯已经坏了两个星期，晚上出行很不安全，希望尽快修复。');
    await page.getByTestId('submit-opinion').click();
    const code = (await page.getByTestId('tracking-code').innerText()).trim();
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the phone page is ${width}px wide on a 390px screen`);
    await page.screenshot({ path: PHONE_SCREENSHOT, animations: 'disabled' });

    // The opinion is stored for that station, with the name and phone encrypted.
    const row = await s.t.yishi.handle.db.selectFrom('opinions').selectAll().where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow();
    assert.equal(row.channel, 'online');
    assert.ok(!JSON.stringify(row).includes('李大爷') && !JSON.stringify(row).includes('13912345678'));

    // Following it: received.
    await button(page, '查看办理进度').click();
    await page.getByTestId('track-status').filter({ hasText: '已受理' }).waitFor();

    // Meanwhile the office classifies and assigns it; the city management bureau answers.
    await ok('POST', `${C()}/opinions/${row.id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await ok('POST', `${C()}/opinions/${row.id}/route`, office, { mode: 'lead', leadUnitId: unitId });
    const headTok = await s.t.login('cg.head', 'Passw0rd-unit');
    await ok('POST', `${C()}/opinions/${row.id}/replies`, headTok, { text: '经查，该路段路灯线路老化，已于本周更换线路并恢复照明。', grade: 'A' });

    // Later, by the code typed in (lower case, without dashes): the answer, and the rating.
    await page.goto(`${s.base}/p/hebi/opinions/track`);
    await page.getByTestId('track-input').fill(code.replace(/-/g, '').toLowerCase());
    await page.getByTestId('track-go').click();
    await page.getByTestId('track-status').filter({ hasText: '已答复' }).waitFor();
    await page.getByTestId('track-history').filter({ hasText: '已于本周更换线路并恢复照明' }).waitFor();
    assert.match(await page.getByTestId('track-result').innerText(), /市城市管理局/);
    await page.getByTestId('rate-satisfied').click();
    await page.getByTestId('rated').waitFor();
    await page.getByTestId('track-status').filter({ hasText: '已办结' }).waitFor();
    assert.equal(await page.getByTestId('rate-card').count(), 0, 'no second rating');
    const after = await s.t.yishi.handle.db.selectFrom('opinions').select(['status', 'closure']).where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.deepEqual(after, { status: 'closed', closure: 'satisfied' });
    assert.deepEqual(errors, []);
    await context.close();
  });
});
