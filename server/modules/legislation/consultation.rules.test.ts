import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { abuseHit, assertOpen, checkPeriod, checkSpan, checkThrottle, consultationState, COMMENT_LIMITS, moderationReason, representativeOf, themesOf } from './consultation.rules.ts';

const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DomainError);
    return `${e.status} ${e.code} ${e.rule ?? ''}`;
  }
  return 'ok';
};

void test('C-1 the consultation is open from the opening to the closing day inclusive, closed after or when closed early', () => {
  assert.equal(consultationState('2026-11-01', '2026-11-02', '2026-12-01', null), 'upcoming');
  assert.equal(consultationState('2026-11-02', '2026-11-02', '2026-12-01', null), 'open');
  assert.equal(consultationState('2026-12-01', '2026-11-02', '2026-12-01', null), 'open');
  assert.equal(consultationState('2026-12-02', '2026-11-02', '2026-12-01', null), 'closed');
  assert.equal(consultationState('2026-11-10', '2026-11-02', '2026-12-01', '2026-11-09T02:00:00Z'), 'closed');
});

void test('C-2 the period runs forward, not into the past, at most a year', () => {
  assert.equal(code(() => checkPeriod('2026-11-28', '2026-12-10', '2026-12-01')), '422 PERIOD_REVERSED C-2');
  assert.equal(code(() => checkPeriod('2026-11-28', '2026-10-01', '2026-11-27')), '422 PERIOD_IN_PAST C-2');
  assert.equal(code(() => checkPeriod('2026-11-28', '2026-11-28', '2027-12-28')), '422 PERIOD_TOO_LONG C-2');
  assert.equal(code(() => checkPeriod('2026-11-28', '2026-11-28', '2026-12-28')), 'ok');
});

void test('C-3 comments only while open', () => {
  assert.equal(code(() => assertOpen('upcoming')), '409 CONSULTATION_NOT_OPEN C-3');
  assert.equal(code(() => assertOpen('closed')), '409 CONSULTATION_CLOSED C-3');
  assert.equal(code(() => assertOpen('open')), 'ok');
});

void test('C-4 throttling per phone per day and per network per hour', () => {
  assert.equal(code(() => checkThrottle(COMMENT_LIMITS.perPhonePerDay - 1, 0)), 'ok');
  assert.equal(code(() => checkThrottle(COMMENT_LIMITS.perPhonePerDay, 0)), '429 TOO_MANY_COMMENTS C-4');
  assert.equal(code(() => checkThrottle(0, COMMENT_LIMITS.perSourcePerHour)), '429 TOO_MANY_COMMENTS C-4');
});

void test('C-5 the abuse list finds listed terms through spacing and case', () => {
  assert.equal(abuseHit('建议第二十六条增加罚款数额'), null);
  assert.equal(abuseHit('加 微 信 了解详情'), '加微信');
  assert.equal(abuseHit('see HTTPS://example.com'), 'https://');
});

void test('C-6 hiding needs a reason, showing clears it', () => {
  assert.equal(code(() => moderationReason('hide', '  ')), '422 REASON_REQUIRED C-6');
  assert.equal(moderationReason('hide', ' 广告 '), '广告');
  assert.equal(moderationReason('show', 'x'), null);
});

void test('C-7 a selected span lies within the text and quotes it exactly', () => {
  const text = '汛前组织河道安全检查。';
  assert.equal(code(() => checkSpan(text, 4, 8, '河道安全')), 'ok');
  assert.equal(code(() => checkSpan(text, 0, text.length, text)), 'ok');
  assert.equal(code(() => checkSpan(text, 6, 6, '')), '422 SPAN_OUT_OF_RANGE C-7');
  assert.equal(code(() => checkSpan(text, 5, 40, '安全检查。')), '422 SPAN_OUT_OF_RANGE C-7');
  assert.equal(code(() => checkSpan(text, 4, 8, '河道管理')), '422 SPAN_MISMATCH C-7');
});

void test('C-8 themes are the words most comments use; representative comments are the marked ones, else the longest', () => {
  const themes = themesOf(['建议增加排涝设施的检查。', '排涝设施老化，应当检查。', '建议明确检查时限。', '检查记录应当公开。']);
  assert.deepEqual(themes.slice(0, 2), [
    { word: '检查', count: 4 },
    { word: '设施', count: 2 },
  ]);
  assert.ok(!themes.some((x) => x.word === '建议' || x.word === '应当'));
  const cs = [
    { text: '短', marked: false },
    { text: '较长的一条意见', marked: false },
    { text: '最长的一条意见内容在此', marked: false },
    { text: '中等长度意见', marked: false },
  ];
  assert.deepEqual(representativeOf(cs, 2).map((c) => c.text), ['最长的一条意见内容在此', '较长的一条意见']);
  assert.deepEqual(representativeOf([...cs, { text: '被标记的', marked: true }]).map((c) => c.text), ['被标记的']);
});
