// The API's view of a parsed text (contracts/legislation.ts ParseResponse): chapters with their
// articles, the articles flat in document order, and findings with both languages.
import type { z } from 'zod';
import type { ParseResponse } from '../../../contracts/legislation.ts';
import {
  type Article,
  type Division,
  type Finding,
  type LegalDoc,
  articleNumValue,
  countsOf,
  divisionsOf,
  walkArticles,
} from './legislation.model.ts';

type ParseView = z.infer<typeof ParseResponse>;

export const findingView = (f: Finding) => ({
  kind: f.kind,
  severity: f.severity,
  message: f.messageZh,
  messageEn: f.messageEn,
  ...(f.line !== undefined ? { line: f.line } : {}),
  ...(f.eId !== undefined ? { eId: f.eId } : {}),
});

export const articleView = (a: Article) => ({
  num: articleNumValue(a.num),
  numText: a.numText,
  eId: a.eId,
  ...(a.heading !== null ? { heading: a.heading } : {}),
  line: a.line,
  paragraphs: a.paragraphs.map((p) => ({
    text: p.text,
    eId: p.eId,
    items: p.items.map((i) => ({
      num: i.num,
      text: i.text,
      eId: i.eId,
      ...(i.subitems.length > 0 ? { subitems: i.subitems.map((s) => ({ num: s.num, text: s.text })) } : {}),
    })),
  })),
});

const chapterView = (d: Division) => ({
  num: d.num,
  numText: d.numText,
  title: d.heading,
  eId: d.eId,
  implicit: d.implicit,
  articles: [...walkArticles(d.children)].map(articleView),
  sections: d.children
    .filter((c): c is Division => c.kind === 'section')
    .map((s) => ({ num: s.num, numText: s.numText, title: s.heading, eId: s.eId, articles: [...walkArticles(s.children)].map((a) => articleNumValue(a.num)) })),
});

export function parseView(doc: LegalDoc, findings: Finding[]): ParseView {
  return {
    ...(doc.title !== null ? { title: doc.title } : {}),
    ...(doc.stageLabel !== null ? { stage: doc.stageLabel } : {}),
    counts: countsOf(doc),
    chapters: divisionsOf(doc, 'chapter').map(chapterView),
    articles: [...walkArticles(doc.body)].map(articleView),
    findings: findings.map(findingView),
  };
}
