// The 6th meeting replayed: the import gives its agenda (15 items), attendance (30 present, 11 on
// leave), non-voting attendees and the personnel list; quorum is met (30 of 41, 21 needed); the
// import is idempotent; the replay script runs it through the API to the close.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiClient, replay } from '../scripts/replay.ts';
import { SYSTEM_ACTOR, importFixture, readFixture } from '../server/modules/imports/import-fixture.ts';
import { DEMO_PASSWORD, type TestApp, startTestApp } from './harness.ts';

let t: TestApp;
let meetingId: string;
let office: string;

before(async () => {
  t = await startTestApp();
  office = await t.login('office');
  const list = await t.request('GET', `/api/v1/congresses/${t.hebiId}/meetings`);
  meetingId = list.body.find((m: { number: number }) => m.number === 6).id;
});
after(() => t.close());

const tableCounts = async () => {
  const db = t.yishi.handle.db;
  const out: Record<string, number> = {};
  for (const table of ['meetings', 'agenda_items', 'attendance', 'meeting_attendees', 'personnel_proposals', 'people', 'audit_log'] as const) {
    out[table] = (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  }
  return out;
};

void test('the import gives the meeting as the gazette titles it, presided by 尚欣 (R-M2)', async () => {
  const m = await t.request('GET', `/api/v1/meetings/${meetingId}`);
  assert.equal(m.status, 200);
  assert.equal(m.body.title, '鹤壁市第十二届人民代表大会常务委员会第六次会议');
  assert.equal(m.body.date, '2023-08-24');
  assert.equal(m.body.kind, 'regular');
  assert.equal(m.body.number, 6);
  assert.equal(m.body.termNumber, 12);
  assert.equal(m.body.presidingPersonName, '尚欣');
  assert.equal(m.body.state, 'notified');
});

void test('the agenda has 15 items in order, with the gazette’s outcome kept for the replay', async () => {
  const m = await t.request('GET', `/api/v1/meetings/${meetingId}`);
  const items = m.body.agendaItems as { position: number; kind: string; title: string; presenter: string | null; details: { gazetteOutcome: string; sourceKind: string } }[];
  assert.equal(items.length, 15);
  assert.deepEqual(
    items.map((i) => i.position),
    Array.from({ length: 15 }, (_, i) => i + 1),
  );
  assert.equal(items[0]?.title, '听取市政府关于2023年全市经济社会发展情况的通报');
  assert.equal(items[0]?.presenter, '李可');
  assert.equal(items[1]?.kind, 'bill');
  assert.equal(items[14]?.kind, 'personnel');
  assert.equal(items.filter((i) => i.details.gazetteOutcome === 'passed').length, 9);
  assert.equal(items[11]?.details.sourceKind, 'rules');
});

void test('attendance: 30 present, 11 on leave; getQuorum {members: 41, present: 30, required: 21, met: true} (R-M3)', async () => {
  const a = await t.request('GET', `/api/v1/meetings/${meetingId}/attendance`);
  assert.equal(a.status, 200);
  assert.equal(a.body.filter((r: { status: string }) => r.status === 'present').length, 30);
  assert.equal(a.body.filter((r: { status: string }) => r.status === 'leave').length, 11);
  const q = await t.request('GET', `/api/v1/meetings/${meetingId}/quorum`);
  assert.deepEqual({ members: q.body.members, present: q.body.present, required: q.body.required, met: q.body.met }, { members: 41, present: 30, required: 21, met: true });
  const rep = await t.request('GET', `/api/v1/meetings/${meetingId}/attendance-report`, { token: office });
  assert.equal(rep.body.summary_zh, '应到41人，实到30人，请假11人，符合法定人数');
});

void test('the attendance list prints exactly as the gazette’s lines 2332–2352', async () => {
  const r = await t.request('GET', `/api/v1/meetings/${meetingId}/attendance-list`);
  assert.equal(r.status, 200);
  assert.equal(
    r.body.text,
    [
      '鹤壁市十二届人大常委会第六次会议出缺席人员名单',
      '副主任：尚欣 王海涛 李杰 郑志学',
      '秘书长：方在敏',
      '委员（以姓名笔画为序）：',
      '王士洁 王小强 王旭东 王学德 王烁',
      '王景娟 艾振军 朱国旺 刘增军 孙小珂',
      '孙炳良 李忠生 李树祝 辛晓哲 张玉兰',
      '张尚东 张新江 郑全智 郎付山 赵建波',
      '宣振喜 郭少锋 董文闯 韩玉生 薛松',
      '请假：史全新 郑辉 蔺其军 田锋 吕民民 刘文合',
      '刘砚娟 辛守勇 岳朝亚 秦天苍 郭得岁',
    ].join('\n'),
  );
});

void test('non-voting attendees by organ (R-M7): 39 people in 13 organs; deputies are invited', async () => {
  const r = await t.request('GET', `/api/v1/meetings/${meetingId}/attendee-list`);
  assert.equal(r.status, 200);
  assert.equal(r.body.groups.length, 13);
  assert.equal(r.body.groups.reduce((n: number, g: { names: string[] }) => n + g.names.length, 0), 39);
  assert.equal(r.body.groups.find((g: { organ: string }) => g.organ === '市人大代表').category, 'invited');
  assert.equal(r.body.groups.find((g: { organ: string }) => g.organ === '市人民政府').category, 'mandatory');
  assert.match(r.body.text, /\n市监察委员会\t王丽红、王 伟\n/);
});

void test('the personnel list: 12 acts of the 任免名单 in three groups, then the two decisions, each with a person', async () => {
  const r = await t.request('GET', `/api/v1/meetings/${meetingId}/personnel`, { token: office });
  assert.equal(r.status, 200);
  const rows = r.body as { section: string; group: number; act: string; actZh: string; personId: string | null; personName: string; post: string; agendaItemId: string | null }[];
  assert.equal(rows.length, 14);
  assert.deepEqual(
    rows.filter((x) => x.section === 'list').map((x) => x.group),
    [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3],
  );
  assert.deepEqual(rows[0], { ...rows[0], act: 'decide_appoint', actZh: '决定任命', personName: '牛海民', post: '鹤壁市发展和改革委员会主任' });
  assert.equal(rows[4]?.personName, '牛海民');
  assert.equal(rows[4]?.act, 'decide_remove');
  assert.equal(rows[4]?.personId, rows[0]?.personId, 'one person, two acts');
  assert.deepEqual(
    rows.slice(12).map((x) => [x.act, x.personName]),
    [
      ['accept_resignation', '牛晓丽'],
      ['decide_acting', '苏康健'],
    ],
  );
  assert.ok(rows.every((x) => x.personId !== null && x.agendaItemId !== null));
  // The public sees the list once the meeting has closed, not before.
  assert.deepEqual((await t.request('GET', `/api/v1/meetings/${meetingId}/personnel`)).body, []);
});

void test('importing again changes nothing', async () => {
  const before = await tableCounts();
  const res = await importFixture({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR }, readFixture(t.config.fixturePath), DEMO_PASSWORD);
  assert.equal(res.created, 0);
  assert.deepEqual(await tableCounts(), before);
});

void test('the replay script runs the meeting through the API: opened with quorum, votes by the real rule, closed', async () => {
  const client: ApiClient = { request: (method, path, body, token) => t.request(method, path, { ...(body !== undefined ? { body } : {}), ...(token ? { token } : {}) }) };
  const lines: string[] = [];
  const s = await replay(client, { password: DEMO_PASSWORD, log: (l) => lines.push(l) });
  assert.equal(s.agendaItems, 15);
  assert.equal(s.present, 30);
  assert.equal(s.onLeave, 11);
  assert.deepEqual(s.quorum, { members: 41, present: 30, required: 21, met: true });
  assert.equal(s.state, 'closed');
  assert.ok(lines.includes('本次会议应到41人，实到30人，请假11人，符合法定人数（至少21人）'), lines.join('\n'));
  const m = await t.request('GET', `/api/v1/meetings/${meetingId}`, { token: office });
  const outcomes = m.body.agendaItems.map((i: { outcome: string }) => i.outcome);
  const spec = (await t.request('GET', '/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { operationId?: string }>> };
  const hasPolls = Object.values(spec.paths).some((p) => Object.values(p).some((o) => o.operationId === 'createPoll'));
  assert.equal(s.votes !== null, hasPolls, 'votes are replayed exactly when the polls API is there');
  if (s.votes !== null) {
    // 8 items voted whole, and the personnel list person by person: 12 + 2 polls.
    assert.equal(s.votes.length, 8 + 14);
    for (const v of s.votes) assert.deepEqual({ yes: v.yes, required: v.required, passed: v.passed }, { yes: 30, required: 21, passed: true }, v.subject);
    assert.deepEqual(outcomes, ['heard', 'deliberated', 'deliberated', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'deliberated', 'deliberated', 'passed', 'passed', 'deliberated', 'passed']);
  }
  const again = await replay(client, { password: DEMO_PASSWORD });
  assert.equal(again.alreadyClosed, true);
});
