import { sql } from 'kysely';
import type { z } from 'zod';
import type { ListOpinionsQuery, OverdueQuery, UnitQueueQuery } from '../../../contracts/opinions.ts';
import { authorize, belongsTo } from '../../platform/access.ts';
import { errors } from '../../platform/errors.ts';
import { loadCalendar, uncoveredYears } from '../../platform/calendar/calendar.repo.ts';
import { nowIso } from '../../platform/clock.ts';
import { runCommand } from '../../platform/command.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { normalizePhone } from '../../platform/crypto/mask.ts';
import type { OpinionTable } from '../../platform/schema.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { listAttachments } from './opinions.attachments.ts';
import { today } from './opinions.commands.ts';
import { assertInScope } from './opinions.access.ts';
import { opinionsPolicy } from './opinions.policy.ts';
import {
  assignmentsOf,
  currentDue,
  deputiesOf,
  deputyIdOfUser,
  eventsOf,
  excerptOf,
  intakeSettingsOf,
  piiContext,
  requireByTrackingCode,
  requireHandlingUnits,
  requireOpinion,
  stationIdsOfUser,
  toAssignmentDto,
  toSummary,
  unitIdsOfUser,
  unitNames,
} from './opinions.repo.ts';
import { ESCALATE_AFTER_WORKING_DAYS, MINIMUM_SAMPLE, STATUS_ZH, rankUnits, workingDaysLate } from './opinions.rules.ts';

// ------------------------------------------------------------------ the citizen's view

/** What the citizen sees with the tracking code: status, class, units, due date and public history. No personal data. */
export async function getOpinionStatus(ctx: PiiCtx, trackingCode: string) {
  const o = await requireByTrackingCode(ctx.db, trackingCode);
  const assignments = (await assignmentsOf(ctx.db, o.id)).filter((a) => a.state === 'active' || a.state === 'replied');
  const names = await unitNames(ctx.db, o.congress_id, assignments.map((a) => a.unit_id));
  const due = currentDue(assignments);
  const day = today();
  return {
    trackingCode: `${o.tracking_code.slice(0, 4)}-${o.tracking_code.slice(4, 8)}-${o.tracking_code.slice(8)}`,
    status: o.status,
    statusZh: STATUS_ZH[o.status],
    ...(o.class ? { class: o.class } : {}),
    ...(assignments.length > 0 ? { units: assignments.map((a) => ({ name: names.get(a.unit_id) ?? '', role: a.role })) } : {}),
    ...(due ? { dueDate: due } : {}),
    ...(o.feedback_due ? { feedbackDue: o.feedback_due } : {}),
    canRate: o.status === 'replied' && (o.feedback_due === null || day <= o.feedback_due),
    history: (await eventsOf(ctx.db, o, true)).map((e) => ({ at: e.at, kind: e.kind, text_zh: e.text_zh, text_en: e.text_en })),
  };
}

// ------------------------------------------------------------------ staff views

async function detailOf(ctx: PiiCtx, o: OpinionTable) {
  const assignments = await assignmentsOf(ctx.db, o.id);
  const replies = await ctx.db.selectFrom('opinion_replies').selectAll().where('opinion_id', '=', o.id).orderBy('drafted_at').orderBy('id').execute();
  const names = await unitNames(ctx.db, o.congress_id, [...assignments.map((a) => a.unit_id), ...replies.map((r) => r.unit_id)]);
  const deputies = await deputiesOf(ctx.db, o.id);
  const depName = new Map(deputies.map((d) => [d.deputy_id, d.name]));
  const depPos = new Map(deputies.map((d, i) => [d.deputy_id, i]));
  // Letters of one reply follow the order of signatures (the lead deputy first).
  replies.sort((a, b) => a.drafted_at.localeCompare(b.drafted_at) || a.group_id.localeCompare(b.group_id) || (depPos.get(a.recipient_deputy_id ?? '') ?? 0) - (depPos.get(b.recipient_deputy_id ?? '') ?? 0));
  const ratings = await ctx.db.selectFrom('opinion_ratings').selectAll().where('opinion_id', '=', o.id).orderBy('round').execute();
  return {
    ...toSummary(o, ctx.fc, currentDue(assignments)),
    content: o.content,
    disposition: o.disposition,
    route: o.route,
    answer: o.answer,
    deputies: deputies.map((d) => ({ deputyId: d.deputy_id, name: d.name, role: d.role })),
    assignments: assignments.map((a) => toAssignmentDto(a, names)),
    replies: replies.map((r) => ({
      id: r.id,
      groupId: r.group_id,
      unitId: r.unit_id,
      unitName: names.get(r.unit_id) ?? '',
      kind: r.kind,
      round: r.round,
      grade: r.grade,
      text: r.text,
      recipientDeputyId: r.recipient_deputy_id,
      recipientName: r.recipient_deputy_id ? (depName.get(r.recipient_deputy_id) ?? null) : null,
      status: r.status,
      draftedAt: r.drafted_at,
      signedAt: r.signed_at,
    })),
    ratings: ratings.map((r) => ({ round: r.round, satisfied: r.satisfied === 1, reason: r.reason, via: r.via, ratedAt: r.rated_at })),
    events: await eventsOf(ctx.db, o, false),
    routeDue: o.route_due,
    feedbackDue: o.feedback_due,
    closure: o.closure,
    relayedAt: o.relayed_at,
    feedbacks: await feedbacksOf(ctx, o),
    attachments: await listAttachments(ctx, o.id),
    calendarNotice: await calendarNotice(ctx, o.congress_id, [...assignments.filter((a) => a.state === 'active').map((a) => a.due_date), ...(o.feedback_due ? [o.feedback_due] : [])]),
  };
}

/** H-22: the deputy's (or station's) feedback records, oldest first, with the deputy's name. */
async function feedbacksOf(ctx: PiiCtx, o: OpinionTable) {
  const rows = await ctx.db
    .selectFrom('opinion_feedbacks as f')
    .leftJoin('deputies as d', (j) => j.onRef('d.id', '=', 'f.deputy_id').on('d.congress_id', '=', o.congress_id))
    .leftJoin('people as p', 'p.id', 'd.person_id')
    .select(['f.id', 'f.round', 'f.deputy_id', 'f.method', 'f.contacted_on', 'f.note', 'f.created_at', 'p.name as deputy_name'])
    .where('f.congress_id', '=', o.congress_id)
    .where('f.opinion_id', '=', o.id)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ id: r.id, round: r.round, deputyId: r.deputy_id, deputyName: r.deputy_name, method: r.method, contactedOn: r.contacted_on, note: r.note, createdAt: r.created_at }));
}

async function calendarNotice(ctx: PiiCtx, congressId: string, dates: string[]): Promise<string | null> {
  const years = await uncoveredYears(ctx.db, congressId, dates);
  if (years.length === 0) return null;
  return `${years.join('、')}年的法定节假日和调休安排尚未录入工作日历，相关期限暂按周末计算，请代表工作机构在工作日历中补录。`;
}

/** One opinion with its assignments, replies, ratings and full history; personal data masked. */
export async function getOpinion(ctx: PiiCtx, congressId: string, opinionId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const o = await requireOpinion(ctx.db, c.id, opinionId);
  await assertInScope(ctx.db, ctx.actor, o);
  return detailOf(ctx, o);
}

/** The office's list (all), a station's list (its stations), a deputy's (collected or taken up). Masked. */
export async function listOpinions(ctx: PiiCtx, congressId: string, q: z.infer<typeof ListOpinionsQuery>) {
  const c = await requireCongress(ctx.db, congressId);
  const all = opinionsPolicy.readAll(ctx.actor, c.id);
  authorize(ctx.actor, c.id, all || opinionsPolicy.readOwn(ctx.actor, c.id));
  let base = ctx.db.selectFrom('opinions').where('congress_id', '=', c.id);
  if (!all && ctx.actor.kind === 'user') {
    const userId = ctx.actor.userId;
    const stations = await stationIdsOfUser(ctx.db, c.id, userId);
    const dep = await deputyIdOfUser(ctx.db, c.id, ctx.actor.personId);
    base = base.where((eb) =>
      eb.or([
        eb('entered_by', '=', userId),
        ...(stations.length > 0 ? [eb('station_id', 'in', stations)] : []),
        ...(dep ? [eb('deputy_id', '=', dep), eb('id', 'in', eb.selectFrom('opinion_deputies').select('opinion_id').where('deputy_id', '=', dep))] : []),
      ]),
    );
  }
  if (q.status) base = base.where('status', '=', q.status);
  if (q.stationId) base = base.where('station_id', '=', q.stationId);
  if (q.class) base = base.where('class', '=', q.class);
  const total = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit ?? 50).offset(q.offset ?? 0).execute();
  const due = await dueByOpinion(ctx, rows.map((r) => r.id));
  return { total, items: rows.map((r) => toSummary(r, ctx.fc, due.get(r.id) ?? null)) };
}

async function dueByOpinion(ctx: PiiCtx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('opinion_assignments')
    .select(['opinion_id', (eb) => eb.fn.max('due_date').as('due')])
    .where('opinion_id', 'in', [...ids])
    .where('state', '=', 'active')
    .where('role', '!=', 'co')
    .groupBy('opinion_id')
    .execute();
  return new Map(rows.map((r) => [r.opinion_id, r.due]));
}

/** A handling unit's queue: its assignments with the item's status; drafts awaiting sign-off flagged. */
export async function listUnitQueue(ctx: PiiCtx, congressId: string, unitId: string, q: z.infer<typeof UnitQueueQuery>) {
  const c = await requireCongress(ctx.db, congressId);
  await requireHandlingUnits(ctx.db, c.id, [unitId]);
  const mine = ctx.actor.kind === 'user' ? await unitIdsOfUser(ctx.db, c.id, ctx.actor.userId) : new Set<string>();
  authorize(ctx.actor, c.id, opinionsPolicy.readAll(ctx.actor, c.id) || opinionsPolicy.actAsUnit(ctx.actor, c.id, mine, unitId));
  const rows = await ctx.db
    .selectFrom('opinion_assignments as a')
    .innerJoin('opinions as o', 'o.id', 'a.opinion_id')
    .selectAll('a')
    .select(['o.tracking_code', 'o.status as o_status', 'o.class as o_class', 'o.category as o_category', 'o.content as o_content', 'o.is_key as o_is_key'])
    .where('a.congress_id', '=', c.id)
    .where('a.unit_id', '=', unitId)
    .where('a.state', '=', q.state ?? 'active')
    .orderBy('a.due_date')
    .limit(q.limit ?? 100)
    .execute();
  const names = await unitNames(ctx.db, c.id, [unitId]);
  const drafts = rows.length
    ? new Set(
        (await ctx.db.selectFrom('opinion_replies').select('assignment_id').where('assignment_id', 'in', rows.map((r) => r.id)).where('status', '=', 'draft').execute()).map((r) => r.assignment_id),
      )
    : new Set<string>();
  return rows.map((r) => ({
    opinionId: r.opinion_id,
    trackingCode: r.tracking_code,
    assignment: toAssignmentDto(r, names),
    status: r.o_status,
    class: r.o_class,
    category: r.o_category,
    excerpt: excerptOf(r.o_content),
    isKey: r.o_is_key === 1,
    needsSignOff: drafts.has(r.id),
  }));
}

// ------------------------------------------------------------------ overdue and the dashboard

async function overdueScope(ctx: PiiCtx, congressId: string, unitId: string | undefined): Promise<string[] | null> {
  if (opinionsPolicy.overdueAll(ctx.actor, congressId)) {
    if (unitId) await requireHandlingUnits(ctx.db, congressId, [unitId]);
    return unitId ? [unitId] : null;
  }
  authorize(ctx.actor, congressId, opinionsPolicy.isUnitUser(ctx.actor, congressId));
  const mine = ctx.actor.kind === 'user' ? await unitIdsOfUser(ctx.db, congressId, ctx.actor.userId) : new Set<string>();
  if (unitId) {
    await requireHandlingUnits(ctx.db, congressId, [unitId]);
    authorize(ctx.actor, congressId, mine.has(unitId));
    return [unitId];
  }
  return [...mine];
}

/**
 * Items past their deadline on `asOf` (default today): units' replies and co-handling views, and,
 * for the office, reassignments it owes after a unit's "not ours" (H-14).
 */
export async function listOverdue(ctx: PiiCtx, congressId: string, q: z.infer<typeof OverdueQuery>) {
  const c = await requireCongress(ctx.db, congressId);
  const units = await overdueScope(ctx, c.id, q.unitId);
  const asOf = q.asOf ?? today();
  const cal = await loadCalendar(ctx.db, c.id);
  // Counted and paged on the assignments' index alone; the opinions are read for the page only.
  let base = ctx.db.selectFrom('opinion_assignments as a').where('a.congress_id', '=', c.id).where('a.state', '=', 'active').where('a.due_date', '<', asOf);
  if (units) base = units.length === 0 ? base.where(sql<boolean>`1 = 0`) : base.where('a.unit_id', 'in', units);
  const total = (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const page = await base
    .select(['a.id', 'a.opinion_id', 'a.unit_id', 'a.role', 'a.round', 'a.due_date'])
    .orderBy('a.due_date')
    .orderBy('a.id')
    .limit(q.limit ?? 100)
    .offset(q.offset ?? 0)
    .execute();
  const ops = page.length ? await ctx.db.selectFrom('opinions').select(['id', 'tracking_code', 'is_key']).where('id', 'in', page.map((r) => r.opinion_id)).execute() : [];
  const opOf = new Map(ops.map((o) => [o.id, o]));
  const rows = page.map((r) => ({ ...r, tracking_code: opOf.get(r.opinion_id)?.tracking_code ?? '', is_key: opOf.get(r.opinion_id)?.is_key ?? 0 }));
  const names = await unitNames(ctx.db, c.id, rows.map((r) => r.unit_id));
  interface Item {
    opinionId: string;
    trackingCode: string;
    assignmentId: string | null;
    unitId: string | null;
    unitName: string;
    role: 'lead' | 'co' | 'separate' | 'office';
    round: number;
    dueDate: string;
    workingDaysOverdue: number;
    escalated: boolean;
    isKey: boolean;
  }
  const items: Item[] = rows.map((r) => {
    const late = workingDaysLate(cal, r.due_date, asOf);
    return {
      opinionId: r.opinion_id,
      trackingCode: r.tracking_code,
      assignmentId: r.id,
      unitId: r.unit_id,
      unitName: names.get(r.unit_id) ?? '',
      role: r.role,
      round: r.round,
      dueDate: r.due_date,
      workingDaysOverdue: late,
      escalated: late >= ESCALATE_AFTER_WORKING_DAYS,
      isKey: r.is_key === 1,
    };
  });
  let officeTotal = 0;
  if (!units) {
    const office = await ctx.db
      .selectFrom('opinions')
      .select(['id', 'tracking_code', 'route_due', 'round', 'is_key'])
      .where('congress_id', '=', c.id)
      .where('status', '=', 'to_route')
      .where('route_due', 'is not', null)
      .where('route_due', '<', asOf)
      .orderBy('route_due')
      .limit(100)
      .execute();
    officeTotal = office.length;
    for (const o of office) {
      const due = o.route_due ?? asOf;
      const late = workingDaysLate(cal, due, asOf);
      items.push({ opinionId: o.id, trackingCode: o.tracking_code, assignmentId: null, unitId: null, unitName: '代表工作机构（重新交办）', role: 'office', round: o.round, dueDate: due, workingDaysOverdue: late, escalated: late >= ESCALATE_AFTER_WORKING_DAYS, isKey: o.is_key === 1 });
    }
  }
  return { asOf, total: total + officeTotal, items };
}

/** The dashboard: open and overdue assignments per unit, read from one covering index. */
export async function overdueByUnit(ctx: PiiCtx, congressId: string, asOf?: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.overdueAll(ctx.actor, c.id));
  const day = asOf ?? today();
  const rows = await ctx.db
    .selectFrom('opinion_assignments')
    .select(['unit_id', (eb) => eb.fn.countAll<number | string>().as('open'), (eb) => eb.fn.sum<number | string>(eb.case().when('due_date', '<', day).then(1).else(0).end()).as('overdue')])
    .where('congress_id', '=', c.id)
    .where('state', '=', 'active')
    .groupBy('unit_id')
    .execute();
  const names = await unitNames(ctx.db, c.id, rows.map((r) => r.unit_id));
  const units = rows
    
    .map((r) => ({ unitId: r.unit_id, unitName: names.get(r.unit_id) ?? '', open: Number(r.open), overdue: Number(r.overdue) }))
    .sort((a, b) => b.overdue - a.overdue || a.unitName.localeCompare(b.unitName, 'zh'));
  return { asOf: day, units };
}

export async function listAlerts(ctx: PiiCtx, congressId: string, q: { unitId?: string | undefined; open?: 'true' | 'false' | undefined }) {
  const c = await requireCongress(ctx.db, congressId);
  const units = await overdueScope(ctx, c.id, q.unitId);
  let base = ctx.db
    .selectFrom('opinion_alerts as al')
    .innerJoin('opinions as o', 'o.id', 'al.opinion_id')
    .select(['al.id', 'al.opinion_id', 'o.tracking_code', 'al.unit_id', 'al.kind', 'al.due_date', 'al.created_at', 'al.acknowledged_at'])
    .where('al.congress_id', '=', c.id);
  if (units) base = units.length === 0 ? base.where(sql<boolean>`1 = 0`) : base.where('al.unit_id', 'in', units);
  if (q.open === 'true') base = base.where('al.acknowledged_at', 'is', null);
  const rows = await base.orderBy('al.created_at', 'desc').limit(500).execute();
  const names = await unitNames(ctx.db, c.id, rows.flatMap((r) => (r.unit_id ? [r.unit_id] : [])));
  return rows.map((r) => ({
    id: r.id,
    opinionId: r.opinion_id,
    trackingCode: r.tracking_code,
    unitId: r.unit_id,
    unitName: r.unit_id ? (names.get(r.unit_id) ?? null) : null,
    kind: r.kind,
    dueDate: r.due_date,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
  }));
}

// ------------------------------------------------------------------ the office's tables

export async function listUnitUsers(ctx: PiiCtx, congressId: string, unitId: string) {
  const c = await requireCongress(ctx.db, congressId);
  await requireHandlingUnits(ctx.db, c.id, [unitId]);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  const rows = await ctx.db
    .selectFrom('unit_users')
    .innerJoin('users', 'users.id', 'unit_users.user_id')
    .select(['unit_users.unit_id', 'unit_users.user_id', 'unit_users.is_head', 'users.username', 'users.display_name'])
    .where('unit_users.congress_id', '=', c.id)
    .where('unit_users.unit_id', '=', unitId)
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, userId: r.user_id, username: r.username, displayName: r.display_name, isHead: r.is_head === 1 }));
}

export async function listRoutingCategories(ctx: PiiCtx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id) || opinionsPolicy.classify(ctx.actor, c.id));
  const rows = await ctx.db.selectFrom('routing_categories').selectAll().where('congress_id', '=', c.id).orderBy('category').execute();
  return rows.map((r) => ({ category: r.category, leadUnitId: r.lead_unit_id, coUnitIds: JSON.parse(r.co_unit_ids) as string[], updatedAt: r.updated_at }));
}

export async function getIntakeSettings(ctx: PiiCtx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  return intakeSettingsOf(ctx.db, c.id, true);
}

export async function listIntakeBlocks(ctx: PiiCtx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.manage(ctx.actor, c.id));
  const rows = await ctx.db.selectFrom('intake_blocks').selectAll().where('congress_id', '=', c.id).orderBy('created_at', 'desc').execute();
  return rows.map((r) => {
    const [masked = '', ...rest] = (r.note ?? '').split(' ');
    return { id: r.id, kind: r.kind, masked, note: rest.join(' ') || null, until: r.until, createdAt: r.created_at };
  });
}

/**
 * Everything stored about one citizen (by phone number), for a request under the personal
 * information law; only the office may run it and each export is audited.
 */
export async function exportCitizenData(ctx: PiiCtx, congressId: string, phone: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, opinionsPolicy.readContactAsOffice(ctx.actor, c.id));
  const normalized = normalizePhone(phone);
  const index = ctx.fc.blindIndex('phone', normalized);
  const rows = await ctx.db.selectFrom('opinions').selectAll().where('congress_id', '=', c.id).where('phone_index', '=', index).orderBy('created_at').execute();
  const opinions = [];
  for (const o of rows) {
    const detail = await detailOf(ctx, o);
    const fc = ctx.fc;
    opinions.push({
      ...detail,
      contact: {
        name: o.name_enc ? fc.decrypt(o.name_enc, piiContext('name', o.id)) : null,
        phone: o.phone_enc ? fc.decrypt(o.phone_enc, piiContext('phone', o.id)) : null,
        idNumber: o.id_number_enc ? fc.decrypt(o.id_number_enc, piiContext('id_number', o.id)) : null,
      },
    });
  }
  const exportedAt = nowIso();
  await runCommand(ctx, (_tx, rec) => {
    rec.audit({ congressId: c.id, action: 'opinion.citizen_exported', targetType: 'congress', targetId: c.id, data: { opinions: rows.map((r) => r.id) } });
    return Promise.resolve();
  });
  return { phone: normalized, exportedAt, opinions };
}

// ------------------------------------------------------------------ public statistics

/**
 * On-time rate and satisfaction by unit for a year (by the day of assignment). Public. A reply is on
 * time when issued by its due date; satisfaction counts the first rating of each item. Units with
 * fewer than MINIMUM_SAMPLE replies or ratings are shown but not ranked.
 */
type Stats = Awaited<ReturnType<typeof computeStatistics>>;
const statsCache = new WeakMap<PiiCtx['db'], Map<string, { at: number; value: Stats }>>();
const STATS_TTL_MS = 5 * 60_000;

export async function getOpinionStatistics(ctx: PiiCtx, congressId: string, year?: number) {
  const c = await requireCongress(ctx.db, congressId);
  const y = year ?? Number(today().slice(0, 4));
  // Public figures over a whole year do not need to be live: computed at most every five minutes.
  let m = statsCache.get(ctx.db);
  if (!m) statsCache.set(ctx.db, (m = new Map<string, { at: number; value: Stats }>()));
  const key = `${c.id}:${String(y)}`;
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.value;
  const value = await computeStatistics(ctx, c.id, y);
  m.set(key, { at: Date.now(), value });
  return value;
}

async function computeStatistics(ctx: PiiCtx, congressId: string, y: number) {
  const c = { id: congressId };
  const from = `${y}-01-01`;
  const to = `${y}-12-31`;
  const received = await ctx.db
    .selectFrom('opinions')
    .select(['class', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('congress_id', '=', c.id)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy(['class', 'status'])
    .execute();
  const byClass: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let total = 0;
  for (const r of received) {
    const n = Number(r.n);
    total += n;
    byClass[r.class ?? 'unclassified'] = (byClass[r.class ?? 'unclassified'] ?? 0) + n;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
  }
  const replies = await ctx.db
    .selectFrom('opinion_assignments')
    .select(['unit_id', (eb) => eb.fn.countAll<number | string>().as('replies'), (eb) => eb.fn.sum<number | string>(eb.case().when('replied_on', '<=', eb.ref('due_date')).then(1).else(0).end()).as('on_time')])
    .where('congress_id', '=', c.id)
    .where('role', '!=', 'co')
    .where('replied_on', 'is not', null)
    .where('assigned_on', '>=', from)
    .where('assigned_on', '<=', to)
    .groupBy('unit_id')
    .execute();
  const ratings = await ctx.db
    .selectFrom('opinion_ratings as r')
    .innerJoin('opinion_assignments as a', 'a.opinion_id', 'r.opinion_id')
    .select(['a.unit_id', (eb) => eb.fn.countAll<number | string>().as('rated'), (eb) => eb.fn.sum<number | string>('r.satisfied').as('satisfied')])
    .where('r.congress_id', '=', c.id)
    .where('r.round', '=', 1)
    .where('a.role', '!=', 'co')
    .where('a.state', 'in', ['replied', 'active'])
    .where('a.assigned_on', '>=', from)
    .where('a.assigned_on', '<=', to)
    .groupBy('a.unit_id')
    .execute();
  const figures = new Map<string, { unitId: string; replies: number; onTime: number; rated: number; satisfied: number }>();
  const get = (u: string) => {
    let f = figures.get(u);
    if (!f) figures.set(u, (f = { unitId: u, replies: 0, onTime: 0, rated: 0, satisfied: 0 }));
    return f;
  };
  for (const r of replies) Object.assign(get(r.unit_id), { replies: Number(r.replies), onTime: Number(r.on_time) });
  for (const r of ratings) Object.assign(get(r.unit_id), { rated: Number(r.rated), satisfied: Number(r.satisfied) });
  const names = await unitNames(ctx.db, c.id, [...figures.keys()]);
  const units = rankUnits([...figures.values()]).map((u) => ({ ...u, unitName: names.get(u.unitId) ?? '' }));
  units.sort((a, b) => (a.onTimeRank ?? 1e9) - (b.onTimeRank ?? 1e9) || a.unitName.localeCompare(b.unitName, 'zh'));
  return { year: y, minimumSample: MINIMUM_SAMPLE, received: total, byClass, byStatus, units };
}

/** getMyDesk: the units, stations and deputy record of the signed-in user, so the web app opens the right desk. */
export async function getMyDesk(ctx: PiiCtx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, belongsTo(ctx.actor, c.id));
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const userId = ctx.actor.userId;
  const units = await ctx.db
    .selectFrom('unit_users')
    .innerJoin('bodies', 'bodies.id', 'unit_users.unit_id')
    .select(['unit_users.unit_id', 'bodies.name', 'unit_users.is_head'])
    .where('unit_users.congress_id', '=', c.id)
    .where('bodies.congress_id', '=', c.id)
    .where('unit_users.user_id', '=', userId)
    .orderBy('bodies.name')
    .execute();
  const stations = await ctx.db
    .selectFrom('station_staff')
    .innerJoin('stations', 'stations.id', 'station_staff.station_id')
    .select(['stations.id', 'stations.name'])
    .where('station_staff.congress_id', '=', c.id)
    .where('stations.congress_id', '=', c.id)
    .where('station_staff.user_id', '=', userId)
    .orderBy('stations.name')
    .execute();
  return {
    units: units.map((u) => ({ unitId: u.unit_id, unitName: u.name, isHead: u.is_head === 1 })),
    stations: [...new Map(stations.map((s) => [s.id, { stationId: s.id, name: s.name }])).values()],
    deputyId: await deputyIdOfUser(ctx.db, c.id, ctx.actor.personId),
  };
}
