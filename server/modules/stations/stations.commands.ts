import type { z } from 'zod';
import type { AddStaff, CreateEvent, CreateStation, EventOutcome, ScheduleServiceDays, UpdateEvent, UpdateStation } from '../../../contracts/stations.ts';
import { authorize } from '../../platform/access.ts';
import { loadCalendar } from '../../platform/calendar/calendar.repo.ts';
import { localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import type { StationEventTable, StationTable } from '../../platform/schema.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { deputyOfUser, requireDeputy, scoringTable } from '../deputies/deputies.repo.ts';
import { pointsFor } from '../deputies/deputies.rules.ts';
import { stationsPolicy } from './stations.policy.ts';
import { lockEvent, moveEvent, requireEvent, requireStation, stationsStaffedBy } from './stations.repo.ts';
import { EVENT_KIND_ZH, checkAnnouncedInAdvance, checkTimes, serviceDays, stationRowsFromCsv } from './stations.rules.ts';

const today = (): string => localDateOf(nowIso());
const userIdOf = (ctx: Ctx): string | null => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

async function authorizeRun(ctx: Ctx, congressId: string, stationId: string): Promise<void> {
  const staffOf = await stationsStaffedBy(ctx.db, congressId, userIdOf(ctx));
  authorize(ctx.actor, congressId, stationsPolicy.runStation(ctx.actor, congressId, staffOf, stationId));
}

const stationColumns = (i: Partial<z.infer<typeof CreateStation>>) => ({
  ...(i.name !== undefined ? { name: i.name } : {}),
  ...(i.kind !== undefined ? { kind: i.kind } : {}),
  ...(i.district !== undefined ? { district: i.district } : {}),
  ...(i.township !== undefined ? { township: i.township } : {}),
  ...(i.address !== undefined ? { address: i.address } : {}),
  ...(i.lat !== undefined ? { lat: i.lat } : {}),
  ...(i.lng !== undefined ? { lng: i.lng } : {}),
  ...(i.hours !== undefined ? { hours: i.hours } : {}),
  ...(i.phone !== undefined ? { phone: i.phone } : {}),
  ...(i.intro !== undefined ? { intro: i.intro } : {}),
  ...(i.rules !== undefined ? { rules: i.rules } : {}),
  ...(i.annualPlan !== undefined ? { annual_plan: i.annualPlan } : {}),
  ...(i.process !== undefined ? { process: i.process } : {}),
  ...(i.onlineGuide !== undefined ? { online_guide: i.onlineGuide } : {}),
});

export async function createStation(ctx: Ctx, congressId: string, input: z.infer<typeof CreateStation>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, stationsPolicy.manage(ctx.actor, c.id));
  return runCommand(ctx, async (tx, rec) => {
    const dup = await tx.selectFrom('stations').select('id').where('congress_id', '=', c.id).where('code', '=', input.code).executeTakeFirst();
    if (dup) throw errors.conflict('STATION_CODE_TAKEN', '该编号已被使用', 'That station code is already in use');
    const at = nowIso();
    const row: StationTable = {
      id: newId(),
      congress_id: c.id,
      code: input.code,
      name: input.name,
      kind: input.kind,
      district: null,
      township: null,
      address: input.address,
      lat: null,
      lng: null,
      hours: null,
      phone: null,
      intro: null,
      rules: null,
      annual_plan: null,
      process: null,
      online_guide: null,
      active: 1,
      created_at: at,
      updated_at: at,
      ...stationColumns(input),
    };
    await tx.insertInto('stations').values(row).execute();
    rec.audit({ congressId: c.id, action: 'station.created', targetType: 'station', targetId: row.id, data: { code: input.code, name: input.name } });
    return row.id;
  });
}

export async function updateStation(ctx: Ctx, congressId: string, stationId: string, input: z.infer<typeof UpdateStation>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  // The office edits everything; a station's own staff keep its public texts (rules, plan, guide) up to date.
  await authorizeRun(ctx, c.id, s.id);
  const structural = input.kind !== undefined || input.active !== undefined || input.name !== undefined;
  if (structural) authorize(ctx.actor, c.id, stationsPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    await tx
      .updateTable('stations')
      .set({ ...stationColumns(input), ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}), updated_at: nowIso() })
      .where('id', '=', s.id)
      .execute();
    rec.audit({ congressId: c.id, action: 'station.updated', targetType: 'station', targetId: s.id, data: { patch: input } });
  });
}

/** Bulk import (Hebi: 74 stations and 15 demonstration points) from CSV; by code, all or nothing. */
export async function importStations(ctx: Ctx, congressId: string, csv: string) {
  const c = await requireCongress(ctx.db, congressId);
  authorize(ctx.actor, c.id, stationsPolicy.manage(ctx.actor, c.id));
  const rows = stationRowsFromCsv(csv);
  return runCommand(ctx, async (tx, rec) => {
    const existing = await tx.selectFrom('stations').select(['id', 'code']).where('congress_id', '=', c.id).execute();
    const byCode = new Map(existing.map((e) => [e.code, e.id]));
    let created = 0;
    let updated = 0;
    const at = nowIso();
    for (const r of rows) {
      const cols = { name: r.name, kind: r.kind, district: r.district, township: r.township, address: r.address, lat: r.lat, lng: r.lng, hours: r.hours, phone: r.phone, updated_at: at };
      const id = byCode.get(r.code);
      if (id) {
        await tx.updateTable('stations').set(cols).where('id', '=', id).execute();
        updated++;
      } else {
        await tx
          .insertInto('stations')
          .values({ id: newId(), congress_id: c.id, code: r.code, ...cols, intro: null, rules: null, annual_plan: null, process: null, online_guide: null, active: 1, created_at: at })
          .execute();
        created++;
      }
    }
    rec.audit({ congressId: c.id, action: 'station.imported', targetType: 'congress', targetId: c.id, data: { created, updated } });
    return { created, updated, total: rows.length };
  });
}

/** Measures art. 8: 站长, 副站长, 联络员. A staff member may be tied to a user with the station_staff role. */
export async function addStationStaff(ctx: Ctx, congressId: string, stationId: string, input: z.infer<typeof AddStaff>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  authorize(ctx.actor, c.id, stationsPolicy.manage(ctx.actor, c.id));
  if (input.userId) {
    const g = await ctx.db.selectFrom('role_grants').select('role').where('user_id', '=', input.userId).where('congress_id', '=', c.id).where('role', '=', 'station_staff').executeTakeFirst();
    if (!g) throw errors.invalid('NOT_STATION_STAFF', '该用户没有“联络站工作人员”角色', 'The user does not have the station_staff role in this congress');
  }
  return runCommand(ctx, async (tx, rec) => {
    const n = await tx.selectFrom('station_staff').select((eb) => eb.fn.countAll<number>().as('n')).where('station_id', '=', s.id).executeTakeFirstOrThrow();
    const id = newId();
    await tx
      .insertInto('station_staff')
      .values({ id, congress_id: c.id, station_id: s.id, name: input.name, role: input.role, duties: input.duties ?? null, user_id: input.userId ?? null, position: n.n, created_at: nowIso() })
      .execute();
    rec.audit({ congressId: c.id, action: 'station.staff_added', targetType: 'station', targetId: s.id, data: { staffId: id, role: input.role, userId: input.userId ?? null } });
    return id;
  });
}

export async function removeStationStaff(ctx: Ctx, congressId: string, stationId: string, staffId: string): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  authorize(ctx.actor, c.id, stationsPolicy.manage(ctx.actor, c.id));
  await runCommand(ctx, async (tx, rec) => {
    const r = await tx.deleteFrom('station_staff').where('station_id', '=', s.id).where('id', '=', staffId).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw errors.notFound('Staff member', '该工作人员');
    rec.audit({ congressId: c.id, action: 'station.staff_removed', targetType: 'station', targetId: s.id, data: { staffId } });
  });
}

// ------------------------------------------------------------------ events

function newEvent(c: string, s: StationTable, input: z.infer<typeof CreateEvent>, by: string | null, at: string): StationEventTable {
  return {
    id: newId(),
    congress_id: c,
    station_id: s.id,
    kind: input.kind,
    theme: input.theme,
    date: input.date,
    start_time: input.startTime,
    end_time: input.endTime,
    place: input.place ?? `${s.name}（${s.address}）`,
    mode: input.mode ?? 'onsite',
    status: 'planned',
    announced_at: at,
    summary: null,
    visitors: null,
    sequence: 0,
    created_at: at,
    updated_at: at,
    created_by: by,
  };
}

/** S-12: a themed reception (or other station activity) with time, place and theme, announced in advance. */
export async function createStationEvent(ctx: Ctx, congressId: string, stationId: string, input: z.infer<typeof CreateEvent>): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  await authorizeRun(ctx, c.id, s.id);
  checkTimes(input.startTime, input.endTime);
  checkAnnouncedInAdvance(input.kind, input.date, today());
  return runCommand(ctx, async (tx, rec) => {
    const row = newEvent(c.id, s, input, userIdOf(ctx), nowIso());
    await tx.insertInto('station_events').values(row).execute();
    rec.audit({ congressId: c.id, action: 'station.event_created', targetType: 'station_event', targetId: row.id, data: { stationId: s.id, kind: input.kind, date: input.date } });
    rec.emit({ topic: 'stations', congressId: c.id, id: s.id, audience: 'public' });
    return row.id;
  });
}

/** A change is announced again (iCalendar SEQUENCE goes up so subscribed calendars update). */
export async function updateStationEvent(ctx: Ctx, congressId: string, eventId: string, input: z.infer<typeof UpdateEvent>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireEvent(ctx.db, c.id, eventId);
  await authorizeRun(ctx, c.id, found.station_id);
  await runCommand(ctx, async (tx, rec) => {
    const e = await lockEvent(tx, found);
    if (e.status !== 'planned') throw errors.conflict('EVENT_CLOSED', '活动已举行或已取消，不能修改', 'The event was held or cancelled');
    const date = input.date ?? e.date;
    checkTimes(input.startTime ?? e.start_time, input.endTime ?? e.end_time);
    if (input.date !== undefined || input.startTime !== undefined) checkAnnouncedInAdvance(e.kind, date, today());
    await moveEvent(tx, e, {
      ...(input.theme !== undefined ? { theme: input.theme } : {}),
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(input.startTime !== undefined ? { start_time: input.startTime } : {}),
      ...(input.endTime !== undefined ? { end_time: input.endTime } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
      sequence: e.sequence + 1,
      announced_at: nowIso(),
      updated_at: nowIso(),
    });
    rec.audit({ congressId: c.id, action: 'station.event_updated', targetType: 'station_event', targetId: e.id, data: { patch: input } });
  });
}

export async function cancelStationEvent(ctx: Ctx, congressId: string, eventId: string): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireEvent(ctx.db, c.id, eventId);
  await authorizeRun(ctx, c.id, found.station_id);
  await runCommand(ctx, async (tx, rec) => {
    const e = await lockEvent(tx, found);
    if (e.status !== 'planned') throw errors.conflict('EVENT_CLOSED', '活动已举行或已取消', 'The event was held or cancelled');
    await moveEvent(tx, e, { status: 'cancelled', sequence: e.sequence + 1, updated_at: nowIso() });
    rec.audit({ congressId: c.id, action: 'station.event_cancelled', targetType: 'station_event', targetId: e.id });
  });
}

/**
 * SD-1: service-day events on every service day of the profile (third Friday) in a range. A day
 * that is a public holiday is not scheduled but reported, for the office to choose another; days
 * that already have a service day are left alone.
 */
export async function scheduleServiceDays(ctx: Ctx, congressId: string, stationId: string, input: z.infer<typeof ScheduleServiceDays>) {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  await authorizeRun(ctx, c.id, s.id);
  checkTimes(input.startTime, input.endTime);
  if (input.to < input.from || input.to > `${String(Number(input.from.slice(0, 4)) + 2)}${input.from.slice(4)}`) {
    throw errors.invalid('RANGE', '日期范围无效（最长两年）', 'Invalid range (two years at most)');
  }
  const profile = await loadProfile(ctx.db, c.id);
  const cal = await loadCalendar(ctx.db, c.id);
  const day = today();
  const days = serviceDays(profile.serviceDay, input.from, input.to, cal).filter((d) => d.date > day);
  return runCommand(ctx, async (tx, rec) => {
    const existing = new Set((await tx.selectFrom('station_events').select('date').where('station_id', '=', s.id).where('kind', '=', 'service_day').where('status', '!=', 'cancelled').execute()).map((e) => e.date));
    const created: string[] = [];
    const skipped: { date: string; reason: string }[] = [];
    const at = nowIso();
    for (const d of days) {
      if (!d.working) {
        skipped.push({ date: d.date, reason: d.holiday ?? '节假日' });
        continue;
      }
      if (existing.has(d.date)) {
        skipped.push({ date: d.date, reason: '已安排' });
        continue;
      }
      const row = newEvent(c.id, s, { kind: 'service_day', theme: input.theme, date: d.date, startTime: input.startTime, endTime: input.endTime, ...(input.place ? { place: input.place } : {}) }, userIdOf(ctx), at);
      await tx.insertInto('station_events').values(row).execute();
      created.push(row.id);
    }
    rec.audit({ congressId: c.id, action: 'station.service_days_scheduled', targetType: 'station', targetId: s.id, data: { created: created.length, skipped } });
    return { created, skipped };
  });
}

async function deputyFor(ctx: Ctx, congressId: string, deputyId: string | undefined): Promise<string> {
  if (deputyId && stationsPolicy.manage(ctx.actor, congressId)) return (await requireDeputy(ctx.db, congressId, deputyId)).id;
  authorize(ctx.actor, congressId, stationsPolicy.isDeputy(ctx.actor, congressId));
  const me = ctx.actor.kind === 'user' ? await deputyOfUser(ctx.db, congressId, ctx.actor.personId) : undefined;
  if (!me) throw errors.invalid('NOT_A_DEPUTY', '您的账号未关联在任代表', 'Your account is not linked to a serving deputy');
  if (deputyId && deputyId !== me.id) authorize(ctx.actor, congressId, false);
  return me.id;
}

/** A deputy signs up for an event (the office may sign a deputy up). */
export async function signUpForEvent(ctx: Ctx, congressId: string, eventId: string, deputyId: string | undefined): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireEvent(ctx.db, c.id, eventId);
  const d = await deputyFor(ctx, c.id, deputyId);
  await runCommand(ctx, async (tx, rec) => {
    const e = await lockEvent(tx, found);
    if (e.status !== 'planned') throw errors.conflict('EVENT_CLOSED', '活动已举行或已取消', 'The event was held or cancelled');
    const dup = await tx.selectFrom('event_signups').select('deputy_id').where('event_id', '=', e.id).where('deputy_id', '=', d).executeTakeFirst();
    if (dup) throw errors.conflict('ALREADY_SIGNED_UP', '已报名', 'Already signed up');
    await tx.insertInto('event_signups').values({ congress_id: c.id, event_id: e.id, deputy_id: d, signed_up_at: nowIso(), attended: null }).execute();
    rec.audit({ congressId: c.id, action: 'station.event_signup', targetType: 'station_event', targetId: e.id, data: { deputyId: d } });
  });
}

export async function withdrawSignup(ctx: Ctx, congressId: string, eventId: string, deputyId: string): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireEvent(ctx.db, c.id, eventId);
  const d = await deputyFor(ctx, c.id, deputyId);
  await runCommand(ctx, async (tx, rec) => {
    const e = await lockEvent(tx, found);
    if (e.status !== 'planned') throw errors.conflict('EVENT_CLOSED', '活动已举行或已取消', 'The event was held or cancelled');
    const r = await tx.deleteFrom('event_signups').where('event_id', '=', e.id).where('deputy_id', '=', d).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw errors.notFound('Sign-up', '该报名');
    rec.audit({ congressId: c.id, action: 'station.event_signup_withdrawn', targetType: 'station_event', targetId: e.id, data: { deputyId: d } });
  });
}

const DUTY_KIND = { service_day: 'service_day', themed_reception: 'reception', other: 'station_visit' } as const;

/**
 * What happened (measures art. 18: 履职登记): the event is held, attendance recorded, and each
 * deputy present gets a duty activity with the sign-in as evidence and points from the table.
 */
export async function recordEventOutcome(ctx: Ctx, congressId: string, eventId: string, input: z.infer<typeof EventOutcome>): Promise<void> {
  const c = await requireCongress(ctx.db, congressId);
  const found = await requireEvent(ctx.db, c.id, eventId);
  await authorizeRun(ctx, c.id, found.station_id);
  const attended = [...new Set(input.attendedDeputyIds)];
  if (attended.length > 0) {
    const found = await ctx.db.selectFrom('deputies').select('id').where('congress_id', '=', c.id).where('id', 'in', attended).execute();
    if (found.length !== attended.length) throw errors.notFound('Deputy', '该代表');
  }
  const table = await scoringTable(ctx.db, c.id);
  const kind = DUTY_KIND[found.kind];
  await runCommand(ctx, async (tx, rec) => {
    const e = await lockEvent(tx, found);
    if (e.status === 'cancelled') throw errors.conflict('EVENT_CANCELLED', '活动已取消', 'The event was cancelled');
    if (e.date > today()) throw errors.conflict('NOT_YET_HELD', '活动尚未举行', 'The event has not taken place yet');
    const at = nowIso();
    await moveEvent(tx, e, { status: 'held', summary: input.summary, visitors: input.visitors, updated_at: at });
    await tx.updateTable('event_signups').set({ attended: 0 }).where('event_id', '=', e.id).execute();
    const signed = new Set((await tx.selectFrom('event_signups').select('deputy_id').where('event_id', '=', e.id).execute()).map((r) => r.deputy_id));
    const credited = new Set((await tx.selectFrom('duty_activities').select('deputy_id').where('event_id', '=', e.id).execute()).map((r) => r.deputy_id));
    for (const d of attended) {
      if (signed.has(d)) await tx.updateTable('event_signups').set({ attended: 1 }).where('event_id', '=', e.id).where('deputy_id', '=', d).execute();
      else await tx.insertInto('event_signups').values({ congress_id: c.id, event_id: e.id, deputy_id: d, signed_up_at: at, attended: 1 }).execute();
      if (credited.has(d)) continue;
      await tx
        .insertInto('duty_activities')
        .values({
          id: newId(),
          congress_id: c.id,
          deputy_id: d,
          kind,
          date: e.date,
          station_id: e.station_id,
          event_id: e.id,
          title: `${EVENT_KIND_ZH[e.kind]}：${e.theme}`,
          evidence: JSON.stringify([{ kind: 'sign_in', ref: `station_event:${e.id}`, note: `到场群众${String(input.visitors)}人` }]),
          evaluation: null,
          points: pointsFor(kind, table),
          recorded_by: userIdOf(ctx),
          created_at: at,
        })
        .execute();
    }
    rec.audit({ congressId: c.id, action: 'station.event_held', targetType: 'station_event', targetId: e.id, data: { visitors: input.visitors, attended, opinionsCollected: input.opinionsCollected ?? null } });
  });
}
