// A report's outcome through HTTP (R-O4, 议事规则 art. 34): recorded by the office for a report heard at
// a meeting, audited; "opinions sent" follows from a deliberation opinion letter on the report; a
// resolution is named; refusals leave nothing behind. SQLite or PostgreSQL (DATABASE_URL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors, expectOk, expectRefusal, localToday, shiftDays } from './meetings.helpers.ts';

interface ReportOut {
  id: string;
  outcome: string | null;
  outcomeNote: string | null;
  letters: number;
}

let t: TestApp;
let office: string;
let member: string;
let meetingId: string;
const C = () => `/api/v1/congresses/${t.hebiId}`;

const report = async (body: Record<string, unknown> = {}): Promise<string> => {
  const r = await t.request('POST', `${C()}/reports`, { token: office, body: { kind: 'environment', title: '关于2030年度环境状况和环境保护目标完成情况的报告', organ: '市人民政府', meetingId, ...body } });
  expectOk(r, 201);
  return r.body.id as string;
};
const get = async (id: string): Promise<ReportOut> => {
  const r = await t.request('GET', `${C()}/reports`, { token: member });
  expectOk(r);
  const x = (r.body as ReportOut[]).find((y) => y.id === id);
  assert.ok(x);
  return x;
};
const outcome = (id: string, body: Record<string, unknown>, token = office) => t.request('POST', `${C()}/reports/${id}/outcome`, { token, body });

before(async () => {
  t = await startTestApp();
  const who = new Actors(t);
  office = await who.token('office');
  member = await who.token('m05');
  const m = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date: shiftDays(localToday(), 30) } });
  expectOk(m, 201);
  meetingId = m.body.id as string;
});
after(() => t.close());

test('R-O4: the office records that a report was deliberated; members read it; a member cannot record it', async () => {
  const id = await report();
  assert.deepEqual(await get(id), { ...(await get(id)), outcome: null, outcomeNote: null, letters: 0 });
  expectOk(await outcome(id, { outcome: 'deliberated' }), 204);
  assert.equal((await get(id)).outcome, 'deliberated');
  expectRefusal(await outcome(id, { outcome: 'heard' }, member), 403);
  const audit = await t.yishi.handle.db.selectFrom('audit_log').select(['data']).where('action', '=', 'report.outcome').where('target_id', '=', id).execute();
  assert.equal(audit.length, 1);
  assert.match(String(audit[0]?.data), /"before":null,"after":"deliberated"/);
});

test('R-O4: sending deliberation opinions on the report makes its outcome "opinions sent"; an adoption stays', async () => {
  const id = await report();
  expectOk(await outcome(id, { outcome: 'deliberated' }), 204);
  expectRefusal(await outcome(id, { outcome: 'opinions_sent' }), 409, 'R-O4', 'NO_OPINION_LETTER');
  const letter = await t.request('POST', `${C()}/opinion-letters`, { token: office, body: { reportId: id, organ: '市生态环境局', opinions: ['加强大气污染联防联控'], sentOn: '2030-09-02', dueDate: '2030-12-31' } });
  expectOk(letter, 201);
  assert.deepEqual(await get(id), { ...(await get(id)), outcome: 'opinions_sent', letters: 1 });

  const adopted = await report({ title: '关于2030年上半年计划执行情况的报告', kind: 'plan_budget_execution' });
  expectOk(await outcome(adopted, { outcome: 'adopted' }), 204);
  expectOk(await t.request('POST', `${C()}/opinion-letters`, { token: office, body: { reportId: adopted, organ: '市发展改革委', opinions: ['抓好项目建设'], sentOn: '2030-09-02', dueDate: '2030-12-31' } }), 201);
  assert.equal((await get(adopted)).outcome, 'adopted');
});

test('R-O4: a resolution is named; a report not on a meeting has no outcome yet; a wrong outcome is refused; nothing changes', async () => {
  const id = await report({ kind: 'audit', title: '关于2030年度市级预算执行的审计工作报告' });
  expectRefusal(await outcome(id, { outcome: 'resolution_adopted' }), 422, 'R-O4', 'RESOLUTION_TITLE_REQUIRED');
  assert.equal((await get(id)).outcome, null);
  expectOk(await outcome(id, { outcome: 'resolution_adopted', note: '关于2030年度审计查出问题整改情况的决议' }), 204);
  assert.deepEqual(await get(id), { ...(await get(id)), outcome: 'resolution_adopted', outcomeNote: '关于2030年度审计查出问题整改情况的决议' });

  const loose = await t.request('POST', `${C()}/reports`, { token: office, body: { kind: 'other', title: '未列入会议的报告', organ: '市人民政府' } });
  expectOk(loose, 201);
  expectRefusal(await outcome(loose.body.id as string, { outcome: 'heard' }), 422, 'R-O4', 'REPORT_NOT_HEARD');
  assert.equal((await outcome(id, { outcome: 'approved' })).status, 400);
  expectRefusal(await outcome('00000000-0000-4000-8000-000000000000', { outcome: 'heard' }), 404);
});
