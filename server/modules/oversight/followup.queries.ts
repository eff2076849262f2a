import type { z } from 'zod';
import type { FollowupReminder, FollowupResult, OverdueDashboard } from '../../../contracts/oversight.ts';
import { authorize } from '../../platform/access.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repo.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import type { FollowupResultTable } from '../../platform/schema.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { unitIdsOfUser } from '../opinions/opinions.repo.ts';
import { type DashboardItem, type RolledUp, overdueByOrgan, rollUp } from './followup.rules.ts';
import { oversightPolicy } from './oversight.policy.ts';

export interface OpenItem {
  key: string;
  kind: DashboardItem['kind'];
  organ: string;
  unitId: string | null;
  title: string;
  dueDate: string;
}

/** Every open item with a due date: unanswered opinion letters, unrectified findings, inquiries awaiting their report, unfinished tasks. */
export async function followupItems(conn: Conn, congressId: string): Promise<OpenItem[]> {
  const letters = await conn.selectFrom('opinion_letters').select(['id', 'organ', 'unit_id', 'due_date']).where('congress_id', '=', congressId).where('state', '=', 'sent').execute();
  const rect = await conn.selectFrom('rectification_items').select(['id', 'title', 'unit', 'due_date']).where('congress_id', '=', congressId).where('status', '!=', 'rectified').execute();
  const inquiries = await conn
    .selectFrom('special_inquiries')
    .select(['id', 'topic', 'organs', 'due_date'])
    .where('congress_id', '=', congressId)
    .where('state', '=', 'opinions_sent')
    .where('due_date', 'is not', null)
    .execute();
  const results = await conn.selectFrom('followup_results').selectAll().where('congress_id', '=', congressId).execute();
  const parents = new Set(results.map((r) => r.parent_id).filter((p): p is string => p !== null));
  const unitNames = new Map(
    (await conn.selectFrom('bodies').select(['id', 'name']).where('congress_id', '=', congressId).where('kind', '=', 'handling_unit').execute()).map((b) => [b.id, b.name]),
  );
  return [
    ...letters.map((l) => ({ key: `opinion_letter:${l.id}`, kind: 'opinion_letter' as const, organ: l.organ, unitId: l.unit_id, title: `审议意见（${l.organ}）`, dueDate: l.due_date })),
    ...rect.map((r) => ({ key: `rectification:${r.id}`, kind: 'rectification' as const, organ: r.unit ?? '未指定单位', unitId: null, title: r.title, dueDate: r.due_date })),
    ...inquiries.map((q) => ({
      key: `special_inquiry:${q.id}`,
      kind: 'special_inquiry' as const,
      organ: (JSON.parse(q.organs) as string[]).join('、') || '未指定单位',
      unitId: null,
      title: q.topic,
      dueDate: q.due_date ?? '',
    })),
    ...results
      .filter((r) => !parents.has(r.id) && r.due_date !== null && r.progress < 100)
      .map((r) => ({ key: `result:${r.id}`, kind: 'result' as const, organ: (r.unit_id ? unitNames.get(r.unit_id) : undefined) ?? '未指定单位', unitId: r.unit_id, title: r.title, dueDate: r.due_date ?? '' })),
  ];
}

function readScope(ctx: Ctx, congressId: string): void {
  authorize(ctx.actor, congressId, oversightPolicy.read(ctx.actor, congressId));
}

/** The overdue dashboard per organ: computed from the records on `asOf` (default today); "due soon" in working days. */
export async function getOverdueDashboard(ctx: Ctx, congressId: string, q: { asOf?: string | undefined; soonDays?: number | undefined }): Promise<z.infer<typeof OverdueDashboard>> {
  const c = await requireCongress(ctx.db, congressId);
  readScope(ctx, c.id);
  const asOf = q.asOf ?? localDateOf(nowIso());
  return { asOf, organs: overdueByOrgan(await loadCalendar(ctx.db, c.id), await followupItems(ctx.db, c.id), asOf, q.soonDays) };
}

/** The progress tree, flattened depth-first, with parents' progress rolled up from their children. */
export async function getFollowupTree(ctx: Ctx, congressId: string, q: { rootId?: string | undefined; sourceId?: string | undefined }): Promise<z.infer<typeof FollowupResult>[]> {
  const c = await requireCongress(ctx.db, congressId);
  readScope(ctx, c.id);
  const rows = await ctx.db.selectFrom('followup_results').selectAll().where('congress_id', '=', c.id).orderBy('created_at').orderBy('id').execute();
  const roots = rollUp(rows.map((r) => ({ ...r, parentId: r.parent_id })));
  const today = localDateOf(nowIso());
  const out: z.infer<typeof FollowupResult>[] = [];
  const walk = (n: RolledUp<FollowupResultTable & { parentId: string | null }>, depth: number): void => {
    const r = n.node;
    out.push({
      id: r.id,
      parentId: r.parent_id,
      depth,
      title: r.title,
      sourceType: r.source_type,
      sourceId: r.source_id,
      unitId: r.unit_id,
      dueDate: r.due_date,
      weight: r.weight,
      progress: n.progress,
      computed: n.children.length > 0,
      overdue: r.due_date !== null && r.due_date < today && n.progress < 100,
    });
    for (const ch of n.children) walk(ch, depth + 1);
  };
  for (const root of roots) {
    if (q.rootId && root.node.id !== q.rootId) continue;
    if (q.sourceId && root.node.source_id !== q.sourceId) continue;
    walk(root, 0);
  }
  return out;
}

/** Reminders: staff see all; a handling unit's user sees those of their units only. */
export async function listFollowupReminders(ctx: Ctx, congressId: string): Promise<z.infer<typeof FollowupReminder>[]> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, oversightPolicy.read(ctx.actor, c.id) || oversightPolicy.answerLetter(ctx.actor, c.id));
  let q = ctx.db.selectFrom('followup_reminders').selectAll().where('congress_id', '=', c.id);
  if (!oversightPolicy.read(ctx.actor, c.id)) {
    const mine = ctx.actor.kind === 'user' ? [...(await unitIdsOfUser(ctx.db, c.id, ctx.actor.userId))] : [];
    q = mine.length === 0 ? q.where('id', '=', '') : q.where('unit_id', 'in', mine);
  }
  const rows = await q.orderBy('due_date').orderBy('created_at').limit(1000).execute();
  return rows.map((r) => ({ id: r.id, targetKey: r.target_key, kind: r.kind, dueDate: r.due_date, unitId: r.unit_id, organ: r.organ, title: r.title, createdAt: r.created_at }));
}
