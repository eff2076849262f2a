// DOCX and PDF exports in the style of official documents (公文, GB/T 9704-2012): A4, margins
// top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 2号 (22 pt) 小标宋, body in 3号 (16 pt)
// 仿宋, headings in 黑体, 22 lines a page (fixed 28.95 pt line pitch), page numbers "— 1 —" in 4号.
// The official fonts are used when the machine has them; otherwise Noto CJK stands in (Serif for
// 小标宋/仿宋/楷体, Sans for 黑体), so the Chinese text is always rendered.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph as DocxParagraph, TextRun } from 'docx';
import PDFDocument from 'pdfkit';
import { type Article, type BodyNode, type LegalDoc, STAGE_ZH, type Stage } from './legislation.model.ts';

export const MM_TWIP = 56.6929; // 1 mm in twentieths of a point
export const MM_PT = 2.834646;
export const MARGINS_MM = { top: 37, bottom: 35, left: 28, right: 26 } as const;
export const PT = { title: 22, body: 16, pageNo: 14 } as const; // 2号, 3号, 4号
export const LINE_PT = 28.95;

export interface FontPlan {
  title: string;
  body: string;
  heading: string;
  stage: string;
}

const OFFICIAL: Record<keyof FontPlan, string[]> = {
  title: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK'],
  body: ['仿宋_GB2312', '仿宋', 'FangSong', 'FangSong_GB2312'],
  heading: ['黑体', 'SimHei'],
  stage: ['楷体_GB2312', '楷体', 'KaiTi', 'KaiTi_GB2312'],
};
const FALLBACK: FontPlan = { title: 'Noto Serif CJK SC', body: 'Noto Serif CJK SC', heading: 'Noto Sans CJK SC', stage: 'Noto Serif CJK SC' };

let installed: Set<string> | null = null;
function installedFamilies(): Set<string> {
  if (installed) return installed;
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 5000 });
    installed = new Set(out.split('\n').flatMap((l) => l.split(',')).map((s) => s.trim()).filter(Boolean));
  } catch {
    installed = new Set();
  }
  return installed;
}

/** The fonts a DOCX names: the official ones where installed, else the Noto CJK fallbacks. */
export function fontPlan(): FontPlan {
  const have = installedFamilies();
  const pick = (k: keyof FontPlan): string => OFFICIAL[k].find((f) => have.has(f)) ?? FALLBACK[k];
  return { title: pick('title'), body: pick('body'), heading: pick('heading'), stage: pick('stage') };
}

const stageOf = (doc: LegalDoc, stage: Stage): string | null => doc.stageLabel ?? (stage === 'published' ? null : STAGE_ZH[stage]);

/** The document as lines in reading order, with the role of each, for both DOCX and PDF. */
type Line = { role: 'title' | 'stage' | 'preface' | 'toc-title' | 'toc' | 'heading' | 'para' | 'item'; text: string; lead?: string };

function linesOf(doc: LegalDoc, stage: Stage): Line[] {
  const out: Line[] = [{ role: 'title', text: doc.title ?? '' }];
  const st = stageOf(doc, stage);
  if (st) out.push({ role: 'stage', text: `（${st}）` });
  for (const l of doc.preface) out.push({ role: 'preface', text: l.text });
  if (doc.toc.length > 0) {
    out.push({ role: 'toc-title', text: '目  录' });
    for (const e of doc.toc) out.push({ role: 'toc', text: [e.numText ?? '', e.heading].filter(Boolean).join('  ') });
  }
  for (const l of doc.preamble) out.push({ role: 'para', text: l.text });
  const article = (a: Article): void => {
    if (a.paragraphs.length === 0) out.push({ role: 'para', text: '', lead: a.numText });
    for (const [k, p] of a.paragraphs.entries()) {
      out.push({ role: 'para', text: p.text, ...(k === 0 ? { lead: `${a.numText}${a.heading ? `【${a.heading}】` : ''}` } : {}) });
      for (const i of p.items) {
        out.push({ role: 'item', text: `${i.numText}${i.text}` });
        for (const s of i.subitems) out.push({ role: 'item', text: `${s.numText}${s.text}` });
      }
    }
  };
  const walk = (nodes: BodyNode[]): void => {
    for (const n of nodes) {
      if (n.kind === 'article') article(n);
      else {
        const h = [n.numText ?? '', n.heading].filter(Boolean).join('  ');
        if (h) out.push({ role: 'heading', text: h });
        walk(n.children);
      }
    }
  };
  walk(doc.body);
  return out;
}

// ---------------------------------------------------------------------------------------------
// DOCX

const run = (text: string, font: string, pt: number) => new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size: Math.round(pt * 2) });
/** The fixed line pitch of the body (GB/T 9704: 22 lines a page). */
const exact = { line: Math.round(LINE_PT * 20), lineRule: LineRuleType.EXACT };
const titleParagraph = (text: string, font: string) =>
  new DocxParagraph({ alignment: AlignmentType.CENTER, spacing: { line: Math.round(LINE_PT * 20 * 1.2), lineRule: LineRuleType.EXACT }, children: [run(text, font, PT.title)] });

/** A document in the 公文 page style: A4 with its margins, 3号 body type; page numbers when given. */
function officeDocument(title: string, bodyFont: string, children: DocxParagraph[], footers?: { default: Footer; even: Footer }): Promise<Buffer> {
  const document = new Document({
    creator: '议事',
    title,
    ...(footers ? { evenAndOddHeaderAndFooters: true } : {}),
    styles: { default: { document: { run: { font: { ascii: bodyFont, eastAsia: bodyFont, hAnsi: bodyFont }, size: PT.body * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM_TWIP), height: Math.round(297 * MM_TWIP) },
            margin: {
              top: Math.round(MARGINS_MM.top * MM_TWIP),
              bottom: Math.round(MARGINS_MM.bottom * MM_TWIP),
              left: Math.round(MARGINS_MM.left * MM_TWIP),
              right: Math.round(MARGINS_MM.right * MM_TWIP),
            },
          },
        },
        ...(footers ? { footers } : {}),
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

export async function toDocx(doc: LegalDoc, stage: Stage): Promise<Buffer> {
  const fonts = fontPlan();
  const children = linesOf(doc, stage).map((l) => {
    switch (l.role) {
      case 'title':
        return titleParagraph(l.text, fonts.title);
      case 'stage':
        return new DocxParagraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(l.text, fonts.stage, PT.body)] });
      case 'preface':
        return new DocxParagraph({ alignment: AlignmentType.CENTER, spacing: exact, children: [run(l.text, fonts.stage, PT.body)] });
      case 'toc-title':
      case 'heading':
        return new DocxParagraph({ alignment: AlignmentType.CENTER, spacing: { ...exact, before: 200, after: 100 }, children: [run(l.text, fonts.heading, PT.body)] });
      case 'toc':
        return new DocxParagraph({ spacing: exact, indent: { firstLine: 640 }, children: [run(l.text, fonts.body, PT.body)] });
      case 'para':
      case 'item':
        return new DocxParagraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: exact,
          indent: { firstLine: 640 }, // two characters of 3号
          children: [...(l.lead ? [run(`${l.lead}　`, fonts.heading, PT.body)] : []), run(l.text, fonts.body, PT.body)],
        });
    }
  });
  const pageNo = (align: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
    new Footer({
      children: [
        new DocxParagraph({
          alignment: align,
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { ascii: fonts.body, eastAsia: fonts.body, hAnsi: fonts.body }, size: PT.pageNo * 2 })],
        }),
      ],
    });
  // Odd pages number at the right, even pages at the left (GB/T 9704 §7.5).
  return officeDocument(doc.title ?? '', fonts.body, children, { default: pageNo(AlignmentType.RIGHT), even: pageNo(AlignmentType.LEFT) });
}

/** The summary of a public consultation per article, for the committee (C-8), in the same 公文 page style. */
export interface ReportForDocx {
  documentTitle: string;
  comments: number;
  consultation: { title: string; opensOn: string; closesOn: string };
  articles: { numText: string; heading: string | null; comments: number; themes: { word: string; count: number }[]; representative: { displayName: string; text: string; quote: string | null }[] }[];
}

/** A block of a report to the committee: the title, a heading, or a paragraph with an optional bold lead. */
type ReportBlock = { kind: 'title' | 'heading' | 'para'; text: string; lead?: string };

/** A report to the committee as a DOCX in the 公文 page style (A4, the margins, 3号 仿宋 at a fixed line pitch). */
async function reportDocx(title: string, blocks: ReportBlock[]): Promise<Buffer> {
  const fonts = fontPlan();
  const children = blocks.map((b) => {
    switch (b.kind) {
      case 'title':
        return titleParagraph(b.text, fonts.title);
      case 'heading':
        return new DocxParagraph({ spacing: { ...exact, before: 200 }, children: [run(b.text, fonts.heading, PT.body)] });
      case 'para':
        return new DocxParagraph({
          alignment: AlignmentType.JUSTIFIED,
          spacing: exact,
          indent: { firstLine: 640 },
          children: [...(b.lead ? [run(b.lead, fonts.heading, PT.body)] : []), run(b.text, fonts.body, PT.body)],
        });
    }
  });
  return officeDocument(title, fonts.body, children);
}

export async function reportToDocx(r: ReportForDocx): Promise<Buffer> {
  const title = `《${r.documentTitle}》公开征求意见情况汇总`;
  const blocks: ReportBlock[] = [
    { kind: 'title', text: title },
    {
      kind: 'para',
      text: `${r.consultation.title}，征求意见期限为${r.consultation.opensOn}至${r.consultation.closesOn}，共收到公开意见${String(r.comments)}条，涉及${String(r.articles.length)}个条文。按条文汇总如下。`,
    },
  ];
  for (const a of r.articles) {
    blocks.push({ kind: 'heading', text: `${a.numText}${a.heading ? `【${a.heading}】` : ''}（${String(a.comments)}条意见）` });
    if (a.themes.length > 0) blocks.push({ kind: 'para', lead: '主要关注：', text: a.themes.map((x) => `${x.word}（${String(x.count)}）`).join('、') });
    for (const [i, m] of a.representative.entries()) {
      blocks.push({ kind: 'para', lead: `${i === 0 ? '代表性意见：' : ''}${String(i + 1)}. `, text: `${m.quote ? `针对“${m.quote}”：` : ''}${m.text}（${m.displayName}）` });
    }
  }
  return reportDocx(title, blocks);
}

/** The Legal Committee's report of the changes between two texts with the review opinions behind them (L-5). */
export interface ChangeReportForDocx {
  title: string;
  fromLabel: string;
  toLabel: string;
  changes: { status: 'unchanged' | 'changed' | 'inserted' | 'deleted'; moved: boolean; from: string | null; to: string | null; heading: string | null; opinions: { bodyName: string; text: string; status: 'pending' | 'adopted' | 'not_adopted'; reason: string | null }[] }[];
  unchangedWithOpinions: ChangeReportForDocx['changes'];
}

const CHANGE_ZH = { unchanged: '未修改', changed: '修改', inserted: '新增', deleted: '删除' } as const;
const OPINION_ZH = { pending: '待处理', adopted: '已采纳', not_adopted: '未采纳' } as const;

export async function changeReportToDocx(r: ChangeReportForDocx): Promise<Buffer> {
  const title = `关于《${r.title}》修改情况的报告`;
  const blocks: ReportBlock[] = [{ kind: 'title', text: title }, { kind: 'para', text: `与${r.fromLabel}相比，${r.toLabel}共修改${String(r.changes.length)}个条文，逐条说明如下。` }];
  const entry = (c: ChangeReportForDocx['changes'][number]): void => {
    const where = c.status === 'deleted' ? (c.from ?? '') : c.from && c.to && c.from !== c.to ? `${c.to}（原${c.from}）` : (c.to ?? c.from ?? '');
    blocks.push({ kind: 'heading', text: `${where}${c.heading ? `【${c.heading}】` : ''}：${CHANGE_ZH[c.status]}${c.moved ? '、调整位置' : ''}` });
    if (c.opinions.length === 0) blocks.push({ kind: 'para', text: '无审议意见。' });
    for (const o of c.opinions) blocks.push({ kind: 'para', lead: `${o.bodyName}：`, text: `${o.text}（${OPINION_ZH[o.status]}${o.reason ? `，理由：${o.reason}` : ''}）` });
  };
  for (const c of r.changes) entry(c);
  if (r.unchangedWithOpinions.length > 0) {
    blocks.push({ kind: 'heading', text: '未作修改的审议意见' });
    for (const c of r.unchangedWithOpinions) entry(c);
  }
  return reportDocx(title, blocks);
}

// ---------------------------------------------------------------------------------------------
// PDF

const NOTO_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk', '/System/Library/Fonts'];

export function notoFont(file: string): string {
  for (const d of NOTO_DIRS) {
    const p = `${d}/${file}`;
    if (existsSync(p)) return p;
  }
  throw new Error(`CJK font ${file} not found (install fonts-noto-cjk)`);
}

export async function toPdf(doc: LegalDoc, stage: Stage): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGINS_MM.top * MM_PT, bottom: MARGINS_MM.bottom * MM_PT, left: MARGINS_MM.left * MM_PT, right: MARGINS_MM.right * MM_PT },
    info: { Title: doc.title ?? '', Creator: '议事' },
    bufferPages: true,
  });
  pdf.registerFont('serif', notoFont('NotoSerifCJK-Regular.ttc'), 'NotoSerifCJKsc-Regular');
  pdf.registerFont('sans', notoFont('NotoSansCJK-Regular.ttc'), 'NotoSansCJKsc-Regular');
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolveDone, reject) => {
    pdf.on('end', () => resolveDone(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const gap = LINE_PT - PT.body * 1.2;
  for (const l of linesOf(doc, stage)) {
    switch (l.role) {
      case 'title':
        pdf.font('serif').fontSize(PT.title).text(l.text, { align: 'center' });
        pdf.moveDown(0.3);
        break;
      case 'stage':
      case 'preface':
        pdf.font('serif').fontSize(PT.body).text(l.text, { align: 'center', lineGap: gap });
        break;
      case 'toc-title':
      case 'heading':
        pdf.moveDown(0.3);
        pdf.font('sans').fontSize(PT.body).text(l.text, { align: 'center', lineGap: gap });
        pdf.moveDown(0.2);
        break;
      case 'toc':
        pdf.font('serif').fontSize(PT.body).text(l.text, { indent: PT.body * 2, lineGap: gap });
        break;
      case 'para':
      case 'item':
        if (l.lead) {
          pdf.font('sans').fontSize(PT.body).text(`${l.lead}　`, { indent: PT.body * 2, continued: true, lineGap: gap });
          pdf.font('serif').text(l.text, { align: 'justify', lineGap: gap });
        } else pdf.font('serif').fontSize(PT.body).text(l.text, { indent: PT.body * 2, align: 'justify', lineGap: gap });
        break;
    }
  }
  // Page numbers "— n —": odd pages right, even pages left.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const n = i + 1;
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('serif')
      .fontSize(PT.pageNo)
      .text(`— ${n} —`, pdf.page.margins.left, pdf.page.height - bottom + 20, {
        width: pdf.page.width - pdf.page.margins.left - pdf.page.margins.right,
        align: n % 2 === 1 ? 'right' : 'left',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}
