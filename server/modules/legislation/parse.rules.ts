// Parser: plain text or Markdown (and DOCX through its raw text) → the tree of legislation.model.ts.
//
// Real input is untidy: texts copied out of PDF gazettes break sentences across lines and pages
// ("综合\n\n治理"), Markdown collections drop or half-drop chapter headings, list bullets and bold
// markers wrap items, and half-width punctuation mixes with full-width. The parser joins a line to
// the paragraph before it only when that paragraph has not ended its sentence and the line does not
// continue the numbering; every line it cannot place, and every repair it makes, is a finding with
// the line number. Nothing is guessed silently.
import {
  type Article,
  type ArticleNum,
  type BodyNode,
  type Division,
  type DivisionKind,
  type Finding,
  type Item,
  type LegalDoc,
  type Paragraph,
  type SubItem,
  articleNumText,
  assignIds,
  emptyDoc,
  itemNumText,
} from './legislation.model.ts';
import { NUMERAL, decodeNumeral } from './numerals.rules.ts';

export type SourceFormat = 'text' | 'markdown';

export interface ParseOptions {
  format?: SourceFormat;
  /** The line number of the first line of `src` (when it is a slice of a larger file). */
  firstLine?: number;
}

export interface ParseResult {
  doc: LegalDoc;
  findings: Finding[];
}

type Cls =
  | { t: 'hier'; kind: DivisionKind; num: number; numText: string; heading: string }
  | { t: 'article'; num: ArticleNum; heading: string | null; headingPosition: 'before' | 'after' | null; spaced: boolean; rest: string }
  | { t: 'item'; num: number; rest: string; halfWidth: boolean }
  | { t: 'sub'; num: number; rest: string }
  | { t: 'toc' }
  | { t: 'stage'; label: string }
  | { t: 'comment'; infoEnd: boolean }
  | { t: 'text' };

interface Line {
  text: string;
  line: number;
  cls: Cls;
  mdHeading: boolean;
}

const HIER_RE = new RegExp(`^第(${NUMERAL})(编|章|节)(?:[\\s:：]*(.*))?$`);
const ART_RE = new RegExp(`^(?:【([^】]{1,40})】\\s*)?第(${NUMERAL})条(?:之(${NUMERAL}))?(?:\\s*【([^】]{1,40})】)?(\\s*)(.*)$`);
const ITEM_RE = /^([（(])\s*([零〇一二三四五六七八九十百]+)\s*([）)])\s*(.*)$/;
const SUB_RE = /^(\d{1,3})\s*[.．、]\s*(.*)$/;
const STAGE_RE = /^[（(]\s*((?:[^（）()]*草案[^（）()]*)|(?:[^（）()]*稿))\s*[）)]$/;
const TITLE_STAGE_RE = /^(.*?)\s*[（(]\s*((?:[^（）()]*草案[^（）()]*)|(?:[^（）()]*稿))\s*[）)]$/;
const KIND_OF: Record<string, DivisionKind> = { 编: 'book', 章: 'chapter', 节: 'section' };

/** 总 则 → 总则; spaces are dropped next to CJK characters and brackets, kept between Latin words. */
export function compactCjk(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s*([\u3000-\u303f\u3400-\u9fff\uff00-\uffef（）()【】《》“”])\s*/g, '$1')
    .trim();
}

const fullWidthBrackets = (s: string): string => s.replace(/\(/g, '（').replace(/\)/g, '）');

/** Whether a paragraph's text has closed its sentence (so the next line starts something new). */
export function endsSentence(text: string): boolean {
  const t = text.replace(/[\s”’"'）)】」』]+$/u, '');
  return t.length === 0 || /[。；;：:！!？?…]$/.test(t);
}

function stripMarkup(raw: string, format: SourceFormat): { text: string; mdHeading: boolean; comment: string | null } {
  let t = raw.replace(/[\u3000\t\u00a0]/g, ' ').replace(/\u200b|\ufeff/g, '').trim();
  if (/^<!--.*-->$/.test(t)) return { text: '', mdHeading: false, comment: t };
  let mdHeading = false;
  if (/^#{1,6}\s+/.test(t)) {
    mdHeading = true;
    t = t.replace(/^#{1,6}\s+/, '');
  }
  t = t.replace(/^>\s*/, '').replace(/^[-*+]\s+/, '');
  t = t.replace(/\*\*|__/g, '');
  if (format === 'markdown') t = t.replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
  return { text: t.trim(), mdHeading, comment: null };
}

function classify(text: string): Cls {
  if (/^目\s*录$/.test(text)) return { t: 'toc' };
  const stage = STAGE_RE.exec(text);
  if (stage?.[1]) return { t: 'stage', label: compactCjk(stage[1]) };
  const h = HIER_RE.exec(text);
  if (h?.[1] && h[2]) {
    const num = decodeNumeral(h[1]);
    const heading = compactCjk(h[3] ?? '');
    if (num !== null && heading.length <= 40 && !/[。；;，,]/.test(heading)) {
      return { t: 'hier', kind: KIND_OF[h[2]] ?? 'chapter', num, numText: `第${h[1]}${h[2]}`, heading };
    }
  }
  const a = ART_RE.exec(text);
  if (a?.[2]) {
    const main = decodeNumeral(a[2]);
    const sub = a[3] ? decodeNumeral(a[3]) : 0;
    if (main !== null && sub !== null) {
      const heading = a[1] ?? a[4] ?? null;
      const rest = a[6] ?? '';
      return {
        t: 'article',
        num: { main, sub },
        heading: heading === null ? null : compactCjk(heading),
        headingPosition: a[1] ? 'before' : a[4] ? 'after' : null,
        spaced: (a[5] ?? '').length > 0 || rest.length === 0 || a[4] !== undefined || a[1] !== undefined,
        rest: rest.trim(),
      };
    }
  }
  const i = ITEM_RE.exec(text);
  if (i?.[2]) {
    const num = decodeNumeral(i[2]);
    if (num !== null) return { t: 'item', num, rest: (i[4] ?? '').trim(), halfWidth: i[1] === '(' || i[3] === ')' };
  }
  const s = SUB_RE.exec(text);
  if (s?.[1]) return { t: 'sub', num: Number(s[1]), rest: (s[2] ?? '').trim() };
  return { t: 'text' };
}

/** A heading line without 第X章: short, no punctuation, standing between articles. */
function looksLikeBareHeading(text: string): boolean {
  return text.length >= 2 && text.length <= 16 && !/[，。；：、,.;:！？!?（）()《》“”"\d]/.test(text);
}

const HISTORY_RE = /(\d{4}|[〇零一二三四五六七八九]{4})年.{1,4}月.{1,4}日.*(通过|批准|修正|修订|公布|施行|发布)/;

const joinText = (a: string, b: string): string => (/[A-Za-z0-9]$/.test(a) && /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : `${a}${b}`);

function finding(kind: Finding['kind'], severity: Finding['severity'], messageZh: string, messageEn: string, line?: number, eId?: string): Finding {
  return { kind, severity, messageZh, messageEn, ...(line !== undefined ? { line } : {}), ...(eId !== undefined ? { eId } : {}) };
}

export function parseLegislation(src: string, opts: ParseOptions = {}): ParseResult {
  const format = opts.format ?? 'text';
  const first = opts.firstLine ?? 1;
  const doc = emptyDoc();
  const findings: Finding[] = [];
  /** Findings about a node whose eId is known only once the tree is complete. */
  const late: [Finding, { eId: string }][] = [];

  const lines: Line[] = [];
  let infoEndIndex = -1;
  for (const [i, raw] of src.split(/\r\n|\r|\n/).entries()) {
    const { text, mdHeading, comment } = stripMarkup(raw, format);
    if (comment !== null) {
      if (/INFO\s*END/i.test(comment)) {
        infoEndIndex = lines.length;
        lines.push({ text: '', line: first + i, cls: { t: 'comment', infoEnd: true }, mdHeading: false });
      }
      continue;
    }
    if (!text) continue;
    lines.push({ text, line: first + i, cls: classify(text), mdHeading });
  }

  let phase: 'front' | 'toc' | 'body' = 'front';
  let book: Division | null = null;
  let chapter: Division | null = null;
  let section: Division | null = null;
  let article: Article | null = null;
  let para: Paragraph | null = null;
  let item: Item | null = null;
  let sub: SubItem | null = null;
  /** What a continuation line would be appended to. */
  let open: Paragraph | Item | SubItem | null = null;
  let lastArticle: Article | null = null;
  const lastDivision: Record<DivisionKind, Division | null> = { book: null, chapter: null, section: null };

  const unplaced = (l: Line, zh: string, en: string): void => {
    doc.unplaced.push({ text: l.text, line: l.line });
    findings.push(finding('unplaced', 'warning', `第${l.line}行无法归入条文结构：${zh}`, `Line ${l.line} could not be placed: ${en}`, l.line));
  };

  const plausibleArticle = (n: ArticleNum): boolean => {
    if (!lastArticle) return true;
    const p = lastArticle.num;
    return (n.main === p.main + 1 && n.sub === 0) || (n.main === p.main && n.sub === p.sub + 1);
  };
  const plausibleDivision = (kind: DivisionKind, n: number): boolean => {
    const prev = lastDivision[kind];
    return prev ? n === prev.num + 1 : n === 1 || kind === 'chapter';
  };

  const containerFor = (kind: DivisionKind | 'article'): BodyNode[] => {
    if (kind === 'book') return doc.body;
    if (kind === 'chapter') return book?.children ?? doc.body;
    if (kind === 'section') return chapter?.children ?? book?.children ?? doc.body;
    return (section ?? chapter ?? book)?.children ?? doc.body;
  };

  const closeArticle = (): void => {
    article = null;
    para = null;
    item = null;
    sub = null;
    open = null;
  };

  const newDivision = (kind: DivisionKind, num: number, numText: string | null, heading: string, line: number): void => {
    closeArticle();
    const d: Division = { kind, eId: '', wId: '', num, numText, heading, line, implicit: false, children: [] };
    containerFor(kind).push(d);
    if (kind === 'book') {
      book = d;
      chapter = null;
      section = null;
      lastDivision.chapter = null;
      lastDivision.section = null;
    } else if (kind === 'chapter') {
      chapter = d;
      section = null;
      lastDivision.section = null;
    } else section = d;
    lastDivision[kind] = d;
  };

  const newParagraph = (text: string, line: number): void => {
    if (!article) return;
    para = { kind: 'paragraph', eId: '', wId: '', num: article.paragraphs.length + 1, text, line, items: [] };
    article.paragraphs.push(para);
    item = null;
    sub = null;
    open = para;
  };

  const reportUnterminated = (node: Paragraph | Item | SubItem | null): void => {
    if (node?.kind !== 'paragraph' || endsSentence(node.text)) return;
    const fnd = finding('unterminated', 'warning', `第${node.line}行的段落没有以标点结束`, `The paragraph at line ${node.line} does not end with punctuation`, node.line);
    findings.push(fnd);
    late.push([fnd, node]);
  };

  let halfWidthItems = 0;
  let fullWidthItems = 0;

  for (let idx = 0; idx < lines.length; idx++) {
    const l = lines[idx];
    if (!l) continue;
    const c = l.cls;

    if (phase === 'front') {
      if (c.t === 'comment') continue;
      if (c.t === 'toc') {
        phase = 'toc';
        continue;
      }
      if (c.t === 'stage') {
        if (doc.stageLabel === null) doc.stageLabel = c.label;
        else doc.preface.push({ text: l.text, line: l.line });
        continue;
      }
      if (c.t === 'hier' || c.t === 'article') {
        phase = 'body';
        // fall through to the body handling below
      } else if ((c.t === 'item' || c.t === 'sub') && doc.title !== null) {
        unplaced(l, '条文之前出现了项', 'an item before any article');
        continue;
      } else {
        if (doc.title === null && (l.mdHeading || (!endsSentence(l.text) && l.text.length <= 80 && !HISTORY_RE.test(l.text)))) {
          const m = TITLE_STAGE_RE.exec(l.text);
          if (m?.[1] && m[2]) {
            doc.title = fullWidthBrackets(compactCjk(m[1]));
            doc.stageLabel = compactCjk(m[2]);
          } else doc.title = fullWidthBrackets(compactCjk(l.text));
          continue;
        }
        if (idx < infoEndIndex || HISTORY_RE.test(l.text) || /^[（(].*[）)]$/.test(l.text)) doc.preface.push({ text: l.text, line: l.line });
        else doc.preamble.push({ text: l.text, line: l.line });
        continue;
      }
    }

    if (phase === 'toc') {
      if (c.t === 'hier') {
        const repeat = doc.toc.some((e) => e.kind === c.kind && e.num === c.num);
        if (!repeat) {
          doc.toc.push({ kind: c.kind, numText: c.numText, num: c.num, heading: c.heading, line: l.line });
          continue;
        }
        phase = 'body';
      } else if (c.t === 'article') {
        phase = 'body';
      } else if (c.t === 'text' && looksLikeBareHeading(l.text)) {
        doc.toc.push({ kind: 'chapter', numText: null, num: null, heading: compactCjk(l.text), line: l.line });
        continue;
      } else {
        if (c.t !== 'comment') unplaced(l, '目录中的这一行不是章节标题', 'this line in the table of contents is not a heading');
        continue;
      }
    }

    // ---- body ----
    if (c.t === 'comment') continue;

    // A line that continues an unfinished sentence, unless it clearly starts the next numbered unit.
    if (open && !endsSentence(open.text)) {
      const structural =
        (c.t === 'hier' && plausibleDivision(c.kind, c.num)) ||
        (c.t === 'article' && c.spaced && plausibleArticle(c.num)) ||
        (c.t === 'item' && (item ? c.num === item.num + 1 : c.num === 1)) ||
        (c.t === 'sub' && (sub ? c.num === sub.num + 1 : c.num === 1 && item !== null));
      if (!structural) {
        open.text = joinText(open.text, l.text);
        continue;
      }
      if (c.t === 'hier' || c.t === 'article') reportUnterminated(open);
    }

    if (c.t === 'hier') {
      newDivision(c.kind, c.num, c.numText, c.heading, l.line);
      continue;
    }

    if (c.t === 'article' && (c.spaced || plausibleArticle(c.num))) {
      closeArticle();
      const a: Article = {
        kind: 'article',
        eId: '',
        wId: '',
        num: c.num,
        numText: articleNumText(c.num),
        heading: c.heading,
        headingPosition: c.headingPosition,
        line: l.line,
        paragraphs: [],
      };
      containerFor('article').push(a);
      article = a;
      lastArticle = a;
      if (c.rest) newParagraph(c.rest, l.line);
      continue;
    }

    if (c.t === 'item') {
      if (!article) {
        unplaced(l, '项出现在任何条之前', 'an item before any article');
        continue;
      }
      if (!para) newParagraph('', l.line);
      if (!para) continue;
      if (c.halfWidth) halfWidthItems++;
      else fullWidthItems++;
      const it: Item = { kind: 'item', eId: '', wId: '', num: c.num, numText: itemNumText(c.num), text: c.rest, line: l.line, subitems: [] };
      (para as Paragraph).items.push(it);
      item = it;
      sub = null;
      open = it;
      continue;
    }

    if (c.t === 'sub' && item) {
      const s: SubItem = { kind: 'subitem', eId: '', wId: '', num: c.num, numText: `${c.num}.`, text: c.rest, line: l.line };
      item.subitems.push(s);
      sub = s;
      open = s;
      continue;
    }

    // A chapter heading that lost its 第X章 (seen in collected Markdown texts).
    if (c.t === 'text' && looksLikeBareHeading(l.text) && (!open || endsSentence(open.text))) {
      const next = lines.slice(idx + 1).find((x) => x.cls.t !== 'comment');
      if (!next || next.cls.t === 'article' || next.cls.t === 'hier') {
        const ord = (lastDivision.chapter?.num ?? (doc.body.some((n) => n.kind === 'article') ? 1 : 0)) + 1;
        newDivision('chapter', ord, null, compactCjk(l.text), l.line);
        findings.push(
          finding(
            'heading-unnumbered',
            'warning',
            `第${l.line}行“${l.text}”像是章标题，但没有“第X章”编号，按位置视为第${ord}章`,
            `Line ${l.line} "${l.text}" reads as a chapter heading without its number; taken as chapter ${ord} by position`,
            l.line,
          ),
        );
        continue;
      }
    }

    if (c.t === 'stage' || c.t === 'toc') {
      unplaced(l, '正文中出现了标题或目录标记', 'a title or contents marker inside the body');
      continue;
    }

    // Plain text: a new paragraph (款) of the current article.
    if (!article) {
      unplaced(l, '正文中不属于任何条的文字', 'text in the body outside any article');
      continue;
    }
    const cur = para as Paragraph | null; // assigned inside the helpers above
    if (cur && !cur.text && cur.items.length === 0) {
      cur.text = l.text;
      open = cur;
      continue;
    }
    newParagraph(l.text, l.line);
  }
  reportUnterminated(open);

  const before = findings.length;
  wrapLooseArticles(doc, findings);
  repairMissingFirstItem(doc, findings);
  assignIds(doc);
  for (const [fnd, node] of late) if (node.eId) fnd.eId = node.eId;
  // Findings raised while building the tree carry the eId of the node they are about.
  for (const fnd of findings.slice(0, before)) {
    if (fnd.kind === 'heading-unnumbered' && fnd.line !== undefined) {
      const d = [...walkDivisionsOf(doc.body)].find((x) => x.line === fnd.line);
      if (d) fnd.eId = d.eId;
    }
  }
  for (const fnd of findings.slice(before)) {
    const a = fnd.line === undefined ? undefined : [...allArticles(doc.body)].find((x) => x.line === fnd.line || x.paragraphs.some((p) => p.items.some((i) => i.line === fnd.line)));
    if (a) fnd.eId = fnd.kind === 'item-number-missing' ? (a.paragraphs.flatMap((p) => p.items).find((i) => i.line === fnd.line)?.eId ?? a.eId) : a.eId;
  }

  if (halfWidthItems > 0 && fullWidthItems > 0) {
    findings.push(
      finding(
        'heading-style',
        'info',
        `项的序号混用全角括号（${fullWidthItems}处）和半角括号（${halfWidthItems}处）`,
        `Item numbers mix full-width (${fullWidthItems}) and half-width (${halfWidthItems}) brackets`,
      ),
    );
  }
  for (const a of allArticles(doc.body)) {
    if (a.paragraphs.length === 0) {
      findings.push(finding('empty-article', 'error', `${a.numText}没有内容`, `${a.numText} has no text`, a.line, a.eId));
    }
  }
  return { doc, findings };
}

function* walkDivisionsOf(nodes: BodyNode[]): Generator<Division> {
  for (const n of nodes) {
    if (n.kind === 'article') continue;
    yield n;
    yield* walkDivisionsOf(n.children);
  }
}

function* allArticles(nodes: BodyNode[]): Generator<Article> {
  for (const n of nodes) {
    if (n.kind === 'article') yield n;
    else yield* allArticles(n.children);
  }
}

/**
 * In a text that has chapters, articles standing before the first chapter heading belong to a first
 * chapter whose heading is missing (typically 总则); they are put in an implicit chapter and reported.
 */
function wrapLooseArticles(doc: LegalDoc, findings: Finding[]): void {
  const firstChapter = doc.body.findIndex((n) => n.kind === 'chapter');
  if (firstChapter <= 0) return;
  const loose = doc.body.slice(0, firstChapter);
  if (!loose.every((n) => n.kind === 'article')) return;
  const arts = loose;
  const head = arts[0];
  const last = arts.at(-1);
  if (!head || !last) return;
  const implicit: Division = { kind: 'chapter', eId: '', wId: '', num: 1, numText: null, heading: '', line: null, implicit: true, children: arts };
  doc.body.splice(0, firstChapter, implicit);
  const next = doc.body[1];
  const nextNumbered = next?.kind === 'chapter' && next.numText !== null;
  findings.push(
    finding(
      'heading-missing',
      'warning',
      `${head.numText}至${last.numText}位于第一个章标题之前，缺少章标题${nextNumbered ? `（其后为${next.numText}）` : ''}，视为第一章`,
      `Articles ${head.numText}–${last.numText} precede the first chapter heading; their chapter heading is missing${nextNumbered ? ` (the next is ${next.numText})` : ''}; taken as chapter 1`,
      head.line,
      undefined,
    ),
  );
  // Unnumbered headings after it move one place down.
  let ord = 1;
  for (const n of doc.body) {
    if (n.kind !== 'chapter') continue;
    if (n.numText === null) n.num = ord;
    ord = n.num + 1;
  }
}

/**
 * `…按照下列规定处以罚款：` followed by an unnumbered line ending in `；` and then `（二）…`: the line is
 * item （一） whose number was lost. It is made item （一） and reported.
 */
function repairMissingFirstItem(doc: LegalDoc, findings: Finding[]): void {
  for (const a of allArticles(doc.body)) {
    for (let k = 1; k < a.paragraphs.length; k++) {
      const prev = a.paragraphs[k - 1];
      const cur = a.paragraphs[k];
      if (!prev || !cur) continue;
      const firstItem = cur.items[0];
      if (prev.items.length > 0 || !/[：:]$/.test(prev.text.trim()) || firstItem?.num !== 2 || !/[；;]$/.test(cur.text.trim())) continue;
      prev.items = [{ kind: 'item', eId: '', wId: '', num: 1, numText: itemNumText(1), text: cur.text, line: cur.line, subitems: [] }, ...cur.items];
      a.paragraphs.splice(k, 1);
      findings.push(
        finding(
          'item-number-missing',
          'warning',
          `第${cur.line}行位于引导语和（二）之间，但没有序号，视为（一）`,
          `Line ${cur.line} stands between a lead-in and item (2) without a number; taken as item (1)`,
          cur.line,
        ),
      );
      k--;
    }
  }
}
