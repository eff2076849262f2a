import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NATIONAL_CALENDAR as cal } from '../../platform/calendar/calendar.rules.ts';
import { DomainError } from '../../platform/errors.ts';
import { PRESETS } from '../congress/profile.presets.ts';
import {
  TRACKING_ALPHABET,
  allReplied,
  alertsDue,
  assignmentDates,
  checkClassification,
  checkDecline,
  extendedDue,
  feedbackDue,
  planRouting,
  rankUnits,
  ratingOutcome,
  replyKindFor,
  replyRecipients,
  trackingCodeFrom,
} from './opinions.rules.ts';

const h = PRESETS.hebi.handling;
const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'OK';
};

void test('tracking codes: 12 characters of Crockford base-32, no I, L, O or U', () => {
  const c = trackingCodeFrom(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
  assert.equal(c.length, 12);
  assert.ok(Array.from(c).every((ch) => TRACKING_ALPHABET.includes(ch)));
  assert.ok(!/[ILOU]/.test(TRACKING_ALPHABET));
  assert.notEqual(trackingCodeFrom(new Uint8Array(8).fill(255)), c);
});

void test('SD-C / S-13: which dispositions each class allows', () => {
  assert.equal(code(() => checkClassification({ class: 'suggestion', disposition: 'forward', deputyIds: ['d1', 'd2'] })), 'OK');
  assert.equal(code(() => checkClassification({ class: 'suggestion', disposition: 'forward' })), 'DEPUTY_REQUIRED');
  assert.equal(code(() => checkClassification({ class: 'suggestion', disposition: 'answer_on_spot', answer: 'x', deputyIds: ['d'] })), 'DISPOSITION_NOT_ALLOWED');
  assert.equal(code(() => checkClassification({ class: 'mass_opinion', disposition: 'answer_on_spot', answer: '符合政策，已解释' })), 'OK');
  assert.equal(code(() => checkClassification({ class: 'mass_opinion', disposition: 'answer_on_spot' })), 'ANSWER_REQUIRED');
  assert.equal(code(() => checkClassification({ class: 'petition', disposition: 'answer_on_spot', answer: 'x' })), 'DISPOSITION_NOT_ALLOWED');
  assert.equal(code(() => checkClassification({ class: 'petition', disposition: 'explain_route', answer: '请依法信访' })), 'ROUTE_REQUIRED');
  assert.equal(code(() => checkClassification({ class: 'petition', disposition: 'explain_route', route: 'petition', answer: '请依法信访' })), 'OK');
  assert.equal(code(() => checkClassification({ class: 'mass_opinion', disposition: 'forward', route: 'arbitration' })), 'ROUTE_NOT_EXPECTED');
  assert.equal(code(() => checkClassification({ class: 'suggestion', disposition: 'forward', deputyIds: ['d', 'd'] })), 'DUPLICATE_DEPUTY');
});

void test('H-13: lead with co-handlers, or two or more separate units; never a unit twice', () => {
  assert.deepEqual(planRouting({ mode: 'lead', leadUnitId: 'a', coUnitIds: ['b'] }), [
    { unitId: 'a', role: 'lead' },
    { unitId: 'b', role: 'co' },
  ]);
  assert.equal(code(() => planRouting({ mode: 'lead' })), 'LEAD_REQUIRED');
  assert.equal(code(() => planRouting({ mode: 'lead', leadUnitId: 'a', coUnitIds: ['a'] })), 'DUPLICATE_UNIT');
  assert.equal(code(() => planRouting({ mode: 'separate', unitIds: ['a'] })), 'SEPARATE_NEEDS_TWO');
  assert.equal(code(() => planRouting({ mode: 'separate', unitIds: ['a', 'b'], leadUnitId: 'a' })), 'MIXED_ROUTING');
});

void test('H-14 / H-18 / H-20: dates of an assignment made on Fri 2025-09-26, before National Day', () => {
  assert.deepEqual(assignmentDates(cal, h, 'lead', '2025-09-26'), { declineBy: '2025-10-16', dueDate: '2025-12-26' });
  assert.deepEqual(assignmentDates(cal, h, 'co', '2025-09-26'), { declineBy: '2025-10-16', dueDate: '2025-11-26' });
  // Three months from 2025-11-15 fall on 春节 (2026-02-15): the reply is due on the first working day after.
  assert.equal(assignmentDates(cal, h, 'separate', '2025-11-15').dueDate, '2026-02-24');
});

void test('H-14: "not ours" until the tenth working day, not after, and not when re-handling', () => {
  assert.equal(code(() => checkDecline({ declineBy: '2025-10-16', round: 1, state: 'active' }, '2025-10-16')), 'OK');
  assert.equal(code(() => checkDecline({ declineBy: '2025-10-16', round: 1, state: 'active' }, '2025-10-17')), 'DECLINE_WINDOW_CLOSED');
  assert.equal(code(() => checkDecline({ declineBy: '2025-10-16', round: 2, state: 'active' }, '2025-10-01')), 'DECLINE_WINDOW_CLOSED');
  assert.equal(code(() => checkDecline({ declineBy: '2025-10-16', round: 1, state: 'replied' }, '2025-10-01')), 'NOT_ACTIVE');
});

void test('H-20: six months for a hard case, explained in time, once, by the lead or a separate unit', () => {
  const a = { role: 'lead' as const, assignedOn: '2025-11-15', dueDate: '2026-02-24', extended: false, round: 1 };
  assert.equal(extendedDue(cal, h, a, '2026-02-01'), '2026-05-15');
  assert.throws(() => extendedDue(cal, h, { ...a, role: 'co' }, '2026-02-01'), /co-handling/);
  assert.throws(() => extendedDue(cal, h, { ...a, extended: true }, '2026-02-01'), /already/);
  assert.throws(() => extendedDue(cal, h, a, '2026-02-25'), /before the three months/);
});

void test('H-21: a graded reply from lead units, a view without grade from co-handlers; one letter per co-signing deputy', () => {
  assert.equal(replyKindFor('lead', 'A'), 'reply');
  assert.equal(code(() => replyKindFor('separate', undefined)), 'GRADE_REQUIRED');
  assert.equal(replyKindFor('co', undefined), 'co_view');
  assert.equal(code(() => replyKindFor('co', 'B')), 'CO_VIEW_NO_GRADE');
  assert.deepEqual(replyRecipients('reply', ['d1', 'd2', 'd3']), ['d1', 'd2', 'd3']);
  assert.deepEqual(replyRecipients('reply', []), [null]);
  assert.deepEqual(replyRecipients('co_view', ['d1', 'd2']), [null]);
  assert.equal(allReplied([{ role: 'lead', state: 'replied' }, { role: 'co', state: 'active' }]), true);
  assert.equal(allReplied([{ role: 'separate', state: 'replied' }, { role: 'separate', state: 'active' }]), false);
  assert.equal(allReplied([{ role: 'separate', state: 'replied' }, { role: 'separate', state: 'declined' }]), true);
});

void test('H-22: feedback within ten working days; unsatisfied → re-handling within a month → evaluation', () => {
  assert.equal(feedbackDue(cal, h, '2026-02-12'), '2026-03-04');
  const o = { status: 'replied' as const, round: 1, feedbackDue: '2026-03-04' };
  assert.deepEqual(ratingOutcome(cal, h, o, { satisfied: true }, '2026-03-04'), { status: 'closed' });
  assert.equal(code(() => ratingOutcome(cal, h, o, { satisfied: false }, '2026-03-01')), 'REASON_REQUIRED');
  assert.deepEqual(ratingOutcome(cal, h, o, { satisfied: false, reason: '没有解决' }, '2026-01-15'), { status: 'rehandling', dueDate: '2026-02-24' });
  assert.deepEqual(ratingOutcome(cal, h, { ...o, round: 2 }, { satisfied: false, reason: '仍未解决' }, '2026-03-01'), { status: 'evaluation' });
  assert.equal(code(() => ratingOutcome(cal, h, o, { satisfied: true }, '2026-03-05')), 'FEEDBACK_WINDOW_CLOSED');
  assert.equal(code(() => ratingOutcome(cal, h, { ...o, status: 'assigned' }, { satisfied: true }, '2026-03-01')), 'NOT_AWAITING_FEEDBACK');
});

void test('H-24 督办: a reminder five working days ahead, overdue the day after, escalation after ten working days', () => {
  // Due Thu 2025-10-09 (first day after National Day): five working days before it are Sep 30, 29,
  // 28 (a worked Sunday), 26 and 25 — the reminder comes on Thu 2025-09-25, not a calendar week before.
  assert.deepEqual(alertsDue(cal, '2025-10-09', '2025-09-24'), []);
  assert.deepEqual(alertsDue(cal, '2025-10-09', '2025-09-25'), ['due_soon']);
  assert.deepEqual(alertsDue(cal, '2025-10-09', '2025-10-09'), ['due_soon']);
  assert.deepEqual(alertsDue(cal, '2025-10-09', '2025-10-10'), ['overdue']);
  assert.deepEqual(alertsDue(cal, '2025-09-30', '2025-10-20'), ['overdue']);
  assert.deepEqual(alertsDue(cal, '2025-09-30', '2025-10-21'), ['overdue', 'escalated']);
});

void test('statistics: no ranking below the minimum sample; ties share a rank', () => {
  const r = rankUnits(
    [
      { unitId: 'a', replies: 20, onTime: 18, rated: 12, satisfied: 9 },
      { unitId: 'b', replies: 10, onTime: 9, rated: 3, satisfied: 3 },
      { unitId: 'c', replies: 9, onTime: 9, rated: 9, satisfied: 9 },
    ],
    10,
  );
  const by = new Map(r.map((u) => [u.unitId, u]));
  assert.equal(by.get('a')?.onTimeRate, 0.9);
  assert.equal(by.get('a')?.onTimeRank, 1);
  assert.equal(by.get('b')?.onTimeRank, 1, 'a tie at 90%');
  assert.equal(by.get('c')?.onTimeRank, null, '9 replies are too few, even at 100%');
  assert.equal(by.get('a')?.satisfactionRank, 1);
  assert.equal(by.get('b')?.satisfactionRank, null);
});
