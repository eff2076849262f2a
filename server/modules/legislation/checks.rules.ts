// Checks a drafter runs on a text (domain.md §9): declared counts against the text, internal
// references, continuous numbering, consistent headings, and the table of contents against the body.
// Each finding names its place (line and eId) so the drafter can click through to it.
import {
  type BodyNode,
  type Division,
  type Finding,
  type LegalDoc,
  articlesOf,
  articleKey,
  countsOf,
  divisionNumText,
  divisionsOf,
  walkArticles,
} from './legislation.model.ts';
import { NUMERAL, decodeNumeral, encodeNumeral } from './numerals.rules.ts';
import { compactCjk } from './parse.rules.ts';
import { resolveReferences } from './refs.rules.ts';

const f = (kind: Finding['kind'], severity: Finding['severity'], messageZh: string, messageEn: string, line?: number | null, eId?: string): Finding => ({
  kind,
  severity,
  messageZh,
  messageEn,
  ...(line !== undefined && line !== null ? { line } : {}),
  ...(eId !== undefined ? { eId } : {}),
});

// ---------------------------------------------------------------------------------------------
// Declared counts: 《条例（草案）》共六章四十五条 / 由原来的7章44条调整为9章52条

export interface DeclaredCount {
  chapters: number | null;
  sections: number | null;
  articles: number;
  line: number;
  text: string;
  /** 'previous' for the counts of an earlier version (原来的7章44条, 原有……5章36条). */
  kind: 'declared' | 'previous';
}

const DECLARED_RE = new RegExp(
  `(共(?:分为|计|有)?|分为|调整为|修改为|增加至|增加到|增至|形成)?\\s*(?:(${NUMERAL})\\s*章)?\\s*(?:(${NUMERAL})\\s*节)?\\s*(${NUMERAL})\\s*条`,
  'g',
);

export function declaredCountsIn(text: string, firstLine = 1): DeclaredCount[] {
  const out: DeclaredCount[] = [];
  for (const [i, line] of text.split(/\r\n|\r|\n/).entries()) {
    DECLARED_RE.lastIndex = 0;
    for (let m = DECLARED_RE.exec(line); m; m = DECLARED_RE.exec(line)) {
      const [whole, prefix, ch, sec, art] = m;
      if (!art) continue;
      // 第三十七条 is an article, not a count; a count names chapters or says 共.
      // Without chapters only 共……条 counts the whole text (增加至6条 may count one chapter's articles).
      if (line[m.index - 1] === '第' || (!ch && !(prefix && /^(共|分为)/.test(prefix)))) continue;
      const articles = decodeNumeral(art);
      const chapters = ch ? decodeNumeral(ch) : null;
      const sections = sec ? decodeNumeral(sec) : null;
      if (articles === null || (ch && chapters === null) || (sec && sections === null)) continue;
      const clauseStart = Math.max(line.lastIndexOf('。', m.index), line.lastIndexOf('，', m.index), line.lastIndexOf('；', m.index));
      const clause = line.slice(clauseStart + 1, m.index);
      const after = line.slice(m.index + whole.length, m.index + whole.length + 4);
      const isNew = prefix !== undefined && /调整为|修改为|增加|增至|形成/.test(prefix);
      const kind = !isNew && (/原/.test(clause) || /^(调整|修改|变为|增加)/.test(after)) ? 'previous' : 'declared';
      out.push({ chapters, sections, articles, line: firstLine + i, text: whole.trim(), kind });
    }
  }
  return out;
}

export function checkDeclaredCounts(doc: LegalDoc, explanation: string, explanationFirstLine = 1): Finding[] {
  const counts = countsOf(doc);
  const out: Finding[] = [];
  for (const d of declaredCountsIn(explanation, explanationFirstLine)) {
    if (d.kind !== 'declared') continue;
    const chaptersOff = d.chapters !== null && d.chapters !== counts.chapters;
    const sectionsOff = d.sections !== null && d.sections !== counts.sections;
    const articlesOff = d.articles !== counts.articles;
    if (!chaptersOff && !sectionsOff && !articlesOff) continue;
    const said = `${d.chapters !== null ? `${encodeNumeral(d.chapters)}章` : ''}${d.sections !== null ? `${encodeNumeral(d.sections)}节` : ''}${encodeNumeral(d.articles)}条`;
    const has = `${d.chapters !== null ? `${encodeNumeral(counts.chapters)}章` : ''}${d.sections !== null ? `${encodeNumeral(counts.sections)}节` : ''}${encodeNumeral(counts.articles)}条`;
    const saidEn = [d.chapters !== null ? `${d.chapters} chapters` : '', d.sections !== null ? `${d.sections} sections` : '', `${d.articles} articles`].filter(Boolean).join(', ');
    const hasEn = [d.chapters !== null ? `${counts.chapters} chapters` : '', d.sections !== null ? `${counts.sections} sections` : '', `${counts.articles} articles`].filter(Boolean).join(', ');
    out.push(
      f(
        'declared-count',
        'error',
        `说明称“${d.text}”，即${said}，但文本为${has}`,
        `The explanation declares ${saidEn} ("${d.text}") but the text has ${hasEn}`,
        d.line,
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbering

function checkDivisionNumbering(nodes: BodyNode[], out: Finding[]): void {
  const byKind = new Map<string, Division[]>();
  for (const n of nodes) {
    if (n.kind === 'article') continue;
    byKind.set(n.kind, [...(byKind.get(n.kind) ?? []), n]);
    checkDivisionNumbering(n.children, out);
  }
  for (const list of byKind.values()) {
    let expected = 1;
    for (const d of list) {
      if (d.numText !== null && d.num !== expected) {
        const exp = divisionNumText(d.kind, expected);
        out.push(
          f(
            'numbering',
            'error',
            d.num < expected ? `${d.numText}编号重复或倒序（应为${exp}）` : `${d.numText}之前缺少${exp}`,
            d.num < expected ? `${d.numText} repeats or goes backwards (expected ${exp})` : `${exp} is missing before ${d.numText}`,
            d.line,
            d.eId,
          ),
        );
      }
      expected = d.num + 1;
    }
  }
}

function checkArticleNumbering(doc: LegalDoc, out: Finding[]): void {
  const arts = articlesOf(doc);
  const seen = new Set<string>();
  let prev: (typeof arts)[number] | null = null;
  for (const a of arts) {
    const key = articleKey(a.num);
    if (seen.has(key)) {
      out.push(f('numbering', 'error', `${a.numText}重复`, `${a.numText} appears twice`, a.line, a.eId));
    } else if (!prev) {
      if (a.num.main !== 1 || a.num.sub !== 0) out.push(f('numbering', 'warning', `第一个条文是${a.numText}，不是第一条`, `The first article is ${a.numText}, not 第一条`, a.line, a.eId));
    } else {
      const p = prev.num;
      const ok = (a.num.main === p.main + 1 && a.num.sub === 0) || (a.num.main === p.main && a.num.sub === p.sub + 1);
      if (!ok) {
        const gap = a.num.main > p.main + 1 && a.num.sub === 0;
        const missing = gap ? Array.from({ length: Math.min(a.num.main - p.main - 1, 5) }, (_, k) => `第${encodeNumeral(p.main + 1 + k)}条`).join('、') : '';
        out.push(
          f(
            'numbering',
            'error',
            gap ? `${prev.numText}之后是${a.numText}，缺少${missing}` : `${prev.numText}之后是${a.numText}，编号不连续`,
            gap ? `${a.numText} follows ${prev.numText}: ${a.num.main - p.main - 1} article number(s) missing` : `${a.numText} follows ${prev.numText}: numbering is not continuous`,
            a.line,
            a.eId,
          ),
        );
      }
    }
    seen.add(key);
    prev = a;
    for (const p of a.paragraphs) {
      for (const [k, it] of p.items.entries()) {
        if (it.num !== k + 1) {
          out.push(
            f('numbering', 'error', `${a.numText}第${encodeNumeral(p.num)}款的第${k + 1}项编号为${it.numText}`, `Item ${k + 1} of ${a.numText} paragraph ${p.num} is numbered ${it.numText}`, it.line, it.eId),
          );
          break;
        }
      }
      for (const it of p.items) {
        for (const [k, s] of it.subitems.entries()) {
          if (s.num !== k + 1) {
            out.push(f('numbering', 'error', `${a.numText}${it.numText}的第${k + 1}目编号为${s.num}`, `Sub-item ${k + 1} of ${a.numText} ${it.numText} is numbered ${s.num}`, s.line, s.eId));
            break;
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Headings and contents

function checkHeadingStyle(doc: LegalDoc, out: Finding[]): void {
  const arts = articlesOf(doc);
  const withHeading = arts.filter((a) => a.heading !== null);
  if (withHeading.length > 0 && withHeading.length < arts.length) {
    const without = arts.filter((a) => a.heading === null);
    const list = without.slice(0, 8).map((a) => a.numText).join('、') + (without.length > 8 ? '等' : '');
    const firstWithout = without[0];
    out.push(
      f(
        'heading-style',
        'warning',
        `${withHeading.length}条有【】条旨，${without.length}条没有（${list}）`,
        `${withHeading.length} articles carry a heading in 【】 and ${without.length} do not (${without.slice(0, 8).map((a) => articleKey(a.num)).join(', ')})`,
        firstWithout?.line,
        firstWithout?.eId,
      ),
    );
  }
  const before = withHeading.filter((a) => a.headingPosition === 'before');
  const after = withHeading.filter((a) => a.headingPosition === 'after');
  if (before.length > 0 && after.length > 0) {
    const minority = before.length < after.length ? before : after;
    const m = minority[0];
    out.push(
      f(
        'heading-style',
        'warning',
        `条旨位置不一致：${before.length}条在条号之前，${after.length}条在条号之后`,
        `Article headings stand before the number in ${before.length} articles and after it in ${after.length}`,
        m?.line,
        m?.eId,
      ),
    );
  }
}

function checkToc(doc: LegalDoc, out: Finding[]): void {
  if (doc.toc.length === 0) return;
  const body = divisionsOf(doc).filter((d) => !d.implicit);
  const tocLine = doc.toc[0]?.line;
  if (doc.toc.length !== body.length) {
    out.push(
      f('toc-mismatch', 'warning', `目录列出${doc.toc.length}个标题，正文有${body.length}个`, `The table of contents lists ${doc.toc.length} headings; the body has ${body.length}`, tocLine),
    );
  }
  for (const [k, e] of doc.toc.entries()) {
    const d = body[k];
    if (!d) break;
    const same = e.kind === d.kind && (e.num === null || e.num === d.num) && compactCjk(e.heading) === compactCjk(d.heading);
    if (!same) {
      out.push(
        f(
          'toc-mismatch',
          'warning',
          `目录“${e.numText ?? ''}${e.heading}”与正文“${d.numText ?? ''}${d.heading}”不一致`,
          `Contents entry "${e.numText ?? ''} ${e.heading}" differs from the body heading "${d.numText ?? ''} ${d.heading}"`,
          e.line,
          d.eId,
        ),
      );
    }
  }
}

function checkEmpty(doc: LegalDoc, out: Finding[]): void {
  for (const d of divisionsOf(doc)) {
    if (![...walkArticles(d.children)].length) {
      const name = d.numText ?? d.heading;
      out.push(f('empty-division', 'warning', `${name}${d.numText ? d.heading : ''}下没有条文`, `${name} has no articles`, d.line, d.eId));
    }
  }
}

function checkReferences(doc: LegalDoc, out: Finding[]): void {
  for (const r of resolveReferences(doc)) {
    if (r.eId !== null) continue;
    out.push(
      f('reference', 'error', `引用“${r.ref.text}”无法对应：${r.problemZh ?? ''}`, `Reference "${r.ref.text}" does not resolve: ${r.problemEn ?? ''}`, r.ref.line, r.ref.fromEId),
    );
  }
}

export interface CheckOptions {
  /** The explanation (说明) that accompanies the text, for its declared counts. */
  explanation?: string | null;
  explanationFirstLine?: number;
}

/** Every check on a parsed text; the parser's own findings come first in `parseAndCheck`. */
export function runChecks(doc: LegalDoc, opts: CheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  if (opts.explanation) out.push(...checkDeclaredCounts(doc, opts.explanation, opts.explanationFirstLine ?? 1));
  checkDivisionNumbering(doc.body, out);
  checkArticleNumbering(doc, out);
  checkEmpty(doc, out);
  checkHeadingStyle(doc, out);
  checkToc(doc, out);
  checkReferences(doc, out);
  return out;
}
