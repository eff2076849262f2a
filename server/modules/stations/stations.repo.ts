import type { Updateable } from 'kysely';
import type { Conn, Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged, forUpdate } from '../../platform/guard.ts';
import type { StationEventTable, StationTable } from '../../platform/schema.ts';

export async function requireStation(conn: Conn, congressId: string, stationId: string): Promise<StationTable> {
  const s = await conn.selectFrom('stations').selectAll().where('congress_id', '=', congressId).where('id', '=', stationId).executeTakeFirst();
  if (!s) throw errors.notFound('Station', '该联络站');
  return s;
}

export async function requireEvent(conn: Conn, congressId: string, eventId: string): Promise<StationEventTable> {
  const e = await conn.selectFrom('station_events').selectAll().where('congress_id', '=', congressId).where('id', '=', eventId).executeTakeFirst();
  if (!e) throw errors.notFound('Event', '该活动');
  return e;
}

/** The event inside a command's transaction, locked on PostgreSQL (sign-ups and the outcome depend on its status). */
export async function lockEvent(tx: Tx, e: Pick<StationEventTable, 'id' | 'congress_id'>): Promise<StationEventTable> {
  const now = await forUpdate(tx, tx.selectFrom('station_events').selectAll().where('congress_id', '=', e.congress_id).where('id', '=', e.id)).executeTakeFirst();
  if (!now) throw errors.notFound('Event', '该活动');
  return now;
}

/** Writes the event only if its status and announcement (SEQUENCE) are still those read; CONCURRENT_CHANGE otherwise. */
export async function moveEvent(tx: Tx, e: Pick<StationEventTable, 'id' | 'congress_id' | 'status' | 'sequence'>, patch: Updateable<StationEventTable>): Promise<void> {
  expectChanged(
    await tx.updateTable('station_events').set(patch).where('congress_id', '=', e.congress_id).where('id', '=', e.id).where('status', '=', e.status).where('sequence', '=', e.sequence).executeTakeFirst(),
  );
}

export async function stationsStaffedBy(conn: Conn, congressId: string, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const rows = await conn.selectFrom('station_staff').select('station_id').where('congress_id', '=', congressId).where('user_id', '=', userId).execute();
  return rows.map((r) => r.station_id);
}

export const toStationDto = (s: StationTable) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  kind: s.kind,
  district: s.district,
  township: s.township,
  address: s.address,
  lat: s.lat,
  lng: s.lng,
  hours: s.hours,
  phone: s.phone,
  active: s.active === 1,
});

export async function eventDtos(conn: Conn, events: readonly StationEventTable[]) {
  if (events.length === 0) return [];
  const stations = await conn.selectFrom('stations').select(['id', 'name']).where('id', 'in', [...new Set(events.map((e) => e.station_id))]).execute();
  const stationName = new Map(stations.map((s) => [s.id, s.name]));
  const signups = await conn
    .selectFrom('event_signups')
    .innerJoin('deputies', 'deputies.id', 'event_signups.deputy_id')
    .innerJoin('people', 'people.id', 'deputies.person_id')
    .select(['event_signups.event_id', 'event_signups.deputy_id', 'event_signups.attended', 'people.name'])
    .where('event_signups.event_id', 'in', events.map((e) => e.id))
    .orderBy('event_signups.signed_up_at')
    .execute();
  return events.map((e) => ({
    id: e.id,
    stationId: e.station_id,
    stationName: stationName.get(e.station_id) ?? '',
    kind: e.kind,
    theme: e.theme,
    date: e.date,
    startTime: e.start_time,
    endTime: e.end_time,
    place: e.place,
    mode: e.mode,
    status: e.status,
    announcedAt: e.announced_at,
    summary: e.summary,
    visitors: e.visitors,
    signups: signups.filter((s) => s.event_id === e.id).map((s) => ({ deputyId: s.deputy_id, name: s.name, attended: s.attended === null ? null : s.attended === 1 })),
  }));
}
