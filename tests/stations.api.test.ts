// Liaison stations through HTTP: creation and CSV import (74 stations and 15 demonstration points),
// the public station page (measures art. 9), service days (third Friday), themed receptions announced
// in advance (art. 12), deputies signing up, the outcome credited to the duty register, and the
// iCalendar feed parsed back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addDays, localDateOf, nthWeekdayOfMonth } from '../server/platform/calendar/calendar.rules.ts';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

let t: TestApp;
let office: string;
let admin: string;
let stationId: string;
let otherStationId: string;
let staffToken: string;
let deputyToken: string;
let deputyId: string;
const today = () => localDateOf(new Date().toISOString());
const C = () => `/api/v1/congresses/${t.hebiId}`;

async function ok(method: string, url: string, token: string | undefined, body?: unknown) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A small RFC 5545 reader: unfolds lines, splits properties and parameters, unescapes TEXT. */
function parseIcs(text: string) {
  assert.ok(text.includes('\r\n'), 'CRLF line endings');
  for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  const events: Record<string, { value: string; params: Record<string, string> }>[] = [];
  let cur: Record<string, { value: string; params: Record<string, string> }> | null = null;
  const stack: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    const [name = '', ...paramParts] = line.slice(0, colon).split(';');
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') {
      stack.push(value);
      if (value === 'VEVENT') cur = {};
      continue;
    }
    if (name === 'END') {
      assert.equal(stack.pop(), value, 'balanced BEGIN/END');
      if (value === 'VEVENT' && cur) events.push(cur);
      continue;
    }
    if (cur && stack.at(-1) === 'VEVENT') {
      const params = Object.fromEntries(paramParts.map((p) => p.split('=') as [string, string]));
      cur[name] = { value: value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1'), params };
    }
  }
  assert.equal(stack.length, 0);
  return events;
}

before(async () => {
  t = await startTestApp();
  office = await t.login('office');
  admin = await t.login('admin');
  const s = await ok('POST', `${C()}/stations`, office, {
    code: 'QB-DH',
    name: '大河涧乡人大代表联络站',
    kind: 'station',
    district: '淇滨区',
    township: '大河涧乡',
    address: '鹤壁市淇滨区大河涧乡政府院内',
    lat: 35.7475,
    lng: 114.2972,
    hours: '周一至周五 8:30-12:00, 14:30-17:30',
    rules: '代表接待群众制度；意见建议办理制度',
  });
  stationId = s.id;
  otherStationId = (await ok('POST', `${C()}/stations`, office, { code: 'QB-JS', name: '金山街道人大代表联络站', kind: 'station', address: '金山街道办事处' })).id;
  // A station staff member tied to the first station, and a deputy with an account.
  const u = await ok('POST', `${C()}/users`, admin, { username: 'staff.dh', displayName: '联络员小李', password: 'Passw0rd-station', roles: ['station_staff'] });
  await ok('POST', `${C()}/stations/${stationId}/staff`, office, { name: '李联络', role: 'liaison', duties: '登记群众意见，联系代表', userId: u.id });
  await ok('POST', `${C()}/stations/${stationId}/staff`, office, { name: '张站长', role: 'head', duties: '主持联络站工作' });
  staffToken = await t.login('staff.dh', 'Passw0rd-station');
  const d = await ok('POST', `${C()}/deputies`, office, { name: '王代表', level: 'city', constituency: '淇滨区第三选区' });
  deputyId = d.id;
  await ok('POST', `${C()}/deputies/${deputyId}/stations`, office, { stationId });
  await ok('POST', `${C()}/users`, admin, { username: 'deputy.wang', displayName: '王代表', personId: d.personId, password: 'Passw0rd-deputy', roles: ['deputy'] });
  deputyToken = await t.login('deputy.wang', 'Passw0rd-deputy');
});
after(() => t.close());

void describe(`stations on ${dbKind}`, () => {
  void test('S-9: the public station page shows deputies, staff and duties, rules, the opinion process and the online channel', async () => {
    const p = await ok('GET', `${C()}/stations/${stationId}`, undefined);
    assert.equal(p.name, '大河涧乡人大代表联络站');
    assert.deepEqual(p.staff.map((s: { roleZh: string }) => s.roleZh), ['联络员', '站长']);
    assert.equal(p.staff[0].userId, null, 'no account ids on the public page');
    assert.deepEqual(p.deputies.map((d: { name: string }) => d.name), ['王代表']);
    assert.match(p.process, /受理.*交办.*反馈.*上报/s);
    assert.match(p.onlineGuide, /查询码/);
    assert.equal(p.nextServiceDays.length, 3);
    assert.equal(p.lat, 35.7475);
    const list = await ok('GET', `${C()}/stations`, undefined);
    assert.equal(list.length, 2);
  });

  void test('CSV import: 74 stations and 15 demonstration points, by code, all or nothing', async () => {
    const lines = ['编号,名称,类型,县区,乡镇街道,地址,纬度,经度,开放时间,电话'];
    for (let i = 1; i <= 74; i++) lines.push(`S${String(i).padStart(3, '0')},"第${i}联络站",联络站,淇滨区,镇${i},"鹤壁市某路${i}号, 一楼",35.${700 + i},114.${200 + i},"周五 9:00-12:00",0392-33${String(i).padStart(5, '0')}`);
    for (let i = 1; i <= 15; i++) lines.push(`D${String(i).padStart(3, '0')},第${i}示范点,示范点,山城区,,示范路${i}号,,,,`);
    const r = await ok('POST', `${C()}/stations/import`, office, { csv: `\uFEFF${lines.join('\r\n')}\r\n` });
    assert.deepEqual(r, { created: 89, updated: 0, total: 89 });
    assert.equal((await ok('GET', `${C()}/stations?kind=station`, undefined)).length, 74 + 2);
    assert.equal((await ok('GET', `${C()}/stations?kind=demonstration_point`, undefined)).length, 15);
    const s1 = (await ok('GET', `${C()}/stations`, undefined)).find((s: { code: string }) => s.code === 'S001');
    assert.equal(s1.address, '鹤壁市某路1号, 一楼');
    // A second import updates by code.
    const again = await ok('POST', `${C()}/stations/import`, office, { csv: 'code,name,kind,address\nS001,第一联络站（新址）,station,新址路1号\n' });
    assert.deepEqual(again, { created: 0, updated: 1, total: 1 });
    // A bad row refuses the whole file and names the line.
    const before = (await ok('GET', `${C()}/stations?all=true`, undefined)).length;
    const bad = await t.request('POST', `${C()}/stations/import`, { token: office, body: { csv: 'code,name,kind,address\nX1,甲站,station,甲路\nX2,乙站,卫生站,乙路\n' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.details[0].line, 3);
    assert.equal((await ok('GET', `${C()}/stations?all=true`, undefined)).length, before);
    assert.equal((await t.request('POST', `${C()}/stations/import`, { token: staffToken, body: { csv: 'code,name,kind,address\nX1,甲站,station,甲路\n' } })).status, 403);
  });

  void test('SD-1: service days are the third Friday; one falling in the Spring Festival holiday is flagged', async () => {
    const days = await ok('GET', `${C()}/service-days?from=2025-10-01&to=2026-03-31`, undefined);
    assert.deepEqual(days.map((d: { date: string }) => d.date), ['2025-10-17', '2025-11-21', '2025-12-19', '2026-01-16', '2026-02-20', '2026-03-20']);
    const feb = days.find((d: { date: string }) => d.date === '2026-02-20');
    assert.deepEqual(feb, { date: '2026-02-20', working: false, holiday: '春节' });
  });

  void test('scheduling service days for a year skips holidays and days already scheduled', async () => {
    const from = addDays(today(), 1);
    const to = addDays(today(), 365);
    const expected = await ok('GET', `${C()}/service-days?from=${from}&to=${to}`, undefined);
    const r = await ok('POST', `${C()}/stations/${stationId}/service-days`, staffToken, { from, to, startTime: '09:00', endTime: '11:30', theme: '倾听民声 服务发展' });
    assert.equal(Number(r.created.length) + Number(r.skipped.length), expected.length);
    assert.equal(r.created.length, expected.filter((d: { working: boolean }) => d.working).length);
    const again = await ok('POST', `${C()}/stations/${stationId}/service-days`, office, { from, to, startTime: '09:00', endTime: '11:30', theme: '倾听民声 服务发展' });
    assert.equal(again.created.length, 0);
    // Staff of another station may not schedule here.
    assert.equal((await t.request('POST', `${C()}/stations/${otherStationId}/service-days`, { token: staffToken, body: { from, to, startTime: '09:00', endTime: '11:30', theme: 'x' } })).status, 403);
  });

  void test('S-12: a themed reception is announced in advance; deputies sign up; the iCalendar feed carries it', async () => {
    const past = await t.request('POST', `${C()}/stations/${stationId}/events`, { token: staffToken, body: { kind: 'themed_reception', theme: '养老服务', date: today(), startTime: '09:00', endTime: '11:00' } });
    assert.equal(past.status, 422);
    assert.equal(past.body.code, 'ANNOUNCE_IN_ADVANCE');
    const date = addDays(today(), 9);
    const theme = '老旧小区改造, 加装电梯; 群众怎么看';
    const ev = await ok('POST', `${C()}/stations/${stationId}/events`, staffToken, { kind: 'themed_reception', theme, date, startTime: '14:30', endTime: '16:30' });
    await t.request('POST', `${C()}/station-events/${ev.id}/signups`, { token: deputyToken, body: {} }).then((r) => assert.equal(r.status, 204, JSON.stringify(r.body)));
    assert.equal((await t.request('POST', `${C()}/station-events/${ev.id}/signups`, { token: deputyToken, body: {} })).status, 409);
    assert.equal((await t.request('POST', `${C()}/station-events/${ev.id}/signups`, { token: staffToken, body: {} })).status, 403, 'station staff are not deputies');
    const events = await ok('GET', `${C()}/stations/${stationId}/events?from=${date}&to=${date}`, undefined);
    assert.deepEqual(events.find((e: { id: string }) => e.id === ev.id).signups.map((s: { name: string }) => s.name), ['王代表']);

    const ics1 = await t.request('GET', `${C()}/stations/${stationId}/calendar.ics`);
    assert.equal(ics1.status, 200);
    assert.match(String(ics1.headers['content-type']), /^text\/calendar/);
    const parsed = parseIcs(String(ics1.body));
    const mine = parsed.find((e) => e.UID?.value === `${ev.id}@yishi`);
    assert.ok(mine);
    assert.equal(mine.SUMMARY?.value, `人大代表主题接待活动：${theme}`);
    assert.equal(mine.DTSTART?.params.TZID, 'Asia/Shanghai');
    assert.equal(mine.DTSTART?.value, `${date.replace(/-/g, '')}T143000`);
    assert.equal(mine.DTEND?.value, `${date.replace(/-/g, '')}T163000`);
    assert.equal(mine.SEQUENCE?.value, '0');
    assert.deepEqual(mine.GEO?.value.split(';').map(Number), [35.7475, 114.2972]);
    assert.ok(parsed.filter((e) => e.SUMMARY?.value.startsWith('人大代表为民服务活动日')).length >= 10);

    // A change is announced again: SEQUENCE goes up; a cancellation is published as such.
    await ok('PATCH', `${C()}/station-events/${ev.id}`, staffToken, { startTime: '15:00' });
    await ok('POST', `${C()}/station-events/${ev.id}/cancel`, office);
    const again = parseIcs(String((await t.request('GET', `${C()}/stations/${stationId}/calendar.ics`)).body)).find((e) => e.UID?.value === `${ev.id}@yishi`);
    assert.equal(again?.SEQUENCE?.value, '2');
    assert.equal(again?.STATUS?.value, 'CANCELLED');
    assert.equal(again?.DTSTART?.value, `${date.replace(/-/g, '')}T150000`);
  });

  void test('the outcome is recorded after the event: attendance and duty points for each deputy present', async () => {
    const date = addDays(today(), 3);
    const ev = await ok('POST', `${C()}/stations/${stationId}/events`, staffToken, { kind: 'themed_reception', theme: '农村道路', date, startTime: '09:00', endTime: '11:00' });
    await ok('POST', `${C()}/station-events/${ev.id}/signups`, deputyToken, {});
    const early = await t.request('POST', `${C()}/station-events/${ev.id}/outcome`, { token: staffToken, body: { summary: '接待群众', visitors: 12, attendedDeputyIds: [deputyId] } });
    assert.equal(early.body.code, 'NOT_YET_HELD');
    // The day comes (moved in the database to yesterday).
    const held = addDays(today(), -1);
    await t.yishi.handle.db.updateTable('station_events').set({ date: held }).where('id', '=', ev.id).execute();
    await ok('POST', `${C()}/station-events/${ev.id}/outcome`, staffToken, { summary: '接待群众12人，收集意见5条。', visitors: 12, attendedDeputyIds: [deputyId], opinionsCollected: 5 });
    const archive = await ok('GET', `${C()}/deputies/${deputyId}/archive?year=${held.slice(0, 4)}`, deputyToken);
    const act = archive.activities.find((a: { eventId: string }) => a.eventId === ev.id);
    assert.equal(act.kind, 'reception');
    assert.equal(act.points, 3);
    assert.equal(act.evidence[0].kind, 'sign_in');
    assert.equal(archive.compliance.visits, 1);
    assert.equal(archive.compliance.requiredVisits, 4);
    assert.equal(archive.compliance.met, false);
    // Recording again does not credit twice.
    await ok('POST', `${C()}/station-events/${ev.id}/outcome`, staffToken, { summary: '补充记录', visitors: 13, attendedDeputyIds: [deputyId] });
    const again = await ok('GET', `${C()}/deputies/${deputyId}/archive?year=${held.slice(0, 4)}`, office);
    assert.equal(again.activities.filter((a: { eventId: string }) => a.eventId === ev.id).length, 1);
  });

  void test('S-12 compliance: a month without an announced themed reception is flagged', async () => {
    const y = Number(today().slice(0, 4));
    const r = await ok('GET', `${C()}/stations/${otherStationId}/reception-compliance?year=${y}`, undefined);
    assert.ok(r.months.length >= 1);
    assert.ok(r.months.every((m: { met: boolean }) => !m.met));
    assert.equal(nthWeekdayOfMonth(y, 1, 3, 5)?.slice(0, 4), String(y));
  });

  void test('another congress\'s station is not found; the public cannot change anything', async () => {
    assert.equal((await t.request('GET', `/api/v1/congresses/${t.henanId}/stations/${stationId}`)).status, 404);
    assert.equal((await t.request('PATCH', `${C()}/stations/${stationId}`, { body: { hours: 'x' } })).status, 401);
    assert.equal((await t.request('PATCH', `${C()}/stations/${stationId}`, { token: staffToken, body: { name: '改名' } })).status, 403, 'staff keep texts, not the name');
    assert.equal((await t.request('PATCH', `${C()}/stations/${stationId}`, { token: staffToken, body: { annualPlan: '2027年计划：每月主题接待一次' } })).status, 200);
  });
});
