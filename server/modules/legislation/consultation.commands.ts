// Public consultation (征求意见) writes, and the link from a work to its bill: scoped lookup (404) →
// policy (403) → rules → runCommand (one transaction, audit entry, change event after commit).
import type { z } from 'zod';
import type { LinkBill, MarkRepresentative, ModerateComment, OpenConsultation, ReplyComment, SubmitComment } from '../../../contracts/legislation-consultation.ts';
import { authorize } from '../../platform/access.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { isValidPhone, maskName, normalizePhone } from '../../platform/crypto/mask.ts';
import { errors } from '../../platform/errors.ts';
import { findBill } from '../bills/bills.repo.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { commentRows, lockComment, lockConsultation, openConsultationOf, recentCommentCounts, requireComment, requireConsultation, toConsultationSummary, toStaffComment } from './consultation.repo.ts';
import { consumePhoneCode, verificationRequired } from '../opinions/opinions.phone.ts';
import { abuseHit, assertOpen, checkPeriod, checkSpan, checkThrottle, consultationState, moderationReason } from './consultation.rules.ts';
import { citeOf, findNode } from './legislation.model.ts';
import { legislationPolicy } from './legislation.policy.ts';
import { inLegalBody, lockWork, requireExpression, requireWork, treeOf } from './legislation.repo.ts';

const personOf = (ctx: Ctx): string | null => (ctx.actor.kind === 'user' ? ctx.actor.personId : null);
const userOf = (ctx: Ctx): string | null => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

async function authorizeWriter(ctx: Ctx, congressId: string): Promise<void> {
  authorize(ctx.actor, congressId, legislationPolicy.write(ctx.actor, congressId, await inLegalBody(ctx.db, congressId, personOf(ctx))));
}

/** Publishes an expression for public comment over a period of local dates. */
export async function openConsultation(ctx: Ctx, congressId: string, expressionId: string, input: z.infer<typeof OpenConsultation>) {
  const c = await requireCongress(ctx.db, congressId);
  const today = localDateOf(new Date());
  const expr = await requireExpression(ctx.db, c.id, expressionId);
  await authorizeWriter(ctx, c.id);
  // C-2: a draft is consulted on; the text in force is not.
  if (expr.stage === 'published' || expr.stage === 'amendment') {
    throw errors.conflict('NOT_A_DRAFT', '只有草案可以公开征求意见', 'Only a draft can be put out for public comment', 'C-2');
  }
  checkPeriod(today, input.opensOn, input.closesOn);
  const title = input.title ?? `关于《${expr.title}》公开征求意见`;
  return runCommand(ctx, async (tx, rec) => {
    // The work is locked: two consultations on one draft opened at once would both find none open.
    await lockWork(tx, c.id, expr.work_id);
    if (await openConsultationOf(tx, c.id, expr.id, today)) {
      throw errors.conflict('CONSULTATION_EXISTS', '该草案已在征求意见中', 'This draft is already out for public comment', 'C-2');
    }
    const row = {
      id: newId(),
      congress_id: c.id,
      work_id: expr.work_id,
      expression_id: expr.id,
      title,
      note: input.note ?? null,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      closed_at: null,
      created_at: nowIso(),
      created_by: userOf(ctx),
    };
    await tx.insertInto('legislation_consultations').values(row).execute();
    rec.audit({ congressId: c.id, action: 'legislation.consultation.opened', targetType: 'legislation_consultation', targetId: row.id, data: { after: input, expressionId: expr.id } });
    rec.emit({ topic: 'legislation', congressId: c.id, id: expr.work_id });
    return toConsultationSummary(row, today, 0);
  });
}

/** Ends the consultation before its closing day (it also ends on its own after that day). */
export async function closeConsultation(ctx: Ctx, congressId: string, consultationId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireConsultation(ctx.db, c.id, consultationId);
  await authorizeWriter(ctx, c.id);
  const today = localDateOf(new Date());
  return runCommand(ctx, async (tx, rec) => {
    const k = await lockConsultation(tx, c.id, found.id);
    if (consultationState(today, k.opens_on, k.closes_on, k.closed_at) === 'closed') {
      throw errors.conflict('CONSULTATION_CLOSED', '征求意见已经结束', 'The consultation is already closed', 'C-1');
    }
    const at = nowIso();
    await tx.updateTable('legislation_consultations').set({ closed_at: at }).where('congress_id', '=', c.id).where('id', '=', k.id).execute();
    rec.audit({ congressId: c.id, action: 'legislation.consultation.closed', targetType: 'legislation_consultation', targetId: k.id, data: { closedAt: at } });
    rec.emit({ topic: 'legislation', congressId: c.id, id: k.work_id });
    const n = (await commentRows(tx, c.id, k.id, false)).length;
    return toConsultationSummary({ ...k, closed_at: at }, today, n);
  });
}

/**
 * A citizen's comment on an article (or a paragraph or item, or a span of words in one) while the
 * consultation is open. No account: a name (shown masked) and a valid phone number; when the
 * congress requires phone verification (the opinions intake setting), the phone's one-time code too
 * (PV-1, through the opinions module's phone adapter). The phone number and the network address are
 * kept only as keyed hashes, for throttling (C-4). A comment that hits the abuse list (C-5) is kept
 * hidden for the moderators.
 */
export async function submitComment(ctx: PiiCtx, congressId: string, consultationId: string, input: z.infer<typeof SubmitComment>) {
  const c = await requireCongress(ctx.db, congressId);
  const k = await requireConsultation(ctx.db, c.id, consultationId);
  const now = nowIso();
  const today = localDateOf(now);
  const state = consultationState(today, k.opens_on, k.closes_on, k.closed_at);
  // An upcoming consultation is not public yet: it does not exist for the public.
  if (state === 'upcoming' && !legislationPolicy.readDrafts(ctx.actor, c.id)) throw errors.notFound('Consultation', '该征求意见');
  assertOpen(state);
  const phone = normalizePhone(input.phone);
  if (!isValidPhone(phone)) throw errors.invalid('INVALID_PHONE', '请填写正确的手机号码或带区号的固定电话', 'Enter a valid mobile or landline number');
  const expr = await ctx.db.selectFrom('legislation_expressions').select(['id', 'tree']).where('congress_id', '=', c.id).where('id', '=', k.expression_id).executeTakeFirstOrThrow();
  const doc = treeOf(expr);
  const hit = findNode(doc, input.anchorEId);
  if (!hit?.article || hit.node.kind === 'subitem') {
    throw errors.invalid('ANCHOR_NOT_FOUND', `草案中没有可发表意见的条、款、项：${input.anchorEId}`, `No article, paragraph or item ${input.anchorEId} in this draft`);
  }
  const node = hit.node;
  if (input.span) {
    // C-7: a span is selected within the words of one paragraph or item.
    if (node.kind !== 'paragraph' && node.kind !== 'item') {
      throw errors.invalid('SPAN_NEEDS_TEXT', '请在某一款或某一项的文字中选择', 'Select the words within one paragraph or item', 'C-7');
    }
    checkSpan(node.text, input.span.start, input.span.end, input.span.quote);
  }
  const phoneIndex = ctx.fc.blindIndex('phone', phone);
  const sourceIndex = ctx.fc.blindIndex('ip', ctx.actor.ip ?? 'unknown');
  // The day starts at local midnight (UTC+8); the hour is the last 60 minutes.
  const dayStart = new Date(Date.parse(`${today}T00:00:00+08:00`)).toISOString();
  const hourStart = new Date(Date.parse(now) - 3_600_000).toISOString();
  const recent = await recentCommentCounts(ctx.db, c.id, phoneIndex, sourceIndex, dayStart, hourStart);
  checkThrottle(recent.phone, recent.source);
  // PV-1: the code is used up before the comment is stored; a wrong code counts an attempt.
  if (await verificationRequired(ctx, c.id)) await consumePhoneCode(ctx, c.id, phoneIndex, input.verificationCode);
  const abuse = abuseHit(input.text);
  return runCommand(ctx, async (tx, rec) => {
    // Still open as the transaction sees it (a close committed meanwhile refuses the comment).
    const current = await lockConsultation(tx, c.id, k.id);
    assertOpen(consultationState(localDateOf(nowIso()), current.opens_on, current.closes_on, current.closed_at));
    const row = {
      id: newId(),
      congress_id: c.id,
      consultation_id: k.id,
      anchor_eid: hit.node.eId,
      anchor_wid: hit.node.wId,
      article_eid: hit.article?.eId ?? hit.node.eId,
      anchor_cite: citeOf(doc, hit.node.eId) ?? hit.node.eId,
      display_name: maskName(input.name),
      phone_index: phoneIndex,
      source_index: sourceIndex,
      text: input.text,
      status: abuse ? ('hidden' as const) : ('published' as const),
      hidden_reason: abuse ? `自动屏蔽：命中禁用词“${abuse}”` : null,
      moderated_at: null,
      moderated_by: null,
      reply: null,
      replied_at: null,
      replied_by: null,
      created_at: now,
      span_start: input.span?.start ?? null,
      span_end: input.span?.end ?? null,
      span_text: input.span?.quote ?? null,
      representative: 0,
    };
    await tx.insertInto('legislation_comments').values(row).execute();
    // The audit names the anchor and the outcome, never the phone number.
    rec.audit({ congressId: c.id, action: 'legislation.comment.submitted', targetType: 'legislation_comment', targetId: row.id, data: { consultationId: k.id, anchor: row.anchor_cite, span: input.span ? [input.span.start, input.span.end] : null, status: row.status } });
    rec.emit({ topic: 'legislation', congressId: c.id, id: k.work_id });
    return { id: row.id, anchorCite: row.anchor_cite, status: row.status };
  });
}

export async function moderateComment(ctx: Ctx, congressId: string, commentId: string, input: z.infer<typeof ModerateComment>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireComment(ctx.db, c.id, commentId);
  await authorizeWriter(ctx, c.id);
  const reason = moderationReason(input.action, input.reason);
  return runCommand(ctx, async (tx, rec) => {
    const before = await lockComment(tx, c.id, found.id);
    const patch = { status: input.action === 'hide' ? ('hidden' as const) : ('published' as const), hidden_reason: reason, moderated_at: nowIso(), moderated_by: userOf(ctx) };
    await tx.updateTable('legislation_comments').set(patch).where('congress_id', '=', c.id).where('id', '=', before.id).execute();
    rec.audit({
      congressId: c.id,
      action: 'legislation.comment.moderated',
      targetType: 'legislation_comment',
      targetId: before.id,
      data: { before: { status: before.status, reason: before.hidden_reason }, after: { status: patch.status, reason } },
    });
    rec.emit({ topic: 'legislation', congressId: c.id, id: before.consultation_id });
    return toStaffComment({ ...before, ...patch });
  });
}

/** The drafters answer a comment; the answer is public with the comment. */
export async function replyToComment(ctx: Ctx, congressId: string, commentId: string, input: z.infer<typeof ReplyComment>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireComment(ctx.db, c.id, commentId);
  await authorizeWriter(ctx, c.id);
  return runCommand(ctx, async (tx, rec) => {
    const before = await lockComment(tx, c.id, found.id);
    const patch = { reply: input.text, replied_at: nowIso(), replied_by: userOf(ctx) };
    await tx.updateTable('legislation_comments').set(patch).where('congress_id', '=', c.id).where('id', '=', before.id).execute();
    rec.audit({ congressId: c.id, action: 'legislation.comment.replied', targetType: 'legislation_comment', targetId: before.id, data: { before: { reply: before.reply }, after: { reply: input.text } } });
    rec.emit({ topic: 'legislation', congressId: c.id, id: before.consultation_id });
    return toStaffComment({ ...before, ...patch });
  });
}

/** The drafters mark a comment as representative of its article for the summary to the committee (or unmark it). */
export async function markRepresentative(ctx: Ctx, congressId: string, commentId: string, input: z.infer<typeof MarkRepresentative>) {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireComment(ctx.db, c.id, commentId);
  await authorizeWriter(ctx, c.id);
  return runCommand(ctx, async (tx, rec) => {
    const before = await lockComment(tx, c.id, found.id);
    const representative = input.representative ? 1 : 0;
    await tx.updateTable('legislation_comments').set({ representative }).where('congress_id', '=', c.id).where('id', '=', before.id).execute();
    rec.audit({
      congressId: c.id,
      action: 'legislation.comment.representative',
      targetType: 'legislation_comment',
      targetId: before.id,
      data: { before: { representative: before.representative === 1 }, after: { representative: input.representative } },
    });
    rec.emit({ topic: 'legislation', congressId: c.id, id: before.consultation_id });
    return toStaffComment({ ...before, representative });
  });
}

/** Links a work to the regulation bill it belongs to (or unlinks it); the bill must be this congress's. */
export async function linkWorkToBill(ctx: Ctx, congressId: string, workId: string, input: z.infer<typeof LinkBill>) {
  const c = await requireCongress(ctx.db, congressId);
  const work = await requireWork(ctx.db, c.id, workId);
  await authorizeWriter(ctx, c.id);
  let billTitle: string | null = null;
  if (input.billId !== null) {
    const bill = await findBill(ctx.db, input.billId);
    // Another congress's bill does not exist here.
    if (bill?.congress_id !== c.id) throw errors.notFound('Bill', '该议案');
    billTitle = bill.title;
  }
  return runCommand(ctx, async (tx, rec) => {
    const before = await lockWork(tx, c.id, work.id);
    await tx.updateTable('legislation_works').set({ bill_id: input.billId }).where('congress_id', '=', c.id).where('id', '=', work.id).execute();
    rec.audit({ congressId: c.id, action: 'legislation.work.bill_linked', targetType: 'legislation_work', targetId: work.id, data: { before: { billId: before.bill_id }, after: { billId: input.billId } } });
    rec.emit({ topic: 'legislation', congressId: c.id, id: work.id });
    return { workId: work.id, billId: input.billId, billTitle };
  });
}
