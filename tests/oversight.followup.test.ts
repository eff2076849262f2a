// Follow-through through HTTP: opinion letters scoped to the handling unit they are addressed to
// (R-O4, R-O7), the progress tree rolling up (R-O8), the follow-up job's reminders (each once) and
// the overdue dashboard per organ.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { expectOk, expectRefusal } from './meetings.helpers.ts';

let t: TestApp;
let office: string;
let unitA: { id: string; name: string };
let unitB: { id: string; name: string };
let userA: string;

const count = async (table: 'followup_reminders' | 'followup_results' | 'audit_log') => (await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

before(async () => {
  t = await startTestApp();
  office = await t.login('office');
  const admin = await t.login('admin');
  const units = await t.yishi.handle.db.selectFrom('bodies').select(['id', 'name']).where('congress_id', '=', t.hebiId).where('kind', '=', 'handling_unit').orderBy('name').limit(2).execute();
  [unitA, unitB] = [units[0]!, units[1]!];
  const u = await t.request('POST', `/api/v1/congresses/${t.hebiId}/users`, { token: admin, body: { username: 'unit.a', displayName: '承办人', password: 'Passw0rd-unit-a', roles: ['handling_unit'] } });
  expectOk(u, 201);
  expectOk(await t.request('PUT', `/api/v1/congresses/${t.hebiId}/units/${unitA.id}/users/${u.body.id}`, { token: admin, body: { isHead: false } }), 204);
  userA = await t.login('unit.a', 'Passw0rd-unit-a');
});
after(() => t.close());

describe('R-O4: opinion letters to a handling unit', () => {
  let toA: string;
  let toB: string;
  before(async () => {
    const a = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unitA.id, opinions: ['加快整改进度'], sentOn: '2030-01-05', dueDate: '2030-03-01' } });
    expectOk(a, 201);
    toA = a.body.id as string;
    const b = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { unitId: unitB.id, opinions: ['完善制度'], sentOn: '2030-01-05', dueDate: '2030-03-01' } });
    toB = b.body.id as string;
  });

  test('R-O4: a letter names an organ or a unit; the unit’s name is the organ', async () => {
    expectRefusal(await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { opinions: ['意见'], dueDate: '2030-03-01' } }), 422, 'R-O4', 'ORGAN_REQUIRED');
    const list = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office })).body as { id: string; organ: string; unitId: string }[];
    assert.equal(list.find((l) => l.id === toA)?.organ, unitA.name);
    assert.ok(list.some((l) => l.id === toB));
  });

  test('R-O4: a handling unit’s user sees and answers only the letters to their unit', async () => {
    const mine = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: userA })).body as { id: string }[];
    assert.deepEqual(
      mine.map((l) => l.id),
      [toA],
    );
    expectRefusal(await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters/${toB}/answer`, { token: userA, body: { text: '已办理' } }), 404);
    const stillSent = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office })).body as { id: string; state: string }[];
    assert.equal(stillSent.find((l) => l.id === toB)?.state, 'sent');
    expectOk(await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters/${toA}/answer`, { token: userA, body: { text: '已按审议意见整改', answeredOn: '2030-02-20' } }), 204);
    const after = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: userA })).body as { state: string; answer: string }[];
    assert.equal(after[0]!.state, 'answered');
  });
});

describe('R-O6: interpellations routed to a handling unit', () => {
  test('R-O6: the unit sees and answers the interpellations routed to it, not another unit’s', async () => {
    const m = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date: '2030-01-20' } });
    await t.yishi.handle.db.updateTable('meetings').set({ state: 'in_session' }).where('id', '=', m.body.id).execute();
    const signers = ((await t.request('GET', `/api/v1/congresses/${t.hebiId}/members`)).body as { id: string }[]).slice(5, 10).map((x) => x.id);
    const make = async (unitId: string) => {
      const r = await t.request('POST', '/api/v1/interpellations', { token: office, body: { meetingId: m.body.id, target: 'government_department', targetName: '市生态环境局', question: '问题', content: '内容', signers } });
      expectOk(r, 201);
      expectOk(await t.request('POST', `/api/v1/interpellations/${r.body.id}/route`, { token: office, body: { route: 'plenary', unitId } }));
      return r.body.id as string;
    };
    const mineId = await make(unitA.id);
    const otherId = await make(unitB.id);
    const seen = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/interpellations`, { token: userA })).body as { id: string; unitId: string }[];
    assert.deepEqual(
      seen.map((x) => x.id),
      [mineId],
    );
    expectRefusal(await t.request('POST', `/api/v1/interpellations/${otherId}/answer`, { token: userA, body: { mode: 'written', text: '答复', signedBy: '局长' } }), 404);
    expectRefusal(await t.request('POST', `/api/v1/interpellations/${mineId}/answer`, { token: userA, body: { mode: 'written', text: '书面答复' } }), 422, 'R-O6', 'SIGNATURE_REQUIRED');
    const a = await t.request('POST', `/api/v1/interpellations/${mineId}/answer`, { token: userA, body: { mode: 'written', text: '书面答复', signedBy: '局长某某', date: '2030-02-01' } });
    expectOk(a);
    assert.equal(a.body.state, 'answered');
  });
});

describe('R-O8: the progress tree', () => {
  test('R-O8: a parent’s progress is the weighted mean of its children’s; it cannot be typed in', async () => {
    const url = `/api/v1/congresses/${t.hebiId}/followup-results`;
    const root = (await t.request('POST', url, { token: office, body: { title: '审计查出问题整改', dueDate: '2030-06-30' } })).body.id as string;
    const a = (await t.request('POST', url, { token: office, body: { parentId: root, title: '财政资金问题', weight: 3, progress: 100 } })).body.id as string;
    const b = (await t.request('POST', url, { token: office, body: { parentId: root, title: '专项资金问题', weight: 1, dueDate: '2030-02-01', unitId: unitB.id } })).body.id as string;
    const b1 = (await t.request('POST', url, { token: office, body: { parentId: b, title: '追回资金' } })).body.id as string;
    const b2 = (await t.request('POST', url, { token: office, body: { parentId: b, title: '完善制度' } })).body.id as string;
    expectOk(await t.request('PATCH', `${url}/${b1}`, { token: office, body: { progress: 50 } }), 204);
    const au = await count('audit_log');
    expectRefusal(await t.request('PATCH', `${url}/${b}`, { token: office, body: { progress: 90 } }), 409, 'R-O8', 'PARENT_PROGRESS_COMPUTED');
    assert.equal(await count('audit_log'), au);
    const tree = (await t.request('GET', `${url}?rootId=${root}`, { token: office })).body as { id: string; depth: number; progress: number; computed: boolean }[];
    const by = new Map(tree.map((n) => [n.id, n]));
    assert.deepEqual(
      tree.map((n) => n.depth),
      [0, 1, 1, 2, 2],
    );
    assert.equal(by.get(b)!.progress, 25); // (50 + 0) / 2
    assert.equal(by.get(root)!.progress, 81.3); // (100·3 + 25·1) / 4 = 81.25
    assert.equal(by.get(root)!.computed, true);
    assert.equal(by.get(a)!.computed, false);
    expectOk(await t.request('PATCH', `${url}/${b2}`, { token: office, body: { progress: 100 } }), 204);
    const again = (await t.request('GET', `${url}?rootId=${root}`, { token: office })).body as { id: string; progress: number }[];
    assert.equal(again.find((n) => n.id === root)!.progress, 93.8); // (300 + 75) / 4
  });
});

describe('reminders and the overdue dashboard', () => {
  test('the job creates each reminder once; the dashboard counts overdue items per organ from the records', async () => {
    const r = await t.request('POST', `/api/v1/congresses/${t.hebiId}/rectification-items`, {
      token: office,
      body: { reportId: 'audit-2030', items: [{ title: '问题一', unit: '市财政局', dueDate: '2030-02-10' }, { title: '问题二', unit: '市财政局', dueDate: '2030-03-30' }, { title: '问题三', unit: '市审计局', dueDate: '2030-02-01', status: 'rectified', rectifiedOn: '2030-01-20' }] },
    });
    expectOk(r, 201);
    const run = await t.request('POST', `/api/v1/congresses/${t.hebiId}/followup-run`, { token: office, body: { asOf: '2030-03-25' } });
    expectOk(run);
    // Overdue: letter to unit B (due 03-01), 问题一 (02-10), 专项资金问题's leaves have no due date; 追回资金 … none.
    // Due soon: 问题二 (03-30).
    assert.ok(run.body.remindersCreated >= 3);
    const n = await count('followup_reminders');
    const again = await t.request('POST', `/api/v1/congresses/${t.hebiId}/followup-run`, { token: office, body: { asOf: '2030-03-25' } });
    assert.equal(again.body.remindersCreated, 0);
    assert.equal(await count('followup_reminders'), n);

    const d = await t.request('GET', `/api/v1/congresses/${t.hebiId}/overdue-dashboard?asOf=2030-03-25`, { token: office });
    expectOk(d);
    const fin = (d.body.organs as { organ: string; overdue: number; dueSoon: number; byKind: Record<string, number> }[]).find((o) => o.organ === '市财政局');
    assert.deepEqual(fin && { overdue: fin.overdue, dueSoon: fin.dueSoon, rect: fin.byKind.rectification }, { overdue: 1, dueSoon: 1, rect: 1 });
    const b = (d.body.organs as { organ: string; overdue: number; byKind: Record<string, number> }[]).find((o) => o.organ === unitB.name);
    assert.equal(b?.byKind.opinion_letter, 1);
    assert.ok(!(d.body.organs as { organ: string }[]).some((o) => o.organ === '市审计局'), 'rectified items are not overdue');

    // The unit's user sees only reminders of their unit (none: their letter was answered).
    const mine = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/followup-reminders`, { token: userA })).body as { unitId: string }[];
    assert.ok(mine.every((x) => x.unitId === unitA.id));
    const all = (await t.request('GET', `/api/v1/congresses/${t.hebiId}/followup-reminders`, { token: office })).body as { unitId: string | null }[];
    assert.ok(all.some((x) => x.unitId === unitB.id));
    expectRefusal(await t.request('GET', `/api/v1/congresses/${t.hebiId}/overdue-dashboard`, { token: userA }), 403);
  });
});
