// The text model of a regulation (domain.md §9).
//
// A work is the regulation over time; each expression is one version of its text (草案, 草案修改稿,
// 表决稿, the published text, later amendments), held as a tree: title, preface, preamble, table of
// contents, then 编 > 章 > 节 > 条 > 款 > 项 > 目.
//
// Every node carries two identifiers, after Akoma Ntoso: `eId` names the node by its current
// display numbers (art_21__para_2__item_3) and changes when articles are renumbered; `wId` is
// assigned once and carried from expression to expression when the node is matched, so a review
// opinion or a comment stays on "its" article across drafts. A freshly parsed text has wId = eId.
import { encodeNumeral } from './numerals.rules.ts';

export const STAGES = ['draft', 'revised_draft', 'voting_draft', 'published', 'amendment', 'other'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_ZH: Record<Stage, string> = {
  draft: '草案',
  revised_draft: '草案修改稿',
  voting_draft: '表决稿',
  published: '公布文本',
  amendment: '修正文本',
  other: '其他文本',
};

export type Severity = 'error' | 'warning' | 'info';
export const FINDING_KINDS = [
  'unplaced', // a line the parser could not place in the tree
  'heading-missing', // articles before the first chapter heading of a text that has chapters
  'heading-unnumbered', // a chapter heading without 第X章
  'item-number-missing', // an item whose （一） is missing
  'empty-division', // a chapter or section without articles
  'empty-article', // an article without text
  'numbering', // gaps, duplicates and disorder in 章/节/条/项/目 numbers
  'declared-count', // an explanation's 共X章Y条 against the text
  'reference', // 本条例第二十条, 前款 … that do not resolve
  'heading-style', // article headings in 【】 used unevenly, mixed bracket styles
  'toc-mismatch', // the table of contents against the headings in the body
  'unterminated', // a paragraph that ends without punctuation
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  messageZh: string;
  messageEn: string;
  /** 1-based line of the source text (or of the explanation, for declared counts). */
  line?: number;
  /** The node the finding is about, when there is one. */
  eId?: string;
}

/** 第二十条之一 → { main: 20, sub: 1 }; a plain article has sub 0. */
export interface ArticleNum {
  main: number;
  sub: number;
}

export interface SubItem {
  kind: 'subitem'; // 目: 1. 2.
  eId: string;
  wId: string;
  num: number;
  numText: string;
  text: string;
  line: number;
}

export interface Item {
  kind: 'item'; // 项: （一）（二）
  eId: string;
  wId: string;
  num: number;
  numText: string;
  text: string;
  line: number;
  subitems: SubItem[];
}

export interface Paragraph {
  kind: 'paragraph'; // 款: unnumbered, counted by position
  eId: string;
  wId: string;
  num: number;
  text: string;
  line: number;
  items: Item[];
}

export interface Article {
  kind: 'article';
  eId: string;
  wId: string;
  num: ArticleNum;
  numText: string;
  heading: string | null;
  /** Where the 【heading】 stands: 【立法目的】第一条 (before) or 第一条【立法目的】 (after). */
  headingPosition: 'before' | 'after' | null;
  line: number;
  paragraphs: Paragraph[];
}

export type DivisionKind = 'book' | 'chapter' | 'section'; // 编, 章, 节
export const DIVISION_ZH: Record<DivisionKind, string> = { book: '编', chapter: '章', section: '节' };

export interface Division {
  kind: DivisionKind;
  eId: string;
  wId: string;
  /** The number in the text, or the position when the heading carries none. */
  num: number;
  /** 第六章 as written; null when the heading has no number. */
  numText: string | null;
  heading: string;
  line: number | null;
  /** No heading in the text at all: articles that precede the first chapter heading. */
  implicit: boolean;
  children: BodyNode[];
}

export type BodyNode = Division | Article;

export interface TextLine {
  text: string;
  line: number;
}

export interface TocEntry {
  kind: DivisionKind;
  numText: string | null;
  num: number | null;
  heading: string;
  line: number;
}

export interface LegalDoc {
  title: string | null;
  /** The stage the text names under its title: 草案, 草案修改稿, 表决稿 … */
  stageLabel: string | null;
  /** Lines above the body that record its history (通过, 批准, 修正) or other metadata. */
  preface: TextLine[];
  /** 序言: text between the title and the first article that is neither metadata nor contents. */
  preamble: TextLine[];
  toc: TocEntry[];
  body: BodyNode[];
  /** Lines that could not be placed (each also reported as a finding). */
  unplaced: TextLine[];
}

export interface Counts {
  books: number;
  chapters: number;
  sections: number;
  articles: number;
  paragraphs: number;
  items: number;
  subitems: number;
}

// ---------------------------------------------------------------------------------------------
// Display numbers

export function articleNumText(n: ArticleNum): string {
  return `第${encodeNumeral(n.main)}条${n.sub > 0 ? `之${encodeNumeral(n.sub)}` : ''}`;
}
export const divisionNumText = (kind: DivisionKind, n: number): string => `第${encodeNumeral(n)}${DIVISION_ZH[kind]}`;
export const itemNumText = (n: number): string => `（${encodeNumeral(n)}）`;
export const articleKey = (n: ArticleNum): string => (n.sub > 0 ? `${n.main}-${n.sub}` : `${n.main}`);
/** The API's number: 20 for 第二十条, 20.1 for 第二十条之一. */
export const articleNumValue = (n: ArticleNum): number => (n.sub > 0 ? Number(`${n.main}.${n.sub}`) : n.main);
export const compareArticleNum = (a: ArticleNum, b: ArticleNum): number => a.main - b.main || a.sub - b.sub;

// ---------------------------------------------------------------------------------------------
// Walking the tree

export function* walkArticles(nodes: readonly BodyNode[]): Generator<Article> {
  for (const n of nodes) {
    if (n.kind === 'article') yield n;
    else yield* walkArticles(n.children);
  }
}
export const articlesOf = (doc: LegalDoc): Article[] => [...walkArticles(doc.body)];

export function* walkDivisions(nodes: readonly BodyNode[]): Generator<Division> {
  for (const n of nodes) {
    if (n.kind === 'article') continue;
    yield n;
    yield* walkDivisions(n.children);
  }
}
export const divisionsOf = (doc: LegalDoc, kind?: DivisionKind): Division[] => [...walkDivisions(doc.body)].filter((d) => !kind || d.kind === kind);

export function countsOf(doc: LegalDoc): Counts {
  const c: Counts = { books: 0, chapters: 0, sections: 0, articles: 0, paragraphs: 0, items: 0, subitems: 0 };
  for (const d of walkDivisions(doc.body)) {
    if (d.kind === 'book') c.books++;
    else if (d.kind === 'chapter') c.chapters++;
    else c.sections++;
  }
  for (const a of walkArticles(doc.body)) {
    c.articles++;
    for (const p of a.paragraphs) {
      c.paragraphs++;
      for (const i of p.items) {
        c.items++;
        c.subitems += i.subitems.length;
      }
    }
  }
  return c;
}

/** The plain text of an article without its number: what a reader compares between drafts. */
export function articleText(a: Article): string {
  return a.paragraphs
    .map((p) => [p.text, ...p.items.map((i) => [`${i.numText}${i.text}`, ...i.subitems.map((s) => `${s.numText}${s.text}`)].join('\n'))].join('\n'))
    .join('\n');
}

/** Any node by its eId, with the article it belongs to. */
export function findNode(doc: LegalDoc, eId: string): { node: Division | Article | Paragraph | Item | SubItem; article: Article | null } | null {
  for (const d of walkDivisions(doc.body)) if (d.eId === eId) return { node: d, article: null };
  for (const a of walkArticles(doc.body)) {
    if (a.eId === eId) return { node: a, article: a };
    if (!eId.startsWith(`${a.eId}__`)) continue;
    for (const p of a.paragraphs) {
      if (p.eId === eId) return { node: p, article: a };
      for (const i of p.items) {
        if (i.eId === eId) return { node: i, article: a };
        for (const s of i.subitems) if (s.eId === eId) return { node: s, article: a };
      }
    }
  }
  return null;
}

/** 第二十条第二款第三项: how a node is cited in Chinese. */
export function citeOf(doc: LegalDoc, eId: string): string | null {
  const hit = findNode(doc, eId);
  if (!hit) return null;
  const { node, article } = hit;
  if (node.kind === 'book' || node.kind === 'chapter' || node.kind === 'section') return node.numText ?? node.heading;
  if (!article) return null;
  let s = article.numText;
  if (node.kind === 'article') return s;
  const p = article.paragraphs.find((x) => eId === x.eId || eId.startsWith(`${x.eId}__`));
  if (p) s += `第${encodeNumeral(p.num)}款`;
  const i = p?.items.find((x) => eId === x.eId || eId.startsWith(`${x.eId}__`));
  if (i) s += `第${encodeNumeral(i.num)}项`;
  const sub = i?.subitems.find((x) => x.eId === eId);
  if (sub) s += `第${sub.num}目`;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Identifiers

const eIdNum = (n: ArticleNum): string => articleKey(n);

/**
 * Recomputes every eId from the display numbers. wIds that are empty are set to the new eId;
 * existing wIds are kept (they are the stable identity).
 */
export function assignIds(doc: LegalDoc): void {
  let bookN = 0;
  const used = new Set<string>();
  // A duplicated number (第四条 twice) must not give two nodes one eId; the second gets a marker.
  const unique = (id: string): string => {
    let out = id;
    for (let k = 2; used.has(out); k++) out = `${id}-x${k}`;
    used.add(out);
    return out;
  };
  const visit = (nodes: BodyNode[], prefix: string): void => {
    let chapterN = 0;
    let sectionN = 0;
    for (const n of nodes) {
      if (n.kind === 'article') {
        n.eId = unique(`art_${eIdNum(n.num)}`);
        if (!n.wId) n.wId = n.eId;
        for (const [pi, p] of n.paragraphs.entries()) {
          p.num = pi + 1;
          p.eId = `${n.eId}__para_${p.num}`;
          p.wId = `${n.wId}__para_${p.num}`; // paragraphs, items and sub-items follow their article
          for (const i of p.items) {
            i.eId = `${p.eId}__item_${i.num}`;
            i.wId = `${p.wId}__item_${i.num}`;
            for (const s of i.subitems) {
              s.eId = `${i.eId}__sub_${s.num}`;
              s.wId = `${i.wId}__sub_${s.num}`;
            }
          }
        }
        continue;
      }
      const ord = n.kind === 'book' ? ++bookN : n.kind === 'chapter' ? ++chapterN : ++sectionN;
      const abbr = n.kind === 'book' ? 'book' : n.kind === 'chapter' ? 'chp' : 'sec';
      n.eId = unique(`${prefix}${abbr}_${n.numText ? n.num : ord}`);
      if (!n.wId) n.wId = n.eId;
      visit(n.children, n.kind === 'chapter' || n.kind === 'book' ? `${n.eId}__` : prefix);
    }
  };
  visit(doc.body, '');
}

export function emptyDoc(): LegalDoc {
  return { title: null, stageLabel: null, preface: [], preamble: [], toc: [], body: [], unplaced: [] };
}

/** A deep copy (the tree is plain data). */
export const cloneDoc = (doc: LegalDoc): LegalDoc => structuredClone(doc);
