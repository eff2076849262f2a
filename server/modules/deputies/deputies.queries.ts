import type { z } from 'zod';
import type { DutyKind, ListDeputiesQuery } from '../../../contracts/deputies.ts';
import { authorize } from '../../platform/access.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { nowIso } from '../../platform/clock.ts';
import type { PiiCtx } from '../../platform/crypto/context.ts';
import { errors } from '../../platform/errors.ts';
import type { DeputyTable, DutyActivityTable } from '../../platform/schema.ts';
import { requireCongress } from '../congress/congress.repo.ts';
import { deputiesPolicy } from './deputies.policy.ts';
import { deputyOfUser, requireDeputy, toDeputyDtos } from './deputies.repo.ts';
import { DEFAULT_POINTS, DUTY_KIND_ZH, compliance, countVisits, summarize } from './deputies.rules.ts';

const thisYear = (): number => Number(localDateOf(nowIso()).slice(0, 4));

/** The public roster per level, group or station: names and public facts, never contacts. */
export async function listDeputies(ctx: PiiCtx, congressId: string, q: z.infer<typeof ListDeputiesQuery>) {
  const c = await requireCongress(ctx.db, congressId);
  let query = ctx.db.selectFrom('deputies').selectAll('deputies').where('deputies.congress_id', '=', c.id).where('deputies.status', '=', q.status ?? 'active');
  if (q.level) query = query.where('deputies.level', '=', q.level);
  if (q.delegationGroupId) query = query.where('deputies.delegation_group_id', '=', q.delegationGroupId);
  if (q.stationId) {
    const sid = q.stationId;
    query = query.where((eb) => eb.exists(eb.selectFrom('station_deputies').select('station_deputies.deputy_id').whereRef('station_deputies.deputy_id', '=', 'deputies.id').where('station_deputies.station_id', '=', sid).where('station_deputies.end_date', 'is', null)));
  }
  const rows = await query.orderBy('deputies.level').orderBy('deputies.created_at').limit(5000).execute();
  return toDeputyDtos(ctx.db, rows, null);
}

async function isSelf(ctx: PiiCtx, congressId: string, d: DeputyTable): Promise<boolean> {
  return ctx.actor.kind === 'user' && deputiesPolicy.isDeputy(ctx.actor, congressId) && (await deputyOfUser(ctx.db, congressId, ctx.actor.personId))?.id === d.id;
}

/** One deputy; the private contact only for the office and the deputy. */
export async function getDeputy(ctx: PiiCtx, congressId: string, deputyId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const d = await requireDeputy(ctx.db, c.id, deputyId);
  const withContact = deputiesPolicy.readContact(ctx.actor, c.id) || (await isSelf(ctx, c.id, d));
  const [dto] = await toDeputyDtos(ctx.db, [d], withContact ? ctx.fc : null);
  if (!dto) throw errors.notFound('Deputy', '该代表');
  return dto;
}

export async function getDutyScoring(ctx: PiiCtx, congressId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const table = await ctx.db.selectFrom('duty_scoring').selectAll().where('congress_id', '=', c.id).execute();
  const byKind = new Map(table.map((r) => [r.kind, r]));
  return (Object.keys(DEFAULT_POINTS) as DutyKind[]).map((kind) => {
    const r = byKind.get(kind);
    return { kind, kindZh: DUTY_KIND_ZH[kind], points: r?.points ?? DEFAULT_POINTS[kind], note: r?.note ?? null, configured: r !== undefined };
  });
}

const toActivity = (a: DutyActivityTable) => ({
  id: a.id,
  deputyId: a.deputy_id,
  kind: a.kind as DutyKind,
  kindZh: DUTY_KIND_ZH[a.kind as DutyKind],
  date: a.date,
  stationId: a.station_id,
  eventId: a.event_id,
  title: a.title,
  evidence: JSON.parse(a.evidence) as { kind: 'photo' | 'document' | 'sign_in' | 'minutes' | 'note'; ref?: string; note?: string }[],
  evaluation: a.evaluation ? (JSON.parse(a.evaluation) as { satisfied: number; basicallySatisfied: number; unsatisfied: number }) : null,
  points: a.points,
  createdAt: a.created_at,
});

/** Measures art. 18: a deputy's duty archive for a year, with points and the four-visit compliance. */
export async function getDeputyArchive(ctx: PiiCtx, congressId: string, deputyId: string, year?: number) {
  const c = await requireCongress(ctx.db, congressId);
  const d = await requireDeputy(ctx.db, c.id, deputyId);
  let allowed = deputiesPolicy.readDuties(ctx.actor, c.id) || (await isSelf(ctx, c.id, d));
  if (!allowed && ctx.actor.kind === 'user' && deputiesPolicy.recordAsStation(ctx.actor, c.id)) {
    const shared = await ctx.db
      .selectFrom('station_staff')
      .innerJoin('station_deputies', 'station_deputies.station_id', 'station_staff.station_id')
      .select('station_staff.id')
      .where('station_staff.user_id', '=', ctx.actor.userId)
      .where('station_deputies.deputy_id', '=', d.id)
      .executeTakeFirst();
    allowed = shared !== undefined;
  }
  authorize(ctx.actor, c.id, allowed);
  const y = year ?? thisYear();
  const rows = await ctx.db.selectFrom('duty_activities').selectAll().where('congress_id', '=', c.id).where('deputy_id', '=', d.id).where('date', '>=', `${y}-01-01`).where('date', '<=', `${y}-12-31`).orderBy('date').orderBy('created_at').execute();
  const activities = rows.map(toActivity);
  const [dto] = await toDeputyDtos(ctx.db, [d], deputiesPolicy.readContact(ctx.actor, c.id) ? ctx.fc : null);
  if (!dto) throw errors.notFound('Deputy', '该代表');
  const sum = summarize(activities);
  return { deputy: dto, year: y, points: sum.points, byKind: sum.byKind, compliance: compliance(d.level, countVisits(activities, y), y), activities };
}

/** S-10 for all deputies of a level: visits, points and whether the yearly minimum is met. */
export async function listDutyCompliance(ctx: PiiCtx, congressId: string, year?: number, level?: DeputyTable['level']) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, deputiesPolicy.readDuties(ctx.actor, c.id));
  const y = year ?? thisYear();
  let dq = ctx.db.selectFrom('deputies').selectAll().where('congress_id', '=', c.id).where('status', '=', 'active');
  if (level) dq = dq.where('level', '=', level);
  const deputies = await dq.orderBy('created_at').execute();
  const acts = await ctx.db
    .selectFrom('duty_activities')
    .select(['deputy_id', 'kind', 'date', 'station_id', 'points'])
    .where('congress_id', '=', c.id)
    .where('date', '>=', `${y}-01-01`)
    .where('date', '<=', `${y}-12-31`)
    .execute();
  const byDeputy = new Map<string, { kind: DutyKind; date: string; stationId: string | null; points: number }[]>();
  for (const a of acts) byDeputy.set(a.deputy_id, [...(byDeputy.get(a.deputy_id) ?? []), { kind: a.kind as DutyKind, date: a.date, stationId: a.station_id, points: a.points }]);
  const dtos = await toDeputyDtos(ctx.db, deputies, null);
  return dtos.map((d) => {
    const list = byDeputy.get(d.id) ?? [];
    return { deputyId: d.id, name: d.name, level: d.level, delegationGroupName: d.delegationGroupName, points: summarize(list).points, compliance: compliance(d.level, countVisits(list, y), y) };
  });
}

