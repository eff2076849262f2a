// The gazette's 6th meeting loads as business: each bill item a bill placed on its agenda item with
// its proposer, presenter (R-B5), readings (R-B6) and outcome; each report with its presenter (R-O3);
// a second import changes nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { SYSTEM_ACTOR, importFixture, readFixture } from '../server/modules/imports/import-fixture.ts';
import { seedPath } from '../server/modules/imports/import-meeting-texts.ts';
import { type TestApp, startTestApp } from './harness.ts';
import { Actors } from './meetings.helpers.ts';

interface BillOut {
  title: string;
  kind: string;
  state: string;
  agendaItemId: string | null;
  votedOn: string | null;
  proposer: { type: string; organ: string | null; name: string };
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
  outcome: string | null;
  outcomeNote: string | null;
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

test('R-O4: each report carries the meeting’s outcome: heard, deliberated, adopted, or a resolution adopted on it', async () => {
  const list = await reports();
  const outcome = (part: string) => {
    const r = find(list, part);
    return [r.outcome, r.outcomeNote];
  };
  assert.deepEqual(outcome('2023年全市经济社会发展情况的通报'), ['heard', null]);
  // Item 4: the resolution approving the final accounts names the two reports and agrees the review report (L327).
  const accounts = ['鹤壁市人民代表大会常务委员会关于批准2022年市级财政决算的决议'];
  assert.deepEqual(outcome('2022年财政决算（草案）和2023年1—6月份财政预算执行情况的报告'), ['resolution_adopted', ...accounts]);
  assert.deepEqual(outcome('审计工作报告'), ['resolution_adopted', ...accounts]);
  assert.deepEqual(outcome('审查结果的报告'), ['resolution_adopted', ...accounts]);
  assert.deepEqual(outcome('2023年市级第一次预算调整方案的报告'), ['resolution_adopted', '鹤壁市人民代表大会常务委员会关于批准2023年市级第一次预算调整方案的决议']);
  // Items 6–9 voted through (the news, L7); the committee's own companion reports were heard with them.
  assert.deepEqual(outcome('关于2023年上半年国民经济和社会发展计划执行情况的报告'), ['adopted', null]);
  assert.deepEqual(outcome('初审情况报告'), ['heard', null]);
  assert.deepEqual(outcome('关于全市法院执行工作情况的专项工作报告'), ['adopted', null]);
  assert.deepEqual(outcome('关于全市法院执行工作情况的视察报告'), ['heard', null]);
  // Items 10 and 11 deliberated without a vote.
  assert.deepEqual(outcome('“三个一批”活动开展情况的专项工作报告'), ['deliberated', null]);
  assert.deepEqual(outcome('“专精特新”中小企业发展情况的调研报告'), ['deliberated', null]);
  assert.ok(list.every((r) => r.outcome !== null), 'every report of the 6th meeting has an outcome');
  assert.deepEqual(
    [...new Set(list.map((r) => r.outcome))].sort(),
    ['adopted', 'deliberated', 'heard', 'resolution_adopted'],
  );
});

test('items 3–5: the proposer is the gazette’s where it says (受市政府委托); the park regulation’s is the one left as a guess', async () => {
  const list = await bills();
  for (const part of ['2022年市级财政决算', '第一次预算调整方案']) {
    const b = find(list, part);
    assert.deepEqual([b.proposer.type, b.proposer.organ, b.proposer.name], ['organ', 'government', '市人民政府'], part);
  }
  assert.equal(find(list, '2022年市级财政决算').presenter?.name, '王海军');
  assert.equal(find(list, '鹤壁市公园管理条例').proposer.name, '市人民政府'); // not in the gazette: see import-business.ts
  // The lines import-business.ts cites say what it takes from them.
  const seed = readFileSync(seedPath(), 'utf8').split(/\r?\n/);
  const line = (n: number) => (seed[n - 1] ?? '').replace(/\s+/g, '');
  assert.match(line(327), /王海军受市政府委托所作的《关于2022年财政决算（草案）/);
  assert.match(line(339), /^受市政府委托，我向本次会议报告2022年财政决算/);
  assert.match(line(475), /市财政局受市人民政府委托所作的/);
  assert.match(line(2026), /审议了市政府《关于2023年市级第一次预算调整方案\(草案\)的报告》/);
  assert.match(line(2038), /^受市政府委托，现向会议报告2023年市级财政预算调整方案/);
  assert.match(line(1479), /已经2023年4月18日市十二届人大常委会第四次会议第一次审议/);
  assert.match(line(1505), /法制委已按照上述意见提出了《鹤壁市公园管理条例（草案修改稿）》/);
});

test('a second import changes nothing', async () => {
  const before = { bills: (await bills()).length, reports: (await reports()).length };
  const res = await importFixture({ db: t.yishi.handle.db, hub: t.yishi.hub, actor: SYSTEM_ACTOR }, readFixture(t.config.fixturePath), undefined);
  assert.equal(res.created, 0);
  assert.deepEqual({ bills: (await bills()).length, reports: (await reports()).length }, before);
});
