import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRESETS } from './profile.presets.ts';
import { minimumFor, quorumRequired, votesRequiredToPass } from './thresholds.rules.ts';

const hebi = PRESETS.hebi;

test('R-M3 议事规则第八条: quorum of 41 members is 21 (more than 20.5)', () => {
  assert.equal(quorumRequired(hebi, 41), 21);
  assert.ok(20 < quorumRequired(hebi, 41), '20 present is not a quorum');
});

test('R-M3: more than half of an even number: 40 members need 21, not 20', () => {
  assert.equal(quorumRequired(hebi, 40), 21);
});

test('R-V6 议事规则第四十四条: 21 yes votes are needed of 41 members, whatever the attendance', () => {
  assert.equal(votesRequiredToPass(hebi, 41, 30), 21);
  assert.equal(votesRequiredToPass(hebi, 41, 41), 21);
  assert.equal(votesRequiredToPass(hebi, 41, 21), 21);
});

test('thresholds: "at least" versus "more than", and two-thirds', () => {
  assert.equal(minimumFor({ base: 'all_members', num: 1, den: 2, strict: false }, 40), 20);
  assert.equal(minimumFor({ base: 'all_members', num: 2, den: 3, strict: false }, 41), 28);
  assert.equal(minimumFor({ base: 'all_members', num: 2, den: 3, strict: true }, 42), 29);
});

test('a passing base of present members counts those present', () => {
  const p = { ...hebi, passing: { base: 'present_members' as const, num: 1, den: 2, strict: true } };
  assert.equal(votesRequiredToPass(p, 41, 30), 16);
});
