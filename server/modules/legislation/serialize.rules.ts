// A text back from its tree, in the printed layout the parser reads (title, (stage), preface,
// 目录, chapters, articles with 【headings】, items and sub-items on their own lines). Used when the
// drafters revise a draft article by article: the revision is stored like any uploaded text.
import type { BodyNode, LegalDoc } from './legislation.model.ts';

function nodeLines(nodes: readonly BodyNode[], out: string[]): void {
  for (const n of nodes) {
    if (n.kind === 'article') {
      const head = n.heading ? (n.headingPosition === 'before' ? `【${n.heading}】${n.numText}` : `${n.numText}【${n.heading}】`) : n.numText;
      n.paragraphs.forEach((p, k) => {
        out.push(k === 0 ? `${head}　${p.text}` : p.text);
        for (const i of p.items) {
          out.push(`${i.numText}${i.text}`);
          for (const s of i.subitems) out.push(`${s.numText}${s.text}`);
        }
      });
      if (n.paragraphs.length === 0) out.push(head);
      continue;
    }
    if (!n.implicit) out.push('', [n.numText, n.heading].filter(Boolean).join('　'), '');
    nodeLines(n.children, out);
  }
}

export function toPlainText(doc: LegalDoc, stageLabel?: string | null): string {
  const out: string[] = [];
  if (doc.title) out.push(doc.title);
  const label = stageLabel === undefined ? doc.stageLabel : stageLabel;
  if (label) out.push(`（${label}）`);
  for (const l of doc.preface) out.push(l.text);
  if (doc.preamble.length > 0) out.push('', ...doc.preamble.map((l) => l.text));
  out.push('');
  nodeLines(doc.body, out);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
