// The citizens' opinions loop through HTTP, on SQLite or (with DATABASE_URL) PostgreSQL: intake with a
// tracking code, classification, routing to a lead unit with a co-handler, sign-off by the unit head,
// the citizen's rating, re-handling, evaluation; "not ours" and reassignment; overdue lists and the
// deadline job; throttling per source; atomic intake.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { BASE_DATA_LAST_YEAR, NATIONAL_CALENDAR as cal, localDateOf } from '../server/platform/calendar/calendar.rules.ts';
import { runOpinionDeadlines } from '../server/modules/opinions/opinions.jobs.ts';
import { SYSTEM_ACTOR } from '../server/modules/imports/import-fixture.ts';
import { type TestApp, dbKind, startTestApp } from './harness.ts';
import { PDF, PNG, multipart } from './opinions.files.ts';

let t: TestApp;
let admin: string;
let office: string;
const units = new Map<string, string>(); // name → body id
const tok = new Map<string, string>(); // unit user → token
const today = () => localDateOf(new Date().toISOString());
let seq = 0;
const phone = () => `139${String(10_000_000 + seq++).slice(-8)}`;

async function ok(method: string, url: string, token: string | undefined, body?: unknown) {
  const r = await t.request(method, url, { token, body });
  assert.ok(r.status < 300, `${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
const C = () => `/api/v1/congresses/${t.hebiId}`;

async function unitUser(username: string, unitName: string, isHead: boolean) {
  const u = await ok('POST', `${C()}/users`, admin, { username, displayName: username, password: 'Passw0rd-unit', roles: ['handling_unit'] });
  const unitId = units.get(unitName)!;
  const r = await t.request('PUT', `${C()}/units/${unitId}/users/${u.id}`, { token: office, body: { isHead } });
  assert.equal(r.status, 204, JSON.stringify(r.body));
  tok.set(username, await t.login(username, 'Passw0rd-unit'));
}

async function submit(body: Record<string, unknown> = {}, ip = '198.51.100.7') {
  const r = await t.request('POST', '/api/v1/opinions', { ip, body: { congressId: t.hebiId, name: '王小明', phone: phone(), content: '小区门口路灯损坏三个月无人维修，晚上出行不便。', ...body } });
  return r;
}
async function opinionIdOf(code: string): Promise<string> {
  const row = await t.yishi.handle.db.selectFrom('opinions').select('id').where('tracking_code', '=', code.replace(/-/g, '')).executeTakeFirstOrThrow();
  return row.id;
}

before(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  office = await t.login('office');
  for (const b of await ok('GET', `${C()}/bodies`, undefined)) if (b.kind === 'handling_unit') units.set(b.name, b.id);
  await unitUser('cg.staff', '市城市管理局', false);
  await unitUser('cg.head', '市城市管理局', true);
  await unitUser('zj.head', '市住房和城乡建设局', true);
  await unitUser('fg.head', '市发展和改革委员会', true);
});
after(() => t.close());

void describe(`opinions loop on ${dbKind}`, () => {
  void test('a citizen submits without an account and follows the item by tracking code', async () => {
    const r = await submit();
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.match(r.body.trackingCode, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const s = await t.request('GET', `/api/v1/opinions/status/${r.body.trackingCode.toLowerCase()}`);
    assert.equal(s.status, 200);
    assert.equal(s.body.status, 'received');
    assert.equal(s.body.canRate, false);
    assert.deepEqual(s.body.history.map((h: { kind: string }) => h.kind), ['submitted']);
    assert.equal(JSON.stringify(s.body).includes('王小明'), false, 'no personal data on the status page');
    assert.equal((await t.request('GET', '/api/v1/opinions/status/0000-0000-0000')).status, 404);
  });

  void test('bad input is refused and stores nothing', async () => {
    const before = await t.yishi.handle.db.selectFrom('opinions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal((await submit({ phone: '12345' })).status, 422);
    assert.equal((await submit({ idNumber: '110105194912310021' })).status, 422);
    assert.equal((await submit({ content: '' })).status, 400);
    assert.equal((await submit({ congressId: 'nope' })).status, 404);
    assert.equal((await submit({ stationId: 'nope' })).status, 404);
    assert.equal((await submit({ extra: 1 })).status, 400);
    const after = await t.yishi.handle.db.selectFrom('opinions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.equal(after.n, before.n);
  });

  void test('the full loop: classify, route lead + co-handler, co view, draft and sign-off, rating, re-handling, evaluation', async () => {
    const code = (await submit({ category: '市政设施' })).body.trackingCode as string;
    const id = await opinionIdOf(code);
    const cg = units.get('市城市管理局')!;
    const zj = units.get('市住房和城乡建设局')!;

    // Lists mask personal data; the contact is for the office and audited; the administrator does not see it.
    const list = await ok('GET', `${C()}/opinions?status=received`, office);
    const mine = list.items.find((i: { id: string }) => i.id === id);
    assert.equal(mine.name, '王**');
    assert.match(mine.phone, /^139\*{4}\d{4}$/);
    const contact = await ok('GET', `${C()}/opinions/${id}/contact`, office);
    assert.equal(contact.name, '王小明');
    assert.equal((await t.request('GET', `${C()}/opinions/${id}/contact`, { token: admin })).status, 403);
    assert.equal((await t.request('GET', `${C()}/opinions/${id}/contact`, { token: tok.get('cg.head') })).status, 403, 'not routed yet');
    const audit = await t.yishi.handle.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    assert.ok(audit.some((a) => a.action === 'opinion.contact_viewed'));

    // S-13 / SD-C: a 群众意见 to forward.
    const cls = await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    assert.equal(cls.status, 'to_route');

    // H-13: lead unit with a co-handler; dates on working days from today.
    const routed = await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: cg, coUnitIds: [zj] });
    assert.equal(routed.status, 'assigned');
    const lead = routed.assignments.find((a: { role: string }) => a.role === 'lead');
    const co = routed.assignments.find((a: { role: string }) => a.role === 'co');
    assert.equal(lead.assignedOn, today());
    assert.equal(lead.declineBy, cal.addWorkingDays(today(), 10));
    assert.equal(lead.dueDate, cal.addMonths(today(), 3));
    assert.equal(co.dueDate, cal.addMonths(today(), 2));
    const st = await ok('GET', `/api/v1/opinions/status/${code}`, undefined);
    assert.deepEqual(st.units, [
      { name: '市城市管理局', role: 'lead' },
      { name: '市住房和城乡建设局', role: 'co' },
    ]);
    assert.equal(st.dueDate, lead.dueDate);

    // A unit the item was not routed to cannot reply; nor can the office reply for a unit.
    const stray = await t.request('POST', `${C()}/opinions/${id}/replies`, { token: tok.get('fg.head'), body: { text: '答复', grade: 'A' } });
    assert.equal(stray.status, 403);
    assert.equal(stray.body.code, 'NOT_ROUTED');
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/replies`, { token: office, body: { text: '答复', grade: 'A' } })).status, 403);

    // H-18: the co-handler's view (no grade) goes to the lead unit; the item stays with the lead.
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/replies`, { token: tok.get('zj.head'), body: { text: '同意', grade: 'A' } })).status, 422);
    const cov = await ok('POST', `${C()}/opinions/${id}/replies`, tok.get('zj.head'), { text: '住建局意见：路灯属城管维护范围，我局配合。' });
    assert.equal(cov.issued, true);
    assert.equal((await ok('GET', `${C()}/opinions/${id}`, office)).status, 'assigned');

    // H-21: the staff member drafts, the head signs off.
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/replies`, { token: tok.get('cg.staff'), body: { text: '已安排维修' } })).status, 422, 'grade required');
    const draft = await ok('POST', `${C()}/opinions/${id}/replies`, tok.get('cg.staff'), { text: '已列入本月维修计划，预计两周内修复。', grade: 'B' });
    assert.equal(draft.issued, false);
    const queue = await ok('GET', `${C()}/units/${cg}/opinions`, tok.get('cg.staff'));
    assert.equal(queue.find((q: { opinionId: string }) => q.opinionId === id).needsSignOff, true);
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/replies`, { token: tok.get('cg.head'), body: { text: 'x', grade: 'A' } })).status, 409, 'one draft at a time');
    const staffSign = await t.request('POST', `${C()}/opinions/${id}/replies/${draft.groupId}/sign-off`, { token: tok.get('cg.staff') });
    assert.equal(staffSign.status, 403);
    assert.equal(staffSign.body.code, 'HEAD_REQUIRED');
    assert.equal((await ok('GET', `/api/v1/opinions/status/${code}`, undefined)).status, 'assigned');
    await ok('POST', `${C()}/opinions/${id}/replies/${draft.groupId}/sign-off`, tok.get('cg.head'));
    const replied = await ok('GET', `/api/v1/opinions/status/${code}`, undefined);
    assert.equal(replied.status, 'replied');
    assert.equal(replied.feedbackDue, cal.addWorkingDays(today(), 10));
    assert.equal(replied.canRate, true);
    assert.ok(replied.history.some((h: { kind: string; text_zh: string }) => h.kind === 'replied' && h.text_zh.includes('两周内修复')));
    assert.ok(!replied.history.some((h: { kind: string }) => h.kind === 'co_view'), 'internal steps stay internal');

    // The routed unit may now read the contact to call back.
    assert.equal((await t.request('GET', `${C()}/opinions/${id}/contact`, { token: tok.get('cg.head') })).status, 200);

    // H-22: unsatisfied needs reasons; then re-handling within one month.
    assert.equal((await t.request('POST', '/api/v1/opinions/rating', { body: { trackingCode: code, satisfied: false } })).status, 422);
    const r1 = await ok('POST', '/api/v1/opinions/rating', undefined, { trackingCode: code, satisfied: false, reason: '两周过去了仍未修复' });
    assert.equal(r1.status, 'rehandling');
    assert.equal(r1.dueDate, cal.addMonths(today(), 1));
    assert.equal((await t.request('POST', '/api/v1/opinions/rating', { body: { trackingCode: code, satisfied: true } })).status, 409, 'no rating while re-handling');
    // No "not ours" in the second round.
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/decline`, { token: tok.get('cg.head'), body: { reason: '不属于我局' } })).status, 409);
    await ok('POST', `${C()}/opinions/${id}/replies`, tok.get('cg.head'), { text: '已于本周修复，并增设巡查。', grade: 'A' });
    assert.equal((await ok('GET', `/api/v1/opinions/status/${code}`, undefined)).status, 'replied');
    const r2 = await ok('POST', '/api/v1/opinions/rating', undefined, { trackingCode: code, satisfied: false, reason: '修好后又坏了' });
    assert.equal(r2.status, 'evaluation');
    const done = await ok('POST', `${C()}/opinions/${id}/evaluation`, office, { conclusion: '评估认为承办单位已履职，建议加强日常维护。' });
    assert.equal(done.status, 'closed');
    assert.equal(done.closure, 'evaluated');
    assert.deepEqual(done.ratings.map((x: { satisfied: boolean }) => x.satisfied), [false, false]);
    assert.equal(done.replies.filter((x: { kind: string }) => x.kind === 'reply').length, 2);
  });

  void test('S-13: answered on the spot or the route explained closes the item; a suggestion needs a deputy', async () => {
    const a = await submit();
    const id = await opinionIdOf(a.body.trackingCode);
    const bad = await t.request('POST', `${C()}/opinions/${id}/classify`, { token: office, body: { class: 'suggestion', disposition: 'forward' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.code, 'DEPUTY_REQUIRED');
    const bad2 = await t.request('POST', `${C()}/opinions/${id}/classify`, { token: office, body: { class: 'petition', disposition: 'answer_on_spot', answer: 'x' } });
    assert.equal(bad2.body.code, 'DISPOSITION_NOT_ALLOWED');
    const ex = await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'petition', disposition: 'explain_route', route: 'litigation', answer: '该事项已进入诉讼程序，请依法通过人民法院解决。' });
    assert.equal(ex.status, 'explained');
    assert.equal(ex.closure, 'explained');
    const s = await ok('GET', `/api/v1/opinions/status/${a.body.trackingCode}`, undefined);
    assert.ok(s.history.some((h: { text_zh: string }) => h.text_zh.includes('诉讼')));
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/route`, { token: office, body: { mode: 'lead', leadUnitId: units.get('市财政局') } })).status, 409);
  });

  void test('H-14: "not ours" within ten working days sends it back to the office; later it is refused', async () => {
    const code = (await submit({ category: '物业' })).body.trackingCode as string;
    const id = await opinionIdOf(code);
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    // The category table routes it.
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/route`, { token: office, body: { mode: 'category' } })).status, 422);
    await ok('PUT', `${C()}/routing-categories/${encodeURIComponent('物业')}`, office, { leadUnitId: units.get('市城市管理局'), coUnitIds: [] });
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'category' });
    const r = await t.request('POST', `${C()}/opinions/${id}/decline`, { token: tok.get('cg.head'), body: { reason: '物业纠纷属住建部门职责' } });
    assert.equal(r.status, 204, JSON.stringify(r.body));
    const d = await ok('GET', `${C()}/opinions/${id}`, office);
    assert.equal(d.status, 'to_route');
    assert.equal(d.routeDue, cal.addWorkingDays(today(), 10));
    assert.equal((await t.request('GET', `${C()}/opinions/${id}`, { token: tok.get('cg.head') })).status, 403, 'a unit that declined no longer reads the item');
    const re = await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: units.get('市住房和城乡建设局') });
    assert.equal(re.status, 'assigned');
    assert.deepEqual(re.assignments.map((a: { state: string }) => a.state).sort(), ['active', 'declined']);

    // Past the window (moved back in the database), "not ours" is refused with the rule.
    await t.yishi.handle.db.updateTable('opinion_assignments').set({ decline_by: cal.addWorkingDays(today(), -1) }).where('opinion_id', '=', id).where('state', '=', 'active').execute();
    const late = await t.request('POST', `${C()}/opinions/${id}/decline`, { token: tok.get('zj.head'), body: { reason: '不属于' } });
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'DECLINE_WINDOW_CLOSED');
    assert.match(late.body.rule, /H-14/);
  });

  void test('H-20: a hard case explained before three months gets six', async () => {
    const code = (await submit()).body.trackingCode as string;
    const id = await opinionIdOf(code);
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'separate', unitIds: [units.get('市城市管理局'), units.get('市发展和改革委员会')] });
    const d = await ok('POST', `${C()}/opinions/${id}/extend`, tok.get('fg.head'), { explanation: '涉及跨年度资金安排，需列入明年计划。' });
    const fg = d.assignments.find((a: { unitName: string }) => a.unitName === '市发展和改革委员会');
    assert.equal(fg.dueDate, cal.addMonths(today(), 6));
    assert.equal(fg.extended, true);
    assert.equal((await t.request('POST', `${C()}/opinions/${id}/extend`, { token: tok.get('fg.head'), body: { explanation: '再延' } })).status, 409);
    // Separate units each reply; the item is answered when both have.
    await ok('POST', `${C()}/opinions/${id}/replies`, tok.get('fg.head'), { text: '已列入明年计划。', grade: 'C' });
    assert.equal((await ok('GET', `/api/v1/opinions/status/${code}`, undefined)).status, 'assigned');
    await ok('POST', `${C()}/opinions/${id}/replies`, tok.get('cg.head'), { text: '已修复。', grade: 'A' });
    assert.equal((await ok('GET', `/api/v1/opinions/status/${code}`, undefined)).status, 'replied');
    const sat = await ok('POST', '/api/v1/opinions/rating', undefined, { trackingCode: code, satisfied: true });
    assert.equal(sat.status, 'closed');
  });

  void test('a deadline in a year whose holidays are not known yet is flagged until the office enters them', async () => {
    const code = (await submit()).body.trackingCode as string;
    const id = await opinionIdOf(code);
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    const d = await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: units.get('市公安局') });
    const year = Number(String(d.assignments[0].dueDate).slice(0, 4));
    if (year <= BASE_DATA_LAST_YEAR) {
      assert.equal(d.calendarNotice, null);
      return;
    }
    assert.match(d.calendarNotice, new RegExp(`${year}年`));
    await ok('PUT', `${C()}/calendar/overrides/${year}-01-01`, office, { working: false, note: '元旦' });
    assert.equal((await ok('GET', `${C()}/opinions/${id}`, office)).calendarNotice, null);
    await t.request('DELETE', `${C()}/calendar/overrides/${year}-01-01`, { token: office });
  });

  void test('overdue lists, the dashboard and the deadline job (reminders and 督办 once each)', async () => {
    const code = (await submit()).body.trackingCode as string;
    const id = await opinionIdOf(code);
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: units.get('市发展和改革委员会'), coUnitIds: [units.get('市城市管理局')] });
    // The lead's reply was due on the last working day before National Day 2025.
    await t.yishi.handle.db.updateTable('opinion_assignments').set({ due_date: '2025-09-30' }).where('opinion_id', '=', id).where('role', '=', 'lead').execute();
    const asOf = '2025-10-16';
    const all = await ok('GET', `${C()}/opinions/overdue?asOf=${asOf}`, office);
    const item = all.items.find((i: { opinionId: string }) => i.opinionId === id);
    assert.equal(item.workingDaysOverdue, 7, 'Oct 9, 10, 11 (a worked Saturday), 13, 14, 15, 16: National Day does not count');
    assert.equal(item.workingDaysOverdue, cal.workingDaysBetween('2025-09-30', asOf));
    assert.equal(item.escalated, false);
    const fg = await ok('GET', `${C()}/opinions/overdue?asOf=${asOf}`, tok.get('fg.head'));
    assert.ok(fg.items.every((i: { unitName: string }) => i.unitName === '市发展和改革委员会'));
    assert.ok(fg.items.some((i: { opinionId: string }) => i.opinionId === id));
    const cgView = await ok('GET', `${C()}/opinions/overdue?asOf=${asOf}`, tok.get('cg.head'));
    assert.ok(!cgView.items.some((i: { opinionId: string }) => i.opinionId === id));
    assert.equal((await t.request('GET', `${C()}/opinions/overdue?unitId=${units.get('市发展和改革委员会')}`, { token: tok.get('cg.head') })).status, 403);
    const dash = await ok('GET', `${C()}/opinions/overdue-by-unit?asOf=${asOf}`, office);
    assert.ok(dash.units.find((u: { unitName: string }) => u.unitName === '市发展和改革委员会').overdue >= 1);

    // The job, run on the day the delay reaches ten working days (Oct 21): overdue + escalated, once.
    const ctx = { db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR };
    const before10 = await runOpinionDeadlines(ctx, { asOf: '2025-10-20', congressId: t.hebiId });
    assert.ok(before10.alertsCreated >= 1);
    const first = await runOpinionDeadlines(ctx, { asOf: '2025-10-21', congressId: t.hebiId });
    assert.ok(first.alertsCreated >= 1);
    const again = await runOpinionDeadlines(ctx, { asOf: '2025-10-21', congressId: t.hebiId });
    assert.equal(again.alertsCreated, 0, 'idempotent');
    const alerts = await ok('GET', `${C()}/opinions/alerts?unitId=${units.get('市发展和改革委员会')}`, tok.get('fg.head'));
    const kinds = alerts.filter((a: { opinionId: string }) => a.opinionId === id).map((a: { kind: string }) => a.kind).sort();
    assert.deepEqual(kinds, ['escalated', 'overdue']);
    const alertId = alerts[0].id;
    assert.equal((await t.request('POST', `${C()}/opinion-alerts/${alertId}/ack`, { token: tok.get('cg.head') })).status, 403);
    assert.equal((await t.request('POST', `${C()}/opinion-alerts/${alertId}/ack`, { token: tok.get('fg.head') })).status, 204);
    // The office runs it through the API for today; a future day is refused.
    const api = await ok('POST', `${C()}/opinions/deadline-run`, office, {});
    assert.equal(api.asOf, today());
    assert.equal((await t.request('POST', `${C()}/opinions/deadline-run`, { token: office, body: { asOf: '2999-01-01' } })).status, 422);
  });

  void test('the feedback period ends: the job closes the item as "no feedback"; a late rating is refused', async () => {
    const code = (await submit()).body.trackingCode as string;
    const id = await opinionIdOf(code);
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    await ok('POST', `${C()}/opinions/${id}/route`, office, { mode: 'lead', leadUnitId: units.get('市城市管理局') });
    await ok('POST', `${C()}/opinions/${id}/replies`, tok.get('cg.head'), { text: '已处理。', grade: 'A' });
    await t.yishi.handle.db.updateTable('opinions').set({ feedback_due: '2025-10-16' }).where('id', '=', id).execute();
    const late = await t.request('POST', '/api/v1/opinions/rating', { body: { trackingCode: code, satisfied: true } });
    assert.equal(late.status, 409);
    assert.equal(late.body.code, 'FEEDBACK_WINDOW_CLOSED');
    await runOpinionDeadlines({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR }, { asOf: today(), congressId: t.hebiId });
    const s = await ok('GET', `/api/v1/opinions/status/${code}`, undefined);
    assert.equal(s.status, 'closed');
  });

  void test('throttling per source: a flood from one address or one phone does not block anyone else', async () => {
    await ok('PUT', `${C()}/intake-settings`, office, { perIpPerHour: 5, perPhonePerDay: 2, retentionYears: 5 });
    const flood = [];
    for (let i = 0; i < 7; i++) flood.push((await submit({}, '203.0.113.9')).status);
    assert.deepEqual(flood, [201, 201, 201, 201, 201, 429, 429]);
    assert.equal((await submit({}, '203.0.113.10')).status, 201, 'another address is not affected');
    const p = phone();
    assert.equal((await submit({ phone: p }, '192.0.2.1')).status, 201);
    assert.equal((await submit({ phone: p }, '192.0.2.2')).status, 201);
    assert.equal((await submit({ phone: p }, '192.0.2.3')).status, 429, 'a third from the same phone today');
    // The abuse list, by phone number; stored as a keyed hash.
    const blocked = phone();
    const b = await ok('POST', `${C()}/intake-blocks`, office, { kind: 'phone', value: blocked, note: '恶意刷单' });
    assert.match(b.masked, /^139\*{4}/);
    const refused = await submit({ phone: blocked }, '192.0.2.50');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'SOURCE_BLOCKED');
    const row = await t.yishi.handle.db.selectFrom('intake_blocks').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
    assert.equal(JSON.stringify(row).includes(blocked), false);
    await ok('PUT', `${C()}/intake-settings`, office, { perIpPerHour: 10_000, perPhonePerDay: 10_000, retentionYears: 5 });
  });

  void test('nothing a citizen submitted is half-stored: a failure inside the transaction leaves nothing', async () => {
    const db = t.yishi.handle.db;
    const count = async () => (await db.selectFrom('opinions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const n0 = await count();
    // The audit entry is written after the opinion, in the same transaction: make it fail.
    if (dbKind === 'sqlite') {
      await sql`CREATE TRIGGER boom BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk gone'); END`.execute(db);
    } else {
      await sql`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk gone'; END $$ LANGUAGE plpgsql`.execute(db);
      await sql`CREATE TRIGGER boom BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION boom()`.execute(db);
    }
    const r = await submit();
    assert.equal(r.status, 500);
    assert.equal(r.body.trackingCode, undefined);
    assert.equal(await count(), n0, 'no opinion without its audit entry');
    if (dbKind === 'sqlite') await sql`DROP TRIGGER boom`.execute(db);
    else {
      await sql`DROP TRIGGER boom ON audit_log`.execute(db);
      await sql`DROP FUNCTION boom()`.execute(db);
    }
    assert.equal((await submit()).status, 201);
    assert.equal(await count(), n0 + 1);
  });

  void test('submissions arriving together are committed together, each acknowledged only after commit', async () => {
    const db = t.yishi.handle.db;
    const n0 = (await db.selectFrom('opinions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const rs = await Promise.all(Array.from({ length: 40 }, (_, i) => submit({}, `198.18.0.${i + 1}`)));
    assert.deepEqual([...new Set(rs.map((r) => r.status))], [201]);
    assert.equal(new Set(rs.map((r) => r.body.trackingCode)).size, 40);
    const n1 = (await db.selectFrom('opinions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    assert.equal(n1, n0 + 40);
    for (const r of rs.slice(0, 5)) assert.equal((await t.request('GET', `/api/v1/opinions/status/${r.body.trackingCode}`)).body.status, 'received');
    // Every one is named in the audit trail.
    const audit = await db.selectFrom('audit_log').select(['target_id', 'data']).where('action', '=', 'opinion.submitted').execute();
    const named = new Set(audit.flatMap((a) => [a.target_id, ...((JSON.parse(a.data) as { opinions?: { id: string }[] }).opinions ?? []).map((o) => o.id)]));
    const ids = await db.selectFrom('opinions').select('id').where('tracking_code', 'in', rs.map((r) => String(r.body.trackingCode).replace(/-/g, ''))).execute();
    assert.ok(ids.every((o) => named.has(o.id)));
    const chain = await t.request('GET', '/api/v1/audit/verify', { token: admin });
    assert.equal(chain.body.ok, true, JSON.stringify(chain.body));
  });

  void test('attachments: photos and PDF judged by their bytes, sealed on disk; too big, lying or late is refused', async () => {
    const code = (await submit()).body.trackingCode as string;
    const id = await opinionIdOf(code);
    const url = `/api/v1/opinions/status/${code}/attachments`;
    const send = (name: string, mime: string, bytes: Buffer) => {
      const m = multipart(name, mime, bytes);
      return t.request('POST', url, { rawBody: m.rawBody, headers: m.headers });
    };
    const ok1 = await send('路灯.png', 'image/png', PNG);
    assert.equal(ok1.status, 201, JSON.stringify(ok1.body));
    assert.equal(ok1.body.mime, 'image/png');
    assert.equal((await send('材料.pdf', 'application/pdf', PDF)).status, 201);
    const lie = await send('photo.png', 'image/png', PDF);
    assert.equal(lie.status, 415);
    assert.equal(lie.body.code, 'TYPE_MISMATCH');
    const text = await send('photo.jpg', 'image/jpeg', Buffer.from('just some text, not a photo'));
    assert.equal(text.status, 415);
    assert.equal(text.body.code, 'ATTACHMENT_TYPE');
    const big = await send('big.png', 'image/png', Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]));
    assert.equal(big.status, 413);
    assert.equal((await t.request('POST', url, { body: { file: 'x' } })).status, 415, 'multipart only');
    // The office sees the files; the bytes on disk are sealed.
    const d = await ok('GET', `${C()}/opinions/${id}`, office);
    assert.deepEqual(d.attachments.map((a: { filename: string }) => a.filename), ['路灯.png', '材料.pdf']);
    const raw = await t.request('GET', `${C()}/opinions/${id}/attachments/${ok1.body.id}`, { token: office });
    assert.equal(raw.status, 200);
    assert.equal(raw.headers['content-type'], 'image/png');
    assert.equal((await t.request('GET', `${C()}/opinions/${id}/attachments/${ok1.body.id}`)).status, 401);
    const { readFileSync } = await import('node:fs');
    const { attachmentsDir } = await import('../server/modules/opinions/opinions.attachments.ts');
    const onDisk = readFileSync(`${attachmentsDir(t.config)}/${String(ok1.body.id).slice(0, 2)}/${ok1.body.id}`);
    assert.equal(onDisk.includes(PNG.subarray(0, 8)), false, 'no PNG signature on disk');
    // Five at most; none after classification.
    for (let i = 0; i < 3; i++) assert.equal((await send(`p${i}.png`, 'image/png', PNG)).status, 201);
    assert.equal((await send('p6.png', 'image/png', PNG)).body.code, 'TOO_MANY_ATTACHMENTS');
    const code2 = (await submit()).body.trackingCode as string;
    await ok('POST', `${C()}/opinions/${await opinionIdOf(code2)}/classify`, office, { class: 'mass_opinion', disposition: 'forward' });
    const m = multipart('late.png', 'image/png', PNG);
    assert.equal((await t.request('POST', `/api/v1/opinions/status/${code2}/attachments`, { rawBody: m.rawBody, headers: m.headers })).body.code, 'ATTACHMENT_WINDOW_CLOSED');
  });

  void test('retention: personal data of items closed long ago is removed by the job; the item stays', async () => {
    const p = phone();
    const code = (await submit({ phone: p })).body.trackingCode as string;
    const id = await opinionIdOf(code);
    await ok('POST', `${C()}/opinions/${id}/classify`, office, { class: 'mass_opinion', disposition: 'answer_on_spot', answer: '已当场解答' });
    await t.yishi.handle.db.updateTable('opinions').set({ closed_at: '2019-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
    const r = await runOpinionDeadlines({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR }, { asOf: today(), congressId: t.hebiId });
    assert.ok(r.anonymized >= 1);
    const c = await ok('GET', `${C()}/opinions/${id}/contact`, office);
    assert.deepEqual(c, { name: null, phone: null, idNumber: null });
    assert.equal((await ok('POST', `${C()}/opinions/citizen-export`, office, { phone: p })).opinions.length, 0);
    assert.equal((await ok('GET', `/api/v1/opinions/status/${code}`, undefined)).status, 'answered');
  });

  void test('public statistics rank only units with a sufficient sample', async () => {
    const s = await ok('GET', `${C()}/opinion-statistics`, undefined);
    assert.equal(s.minimumSample, 10);
    assert.ok(s.received >= 5);
    for (const u of s.units) {
      if (u.replies < 10) assert.equal(u.onTimeRank, null);
      if (u.rated < 10) assert.equal(u.satisfactionRank, null);
    }
  });

  void test('a citizen\'s data can be exported on request by the office only', async () => {
    const p = phone();
    await submit({ phone: p, name: '赵大娘' });
    const x = await ok('POST', `${C()}/opinions/citizen-export`, office, { phone: p });
    assert.equal(x.opinions.length, 1);
    assert.equal(x.opinions[0].contact.name, '赵大娘');
    assert.equal((await t.request('POST', `${C()}/opinions/citizen-export`, { token: admin, body: { phone: p } })).status, 403);
  });
});
