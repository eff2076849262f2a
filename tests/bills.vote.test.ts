// Bills on the agenda and the vote read from the poll (R-V6, R-V5), readings of a regulation (R-B6),
// statements before appointment (R-B4), presenters (R-B5), numbered outcome documents, provincial
// approval and promulgation (R-B7), and no withdrawal after the vote (R-B9). Through HTTP.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { expectOk, expectRefusal } from './meetings.helpers.ts';
import { type Call, type SeededMeeting, meetingViaApi, tokenFor } from './polls.helpers.ts';

let t: TestApp;
let office: string;
let presiding: string;
let mtg: SeededMeeting;
const call: Call = (method, url, token, body) => t.request(method, url, { token, body });

const count = async (table: 'bills' | 'bill_actions' | 'outcome_documents' | 'audit_log') => (await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const getBill = async (id: string) => (await t.request('GET', `/api/v1/bills/${id}`, { token: office })).body;

/** The vote is recorded by the subscriber shortly after the poll closes. */
async function waitForState(id: string, states: string[]): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const b = await getBill(id);
    if (states.includes(b.state as string)) return b;
    await sleep(20);
  }
  return getBill(id);
}

async function placedBill(body: Record<string, unknown>): Promise<{ id: string; agendaItemId: string }> {
  const r = await t.request('POST', '/api/v1/bills', { token: office, body: { congressId: t.hebiId, targetMeetingId: mtg.meetingId, submittedOn: '2023-08-01', ...body } });
  expectOk(r, 201);
  let b = r.body;
  if (b.state === 'submitted') {
    const d = await t.request('POST', `/api/v1/bills/${b.id}/decision`, { token: office, body: { decision: 'place', councilDate: '2023-08-10' } });
    expectOk(d);
    b = d.body;
  }
  assert.equal(b.state, 'placed');
  assert.ok(b.agendaItemId, 'a placed bill gets an agenda item');
  return { id: b.id, agendaItemId: b.agendaItemId };
}

/** An analog poll (tellers' totals) on the item, run and closed by the presiding person. */
async function runPoll(agendaItemId: string, totals: { yes: number; no: number; abstain: number } | { candidates: { personId: string; yes: number; no: number; abstain: number }[] }, candidates?: unknown[]) {
  const p = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: mtg.meetingId, agendaItemId, subject: '表决', kind: 'analog', ...(candidates ? { candidates } : {}) } });
  expectOk(p, 201);
  expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/open`, { token: presiding }));
  expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/analog-result`, { token: presiding, body: 'candidates' in totals ? totals : { totals } }));
  expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/close`, { token: presiding }));
  return p.body.id as string;
}

before(async () => {
  t = await startTestApp();
  office = await t.login('office');
  mtg = await meetingViaApi(call, t.yishi.handle.db, office, t.hebiId, { state: 'notified', items: [{ kind: 'report', title: '听取和审议市人民政府关于某项工作的报告' }] });
  const shang = mtg.members.find((m) => m.name === '尚欣');
  presiding = await tokenFor(t.yishi.handle.db, shang!.username!);
});
after(() => t.close());

describe('placing a bill puts it on the meeting’s agenda', () => {
  test('R-B1: the council’s decision to place a bill adds its agenda item; a council bill gets one at once', async () => {
    const gov = await placedBill({ kind: 'decision', title: '关于某事项的决定（草案）', proposer: { type: 'organ', organ: 'government' } });
    const council = await placedBill({ kind: 'other', title: '关于召开市第十二届人民代表大会第三次会议的决定（草案）', proposer: { type: 'council' } });
    const m = await t.request('GET', `/api/v1/meetings/${mtg.meetingId}`, { token: office });
    expectOk(m);
    const items = m.body.agendaItems as { id: string; kind: string; title: string; details: { billId?: string } }[];
    const g = items.find((i) => i.id === gov.agendaItemId);
    assert.ok(g);
    assert.equal(g.details.billId, gov.id);
    assert.equal(g.kind, 'bill');
    assert.match(g.title, /市人民政府/);
    assert.equal(items.find((i) => i.id === council.agendaItemId)?.details.billId, council.id);
  });
});

describe('the vote is read from the poll', () => {
  let decisionBill: { id: string; agendaItemId: string };
  let regulation: { id: string; agendaItemId: string };
  let personnel: { id: string; agendaItemId: string };
  let nomineeId: string;

  before(async () => {
    decisionBill = await placedBill({ kind: 'decision', title: '关于批准2022年市级财政决算的决议（草案）', proposer: { type: 'organ', organ: 'government' } });
    regulation = await placedBill({ kind: 'regulation', title: '鹤壁市城市公园管理条例（草案）', proposer: { type: 'council' } });
    const p = await t.request('POST', `/api/v1/congresses/${t.hebiId}/people`, { token: office, body: { name: '拟任副市长' } });
    expectOk(p, 201);
    nomineeId = p.body.id as string;
    personnel = await placedBill({
      kind: 'personnel',
      title: '关于提请任命拟任副市长为鹤壁市人民政府副市长的议案',
      proposer: { type: 'organ', organ: 'government' },
      persons: [{ personId: nomineeId, name: '拟任副市长', post: '鹤壁市人民政府副市长', particulars: '男，汉族', reasons: '工作需要' }],
    });
    expectOk(await t.request('POST', `/api/v1/meetings/${mtg.meetingId}/open`, { token: office }));
  });

  test('R-V6: before the poll closes there is no vote to record', async () => {
    expectRefusal(await t.request('POST', `/api/v1/bills/${decisionBill.id}/vote`, { token: office, body: {} }), 409, 'R-V6', 'POLL_NOT_CLOSED');
    const unplaced = await t.request('POST', '/api/v1/bills', { token: office, body: { congressId: t.hebiId, kind: 'other', title: '无会议的议案', proposer: { type: 'council' } } });
    expectRefusal(await t.request('POST', `/api/v1/bills/${unplaced.body.id}/vote`, { token: office, body: {} }), 409, 'R-V6', 'NOT_ON_AGENDA');
  });

  test('R-V6: when the poll on the item closes, the bill is passed with the poll’s numbers in its history', async () => {
    await runPoll(decisionBill.agendaItemId, { yes: 26, no: 2, abstain: 1 });
    const b = await waitForState(decisionBill.id, ['passed', 'failed']);
    assert.equal(b.state, 'passed');
    assert.ok(b.pollId);
    const h = (await t.request('GET', `/api/v1/bills/${decisionBill.id}/history`, { token: office })).body as { classification: string; description: string; organization: string }[];
    const last = h.at(-1)!;
    assert.equal(last.classification, 'passage');
    assert.equal(last.organization, '常委会全体会议');
    assert.match(last.description, /赞成26票，反对2票，弃权1票/);
    // Recording again changes nothing.
    expectRefusal(await t.request('POST', `/api/v1/bills/${decisionBill.id}/vote`, { token: office, body: {} }), 409, 'R-V6', 'INVALID_TRANSITION');
  });

  test('R-B9: after the vote a withdrawal is refused and nothing changes', async () => {
    const [a, au] = [await count('bill_actions'), await count('audit_log')];
    expectRefusal(await t.request('POST', `/api/v1/bills/${decisionBill.id}/withdraw`, { token: office, body: { councilConsentDate: '2023-08-24' } }), 409, 'R-B9', 'BILL_ALREADY_VOTED');
    assert.equal((await getBill(decisionBill.id)).state, 'passed');
    assert.equal(await count('bill_actions'), a);
    assert.equal(await count('audit_log'), au);
  });

  test('outcome documents are numbered per series and year: 鹤常〔2023〕1号, 2号', async () => {
    expectRefusal(await t.request('POST', `/api/v1/bills/${decisionBill.id}/outcomes`, { token: office, body: { kind: 'resolution', date: '2023-08-24' } }), 422, undefined, 'SERIES_REQUIRED');
    const first = await t.request('POST', `/api/v1/bills/${decisionBill.id}/outcomes`, { token: office, body: { kind: 'resolution', series: '鹤常', date: '2023-08-24' } });
    expectOk(first);
    assert.equal(first.body.outcomes[0].docNo, '鹤常〔2023〕1号');
    assert.equal(first.body.outcomes[0].title, '关于批准2022年市级财政决算的决议');
    const second = await t.request('POST', `/api/v1/bills/${decisionBill.id}/outcomes`, { token: office, body: { kind: 'decision', date: '2023-09-01', title: '另一项决定' } });
    expectOk(second);
    assert.equal(second.body.outcomes[1].docNo, '鹤常〔2023〕2号');
    // Only a passed bill yields one.
    const n = await count('outcome_documents');
    expectRefusal(await t.request('POST', `/api/v1/bills/${regulation.id}/outcomes`, { token: office, body: { kind: 'decision', series: '鹤常', date: '2023-08-24' } }), 409, 'R-V6', 'BILL_NOT_PASSED');
    assert.equal(await count('outcome_documents'), n);
  });

  test('R-B7: only a regulation is reported for provincial approval', async () => {
    expectRefusal(await t.request('POST', `/api/v1/bills/${decisionBill.id}/approval-request`, { token: office, body: { date: '2023-08-30' } }), 422, 'R-B7', 'NOT_A_REGULATION');
  });

  test('R-B6: a regulation’s vote is not recorded before the Legal Committee’s unified review; readings go in order', async () => {
    await runPoll(regulation.agendaItemId, { yes: 27, no: 0, abstain: 2 });
    await sleep(100);
    assert.equal((await getBill(regulation.id)).state, 'placed', 'the subscriber does not record it');
    expectRefusal(await t.request('POST', `/api/v1/bills/${regulation.id}/vote`, { token: office, body: {} }), 409, 'R-B6', 'LEGAL_REVIEW_REQUIRED');
    expectRefusal(await t.request('POST', `/api/v1/bills/${regulation.id}/readings`, { token: office, body: { stage: 'legal_review', date: '2023-06-01' } }), 409, 'R-B6', 'FIRST_DELIBERATION_REQUIRED');
    expectRefusal(await t.request('POST', `/api/v1/bills/${regulation.id}/readings`, { token: office, body: { stage: 'further_reading', date: '2023-06-01' } }), 409, 'R-B6', 'LEGAL_REVIEW_REQUIRED');
    expectOk(await t.request('POST', `/api/v1/bills/${regulation.id}/readings`, { token: office, body: { stage: 'first_deliberation', date: '2023-04-18' } }));
    expectRefusal(await t.request('POST', `/api/v1/bills/${regulation.id}/readings`, { token: office, body: { stage: 'first_deliberation', date: '2023-04-19' } }), 409, 'R-B6', 'ALREADY_DELIBERATED');
    expectOk(await t.request('POST', `/api/v1/bills/${regulation.id}/readings`, { token: office, body: { stage: 'legal_review', date: '2023-08-15', note: '统一审议' } }));
    const r = await t.request('POST', `/api/v1/bills/${regulation.id}/readings`, { token: office, body: { stage: 'further_reading', date: '2023-08-24', meetingId: mtg.meetingId } });
    expectOk(r);
    assert.deepEqual(
      r.body.readings.map((x: { stage: string }) => x.stage),
      ['first_deliberation', 'legal_review', 'further_reading'],
    );
    assert.equal(r.body.readings[1].body, '法制委员会');
    const v = await t.request('POST', `/api/v1/bills/${regulation.id}/vote`, { token: office, body: {} });
    expectOk(v);
    assert.equal(v.body.state, 'passed');
  });

  test('R-B7: a passed regulation is reported, approved by the province, then promulgated — in that order', async () => {
    expectRefusal(await t.request('POST', `/api/v1/bills/${regulation.id}/promulgation`, { token: office, body: { date: '2023-10-01', announcementNo: '第1号' } }), 409, 'R-B7', 'INVALID_TRANSITION');
    expectOk(await t.request('POST', `/api/v1/bills/${regulation.id}/approval-request`, { token: office, body: { date: '2023-08-30' } }));
    expectOk(await t.request('POST', `/api/v1/bills/${regulation.id}/approval`, { token: office, body: { date: '2023-09-28', body: '河南省人民代表大会常务委员会' } }));
    const p = await t.request('POST', `/api/v1/bills/${regulation.id}/promulgation`, { token: office, body: { date: '2023-10-10', announcementNo: '第1号' } });
    expectOk(p);
    assert.equal(p.body.state, 'promulgated');
    assert.deepEqual(p.body.approval, { approvedOn: '2023-09-28', body: '河南省人民代表大会常务委员会', promulgatedOn: '2023-10-10', announcementNo: '第1号' });
    const h = (await t.request('GET', `/api/v1/bills/${regulation.id}/history`, { token: office })).body as { classification: string }[];
    assert.deepEqual(
      h.slice(-3).map((x) => x.classification),
      ['executive-receipt', 'became-law', 'publication'],
    );
  });

  test('R-B4: a nominee for vice-mayor speaks before appointment; without it the vote is not recorded', async () => {
    const before = await getBill(personnel.id);
    assert.deepEqual(before.statementsMissing, ['拟任副市长']);
    await runPoll(personnel.agendaItemId, { candidates: [{ personId: nomineeId, yes: 28, no: 0, abstain: 1 }] }, [{ personId: nomineeId, act: 'appoint', post: '鹤壁市人民政府副市长' }]);
    expectRefusal(await t.request('POST', `/api/v1/bills/${personnel.id}/vote`, { token: office, body: {} }), 409, 'R-B4', 'STATEMENT_REQUIRED');
    expectRefusal(await t.request('POST', `/api/v1/bills/${personnel.id}/statements`, { token: office, body: { name: '别人', date: '2023-08-24' } }), 422, 'R-B4', 'NOT_A_NOMINEE');
    expectOk(await t.request('POST', `/api/v1/bills/${personnel.id}/statements`, { token: office, body: { name: '拟任副市长', date: '2023-08-24', meetingId: mtg.meetingId } }));
    const v = await t.request('POST', `/api/v1/bills/${personnel.id}/vote`, { token: office, body: {} });
    expectOk(v);
    assert.equal(v.body.state, 'passed');
    assert.deepEqual(v.body.statementsMissing, []);
    const h = (await t.request('GET', `/api/v1/bills/${personnel.id}/history`, { token: office })).body as { description: string }[];
    assert.match(h.at(-1)!.description, /通过：拟任副市长/);
  });
});

describe('R-B5 presenters', () => {
  test('R-B5: a government bill is explained by the government’s head or a delegated department head, orally', async () => {
    const r = await t.request('POST', '/api/v1/bills', { token: office, body: { congressId: t.hebiId, kind: 'decision', title: '说明人测试', proposer: { type: 'organ', organ: 'government' } } });
    const id = r.body.id as string;
    const a = await count('audit_log');
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/presenter`, { token: office, body: { name: '某某', role: 'committee_head' } }), 422, 'R-B5', 'PRESENTER_NOT_ALLOWED');
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/presenter`, { token: office, body: { name: '某某', role: 'government_head', mode: 'written' } }), 422, 'R-B5', 'ORAL_EXPLANATION_REQUIRED');
    assert.equal(await count('audit_log'), a);
    const ok = await t.request('POST', `/api/v1/bills/${id}/presenter`, { token: office, body: { name: '王某', post: '市财政局局长', role: 'delegated_department_head' } });
    expectOk(ok);
    assert.deepEqual(ok.body.presenter, { name: '王某', post: '市财政局局长', role: 'delegated_department_head', mode: 'oral' });
  });
});
