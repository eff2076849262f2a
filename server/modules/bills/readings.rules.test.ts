import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { allowedActions, nextBillState } from './bills.rules.ts';
import {
  type JointBill,
  allowedPresenters,
  billResultFromPolls,
  checkApprovalKind,
  checkJointExplanation,
  checkOutcome,
  checkPresenter,
  checkReading,
  checkVotable,
  formatDocNumber,
  missingStatements,
  nextDocNumber,
  statementRequired,
} from './readings.rules.ts';

const refused = (fn: () => unknown, rule: string, code?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.rule === rule && e.status >= 400 && e.status < 500 && (code === undefined || e.code === code));

test('R-B6: a regulation is deliberated first, then reviewed by the Legal Committee, then read again', () => {
  checkReading('regulation', [], 'first_deliberation');
  refused(() => checkReading('regulation', [], 'legal_review'), 'R-B6', 'FIRST_DELIBERATION_REQUIRED');
  refused(() => checkReading('regulation', ['first_deliberation'], 'further_reading'), 'R-B6', 'LEGAL_REVIEW_REQUIRED');
  refused(() => checkReading('regulation', ['first_deliberation'], 'first_deliberation'), 'R-B6', 'ALREADY_DELIBERATED');
  checkReading('regulation', ['first_deliberation'], 'legal_review');
  checkReading('regulation', ['first_deliberation', 'legal_review'], 'further_reading');
  checkReading('regulation', ['first_deliberation', 'legal_review', 'further_reading'], 'further_reading');
  checkReading('decision', [], 'first_deliberation');
  refused(() => checkReading('decision', ['first_deliberation'], 'legal_review'), 'R-B6', 'NOT_A_REGULATION');
});

test('R-B6: a regulation’s vote is recorded only after the unified review', () => {
  refused(() => checkVotable('regulation', ['first_deliberation'], []), 'R-B6', 'LEGAL_REVIEW_REQUIRED');
  checkVotable('regulation', ['first_deliberation', 'legal_review'], []);
  checkVotable('decision', [], []);
});

test('R-B4: nominees for vice-mayor, secretary-general, department heads, vice-presidents and deputy procurators speak before appointment', () => {
  for (const post of ['鹤壁市人民政府副市长', '鹤壁市人民政府秘书长', '鹤壁市发展和改革委员会主任', '鹤壁市财政局局长', '鹤壁市监察委员会副主任', '鹤壁市中级人民法院副院长', '鹤壁市人民检察院副检察长']) {
    assert.equal(statementRequired(post), true, post);
  }
  for (const post of ['鹤壁市人民代表大会常务委员会财政经济工作委员会主任', '鹤壁市中级人民法院审判员', '鹤壁市人民检察院检察员', '鹤壁市财政局副局长', undefined]) {
    assert.equal(statementRequired(post), false, String(post));
  }
  assert.deepEqual(missingStatements([{ name: '甲', post: '鹤壁市人民政府副市长' }, { name: '乙', post: '鹤壁市中级人民法院审判员' }], []), ['甲']);
  assert.deepEqual(missingStatements([{ name: '甲', post: '鹤壁市人民政府副市长' }], ['甲']), []);
  refused(() => checkVotable('personnel', [], ['甲']), 'R-B4', 'STATEMENT_REQUIRED');
});

test('R-B5: who explains a bill follows who proposed it; only a joint bill may be explained in writing', () => {
  assert.deepEqual(allowedPresenters('council', null), ['council_member']);
  assert.deepEqual(allowedPresenters('organ', 'government'), ['government_head', 'delegated_department_head']);
  assert.deepEqual(allowedPresenters('organ', 'special_committee'), ['committee_head']);
  for (const organ of ['court', 'procuratorate', 'supervision_commission']) assert.deepEqual(allowedPresenters('organ', organ), ['principal_head']);
  assert.deepEqual(allowedPresenters('members', null), ['lead_signer']);
  checkPresenter('members', null, { role: 'lead_signer', mode: 'written' });
  refused(() => checkPresenter('organ', 'court', { role: 'government_head', mode: 'oral' }), 'R-B5', 'PRESENTER_NOT_ALLOWED');
  refused(() => checkPresenter('organ', 'government', { role: 'government_head', mode: 'written' }), 'R-B5', 'ORAL_EXPLANATION_REQUIRED');
});

test('R-V6 / R-V5: the bill’s result comes from the closed polls on its item; per-person polls pass per nominee', () => {
  assert.equal(billResultFromPolls([]), null);
  assert.equal(billResultFromPolls([{ status: 'open' }]), null);
  assert.deepEqual(billResultFromPolls([{ status: 'closed', passed: true }]), { result: 'passed', passedNames: [], failedNames: [] });
  assert.deepEqual(billResultFromPolls([{ status: 'announced', passed: false }]), { result: 'failed', passedNames: [], failedNames: [] });
  assert.deepEqual(
    billResultFromPolls([
      { status: 'closed', candidates: [{ name: '甲', passed: true }] },
      { status: 'closed', candidates: [{ name: '乙', passed: false }] },
    ]),
    { result: 'passed', passedNames: ['甲'], failedNames: ['乙'] },
  );
  assert.equal(billResultFromPolls([{ status: 'closed', candidates: [{ name: '乙', passed: false }] }])?.result, 'failed');
  assert.equal(billResultFromPolls([{ status: 'closed', passed: true }, { status: 'draft' }]), null, 'another poll on the item is still to run');
});

test('outcome documents: 鹤常〔2025〕N号, numbered on within the series and year; only for passed bills', () => {
  assert.equal(formatDocNumber('鹤常', 2025, 3), '鹤常〔2025〕3号');
  assert.equal(nextDocNumber([]), 1);
  assert.equal(nextDocNumber([1, 2, 5]), 6);
  checkOutcome('passed');
  checkOutcome('promulgated');
  refused(() => checkOutcome('placed'), 'R-V6', 'BILL_NOT_PASSED');
  refused(() => checkOutcome('failed'), 'R-V6', 'BILL_NOT_PASSED');
});

test('R-B7: a passed regulation is reported for provincial approval, approved, then promulgated; no withdrawal after the vote', () => {
  checkApprovalKind('regulation');
  refused(() => checkApprovalKind('decision'), 'R-B7', 'NOT_A_REGULATION');
  assert.equal(nextBillState('passed', 'reportForApproval'), 'awaiting_approval');
  assert.equal(nextBillState('awaiting_approval', 'recordApproval'), 'approved');
  assert.equal(nextBillState('approved', 'promulgate'), 'promulgated');
  refused(() => nextBillState('passed', 'promulgate'), 'R-B7', 'INVALID_TRANSITION');
  for (const s of ['awaiting_approval', 'approved', 'promulgated'] as const) refused(() => nextBillState(s, 'withdraw'), 'R-B9', 'BILL_ALREADY_VOTED');
  assert.deepEqual(allowedActions('passed', 'regulation'), ['reportForApproval']);
  assert.deepEqual(allowedActions('passed', 'decision'), []);
});

test('R-B5: related bills may be explained together — one presenter who fits each proposer, same meeting, all under deliberation', () => {
  const bill = (id: string, over: Partial<JointBill> = {}): JointBill => ({ id, state: 'placed', targetMeetingId: 'm6', proposerType: 'organ', proposerOrgan: 'government', ...over });
  const finance = { role: 'delegated_department_head' as const, mode: 'oral' as const };
  // The final accounts and the budget adjustment, both from the government, explained by the finance bureau's head.
  checkJointExplanation(bill('accounts'), [bill('budget')], finance);
  checkJointExplanation(bill('accounts'), [], finance); // alone: nothing to join
  refused(() => checkJointExplanation(bill('accounts'), [bill('budget', { targetMeetingId: 'm7' })], finance), 'R-B5', 'JOINT_DIFFERENT_MEETINGS');
  refused(() => checkJointExplanation(bill('accounts', { targetMeetingId: null }), [bill('budget', { targetMeetingId: null })], finance), 'R-B5', 'JOINT_DIFFERENT_MEETINGS');
  refused(() => checkJointExplanation(bill('accounts'), [bill('budget', { state: 'passed' })], finance), 'R-B5', 'JOINT_BILL_CLOSED');
  refused(() => checkJointExplanation(bill('accounts', { state: 'withdrawn' }), [bill('budget')], finance), 'R-B5', 'JOINT_BILL_CLOSED');
  refused(() => checkJointExplanation(bill('accounts'), [bill('budget'), bill('budget')], finance), 'R-B5', 'JOINT_BILL_REPEATED');
  refused(() => checkJointExplanation(bill('accounts'), [bill('accounts')], finance), 'R-B5', 'JOINT_BILL_REPEATED');
  // A court's bill cannot be explained by a government department head, even together.
  refused(() => checkJointExplanation(bill('accounts'), [bill('court', { proposerOrgan: 'court' })], finance), 'R-B5', 'PRESENTER_NOT_ALLOWED');
  // Two council bills, explained by a member of the council.
  checkJointExplanation(bill('a', { proposerType: 'council', proposerOrgan: null }), [bill('b', { proposerType: 'council', proposerOrgan: null })], { role: 'council_member', mode: 'oral' });
});
