import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { type Holding, gazetteGroups, planActs } from './personnel.rules.ts';

const refused = (fn: () => unknown, code: string) => assert.throws(fn, (e: unknown) => e instanceof DomainError && e.rule === '§8' && e.status >= 400 && e.status < 500 && e.code === code);
const single = () => true;
const holdings: Holding[] = [
  { id: 'h1', postId: 'fgw', personId: 'ma', startDate: '2020-01-01', endDate: null }, // 马海澎, 发展和改革委员会主任
  { id: 'h2', postId: 'scj', personId: 'niu', startDate: '2021-01-01', endDate: null }, // 牛海民, 市场监督管理局局长
];

test('§8: one meeting removes 牛海民 from market regulation and appoints him to the development commission', () => {
  const changes = planActs(
    [
      { act: 'decide_appoint', personId: 'niu', postId: 'fgw' },
      { act: 'decide_appoint', personId: 'hu', postId: 'scj' },
      { act: 'decide_remove', personId: 'ma', postId: 'fgw' },
      { act: 'decide_remove', personId: 'niu', postId: 'scj' },
    ],
    holdings,
    single,
    '2023-08-24',
  );
  assert.deepEqual(
    changes.map((c) => c.kind),
    ['end', 'end', 'start', 'start'],
  );
});

test('§8: no second holder of a single post; only a held post can be removed from', () => {
  refused(() => planActs([{ act: 'decide_appoint', personId: 'hu', postId: 'scj' }], holdings, single, '2023-08-24'), 'POST_OCCUPIED');
  planActs([{ act: 'decide_appoint', personId: 'hu', postId: 'scj' }], holdings, () => false, '2023-08-24');
  refused(() => planActs([{ act: 'remove', personId: 'hu', postId: 'scj' }], holdings, single, '2023-08-24'), 'POST_NOT_HELD');
  refused(() => planActs([{ act: 'decide_appoint', personId: 'niu', postId: 'scj' }], holdings, () => false, '2023-08-24'), 'ALREADY_HOLDS_POST');
});

test('§8: consistent dates — a removal before the appointment, an appointment inside a recorded term', () => {
  refused(() => planActs([{ act: 'decide_remove', personId: 'niu', postId: 'scj' }], holdings, single, '2020-06-01'), 'DATES_INCONSISTENT');
  const ended: Holding[] = [{ id: 'h3', postId: 'x', personId: 'a', startDate: '2020-01-01', endDate: '2023-01-01' }];
  refused(() => planActs([{ act: 'appoint', personId: 'b', postId: 'x' }], ended, single, '2022-06-01'), 'DATES_INCONSISTENT');
  assert.equal(planActs([{ act: 'appoint', personId: 'b', postId: 'x' }], ended, single, '2023-01-01').length, 1);
});

test('§8: accepting a resignation then deciding an acting head (决定代理)', () => {
  const h: Holding[] = [{ id: 'p', postId: 'jcz', personId: 'nxl', startDate: '2021-01-01', endDate: null }];
  const c = planActs([{ act: 'decide_acting', personId: 'skj', postId: 'jcz' }, { act: 'accept_resignation', personId: 'nxl', postId: 'jcz' }], h, single, '2023-08-24');
  assert.deepEqual(c.at(-1), { kind: 'start', postId: 'jcz', personId: 'skj', act: 'decide_acting', acting: true });
});

test('§8 (L2288–L2331): the personnel list prints in groups, acts in order of appearance', () => {
  const g = gazetteGroups([
    { group: 1, act: 'decide_appoint', actZh: '决定任命', name: '牛海民', gender: null, post: '发改委主任' },
    { group: 2, act: 'appoint', actZh: '任命', name: '李晓晔', gender: 'female', post: '副院长' },
    { group: 1, act: 'decide_remove', actZh: '决定免去', name: '牛海民', gender: null, post: '局长' },
    { group: 1, act: 'decide_appoint', actZh: '决定任命', name: '胡万军', gender: null, post: '局长' },
  ]);
  assert.deepEqual(
    g.map((x) => [x.group, x.acts.map((a) => [a.actZh, a.people.length])]),
    [
      [1, [['决定任命', 2], ['决定免去', 1]]],
      [2, [['任命', 1]]],
    ],
  );
});
