// Cross references inside a text (domain.md §9): 违反本条例第二十条规定, 第三十七条第三款,
// 第二十二条第二款第二项、第三项, 本条第一款、第二款, 前款, 前两款, 第五章. Each reference is found
// with its position in the paragraph so it can be resolved to a node, checked, and rewritten when
// articles are renumbered. References to other laws (《…》第十条) are left alone.
import {
  type Article,
  type ArticleNum,
  type LegalDoc,
  type Paragraph,
  articleKey,
  articleNumText,
  divisionsOf,
  walkArticles,
} from './legislation.model.ts';
import { NUMERAL, decodeNumeral, encodeNumeral } from './numerals.rules.ts';

export interface RefTarget {
  chapter?: number;
  article?: ArticleNum;
  paragraph?: number;
  /** 前两款 and the like name a range of paragraphs. */
  paragraphTo?: number;
  item?: number;
}

/** One 第…条 token inside a reference, kept so that renumbering can rewrite exactly those characters. */
export interface ArticleToken {
  start: number;
  end: number;
  num: ArticleNum;
}

export interface Reference {
  /** The paragraph or item whose text holds the reference. */
  fromEId: string;
  articleEId: string;
  line: number;
  text: string;
  start: number;
  end: number;
  targets: RefTarget[];
  articleTokens: ArticleToken[];
}

export interface Resolution {
  ref: Reference;
  target: RefTarget;
  eId: string | null;
  problemZh?: string;
  problemEn?: string;
}

const TOKEN_RE = new RegExp(
  [
    '(本条例|本规则|本办法|本规定|本决定|本细则|本法)',
    '(本条)',
    '(本款)',
    '(前([两二三四五六七八九十]?)款)',
    `第(${NUMERAL})条(?:之(${NUMERAL}))?`,
    `第(${NUMERAL})(款|项|章)`,
  ].join('|'),
  'g',
);
const CONNECTOR_RE = /^(、|和|或者|或|及|以及|至|到|，第)$/;

type Level = 0 | 1 | 2 | 3; // chapter, article, paragraph, item

interface Pending extends RefTarget {
  level: Level;
}

/** References in one text (a paragraph's or an item's), in order. */
export interface RefContext {
  article: Article;
  paragraph: Paragraph;
  fromEId: string;
  line: number;
  /**
   * The article an item's lead-in cites: in `违反本条例第三十三条规定……：（一）违反第一项、第二项……`
   * the bare 第一项 is an item of article 33, not of this paragraph.
   */
  leadArticle?: ArticleNum;
}

export function referencesIn(text: string, here: RefContext): Reference[] {
  const out: Reference[] = [];
  type Tok = { start: number; end: number; kind: 'doc' | 'thisArt' | 'thisPara' | 'prevPara' | 'art' | 'para' | 'item' | 'chap'; n?: number; art?: ArticleNum; span?: number };
  const toks: Tok[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[1]) toks.push({ start, end, kind: 'doc' });
    else if (m[2]) toks.push({ start, end, kind: 'thisArt' });
    else if (m[3]) toks.push({ start, end, kind: 'thisPara' });
    else if (m[4] !== undefined) {
      const span = m[5] ? (decodeNumeral(m[5] === '两' ? '二' : m[5]) ?? 1) : 1;
      toks.push({ start, end, kind: 'prevPara', span });
    } else if (m[6]) {
      const main = decodeNumeral(m[6]);
      const sub = m[7] ? decodeNumeral(m[7]) : 0;
      if (main !== null && sub !== null) toks.push({ start, end, kind: 'art', art: { main, sub } });
    } else if (m[8] && m[9]) {
      const n = decodeNumeral(m[8]);
      if (n !== null) toks.push({ start, end, kind: m[9] === '款' ? 'para' : m[9] === '项' ? 'item' : 'chap', n });
    }
  }

  // Group adjacent tokens (or tokens joined by 、 和 或者 …) into chains.
  const chains: Tok[][] = [];
  for (const t of toks) {
    const chain = chains.at(-1);
    const prev = chain?.at(-1);
    if (chain && prev && (prev.end === t.start || CONNECTOR_RE.test(text.slice(prev.end, t.start)))) chain.push(t);
    else chains.push([t]);
  }

  for (const chain of chains) {
    const head = chain[0];
    const tail = chain.at(-1);
    if (!head || !tail) continue;
    // 《中华人民共和国水法》第十条: another law's article.
    if (text.slice(Math.max(0, head.start - 1), head.start) === '》') continue;
    // A bare 本条例 with nothing after it is no reference.
    if (chain.every((t) => t.kind === 'doc')) continue;
    const targets: RefTarget[] = [];
    const articleTokens: ArticleToken[] = [];
    let pending: Pending | null = null;
    const emit = (): void => {
      if (pending) {
        const { level: _level, ...target } = pending;
        targets.push(target);
      }
      pending = null;
    };
    const base = (level: Level): Pending => {
      // What the new token inherits from the pending target: everything above its level.
      const p: Pending = { level };
      const prev = pending;
      if (prev) {
        if (level > 1 && prev.article) p.article = prev.article;
        if (level > 2 && prev.paragraph !== undefined) p.paragraph = prev.paragraph;
      }
      return p;
    };
    const currentPara = here.paragraph.num;
    for (const t of chain) {
      switch (t.kind) {
        case 'doc':
          emit();
          break;
        case 'chap':
          emit();
          pending = { level: 0, chapter: t.n ?? 0 };
          break;
        case 'thisArt':
          emit();
          pending = { level: 1, article: here.article.num };
          break;
        case 'thisPara':
          emit();
          pending = { level: 2, article: here.article.num, paragraph: currentPara };
          break;
        case 'prevPara': {
          emit();
          const span = t.span ?? 1;
          pending = { level: 2, article: here.article.num, paragraph: currentPara - span, ...(span > 1 ? { paragraphTo: currentPara - 1 } : {}) };
          break;
        }
        case 'art':
          if (pending) emit();
          pending = { level: 1, article: t.art ?? { main: 0, sub: 0 } };
          if (t.art) articleTokens.push({ start: t.start, end: t.end, num: t.art });
          break;
        case 'para': {
          const p = pending;
          const next = base(2);
          if (p && p.level >= 2) emit();
          if (!next.article) next.article = here.leadArticle ?? here.article.num; // 第二款 alone: this article
          next.paragraph = t.n ?? 0;
          pending = next;
          break;
        }
        case 'item': {
          const p = pending;
          const next = base(3);
          if (p && p.level >= 3) emit();
          if (!next.article && here.leadArticle) {
            next.article = here.leadArticle; // 第二项 in an item under 违反本条例第三十三条……：
          } else if (!next.article) {
            next.article = here.article.num; // 第二项 alone: this paragraph
            next.paragraph = currentPara;
          }
          next.item = t.n ?? 0;
          pending = next;
          break;
        }
      }
    }
    emit();
    if (targets.length === 0) continue;
    out.push({
      fromEId: here.fromEId,
      articleEId: here.article.eId,
      line: here.line,
      text: text.slice(head.start, tail.end),
      start: head.start,
      end: tail.end,
      targets,
      articleTokens,
    });
  }
  return out;
}

/** Every internal reference in the document. */
export function referencesOf(doc: LegalDoc): Reference[] {
  const out: Reference[] = [];
  for (const article of walkArticles(doc.body)) {
    for (const paragraph of article.paragraphs) {
      const own = referencesIn(paragraph.text, { article, paragraph, fromEId: paragraph.eId, line: paragraph.line });
      out.push(...own);
      const cited = own.flatMap((r) => r.targets).findLast((t) => t.article && articleKey(t.article) !== articleKey(article.num))?.article;
      const lead = cited ? { leadArticle: cited } : {};
      for (const item of paragraph.items) {
        out.push(...referencesIn(item.text, { article, paragraph, fromEId: item.eId, line: item.line, ...lead }));
        for (const s of item.subitems) out.push(...referencesIn(s.text, { article, paragraph, fromEId: s.eId, line: s.line, ...lead }));
      }
    }
  }
  return out;
}

/** Resolves each target of each reference to a node, or explains why it cannot. */
export function resolveReferences(doc: LegalDoc, refs: Reference[] = referencesOf(doc)): Resolution[] {
  const byKey = new Map<string, Article>();
  for (const a of walkArticles(doc.body)) byKey.set(articleKey(a.num), a);
  const chapters = divisionsOf(doc, 'chapter');
  const out: Resolution[] = [];
  for (const ref of refs) {
    for (const target of ref.targets) {
      if (target.chapter !== undefined) {
        const ch = chapters.find((c) => c.num === target.chapter);
        out.push(
          ch
            ? { ref, target, eId: ch.eId }
            : { ref, target, eId: null, problemZh: `第${encodeNumeral(target.chapter)}章不存在`, problemEn: `chapter ${target.chapter} does not exist` },
        );
        continue;
      }
      if (!target.article) continue;
      const a = byKey.get(articleKey(target.article));
      const artText = articleNumText(target.article);
      if (!a) {
        out.push({ ref, target, eId: null, problemZh: `${artText}不存在`, problemEn: `article ${articleKey(target.article)} does not exist` });
        continue;
      }
      if (target.paragraph === undefined && target.item === undefined) {
        out.push({ ref, target, eId: a.eId });
        continue;
      }
      let para: Paragraph | undefined;
      if (target.paragraph !== undefined) {
        const last = target.paragraphTo ?? target.paragraph;
        if (target.paragraph < 1 || last > a.paragraphs.length) {
          out.push({
            ref,
            target,
            eId: null,
            problemZh: target.paragraph < 1 ? `“${ref.text}”之前没有可指的款` : `${artText}只有${encodeNumeral(a.paragraphs.length)}款，没有第${encodeNumeral(last)}款`,
            problemEn: target.paragraph < 1 ? `"${ref.text}" has no preceding paragraph to refer to` : `article ${articleKey(target.article)} has ${a.paragraphs.length} paragraph(s), not ${last}`,
          });
          continue;
        }
        para = a.paragraphs[target.paragraph - 1];
      } else {
        // 第十二条第四项: the items of the (one) paragraph that has items.
        para = a.paragraphs.find((p) => p.items.length > 0);
      }
      if (!para) {
        out.push({ ref, target, eId: null, problemZh: `${artText}没有列项`, problemEn: `article ${articleKey(target.article)} has no items` });
        continue;
      }
      if (target.item === undefined) {
        out.push({ ref, target, eId: para.eId });
        continue;
      }
      const item = para.items.find((i) => i.num === target.item);
      out.push(
        item
          ? { ref, target, eId: item.eId }
          : {
              ref,
              target,
              eId: null,
              problemZh: `${artText}${target.paragraph !== undefined ? `第${encodeNumeral(target.paragraph)}款` : ''}没有第${encodeNumeral(target.item)}项`,
              problemEn: `article ${articleKey(target.article)}${target.paragraph !== undefined ? ` paragraph ${target.paragraph}` : ''} has no item ${target.item}`,
            },
      );
    }
  }
  return out;
}

/**
 * Rewrites 第…条 inside references after renumbering: `mapping` takes an old article key to its new
 * number. Returns the new text, or the same string when nothing changes.
 */
export function renumberReferencesInText(text: string, refs: Reference[], mapping: ReadonlyMap<string, ArticleNum>): string {
  const tokens = refs.flatMap((r) => r.articleTokens).sort((x, y) => y.start - x.start);
  let out = text;
  for (const t of tokens) {
    const to = mapping.get(articleKey(t.num));
    if (!to || articleKey(to) === articleKey(t.num)) continue;
    out = out.slice(0, t.start) + articleNumText(to) + out.slice(t.end);
  }
  return out;
}
