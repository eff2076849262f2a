// Special inquiries and work evaluations (R-O5) and investigation committees (R-B11) through HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { type MemberRef, expectOk, expectRefusal, members } from './meetings.helpers.ts';

let t: TestApp;
let office: string;
let roster: MemberRef[];
const count = async (table: 'special_inquiries' | 'investigation_committees' | 'audit_log') => (await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

before(async () => {
  t = await startTestApp();
  office = await t.login('office');
  roster = await members(t);
});
after(() => t.close());

describe('R-O5 special inquiries', () => {
  const url = () => `/api/v1/congresses/${t.hebiId}/special-inquiries`;

  test('R-O5: five members or ten deputies in writing; fewer is refused and nothing changes', async () => {
    const n = await count('special_inquiries');
    const four = roster.slice(0, 4).map((m) => m.id);
    expectRefusal(await t.request('POST', url(), { token: office, body: { kind: 'inquiry', topic: '关于养老服务工作的专题询问', proposer: { type: 'members', signers: four } } }), 422, 'R-O5', 'TOO_FEW_SIGNERS');
    const nine = Array.from({ length: 9 }, (_, i) => `代表${i + 1}`);
    expectRefusal(await t.request('POST', url(), { token: office, body: { kind: 'evaluation', topic: '工作评议', proposer: { type: 'deputies', signers: nine } } }), 422, 'R-O5', 'TOO_FEW_SIGNERS');
    expectRefusal(await t.request('POST', url(), { token: office, body: { kind: 'inquiry', topic: '询问', proposer: { type: 'committee' } } }), 422, 'R-O5', 'COMMITTEE_REQUIRED');
    assert.equal(await count('special_inquiries'), n);
    expectOk(await t.request('POST', url(), { token: office, body: { kind: 'evaluation', topic: '工作评议', proposer: { type: 'deputies', signers: [...nine, '代表10'] } } }), 201);
  });

  test('R-O5: questions and answers are recorded, opinions sent with a due date, then the report comes back — in that order', async () => {
    const r = await t.request('POST', url(), {
      token: office,
      body: { kind: 'inquiry', topic: '关于城乡居民养老保险工作的专题询问', proposer: { type: 'members', signers: roster.slice(0, 5).map((m) => m.id) }, organs: ['市人力资源和社会保障局'] },
    });
    expectOk(r, 201);
    const id = r.body.id as string;
    expectRefusal(await t.request('POST', `${url()}/${id}/report`, { token: office, body: { text: '报告', reportedOn: '2030-05-01' } }), 409, 'R-O5', 'INVALID_TRANSITION');
    expectRefusal(await t.request('POST', `${url()}/${id}/opinions`, { token: office, body: { opinions: ['意见'], sentOn: '2030-03-01', dueDate: '2030-06-01' } }), 409, 'R-O5', 'INVALID_TRANSITION');
    expectOk(await t.request('POST', `${url()}/${id}/qa`, { token: office, body: { askedBy: roster[5]!.name, question: '参保率如何提高？', answeredBy: '市人力资源和社会保障局局长', answer: '将开展扩面行动。' } }), 204);
    expectRefusal(await t.request('POST', `${url()}/${id}/opinions`, { token: office, body: { opinions: ['意见'], sentOn: '2030-03-01', dueDate: '2030-03-01' } }), 422, 'R-O5', 'DUE_DATE_INVALID');
    expectOk(await t.request('POST', `${url()}/${id}/opinions`, { token: office, body: { opinions: ['扩大参保覆盖面'], sentOn: '2030-03-01', dueDate: '2030-06-01' } }), 204);
    expectOk(await t.request('POST', `${url()}/${id}/report`, { token: office, body: { text: '已按询问意见办理', reportedOn: '2030-05-28' } }), 204);
    const list = (await t.request('GET', url(), { token: office })).body as { id: string; state: string; qa: unknown[]; dueDate: string; report: { reportedOn: string } }[];
    const q = list.find((x) => x.id === id)!;
    assert.equal(q.state, 'reported');
    assert.equal(q.qa.length, 1);
    assert.equal(q.dueDate, '2030-06-01');
    assert.equal(q.report.reportedOn, '2030-05-28');
  });
});

describe('R-B11 investigation committees', () => {
  const url = () => `/api/v1/congresses/${t.hebiId}/investigations`;

  test('R-B11: the chair is a member; the committee reports, and the Standing Committee acts on it by a resolution', async () => {
    const ms = roster.slice(0, 3).map((m) => m.id);
    const n = await count('investigation_committees');
    expectRefusal(await t.request('POST', url(), { token: office, body: { question: '某特定问题', mandate: '调查', establishedOn: '2030-01-10', chairId: roster[10]!.id, memberIds: ms } }), 422, 'R-B11', 'CHAIR_NOT_MEMBER');
    assert.equal(await count('investigation_committees'), n);
    const r = await t.request('POST', url(), { token: office, body: { question: '关于某特定问题', mandate: '查明事实，提出报告', establishedOn: '2030-01-10', chairId: ms[0], memberIds: ms } });
    expectOk(r, 201);
    const id = r.body.id as string;
    const bill = await t.request('POST', '/api/v1/bills', { token: office, body: { congressId: t.hebiId, kind: 'decision', title: '关于某特定问题调查报告的决议（草案）', proposer: { type: 'council' } } });
    expectRefusal(await t.request('POST', `${url()}/${id}/conclusion`, { token: office, body: { resolutionBillId: bill.body.id } }), 409, 'R-B11', 'INVALID_TRANSITION');
    expectOk(await t.request('POST', `${url()}/${id}/report`, { token: office, body: { text: '调查报告', reportedOn: '2030-04-01' } }), 204);
    expectOk(await t.request('POST', `${url()}/${id}/conclusion`, { token: office, body: { resolutionBillId: bill.body.id } }), 204);
    const list = (await t.request('GET', url(), { token: office })).body as { id: string; state: string; chair: { name: string }; members: unknown[]; resolutionBillId: string }[];
    const c = list.find((x) => x.id === id)!;
    assert.equal(c.state, 'concluded');
    assert.equal(c.chair.name, roster[0]!.name);
    assert.equal(c.members.length, 3);
    assert.equal(c.resolutionBillId, bill.body.id);
  });
});
