// Oversight through HTTP: interpellations during a meeting (R-O6), audit rectification rates
// computed from the records (R-O8), reports with their deadline (R-O2) and opinion letters (R-O4).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors, type MemberRef, expectOk, expectRefusal, localToday, members, meetingIn, shiftDays } from './meetings.helpers.ts';

let t: TestApp;
let who: Actors;
let office: string;
let roster: MemberRef[];
let meetingId: string;

const count = async (table: 'interpellations' | 'interpellation_signers' | 'rectification_items') =>
  (await t.yishi.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

before(async () => {
  t = await startTestApp();
  who = new Actors(t);
  office = await who.token('office');
  roster = await members(t);
  meetingId = (await meetingIn(t, office, 'notified')).id;
});
after(() => t.close());

describe('R-O6 interpellations', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    meetingId,
    target: 'government_department',
    targetName: '鹤壁市生态环境局',
    question: '淇河流域水质监测点位不足的问题',
    content: '请说明监测点位布设情况及整改计划。',
    signers: roster.slice(8, 13).map((m) => m.id),
    ...over,
  });

  test('R-O6: not during a meeting in session → refused', async () => {
    expectRefusal(await t.request('POST', '/api/v1/interpellations', { token: office, body: body() }), 422, 'R-O6', 'NOT_IN_SESSION');
  });

  test('R-O6: four signers, no target, a target not in the list, no question → refused (citing the rule where it applies), nothing changed', async () => {
    await t.yishi.handle.db.updateTable('meetings').set({ state: 'in_session' }).where('id', '=', meetingId).execute();
    const [i, s] = [await count('interpellations'), await count('interpellation_signers')];
    expectRefusal(await t.request('POST', '/api/v1/interpellations', { token: office, body: body({ signers: roster.slice(8, 12).map((m) => m.id) }) }), 422, 'R-O6', 'TOO_FEW_SIGNERS');
    expectRefusal(await t.request('POST', '/api/v1/interpellations', { token: office, body: body({ target: undefined }) }), 422, 'R-O6', 'TARGET_REQUIRED');
    // The contract lists the targets allowed (InterpellationTarget): another is refused on validation, naming the list.
    const wrong = await t.request('POST', '/api/v1/interpellations', { token: office, body: body({ target: 'people_congress' }) });
    expectRefusal(wrong, 400, undefined, 'VALIDATION');
    assert.match(wrong.body.message_en, /\/target.*government.*procuratorate/);
    expectRefusal(await t.request('POST', '/api/v1/interpellations', { token: office, body: body({ question: '' }) }), 422, 'R-O6', 'QUESTION_REQUIRED');
    const p = await t.request('POST', `/api/v1/congresses/${t.hebiId}/people`, { token: office, body: { name: '非委员' } });
    expectRefusal(await t.request('POST', '/api/v1/interpellations', { token: office, body: body({ signers: [...roster.slice(8, 12).map((m) => m.id), p.body.id] }) }), 422, 'R-O6', 'SIGNER_NOT_MEMBER');
    assert.equal(await count('interpellations'), i);
    assert.equal(await count('interpellation_signers'), s);
  });

  test('R-O6: five signers → registered, routed to a committee, answered in writing signed by the principal head', async () => {
    const r = await t.request('POST', '/api/v1/interpellations', { token: office, body: body() });
    expectOk(r, 201);
    assert.equal(r.body.state, 'submitted');
    assert.equal(r.body.signers.length, 5);
    const id = r.body.id as string;
    expectRefusal(await t.request('POST', `/api/v1/interpellations/${id}/answer`, { token: office, body: { mode: 'oral', text: '答复' } }), 409, 'R-O6', 'INVALID_TRANSITION');
    expectRefusal(await t.request('POST', `/api/v1/interpellations/${id}/route`, { token: office, body: { route: 'committee' } }), 422, 'R-O6', 'COMMITTEE_REQUIRED');
    const routed = await t.request('POST', `/api/v1/interpellations/${id}/route`, { token: office, body: { route: 'committee', committee: '城乡建设环境资源保护委员会' } });
    expectOk(routed);
    assert.equal(routed.body.state, 'routed');
    expectRefusal(await t.request('POST', `/api/v1/interpellations/${id}/answer`, { token: office, body: { mode: 'written', text: '书面答复' } }), 422, 'R-O6', 'SIGNATURE_REQUIRED');
    const ans = await t.request('POST', `/api/v1/interpellations/${id}/answer`, { token: office, body: { mode: 'written', text: '书面答复', signedBy: '局长 某某' } });
    expectOk(ans);
    assert.equal(ans.body.state, 'answered');
    assert.equal(ans.body.answer.signedBy, '局长 某某');
    // Members read it.
    expectOk(await t.request('GET', `/api/v1/interpellations/${id}`, { token: await who.token('m20') }));
  });
});

describe('R-O8 rectification', () => {
  test('R-O8: 248 due, 224 rectified → 90.32%, computed from the items', async () => {
    const past = shiftDays(localToday(), -30);
    const items = Array.from({ length: 250 }, (_, i) => ({
      title: `审计发现问题${i + 1}`,
      dueDate: i < 248 ? past : shiftDays(localToday(), 60),
      status: i < 224 ? 'rectified' : 'in_progress',
    }));
    expectOk(await t.request('POST', `/api/v1/congresses/${t.hebiId}/rectification-items`, { token: office, body: { reportId: 'audit-2022', items } }), 201);
    expectOk(await t.request('POST', `/api/v1/congresses/${t.hebiId}/rectification-items`, { token: office, body: { reportId: 'other', items: [{ title: '另一报告', dueDate: past }] } }), 201);
    const s = await t.request('GET', `/api/v1/congresses/${t.hebiId}/rectification-summary?reportId=audit-2022`, { token: office });
    expectOk(s);
    assert.deepEqual(s.body, { due: 248, rectified: 224, rate: 90.32 });
    const all = await t.request('GET', `/api/v1/congresses/${t.hebiId}/rectification-summary`, { token: office });
    assert.deepEqual(all.body, { due: 249, rectified: 224, rate: 89.96 });

    // One more item rectified moves the rate: the figure is never typed in.
    const list = await t.request('GET', `/api/v1/congresses/${t.hebiId}/rectification-items?reportId=audit-2022`, { token: office });
    const open = list.body.find((x: { status: string; overdue: boolean }) => x.status === 'in_progress' && x.overdue);
    assert.ok(open);
    const u = await t.request('PATCH', `/api/v1/congresses/${t.hebiId}/rectification-items/${open.id}`, { token: office, body: { status: 'rectified' } });
    assert.equal(u.status, 204);
    const s2 = await t.request('GET', `/api/v1/congresses/${t.hebiId}/rectification-summary?reportId=audit-2022`, { token: office });
    assert.deepEqual(s2.body, { due: 248, rectified: 225, rate: 90.73 });
  });

  test('R-O8: bad input changes nothing', async () => {
    const n = await count('rectification_items');
    const r = await t.request('POST', `/api/v1/congresses/${t.hebiId}/rectification-items`, { token: office, body: { items: [{ title: 'x', dueDate: 'soon' }] } });
    assert.equal(r.status, 400);
    assert.equal(await count('rectification_items'), n);
  });
});

describe('R-O2 reports and R-O4 opinion letters', () => {
  test('R-O2: a report received after D − 3 is flagged late', async () => {
    const date = shiftDays(localToday(), 30);
    const m = await t.request('POST', '/api/v1/meetings', { token: office, body: { congressId: t.hebiId, kind: 'regular', date } });
    expectOk(m, 201);
    const base = { kind: 'audit', title: '关于2022年度市级预算执行和其他财政收支审计查出问题整改情况的报告', organ: '市人民政府', presenter: '某某', presenterPost: '市审计局局长', meetingId: m.body.id };
    expectOk(await t.request('POST', `/api/v1/congresses/${t.hebiId}/reports`, { token: office, body: { ...base, submittedOn: shiftDays(date, -3) } }), 201);
    expectOk(await t.request('POST', `/api/v1/congresses/${t.hebiId}/reports`, { token: office, body: { ...base, submittedOn: shiftDays(date, -2) } }), 201);
    const list = await t.request('GET', `/api/v1/congresses/${t.hebiId}/reports?meetingId=${m.body.id}`, { token: office });
    expectOk(list);
    assert.deepEqual(
      list.body.map((r: { late: boolean; deadline: string }) => [r.late, r.deadline]),
      [
        [false, shiftDays(date, -3)],
        [true, shiftDays(date, -3)],
      ],
    );
  });

  test('R-O4: an opinion letter goes to the organ with a due date; overdue ones are listed; the organ answers once', async () => {
    expectRefusal(await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { organ: '市生态环境局', opinions: [], dueDate: localToday() } }), 422, 'R-O4', 'OPINIONS_REQUIRED');
    const overdue = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, {
      token: office,
      body: { organ: '市生态环境局', opinions: ['加密淇河水质监测点位'], sentOn: shiftDays(localToday(), -90), dueDate: shiftDays(localToday(), -1) },
    });
    expectOk(overdue, 201);
    const current = await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters`, { token: office, body: { organ: '市财政局', opinions: ['规范预算调整程序'], dueDate: shiftDays(localToday(), 60) } });
    expectOk(current, 201);
    const late = await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinion-letters?overdue=true`, { token: office });
    expectOk(late);
    assert.deepEqual(
      late.body.map((l: { id: string }) => l.id),
      [overdue.body.id],
    );
    assert.equal((await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters/${overdue.body.id}/answer`, { token: office, body: { text: '已新增监测点位12个' } })).status, 204);
    expectRefusal(await t.request('POST', `/api/v1/congresses/${t.hebiId}/opinion-letters/${overdue.body.id}/answer`, { token: office, body: { text: '再次答复' } }), 409, 'R-O4', 'ALREADY_ANSWERED');
    const after = await t.request('GET', `/api/v1/congresses/${t.hebiId}/opinion-letters?overdue=true`, { token: office });
    assert.deepEqual(after.body, []);
  });
});
