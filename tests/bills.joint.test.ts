// R-B5 through HTTP (议事规则 art. 21: 内容相关联的议案可以合并说明): related bills explained together —
// one explanation, one presenter, recorded on each bill and shown on each bill's detail; refused
// when the presenter does not fit one of the proposers or the bills are on different meetings;
// naming a presenter for one bill alone takes it out of the joint explanation. SQLite or PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors, expectOk, expectRefusal, localToday, shiftDays } from './meetings.helpers.ts';

interface BillOut {
  id: string;
  title: string;
  presenter: { name: string; post: string | null; role: string; mode: string } | null;
  jointExplanation: { id: string; bills: { id: string; title: string }[] } | null;
}

let t: TestApp;
let office: string;
let meetingId: string;
let laterMeetingId: string;

async function meeting(date: string): Promise<string> {
  const r = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date } });
  expectOk(r, 201);
  return r.body.id as string;
}
async function bill(kind: string, title: string, organ: string, target = meetingId): Promise<string> {
  const r = await t.request('POST', '/api/v1/bills', { token: office, body: { congressId: t.hebiId, kind, title, proposer: { type: 'organ', organ }, targetMeetingId: target } });
  expectOk(r, 201);
  return r.body.id as string;
}
const get = async (id: string): Promise<BillOut> => {
  const r = await t.request('GET', `/api/v1/bills/${id}`, { token: office });
  expectOk(r);
  return r.body as BillOut;
};
const present = (id: string, body: Record<string, unknown>) => t.request('POST', `/api/v1/bills/${id}/presenter`, { token: office, body });
const finance = { name: '王海军', post: '市财政局局长', role: 'delegated_department_head' };

before(async () => {
  t = await startTestApp();
  office = await new Actors(t).token('office');
  meetingId = await meeting(shiftDays(localToday(), 60));
  laterMeetingId = await meeting(shiftDays(localToday(), 120));
});
after(() => t.close());

test('R-B5: the final accounts and the budget adjustment explained together by one presenter, shown on each bill', async () => {
  const accounts = await bill('final_accounts', '关于批准2030年市级财政决算的议案', 'government');
  const budget = await bill('budget_adjustment', '关于批准2031年市级第一次预算调整方案的议案', 'government');
  const r = await present(accounts, { ...finance, jointWith: [budget] });
  expectOk(r);
  const a = r.body as BillOut;
  assert.deepEqual(a.presenter, { name: '王海军', post: '市财政局局长', role: 'delegated_department_head', mode: 'oral' });
  assert.deepEqual(a.jointExplanation?.bills, [{ id: budget, title: '关于批准2031年市级第一次预算调整方案的议案' }]);
  const b = await get(budget);
  assert.deepEqual(b.presenter, a.presenter, 'one presenter for both');
  assert.equal(b.jointExplanation?.id, a.jointExplanation?.id, 'one explanation');
  assert.deepEqual(b.jointExplanation?.bills.map((x) => x.id), [accounts]);
  const audit = await t.yishi.handle.db.selectFrom('audit_log').select(['target_id', 'data']).where('action', '=', 'bill.presenter_set').where('target_id', 'in', [accounts, budget]).execute();
  assert.equal(audit.length, 2, 'each bill’s record is audited');
  assert.ok(audit.every((x) => x.data.includes(a.jointExplanation?.id ?? '?')));

  // Naming a presenter for one of them alone ends the joint explanation: a group of one is no group.
  expectOk(await present(budget, { ...finance, name: '李四' }));
  assert.equal((await get(budget)).jointExplanation, null);
  assert.equal((await get(accounts)).jointExplanation, null);
  assert.equal((await get(accounts)).presenter?.name, '王海军');
});

test('R-B5: a joint explanation of three keeps the other two when one leaves', async () => {
  const [x, y, z] = [await bill('decision', '关于甲事项的决定（草案）', 'government'), await bill('decision', '关于乙事项的决定（草案）', 'government'), await bill('decision', '关于丙事项的决定（草案）', 'government')];
  expectOk(await present(x, { ...finance, jointWith: [y, z] }));
  assert.equal((await get(z)).jointExplanation?.bills.length, 2);
  expectOk(await present(z, { name: '赵五', role: 'government_head' }));
  assert.equal((await get(z)).jointExplanation, null);
  assert.deepEqual((await get(x)).jointExplanation?.bills.map((b) => b.id), [y]);
  assert.deepEqual((await get(y)).jointExplanation?.bills.map((b) => b.id), [x]);
});

test('R-B5: refused when the presenter does not fit a proposer, the meetings differ, a bill is listed twice or unknown; nothing changes', async () => {
  const accounts = await bill('final_accounts', '关于批准2032年市级财政决算的议案', 'government');
  const court = await bill('decision', '关于法院某事项的决定（草案）', 'court');
  const later = await bill('budget_adjustment', '关于批准2032年市级预算调整方案的议案', 'government', laterMeetingId);
  const before = await t.yishi.handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();

  const wrong = await present(accounts, { ...finance, jointWith: [court] });
  expectRefusal(wrong, 422, 'R-B5', 'PRESENTER_NOT_ALLOWED');
  assert.equal(wrong.body.details?.billId, court);
  expectRefusal(await present(accounts, { ...finance, jointWith: [later] }), 422, 'R-B5', 'JOINT_DIFFERENT_MEETINGS');
  expectRefusal(await present(accounts, { ...finance, jointWith: [accounts] }), 422, 'R-B5', 'JOINT_BILL_REPEATED');
  expectRefusal(await present(accounts, { ...finance, jointWith: ['00000000-0000-4000-8000-000000000000'] }), 404);

  assert.equal((await get(accounts)).presenter, null);
  assert.equal((await get(court)).presenter, null);
  const afterCount = await t.yishi.handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(afterCount.n), Number(before.n), 'no audit entry for a refused command');
});
