import type { z } from 'zod';
import type { Comparison, ExportFormat, ParseRequest } from '../../../contracts/legislation.ts';
import type { Actor } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import type { LegislationExpressionTable } from '../../platform/schema.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { analyzeText } from './analyze.rules.ts';
import { compareDocs } from './diff.rules.ts';
import { toAkomaNtoso, toHtml } from './export-markup.rules.ts';
// The office exporters pull in docx and pdfkit; they load on first use, not at start-up.
const office = () => import('./export-office.ts');
import { assertTextSize } from './legislation.commands.ts';
import { type LegalDoc, articlesOf } from './legislation.model.ts';
import { legislationPolicy } from './legislation.policy.ts';
import { findingsOf, listWorkRows, opinionsOfWork, requireExpression, requireWork, toExpressionSummary, toOpinionDto, treeOf } from './legislation.repo.ts';
import { parseView } from './legislation.view.ts';

/** parseLegislation: public, nothing stored. */
export function parseText(input: z.infer<typeof ParseRequest>) {
  assertTextSize(input.text);
  const { doc, findings } = analyzeText(input.text, { format: input.format ?? 'text', explanation: input.explanation ?? null });
  return parseView(doc, findings);
}

/** The public sees published texts; anyone with a role in the congress sees every draft. */
const mayRead = (actor: Actor, congressId: string, e: Pick<LegislationExpressionTable, 'stage'>): boolean =>
  e.stage === 'published' || legislationPolicy.readDrafts(actor, congressId);

async function readableExpression(ctx: Ctx, congressId: string, expressionId: string) {
  const e = await requireExpression(ctx.db, congressId, expressionId);
  // A draft is not disclosed to those who may not read it: it does not exist for them.
  if (!mayRead(ctx.actor, congressId, e)) throw errors.notFound('Expression', '该文本');
  return e;
}

export async function listWorks(ctx: Ctx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const all = legislationPolicy.readDrafts(ctx.actor, c.id);
  const { works, exprs } = await listWorkRows(ctx.db, c.id);
  return works
    .map((w) => ({
      id: w.id,
      title: w.title,
      kind: w.kind,
      note: w.note,
      createdAt: w.created_at,
      billId: w.bill_id,
      expressions: exprs.filter((e) => e.work_id === w.id && (all || e.stage === 'published')).map(toExpressionSummary),
    }))
    .filter((w) => all || w.expressions.length > 0);
}

export async function getExpression(ctx: Ctx, congressId: string, expressionId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const e = await readableExpression(ctx, c.id, expressionId);
  const doc = treeOf(e);
  // Review opinions are internal working records: members and staff see them, the public does not.
  const opinions = legislationPolicy.readDrafts(ctx.actor, c.id) ? await opinionsOfWork(ctx.db, c.id, e.work_id) : [];
  const byWId = new Map<string, string>();
  for (const a of articlesOf(doc)) {
    byWId.set(a.wId, a.eId);
    for (const p of a.paragraphs) {
      byWId.set(p.wId, p.eId);
      for (const i of p.items) byWId.set(i.wId, i.eId);
    }
  }
  return {
    ...toExpressionSummary(e),
    explanation: e.explanation,
    sourceText: e.source_text,
    document: parseView(doc, findingsOf(e)),
    tree: doc as unknown as Record<string, unknown>,
    opinions: opinions.map((o) => ({ ...toOpinionDto(o), currentEId: byWId.get(o.anchor_wid) ?? null })),
  };
}

export async function compareExpressions(ctx: Ctx, congressId: string, fromId: string, toId: string): Promise<z.infer<typeof Comparison>> {
  const c = await requireCongress(ctx.db, congressId);
  const from = await readableExpression(ctx, c.id, fromId);
  const to = await readableExpression(ctx, c.id, toId);
  const sameWork = from.work_id === to.work_id;
  const cmp = compareDocs(treeOf(from), treeOf(to), { byWId: sameWork });
  const opinions = sameWork && legislationPolicy.readDrafts(ctx.actor, c.id) ? await opinionsOfWork(ctx.db, c.id, from.work_id) : [];
  // The Legal Committee's report lists each change with the review opinions behind it.
  const articles = cmp.articles.map((a) => {
    const wId = a.from?.wId ?? a.to?.wId;
    const mine = opinions.filter((o) => o.expression_id === from.id && wId !== undefined && (o.anchor_wid === wId || o.anchor_wid.startsWith(`${wId}__`)));
    return mine.length > 0 ? { ...a, opinions: mine.map(toOpinionDto) } : a;
  });
  return { from: toExpressionSummary(from), to: toExpressionSummary(to), ...cmp, articles };
}

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: Buffer | string;
}

const EXT: Record<z.infer<typeof ExportFormat>, [string, string]> = {
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  pdf: ['application/pdf', 'pdf'],
  html: ['text/html; charset=utf-8', 'html'],
  akn: ['application/akn+xml; charset=utf-8', 'xml'],
};

export async function exportExpression(ctx: Ctx, congressId: string, expressionId: string, format: z.infer<typeof ExportFormat>): Promise<ExportFile> {
  const c = await requireCongress(ctx.db, congressId);
  const e = await readableExpression(ctx, c.id, expressionId);
  const work = await requireWork(ctx.db, c.id, e.work_id);
  const doc: LegalDoc = treeOf(e);
  const [contentType, ext] = EXT[format];
  const fileName = `${(doc.title ?? work.title).replace(/[\\/:*?"<>|]/g, '')}-${e.seq}.${ext}`;
  const meta = { workId: work.id, expressionId: e.id, stage: e.stage, date: e.created_at.slice(0, 10), congressName: c.name, congressSlug: c.slug };
  switch (format) {
    case 'html':
      return { contentType, fileName, body: toHtml(doc, meta) };
    case 'akn':
      return { contentType, fileName, body: toAkomaNtoso(doc, meta) };
    case 'docx':
      return { contentType, fileName, body: await (await office()).toDocx(doc, e.stage) };
    case 'pdf':
      return { contentType, fileName, body: await (await office()).toPdf(doc, e.stage) };
  }
}
