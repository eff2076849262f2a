// Two expressions compared article by article (domain.md §9): which articles were moved, renumbered,
// changed, inserted or deleted, with a word-level diff inside changed articles. Chinese has no spaces
// between words, so words come from Intl.Segmenter('zh') and the diff runs on those word arrays.
import { diffArrays } from 'diff';
import {
  type Article,
  type ArticleNum,
  type LegalDoc,
  articleKey,
  articleNumText,
  articleNumValue,
  articleText,
  articlesOf,
  divisionsOf,
  walkArticles,
} from './legislation.model.ts';
import { referencesOf } from './refs.rules.ts';

export interface WordOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

export function segmentWords(text: string): string[] {
  return [...segmenter.segment(text)].map((s) => s.segment);
}

/** A word-level diff of two texts; consecutive words with the same operation are merged. */
export function wordDiff(a: string, b: string): WordOp[] {
  const parts = diffArrays(segmentWords(a), segmentWords(b));
  const out: WordOp[] = [];
  for (const p of parts) {
    const op: WordOp['op'] = p.added ? 'insert' : p.removed ? 'delete' : 'equal';
    const text = p.value.join('');
    const last = out.at(-1);
    if (last?.op === op) last.text += text;
    else if (text) out.push({ op, text });
  }
  return out;
}

export interface ArticleSide {
  eId: string;
  wId: string;
  num: number;
  numText: string;
  heading: string | null;
  line: number;
  chapter: string | null;
}

export type ChangeStatus = 'unchanged' | 'changed' | 'inserted' | 'deleted';

export interface ArticleChange {
  status: ChangeStatus;
  /** The article kept its text but not its number (第二十条 → 第二十一条). */
  renumbered: boolean;
  /** The article changed place relative to the others (not just shifted by an insertion). */
  moved: boolean;
  headingChanged: boolean;
  similarity: number;
  from: ArticleSide | null;
  to: ArticleSide | null;
  diff: WordOp[] | null;
}

export interface StaleReference {
  /** Where the reference stands in the newer text. */
  eId: string;
  line: number;
  text: string;
  /** 第二十条 in the older text became 第二十一条: the newer text should cite `expected`. */
  cited: string;
  expected: string | null;
  messageZh: string;
  messageEn: string;
}

export interface Comparison {
  title: { from: string | null; to: string | null; changed: boolean };
  summary: Record<ChangeStatus | 'renumbered' | 'moved', number>;
  articles: ArticleChange[];
  /** Old article number → new article number, for every article that survived. */
  renumbering: { from: string; to: string }[];
  staleReferences: StaleReference[];
}

const normalise = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/,/g, '，')
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Dice coefficient on character bigrams: 1 for equal texts, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  for (const [g, n] of x) common += Math.min(n, y.get(g) ?? 0);
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

function chapterOf(doc: LegalDoc): Map<Article, string | null> {
  const m = new Map<Article, string | null>();
  for (const d of divisionsOf(doc, 'chapter')) for (const a of walkArticles(d.children)) m.set(a, d.numText ?? d.heading);
  return m;
}

const side = (a: Article, chapters: Map<Article, string | null>): ArticleSide => ({
  eId: a.eId,
  wId: a.wId,
  num: articleNumValue(a.num),
  numText: a.numText,
  heading: a.heading,
  line: a.line,
  chapter: chapters.get(a) ?? null,
});

/** Indices (into `seq`) of one longest strictly increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(seq.length).fill(-1);
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i] ?? 0;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((seq[tails[mid] ?? 0] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const out = new Set<number>();
  for (let k = tails.at(-1) ?? -1; k >= 0; k = prev[k] ?? -1) out.add(k);
  return out;
}

export interface CompareOptions {
  /** Match articles by wId first (for stored expressions of one work, whose wIds were carried). */
  byWId?: boolean;
  /** Below this similarity two articles are not the same article. */
  threshold?: number;
}

/** Pairs of (index in a, index in b) for the articles judged to be the same article. */
export function matchArticles(a: Article[], b: Article[], opts: CompareOptions = {}): Map<number, number> {
  const threshold = opts.threshold ?? 0.5;
  const pairs = new Map<number, number>();
  const usedB = new Set<number>();
  const textA = a.map((x) => normalise(articleText(x)));
  const textB = b.map((x) => normalise(articleText(x)));
  if (opts.byWId) {
    const byW = new Map(b.map((x, j) => [x.wId, j]));
    for (const [i, x] of a.entries()) {
      const j = byW.get(x.wId);
      if (j !== undefined && !usedB.has(j)) {
        pairs.set(i, j);
        usedB.add(j);
      }
    }
  }
  // Identical text first, in order.
  for (const [i, t] of textA.entries()) {
    if (pairs.has(i)) continue;
    const j = textB.findIndex((u, k) => !usedB.has(k) && u === t);
    if (j >= 0) {
      pairs.set(i, j);
      usedB.add(j);
    }
  }
  // Then the most similar remaining pairs, best first; the same heading or a near position breaks ties.
  const candidates: { i: number; j: number; s: number }[] = [];
  for (const [i, t] of textA.entries()) {
    if (pairs.has(i)) continue;
    for (const [j, u] of textB.entries()) {
      if (usedB.has(j)) continue;
      let s = similarity(t, u);
      if (s < threshold - 0.15) continue;
      const ai = a[i];
      const bj = b[j];
      if (ai?.heading && ai.heading === bj?.heading) s += 0.1;
      s -= Math.min(Math.abs(i / Math.max(a.length, 1) - j / Math.max(b.length, 1)), 1) * 0.05;
      if (s >= threshold) candidates.push({ i, j, s });
    }
  }
  candidates.sort((x, y) => y.s - x.s);
  for (const c of candidates) {
    if (pairs.has(c.i) || usedB.has(c.j)) continue;
    pairs.set(c.i, c.j);
    usedB.add(c.j);
  }
  return pairs;
}

export function compareDocs(from: LegalDoc, to: LegalDoc, opts: CompareOptions = {}): Comparison {
  const a = articlesOf(from);
  const b = articlesOf(to);
  const chA = chapterOf(from);
  const chB = chapterOf(to);
  const pairs = matchArticles(a, b, opts);
  const bToA = new Map([...pairs].map(([i, j]) => [j, i]));

  // Moved: matched articles outside the longest run that keeps its relative order.
  const ordered = [...pairs].sort((x, y) => x[0] - y[0]);
  const keep = longestIncreasing(ordered.map(([, j]) => j));
  const movedB = new Set(ordered.filter((_, k) => !keep.has(k)).map(([, j]) => j));

  const changeFor = (i: number, j: number): ArticleChange => {
    const x = a[i] as Article;
    const y = b[j] as Article;
    const tx = articleText(x);
    const ty = articleText(y);
    const same = normalise(tx) === normalise(ty);
    const headingChanged = (x.heading ?? '') !== (y.heading ?? '');
    return {
      status: same && !headingChanged ? 'unchanged' : 'changed',
      renumbered: articleKey(x.num) !== articleKey(y.num),
      moved: movedB.has(j),
      headingChanged,
      similarity: Math.round(similarity(normalise(tx), normalise(ty)) * 1000) / 1000,
      from: side(x, chA),
      to: side(y, chB),
      diff: same ? null : wordDiff(tx, ty),
    };
  };

  const list: ArticleChange[] = b.map((y, j) => {
    const i = bToA.get(j);
    if (i !== undefined) return changeFor(i, j);
    return { status: 'inserted', renumbered: false, moved: false, headingChanged: false, similarity: 0, from: null, to: side(y, chB), diff: [{ op: 'insert', text: articleText(y) }] };
  });
  // Deleted articles go after the entry of the nearest surviving article before them.
  const deleted = a.map((x, i) => ({ x, i })).filter(({ i }) => !pairs.has(i));
  for (const { x, i } of deleted.reverse()) {
    let anchor = -1;
    for (let k = i - 1; k >= 0; k--) {
      const j = pairs.get(k);
      if (j !== undefined) {
        anchor = list.findIndex((c) => c.to?.eId === b[j]?.eId);
        break;
      }
    }
    list.splice(anchor + 1, 0, {
      status: 'deleted',
      renumbered: false,
      moved: false,
      headingChanged: false,
      similarity: 0,
      from: side(x, chA),
      to: null,
      diff: [{ op: 'delete', text: articleText(x) }],
    });
  }

  const mapping = new Map<string, ArticleNum>();
  for (const [i, j] of pairs) {
    const x = a[i];
    const y = b[j];
    if (x && y) mapping.set(articleKey(x.num), y.num);
  }

  const summary = { unchanged: 0, changed: 0, inserted: 0, deleted: 0, renumbered: 0, moved: 0 };
  for (const c of list) {
    summary[c.status]++;
    if (c.renumbered) summary.renumbered++;
    if (c.moved) summary.moved++;
  }

  return {
    title: { from: from.title, to: to.title, changed: (from.title ?? '') !== (to.title ?? '') },
    summary,
    articles: list,
    renumbering: [...pairs]
      .sort((x, y) => x[1] - y[1])
      .flatMap(([i, j]) => {
        const x = a[i];
        const y = b[j];
        return x && y && articleKey(x.num) !== articleKey(y.num) ? [{ from: x.numText, to: y.numText }] : [];
      }),
    staleReferences: staleReferences(from, to, pairs, mapping),
  };
}

/**
 * References that the renumbering left behind: the older text cites article k, article k became k′,
 * and the matching article of the newer text still cites k (or cites an article that was deleted).
 */
function staleReferences(from: LegalDoc, to: LegalDoc, pairs: Map<number, number>, mapping: Map<string, ArticleNum>): StaleReference[] {
  const a = articlesOf(from);
  const b = articlesOf(to);
  const refsA = referencesOf(from);
  const refsB = referencesOf(to);
  const out: StaleReference[] = [];
  for (const [i, j] of pairs) {
    const x = a[i];
    const y = b[j];
    if (!x || !y) continue;
    const citedByX = refsA.filter((r) => r.articleEId === x.eId).flatMap((r) => r.articleTokens.map((t) => t.num));
    const inY = refsB.filter((r) => r.articleEId === y.eId);
    for (const k of citedByX) {
      const now = mapping.get(articleKey(k));
      if (now && articleKey(now) === articleKey(k)) continue;
      for (const r of inY) {
        const stale = r.articleTokens.find((t) => articleKey(t.num) === articleKey(k));
        if (!stale) continue;
        if (now && r.articleTokens.some((t) => articleKey(t.num) === articleKey(now))) continue;
        const cited = articleNumText(k);
        const expected = now ? articleNumText(now) : null;
        out.push({
          eId: r.fromEId,
          line: r.line,
          text: r.text,
          cited,
          expected,
          messageZh: expected ? `${y.numText}引用的${cited}已改为${expected}，引用未随之更新` : `${y.numText}引用的${cited}已被删除`,
          messageEn: expected ? `${y.numText} still cites ${cited}, which is now ${expected}` : `${y.numText} cites ${cited}, which was deleted`,
        });
      }
    }
  }
  return out;
}

/**
 * Gives a newly parsed expression the stable ids of the previous expression of the same work: an
 * article judged to be the same article keeps its wId (so review opinions and comments follow it
 * through renumbering); a new article keeps its eId as wId unless an earlier expression used it,
 * then it gets a suffix naming the expression. Chapters carry their wId by heading.
 */
export function carryWIds(prev: LegalDoc, next: LegalDoc, seq: number): void {
  const a = articlesOf(prev);
  const b = articlesOf(next);
  const pairs = matchArticles(a, b);
  const used = new Set(a.map((x) => x.wId));
  const taken = new Set<string>();
  for (const [i, j] of pairs) {
    const x = a[i];
    const y = b[j];
    if (x && y) {
      y.wId = x.wId;
      taken.add(x.wId);
    }
  }
  for (const [j, y] of b.entries()) {
    if (bToAHas(pairs, j)) continue;
    y.wId = used.has(y.eId) || taken.has(y.eId) ? `${y.eId}-e${seq}` : y.eId;
    taken.add(y.wId);
  }
  for (const y of b) {
    for (const p of y.paragraphs) {
      p.wId = `${y.wId}__para_${p.num}`;
      for (const i of p.items) {
        i.wId = `${p.wId}__item_${i.num}`;
        for (const s of i.subitems) s.wId = `${i.wId}__sub_${s.num}`;
      }
    }
  }
  const prevChapters = divisionsOf(prev);
  for (const d of divisionsOf(next)) {
    const same = prevChapters.find((c) => c.kind === d.kind && c.heading === d.heading && c.heading !== '');
    if (same) d.wId = same.wId;
  }
}

const bToAHas = (pairs: Map<number, number>, j: number): boolean => [...pairs.values()].includes(j);
