import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import { type SectionRef, announcementHeading, buildOrder, checkBaseVersion, checkOrder, issueLabel, nextAnnouncementNumber, nextIssue, paragraphsOf, personnelLines, recordOrder } from './publication.rules.ts';

const refs: SectionRef[] = [
  { key: 'attendees', kind: 'attendees', title: '列席人员名单', position: 9 },
  { key: 't:2', kind: 'speech', title: '讲话', position: 2 },
  { key: 'personnel', kind: 'personnel', title: '人事任免名单', position: 7 },
  { key: 't:1', kind: 'news', title: '新闻', position: 1 },
  { key: 'attendance', kind: 'attendance', title: '出缺席人员名单', position: 8 },
  { key: 'a:1', kind: 'announcement', title: '公告', position: 5 },
  { key: 't:3', kind: 'report', title: '报告', position: 3 },
];
const refusal = (fn: () => unknown, code: string, rule?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.code === code && (rule === undefined || e.rule === rule) && e.messageZh.length > 0 && e.messageEn.length > 0);

test('R-P2: the record order is the texts in their order, then announcements, personnel, attendance, attendees', () => {
  assert.deepEqual(recordOrder(refs), ['t:1', 't:2', 't:3', 'a:1', 'personnel', 'attendance', 'attendees']);
});

test('R-P2: an order must name every section once', () => {
  const all = recordOrder(refs);
  checkOrder([...all].reverse(), all);
  refusal(() => checkOrder(all.slice(1), all), 'GAZETTE_ORDER_INCOMPLETE', 'R-P2');
  refusal(() => checkOrder([...all, 't:1'], all), 'GAZETTE_ORDER_DUPLICATE', 'R-P2');
  refusal(() => checkOrder([...all, 't:9'], all), 'GAZETTE_ORDER_UNKNOWN', 'R-P2');
});

test('R-P2: a build keeps a saved order that matches the record and refuses one the record has outgrown', () => {
  const saved = ['t:2', 't:1', 't:3', 'a:1', 'personnel', 'attendance', 'attendees'];
  assert.deepEqual(buildOrder(saved, refs), saved);
  assert.deepEqual(buildOrder(null, refs), recordOrder(refs));
  refusal(() => buildOrder(saved, refs.filter((r) => r.key !== 't:3')), 'GAZETTE_ORDER_STALE', 'R-P2');
});

test('R-P2: editing names the version it started from', () => {
  checkBaseVersion(3, 3);
  refusal(() => checkBaseVersion(4, 3), 'GAZETTE_VERSION_CONFLICT');
});

test('R-P2: issues (期) count within the year and in total', () => {
  assert.deepEqual(nextIssue([], 2023), { year: 2023, no: 1, total: 1 });
  const existing = [
    { year: 2022, issue_no: 5, issue_total: 5 },
    { year: 2023, issue_no: 1, issue_total: 6 },
    { year: 2023, issue_no: 2, issue_total: 7 },
  ];
  assert.deepEqual(nextIssue(existing, 2023), { year: 2023, no: 3, total: 8 });
  assert.deepEqual(nextIssue(existing, 2024), { year: 2024, no: 1, total: 8 });
  assert.equal(issueLabel(2023, 3, 8), '2023年第3期（总第8期）');
});

test('R-P1: announcements are numbered from 1 within the term', () => {
  assert.equal(nextAnnouncementNumber([]), 1);
  assert.equal(nextAnnouncementNumber([1, 2, null, 3]), 4);
  assert.equal(announcementHeading('鹤壁市人民代表大会常务委员会', 12, 4), '鹤壁市人民代表大会常务委员会公告（第十二届）第4号');
});

test('R-P2: the personnel list prints as the gazette does (seed L2310–L2331)', () => {
  const lines = personnelLines([
    {
      group: 1,
      acts: [
        { act: 'decide_appoint', actZh: '决定任命', people: [{ name: '牛海民', gender: null, post: '鹤壁市发展和改革委员会主任' }, { name: '赵丽洁', gender: 'female', post: '鹤壁市政务服务和大数据管理局局长' }] },
        { act: 'decide_remove', actZh: '决定免去', people: [{ name: '马海澎', gender: null, post: '鹤壁市发展和改革委员会主任' }] },
      ],
    },
    { group: 3, acts: [{ act: 'appoint', actZh: '任命', people: [{ name: '苏康健', gender: null, post: '鹤壁市人民检察院副检察长' }] }] },
  ]);
  assert.deepEqual(lines, ['一', '决定任命：', '牛海民为鹤壁市发展和改革委员会主任；', '赵丽洁（女）为鹤壁市政务服务和大数据管理局局长。', '决定免去：', '马海澎的鹤壁市发展和改革委员会主任职务。', '三', '任命：', '苏康健为鹤壁市人民检察院副检察长。']);
  assert.deepEqual(paragraphsOf(' 一 \n\n 二\n'), ['一', '二']);
});
