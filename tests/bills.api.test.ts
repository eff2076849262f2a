// Bills through HTTP (议事规则 art. 17–29): proposer eligibility and joint co-signing (R-B1), the
// deadline against the target meeting (R-B2, R-B8) with the council's override, the council's
// decision, withdrawal (R-B9), hold and send back (R-B10) and the dated history (R-B12).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors, type MemberRef, expectOk, expectRefusal, localToday, members, shiftDays, username } from './meetings.helpers.ts';

let t: TestApp;
let who: Actors;
let office: string;
let roster: MemberRef[];
let meetingId: string;
let meetingDate: string;

const countBills = async () => (await t.yishi.handle.db.selectFrom('bills').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const countActions = async () => (await t.yishi.handle.db.selectFrom('bill_actions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

async function meeting(kind: 'regular' | 'special', date: string): Promise<string> {
  const r = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind, date } });
  expectOk(r, 201);
  return r.body.id as string;
}

async function bill(body: Record<string, unknown>) {
  return t.request('POST', '/api/v1/bills', { token: office, body: { congressId: t.hebiId, kind: 'decision', title: '关于某事项的决定（草案）', ...body } });
}

before(async () => {
  t = await startTestApp();
  who = new Actors(t);
  office = await who.token('office');
  roster = await members(t);
  meetingDate = shiftDays(localToday(), 60);
  meetingId = await meeting('regular', meetingDate);
});
after(() => t.close());

describe('R-B1 proposers', () => {
  test('R-B1: an organ without the right is refused and nothing changes', async () => {
    const [n, a] = [await countBills(), await countActions()];
    // The contract lists the organs entitled (ProposingOrgan): another is refused on validation, naming the list.
    const r = await bill({ proposer: { type: 'organ', organ: 'finance_bureau' } });
    expectRefusal(r, 400, undefined, 'VALIDATION');
    assert.match(r.body.message_en, /\/proposer\/organ.*government.*procuratorate/);
    expectRefusal(await bill({ proposer: { type: 'organ' } }), 422, 'R-B1', 'PROPOSER_NOT_ENTITLED');
    assert.equal(await countBills(), n);
    assert.equal(await countActions(), a);
  });

  test('R-B1: a council bill goes on the agenda directly', async () => {
    const r = await bill({ proposer: { type: 'council' }, targetMeetingId: meetingId });
    expectOk(r, 201);
    assert.equal(r.body.state, 'placed');
    const h = await t.request('GET', `/api/v1/bills/${r.body.id}/history`, { token: office });
    expectOk(h);
    assert.deepEqual(
      h.body.map((x: { classification: string }) => x.classification),
      ['introduction', 'placed-on-agenda'],
    );
    assert.equal(h.body[1].organization, '主任会议');
  });

  test('R-B1: four co-signers cannot submit; five must each confirm before submission', async () => {
    const four = roster.slice(10, 14).map((m) => m.id);
    const n = await countBills();
    expectRefusal(await bill({ proposer: { type: 'members', cosigners: four } }), 422, 'R-B1', 'TOO_FEW_COSIGNERS');
    assert.equal(await countBills(), n);

    const signers = roster.slice(10, 15);
    const r = await bill({ proposer: { type: 'members', cosigners: signers.map((m) => m.id) }, targetMeetingId: meetingId });
    expectOk(r, 201);
    const id = r.body.id as string;
    assert.equal(r.body.state, 'awaiting_cosigners');
    assert.deepEqual(r.body.allowedActions, ['submit', 'withdraw']);
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/submit`, { token: office, body: {} }), 422, 'R-B1', 'TOO_FEW_COSIGNERS');
    // Someone who did not sign cannot confirm for the bill.
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/cosign`, { token: await who.token(username(roster[20]!.rank)) }), 403);
    for (const s of signers.slice(0, 4)) expectOk(await t.request('POST', `/api/v1/bills/${id}/cosign`, { token: await who.token(username(s.rank)) }));
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/submit`, { token: office, body: {} }), 422, 'R-B1', 'TOO_FEW_COSIGNERS');
    expectOk(await t.request('POST', `/api/v1/bills/${id}/cosign`, { token: await who.token(username(signers[4]!.rank)) }));
    const s = await t.request('POST', `/api/v1/bills/${id}/submit`, { token: office, body: { submittedOn: shiftDays(meetingDate, -10) } });
    expectOk(s);
    assert.equal(s.body.state, 'submitted');
    assert.equal(s.body.late, false);
    assert.ok(s.body.cosigners.every((c: { confirmed: boolean }) => c.confirmed));

    // Not placing a joint bill: the council reports to the plenary or explains to the proposers.
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/decision`, { token: office, body: { decision: 'notPlace', note: '条件尚不成熟' } }), 422, 'R-B1', 'HANDLING_REQUIRED');
    const d = await t.request('POST', `/api/v1/bills/${id}/decision`, { token: office, body: { decision: 'notPlace', handling: 'explanation', note: '条件尚不成熟，已向提案人说明' } });
    expectOk(d);
    assert.equal(d.body.state, 'not_placed');
  });

  test('R-B1: a co-signer who is not a member of the Standing Committee is refused', async () => {
    const p = await t.request('POST', `/api/v1/congresses/${t.hebiId}/people`, { token: office, body: { name: '非委员' } });
    expectOk(p, 201);
    const cos = [...roster.slice(0, 4).map((m) => m.id), p.body.id as string];
    expectRefusal(await bill({ proposer: { type: 'members', cosigners: cos } }), 422, 'R-B1', 'COSIGNER_NOT_MEMBER');
  });
});

describe('R-B2 / R-B8 deadlines', () => {
  test('R-B2: received on D − 7 is on time; on D − 6 it is late and needs a recorded council override', async () => {
    const onTime = await bill({ proposer: { type: 'organ', organ: 'government' }, targetMeetingId: meetingId, submittedOn: shiftDays(meetingDate, -7) });
    expectOk(onTime, 201);
    assert.equal(onTime.body.late, false);
    assert.equal(onTime.body.deadline, shiftDays(meetingDate, -7));

    const late = await bill({ proposer: { type: 'organ', organ: 'court' }, targetMeetingId: meetingId, submittedOn: shiftDays(meetingDate, -6) });
    expectOk(late, 201);
    assert.equal(late.body.late, true);
    const id = late.body.id as string;
    const a = await countActions();
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/decision`, { token: office, body: { decision: 'place' } }), 409, 'R-B2', 'BILL_LATE');
    assert.equal(await countActions(), a);
    const placed = await t.request('POST', `/api/v1/bills/${id}/decision`, { token: await who.token(username(1)), body: { decision: 'place', overrideLate: true, councilDate: shiftDays(meetingDate, -5) } });
    expectOk(placed);
    assert.equal(placed.body.state, 'placed');
    assert.equal(placed.body.lateOverride, true);
  });

  test('R-B8: a plan adjustment is due 45 days before, a budget adjustment 30', async () => {
    const plan = await bill({ kind: 'plan_adjustment', proposer: { type: 'organ', organ: 'government' }, targetMeetingId: meetingId, submittedOn: shiftDays(meetingDate, -40) });
    expectOk(plan, 201);
    assert.equal(plan.body.late, true);
    assert.equal(plan.body.deadline, shiftDays(meetingDate, -45));
    const budget = await bill({ kind: 'budget_adjustment', proposer: { type: 'organ', organ: 'government' }, targetMeetingId: meetingId, submittedOn: shiftDays(meetingDate, -30) });
    expectOk(budget, 201);
    assert.equal(budget.body.late, false);
  });

  test('R-B2: special meetings are exempt', async () => {
    const special = await meeting('special', shiftDays(localToday(), 3));
    const r = await bill({ proposer: { type: 'organ', organ: 'procuratorate' }, targetMeetingId: special, submittedOn: localToday() });
    expectOk(r, 201);
    assert.equal(r.body.late, false);
    assert.equal(r.body.deadline, null);
  });
});

describe('council decisions, withdrawal and hold', () => {
  test('R-B1: refer to a committee for a report first, then place', async () => {
    const r = await bill({ proposer: { type: 'organ', organ: 'supervision_commission' }, targetMeetingId: meetingId, submittedOn: shiftDays(meetingDate, -20) });
    const id = r.body.id as string;
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/decision`, { token: office, body: { decision: 'refer' } }), 422, 'R-B1', 'COMMITTEE_REQUIRED');
    const ref = await t.request('POST', `/api/v1/bills/${id}/decision`, { token: office, body: { decision: 'refer', committee: '监察和司法委员会' } });
    expectOk(ref);
    assert.equal(ref.body.state, 'referred');
    expectOk(await t.request('POST', `/api/v1/bills/${id}/decision`, { token: office, body: { decision: 'place' } }));
    const h = await t.request('GET', `/api/v1/bills/${id}/history`, { token: office });
    assert.deepEqual(
      h.body.map((x: { classification: string }) => x.classification),
      ['introduction', 'referral-committee', 'placed-on-agenda'],
    );
    for (const x of h.body) assert.match(x.date, /^\d{4}-\d{2}-\d{2}$/);
  });

  test('R-B9: withdrawal before the vote with the council’s consent', async () => {
    const a = await bill({ proposer: { type: 'council' }, targetMeetingId: meetingId });
    const w = await t.request('POST', `/api/v1/bills/${a.body.id}/withdraw`, { token: office, body: { councilConsentDate: localToday(), reason: '提案人要求撤回' } });
    expectOk(w);
    assert.equal(w.body.state, 'withdrawn');
  });

  test('R-B10: the council holds the vote and sends the bill back', async () => {
    const b = await bill({ kind: 'regulation', proposer: { type: 'council' }, targetMeetingId: meetingId });
    const id = b.body.id as string;
    const h = await t.request('POST', `/api/v1/bills/${id}/hold`, { token: office, body: { councilDate: meetingDate, reason: '发现重大问题需要进一步研究', committee: '法制委员会' } });
    expectOk(h);
    assert.equal(h.body.state, 'held');
    assert.deepEqual(h.body.allowedActions, ['sendBack', 'withdraw']);
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/vote`, { token: office, body: {} }), 409, 'R-V6', 'INVALID_TRANSITION');
    const hist = (await t.request('GET', `/api/v1/bills/${id}/history`, { token: office })).body;
    assert.equal(hist.at(-1).classification, 'deferral');
    const back = await t.request('POST', `/api/v1/bills/${id}/send-back`, { token: office, body: { councilDate: meetingDate, note: '法制委员会已提出修改意见' } });
    expectOk(back);
    assert.equal(back.body.state, 'placed');
    expectRefusal(await t.request('POST', `/api/v1/bills/${id}/send-back`, { token: office, body: { councilDate: meetingDate } }), 409, 'R-B10', 'INVALID_TRANSITION');
  });

  test('listBills filters by meeting and state; members read, the public does not', async () => {
    const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/bills?meetingId=${meetingId}&state=placed`, { token: await who.token(username(20)) });
    expectOk(r);
    assert.ok(r.body.length >= 2);
    assert.ok(r.body.every((b: { state: string; targetMeetingId: string }) => b.state === 'placed' && b.targetMeetingId === meetingId));
    expectRefusal(await t.request('GET', `/api/v1/congresses/${t.hebiId}/bills`), 401);
  });
});

describe('R-B3 materials', () => {
  test('R-B3: a personnel bill without each person’s particulars and reasons is refused; with them it is kept', async () => {
    const n = await countBills();
    const persons = [{ name: '牛海民', post: '鹤壁市发展和改革委员会主任', particulars: '男，汉族，大学学历', reasons: '' }];
    expectRefusal(await bill({ kind: 'personnel', proposer: { type: 'organ', organ: 'government' }, persons }), 422, 'R-B3', 'MATERIALS_REQUIRED');
    assert.equal(await countBills(), n);
    const r = await bill({ kind: 'personnel', proposer: { type: 'organ', organ: 'government' }, persons: [{ ...persons[0], reasons: '工作需要' }] });
    expectOk(r, 201);
    assert.equal(r.body.persons[0].reasons, '工作需要');
  });
});
