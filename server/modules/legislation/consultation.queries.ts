// Public consultation reads. The public sees consultations that have opened, the draft under
// consultation article by article with the number of comments on each, and the published comments
// with the drafters' answers. Staff (anyone with a role in the congress) see everything, hidden
// comments and their reasons included.
import type { z } from 'zod';
import type { ConsultationReport, ConsultationView, StaffCommentList } from '../../../contracts/legislation-consultation.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import type { Ctx } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { errors } from '../../platform/errors.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { verificationRequired } from '../opinions/opinions.phone.ts';
import { commentCounts, commentRows, listConsultationRows, requireConsultation, toConsultationSummary, toPublicComment, toStaffComment } from './consultation.repo.ts';
import { consultationState, representativeOf, themesOf } from './consultation.rules.ts';

import { type Article, type BodyNode, type LegalDoc } from './legislation.model.ts';
import { legislationPolicy } from './legislation.policy.ts';
import { requireExpression, treeOf } from './legislation.repo.ts';

const today = (): string => localDateOf(new Date());

export async function listConsultations(ctx: Ctx, congressId: string, state?: 'upcoming' | 'open' | 'closed') {
  const c = await requireCongress(ctx.db, congressId);
  const staff = legislationPolicy.readDrafts(ctx.actor, c.id);
  const d = today();
  const rows = (await listConsultationRows(ctx.db, c.id)).filter((k) => staff || consultationState(d, k.opens_on, k.closes_on, k.closed_at) !== 'upcoming');
  const counts = await commentCounts(ctx.db, c.id, rows.map((k) => k.id), !staff);
  return rows.map((k) => toConsultationSummary(k, d, counts.get(k.id) ?? 0)).filter((k) => !state || k.state === state);
}

/** Articles in document order with the chapter they stand in. */
function articlesWithChapter(nodes: readonly BodyNode[], chapter: string | null, out: { a: Article; chapter: string | null }[]): void {
  for (const n of nodes) {
    if (n.kind === 'article') out.push({ a: n, chapter });
    else articlesWithChapter(n.children, [n.numText, n.heading].filter(Boolean).join('　') || chapter, out);
  }
}

async function readable(ctx: Ctx, congressId: string, consultationId: string) {
  const k = await requireConsultation(ctx.db, congressId, consultationId);
  const staff = legislationPolicy.readDrafts(ctx.actor, congressId);
  // Until it opens, a consultation is not public: it does not exist for the public.
  if (!staff && consultationState(today(), k.opens_on, k.closes_on, k.closed_at) === 'upcoming') throw errors.notFound('Consultation', '该征求意见');
  return { k, staff };
}

export async function getConsultation(ctx: PiiCtx, congressId: string, consultationId: string): Promise<z.infer<typeof ConsultationView>> {
  const c = await requireCongress(ctx.db, congressId);
  const { k } = await readable(ctx, c.id, consultationId);
  const expr = await requireExpression(ctx.db, c.id, k.expression_id);
  const doc: LegalDoc = treeOf(expr);
  const published = await commentRows(ctx.db, c.id, k.id, true);
  const perArticle = new Map<string, number>();
  for (const m of published) perArticle.set(m.article_eid, (perArticle.get(m.article_eid) ?? 0) + 1);
  const list: { a: Article; chapter: string | null }[] = [];
  articlesWithChapter(doc.body, null, list);
  return {
    ...toConsultationSummary(k, today(), published.length),
    documentTitle: doc.title ?? expr.title,
    stageLabel: doc.stageLabel ?? expr.label,
    articles: list.map(({ a, chapter }) => ({
      eId: a.eId,
      numText: a.numText,
      heading: a.heading,
      chapter,
      paragraphs: a.paragraphs.map((p) => ({ eId: p.eId, text: p.text, items: p.items.map((i) => ({ eId: i.eId, numText: i.numText, text: i.text })) })),
      comments: perArticle.get(a.eId) ?? 0,
    })),
    published: published.map(toPublicComment),
    phoneVerification: await verificationRequired(ctx, c.id),
  };
}

/** The drafter's view: every comment, hidden ones with their reasons, and the count per article. */
export async function listConsultationComments(ctx: Ctx, congressId: string, consultationId: string): Promise<z.infer<typeof StaffCommentList>> {
  const c = await requireCongress(ctx.db, congressId);
  const k = await requireConsultation(ctx.db, c.id, consultationId);
  // Hidden comments and reasons are internal: only those with a role in the congress read them.
  if (!legislationPolicy.readDrafts(ctx.actor, c.id)) throw errors.notFound('Consultation', '该征求意见');
  const expr = await requireExpression(ctx.db, c.id, k.expression_id);
  const doc = treeOf(expr);
  const all = await commentRows(ctx.db, c.id, k.id, false);
  const list: { a: Article; chapter: string | null }[] = [];
  articlesWithChapter(doc.body, null, list);
  const perArticle = list
    .map(({ a }) => ({ eId: a.eId, numText: a.numText, heading: a.heading, comments: all.filter((m) => m.article_eid === a.eId).length }))
    .filter((x) => x.comments > 0)
    .sort((x, y) => y.comments - x.comments);
  return { consultation: toConsultationSummary(k, today(), all.length), perArticle, comments: all.map(toStaffComment) };
}

/**
 * The summary per article for the committee (C-8): the published comments on each article that has
 * any, their themes (the most frequent words) and the representative comments (marked by the
 * drafters, else the longest three). Hidden comments are left out.
 */
export async function consultationReport(ctx: Ctx, congressId: string, consultationId: string): Promise<z.infer<typeof ConsultationReport>> {
  const c = await requireCongress(ctx.db, congressId);
  const k = await requireConsultation(ctx.db, c.id, consultationId);
  if (!legislationPolicy.readDrafts(ctx.actor, c.id)) throw errors.notFound('Consultation', '该征求意见');
  const expr = await requireExpression(ctx.db, c.id, k.expression_id);
  const doc = treeOf(expr);
  const published = await commentRows(ctx.db, c.id, k.id, true);
  const list: { a: Article; chapter: string | null }[] = [];
  articlesWithChapter(doc.body, null, list);
  const articles = list
    .map(({ a }) => {
      const mine = published.filter((m) => m.article_eid === a.eId);
      const picked = representativeOf(
        mine.map((m) => ({ id: m.id, anchorCite: m.anchor_cite, displayName: m.display_name, text: m.text, quote: m.span_text, marked: m.representative === 1 })),
      );
      return { eId: a.eId, numText: a.numText, heading: a.heading, comments: mine.length, themes: themesOf(mine.map((m) => m.text)), representative: picked };
    })
    .filter((x) => x.comments > 0);
  return { consultation: toConsultationSummary(k, today(), published.length), documentTitle: doc.title ?? expr.title, comments: published.length, articles };
}

export async function exportConsultationReport(ctx: Ctx, congressId: string, consultationId: string): Promise<{ fileName: string; body: Buffer }> {
  const r = await consultationReport(ctx, congressId, consultationId);
  return { fileName: `${r.documentTitle}征求意见汇总.docx`, body: await (await import('./export-office.ts')).reportToDocx(r) };
}
