import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { PRESETS } from '../congress/profile.presets.ts';
import { BILL_STATES, BILL_WORKFLOW, allowedActions, checkCosignersConfirmed, checkDeadline, checkMaterials, checkNotPlace, checkPlaceable, checkProposer, nextBillState } from './bills.rules.ts';

const hebi = PRESETS.hebi;
const refused = (fn: () => unknown, rule: string, code?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.rule === rule && e.status >= 400 && e.status < 500 && (code === undefined || e.code === code));

test('R-B1: the council, the four organs and special committees may propose; another organ may not', () => {
  assert.equal(checkProposer({ type: 'council' }, hebi), 'placed');
  for (const organ of ['government', 'supervision_commission', 'court', 'procuratorate', 'special_committee']) assert.equal(checkProposer({ type: 'organ', organ }, hebi), 'submitted');
  refused(() => checkProposer({ type: 'organ', organ: 'bureau_of_finance' }, hebi), 'R-B1', 'PROPOSER_NOT_ENTITLED');
  refused(() => checkProposer({ type: 'organ' }, hebi), 'R-B1', 'PROPOSER_NOT_ENTITLED');
});

test('R-B1: members propose jointly, at least profile.cosigners.bill (5), each confirming', () => {
  assert.equal(checkProposer({ type: 'members', cosigners: ['a', 'b', 'c', 'd', 'e'] }, hebi), 'awaiting_cosigners');
  refused(() => checkProposer({ type: 'members', cosigners: ['a', 'b', 'c', 'd'] }, hebi), 'R-B1', 'TOO_FEW_COSIGNERS');
  refused(() => checkProposer({ type: 'members', cosigners: ['a', 'a', 'b', 'c', 'd'] }, hebi), 'R-B1', 'DUPLICATE_COSIGNER');
  refused(() => checkCosignersConfirmed(4, hebi), 'R-B1', 'TOO_FEW_COSIGNERS');
  checkCosignersConfirmed(5, hebi);
});

test('R-B2: "7日前" — a bill for a meeting on D is on time when received on or before D − 7', () => {
  const m = { kind: 'regular', date: '2023-08-24' };
  assert.deepEqual(checkDeadline('decision', m, '2023-08-17', hebi), { deadline: '2023-08-17', late: false, rule: 'R-B2' });
  assert.equal(checkDeadline('decision', m, '2023-08-18', hebi).late, true);
  assert.equal(checkDeadline('decision', null, '2023-08-23', hebi).late, false);
});

test('R-B8: plans 45 days, budget adjustments and final accounts 30 days before', () => {
  const m = { kind: 'regular', date: '2023-08-24' };
  assert.equal(checkDeadline('plan_adjustment', m, '2023-07-10', hebi).deadline, '2023-07-10');
  assert.equal(checkDeadline('plan_adjustment', m, '2023-07-11', hebi).late, true);
  assert.equal(checkDeadline('budget_adjustment', m, '2023-07-25', hebi).late, false);
  assert.equal(checkDeadline('final_accounts', m, '2023-07-26', hebi).late, true);
  assert.equal(checkDeadline('final_accounts', m, '2023-07-26', hebi).rule, 'R-B8');
});

test('R-B2 / R-M5: special meetings are exempt from the deadline', () => {
  assert.deepEqual(checkDeadline('decision', { kind: 'special', date: '2023-08-24' }, '2023-08-23', hebi), { deadline: null, late: false, rule: null });
});

test('R-B2: a late bill is placed only with the council’s recorded override', () => {
  refused(() => checkPlaceable({ late: true, lateOverride: false }, false), 'R-B2', 'BILL_LATE');
  checkPlaceable({ late: true, lateOverride: false }, true);
  checkPlaceable({ late: false, lateOverride: false }, false);
});

test('R-B1: not placing a joint bill needs a report to the plenary or an explanation to the proposers', () => {
  refused(() => checkNotPlace('members', { note: '理由' }), 'R-B1', 'HANDLING_REQUIRED');
  refused(() => checkNotPlace('organ', {}), 'R-B1', 'NOTE_REQUIRED');
  checkNotPlace('members', { handling: 'explanation', note: '已向提案人说明' });
});

test('R-B9: withdrawal before the vote; after the vote it is refused', () => {
  for (const s of ['submitted', 'referred', 'placed', 'held'] as const) assert.equal(nextBillState(s, 'withdraw'), 'withdrawn');
  refused(() => nextBillState('passed', 'withdraw'), 'R-B9', 'BILL_ALREADY_VOTED');
  refused(() => nextBillState('failed', 'withdraw'), 'R-B9', 'BILL_ALREADY_VOTED');
});

test('R-B10: a placed bill may be held and sent back; the declared workflow is closed over its states', () => {
  assert.equal(nextBillState('placed', 'hold'), 'held');
  assert.equal(nextBillState('held', 'sendBack'), 'placed');
  refused(() => nextBillState('submitted', 'hold'), 'R-B10', 'INVALID_TRANSITION');
  assert.equal(nextBillState('placed', 'recordVote', 'passed'), 'passed');
  for (const t of Object.values(BILL_WORKFLOW)) for (const s of t.from) assert.ok((BILL_STATES as readonly string[]).includes(s));
  assert.deepEqual(allowedActions('passed'), []);
  assert.deepEqual(allowedActions('submitted'), ['place', 'refer', 'notPlace', 'withdraw']);
});

test('R-B3: a personnel bill comes with each person’s particulars and reasons', () => {
  refused(() => checkMaterials('personnel', []), 'R-B3', 'PERSONS_REQUIRED');
  refused(() => checkMaterials('personnel', [{ name: '牛海民', particulars: '男，1970年生', reasons: '' }]), 'R-B3', 'MATERIALS_REQUIRED');
  checkMaterials('personnel', [{ name: '牛海民', particulars: '男，1970年生', reasons: '工作需要' }]);
  checkMaterials('decision', undefined);
});
