import type { z } from 'zod';
import type { Counts as CountsSchema, ExpressionSummary, ReviewOpinion } from '../../../contracts/legislation.ts';
import type { Conn, Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { forUpdate } from '../../platform/guard.ts';
import type { LegislationExpressionTable, LegislationReviewOpinionTable, LegislationWorkTable } from '../../platform/schema.ts';
import { type Finding, type LegalDoc, STAGE_ZH } from './legislation.model.ts';
import { LEGAL_BODY_NAMES } from './legislation.policy.ts';

export async function requireWork(conn: Conn, congressId: string, workId: string): Promise<LegislationWorkTable> {
  const w = await conn.selectFrom('legislation_works').selectAll().where('congress_id', '=', congressId).where('id', '=', workId).executeTakeFirst();
  if (!w) throw errors.notFound('Work', '该法规');
  return w;
}

/** The work inside a command's transaction, locked on PostgreSQL: its expressions are numbered, and revised from the latest, one at a time. */
export async function lockWork(tx: Tx, congressId: string, workId: string): Promise<LegislationWorkTable> {
  const w = await forUpdate(tx, tx.selectFrom('legislation_works').selectAll().where('congress_id', '=', congressId).where('id', '=', workId)).executeTakeFirst();
  if (!w) throw errors.notFound('Work', '该法规');
  return w;
}

export async function findExpression(conn: Conn, congressId: string, expressionId: string): Promise<LegislationExpressionTable | undefined> {
  return conn.selectFrom('legislation_expressions').selectAll().where('congress_id', '=', congressId).where('id', '=', expressionId).executeTakeFirst();
}

export async function requireExpression(conn: Conn, congressId: string, expressionId: string): Promise<LegislationExpressionTable> {
  const e = await findExpression(conn, congressId, expressionId);
  if (!e) throw errors.notFound('Expression', '该文本');
  return e;
}

export async function requireOpinion(conn: Conn, congressId: string, opinionId: string): Promise<LegislationReviewOpinionTable> {
  const o = await conn.selectFrom('legislation_review_opinions').selectAll().where('congress_id', '=', congressId).where('id', '=', opinionId).executeTakeFirst();
  if (!o) throw errors.notFound('Review opinion', '该审议意见');
  return o;
}

/** A review opinion inside a command's transaction, locked on PostgreSQL: its decision is recorded against the one it replaces. */
export async function lockOpinion(tx: Tx, congressId: string, opinionId: string): Promise<LegislationReviewOpinionTable> {
  const o = await forUpdate(tx, tx.selectFrom('legislation_review_opinions').selectAll().where('congress_id', '=', congressId).where('id', '=', opinionId)).executeTakeFirst();
  if (!o) throw errors.notFound('Review opinion', '该审议意见');
  return o;
}

export async function latestExpression(conn: Conn, congressId: string, workId: string): Promise<LegislationExpressionTable | undefined> {
  return conn
    .selectFrom('legislation_expressions')
    .selectAll()
    .where('congress_id', '=', congressId)
    .where('work_id', '=', workId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listWorkRows(conn: Conn, congressId: string) {
  const works = await conn.selectFrom('legislation_works').selectAll().where('congress_id', '=', congressId).orderBy('created_at').execute();
  const exprs = await conn
    .selectFrom('legislation_expressions')
    .select(['id', 'congress_id', 'work_id', 'seq', 'stage', 'label', 'title', 'source_format', 'source_name', 'findings', 'counts', 'created_at'])
    .where('congress_id', '=', congressId)
    .orderBy('work_id')
    .orderBy('seq')
    .execute();
  return { works, exprs };
}

export async function opinionsOfWork(conn: Conn, congressId: string, workId: string): Promise<LegislationReviewOpinionTable[]> {
  return conn.selectFrom('legislation_review_opinions').selectAll().where('congress_id', '=', congressId).where('work_id', '=', workId).orderBy('created_at').execute();
}

/** Whether the person sits on the Legal Committee or its working body in this congress. */
export async function inLegalBody(conn: Conn, congressId: string, personId: string | null): Promise<boolean> {
  if (!personId) return false;
  const row = await conn
    .selectFrom('memberships')
    .innerJoin('bodies', 'bodies.id', 'memberships.body_id')
    .select('memberships.id')
    .where('memberships.congress_id', '=', congressId)
    .where('memberships.person_id', '=', personId)
    .where('memberships.end_date', 'is', null)
    .where('bodies.name', 'in', [...LEGAL_BODY_NAMES])
    .executeTakeFirst();
  return row !== undefined;
}

export async function requireBodyOf(conn: Conn, congressId: string, bodyId: string) {
  const b = await conn.selectFrom('bodies').select(['id', 'name']).where('congress_id', '=', congressId).where('id', '=', bodyId).executeTakeFirst();
  if (!b) throw errors.notFound('Body', '该机构');
  return b;
}

type SummaryRow = Pick<LegislationExpressionTable, 'id' | 'work_id' | 'seq' | 'stage' | 'label' | 'title' | 'source_format' | 'source_name' | 'findings' | 'counts' | 'created_at'>;

export const toExpressionSummary = (e: SummaryRow): z.infer<typeof ExpressionSummary> => ({
  id: e.id,
  workId: e.work_id,
  seq: e.seq,
  stage: e.stage,
  stageZh: STAGE_ZH[e.stage],
  label: e.label,
  title: e.title,
  sourceFormat: e.source_format,
  sourceName: e.source_name,
  counts: JSON.parse(e.counts) as z.infer<typeof CountsSchema>,
  findingCount: (JSON.parse(e.findings) as unknown[]).length,
  createdAt: e.created_at,
});

export const treeOf = (e: Pick<LegislationExpressionTable, 'tree'>): LegalDoc => JSON.parse(e.tree) as LegalDoc;
export const findingsOf = (e: Pick<LegislationExpressionTable, 'findings'>): Finding[] => JSON.parse(e.findings) as Finding[];

export const toOpinionDto = (o: LegislationReviewOpinionTable): z.infer<typeof ReviewOpinion> => ({
  id: o.id,
  workId: o.work_id,
  expressionId: o.expression_id,
  anchorEId: o.anchor_eid,
  anchorWId: o.anchor_wid,
  anchorCite: o.anchor_cite,
  bodyId: o.body_id,
  bodyName: o.body_name,
  text: o.text,
  status: o.status,
  reason: o.reason,
  createdAt: o.created_at,
  decidedAt: o.decided_at,
});

/** Who created each expression, as the audit trail records it (legislation.expression.created), with the user's name. */
export async function expressionAuthors(conn: Conn, congressId: string, expressionIds: string[]): Promise<Map<string, { at: string; name: string | null }>> {
  if (expressionIds.length === 0) return new Map();
  const rows = await conn
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select(['audit_log.target_id', 'audit_log.at', 'users.display_name'])
    .where('audit_log.congress_id', '=', congressId)
    .where('audit_log.action', '=', 'legislation.expression.created')
    .where('audit_log.target_type', '=', 'legislation_expression')
    .where('audit_log.target_id', 'in', expressionIds)
    .execute();
  return new Map(rows.map((r) => [r.target_id ?? '', { at: r.at, name: r.display_name }]));
}

/** The users' names, for expressions whose audit entry is not found. */
export async function userNames(conn: Conn, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await conn.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
