// Structural edits of a text with automatic renumbering (issue item 7's core): insert, delete and
// move articles; article numbers are recomputed and every internal reference that cites a
// renumbered article is rewritten (第二十条 → 第二十一条). A reference to a deleted article cannot
// be rewritten and is reported. wIds stay with their articles, so opinions and comments follow them.
import {
  type Article,
  type ArticleNum,
  type BodyNode,
  type Finding,
  type LegalDoc,
  articleKey,
  articleNumText,
  articlesOf,
  assignIds,
  cloneDoc,
  walkArticles,
  walkDivisions,
} from './legislation.model.ts';
import { type Reference, referencesIn, renumberReferencesInText } from './refs.rules.ts';

export interface EditResult {
  doc: LegalDoc;
  /** Old article number → new, for articles whose number changed. */
  renumbered: { from: string; to: string }[];
  /** References rewritten, as (eId, before, after). */
  rewritten: { eId: string; before: string; after: string }[];
  findings: Finding[];
}

export interface NewArticle {
  heading?: string | null;
  paragraphs: string[];
}

/** How inserted articles are numbered: renumber all that follow, or 第二十条之一 (amendment style). */
export type InsertMode = 'renumber' | 'sub';

function containerOf(nodes: BodyNode[], target: Article): BodyNode[] | null {
  if (nodes.includes(target)) return nodes;
  for (const d of walkDivisions(nodes)) if (d.children.includes(target)) return d.children;
  return null;
}

function uniqueWId(doc: LegalDoc, base: string): string {
  const used = new Set(articlesOf(doc).map((a) => a.wId));
  if (!used.has(base)) return base;
  for (let k = 2; ; k++) if (!used.has(`${base}-n${k}`)) return `${base}-n${k}`;
}

/** Applies a change to a copy, then renumbers and rewrites references with the old numbers in hand. */
function withRenumbering(doc: LegalDoc, mode: InsertMode, change: (copy: LegalDoc) => Article | null): EditResult {
  const copy = cloneDoc(doc);
  // References are read against the numbering the text was written in, before the change.
  const refsOf = new Map<object, Reference[]>();
  for (const article of walkArticles(copy.body)) {
    for (const paragraph of article.paragraphs) {
      refsOf.set(paragraph, referencesIn(paragraph.text, { article, paragraph, fromEId: paragraph.eId, line: paragraph.line }));
      for (const item of paragraph.items) refsOf.set(item, referencesIn(item.text, { article, paragraph, fromEId: item.eId, line: item.line }));
    }
  }
  const oldKeys = new Map<Article, string>(articlesOf(copy).map((a) => [a, articleKey(a.num)]));
  const inserted = change(copy);

  const arts = articlesOf(copy);
  if (mode === 'renumber') {
    arts.forEach((a, k) => {
      a.num = { main: k + 1, sub: 0 };
    });
  } else if (inserted) {
    // 之一 after the article it follows (and the sub-articles already there shift by one).
    const k = arts.indexOf(inserted);
    const prev = arts[k - 1];
    const base: ArticleNum = prev ? { main: prev.num.main, sub: prev.num.sub + 1 } : { main: 0, sub: 1 };
    inserted.num = base;
    for (let n = k + 1; n < arts.length; n++) {
      const a = arts[n];
      if (!a || a.num.main !== base.main || a.num.sub < base.sub) break;
      a.num = { main: a.num.main, sub: a.num.sub + 1 };
    }
  }
  for (const a of arts) a.numText = articleNumText(a.num);

  const mapping = new Map<string, ArticleNum>();
  const renumbered: EditResult['renumbered'] = [];
  for (const a of arts) {
    const old = oldKeys.get(a);
    if (old === undefined) continue;
    mapping.set(old, a.num);
    if (old !== articleKey(a.num)) renumbered.push({ from: articleNumText(parseKey(old)), to: a.numText });
  }

  const rewrites: { node: { eId: string }; before: string; after: string }[] = [];
  const problems: { node: { eId: string }; finding: Finding }[] = [];
  for (const a of arts) {
    for (const p of a.paragraphs) {
      for (const node of [p, ...p.items]) {
        const refs = refsOf.get(node) ?? [];
        if (refs.length === 0) continue;
        const before = node.text;
        node.text = renumberReferencesInText(before, refs, mapping);
        if (node.text !== before) rewrites.push({ node, before, after: node.text });
        for (const r of refs) {
          for (const t of r.articleTokens) {
            if (mapping.has(articleKey(t.num))) continue;
            problems.push({
              node,
              finding: {
                kind: 'reference',
                severity: 'error',
                messageZh: `${a.numText}引用的${articleNumText(t.num)}已被删除或不存在`,
                messageEn: `${a.numText} cites ${articleNumText(t.num)}, which was deleted or does not exist`,
                line: node.line,
              },
            });
          }
        }
      }
    }
  }
  assignIds(copy);
  // Reported with the eIds of the new numbering.
  const rewritten = rewrites.map((r) => ({ eId: r.node.eId, before: r.before, after: r.after }));
  const findings = problems.map((p) => ({ ...p.finding, eId: p.node.eId }));
  return { doc: copy, renumbered, rewritten, findings };
}

const parseKey = (k: string): ArticleNum => {
  const [main, sub] = k.split('-').map(Number);
  return { main: main ?? 0, sub: sub ?? 0 };
};

function makeArticle(doc: LegalDoc, content: NewArticle): Article {
  const a: Article = {
    kind: 'article',
    eId: '',
    wId: '',
    num: { main: 0, sub: 0 },
    numText: '',
    heading: content.heading ?? null,
    headingPosition: content.heading ? (articlesOf(doc).find((x) => x.headingPosition)?.headingPosition ?? 'after') : null,
    line: 0,
    paragraphs: content.paragraphs.map((text, k) => ({ kind: 'paragraph', eId: '', wId: '', num: k + 1, text, line: 0, items: [] })),
  };
  return a;
}

/** Inserts an article after `afterEId` (or first, when null). */
export function insertArticle(doc: LegalDoc, afterEId: string | null, content: NewArticle, mode: InsertMode = 'renumber'): EditResult {
  return withRenumbering(doc, mode, (copy) => {
    const arts = articlesOf(copy);
    const after = afterEId === null ? null : arts.find((a) => a.eId === afterEId);
    if (afterEId !== null && !after) throw new RangeError(`no article ${afterEId}`);
    const a = makeArticle(copy, content);
    if (after) {
      const list = containerOf(copy.body, after);
      list?.splice(list.indexOf(after) + 1, 0, a);
      a.wId = uniqueWId(copy, `art_${articleKey(after.num)}-1`);
    } else {
      const first = arts[0];
      const list = first ? containerOf(copy.body, first) : copy.body;
      list?.unshift(a);
      a.wId = uniqueWId(copy, 'art_0-1');
    }
    return a;
  });
}

export function deleteArticle(doc: LegalDoc, eId: string, mode: InsertMode = 'renumber'): EditResult {
  return withRenumbering(doc, mode, (copy) => {
    const target = articlesOf(copy).find((a) => a.eId === eId);
    if (!target) throw new RangeError(`no article ${eId}`);
    const list = containerOf(copy.body, target);
    list?.splice(list.indexOf(target), 1);
    return null;
  });
}

/**
 * Moves an article after another, or — when `afterEId` is null — to the start of a division
 * (a chapter or section, by eId) or of the whole text; numbers follow the new order.
 */
export function moveArticle(doc: LegalDoc, eId: string, afterEId: string | null, divisionEId: string | null = null): EditResult {
  return withRenumbering(doc, 'renumber', (copy) => {
    const arts = articlesOf(copy);
    const target = arts.find((a) => a.eId === eId);
    if (!target) throw new RangeError(`no article ${eId}`);
    const division = divisionEId === null ? null : [...walkDivisions(copy.body)].find((d) => d.eId === divisionEId);
    if (divisionEId !== null && !division) throw new RangeError(`no division ${divisionEId}`);
    const from = containerOf(copy.body, target);
    from?.splice(from.indexOf(target), 1);
    const after = afterEId === null ? null : arts.find((a) => a.eId === afterEId);
    if (after) {
      const list = containerOf(copy.body, after);
      list?.splice(list.indexOf(after) + 1, 0, target);
    } else {
      // The first article of the division (or text) tells which list to open; an empty division takes it directly.
      const first = [...walkArticles(division ? division.children : copy.body)][0];
      const list = first ? containerOf(copy.body, first) : (division?.children ?? copy.body);
      list?.unshift(target);
    }
    return null;
  });
}
