import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeText } from './analyze.rules.ts';
import { declaredCountsIn } from './checks.rules.ts';
import { compareDocs, segmentWords, wordDiff } from './diff.rules.ts';
import { deleteArticle, insertArticle, moveArticle } from './edit.rules.ts';
import { articleNumValue, articlesOf, citeOf, countsOf, divisionsOf, findNode } from './legislation.model.ts';
import { decodeNumeral, encodeNumeral } from './numerals.rules.ts';
import { parseLegislation } from './parse.rules.ts';
import { referencesOf, resolveReferences } from './refs.rules.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHARED = resolve(ROOT, '../shared');
const seedLines = readFileSync(resolve(SHARED, 'seed/000_5afcf154fdbded78.txt'), 'utf8').split('\n');
const seedSlice = (from: number, to: number): string => seedLines.slice(from - 1, to).join('\n');

interface Expected {
  name: string;
  path: string;
  from?: number;
  to?: number;
  format: 'text' | 'markdown';
  title: string;
  stage: string | null;
  chapters: number;
  sections: number;
  articles: number;
  paragraphs: number;
  items: number;
  articlesPerChapter: number[];
  explanation?: { from: number; to: number; declared: string | null; flagged: boolean };
}
const expected = (JSON.parse(readFileSync(resolve(ROOT, 'tests/fixtures/legislation/expected-structure.json'), 'utf8')) as { texts: Expected[] }).texts;

function load(e: Expected): { src: string; firstLine: number } {
  if (e.from !== undefined && e.to !== undefined) return { src: seedSlice(e.from, e.to), firstLine: e.from };
  return { src: readFileSync(resolve(SHARED, e.path), 'utf8'), firstLine: 1 };
}

const analyze = (e: Expected) => {
  const { src, firstLine } = load(e);
  const ex = e.explanation;
  return analyzeText(src, { format: e.format, firstLine, ...(ex ? { explanation: seedSlice(ex.from, ex.to), explanationFirstLine: ex.from } : {}) });
};

void describe('numerals (nzh, checked by round trip)', () => {
  void test('decodes article and chapter numbers', () => {
    assert.equal(decodeNumeral('一'), 1);
    assert.equal(decodeNumeral('十'), 10);
    assert.equal(decodeNumeral('一十'), 10);
    assert.equal(decodeNumeral('四十五'), 45);
    assert.equal(decodeNumeral('一百零一'), 101);
    assert.equal(decodeNumeral('一百一十'), 110);
    assert.equal(decodeNumeral('52'), 52);
  });
  void test('refuses what is not a well-formed numeral', () => {
    for (const bad of ['十十', '两百', '', 'abc', '零']) assert.equal(decodeNumeral(bad), null, bad);
  });
  void test('encodes as article numbers are written', () => {
    assert.equal(encodeNumeral(10), '十');
    assert.equal(encodeNumeral(101), '一百零一');
    assert.equal(encodeNumeral(110), '一百一十');
  });
});

void describe('structure of every seed and corpus text (domain §9)', () => {
  for (const e of expected) {
    void test(`${e.name}: ${e.chapters} chapters, ${e.articles} articles, ${e.paragraphs} paragraphs, ${e.items} items`, () => {
      const { doc, findings } = analyze(e);
      const c = countsOf(doc);
      assert.equal(doc.title, e.title);
      assert.equal(doc.stageLabel, e.stage);
      assert.deepEqual(
        { chapters: c.chapters, sections: c.sections, articles: c.articles, paragraphs: c.paragraphs, items: c.items },
        { chapters: e.chapters, sections: e.sections, articles: e.articles, paragraphs: e.paragraphs, items: e.items },
      );
      assert.deepEqual(
        divisionsOf(doc, 'chapter').map((ch) => articlesOf({ ...doc, body: ch.children }).length),
        e.articlesPerChapter,
      );
      // Every line found its place.
      assert.deepEqual(doc.unplaced, []);
      assert.deepEqual(findings.filter((f) => f.kind === 'unplaced'), []);
      // Articles are numbered 1..n and every internal reference resolves.
      assert.deepEqual(articlesOf(doc).map((a) => articleNumValue(a.num)), Array.from({ length: e.articles }, (_, k) => k + 1));
      assert.deepEqual(findings.filter((f) => f.kind === 'reference' || f.kind === 'numbering'), []);
    });
  }

  void test('page breaks inside a sentence are joined, not made into paragraphs (卫河 第三条, L135–L137)', () => {
    const { doc } = analyze(expected[0]!);
    const a3 = articlesOf(doc)[2]!;
    assert.equal(a3.paragraphs.length, 1);
    assert.match(a3.paragraphs[0]!.text, /综合治理、损害担责/);
    assert.equal(a3.heading, '基本原则');
    assert.equal(a3.headingPosition, 'after');
  });

  void test('headings before the number (公园 L1344 style) and items under their lead-in', () => {
    const park = analyze(expected[2]!).doc;
    const a1 = articlesOf(park)[0]!;
    assert.equal(a1.heading, '立法目的');
    assert.equal(a1.headingPosition, 'before');
    const a23 = articlesOf(park)[22]!;
    assert.deepEqual(a23.paragraphs.map((p) => p.items.length), [4, 0, 0]);
    assert.equal(a23.paragraphs[0]!.items[3]!.text, '执行任务的公安、消防、救护、抢险等特种车辆。');
  });

  void test('the table of contents is read as contents, not as chapters', () => {
    const rules = analyze(expected[1]!).doc;
    assert.equal(rules.toc.length, 8);
    assert.equal(rules.toc[6]!.heading, '公布');
  });

  void test('repairs in odd corpus files are reported with their lines', () => {
    const ground = analyze(expected[5]!);
    const kinds = ground.findings.map((f) => `${f.kind}@${f.line ?? ''}`);
    assert.deepEqual(kinds, ['heading-missing@9', 'heading-unnumbered@27', 'heading-unnumbered@71', 'heading-unnumbered@107', 'item-number-missing@137']);
    const a31 = articlesOf(ground.doc)[30]!;
    assert.deepEqual(a31.paragraphs[0]!.items.map((i) => i.numText), ['（一）', '（二）']);
    assert.equal(a31.paragraphs[0]!.items[1]!.text, '侵占、损坏或者擅自使用、移动地下水监测标志的,处五百元以上一千元以下罚款。');
    const circular = analyze(expected[8]!);
    assert.deepEqual(
      circular.findings.map((f) => `${f.kind}@${f.line ?? ''}`),
      ['heading-missing@11', 'heading-unnumbered@247'],
    );
    const chapters = divisionsOf(circular.doc, 'chapter');
    assert.equal(chapters[0]!.implicit, true);
    assert.equal(chapters[1]!.numText, '第二章');
    assert.equal(chapters[7]!.heading, '附则');
  });

  void test('sections (节) inside a chapter', () => {
    const air = analyze(expected[7]!).doc;
    const sections = divisionsOf(air, 'section');
    assert.deepEqual(sections.map((s) => s.eId), ['chp_3__sec_1', 'chp_3__sec_2', 'chp_3__sec_3', 'chp_3__sec_4', 'chp_3__sec_5']);
    assert.equal(sections[0]!.heading, '燃煤和其他能源污染防治');
  });

  void test('unplaceable lines are reported with their line numbers, never dropped silently', () => {
    const src = ['某某条例', '', '（一）孤立的项', '第一条 第一条的内容。', '第一章 总则', '章标题后、条之前的文字。', '第二条 内容。'].join('\n');
    const { doc, findings } = parseLegislation(src);
    assert.deepEqual(
      findings.filter((f) => f.kind === 'unplaced').map((f) => f.line),
      [3, 6],
    );
    assert.deepEqual(doc.unplaced.map((u) => u.line), [3, 6]);
  });

  void test('inserted articles 第二十条之一, 目 under 项, a 编 > 章 > 节 tree', () => {
    const src = [
      '第一编 总则',
      '第一章 一般规定',
      '第一节 目的',
      '第一条 为了测试，制定本条例。',
      '第二条 下列事项：',
      '（一）甲事项：',
      '1. 第一目；',
      '2. 第二目。',
      '第二条之一【新增条款】 插入的条文。',
      '第二编 分则',
      '第二章 具体规定',
      '第三条 依照本条例第二条之一的规定执行。',
    ].join('\n');
    const { doc } = analyzeText(src);
    const c = countsOf(doc);
    assert.deepEqual([c.books, c.chapters, c.sections, c.articles, c.items, c.subitems], [2, 2, 1, 4, 1, 2]);
    const inserted = articlesOf(doc)[2]!;
    assert.equal(inserted.eId, 'art_2-1');
    assert.equal(inserted.numText, '第二条之一');
    assert.equal(articleNumValue(inserted.num), 2.1);
    assert.equal(inserted.heading, '新增条款');
    assert.equal(findNode(doc, 'art_2__para_1__item_1__sub_2')?.node.kind, 'subitem');
    assert.equal(citeOf(doc, 'art_2__para_1__item_1'), '第二条第一款第一项');
    const [r] = resolveReferences(doc);
    assert.equal(r?.eId, 'art_2-1');
    assert.deepEqual(divisionsOf(doc).map((d) => d.eId), ['book_1', 'book_1__chp_1', 'book_1__chp_1__sec_1', 'book_2', 'book_2__chp_2']);
  });
});

void describe('checks (domain §9)', () => {
  void test('declared counts: the rules explanation says 9 chapters / 52 articles, the text has 8 / 47 (L1316)', () => {
    const { findings } = analyze(expected[1]!);
    const declared = findings.filter((f) => f.kind === 'declared-count');
    assert.equal(declared.length, 1);
    assert.equal(declared[0]!.line, 1316);
    assert.match(declared[0]!.messageZh, /九章五十二条.*八章四十七条/);
    assert.match(declared[0]!.messageEn, /9 chapters, 52 articles.*8 chapters, 47 articles/);
  });

  void test('declared counts that match are not flagged: 卫河 六章四十五条 (L77), 示范点 五章二十三条 (L1729)', () => {
    for (const e of [expected[0]!, expected[3]!]) assert.deepEqual(analyze(e).findings.filter((f) => f.kind === 'declared-count'), []);
    // The park report's 原有……5章36条 describes the earlier draft, not this text.
    assert.deepEqual(analyze(expected[2]!).findings.filter((f) => f.kind === 'declared-count'), []);
  });

  void test('declared counts: which numbers are declarations and which describe the earlier version', () => {
    assert.deepEqual(
      declaredCountsIn('由原来的7章44条调整为9章52条，整体内容更加科学合理。').map((d) => [d.kind, d.chapters, d.articles]),
      [
        ['previous', 7, 44],
        ['declared', 9, 52],
      ],
    );
    assert.deepEqual(declaredCountsIn('“总则”部分由原来的3条增加至6条。违反第三十七条'), []);
    assert.deepEqual(declaredCountsIn('《条例（草案）》共六章四十五条，包括总则').map((d) => [d.kind, d.chapters, d.articles]), [['declared', 6, 45]]);
  });

  void test('references resolve: 本条例第二十条, 第三十七条第三款, 第二十二条第二款第二项、第三项, 本条第一款, 前款', () => {
    const wei = analyze(expected[0]!).doc;
    const w = resolveReferences(wei).map((r) => r.eId);
    assert.deepEqual(w, ['art_20', 'art_37__para_3']);
    const park = analyze(expected[2]!).doc;
    assert.deepEqual(
      resolveReferences(park).map((r) => r.eId),
      ['art_22__para_2__item_2', 'art_22__para_2__item_3', 'art_23'],
    );
    const rules = analyze(expected[1]!).doc;
    assert.deepEqual(
      resolveReferences(rules).map((r) => [r.ref.text, r.eId]),
      [
        ['本条第一款、第二款', 'art_9__para_1'],
        ['本条第一款、第二款', 'art_9__para_2'],
        ['前款', 'art_18__para_1'],
        ['前款', 'art_31__para_1'],
      ],
    );
  });

  void test('an item citing 第一项 under a lead-in that cites another article resolves to that article (市容 第五十一条)', () => {
    const doc = analyze(expected[6]!).doc;
    const fromA51 = resolveReferences(doc).filter((r) => r.ref.articleEId === 'art_51');
    assert.deepEqual(fromA51.map((r) => r.eId), ['art_33', 'art_33__para_1__item_1', 'art_33__para_1__item_2', 'art_33__para_1__item_4', 'art_33__para_1__item_6', 'art_33__para_1__item_7']);
  });

  void test('broken references, numbering gaps, duplicates and heading style are found with their place', () => {
    const src = [
      '第一条【目的】 为了测试，制定本条例。',
      '第二条【范围】 违反本条例第九条规定的，依照前款处理。',
      '第四条 本条第三款不存在。',
      '第四条 重复的条号。',
      '第五条【处罚】 违反本条例第一条第二项的，处罚。',
    ].join('\n');
    const { findings } = analyzeText(src);
    assert.deepEqual(
      findings.map((f) => `${f.kind}@${f.line ?? ''}:${f.eId ?? ''}`),
      [
        'reference@2:art_2__para_1',
        'reference@2:art_2__para_1',
        'numbering@3:art_4',
        'heading-style@3:art_4',
        'reference@3:art_4__para_1',
        'numbering@4:art_4-x2',
        'reference@5:art_5__para_1',
      ],
    );
    const msgs = findings.map((f) => f.messageZh).join('\n');
    assert.match(msgs, /第九条不存在/);
    assert.match(msgs, /没有可指的款/);
    assert.match(msgs, /缺少第三条/);
    assert.match(msgs, /第四条重复/);
    assert.match(msgs, /第一条没有列项/);
    assert.ok(findings.every((f) => f.eId), 'every finding here names its node');
  });

  void test('heading style: 卫河 has 【】 headings on 40 articles and none on articles 41–45', () => {
    const style = analyze(expected[0]!).findings.filter((f) => f.kind === 'heading-style');
    assert.equal(style.length, 1);
    assert.equal(style[0]!.eId, 'art_41');
    assert.equal(style[0]!.line, 269);
  });

  void test('the rules text ends without 。 (第四十七条, L1288) and the finding says where', () => {
    const f = analyze(expected[1]!).findings.find((x) => x.kind === 'unterminated');
    assert.deepEqual([f?.line, f?.eId], [1288, 'art_47__para_1']);
  });
});

const draft1 = readFileSync(resolve(ROOT, 'tests/fixtures/legislation/park-draft-1.txt'), 'utf8');
const draft2 = readFileSync(resolve(ROOT, 'tests/fixtures/legislation/park-draft-2.txt'), 'utf8');

void describe('versions and diffs (domain §9)', () => {
  void test('Chinese words come from Intl.Segmenter and the diff works on words', () => {
    assert.ok(segmentWords('城市管理主管部门').length >= 2);
    const ops = wordDiff('本条例适用于本市城市规划区内公园', '本条例适用于本市实行城市化管理区域公园');
    assert.equal(ops.map((o) => (o.op === 'delete' ? '' : o.text)).join(''), '本条例适用于本市实行城市化管理区域公园');
    assert.equal(ops.map((o) => (o.op === 'insert' ? '' : o.text)).join(''), '本条例适用于本市城市规划区内公园');
    assert.ok(ops.some((o) => o.op === 'equal' && o.text.includes('本条例')));
  });

  void test('park regulation 草案 → 草案修改稿: moved, renumbered, changed, inserted, deleted, renamed', () => {
    const a = analyzeText(draft1).doc;
    const b = analyzeText(draft2).doc;
    assert.equal(a.title, '鹤壁市城市公园管理条例');
    const c = compareDocs(a, b);
    assert.deepEqual(c.title, { from: '鹤壁市城市公园管理条例', to: '鹤壁市公园管理条例', changed: true });
    assert.deepEqual(c.summary, { unchanged: 23, changed: 4, inserted: 1, deleted: 1, renumbered: 5, moved: 1 });
    const by = (status: string) => c.articles.filter((x) => x.status === status);
    assert.deepEqual(by('inserted').map((x) => [x.to?.numText, x.to?.heading]), [['第二十条', '便民服务']]);
    assert.deepEqual(by('deleted').map((x) => [x.from?.numText, x.from?.heading]), [['第二十三条', '游园须知']]);
    assert.deepEqual(by('changed').map((x) => x.to?.numText), ['第二条', '第十八条', '第二十四条', '第二十五条']);
    const moved = c.articles.filter((x) => x.moved);
    assert.deepEqual(moved.map((x) => [x.from?.numText, x.to?.numText, x.to?.heading]), [['第十三条', '第十四条', '安全管理']]);
    assert.deepEqual(c.renumbering, [
      { from: '第十四条', to: '第十三条' },
      { from: '第十三条', to: '第十四条' },
      { from: '第二十条', to: '第二十一条' },
      { from: '第二十一条', to: '第二十二条' },
      { from: '第二十二条', to: '第二十三条' },
    ]);
    // Article 18 gained its second paragraph; the diff shows exactly that.
    const a18 = by('changed')[1]!;
    assert.deepEqual(a18.diff?.filter((o) => o.op !== 'equal'), [{ op: 'insert', text: '\n公园的经营性收益，应当用于公园的养护管理。' }]);
    // The penalty article's reference moved with the renumbering: only the numeral changed.
    const a24 = by('changed')[2]!;
    assert.deepEqual(a24.diff?.filter((o) => o.op !== 'equal').map((o) => o.text), ['十一条', '十二条']);
    // The newer draft updated its references, so none is stale.
    assert.deepEqual(c.staleReferences, []);
    // The order of the list follows the newer text, with the deleted article where it stood.
    assert.deepEqual(c.articles.slice(19, 24).map((x) => x.status), ['inserted', 'unchanged', 'unchanged', 'unchanged', 'deleted']);
  });

  void test('a reference left behind by renumbering is reported as stale', () => {
    const a = analyzeText(draft1).doc;
    const stale = draft2.replace('违反本条例第二十二条第二款第二项、第三项的', '违反本条例第二十一条第二款第二项、第三项的');
    const c = compareDocs(a, analyzeText(stale).doc);
    assert.equal(c.staleReferences.length, 1);
    assert.deepEqual([c.staleReferences[0]!.cited, c.staleReferences[0]!.expected, c.staleReferences[0]!.eId], ['第二十一条', '第二十二条', 'art_24__para_1']);
  });
});

void describe('editing with renumbering (stable wIds)', () => {
  const park = () => analyzeText(draft2).doc;

  void test('inserting an article renumbers the rest and rewrites the references that cite them', () => {
    const before = park();
    const r = insertArticle(before, 'art_19', { heading: '无障碍', paragraphs: ['公园应当完善无障碍设施。'] });
    assert.equal(articlesOf(r.doc).length, 29);
    assert.equal(r.renumbered.length, 9);
    const a25 = findNode(r.doc, 'art_25__para_1');
    assert.ok(a25?.node.kind === 'paragraph' && a25.node.text.startsWith('违反本条例第二十三条第二款第二项、第三项的'));
    assert.deepEqual(r.rewritten.map((x) => x.eId), ['art_25__para_1', 'art_26__para_1']);
    // The article that was 第二十二条 is now 第二十三条 but keeps its wId.
    const moved = articlesOf(r.doc).find((a) => a.heading === '行为规范')!;
    assert.deepEqual([moved.eId, moved.wId], ['art_23', 'art_22']);
    const inserted = articlesOf(r.doc)[19]!;
    assert.deepEqual([inserted.eId, inserted.numText, inserted.headingPosition], ['art_20', '第二十条', 'before']);
    assert.notEqual(inserted.wId, 'art_20');
    // The original is untouched.
    assert.equal(articlesOf(before).length, 28);
    // And the result still checks clean.
    assert.deepEqual(referencesOf(r.doc).length, referencesOf(before).length);
    assert.ok(resolveReferences(r.doc).every((x) => x.eId !== null));
  });

  void test('amendment style: 第十九条之一 keeps every other number', () => {
    const r = insertArticle(park(), 'art_19', { paragraphs: ['插入的条文。'] }, 'sub');
    assert.deepEqual(r.renumbered, []);
    assert.deepEqual(articlesOf(r.doc).slice(18, 21).map((a) => a.eId), ['art_19', 'art_19-1', 'art_20']);
  });

  void test('deleting a cited article reports the dangling reference', () => {
    const r = deleteArticle(park(), 'art_23');
    assert.equal(articlesOf(r.doc).length, 27);
    assert.equal(r.findings.length, 1);
    assert.equal(r.findings[0]!.kind, 'reference');
    assert.equal(r.findings[0]!.eId, 'art_24__para_1');
  });

  void test('moving an article to the start of a chapter puts it there, whatever chapter it came from', () => {
    const doc = analyze(expected[0]!).doc; // 卫河保护条例（草案）: chapters of 10, 7, 13 … articles
    const chapter3 = divisionsOf(doc, 'chapter')[2]!;
    const r = moveArticle(doc, 'art_1', null, chapter3.eId);
    const moved = articlesOf(r.doc).find((a) => a.wId === articlesOf(doc)[0]!.wId)!;
    const chapter3After = divisionsOf(r.doc, 'chapter')[2]!;
    assert.equal(articlesOf({ ...r.doc, body: chapter3After.children })[0], moved);
    assert.deepEqual(moved.num, { main: 17, sub: 0 }, 'first of chapter 3, after the 9 + 7 articles left before it');
    assert.equal(articlesOf({ ...r.doc, body: divisionsOf(r.doc, 'chapter')[0]!.children }).length, 9);
    assert.throws(() => moveArticle(doc, 'art_1', null, 'chp_99'), RangeError);
  });

  void test('moving an article renumbers by the new order', () => {
    const r = moveArticle(park(), 'art_14', 'art_12');
    assert.deepEqual(articlesOf(r.doc).slice(12, 14).map((a) => a.heading), ['安全管理', '建设活动管理']);
    assert.deepEqual(r.renumbered, [
      { from: '第十四条', to: '第十三条' },
      { from: '第十三条', to: '第十四条' },
    ]);
  });
});
