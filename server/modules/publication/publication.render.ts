// The gazette's three outputs from one assembled edition: HTML for the portal, DOCX in 公文 style and
// PDF, each with a table of contents. Page geometry, fonts and page numbers come from the
// legislation exporters (GB/T 9704-2012: A4, 3号 仿宋 body, 2号 小标宋 titles, "— 1 —" page numbers).
import { AlignmentType, Bookmark, Document, Footer, InternalHyperlink, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import type { GazetteContent, GazetteSection, SectionKind } from '../../../contracts/publication.ts';
import { LINE_PT, MARGINS_MM, MM_PT, MM_TWIP, PT, fontPlan, notoFont } from '../legislation/export-office.ts';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Lists print as they are (names in columns); documents indent their paragraphs. */
const LISTS: readonly SectionKind[] = ['personnel', 'attendance', 'attendees'];
const anchorOf = (i: number): string => `s${i + 1}`;
const dateZh = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

export const gazetteFileName = (c: GazetteContent, ext: string): string => `${c.frontMatter.title}${c.issue.year}年第${c.issue.no}期.${ext}`;

/**
 * The colophon: the signed checkpoint of the audit chain taken before the edition was assembled
 * (ARCHITECTURE.md, principle 7). Its seq and hash prefix let a reader check the printed gazette
 * against the record's chain; the full checkpoint is in the edition's JSON (`anchor`).
 */
export const colophonOf = (c: GazetteContent): string | null =>
  c.anchor ? `审计链检查点：第${c.anchor.seq}条，哈希 ${c.anchor.hash.slice(0, 16)}…，签名密钥 ${c.anchor.keyId}` : null;

/** A short description for search engines and link previews. */
export const descriptionOf = (c: GazetteContent): string =>
  `${c.frontMatter.title}${c.issue.label}：${c.frontMatter.subtitle || c.meetingTitle}（${dateZh(c.meetingDate)}），共${c.sections.length}篇。`;

// ---------------------------------------------------------------------------------------------
// HTML: a complete page, phone first, readable without scripts.

export function toHtml(c: GazetteContent, links: { docx: string; pdf: string }): string {
  const title = `${c.frontMatter.title} ${c.issue.label}`;
  const toc = c.toc.map((e, i) => `<li><a href="#${anchorOf(i)}">${esc(e.title)}</a></li>`).join('');
  const sections = c.sections
    .map((s, i) => {
      const list = LISTS.includes(s.kind);
      const paras = s.paragraphs.map((p) => `<p${list ? ' class="list"' : ''}>${esc(p)}</p>`).join('');
      return `<section id="${anchorOf(i)}" aria-labelledby="${anchorOf(i)}-h"><h2 id="${anchorOf(i)}-h">${esc(s.title)}</h2>${paras}</section>`;
    })
    .join('');
  const colophon = colophonOf(c);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(descriptionOf(c))}">
<style>
body{margin:0;font:17px/1.8 "Noto Serif CJK SC","Songti SC",serif;color:#1f1f1f;background:#fff}
main{max-width:46em;margin:0 auto;padding:1em}
header{text-align:center;border-bottom:3px solid #a8071a;padding-bottom:.5em;margin-bottom:1em}
h1{color:#a8071a;font-size:1.8em;margin:.3em 0}
h2{font-size:1.2em;text-align:center;margin:2em 0 .8em;font-family:"Noto Sans CJK SC",sans-serif}
p{text-indent:2em;margin:.4em 0;text-align:justify}
p.list{text-indent:0;white-space:pre-wrap}
nav ol{padding-left:1.5em}
nav li{margin:.3em 0}
a{color:#0645ad}
.downloads a{display:inline-block;margin:.3em .5em;padding:.4em .9em;border:1px solid #0645ad;border-radius:4px;text-decoration:none}
footer.colophon{margin-top:3em;border-top:1px solid #d9d9d9;padding-top:.5em;color:#595959;font-size:.8em}
footer.colophon p{text-indent:0;word-break:break-all}
</style>
</head>
<body>
<main>
<header><h1>${esc(c.frontMatter.title)}</h1><p>${esc(c.issue.label)}</p>${c.frontMatter.subtitle ? `<p>${esc(c.frontMatter.subtitle)}</p>` : ''}<p class="downloads"><a href="${esc(links.docx)}">下载DOCX</a><a href="${esc(links.pdf)}">下载PDF</a></p></header>
${c.frontMatter.preface ? `<section aria-label="编者按">${paragraphsHtml(c.frontMatter.preface)}</section>` : ''}
<nav aria-labelledby="toc-h"><h2 id="toc-h">目录</h2><ol>${toc}</ol></nav>
${sections}
${colophon ? `<footer class="colophon"><p>${esc(colophon)}</p></footer>` : ''}
</main>
</body>
</html>`;
}

const paragraphsHtml = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');

// ---------------------------------------------------------------------------------------------
// DOCX

export async function toDocx(c: GazetteContent): Promise<Buffer> {
  const fonts = fontPlan();
  const run = (text: string, font: string, pt: number) => new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size: Math.round(pt * 2) });
  const exact = { line: Math.round(LINE_PT * 20), lineRule: LineRuleType.EXACT };
  const center = (text: string, font: string, pt: number, extra: { pageBreakBefore?: boolean; before?: number; after?: number } = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, pageBreakBefore: extra.pageBreakBefore ?? false, spacing: { line: Math.round(Math.max(LINE_PT, pt * 1.3) * 20), lineRule: LineRuleType.EXACT, before: extra.before ?? 0, after: extra.after ?? 0 }, children: [run(text, font, pt)] });

  const children: Paragraph[] = [
    center(c.frontMatter.title, fonts.title, 26, { before: 1200, after: 400 }),
    center(c.issue.label, fonts.stage, PT.body, { after: 200 }),
  ];
  if (c.frontMatter.subtitle) children.push(center(c.frontMatter.subtitle, fonts.stage, PT.body));
  children.push(center(dateZh(c.meetingDate), fonts.stage, PT.body));
  for (const l of c.frontMatter.preface.split('\n').filter((x) => x.trim())) {
    children.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: exact, indent: { firstLine: 640 }, children: [run(l.trim(), fonts.body, PT.body)] }));
  }
  children.push(center('目  录', fonts.heading, PT.body, { pageBreakBefore: true, after: 200 }));
  c.toc.forEach((e, i) => {
    children.push(new Paragraph({ spacing: exact, children: [new InternalHyperlink({ anchor: anchorOf(i), children: [run(`${i + 1}. ${e.title}`, fonts.body, PT.body)] })] }));
  });
  c.sections.forEach((s, i) => {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        pageBreakBefore: true,
        spacing: { line: Math.round(PT.title * 1.4 * 20), lineRule: LineRuleType.EXACT, after: 300 },
        children: [new Bookmark({ id: anchorOf(i), children: [run(s.title, fonts.title, PT.title)] })],
      }),
    );
    const list = LISTS.includes(s.kind);
    for (const p of s.paragraphs) {
      children.push(new Paragraph({ alignment: list ? AlignmentType.LEFT : AlignmentType.JUSTIFIED, spacing: exact, ...(list ? {} : { indent: { firstLine: 640 } }), children: [run(p, fonts.body, PT.body)] }));
    }
  });
  const colophon = colophonOf(c);
  if (colophon) children.push(new Paragraph({ alignment: AlignmentType.LEFT, spacing: { before: 600 }, children: [run(colophon, fonts.body, PT.pageNo)] }));
  const pageNo = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [new Paragraph({ alignment: align, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: fonts.body, eastAsia: fonts.body, hAnsi: fonts.body }, size: PT.pageNo * 2 })] })],
    });
  const document = new Document({
    creator: '议事',
    title: `${c.frontMatter.title} ${c.issue.label}`,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: fonts.body, eastAsia: fonts.body, hAnsi: fonts.body }, size: PT.body * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM_TWIP), height: Math.round(297 * MM_TWIP) },
            margin: { top: Math.round(MARGINS_MM.top * MM_TWIP), bottom: Math.round(MARGINS_MM.bottom * MM_TWIP), left: Math.round(MARGINS_MM.left * MM_TWIP), right: Math.round(MARGINS_MM.right * MM_TWIP) },
          },
        },
        footers: { default: pageNo(AlignmentType.RIGHT), even: pageNo(AlignmentType.LEFT) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

// ---------------------------------------------------------------------------------------------
// PDF: the table of contents takes reserved pages after the cover and is filled in at the end,
// when each section's page is known; each entry links to its section, and the outline mirrors it.

const TOC_PT = 14;

interface Run {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}
interface EmbeddedFont {
  layoutRun(text: string, features?: unknown): Run;
  layoutCached(text: string): Run;
  layout(text: string, features: unknown, onlyWidth: boolean): { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number };
}
const CJK = /[\u2018-\u201d\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Speed: pdfkit shapes each space-separated word as one run and caches runs by their text, which
 * for Chinese (no spaces) means shaping every line afresh with the whole CJK font's tables. Chinese
 * characters need no shaping, so each one is its own cached run here: the same glyphs and advances,
 * about four times faster. Latin words between spaces are still shaped as before.
 */
function cacheCjkRuns(pdf: PDFKit.PDFDocument, name: string): void {
  pdf.font(name);
  const font = (pdf as unknown as { _font: Partial<EmbeddedFont> })._font;
  // pdfkit's internals: when a version lacks them, keep its own (slower, same output) layout.
  if (typeof font.layoutRun !== 'function' || typeof font.layoutCached !== 'function') return;
  font.layout = function (this: EmbeddedFont, text: string, features: unknown, onlyWidth: boolean) {
    if (features) return this.layoutRun(text, features);
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    let last = 0;
    const flush = (end: number): void => {
      if (end <= last) return;
      const run = this.layoutCached(text.slice(last, end));
      if (!onlyWidth) {
        for (const g of run.glyphs) glyphs.push(g);
        for (const p of run.positions) positions.push(p);
      }
      advanceWidth += run.advanceWidth;
      last = end;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === ' ' || c === '\t') flush(i + 1);
      else if (CJK.test(c)) {
        flush(i);
        flush(i + 1);
      }
    }
    flush(text.length);
    return { glyphs: onlyWidth ? null : glyphs, positions: onlyWidth ? null : positions, advanceWidth };
  };
}
const TOC_LINE = TOC_PT * 1.2 + 8;

export async function toPdf(c: GazetteContent, onProgress?: (fraction: number) => void): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGINS_MM.top * MM_PT, bottom: MARGINS_MM.bottom * MM_PT, left: MARGINS_MM.left * MM_PT, right: MARGINS_MM.right * MM_PT },
    info: { Title: `${c.frontMatter.title} ${c.issue.label}`, Creator: '议事' },
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
  });
  pdf.registerFont('serif', notoFont('NotoSerifCJK-Regular.ttc'), 'NotoSerifCJKsc-Regular');
  pdf.registerFont('sans', notoFont('NotoSansCJK-Regular.ttc'), 'NotoSansCJKsc-Regular');
  cacheCjkRuns(pdf, 'serif');
  cacheCjkRuns(pdf, 'sans');
  const chunks: Buffer[] = [];
  pdf.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolveDone, reject) => {
    pdf.on('end', () => resolveDone(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const usable = pdf.page.height - pdf.page.margins.top - pdf.page.margins.bottom;
  const gap = LINE_PT - PT.body * 1.2;

  // Cover
  pdf.moveDown(4);
  pdf.font('serif').fontSize(26).fillColor('#a8071a').text(c.frontMatter.title, { align: 'center' });
  pdf.fillColor('black').moveDown(1);
  pdf.font('serif').fontSize(PT.body).text(c.issue.label, { align: 'center', lineGap: gap });
  if (c.frontMatter.subtitle) pdf.text(c.frontMatter.subtitle, { align: 'center', lineGap: gap });
  pdf.text(dateZh(c.meetingDate), { align: 'center', lineGap: gap });
  for (const l of c.frontMatter.preface.split('\n').filter((x) => x.trim())) pdf.text(l.trim(), { indent: PT.body * 2, align: 'justify', lineGap: gap });

  // Reserve the contents pages: each entry takes as many lines as its title needs at 14 pt.
  pdf.font('serif').fontSize(TOC_PT);
  const entryLines = c.toc.map((e, i) => Math.max(1, Math.ceil(pdf.widthOfString(`${i + 1}. ${e.title}    000`) / (width - TOC_PT * 2))));
  const tocLines = entryLines.reduce((a, b) => a + b, 0) + 3;
  const tocPages = Math.max(1, Math.ceil((tocLines * TOC_LINE) / usable));
  const firstTocPage = pdf.bufferedPageRange().count;
  for (let i = 0; i < tocPages; i++) pdf.addPage();

  const pageOf: number[] = [];
  c.sections.forEach((s, i) => {
    pdf.addPage();
    pageOf.push(pdf.bufferedPageRange().count - 1);
    pdf.addNamedDestination(anchorOf(i));
    pdf.outline.addItem(s.title);
    pdf.font('serif').fontSize(PT.title).text(s.title, { align: 'center' });
    pdf.moveDown(0.5);
    const list = LISTS.includes(s.kind);
    pdf.font('serif').fontSize(PT.body);
    for (const p of s.paragraphs) pdf.text(p, list ? { lineGap: gap } : { indent: PT.body * 2, align: 'justify', lineGap: gap });
    onProgress?.((i + 1) / c.sections.length);
  });
  const colophon = colophonOf(c);
  if (colophon) pdf.moveDown(2).font('serif').fontSize(PT.pageNo).text(colophon, pdf.page.margins.left, pdf.y, { width });

  // Fill in the contents.
  pdf.switchToPage(firstTocPage);
  pdf.x = pdf.page.margins.left;
  pdf.y = pdf.page.margins.top;
  pdf.font('sans').fontSize(PT.body).text('目  录', { align: 'center' });
  pdf.moveDown(0.8);
  let tocPage = firstTocPage;
  c.toc.forEach((e, i) => {
    const lines = entryLines[i] ?? 1;
    if (pdf.y + lines * TOC_LINE > pdf.page.height - pdf.page.margins.bottom && tocPage < firstTocPage + tocPages - 1) {
      tocPage++;
      pdf.switchToPage(tocPage);
      pdf.x = pdf.page.margins.left;
      pdf.y = pdf.page.margins.top;
    }
    const y = pdf.y;
    const pageNo = (pageOf[i] ?? 0) + 1;
    pdf.font('serif').fontSize(TOC_PT).text(`${i + 1}. ${e.title}`, pdf.page.margins.left, y, { width: width - TOC_PT * 3, goTo: anchorOf(i), lineGap: 8 });
    const after = pdf.y;
    pdf.text(String(pageNo), pdf.page.margins.left + width - TOC_PT * 3, y, { width: TOC_PT * 3, align: 'right', lineBreak: false });
    pdf.x = pdf.page.margins.left;
    pdf.y = after;
  });

  // Page numbers "— n —": odd pages right, even pages left (the cover carries none).
  const range = pdf.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const n = i + 1;
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('serif')
      .fontSize(PT.pageNo)
      .text(`— ${n} —`, pdf.page.margins.left, pdf.page.height - bottom + 20, { width, align: n % 2 === 1 ? 'right' : 'left', lineBreak: false });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

export type { GazetteSection };
