import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { abuseHit, assertOpen, checkPeriod, checkThrottle, consultationState, COMMENT_LIMITS, moderationReason } from './consultation.rules.ts';

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
