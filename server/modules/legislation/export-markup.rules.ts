// Pure exports: HTML for reading and printing, and Akoma Ntoso 3.0 XML (OASIS LegalDocML) for
// exchange. Both carry the eIds (and AKN the wIds) so links and anchors survive into the output.
import { type Article, type BodyNode, type Item, type LegalDoc, type Paragraph, STAGE_ZH, type Stage } from './legislation.model.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ExportMeta {
  workId: string;
  expressionId: string;
  stage: Stage;
  /** YYYY-MM-DD of the expression. */
  date: string;
  congressName: string;
  congressSlug: string;
}

// ---------------------------------------------------------------------------------------------
// HTML

function htmlItems(items: Item[]): string {
  if (items.length === 0) return '';
  return `<ol class="items">${items
    .map(
      (i) =>
        `<li id="${esc(i.eId)}"><span class="num">${esc(i.numText)}</span>${esc(i.text)}${
          i.subitems.length > 0 ? `<ol class="subitems">${i.subitems.map((s) => `<li id="${esc(s.eId)}"><span class="num">${esc(s.numText)}</span>${esc(s.text)}</li>`).join('')}</ol>` : ''
        }</li>`,
    )
    .join('')}</ol>`;
}

function htmlParagraph(a: Article, p: Paragraph, first: boolean): string {
  const head = first
    ? `<span class="art-num">${esc(a.numText)}</span>${a.heading ? `<span class="art-heading">【${esc(a.heading)}】</span>` : ''} `
    : '';
  return `<p class="para" id="${esc(p.eId)}">${head}${esc(p.text)}</p>${htmlItems(p.items)}`;
}

function htmlNodes(nodes: BodyNode[], depth: number): string {
  return nodes
    .map((n) => {
      if (n.kind === 'article') {
        const body = n.paragraphs.length > 0 ? n.paragraphs.map((p, k) => htmlParagraph(n, p, k === 0)).join('') : `<p class="para"><span class="art-num">${esc(n.numText)}</span></p>`;
        return `<section class="article" id="${esc(n.eId)}" data-wid="${esc(n.wId)}">${body}</section>`;
      }
      const h = Math.min(depth + 2, 6);
      const title = [n.numText ?? '', n.heading].filter(Boolean).join(' ');
      return `<section class="${n.kind}" id="${esc(n.eId)}">${title ? `<h${h}>${esc(title)}</h${h}>` : ''}${htmlNodes(n.children, depth + 1)}</section>`;
    })
    .join('\n');
}

export function toHtml(doc: LegalDoc, meta: Pick<ExportMeta, 'stage'>): string {
  const title = doc.title ?? '';
  const stage = doc.stageLabel ?? (meta.stage === 'published' ? null : STAGE_ZH[meta.stage]);
  const toc = doc.toc.length > 0 ? `<nav class="toc"><h2>目  录</h2><ol>${doc.toc.map((e) => `<li>${esc([e.numText ?? '', e.heading].filter(Boolean).join(' '))}</li>`).join('')}</ol></nav>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${esc(title)}${stage ? `（${esc(stage)}）` : ''}</title>
<style>
body{font-family:"FangSong","仿宋_GB2312","Noto Serif CJK SC",serif;font-size:16pt;line-height:1.8;max-width:42em;margin:2em auto;padding:0 1em}
h1{font-family:"方正小标宋简体","Noto Serif CJK SC",serif;font-size:22pt;text-align:center;font-weight:normal;margin-bottom:0}
.stage{text-align:center;font-family:"KaiTi","楷体_GB2312","Noto Serif CJK SC",serif}
h2,h3,h4{font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif;font-size:16pt;text-align:center;font-weight:normal}
.para{text-indent:2em;margin:0}
.art-num{font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif}
ol.items,ol.subitems{list-style:none;margin:0;padding:0}
ol.items li{text-indent:2em}
.preface,.preamble{text-align:center}
</style>
</head>
<body>
<article class="legislation">
<h1>${esc(title)}</h1>
${stage ? `<p class="stage">（${esc(stage)}）</p>` : ''}
${doc.preface.map((l) => `<p class="preface">${esc(l.text)}</p>`).join('\n')}
${toc}
${doc.preamble.length > 0 ? `<section class="preamble">${doc.preamble.map((l) => `<p>${esc(l.text)}</p>`).join('')}</section>` : ''}
${htmlNodes(doc.body, 0)}
</article>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// Akoma Ntoso 3.0

const AKN_NS = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';
const ids = (n: { eId: string; wId: string }): string => `eId="${esc(n.eId)}" wId="${esc(n.wId)}"`;

function aknItem(i: Item, ind: string): string {
  if (i.subitems.length === 0) return `${ind}<point ${ids(i)}><num>${esc(i.numText)}</num><content><p>${esc(i.text)}</p></content></point>`;
  const subs = i.subitems.map((s) => `${ind}  <point ${ids(s)}><num>${esc(s.numText)}</num><content><p>${esc(s.text)}</p></content></point>`).join('\n');
  return `${ind}<point ${ids(i)}><num>${esc(i.numText)}</num><intro><p>${esc(i.text)}</p></intro>\n${subs}\n${ind}</point>`;
}

function aknParagraph(p: Paragraph, ind: string): string {
  if (p.items.length === 0) return `${ind}<paragraph ${ids(p)}><content><p>${esc(p.text)}</p></content></paragraph>`;
  const list = `${ind}  <list eId="${esc(p.eId)}__list_1" wId="${esc(p.wId)}__list_1">\n${ind}    <intro><p>${esc(p.text)}</p></intro>\n${p.items.map((i) => aknItem(i, `${ind}    `)).join('\n')}\n${ind}  </list>`;
  return `${ind}<paragraph ${ids(p)}>\n${list}\n${ind}</paragraph>`;
}

function aknNodes(nodes: BodyNode[], ind: string): string {
  return nodes
    .map((n) => {
      if (n.kind === 'article') {
        const head = `<num>${esc(n.numText)}</num>${n.heading ? `<heading>${esc(n.heading)}</heading>` : ''}`;
        const paras = n.paragraphs.length > 0 ? n.paragraphs.map((p) => aknParagraph(p, `${ind}  `)).join('\n') : `${ind}  <content><p/></content>`;
        return `${ind}<article ${ids(n)}>${head}\n${paras}\n${ind}</article>`;
      }
      const tag = n.kind === 'book' ? 'book' : n.kind;
      const head = `${n.numText ? `<num>${esc(n.numText)}</num>` : ''}${n.heading ? `<heading>${esc(n.heading)}</heading>` : ''}`;
      return `${ind}<${tag} ${ids(n)}>${head}\n${aknNodes(n.children, `${ind}  `)}\n${ind}</${tag}>`;
    })
    .join('\n');
}

export function toAkomaNtoso(doc: LegalDoc, meta: ExportMeta): string {
  const type = meta.stage === 'published' || meta.stage === 'amendment' ? 'act' : 'bill';
  const work = `/akn/cn-${meta.congressSlug}/${type}/${meta.date}/${meta.workId}`;
  const expr = `${work}/zho@${meta.date}`;
  const name = type === 'act' ? 'regulation' : 'draft';
  const title = doc.title ?? '';
  const stage = doc.stageLabel ?? STAGE_ZH[meta.stage];
  const preface = [
    `      <longTitle eId="longTitle"><p><docTitle>${esc(title)}</docTitle></p></longTitle>`,
    type === 'bill' ? `      <p><docStage>${esc(stage)}</docStage></p>` : '',
    ...doc.preface.map((l) => `      <p>${esc(l.text)}</p>`),
  ].filter(Boolean);
  const preamble = doc.preamble.length > 0 ? `    <preamble>\n${doc.preamble.map((l) => `      <p>${esc(l.text)}</p>`).join('\n')}\n    </preamble>\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${AKN_NS}">
  <${type} name="${name}">
    <meta>
      <identification source="#yishi">
        <FRBRWork>
          <FRBRthis value="${esc(work)}/!main"/>
          <FRBRuri value="${esc(work)}"/>
          <FRBRdate date="${meta.date}" name="Generation"/>
          <FRBRauthor href="#congress"/>
          <FRBRcountry value="cn"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="${esc(expr)}/!main"/>
          <FRBRuri value="${esc(expr)}"/>
          <FRBRdate date="${meta.date}" name="Generation"/>
          <FRBRauthor href="#congress"/>
          <FRBRlanguage language="zho"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="${esc(expr)}/!main.xml"/>
          <FRBRuri value="${esc(expr)}.akn"/>
          <FRBRdate date="${meta.date}" name="Generation"/>
          <FRBRauthor href="#yishi"/>
        </FRBRManifestation>
      </identification>
      <references source="#yishi">
        <TLCOrganization eId="congress" href="/ontology/organization/cn/${esc(meta.congressSlug)}" showAs="${esc(meta.congressName)}"/>
        <TLCOrganization eId="yishi" href="/ontology/organization/yishi" showAs="议事"/>
      </references>
    </meta>
    <preface>
${preface.join('\n')}
    </preface>
${preamble}    <body>
${aknNodes(doc.body, '      ')}
    </body>
  </${type}>
</akomaNtoso>
`;
}
