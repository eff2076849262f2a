import type { z } from 'zod';
import type { ChangeReport, Comparison, ExportFormat, ParseRequest, WorkHistory } from '../../../contracts/legislation.ts';
import type { Actor } from '../../platform/access.ts';
import type { Ctx } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import type { LegislationExpressionTable } from '../../platform/schema.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { asBuffer, offload } from '../../offload.ts';
import type { Comparison as DocComparison } from './diff.rules.ts';
import { toAkomaNtoso, toHtml } from './export-markup.rules.ts';
import { assertTextSize } from './legislation.commands.ts';
import { type LegalDoc, articlesOf } from './legislation.model.ts';
import { legislationPolicy } from './legislation.policy.ts';
import { expressionAuthors, findingsOf, listWorkRows, opinionsOfWork, requireExpression, requireWork, toExpressionSummary, toOpinionDto, treeOf, userNames } from './legislation.repo.ts';
import { parseView } from './legislation.view.ts';

/** parseLegislation: nothing stored. The answer (ParseResponse) comes back from the worker pool as JSON text. */
export async function parseText(input: z.infer<typeof ParseRequest>): Promise<string> {
  assertTextSize(input.text);
  return offload('parseReport', { src: input.text, opts: { format: input.format ?? 'text', explanation: input.explanation ?? null } });
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
      passed: w.passed_expression_id && w.passed_on ? { expressionId: w.passed_expression_id, on: w.passed_on, meetingId: w.passed_meeting_id } : null,
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
  const cmp = await offload('compare', { from: from.tree, to: to.tree, opts: { byWId: sameWork } });
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
      return { contentType, fileName, body: asBuffer(await offload('legislationDocx', { doc, stage: e.stage })) };
    case 'pdf':
      return { contentType, fileName, body: asBuffer(await offload('legislationPdf', { doc, stage: e.stage })) };
  }
}

/**
 * Who changed what (L-7): every version of a work in order, with who made it and when (the audit
 * entry of its creation) and the articles changed, inserted, deleted or moved from the version
 * before (compared by stable wId). Drafts are internal: only those who read drafts see the history.
 */
export async function workHistory(ctx: Ctx, congressId: string, workId: string): Promise<z.infer<typeof WorkHistory>> {
  const c = await requireCongress(ctx.db, congressId);
  const work = await requireWork(ctx.db, c.id, workId);
  if (!legislationPolicy.readDrafts(ctx.actor, c.id)) throw errors.notFound('Work', '该法规');
  const rows = await ctx.db.selectFrom('legislation_expressions').selectAll().where('congress_id', '=', c.id).where('work_id', '=', work.id).orderBy('seq').execute();
  const authors = await expressionAuthors(ctx.db, c.id, rows.map((r) => r.id));
  const names = await userNames(ctx.db, [...new Set(rows.map((r) => r.created_by).filter((x): x is string => x !== null))]);
  // Each version against the one before, compared on the worker pool one pair at a time (a long
  // history takes one place in the queue, not one per version).
  const cmps: (DocComparison | null)[] = [];
  let before: string | null = null;
  for (const e of rows) {
    cmps.push(before === null ? null : await offload('compare', { from: before, to: e.tree, opts: { byWId: true } }));
    before = e.tree;
  }
  return rows.map((e, k) => {
    const prev = k > 0 ? rows[k - 1] : undefined;
    const audit = authors.get(e.id);
    const entry = {
      expression: toExpressionSummary(e),
      author: audit?.name ?? (e.created_by ? (names.get(e.created_by) ?? null) : null),
      at: audit?.at ?? e.created_at,
      previousId: prev?.id ?? null,
      changes: [] as { status: 'changed' | 'inserted' | 'deleted'; moved: boolean; from: string | null; to: string | null; heading: string | null }[],
      moved: 0,
      renumbered: 0,
    };
    const cmp = cmps[k];
    if (!prev || !cmp) return entry;
    for (const a of cmp.articles) {
      if (a.status === 'unchanged' && !a.moved && !a.headingChanged) continue;
      entry.changes.push({ status: a.status === 'unchanged' ? 'changed' : a.status, moved: a.moved, from: a.from?.numText ?? null, to: a.to?.numText ?? null, heading: a.to?.heading ?? a.from?.heading ?? null });
    }
    return { ...entry, moved: cmp.summary.moved, renumbered: cmp.summary.renumbered };
  });
}

/**
 * The Legal Committee's report (L-5): between two expressions of a work, each changed article with
 * the review opinions anchored to it (on any version from the older up to, not including, the newer
 * one) and their status — adopted, or not adopted with the reason — and the articles left unchanged
 * although opinions were given on them.
 */
export async function changeReport(ctx: Ctx, congressId: string, fromId: string, toId: string): Promise<z.infer<typeof ChangeReport>> {
  const c = await requireCongress(ctx.db, congressId);
  if (!legislationPolicy.readDrafts(ctx.actor, c.id)) throw errors.notFound('Expression', '该文本');
  const from = await readableExpression(ctx, c.id, fromId);
  const to = await readableExpression(ctx, c.id, toId);
  if (from.work_id !== to.work_id || from.seq >= to.seq) {
    throw errors.invalid('NOT_LATER_VERSION', '请选择同一法规的较早文本和较晚文本', 'Choose an earlier and a later text of the same work', 'L-5');
  }
  const cmp = await offload('compare', { from: from.tree, to: to.tree, opts: { byWId: true } });
  const seqOf = new Map((await ctx.db.selectFrom('legislation_expressions').select(['id', 'seq']).where('congress_id', '=', c.id).where('work_id', '=', from.work_id).execute()).map((r) => [r.id, r.seq]));
  const opinions = (await opinionsOfWork(ctx.db, c.id, from.work_id)).filter((o) => {
    const seq = seqOf.get(o.expression_id) ?? -1;
    return seq >= from.seq && seq < to.seq;
  });
  const changes: z.infer<typeof ChangeReport>['changes'] = [];
  const unchangedWithOpinions: z.infer<typeof ChangeReport>['changes'] = [];
  for (const a of cmp.articles) {
    const wId = a.from?.wId ?? a.to?.wId;
    const mine = opinions.filter((o) => wId !== undefined && (o.anchor_wid === wId || o.anchor_wid.startsWith(`${wId}__`)));
    const entry = { status: a.status, moved: a.moved, renumbered: a.renumbered, from: a.from?.numText ?? null, to: a.to?.numText ?? null, heading: a.to?.heading ?? a.from?.heading ?? null, opinions: mine.map(toOpinionDto) };
    if (a.status !== 'unchanged' || a.moved || a.headingChanged) changes.push(entry);
    else if (mine.length > 0) unchangedWithOpinions.push(entry);
  }
  return { from: toExpressionSummary(from), to: toExpressionSummary(to), changes, unchangedWithOpinions };
}

export async function exportChangeReport(ctx: Ctx, congressId: string, fromId: string, toId: string): Promise<{ fileName: string; body: Buffer }> {
  const r = await changeReport(ctx, congressId, fromId, toId);
  const label = (e: { label: string | null; stageZh: string }) => e.label ?? e.stageZh;
  const body = await offload('changeReportDocx', { title: r.to.title, fromLabel: label(r.from), toLabel: label(r.to), changes: r.changes, unchangedWithOpinions: r.unchangedWithOpinions });
  return { fileName: `${r.to.title}修改情况.docx`, body: asBuffer(body) };
}
