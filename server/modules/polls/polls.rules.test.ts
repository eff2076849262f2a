import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RulesProfile } from '../../../contracts/profile.ts';
import { DomainError } from '../../platform/errors.ts';
import { PRESETS } from '../congress/profile.presets.ts';
import {
  type CandidateInfo,
  type Counts,
  announcementZh,
  channels,
  checkAnalogTotals,
  checkDistinctCandidates,
  checkNoDoubleCount,
  checkOath,
  checkPollShape,
  checkQuorumToOpen,
  checkTellerEntryAllowed,
  checkVoter,
  decide,
  evaluatePoll,
  fromStored,
  nextState,
  normalizeBallot,
  passingNumbers,
  recordsNames,
  toStored,
} from './polls.rules.ts';

const hebi = PRESETS.hebi;
const refusal = (code: string, rule?: string) => (e: unknown) => {
  assert.ok(e instanceof DomainError, String(e));
  assert.equal(e.code, code);
  if (rule) assert.ok(e.rule?.startsWith(rule), `${String(e.rule)} cites ${rule}`);
  return true;
};
const counts = (yes: number, no: number, abstain: number): Counts => ({ yes, no, abstain });

void describe('R-V6 passing: more than half of ALL members (议事规则第四十四条)', () => {
  void test('R-V6: 41 members need 21 yes votes', () => {
    assert.equal(passingNumbers(hebi, 41, 30).required, 21);
    assert.equal(passingNumbers(hebi, 40, 30).required, 21, 'more than half of 40 is 21');
  });

  void test('R-V6: 21 yes of 41 passes whatever the attendance', () => {
    for (const present of [21, 25, 30, 41]) {
      const n = passingNumbers(hebi, 41, present);
      assert.equal(decide(counts(21, present - 21, 0), n).passed, true, `${present} present`);
    }
  });

  void test('R-V6: 20 yes of 41 fails, even when every vote cast is yes', () => {
    assert.equal(decide(counts(20, 0, 0), passingNumbers(hebi, 41, 21)).passed, false);
    assert.equal(decide(counts(20, 1, 0), passingNumbers(hebi, 41, 21)).passed, false);
  });

  void test('R-V6: abstaining is not yes, and not voting is not yes', () => {
    const n = passingNumbers(hebi, 41, 41);
    const d = decide(counts(20, 0, 21), n);
    assert.equal(d.passed, false);
    assert.equal(d.notVoted, 0);
    assert.deepEqual(decide(counts(20, 2, 3), n), { yes: 20, no: 2, abstain: 3, notVoted: 16, passed: false });
  });

  void test('R-V6: a profile counting present members, or "at least" a fraction, changes the number', () => {
    const present: RulesProfile = { ...hebi, passing: { base: 'present_members', num: 1, den: 2, strict: true } };
    assert.equal(passingNumbers(present, 41, 30).required, 16);
    const twoThirds: RulesProfile = { ...hebi, passing: { base: 'all_members', num: 2, den: 3, strict: false } };
    assert.equal(passingNumbers(twoThirds, 41, 30).required, 28);
    assert.match(passingNumbers(twoThirds, 41, 30).rule, /三分之二/);
  });

  void test('R-V6: the rule text names the source, the base and the number', () => {
    const n = passingNumbers(hebi, 41, 30);
    assert.match(n.rule, /^R-V6 议事规则第四十四条（鹤壁市人民代表大会常务委员会议事规则）：赞成票超过全体组成人员41人的半数，须21票/);
    assert.deepEqual(n.basis, hebi.passing);
  });
});

void describe('R-M3 quorum to open a poll (议事规则第八条)', () => {
  void test('R-M3: 20 of 41 present is no quorum; 21 is', () => {
    assert.throws(() => checkQuorumToOpen(hebi, 41, 20), refusal('NO_QUORUM', 'R-M3'));
    assert.deepEqual(checkQuorumToOpen(hebi, 41, 21), { required: 21 });
    assert.deepEqual(checkQuorumToOpen(hebi, 41, 30), { required: 21 });
  });
});

void describe('R-V3 who may vote', () => {
  void test('R-V3: only members, only while present', () => {
    assert.throws(() => checkVoter({ member: false, present: true }), refusal('NOT_A_MEMBER', 'R-V3'));
    assert.throws(() => checkVoter({ member: true, present: false }), refusal('NOT_PRESENT', 'R-V3'));
    assert.doesNotThrow(() => checkVoter({ member: true, present: true }));
  });

  void test('R-V3: analog totals cannot exceed the members present', () => {
    assert.throws(() => checkAnalogTotals(counts(20, 10, 1), 30), refusal('TOO_MANY_VOTES', 'R-V3'));
    assert.doesNotThrow(() => checkAnalogTotals(counts(20, 9, 1), 30));
    assert.doesNotThrow(() => checkAnalogTotals(counts(0, 0, 0), 0));
  });
});

void describe('R-V4 channels: devices, tellers, nobody twice (议事规则第四十三条)', () => {
  void test('R-V4: which kind takes which channel', () => {
    assert.deepEqual(channels('secret'), { device: true, entries: false, totals: false });
    assert.deepEqual(channels('named'), { device: true, entries: true, totals: false });
    assert.deepEqual(channels('analog'), { device: false, entries: false, totals: true });
    assert.deepEqual(channels('mixed'), { device: true, entries: true, totals: false });
    assert.equal(recordsNames('named'), true);
    for (const k of ['secret', 'analog', 'mixed'] as const) assert.equal(recordsNames(k), false);
  });

  void test('R-V4: mixed-channel dedupe — a device voter cannot be entered by a teller, nor entered twice', () => {
    const voted = new Map([
      ['p1', 'device' as const],
      ['p2', 'teller' as const],
    ]);
    assert.throws(() => checkNoDoubleCount([{ personId: 'p1', name: '甲' }], voted), refusal('ALREADY_VOTED', 'R-V4'));
    assert.throws(() => checkNoDoubleCount([{ personId: 'p2', name: '乙' }], voted), refusal('ALREADY_VOTED', 'R-V4'));
    assert.throws(
      () => checkNoDoubleCount([{ personId: 'p3', name: '丙' }, { personId: 'p3', name: '丙' }], voted),
      refusal('DUPLICATE_ENTRY', 'R-V4'),
    );
    assert.doesNotThrow(() => checkNoDoubleCount([{ personId: 'p3', name: '丙' }, { personId: 'p4', name: '丁' }], voted));
  });
});

void describe('R-V5 person by person (议事规则第四十三条)', () => {
  const cands = [
    { id: 'c1', personId: 'niu', name: '牛海民' },
    { id: 'c2', personId: 'hu', name: '胡万军' },
    { id: 'c3', personId: 'niu', name: '牛海民' },
  ];
  const shape = { perPerson: true, candidates: cands };

  void test('R-V5: a per-person ballot has one choice for every nominee, in a fixed order', () => {
    assert.deepEqual(
      normalizeBallot(shape, {
        choices: [
          { candidateId: 'c3', choice: 'no' },
          { personId: 'hu', choice: 'abstain' },
          { candidateId: 'c1', choice: 'yes' },
        ],
      }),
      [
        ['c1', 'yes'],
        ['c2', 'abstain'],
        ['c3', 'no'],
      ],
    );
  });

  void test('R-V5: incomplete, duplicated, ambiguous and unknown lines are refused', () => {
    const bad = (choices: { candidateId?: string; personId?: string; choice: 'yes' }[]) => () => normalizeBallot(shape, { choices });
    assert.throws(bad([{ candidateId: 'c1', choice: 'yes' }]), refusal('INVALID_BALLOT', 'R-V5'));
    assert.throws(bad([{ candidateId: 'c1', choice: 'yes' }, { candidateId: 'c1', choice: 'yes' }, { candidateId: 'c2', choice: 'yes' }, { candidateId: 'c3', choice: 'yes' }]), refusal('INVALID_BALLOT'));
    assert.throws(bad([{ personId: 'niu', choice: 'yes' }, { candidateId: 'c2', choice: 'yes' }, { candidateId: 'c3', choice: 'yes' }]), refusal('INVALID_BALLOT'));
    assert.throws(bad([{ candidateId: 'zz', choice: 'yes' }]), refusal('INVALID_BALLOT'));
    assert.throws(bad([{ candidateId: 'c1', personId: 'hu', choice: 'yes' }]), refusal('INVALID_BALLOT'));
    assert.throws(() => normalizeBallot(shape, { choice: 'yes' }), refusal('INVALID_BALLOT'));
  });

  void test('R-V5: a poll per nominee takes a single choice; a plain question takes no per-person lines', () => {
    assert.deepEqual(normalizeBallot({ perPerson: true, candidates: [cands[0]!] }, { choice: 'no' }), [['c1', 'no']]);
    assert.deepEqual(normalizeBallot({ perPerson: false, candidates: [] }, { choice: 'yes' }), [['', 'yes']]);
    assert.throws(() => normalizeBallot({ perPerson: false, candidates: [] }, { choices: [{ candidateId: 'c1', choice: 'yes' }] }), refusal('INVALID_BALLOT'));
    assert.throws(() => normalizeBallot({ perPerson: false, candidates: [] }, {}), refusal('INVALID_BALLOT'));
  });

  const infos: CandidateInfo[] = [
    { id: 'c1', personId: 'niu', name: '牛海民', act: 'decide_appoint', post: '发改委主任' },
    { id: 'c2', personId: 'hu', name: '胡万军', act: 'decide_appoint', post: '市场监管局局长' },
  ];

  void test('R-V5: per-person results, each with its own passed flag', () => {
    const n = passingNumbers(hebi, 41, 30);
    const e = evaluatePoll({ candidates: infos, enBloc: false }, new Map([['c1', counts(25, 3, 2)], ['c2', counts(20, 5, 5)]]), n);
    assert.equal(e.whole, null, 'several nominees: no single result');
    assert.deepEqual(
      e.candidates.map((c) => [c.name, c.yes, c.notVoted, c.passed]),
      [
        ['牛海民', 25, 11, true],
        ['胡万军', 20, 11, false],
      ],
    );
    const one = evaluatePoll({ candidates: [infos[0]!], enBloc: false }, new Map([['c1', counts(21, 0, 0)]]), n);
    assert.deepEqual(one.whole, { yes: 21, no: 0, abstain: 0, notVoted: 20, passed: true });
  });

  void test('R-V5: a personnel item needs its nominees; en bloc only for acts the profile does not list', () => {
    assert.throws(() => checkPollShape({ candidates: [], enBloc: false, agendaKind: 'personnel' }, hebi), refusal('PER_PERSON_REQUIRED', 'R-V5'));
    assert.doesNotThrow(() => checkPollShape({ candidates: [], enBloc: false, agendaKind: 'resolution' }, hebi));
    const two = [{ act: 'accept_resignation' as const }, { act: 'accept_resignation' as const }];
    assert.throws(() => checkPollShape({ candidates: two, enBloc: true, agendaKind: 'personnel' }, hebi), refusal('EN_BLOC_NOT_ALLOWED', 'R-V5'));
    assert.doesNotThrow(() => checkPollShape({ candidates: two, enBloc: true, agendaKind: 'personnel' }, PRESETS.beijing));
    assert.throws(() => checkPollShape({ candidates: [two[0]!], enBloc: true, agendaKind: null }, PRESETS.beijing), refusal('EN_BLOC_CANDIDATES'));
    assert.throws(() => checkPollShape({ candidates: [...two, { act: 'appoint' }], enBloc: true, agendaKind: null }, PRESETS.beijing), refusal('EN_BLOC_NOT_ALLOWED'));
  });

  void test('R-V5: one line per person, act and post — the same person may be appointed to one post and removed from another', () => {
    const niu = (act: 'decide_appoint' | 'decide_remove', post: string) => ({ personId: 'niu', name: '牛海民', act, post });
    assert.doesNotThrow(() => checkDistinctCandidates([niu('decide_appoint', '发改委主任'), niu('decide_remove', '市场监管局局长')]));
    assert.throws(() => checkDistinctCandidates([niu('decide_appoint', '发改委主任'), niu('decide_appoint', '发改委主任')]), refusal('DUPLICATE_CANDIDATE', 'R-V5'));
  });

  void test('R-V5: en bloc results apply to every candidate alike', () => {
    const n = passingNumbers(hebi, 41, 30);
    const e = evaluatePoll({ candidates: infos, enBloc: true }, new Map([['', counts(22, 1, 0)]]), n);
    assert.equal(e.whole?.passed, true);
    assert.deepEqual(e.candidates.map((c) => c.yes), [22, 22]);
  });

  void test('R-V6: the stored result gives back the same evaluation', () => {
    const n = passingNumbers(hebi, 41, 30);
    const e = evaluatePoll({ candidates: infos, enBloc: false }, new Map([['c1', counts(25, 3, 2)]]), n);
    const back = fromStored(JSON.parse(JSON.stringify(toStored(e, 30))), infos);
    assert.deepEqual(back, e);
    assert.deepEqual(back.candidates[1], { ...infos[1], yes: 0, no: 0, abstain: 0, notVoted: 41, passed: false });
  });
});

void describe('states and R-V7 announcement and oath (议事规则第四十四条)', () => {
  void test('R-V7: draft → open → closed → announced, and nothing else', () => {
    assert.equal(nextState('draft', 'open'), 'open');
    assert.equal(nextState('open', 'close'), 'closed');
    assert.equal(nextState('closed', 'announce'), 'announced');
    assert.throws(() => nextState('draft', 'close'), refusal('POLL_STATE'));
    assert.throws(() => nextState('open', 'announce'), refusal('POLL_STATE', 'R-V7'));
    assert.throws(() => nextState('announced', 'open'), refusal('POLL_STATE'));
    assert.throws(() => nextState('closed', 'close'), refusal('POLL_STATE'));
  });

  void test('R-V7: the oath follows a passed, announced appointment, once', () => {
    const ok = { act: 'decide_appoint' as const, passed: true, state: 'announced' as const, recorded: false };
    assert.doesNotThrow(() => checkOath(ok));
    assert.doesNotThrow(() => checkOath({ ...ok, act: 'decide_acting' }));
    assert.throws(() => checkOath({ ...ok, act: 'remove' }), refusal('NOT_AN_APPOINTMENT', 'R-V7'));
    assert.throws(() => checkOath({ ...ok, state: 'closed' }), refusal('NOT_ANNOUNCED', 'R-V7'));
    assert.throws(() => checkOath({ ...ok, passed: false }), refusal('NOT_PASSED', 'R-V7'));
    assert.throws(() => checkOath({ ...ok, recorded: true }), refusal('OATH_RECORDED', 'R-V7'));
  });

  void test('R-V7: the words the presiding person reads out', () => {
    const n = passingNumbers(hebi, 41, 30);
    assert.equal(announcementZh(evaluatePoll({ candidates: [], enBloc: false }, new Map([['', counts(28, 1, 1)]]), n)), '表决结果：赞成28票，反对1票，弃权1票，通过。');
    const infos: CandidateInfo[] = [
      { id: 'a', personId: 'p', name: '李晓晔', act: 'appoint', post: '鹤壁市中级人民法院副院长' },
      { id: 'b', personId: 'q', name: '卢国平', act: 'remove', post: '鹤壁市中级人民法院金融审判庭庭长' },
    ];
    const text = announcementZh(evaluatePoll({ candidates: infos, enBloc: false }, new Map([['a', counts(29, 0, 1)], ['b', counts(19, 0, 11)]]), n));
    assert.equal(text, '表决结果：\n李晓晔（任命鹤壁市中级人民法院副院长）：赞成29票，反对0票，弃权1票，通过。\n卢国平（免去鹤壁市中级人民法院金融审判庭庭长）：赞成19票，反对0票，弃权11票，未通过。');
  });
});

void describe('R-V4 teller entries (议事规则 art. 43)', () => {
  void test('R-V4: a teller may enter a member attending by video, or one whose device failure was recorded', () => {
    assert.doesNotThrow(() => checkTellerEntryAllowed({ name: '王学德', mode: 'video', deviceFailed: false }));
    assert.doesNotThrow(() => checkTellerEntryAllowed({ name: '王烁', mode: 'onsite', deviceFailed: true }));
  });
  void test('R-V4: never a member in the hall whose device works', () => {
    for (const mode of ['onsite', null] as const) {
      assert.throws(
        () => checkTellerEntryAllowed({ name: '王烁', mode, deviceFailed: false }),
        (e: unknown) => e instanceof DomainError && e.code === 'TELLER_ENTRY_NOT_ALLOWED' && e.status === 422 && e.rule?.startsWith('R-V4') === true && e.messageZh.includes('第四十三条'),
      );
    }
  });
});
