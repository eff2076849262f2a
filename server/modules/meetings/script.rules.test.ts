import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ScriptInput, itemSentence, nomineeSentence, presenterSentence, presidingScript, quorumSentence, resultSentence, voteCallSentence } from './script.rules.ts';

const base: ScriptInput = {
  title: '鹤壁市第十二届人民代表大会常务委员会第六次会议',
  state: 'in_session',
  agendaAdopted: true,
  quorum: { members: 41, present: 30, required: 21, met: true },
  items: [
    { id: 'i2', position: 2, kind: 'bill', title: '审议《鹤壁市卫河保护条例（草案）》', presenter: '张三', presenterPost: '市人大常委会法制工作委员会主任' },
    { id: 'i1', position: 1, kind: 'report', title: '听取市政府关于某项工作的报告', presenter: null, presenterPost: null },
  ],
  currentAgendaItemId: 'i2',
  polls: [],
};

void test('R-M3: the quorum sentence reads the live numbers, 应到41人，实到30人，符合法定人数', () => {
  assert.equal(quorumSentence({ members: 41, present: 30, required: 21, met: true }), '本次会议应到41人，实到30人，符合法定人数，现在开会。');
  assert.equal(quorumSentence({ members: 41, present: 21, required: 21, met: true }), '本次会议应到41人，实到21人，符合法定人数，现在开会。');
  const short = quorumSentence({ members: 41, present: 20, required: 21, met: false });
  assert.match(short, /实到20人，不足法定人数/);
  assert.doesNotMatch(short, /现在开会/);
});

void test('R-V6: the result sentence in the standard wording, 通过 and 未通过', () => {
  assert.equal(resultSentence({ yes: 29, no: 0, abstain: 1, passed: true }), '表决结果：赞成29票，反对0票，弃权1票。通过。');
  assert.equal(resultSentence({ yes: 20, no: 0, abstain: 10, passed: false }), '表决结果：赞成20票，反对0票，弃权10票。未通过。');
});

void test('R-V5: nominees are announced person by person, each with its own numbers', () => {
  assert.equal(nomineeSentence({ name: '牛海民', actZh: '任命', post: '市人民检察院副检察长', yes: 30, no: 0, abstain: 0, passed: true }), '牛海民（任命市人民检察院副检察长），表决结果：赞成30票，反对0票，弃权0票。通过。');
});

void test('the item sentence uses Chinese ordinals: 现在进行会议第二项议程', () => {
  assert.equal(itemSentence(2, '审议某条例'), '现在进行会议第二项议程：审议某条例。');
  assert.equal(itemSentence(12, '人事任免'), '现在进行会议第十二项议程：人事任免。');
  assert.equal(presenterSentence({ kind: 'report', presenter: '李四', presenterPost: '副市长' }), '请副市长李四作报告。');
  assert.equal(presenterSentence({ kind: 'bill', presenter: null, presenterPost: null }), null);
});

void test('R-V3: the call to vote depends on how the members vote', () => {
  assert.match(voteCallSentence('表决：审议某条例', 'secret'), /^现在对审议某条例进行表决。请各位组成人员按表决器表决。$/);
  assert.match(voteCallSentence('某决定', 'analog'), /计票人员计票/);
});

void test('R-M3, R-V6, R-V5: the whole script in agenda order, with each vote under its item', () => {
  const lines = presidingScript({
    ...base,
    polls: [
      { id: 'p1', agendaItemId: 'i2', subject: '表决：卫河保护条例', kind: 'secret', status: 'announced', votedCount: 30, result: { yes: 29, no: 0, abstain: 1, passed: true } },
      { id: 'p2', agendaItemId: null, subject: '人事任免', kind: 'secret', status: 'closed', votedCount: 30, nominees: [
        { name: '甲', actZh: '任命', post: '局长', yes: 30, no: 0, abstain: 0, passed: true },
        { name: '乙', actZh: '免去', post: '副局长', yes: 18, no: 5, abstain: 7, passed: false },
      ] },
      { id: 'p3', agendaItemId: 'i1', subject: '表决：某报告的决议', kind: 'secret', status: 'open', votedCount: 12 },
    ],
  });
  const texts = lines.map((l) => l.text);
  assert.equal(lines[1]?.rule?.startsWith('R-M3'), true);
  assert.equal(texts[1], '本次会议应到41人，实到30人，符合法定人数，现在开会。');
  const first = texts.indexOf('现在进行会议第一项议程：听取市政府关于某项工作的报告。');
  const second = texts.indexOf('现在进行会议第二项议程：审议《鹤壁市卫河保护条例（草案）》。');
  assert.ok(first > 1 && second > first, 'items in agenda order');
  assert.ok(texts.indexOf('已表决12人。') > first && texts.indexOf('已表决12人。') < second, 'an open vote shows how many have voted, never what');
  const result = texts.indexOf('表决结果：赞成29票，反对0票，弃权1票。通过。');
  assert.ok(result > second);
  assert.equal(lines[result]?.rule?.startsWith('R-V6'), true);
  assert.ok(lines.filter((l) => l.current).every((l) => l.agendaItemId === 'i2'));
  const nominees = lines.filter((l) => l.kind === 'nominee_result');
  assert.deepEqual(
    nominees.map((l) => l.text),
    ['甲（任命局长），表决结果：赞成30票，反对0票，弃权0票。通过。', '乙（免去副局长），表决结果：赞成18票，反对5票，弃权7票。未通过。'],
  );
  assert.ok(nominees.every((l) => l.rule?.startsWith('R-V5')));
  assert.equal(lines.at(-1)?.kind, 'closing');
  // Before the close of a poll there is no result line for it.
  assert.equal(lines.filter((l) => l.pollId === 'p3' && l.kind === 'vote_result').length, 0);
});
