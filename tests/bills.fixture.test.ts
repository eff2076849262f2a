// The gazette's 6th meeting loads as business: each bill item a bill placed on its agenda item with
// its proposer, presenter (R-B5), readings (R-B6) and outcome; each report with its presenter (R-O3);
// a second import changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { SYSTEM_ACTOR, importFixture, readFixture } from '../server/modules/imports/import-fixture.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors } from './meetings.helpers.ts';

interface BillOut {
  title: string;
  kind: string;
  state: string;
  agendaItemId: string | null;
  votedOn: string | null;
  proposer: { type: string; name: string };
  presenter: { name: string; post: string | null } | null;
  readings: { stage: string }[];
  statementsMissing: string[];
  persons: { name: string }[];
}
interface ReportOut {
  title: string;
  organ: string;
  presenter: string | null;
  presenterPost: string | null;
}

let t: TestApp;
let office: string;
let meetingId: string;

before(async () => {
  t = await startTestApp();
  office = await new Actors(t).token('office');
  meetingId = (await t.yishi.handle.db.selectFrom('meetings').select('id').where('congress_id', '=', t.hebiId).where('number', '=', 6).executeTakeFirstOrThrow()).id;
});
after(() => t.close());

const bills = async (): Promise<BillOut[]> => {
  const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/bills?meetingId=${meetingId}`, { token: office });
  assert.equal(r.status, 200);
  return r.body as BillOut[];
};
const reports = async (): Promise<ReportOut[]> => {
  const r = await t.request('GET', `/api/v1/congresses/${t.hebiId}/reports?meetingId=${meetingId}`, { token: office });
  assert.equal(r.status, 200);
  return r.body as ReportOut[];
};
const find = <T extends { title: string }>(rows: T[], part: string): T => {
  const x = rows.find((r) => r.title.includes(part));
  assert.ok(x, `${part} not in ${rows.map((r) => r.title).join(' | ')}`);
  return x;
};

test('the 6th meeting’s bill items load as bills with proposers, presenters, readings and outcomes', async () => {
  const list = await bills();
  assert.equal(list.length, 8); // items 2, 3, 4, 5, 12, 13, 14, 15
  assert.ok(list.every((b) => b.agendaItemId !== null));

  const weihe = find(list, '鹤壁市卫河保护条例（草案）');
  assert.equal(weihe.kind, 'regulation');
  assert.equal(weihe.proposer.name, '市人民政府');
  assert.deepEqual(weihe.presenter && { name: weihe.presenter.name, post: weihe.presenter.post }, { name: '杜永庆', post: '市政府副秘书长' });
  assert.equal(weihe.state, 'placed'); // deliberated, not voted on at this meeting
  assert.deepEqual(weihe.readings.map((r) => r.stage), ['first_deliberation']);

  const parks = find(list, '鹤壁市公园管理条例');
  assert.deepEqual(parks.readings.map((r) => r.stage), ['first_deliberation', 'legal_review', 'further_reading']);
  assert.equal(parks.state, 'placed');

  const accounts = find(list, '2022年市级财政决算');
  assert.equal(accounts.kind, 'final_accounts');
  assert.equal(accounts.state, 'passed');
  assert.equal(accounts.votedOn, '2023-08-24');
  assert.equal(accounts.presenter?.name, '王海军');

  assert.equal(find(list, '第一次预算调整方案').state, 'passed');

  const rules = find(list, '议事规则');
  assert.equal(rules.proposer.type, 'council');
  assert.equal(rules.proposer.name, '主任会议');
  assert.equal(rules.presenter?.name, '张尚东');
  assert.equal(rules.state, 'passed');

  const day = find(list, '人大代表为民服务活动日');
  assert.equal(day.kind, 'decision');
  assert.equal(day.presenter?.name, '王士洁');
  assert.equal(day.state, 'passed');

  assert.equal(find(list, '管理办法（草案）').state, 'placed');

  const personnel = find(list, '人事任免事项');
  assert.equal(personnel.kind, 'personnel');
  assert.equal(personnel.state, 'passed');
  assert.ok(personnel.persons.some((p) => p.name === '李晓晔'));
  assert.deepEqual(personnel.statementsMissing, []);

  const history = await t.request('GET', `/api/v1/bills/${(await t.yishi.handle.db.selectFrom('bills').select('id').where('title', 'like', '%议事规则%').executeTakeFirstOrThrow()).id}/history`, { token: office });
  assert.equal(history.status, 200);
  const actions = history.body as { classification: string; description: string }[];
  assert.equal(actions[0]?.classification, 'introduction');
  assert.equal(actions.at(-1)?.classification, 'passage');
});

test('the 6th meeting’s reports load with their presenters and organs', async () => {
  const list = await reports();
  const audit = find(list, '审计工作报告');
  assert.equal(audit.presenter, '李双兵');
  assert.equal(audit.presenterPost, '市审计局局长');
  assert.equal(audit.organ, '市审计局');
  const courts = find(list, '关于全市法院执行工作情况的专项工作报告');
  assert.equal(courts.presenter, '张开乐');
  assert.equal(courts.organ, '市中级人民法院');
  const disputes = find(list, '矛盾纠纷预防化解和“三零”创建工作情况的专项工作报告');
  assert.equal(disputes.presenter, '王福生');
  assert.equal(disputes.organ, '市人民政府');
  assert.equal(find(list, '专精特新”中小企业发展情况的专项工作报告').organ, '市工业和信息化局');
  assert.equal(find(list, '2023年全市经济社会发展情况的通报').presenter, '李可');
  assert.equal(list.length, 17); // the briefing and the 16 reports under items 4–11
});

test('a second import changes nothing', async () => {
  const before = { bills: (await bills()).length, reports: (await reports()).length };
  const res = await importFixture({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR }, readFixture(t.config.fixturePath), undefined);
  assert.equal(res.created, 0);
  assert.deepEqual({ bills: (await bills()).length, reports: (await reports()).length }, before);
});
