import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { PRESETS } from '../congress/profile.presets.ts';
import { checkInquiryProposer, checkInvestigationMembers, checkOpinionsSent, nextInquiryState, nextInvestigationState } from './inquiries.rules.ts';

const refused = (fn: () => unknown, rule: string, code?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.rule === rule && e.status >= 400 && e.status < 500 && (code === undefined || e.code === code));

test('R-O5: topics from the council, a committee, 5 members or 10 deputies (Hebi); profiles without joint topics refuse them', () => {
  const hebi = PRESETS.hebi;
  checkInquiryProposer({ type: 'council', signers: [] }, hebi);
  checkInquiryProposer({ type: 'committee', name: '财政经济委员会', signers: [] }, hebi);
  refused(() => checkInquiryProposer({ type: 'committee', signers: [] }, hebi), 'R-O5', 'COMMITTEE_REQUIRED');
  checkInquiryProposer({ type: 'members', signers: ['a', 'b', 'c', 'd', 'e'] }, hebi);
  refused(() => checkInquiryProposer({ type: 'members', signers: ['a', 'b', 'c', 'd'] }, hebi), 'R-O5', 'TOO_FEW_SIGNERS');
  refused(() => checkInquiryProposer({ type: 'members', signers: ['a', 'a', 'b', 'c', 'd'] }, hebi), 'R-O5', 'DUPLICATE_SIGNER');
  refused(() => checkInquiryProposer({ type: 'deputies', signers: Array.from({ length: 9 }, (_, i) => `d${i}`) }, hebi), 'R-O5', 'TOO_FEW_SIGNERS');
  checkInquiryProposer({ type: 'deputies', signers: Array.from({ length: 10 }, (_, i) => `d${i}`) }, hebi);
  refused(() => checkInquiryProposer({ type: 'members', signers: ['a', 'b', 'c', 'd', 'e'] }, PRESETS.beijing), 'R-O5', 'PROPOSER_NOT_ENTITLED');
});

test('R-O5: the inquiry is held, its opinions sent with a due date, then reported back', () => {
  assert.equal(nextInquiryState('proposed', 'recordQa'), 'held');
  assert.equal(nextInquiryState('held', 'recordQa'), 'held');
  assert.equal(nextInquiryState('held', 'sendOpinions'), 'opinions_sent');
  assert.equal(nextInquiryState('opinions_sent', 'report'), 'reported');
  refused(() => nextInquiryState('proposed', 'sendOpinions'), 'R-O5', 'INVALID_TRANSITION');
  refused(() => checkOpinionsSent(['  '], '2030-01-01', '2030-02-01'), 'R-O5', 'OPINIONS_REQUIRED');
  refused(() => checkOpinionsSent(['x'], '2030-01-01', '2030-01-01'), 'R-O5', 'DUE_DATE_INVALID');
});

test('R-B11: an investigation committee has its chair among its members, reports, then is concluded by a resolution', () => {
  checkInvestigationMembers('a', ['a', 'b']);
  refused(() => checkInvestigationMembers('c', ['a', 'b']), 'R-B11', 'CHAIR_NOT_MEMBER');
  refused(() => checkInvestigationMembers('a', ['a', 'a']), 'R-B11', 'DUPLICATE_MEMBER');
  assert.equal(nextInvestigationState('established', 'report'), 'reported');
  assert.equal(nextInvestigationState('reported', 'conclude'), 'concluded');
  refused(() => nextInvestigationState('established', 'conclude'), 'R-B11', 'INVALID_TRANSITION');
});
