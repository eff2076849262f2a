// Conflicting bill commands fired at once through HTTP: exactly one succeeds, the other is refused
// with 409 (CONCURRENT_CHANGE or the rule's own conflict), the bill ends in the winner's state, and the
// audit chain holds one entry for the transition. The order of firing alternates between rounds.
// On SQLite the app runs one transaction at a time, so the loser reads the winner's result inside its
// own transaction: the stale read is therefore also staged deterministically (interleave.ts), and the
// guarded write itself is tested on both databases with a stale row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { inTx, withdrawBill } from '../server/modules/bills/bills.commands.ts';
import { recordBillVote } from '../server/modules/bills/bills.vote.ts';
import { linkBillAgendaItem, recordBillReading } from '../server/modules/bills/stages.commands.ts';
import { findBill, moveBill } from '../server/modules/bills/bills.repo.ts';
import { SYSTEM_ACTOR } from '../server/modules/imports/import-fixture.ts';
import { type Ctx, runCommand } from '../server/platform/command.ts';
import { type Res, type TestApp, dbKind, startTestApp } from './harness.ts';
import { expectOk, localToday, shiftDays } from './meetings.helpers.ts';
import { type Call, type SeededMeeting, meetingViaApi, tokenFor } from './polls.helpers.ts';
import { ctxFor, interleaved } from './interleave.ts';

const ROUNDS = 10;
let t: TestApp;
let office: string;
let presiding: string;
let laterMeeting: string;
let hall: SeededMeeting;
const call: Call = (method, url, token, body) => t.request(method, url, { token, body });

const post = (url: string, body: unknown = {}) => () => t.request('POST', url, { token: office, body });
const billState = async (id: string) => (await findBill(t.yishi.handle.db, id))?.state;
async function audits(targetId: string, actions: string[]): Promise<string[]> {
  const rows = await t.yishi.handle.db.selectFrom('audit_log').select('action').where('target_id', '=', targetId).where('action', 'in', actions).execute();
  return rows.map((r) => r.action);
}
const count = async (table: 'bill_readings' | 'appointment_statements', billId: string) =>
  (await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('bill_id', '=', billId).executeTakeFirstOrThrow()).n;

/**
 * Fires both commands at once (in the given order) and checks that exactly one succeeded and the
 * other was refused with a 409 in both languages; returns which one won.
 */
async function race(round: number, a: () => Promise<Res>, b: () => Promise<Res>): Promise<0 | 1> {
  const [first, second] = round % 2 === 0 ? [a, b] : [b, a];
  const fired = await Promise.all([first(), second()]);
  const [ra, rb] = round % 2 === 0 ? fired : [fired[1], fired[0]];
  const results = [ra, rb];
  const won = results.filter((r) => r.status === 200);
  assert.equal(won.length, 1, `round ${round}: exactly one succeeds, got ${results.map((r) => `${r.status} ${JSON.stringify(r.body?.code ?? r.body?.state)}`).join(' / ')}`);
  const lost = results.find((r) => r.status !== 200)!;
  assert.equal(lost.status, 409, JSON.stringify(lost.body));
  assert.ok(lost.body.message_zh && lost.body.message_en, 'the refusal speaks both languages');
  return ra.status === 200 ? 0 : 1;
}

/**
 * The stale read, staged: `command` runs as the office, and right after its first read of the bill
 * `other` (an HTTP request) runs to completion. The command must then be refused with 409 `code`.
 */
async function afterOther(command: (ctx: Ctx) => Promise<unknown>, other: () => Promise<Res>, code: string): Promise<void> {
  const ctx = await ctxFor(t, office, interleaved(t.yishi.handle.db, 'bills', async () => expectOk(await other())));
  await assert.rejects(command(ctx), (e: { status?: number; code?: string }) => {
    assert.equal(e.status, 409);
    assert.ok(e.code === code || e.code === 'CONCURRENT_CHANGE', `${String(e.code)} (expected ${code})`);
    return true;
  });
}

async function newBill(body: Record<string, unknown>): Promise<{ id: string; state: string }> {
  const r = await t.request('POST', '/api/v1/bills', { token: office, body: { congressId: t.hebiId, kind: 'decision', title: '关于某事项的决定（草案）', ...body } });
  expectOk(r, 201);
  return r.body;
}

/** A closed poll on an agenda item of the sitting meeting. */
async function closedPollOn(agendaItemId: string): Promise<void> {
  const p = await t.request('POST', '/api/v1/polls', { token: office, body: { meetingId: hall.meetingId, agendaItemId, subject: '表决', kind: 'analog' } });
  expectOk(p, 201);
  expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/open`, { token: presiding }));
  expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/analog-result`, { token: presiding, body: { totals: { yes: 25, no: 2, abstain: 1 } } }));
  expectOk(await t.request('POST', `/api/v1/polls/${p.body.id}/close`, { token: presiding }));
}

before(async () => {
  t = await startTestApp();
  office = await t.login('office');
  const m = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date: shiftDays(localToday(), 60) } });
  expectOk(m, 201);
  laterMeeting = m.body.id as string;
  const items = Array.from({ length: 2 * ROUNDS + 2 }, (_, i) => ({ kind: 'resolution' as const, title: `审议事项${i + 1}` }));
  hall = await meetingViaApi(call, t.yishi.handle.db, office, t.hebiId, { items });
  presiding = await tokenFor(t.yishi.handle.db, hall.members.find((x) => x.name === '尚欣')!.username!);
  // The polls close before any bill is on their items, so the poll-closed subscriber has nothing to record.
  for (const item of [...hall.items.slice(0, ROUNDS), hall.items[2 * ROUNDS + 1]!]) await closedPollOn(item.id);
});
after(() => t.close());

describe(`bills: conflicting commands at once (${dbKind})`, () => {
  test('R-B9 / R-B1: withdrawal and not placing a submitted bill — one of the two', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const b = await newBill({ proposer: { type: 'organ', organ: 'government' }, targetMeetingId: laterMeeting, submittedOn: localToday() });
      assert.equal(b.state, 'submitted');
      const w = await race(i, post(`/api/v1/bills/${b.id}/withdraw`, { councilConsentDate: localToday(), reason: '提案人要求撤回' }), post(`/api/v1/bills/${b.id}/decision`, { decision: 'notPlace', note: '条件尚不成熟' }));
      assert.equal(await billState(b.id), w === 0 ? 'withdrawn' : 'not_placed');
      assert.deepEqual(await audits(b.id, ['bill.withdrawn', 'bill.notPlace']), [w === 0 ? 'bill.withdrawn' : 'bill.notPlace']);
    }
  });

  test('R-B10 / R-V6: holding the vote and recording it — one of the two', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const item = hall.items[i]!;
      const b = await newBill({ proposer: { type: 'council' }, targetMeetingId: hall.meetingId });
      assert.equal(b.state, 'placed');
      expectOk(await t.request('POST', `/api/v1/bills/${b.id}/agenda-item`, { token: office, body: { agendaItemId: item.id } }));
      const w = await race(i, post(`/api/v1/bills/${b.id}/vote`), post(`/api/v1/bills/${b.id}/hold`, { councilDate: '2023-08-24', reason: '发现重大问题需要进一步研究', committee: '法制委员会' }));
      assert.equal(await billState(b.id), w === 0 ? 'passed' : 'held');
      assert.deepEqual(await audits(b.id, ['bill.voted', 'bill.held']), [w === 0 ? 'bill.voted' : 'bill.held']);
    }
  });

  test('a command that read the bill before another command moved it is refused (withdraw after not placing; vote after holding)', async () => {
    const b = await newBill({ proposer: { type: 'organ', organ: 'government' }, targetMeetingId: laterMeeting, submittedOn: localToday() });
    await afterOther((ctx) => withdrawBill(ctx, b.id, { councilConsentDate: localToday() }), post(`/api/v1/bills/${b.id}/decision`, { decision: 'notPlace', note: '条件尚不成熟' }), 'INVALID_TRANSITION');
    assert.equal(await billState(b.id), 'not_placed');
    assert.deepEqual(await audits(b.id, ['bill.withdrawn', 'bill.notPlace']), ['bill.notPlace']);

    const v = await newBill({ proposer: { type: 'council' }, targetMeetingId: hall.meetingId });
    expectOk(await t.request('POST', `/api/v1/bills/${v.id}/agenda-item`, { token: office, body: { agendaItemId: hall.items[2 * ROUNDS + 1]!.id } }));
    await afterOther((ctx) => recordBillVote(ctx, v.id, {}), post(`/api/v1/bills/${v.id}/hold`, { councilDate: '2023-08-24', reason: '需要进一步研究', committee: '法制委员会' }), 'INVALID_TRANSITION');
    assert.equal(await billState(v.id), 'held');
    assert.deepEqual(await audits(v.id, ['bill.voted', 'bill.held']), ['bill.held']);
  });

  test('a guarded move refuses a stale read: the bill moved underneath, nothing is written', async () => {
    const b = await newBill({ proposer: { type: 'organ', organ: 'government' }, targetMeetingId: laterMeeting, submittedOn: localToday() });
    const stale = await findBill(t.yishi.handle.db, b.id);
    assert.equal(stale?.state, 'submitted');
    expectOk(await post(`/api/v1/bills/${b.id}/withdraw`, { councilConsentDate: localToday() })());
    const seq = async () => (await t.yishi.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq;
    const before = await seq();
    // A command that decided on the stale row (submitted → placed) is refused by the guard, with its audit entry.
    await assert.rejects(
      runCommand({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR }, async (tx, rec) => {
        rec.audit({ congressId: stale.congress_id, action: 'bill.place', targetType: 'bill', targetId: b.id });
        await moveBill(tx, stale, { state: 'placed' });
      }),
      (e: { status?: number; code?: string }) => e.status === 409 && e.code === 'CONCURRENT_CHANGE',
    );
    assert.equal(await billState(b.id), 'withdrawn');
    assert.equal(await seq(), before, 'no audit entry');
    // Read inside the transaction, the same command sees the withdrawal.
    const fresh = await t.yishi.handle.db.transaction().execute((tx) => inTx(tx, stale));
    assert.equal(fresh.state, 'withdrawn');
  });
});

describe(`bill stages: conflicting commands at once (${dbKind})`, () => {
  test('a command that read the bill before another command changed it is refused (a reading of a bill withdrawn meanwhile; an item taken meanwhile)', async () => {
    const r = await newBill({ kind: 'regulation', title: '鹤壁市某条例（草案）', proposer: { type: 'council' }, targetMeetingId: laterMeeting });
    const reading = { stage: 'first_deliberation' as const, date: '2023-04-18' };
    await afterOther((ctx) => recordBillReading(ctx, r.id, reading), post(`/api/v1/bills/${r.id}/withdraw`, { councilConsentDate: localToday() }), 'INVALID_TRANSITION');
    assert.equal(await count('bill_readings', r.id), 0);
    assert.deepEqual(await audits(r.id, ['bill.reading', 'bill.withdrawn']), ['bill.withdrawn']);

    const item = hall.items[2 * ROUNDS]!;
    const a = await newBill({ title: '甲决定', proposer: { type: 'council' }, targetMeetingId: hall.meetingId });
    const b = await newBill({ title: '乙决定', proposer: { type: 'council' }, targetMeetingId: hall.meetingId });
    await afterOther((ctx) => linkBillAgendaItem(ctx, a.id, { agendaItemId: item.id }), post(`/api/v1/bills/${b.id}/agenda-item`, { agendaItemId: item.id }), 'ITEM_TAKEN');
    const linked = await t.yishi.handle.db.selectFrom('bills').select('id').where('agenda_item_id', '=', item.id).execute();
    assert.deepEqual(linked.map((x) => x.id), [b.id]);
  });

  test('R-B6: the first deliberation recorded twice at once is kept once', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const b = await newBill({ kind: 'regulation', title: `鹤壁市某条例（草案）${i}`, proposer: { type: 'council' }, targetMeetingId: laterMeeting });
      const reading = post(`/api/v1/bills/${b.id}/readings`, { stage: 'first_deliberation', date: '2023-04-18' });
      await race(i, reading, reading);
      assert.equal(await count('bill_readings', b.id), 1);
      assert.deepEqual(await audits(b.id, ['bill.reading']), ['bill.reading']);
    }
  });

  test('R-B4: a nominee’s statement before appointment recorded twice at once is kept once', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const persons = [{ name: `拟任局长${i}`, post: '鹤壁市财政局局长', particulars: '男，汉族', reasons: '工作需要' }];
      const b = await newBill({ kind: 'personnel', title: `关于任免拟任局长${i}的议案`, proposer: { type: 'organ', organ: 'government' }, persons, targetMeetingId: laterMeeting, submittedOn: localToday() });
      const statement = post(`/api/v1/bills/${b.id}/statements`, { name: persons[0]!.name, date: '2023-08-24' });
      await race(i, statement, statement);
      assert.equal(await count('appointment_statements', b.id), 1);
      assert.deepEqual(await audits(b.id, ['bill.statement']), ['bill.statement']);
    }
  });

  test('two bills linked to one agenda item at once: the item goes to one of them', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const item = hall.items[ROUNDS + i]!;
      const a = await newBill({ title: `甲决定${i}`, proposer: { type: 'council' }, targetMeetingId: hall.meetingId });
      const b = await newBill({ title: `乙决定${i}`, proposer: { type: 'council' }, targetMeetingId: hall.meetingId });
      const w = await race(i, post(`/api/v1/bills/${a.id}/agenda-item`, { agendaItemId: item.id }), post(`/api/v1/bills/${b.id}/agenda-item`, { agendaItemId: item.id }));
      const linked = await t.yishi.handle.db.selectFrom('bills').select('id').where('agenda_item_id', '=', item.id).execute();
      assert.deepEqual(linked.map((r) => r.id), [w === 0 ? a.id : b.id]);
      assert.deepEqual([...(await audits(a.id, ['bill.agenda_item_linked'])), ...(await audits(b.id, ['bill.agenda_item_linked']))], ['bill.agenda_item_linked']);
    }
  });
});
