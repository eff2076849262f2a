// The presets' numbers must be traceable to the texts they cite (shared/reference and the gazette).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { RulesProfileSchema } from '../../../contracts/profile.ts';
import { PRESETS } from './profile.presets.ts';

const shared = resolve(import.meta.dirname, '../../../../shared');
const text = (rel: string) => readFileSync(resolve(shared, rel), 'utf8').replace(/\s+/g, '');
const beijing = text('reference/rules-of-procedure/北京市人民代表大会常务委员会议事规则(2010-12-23).md');
const chongqing = text('reference/rules-of-procedure/重庆市人民代表大会常务委员会议事规则(2023-03-30).md');
const gazette = text('seed/000_5afcf154fdbded78.txt');

test('every preset is a valid rules profile', () => {
  for (const [name, p] of Object.entries(PRESETS)) assert.ok(RulesProfileSchema.safeParse(p).success, name);
});

test('Hebi (议事规则 art. 18, 31, 24): bills 7 days, reports 3, plan 45, budget 30 — as the gazette says', () => {
  assert.ok(gazette.includes('应当在会议召开七日前提交市人大常委会办公室'));
  assert.ok(gazette.includes('应当在会议召开三日前提交市人大常委会办公室'));
  assert.ok(gazette.includes('四十五日前'));
  assert.deepEqual([PRESETS.hebi.deadlines.billDaysBefore, PRESETS.hebi.deadlines.reportDaysBefore], [7, 3]);
  assert.deepEqual([PRESETS.hebi.deadlines.planAdjustmentDaysBefore, PRESETS.hebi.deadlines.budgetAdjustmentDaysBefore], [45, 30]);
});

test('Chongqing (art. 23, 31): bills 20 days, reports 20 to the committee then 10', () => {
  assert.ok(chongqing.includes('一般在会议举行的二十日前提出'));
  assert.ok(chongqing.includes('会议十日前送交常委会'));
  assert.deepEqual([PRESETS.chongqing.deadlines.billDaysBefore, PRESETS.chongqing.deadlines.reportDaysBefore, PRESETS.chongqing.deadlines.reportToCommitteeDaysBefore], [20, 10, 20]);
});

test('Beijing (art. 23, 33): reports 20 then 10 days; speeches 10 and 5 minutes', () => {
  assert.ok(beijing.includes('举行会议的20日前'));
  assert.ok(beijing.includes('举行会议的10日前送交常务委员会'));
  assert.deepEqual([PRESETS.beijing.deadlines.reportDaysBefore, PRESETS.beijing.speech.firstMinutes, PRESETS.beijing.speech.secondMinutes], [10, 10, 5]);
});

test('all three: quorum and passing are more than half of ALL members (R-M3, R-V6)', () => {
  assert.ok(beijing.includes('全体组成人员的过半数出席'));
  assert.ok(chongqing.includes('全体组成人员的过半数出席'));
  for (const p of Object.values(PRESETS)) {
    assert.deepEqual(p.quorum, { base: 'all_members', num: 1, den: 2, strict: true });
    assert.deepEqual(p.passing, { base: 'all_members', num: 1, den: 2, strict: true });
  }
});

test('the schema refuses a quorum on present members and unknown keys', () => {
  assert.equal(RulesProfileSchema.safeParse({ ...PRESETS.hebi, quorum: { ...PRESETS.hebi.quorum, base: 'present_members' } }).success, false);
  assert.equal(RulesProfileSchema.safeParse({ ...PRESETS.hebi, extra: 1 }).success, false);
  assert.equal(RulesProfileSchema.safeParse({ ...PRESETS.hebi, deadlines: { ...PRESETS.hebi.deadlines, billDaysBefore: -1 } }).success, false);
});

test('personal data: the presets use AES-256-GCM; a profile saved without the setting reads as AES-256-GCM and round-trips', () => {
  for (const p of Object.values(PRESETS)) assert.deepEqual(p.privacy, { fieldCipher: 'aes-256-gcm' });
  const { privacy: _omitted, ...stored } = PRESETS.beijing;
  const read = RulesProfileSchema.parse(JSON.parse(JSON.stringify(stored)));
  assert.deepEqual(read, PRESETS.beijing);
  assert.deepEqual(RulesProfileSchema.parse(JSON.parse(JSON.stringify(read))), read);
  const sm4 = { ...PRESETS.hebi, privacy: { fieldCipher: 'sm4' } };
  assert.deepEqual(RulesProfileSchema.parse(sm4), sm4);
  assert.equal(RulesProfileSchema.safeParse({ ...PRESETS.hebi, privacy: { fieldCipher: 'des' } }).success, false);
  assert.equal(RulesProfileSchema.safeParse({ ...PRESETS.hebi, privacy: { fieldCipher: 'sm4', extra: 1 } }).success, false);
});
