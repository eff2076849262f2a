import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { PRESETS } from '../congress/profile.presets.ts';
import {
  checkAnswer,
  checkInterpellation,
  checkLetterAnswer,
  checkOpinionLetter,
  checkReportDeadline,
  checkReportOutcome,
  checkRoute,
  letterOverdue,
  nextInterpellationState,
  outcomeAfterLetter,
  rectificationSummary,
} from './oversight.rules.ts';

const hebi = PRESETS.hebi;
const refused = (fn: () => unknown, rule: string, code?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.rule === rule && e.status >= 400 && e.status < 500 && (code === undefined || e.code === code));
const five = ['a', 'b', 'c', 'd', 'e'];
const base = { meetingState: 'in_session', target: 'government', question: '问题', content: '内容', signers: five };

test('R-O6: five members, in session, an allowed target, question and content', () => {
  assert.equal(checkInterpellation(base, hebi), 'government');
  refused(() => checkInterpellation({ ...base, signers: five.slice(0, 4) }, hebi), 'R-O6', 'TOO_FEW_SIGNERS');
  refused(() => checkInterpellation({ ...base, target: undefined }, hebi), 'R-O6', 'TARGET_REQUIRED');
  refused(() => checkInterpellation({ ...base, target: 'standing_committee' }, hebi), 'R-O6', 'TARGET_NOT_ALLOWED');
  refused(() => checkInterpellation({ ...base, target: 'government_department' }, hebi), 'R-O6', 'TARGET_REQUIRED');
  refused(() => checkInterpellation({ ...base, question: ' ' }, hebi), 'R-O6', 'QUESTION_REQUIRED');
  refused(() => checkInterpellation({ ...base, content: undefined }, hebi), 'R-O6', 'CONTENT_REQUIRED');
  refused(() => checkInterpellation({ ...base, meetingState: 'notified' }, hebi), 'R-O6', 'NOT_IN_SESSION');
  refused(() => checkInterpellation({ ...base, signers: ['a', 'a', 'b', 'c', 'd'] }, hebi), 'R-O6', 'DUPLICATE_SIGNER');
});

test('R-O6: routed to a committee (named) or the plenary; a written answer is signed by the principal head', () => {
  refused(() => checkRoute('committee', undefined), 'R-O6', 'COMMITTEE_REQUIRED');
  checkRoute('plenary', undefined);
  assert.equal(nextInterpellationState('submitted', 'route'), 'routed');
  refused(() => nextInterpellationState('submitted', 'answer'), 'R-O6', 'INVALID_TRANSITION');
  refused(() => checkAnswer({ mode: 'written', text: '答复' }), 'R-O6', 'SIGNATURE_REQUIRED');
  checkAnswer({ mode: 'written', text: '答复', signedBy: '市长' });
  checkAnswer({ mode: 'oral', text: '口头答复记录' });
});

test('R-O8: 248 due, 224 rectified → 90.32%, computed from the items', () => {
  const items = Array.from({ length: 250 }, (_, i) => ({ dueDate: i < 248 ? '2023-06-30' : '2024-06-30', status: i < 224 ? 'rectified' : 'in_progress' }));
  assert.deepEqual(rectificationSummary(items, '2023-08-24'), { due: 248, rectified: 224, rate: 90.32 });
  assert.deepEqual(rectificationSummary([], '2023-08-24'), { due: 0, rectified: 0, rate: 0 });
});

test('R-O2: a report reaches the office three days before a regular meeting; special meetings exempt', () => {
  const m = { kind: 'regular', date: '2023-08-24' };
  assert.deepEqual(checkReportDeadline(m, '2023-08-21', hebi), { deadline: '2023-08-21', late: false });
  assert.equal(checkReportDeadline(m, '2023-08-22', hebi).late, true);
  assert.deepEqual(checkReportDeadline({ kind: 'special', date: '2023-08-24' }, '2023-08-24', hebi), { deadline: null, late: false });
});

test('R-O4: an opinion letter has opinions and a due date after it is sent; unanswered past due is overdue', () => {
  refused(() => checkOpinionLetter({ opinions: [' '], sentOn: '2023-09-01', dueDate: '2023-12-31' }), 'R-O4', 'OPINIONS_REQUIRED');
  refused(() => checkOpinionLetter({ opinions: ['加强监测'], sentOn: '2023-09-01', dueDate: '2023-09-01' }), 'R-O4', 'DUE_DATE_INVALID');
  checkOpinionLetter({ opinions: ['加强监测'], sentOn: '2023-09-01', dueDate: '2023-12-31' });
  assert.equal(letterOverdue({ state: 'sent', dueDate: '2023-12-31' }, '2024-01-01'), true);
  assert.equal(letterOverdue({ state: 'sent', dueDate: '2023-12-31' }, '2023-12-31'), false);
  assert.equal(letterOverdue({ state: 'answered', dueDate: '2023-12-31' }, '2024-01-01'), false);
  refused(() => checkLetterAnswer('answered', '再次答复'), 'R-O4', 'ALREADY_ANSWERED');
  refused(() => checkLetterAnswer('sent', ''), 'R-O4', 'ANSWER_REQUIRED');
});

test('R-O4: a report’s outcome is recorded once it is on a meeting; opinions sent need a letter; a resolution is named', () => {
  const onMeeting = { meetingId: 'm6', letters: 0 };
  checkReportOutcome(onMeeting, 'heard', undefined);
  checkReportOutcome(onMeeting, 'deliberated', undefined);
  checkReportOutcome(onMeeting, 'adopted', undefined);
  checkReportOutcome(onMeeting, 'resolution_adopted', '关于批准2022年市级财政决算的决议');
  refused(() => checkReportOutcome({ meetingId: null, letters: 0 }, 'heard', undefined), 'R-O4', 'REPORT_NOT_HEARD');
  refused(() => checkReportOutcome(onMeeting, 'opinions_sent', undefined), 'R-O4', 'NO_OPINION_LETTER');
  checkReportOutcome({ meetingId: 'm6', letters: 1 }, 'opinions_sent', undefined);
  refused(() => checkReportOutcome(onMeeting, 'resolution_adopted', ' '), 'R-O4', 'RESOLUTION_TITLE_REQUIRED');
  // Sending opinions moves a heard or deliberated report on; an adoption or a resolution stays.
  assert.equal(outcomeAfterLetter(null), 'opinions_sent');
  assert.equal(outcomeAfterLetter('heard'), 'opinions_sent');
  assert.equal(outcomeAfterLetter('deliberated'), 'opinions_sent');
  assert.equal(outcomeAfterLetter('opinions_sent'), null);
  assert.equal(outcomeAfterLetter('adopted'), null);
  assert.equal(outcomeAfterLetter('resolution_adopted'), null);
});
