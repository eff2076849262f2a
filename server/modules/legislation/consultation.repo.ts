// Queries of the public consultation tables; every one filters by congress.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ConsultationSummary, PublicComment, StaffComment } from '../../../contracts/legislation-consultation.ts';
import type { Conn, Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { forUpdate } from '../../platform/guard.ts';
import type { LegislationCommentTable, LegislationConsultationTable } from '../../platform/schema.ts';
import { consultationState } from './consultation.rules.ts';

export async function requireConsultation(conn: Conn, congressId: string, id: string): Promise<LegislationConsultationTable> {
  const c = await conn.selectFrom('legislation_consultations').selectAll().where('congress_id', '=', congressId).where('id', '=', id).executeTakeFirst();
  if (!c) throw errors.notFound('Consultation', '该征求意见');
  return c;
}

export async function requireComment(conn: Conn, congressId: string, id: string): Promise<LegislationCommentTable> {
  const c = await conn.selectFrom('legislation_comments').selectAll().where('congress_id', '=', congressId).where('id', '=', id).executeTakeFirst();
  if (!c) throw errors.notFound('Comment', '该意见');
  return c;
}

/** The consultation inside a command's transaction, locked on PostgreSQL: a comment is taken, or the consultation closed, on its state as it is now. */
export async function lockConsultation(tx: Tx, congressId: string, id: string): Promise<LegislationConsultationTable> {
  const c = await forUpdate(tx, tx.selectFrom('legislation_consultations').selectAll().where('congress_id', '=', congressId).where('id', '=', id)).executeTakeFirst();
  if (!c) throw errors.notFound('Consultation', '该征求意见');
  return c;
}

/** The comment inside a command's transaction, locked on PostgreSQL: moderation, reply and marking are recorded against what they replace. */
export async function lockComment(tx: Tx, congressId: string, id: string): Promise<LegislationCommentTable> {
  const c = await forUpdate(tx, tx.selectFrom('legislation_comments').selectAll().where('congress_id', '=', congressId).where('id', '=', id)).executeTakeFirst();
  if (!c) throw errors.notFound('Comment', '该意见');
  return c;
}

export async function listConsultationRows(conn: Conn, congressId: string): Promise<LegislationConsultationTable[]> {
  return conn.selectFrom('legislation_consultations').selectAll().where('congress_id', '=', congressId).orderBy('opens_on', 'desc').orderBy('created_at', 'desc').execute();
}

export async function openConsultationOf(conn: Conn, congressId: string, expressionId: string, today: string): Promise<LegislationConsultationTable | undefined> {
  return conn
    .selectFrom('legislation_consultations')
    .selectAll()
    .where('congress_id', '=', congressId)
    .where('expression_id', '=', expressionId)
    .where('closed_at', 'is', null)
    .where('closes_on', '>=', today)
    .executeTakeFirst();
}

/** Comments per consultation: all (staff) or only the published ones (public). */
export async function commentRows(conn: Conn, congressId: string, consultationId: string, publishedOnly: boolean): Promise<LegislationCommentTable[]> {
  let q = conn.selectFrom('legislation_comments').selectAll().where('congress_id', '=', congressId).where('consultation_id', '=', consultationId);
  if (publishedOnly) q = q.where('status', '=', 'published');
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function commentCounts(conn: Conn, congressId: string, consultationIds: string[], publishedOnly: boolean): Promise<Map<string, number>> {
  if (consultationIds.length === 0) return new Map();
  let q = conn
    .selectFrom('legislation_comments')
    .select(['consultation_id', sql<string | number>`count(*)`.as('n')])
    .where('congress_id', '=', congressId)
    .where('consultation_id', 'in', consultationIds);
  if (publishedOnly) q = q.where('status', '=', 'published');
  const rows = await q.groupBy('consultation_id').execute();
  return new Map(rows.map((r) => [r.consultation_id, Number(r.n)]));
}

/** How many comments a phone number (since a local day's start) and a network address (since an instant) have left. */
export async function recentCommentCounts(conn: Conn, congressId: string, phoneIndex: string, sourceIndex: string, dayStart: string, hourStart: string) {
  const count = async (col: 'phone_index' | 'source_index', key: string, since: string): Promise<number> => {
    const r = await conn
      .selectFrom('legislation_comments')
      .select(sql<string | number>`count(*)`.as('n'))
      .where('congress_id', '=', congressId)
      .where(col, '=', key)
      .where('created_at', '>=', since)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  };
  return { phone: await count('phone_index', phoneIndex, dayStart), source: await count('source_index', sourceIndex, hourStart) };
}

export const toConsultationSummary = (c: LegislationConsultationTable, today: string, comments: number): z.infer<typeof ConsultationSummary> => ({
  id: c.id,
  workId: c.work_id,
  expressionId: c.expression_id,
  title: c.title,
  note: c.note,
  opensOn: c.opens_on,
  closesOn: c.closes_on,
  state: consultationState(today, c.opens_on, c.closes_on, c.closed_at),
  closedAt: c.closed_at,
  comments,
});

export const toPublicComment = (c: LegislationCommentTable): z.infer<typeof PublicComment> => ({
  id: c.id,
  anchorEId: c.anchor_eid,
  span: c.span_start !== null && c.span_end !== null ? { start: c.span_start, end: c.span_end, quote: c.span_text ?? '' } : null,
  articleEId: c.article_eid,
  anchorCite: c.anchor_cite,
  displayName: c.display_name,
  text: c.text,
  reply: c.reply,
  repliedAt: c.replied_at,
  createdAt: c.created_at,
});

export const toStaffComment = (c: LegislationCommentTable): z.infer<typeof StaffComment> => ({
  ...toPublicComment(c),
  status: c.status,
  hiddenReason: c.hidden_reason,
  moderatedAt: c.moderated_at,
  representative: c.representative === 1,
});
