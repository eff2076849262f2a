import type { z } from 'zod';
import type { AddReviewOpinion, CreateExpression, CreateWork, DecideReviewOpinion, ReviseExpression } from '../../../contracts/legislation.ts';
import { MAX_TEXT_CHARS } from '../../../contracts/legislation.ts';
import { authorize } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { offload } from '../../offload.ts';
import { carryWIds } from './diff.rules.ts';
import { type LegalDoc, articlesOf, citeOf, cloneDoc, countsOf, findNode } from './legislation.model.ts';
import { toPlainText } from './serialize.rules.ts';
import { legislationPolicy } from './legislation.policy.ts';
import {
  inLegalBody,
  latestExpression,
  lockOpinion,
  lockWork,
  requireBodyOf,
  requireExpression,
  requireOpinion,
  requireWork,
  toExpressionSummary,
  toOpinionDto,
  treeOf,
} from './legislation.repo.ts';
import { findingView } from './legislation.view.ts';

const personOf = (ctx: Ctx): string | null => (ctx.actor.kind === 'user' ? ctx.actor.personId : null);
const userOf = (ctx: Ctx): string | null => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

export function assertTextSize(text: string): void {
  if (text.length > MAX_TEXT_CHARS) {
    throw new DomainError(
      413,
      'TEXT_TOO_LARGE',
      `文本过长（${text.length}字，上限${MAX_TEXT_CHARS}字）`,
      `The text is too long (${text.length} characters; the limit is ${MAX_TEXT_CHARS})`,
    );
  }
}

const notLatest = () => errors.conflict('NOT_LATEST', '只能在最新文本上修改，请先打开最新版本', 'Only the latest text can be revised; open the latest version first', 'L-7');

export async function createWork(ctx: Ctx, congressId: string, input: z.infer<typeof CreateWork>) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, legislationPolicy.write(ctx.actor, c.id, await inLegalBody(ctx.db, c.id, personOf(ctx))));
  return runCommand(ctx, async (tx, rec) => {
    const row = { id: newId(), congress_id: c.id, title: input.title, kind: input.kind ?? 'regulation', note: input.note ?? null, created_at: nowIso(), created_by: userOf(ctx) };
    await tx.insertInto('legislation_works').values(row).execute();
    rec.audit({ congressId: c.id, action: 'legislation.work.created', targetType: 'legislation_work', targetId: row.id, data: { after: input } });
    rec.emit({ topic: 'legislation', congressId: c.id, id: row.id });
    return { id: row.id, title: row.title, kind: row.kind, note: row.note, createdAt: row.created_at, billId: null, expressions: [] };
  });
}

/** The source text of an upload: text and Markdown as given, DOCX through mammoth. */
async function sourceText(input: z.infer<typeof CreateExpression>): Promise<string> {
  if (input.format === 'docx') {
    if (!input.contentBase64) throw errors.invalid('FILE_REQUIRED', '请上传DOCX文件', 'Upload the DOCX file (contentBase64 or a multipart file part)');
    if (input.contentBase64.length > 8 * 1024 * 1024) throw new DomainError(413, 'DOCX_TOO_LARGE', 'DOCX文件过大', 'The DOCX file is too large');
    return offload('docxText', Buffer.from(input.contentBase64, 'base64')); // mammoth, on the worker pool
  }
  if (input.text === undefined) throw errors.invalid('TEXT_REQUIRED', '请提供文本', 'Provide the text');
  return input.text;
}

/** A new expression of a work; `basedOn`, for a revision, is the expression it was made on, which must still be the latest. */
export async function createExpression(ctx: Ctx, congressId: string, workId: string, input: z.infer<typeof CreateExpression>, basedOn?: string) {
  const c = await requireCongress(ctx.db, congressId);
  const work = await requireWork(ctx.db, c.id, workId);
  authorize(ctx.actor, c.id, legislationPolicy.write(ctx.actor, c.id, await inLegalBody(ctx.db, c.id, personOf(ctx))));
  // Everything that can fail on the input fails here, before the transaction: nothing half-saved.
  const text = await sourceText(input);
  assertTextSize(text);
  const { doc, findings } = await offload('analyze', { src: text, opts: { format: input.format === 'markdown' ? 'markdown' : 'text', explanation: input.explanation ?? null } });
  const counts = countsOf(doc);
  if (counts.articles === 0) {
    throw errors.invalid('NOT_LEGISLATION', '文本中没有找到任何条文（第X条），不是法规文本', 'No articles (第X条) were found: the text is not a regulation', undefined, {
      findings: findings.map(findingView),
    });
  }
  return runCommand(ctx, async (tx, rec) => {
    await lockWork(tx, c.id, work.id);
    const prev = await latestExpression(tx, c.id, work.id);
    if (basedOn !== undefined && prev?.id !== basedOn) throw notLatest();
    const seq = (prev?.seq ?? 0) + 1;
    if (prev) carryWIds(treeOf(prev), doc, seq);
    const row = {
      id: newId(),
      congress_id: c.id,
      work_id: work.id,
      seq,
      stage: input.stage,
      label: input.label ?? doc.stageLabel,
      title: doc.title ?? work.title,
      source_format: input.format,
      source_name: input.fileName ?? null,
      source_text: text,
      explanation: input.explanation ?? null,
      tree: JSON.stringify(doc),
      findings: JSON.stringify(findings),
      counts: JSON.stringify(counts),
      created_at: nowIso(),
      created_by: userOf(ctx),
    };
    await tx.insertInto('legislation_expressions').values(row).execute();
    rec.audit({
      congressId: c.id,
      action: 'legislation.expression.created',
      targetType: 'legislation_expression',
      targetId: row.id,
      data: { workId: work.id, seq, stage: row.stage, format: row.source_format, counts, findings: findings.length },
    });
    rec.emit({ topic: 'legislation', congressId: c.id, id: work.id });
    return toExpressionSummary(row);
  });
}

export async function addReviewOpinion(ctx: Ctx, congressId: string, expressionId: string, input: z.infer<typeof AddReviewOpinion>) {
  const c = await requireCongress(ctx.db, congressId);
  const expr = await requireExpression(ctx.db, c.id, expressionId);
  authorize(ctx.actor, c.id, legislationPolicy.opine(ctx.actor, c.id, await inLegalBody(ctx.db, c.id, personOf(ctx))));
  const doc = treeOf(expr);
  const hit = findNode(doc, input.anchorEId);
  if (!hit || hit.node.kind === 'subitem' || hit.node.kind === 'book' || hit.node.kind === 'section') {
    throw errors.invalid('ANCHOR_NOT_FOUND', `文本中没有可挂接意见的条、款、项：${input.anchorEId}`, `No article, paragraph or item ${input.anchorEId} in this text`);
  }
  const body = input.bodyId ? await requireBodyOf(ctx.db, c.id, input.bodyId) : null;
  const bodyName = body?.name ?? input.bodyName;
  if (!bodyName) throw errors.invalid('BODY_REQUIRED', '请注明提出意见的机构', 'Name the body that gives the opinion (bodyId or bodyName)');
  return runCommand(ctx, async (tx, rec) => {
    const row = {
      id: newId(),
      congress_id: c.id,
      work_id: expr.work_id,
      expression_id: expr.id,
      anchor_eid: hit.node.eId,
      anchor_wid: hit.node.wId,
      anchor_cite: citeOf(doc, hit.node.eId) ?? hit.node.eId,
      body_id: body?.id ?? null,
      body_name: bodyName,
      text: input.text,
      status: 'pending' as const,
      reason: null,
      created_at: nowIso(),
      created_by: userOf(ctx),
      decided_at: null,
      decided_by: null,
    };
    await tx.insertInto('legislation_review_opinions').values(row).execute();
    rec.audit({ congressId: c.id, action: 'legislation.opinion.added', targetType: 'legislation_review_opinion', targetId: row.id, data: { after: input, anchor: row.anchor_cite } });
    rec.emit({ topic: 'legislation', congressId: c.id, id: expr.work_id });
    return { ...toOpinionDto(row), currentEId: row.anchor_eid };
  });
}

export async function decideReviewOpinion(ctx: Ctx, congressId: string, opinionId: string, input: z.infer<typeof DecideReviewOpinion>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireOpinion(ctx.db, c.id, opinionId);
  authorize(ctx.actor, c.id, legislationPolicy.write(ctx.actor, c.id, await inLegalBody(ctx.db, c.id, personOf(ctx))));
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (input.status === 'not_adopted' && !reason) {
    throw errors.invalid('REASON_REQUIRED', '不予采纳的审议意见须说明理由', 'An opinion that is not adopted needs the reason');
  }
  return runCommand(ctx, async (tx, rec) => {
    const before = await lockOpinion(tx, c.id, found.id);
    const patch = { status: input.status, reason, decided_at: nowIso(), decided_by: userOf(ctx) };
    await tx.updateTable('legislation_review_opinions').set(patch).where('congress_id', '=', c.id).where('id', '=', before.id).execute();
    rec.audit({
      congressId: c.id,
      action: 'legislation.opinion.decided',
      targetType: 'legislation_review_opinion',
      targetId: before.id,
      data: { before: { status: before.status, reason: before.reason }, after: { status: patch.status, reason } },
    });
    rec.emit({ topic: 'legislation', congressId: c.id, id: before.work_id });
    return toOpinionDto({ ...before, ...patch });
  });
}

/**
 * The drafter's structured edit of the latest expression: insert, delete, move or rewrite an
 * article. Numbers are recomputed and internal references rewritten (edit.rules.ts); the result is
 * stored as the next expression (草案修改稿), so versions compare article by article and review
 * opinions follow their articles by wId.
 */
export async function reviseExpression(ctx: Ctx, congressId: string, expressionId: string, input: z.infer<typeof ReviseExpression>) {
  const c = await requireCongress(ctx.db, congressId);
  const expr = await requireExpression(ctx.db, c.id, expressionId);
  authorize(ctx.actor, c.id, legislationPolicy.write(ctx.actor, c.id, await inLegalBody(ctx.db, c.id, personOf(ctx))));
  // Refused early here; createExpression checks it again in its transaction, against a revision made meanwhile.
  const latest = await latestExpression(ctx.db, c.id, expr.work_id);
  if (latest?.id !== expr.id) throw notLatest();
  const doc = treeOf(expr);
  const article = (eId: string) => {
    const hit = findNode(doc, eId);
    if (hit?.node.kind !== 'article') throw errors.invalid('ARTICLE_NOT_FOUND', `文本中没有该条：${eId}`, `No article ${eId} in this text`, 'L-7');
    return hit.node;
  };
  const edit = await import('./edit.rules.ts');
  let result: { doc: LegalDoc; renumbered: { from: string; to: string }[]; rewritten: { eId: string; before: string; after: string }[] };
  switch (input.op) {
    case 'insert':
      if (input.afterEId !== null) article(input.afterEId);
      result = edit.insertArticle(doc, input.afterEId, { heading: input.heading ?? null, paragraphs: input.paragraphs }, input.mode ?? 'renumber');
      break;
    case 'delete':
      article(input.eId);
      if (articlesOf(doc).length <= 1) throw errors.invalid('LAST_ARTICLE', '不能删除唯一的一条', 'The only article cannot be deleted', 'L-7');
      result = edit.deleteArticle(doc, input.eId, input.mode ?? 'renumber');
      break;
    case 'move':
      article(input.eId);
      if (input.afterEId !== null) article(input.afterEId);
      if (input.afterEId === null && input.divisionEId && findNode(doc, input.divisionEId)?.article !== null) {
        throw errors.invalid('DIVISION_NOT_FOUND', `文本中没有该章节：${input.divisionEId}`, `No chapter or section ${input.divisionEId} in this text`, 'L-7');
      }
      if (input.afterEId === input.eId) throw errors.invalid('MOVE_ONTO_ITSELF', '不能移到本条自身之后', 'An article cannot be moved after itself', 'L-7');
      result = edit.moveArticle(doc, input.eId, input.afterEId, input.afterEId === null ? (input.divisionEId ?? null) : null);
      const order = articlesOf(doc).map((a) => a.wId);
      if (articlesOf(result.doc).every((a, k) => a.wId === order[k])) {
        throw errors.invalid('MOVE_NO_CHANGE', '该条已在此位置，无需移动', 'The article is already there; nothing to move', 'L-7');
      }
      break;
    case 'replace': {
      article(input.eId);
      const copy = cloneDoc(doc);
      const a = articlesOf(copy).find((x) => x.eId === input.eId);
      if (a) {
        a.heading = input.heading === undefined ? a.heading : input.heading;
        if (a.heading && !a.headingPosition) a.headingPosition = articlesOf(copy).find((x) => x.headingPosition)?.headingPosition ?? 'after';
        a.paragraphs = input.paragraphs.map((text, k) => ({ kind: 'paragraph', eId: '', wId: '', num: k + 1, text, line: 0, items: [] }));
      }
      result = { doc: copy, renumbered: [], rewritten: [] };
      break;
    }
  }
  const label = doc.stageLabel?.startsWith('草案') ? '草案修改稿' : doc.stageLabel;
  const text = toPlainText(result.doc, label);
  const stage = expr.stage === 'draft' || expr.stage === 'revised_draft' ? 'revised_draft' : expr.stage;
  const summary = await createExpression(ctx, c.id, expr.work_id, { stage, label, format: 'text', text, ...(expr.source_name ? { fileName: expr.source_name } : {}), explanation: expr.explanation }, expr.id);
  return { expression: summary, renumbered: result.renumbered, rewritten: result.rewritten };
}
