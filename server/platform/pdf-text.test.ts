import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reflow } from './pdf-text.ts';

void test('a justified paragraph wrapped over lines comes back as one; a short line ends its paragraph', () => {
  const lines = ['第一条　为了加强卫河保护，改善生态环境，', '保障公众健康，制定本条例。', '第二条　本条例适用于本市行政区域内', '卫河的保护和管理活动，以及其他有关', '活动。', ''];
  assert.equal(reflow(lines), '第一条　为了加强卫河保护，改善生态环境，保障公众健康，制定本条例。\n第二条　本条例适用于本市行政区域内卫河的保护和管理活动，以及其他有关活动。');
});

void test('a page of headings only keeps each on its own line; an empty page is empty', () => {
  assert.equal(reflow(['第一章　总则', '第二章　规划与保护']), '第一章　总则\n第二章　规划与保护');
  assert.equal(reflow(['', '']), '');
});
