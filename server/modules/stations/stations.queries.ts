import { loadCalendar } from '../../platform/calendar/calendar.repo.ts';
import { addDays, localDateOf } from '../../platform/calendar/calendar.rules.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/command.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { LEVEL_ZH } from '../deputies/deputies.rules.ts';
import { eventDtos, requireStation, toStationDto } from './stations.repo.ts';
import { DEFAULT_ONLINE_GUIDE, DEFAULT_PROCESS, EVENT_KIND_ZH, KIND_ZH, STAFF_ROLE_ZH, buildIcs, feedWindow, receptionCompliance, serviceDays } from './stations.rules.ts';

const today = (): string => localDateOf(nowIso());

/** Public: every active station (the map and the list). */
export async function listStations(ctx: Ctx, congressId: string, q: { kind?: 'station' | 'demonstration_point' | undefined; all?: 'true' | 'false' | undefined }) {
  const c = await requireCongress(ctx.db, congressId);
  let query = ctx.db.selectFrom('stations').selectAll().where('congress_id', '=', c.id);
  if (q.all !== 'true') query = query.where('active', '=', 1);
  if (q.kind) query = query.where('kind', '=', q.kind);
  return (await query.orderBy('code').execute()).map(toStationDto);
}

/** Public: what measures art. 9 asks a station to publish, plus its coming events and service days. */
export async function getStationPage(ctx: Ctx, congressId: string, stationId: string) {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  const staff = await ctx.db.selectFrom('station_staff').selectAll().where('station_id', '=', s.id).orderBy('position').execute();
  const deputies = await ctx.db
    .selectFrom('station_deputies')
    .innerJoin('deputies', 'deputies.id', 'station_deputies.deputy_id')
    .innerJoin('people', 'people.id', 'deputies.person_id')
    .select(['deputies.id', 'people.name', 'deputies.level', 'deputies.constituency'])
    .where('station_deputies.station_id', '=', s.id)
    .where('station_deputies.end_date', 'is', null)
    .where('deputies.status', '=', 'active')
    .orderBy('deputies.level')
    .orderBy('people.name')
    .execute();
  const day = today();
  const upcoming = await ctx.db.selectFrom('station_events').selectAll().where('station_id', '=', s.id).where('date', '>=', day).where('status', '=', 'planned').orderBy('date').orderBy('start_time').limit(20).execute();
  const profile = await loadProfile(ctx.db, c.id);
  const cal = await loadCalendar(ctx.db, c.id);
  const nextServiceDays = profile.serviceDay ? serviceDays(profile.serviceDay, day, addDays(day, 100), cal).slice(0, 3) : [];
  return {
    ...toStationDto(s),
    intro: s.intro,
    rules: s.rules,
    annualPlan: s.annual_plan,
    process: s.process ?? DEFAULT_PROCESS,
    onlineGuide: s.online_guide ?? DEFAULT_ONLINE_GUIDE,
    staff: staff.map((m) => ({ id: m.id, name: m.name, role: m.role, roleZh: STAFF_ROLE_ZH[m.role], duties: m.duties, userId: null })),
    deputies: deputies.map((d) => ({ deputyId: d.id, name: d.name, level: d.level, levelZh: LEVEL_ZH[d.level], constituency: d.constituency })),
    upcoming: await eventDtos(ctx.db, upcoming),
    nextServiceDays,
    calendarUrl: `/api/v1/congresses/${c.id}/stations/${s.id}/calendar.ics`,
    submitUrl: '/api/v1/opinions',
  };
}

export async function listStationEvents(ctx: Ctx, congressId: string, stationId: string, q: { from?: string | undefined; to?: string | undefined }) {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  const w = feedWindow(today());
  const rows = await ctx.db
    .selectFrom('station_events')
    .selectAll()
    .where('station_id', '=', s.id)
    .where('date', '>=', q.from ?? w.from)
    .where('date', '<=', q.to ?? w.to)
    .orderBy('date')
    .orderBy('start_time')
    .limit(1000)
    .execute();
  return eventDtos(ctx.db, rows);
}

/** Public: the service days of a range by the profile's rule, each flagged when it falls on a holiday. */
export async function listServiceDays(ctx: Ctx, congressId: string, from: string, to: string) {
  const c = await requireCongress(ctx.db, congressId);
  const profile = await loadProfile(ctx.db, c.id);
  return serviceDays(profile.serviceDay, from, addDays(from, 800) < to ? addDays(from, 800) : to, await loadCalendar(ctx.db, c.id));
}

/** Public: the station's events as an iCalendar feed (a year back and a year ahead). */
export async function stationCalendar(ctx: Ctx, congressId: string, stationId: string): Promise<string> {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  const w = feedWindow(today());
  const rows = await ctx.db.selectFrom('station_events').selectAll().where('station_id', '=', s.id).where('date', '>=', w.from).where('date', '<=', w.to).orderBy('date').limit(2000).execute();
  return buildIcs(
    `${s.name}活动安排`,
    rows.map((e) => ({
      uid: `${e.id}@yishi`,
      sequence: e.sequence,
      stamp: e.updated_at,
      date: e.date,
      startTime: e.start_time,
      endTime: e.end_time,
      summary: `${EVENT_KIND_ZH[e.kind]}：${e.theme}`,
      location: e.mode === 'online' ? `线上（${e.place}）` : e.place,
      description: `${KIND_ZH[s.kind]}${s.name}。${e.summary ?? ''}`.trim(),
      status: e.status,
      geo: s.lat !== null && s.lng !== null ? { lat: s.lat, lng: s.lng } : null,
    })),
  );
}

/** Public: S-12 month by month for a year: at least one themed reception, announced in advance. */
export async function getReceptionCompliance(ctx: Ctx, congressId: string, stationId: string, year?: number) {
  const c = await requireCongress(ctx.db, congressId);
  const s = await requireStation(ctx.db, c.id, stationId);
  const day = today();
  const y = year ?? Number(day.slice(0, 4));
  const rows = await ctx.db
    .selectFrom('station_events')
    .select(['kind', 'date', 'status', 'announced_at'])
    .where('station_id', '=', s.id)
    .where('date', '>=', `${y}-01-01`)
    .where('date', '<=', `${y}-12-31`)
    .execute();
  return receptionCompliance(rows.map((r) => ({ kind: r.kind, date: r.date, status: r.status, announcedOn: localDateOf(r.announced_at) })), y, day);
}
