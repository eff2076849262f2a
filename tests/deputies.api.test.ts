// Deputies through HTTP: the roster per level and delegation group, station assignments, terms,
// private contacts; the duty register with evidence, the office's scoring table and the
// four-visits-a-year compliance of city deputies (measures art. 10); a suggestion taken up by
// several deputies is answered to each of them (办法 art. 21).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, dbKind, startTestApp } from './harness.ts';

let t: TestApp;
let office: string;
let admin: string;
let groupId: string;
let termId: string;
let stationA: string;
let stationB: string;
const C = () => `/api/v1/congresses/${t.hebiId}`;
const Y = 2026;

async function ok(method: string, url: string, token: string | undefined, body?: unknown) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const duty = (deputyId: string, date: string, extra: Record<string, unknown> = {}) => ({
  deputyId,
  kind: 'station_visit',
  date,
  stationId: stationA,
  title: '进站接待选民',
  evidence: [{ kind: 'sign_in', note: '签到表' }],
  ...extra,
});

before(async () => {
  t = await startTestApp();
  office = await t.login('office');
  admin = await t.login('admin');
  groupId = (await ok('POST', `${C()}/bodies`, office, { kind: 'delegation_group', name: '淇滨区第一代表小组' })).id;
  termId = (await ok('GET', `${C()}/terms`, undefined))[0].id;
  stationA = (await ok('POST', `${C()}/stations`, office, { code: 'A1', name: '甲联络站', kind: 'station', address: '甲路1号' })).id;
  stationB = (await ok('POST', `${C()}/stations`, office, { code: 'B1', name: '乙示范点', kind: 'demonstration_point', address: '乙路2号' })).id;
});
after(() => t.close());

void describe(`deputies on ${dbKind}`, () => {
  void test('the roster per level and group is public; contacts are private', async () => {
    const city = await ok('POST', `${C()}/deputies`, office, {
      name: '刘代表',
      gender: 'female',
      level: 'city',
      termId,
      constituency: '淇滨区第五选区',
      delegationGroupId: groupId,
      occupation: '社区党支部书记',
      contact: { phone: '13800001111', email: 'liu@example.cn' },
    });
    assert.equal(city.levelZh, '市人大代表');
    assert.equal(city.delegationGroupName, '淇滨区第一代表小组');
    assert.deepEqual(city.contact, { phone: '13800001111', email: 'liu@example.cn', address: null });
    await ok('POST', `${C()}/deputies`, office, { name: '陈代表', level: 'province', termLabel: '第十四届' });
    await ok('POST', `${C()}/deputies`, office, { name: '赵代表', level: 'county', delegationGroupId: groupId });
    const pub = await ok('GET', `${C()}/deputies?level=city`, undefined);
    assert.deepEqual(pub.map((d: { name: string }) => d.name), ['刘代表']);
    assert.equal(pub[0].contact, null);
    assert.equal((await ok('GET', `${C()}/deputies?delegationGroupId=${groupId}`, undefined)).length, 2);
    assert.equal((await ok('GET', `${C()}/deputies/${city.id}`, admin)).contact, null, 'not even the system administrator');
    // The deputy themself sees their contact.
    await ok('POST', `${C()}/users`, admin, { username: 'deputy.liu', displayName: '刘代表', personId: city.personId, password: 'Passw0rd-liu', roles: ['deputy'] });
    const me = await t.login('deputy.liu', 'Passw0rd-liu');
    assert.equal((await ok('GET', `${C()}/deputies/${city.id}`, me)).contact.phone, '13800001111');
    // Changing and clearing a contact.
    const upd = await ok('PATCH', `${C()}/deputies/${city.id}`, office, { contact: { email: null, address: '淇滨区某小区' } });
    assert.deepEqual(upd.contact, { phone: '13800001111', email: null, address: '淇滨区某小区' });
    // Bad references.
    assert.equal((await t.request('POST', `${C()}/deputies`, { token: office, body: { name: 'x', level: 'city', delegationGroupId: (await ok('GET', `${C()}/bodies`, undefined)).find((b: { kind: string }) => b.kind === 'handling_unit').id } })).status, 422);
    assert.equal((await t.request('POST', `${C()}/deputies`, { token: office, body: { level: 'city' } })).status, 400);
    assert.equal((await t.request('POST', `${C()}/deputies`, { token: office, body: { name: 'x', level: 'city', contact: { phone: '12345' } } })).status, 422);
    assert.equal((await t.request('POST', `${C()}/deputies`, { token: me, body: { name: 'x', level: 'city' } })).status, 403);
  });

  void test('a deputy may be at several stations; the station filter and the end of a term', async () => {
    const d = await ok('POST', `${C()}/deputies`, office, { name: '孙代表', level: 'city' });
    await ok('POST', `${C()}/deputies/${d.id}/stations`, office, { stationId: stationA });
    const both = await ok('POST', `${C()}/deputies/${d.id}/stations`, office, { stationId: stationB });
    assert.deepEqual(both.stations.map((s: { name: string }) => s.name), ['甲联络站', '乙示范点']);
    assert.equal((await t.request('POST', `${C()}/deputies/${d.id}/stations`, { token: office, body: { stationId: stationA } })).status, 409);
    assert.ok((await ok('GET', `${C()}/deputies?stationId=${stationB}`, undefined)).some((x: { id: string }) => x.id === d.id));
    assert.equal((await t.request('DELETE', `${C()}/deputies/${d.id}/stations/${stationB}`, { token: office })).status, 204);
    assert.ok(!(await ok('GET', `${C()}/deputies?stationId=${stationB}`, undefined)).some((x: { id: string }) => x.id === d.id));
    assert.equal((await t.request('POST', `${C()}/deputies/${d.id}/end`, { token: office, body: { endDate: '2026-06-30', reason: '调离本行政区域' } })).status, 204);
    assert.ok(!(await ok('GET', `${C()}/deputies`, undefined)).some((x: { id: string }) => x.id === d.id));
    assert.ok((await ok('GET', `${C()}/deputies?status=ended`, undefined)).some((x: { id: string }) => x.id === d.id));
    const page = await ok('GET', `${C()}/stations/${stationA}`, undefined);
    assert.ok(!page.deputies.some((x: { deputyId: string }) => x.deputyId === d.id));
  });

  void test('S-10 / S-18: the duty register with evidence, the scoring table, and four visits a year', async () => {
    const d = await ok('POST', `${C()}/deputies`, office, { name: '周代表', level: 'city' });
    await ok('POST', `${C()}/deputies/${d.id}/stations`, office, { stationId: stationA });
    assert.equal((await t.request('POST', `${C()}/duty-activities`, { token: office, body: duty(d.id, `${Y}-01-16`, { evidence: [] }) })).status, 400, 'evidence is required');
    assert.equal((await t.request('POST', `${C()}/duty-activities`, { token: office, body: duty(d.id, `${Y}-01-16`, { kind: 'report_back' }) })).body.code, 'EVALUATION_REQUIRED');
    // The office sets its table before the year's records.
    const table = await ok('PUT', `${C()}/duty-scoring`, office, { entries: [{ kind: 'station_visit', points: 2.5, note: '每次进站' }, { kind: 'report_back', points: 6 }] });
    assert.equal(table.find((e: { kind: string }) => e.kind === 'station_visit').points, 2.5);
    assert.equal(table.find((e: { kind: string }) => e.kind === 'inspection').configured, false);
    for (const date of [`${Y}-01-16`, `${Y}-03-20`, `${Y}-03-20`]) await ok('POST', `${C()}/duty-activities`, office, duty(d.id, date));
    await ok('POST', `${C()}/duty-activities`, office, duty(d.id, `${Y}-06-19`, { kind: 'report_back', title: '向选民述职', evaluation: { satisfied: 40, basicallySatisfied: 5, unsatisfied: 1 } }));
    await ok('POST', `${C()}/duty-activities`, office, duty(d.id, `${Y}-04-10`, { kind: 'inspection', stationId: undefined, title: '专题视察' }));
    let a = await ok('GET', `${C()}/deputies/${d.id}/archive?year=${Y}`, office);
    assert.equal(a.compliance.visits, 2, 'two records on one day are one visit; report-back and inspection are not visits');
    assert.equal(a.compliance.met, false);
    assert.equal(a.points, 2.5 * 3 + 6 + 3);
    assert.deepEqual(a.byKind.station_visit, { count: 3, points: 7.5 });
    for (const date of [`${Y}-05-15`, `${Y}-09-18`]) await ok('POST', `${C()}/duty-activities`, office, duty(d.id, date));
    a = await ok('GET', `${C()}/deputies/${d.id}/archive?year=${Y}`, office);
    assert.equal(a.compliance.visits, 4);
    assert.equal(a.compliance.met, true);
    const all = await ok('GET', `${C()}/duty-compliance?year=${Y}&level=city`, office);
    const row = all.find((r: { deputyId: string }) => r.deputyId === d.id);
    assert.equal(row.compliance.met, true);
    assert.equal(row.points, a.points);
    // Provincial deputies have no city rule: compliance is not judged.
    const prov = (await ok('GET', `${C()}/duty-compliance?year=${Y}&level=province`, office))[0];
    assert.equal(prov.compliance.met, null);
  });

  void test('who records duties: the office, the deputy for themself, station staff for deputies of their station', async () => {
    const d = await ok('POST', `${C()}/deputies`, office, { name: '吴代表', level: 'city' });
    const other = await ok('POST', `${C()}/deputies`, office, { name: '郑代表', level: 'city' });
    await ok('POST', `${C()}/deputies/${d.id}/stations`, office, { stationId: stationA });
    await ok('POST', `${C()}/users`, admin, { username: 'deputy.wu', displayName: '吴代表', personId: d.personId, password: 'Passw0rd-wu', roles: ['deputy'] });
    const wu = await t.login('deputy.wu', 'Passw0rd-wu');
    await ok('POST', `${C()}/duty-activities`, wu, duty(d.id, `${Y}-02-06`, { kind: 'suggestion', stationId: undefined, title: '提出关于农村公路养护的建议' }));
    assert.equal((await t.request('POST', `${C()}/duty-activities`, { token: wu, body: duty(other.id, `${Y}-02-06`) })).status, 403);
    const u = await ok('POST', `${C()}/users`, admin, { username: 'staff.a', displayName: '甲站联络员', password: 'Passw0rd-staff', roles: ['station_staff'] });
    await ok('POST', `${C()}/stations/${stationA}/staff`, office, { name: '甲站联络员', role: 'liaison', userId: u.id });
    const staff = await t.login('staff.a', 'Passw0rd-staff');
    await ok('POST', `${C()}/duty-activities`, staff, duty(d.id, `${Y}-02-20`));
    assert.equal((await t.request('POST', `${C()}/duty-activities`, { token: staff, body: duty(other.id, `${Y}-02-20`) })).status, 403, 'not a deputy of their station');
    assert.equal((await t.request('GET', `${C()}/deputies/${d.id}/archive`, { token: staff })).status, 200, 'the station keeps the archive (art. 18)');
    assert.equal((await t.request('GET', `${C()}/deputies/${other.id}/archive`, { token: staff })).status, 403);
    assert.equal((await t.request('GET', `${C()}/deputies/${d.id}/archive`)).status, 401);
    assert.equal((await t.request('GET', `/api/v1/congresses/${t.henanId}/deputies/${d.id}/archive`, { token: office })).status, 404);
  });

  void test('H-21: a suggestion taken up by three deputies gets one signed letter for each of them', async () => {
    const ds = [];
    for (const name of ['领衔代表', '联名代表一', '联名代表二']) ds.push((await ok('POST', `${C()}/deputies`, office, { name, level: 'city' })).id);
    const unit = (await ok('GET', `${C()}/bodies`, undefined)).find((b: { name: string }) => b.name === '市水利局').id;
    const u = await ok('POST', `${C()}/users`, admin, { username: 'sl.head', displayName: '水利局长', password: 'Passw0rd-unit', roles: ['handling_unit'] });
    await t.request('PUT', `${C()}/units/${unit}/users/${u.id}`, { token: office, body: { isHead: true } });
    const head = await t.login('sl.head', 'Passw0rd-unit');
    const sub = await ok('POST', '/api/v1/opinions', undefined, { congressId: t.hebiId, name: '村民甲', phone: '13912340000', content: '建议修缮村里的灌溉水渠。' });
    const id = (await t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', sub.trackingCode.replace(/-/g, '')).executeTakeFirstOrThrow()).id;
    const cls = await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'suggestion', disposition: 'forward', deputyIds: ds });
    assert.deepEqual(cls.deputies.map((d: { role: string }) => d.role), ['lead', 'cosigner', 'cosigner']);
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: unit });
    await ok('POST', `${C()}/opinions/${id}/replies`, head, { text: '已列入明年水利工程计划。', grade: 'B' });
    const d = await ok('GET', `${C()}/opinions/${id}`, office);
    const letters = d.replies.filter((r: { kind: string }) => r.kind === 'reply');
    assert.equal(letters.length, 3);
    assert.deepEqual(letters.map((r: { recipientName: string }) => r.recipientName), ['领衔代表', '联名代表一', '联名代表二']);
    assert.ok(letters.every((r: { status: string; signedAt: string | null }) => r.status === 'issued' && r.signedAt));
    assert.equal(new Set(letters.map((r: { groupId: string }) => r.groupId)).size, 1);
  });
});
