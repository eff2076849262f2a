// The work that runs off the event loop (server/offload.ts): parsing and checking legislation texts,
// comparing them, reading DOCX and PDF, and rendering DOCX and PDF files. Each export is one task.
// Inputs and outputs cross the thread boundary by structured cloning, so they are plain data; a
// refusal (DomainError) comes back as data too and is thrown again on the main thread.
import type { MessagePort } from 'node:worker_threads';
import { ParseResponse } from '../contracts/legislation.ts';
import type { GazetteContent } from '../contracts/publication.ts';
import { analyzeText } from './modules/legislation/analyze.rules.ts';
import type { CheckOptions } from './modules/legislation/checks.rules.ts';
import { type CompareOptions, compareDocs } from './modules/legislation/diff.rules.ts';
import { docxToText } from './modules/legislation/docx-import.ts';
import { type ChangeReportForDocx, changeReportToDocx, toDocx, toPdf } from './modules/legislation/export-office.ts';
import type { LegalDoc, Stage } from './modules/legislation/legislation.model.ts';
import { parseView } from './modules/legislation/legislation.view.ts';
import type { ParseOptions } from './modules/legislation/parse.rules.ts';
import { toDocx as gazetteToDocx, toPdf as gazetteToPdf } from './modules/publication/publication.render.ts';
import { DomainError } from './platform/errors.ts';
import { pdfToText } from './platform/pdf-text.ts';

export interface Refusal {
  status: DomainError['status'];
  code: string;
  messageZh: string;
  messageEn: string;
  rule: string | undefined;
  details: unknown;
}
export type Outcome<T> = { ok: T } | { refused: Refusal };

function task<A, R>(fn: (input: A) => R | Promise<R>): (input: A) => Promise<Outcome<R>> {
  return async (input) => {
    try {
      return { ok: await fn(input) };
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return { refused: { status: e.status, code: e.code, messageZh: e.messageZh, messageEn: e.messageEn, rule: e.rule, details: e.details } };
    }
  };
}

/** Parse and check a text (createExpression). */
export const analyze = task((i: { src: string; opts: ParseOptions & CheckOptions }) => analyzeText(i.src, i.opts));

/**
 * parseLegislation's answer as JSON text, checked against its contract here: for a long text the
 * view and its serialization cost as much as the parse, and none of it should fall on the main thread.
 */
export const parseReport = task((i: { src: string; opts: ParseOptions & CheckOptions }) => {
  const { doc, findings } = analyzeText(i.src, i.opts);
  return JSON.stringify(ParseResponse.parse(parseView(doc, findings)));
});

/** Compare two stored trees, given as their JSON text (parsed here, not on the main thread). */
export const compare = task((i: { from: string; to: string; opts: CompareOptions }) => compareDocs(JSON.parse(i.from) as LegalDoc, JSON.parse(i.to) as LegalDoc, i.opts));

export const docxText = task((bytes: Uint8Array) => docxToText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
export const pdfText = task((bytes: Uint8Array) => pdfToText(bytes));

export const legislationDocx = task((i: { doc: LegalDoc; stage: Stage }) => toDocx(i.doc, i.stage));
export const legislationPdf = task((i: { doc: LegalDoc; stage: Stage }) => toPdf(i.doc, i.stage));
export const changeReportDocx = task((r: ChangeReportForDocx) => changeReportToDocx(r));

export const gazetteDocx = task((c: GazetteContent) => gazetteToDocx(c));
/** The gazette's PDF; the fraction done is posted on `progress` as pages are laid out. */
export const gazettePdf = task((i: { content: GazetteContent; progress?: MessagePort }) => {
  const port = i.progress;
  return gazetteToPdf(i.content, port ? (f) => port.postMessage(f) : undefined).finally(() => port?.close());
});
