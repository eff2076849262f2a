import type { Conn } from '../db.ts';
import { errors } from '../errors.ts';
import { BASE_DATA_LAST_YEAR, type DayOverride, type WorkingCalendar, createCalendar } from './calendar.rules.ts';

/** The office's overrides for a congress, oldest first. */
export async function listOverrides(conn: Conn, congressId: string, range?: { from: string; to: string }): Promise<(DayOverride & { updatedAt: string })[]> {
  let q = conn.selectFrom('calendar_overrides').select(['date', 'working', 'note', 'updated_at']).where('congress_id', '=', congressId);
  if (range) q = q.where('date', '>=', range.from).where('date', '<=', range.to);
  const rows = await q.orderBy('date').execute();
  return rows.map((r) => ({ date: r.date, working: r.working === 1, note: r.note, updatedAt: r.updated_at }));
}

/** The working-day calendar of a congress: the national data plus its office's overrides. */
export async function loadCalendar(conn: Conn, congressId: string): Promise<WorkingCalendar> {
  return createCalendar(await listOverrides(conn, congressId));
}

/** The congress a request names (id or slug); 404 when there is none. */
export async function requireCongressId(conn: Conn, idOrSlug: string): Promise<string> {
  const c = await conn.selectFrom('congresses').select('id').where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst();
  if (!c) throw errors.notFound('Congress', '该人大');
  return c.id;
}

/**
 * Years among `dates` that the calendar cannot count right yet: past the bundled State Council data
 * and without any override entered by the office for that year. Deadlines in them fall back to the
 * weekday rule, so screens should say so.
 */
export async function uncoveredYears(conn: Conn, congressId: string, dates: readonly string[]): Promise<number[]> {
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].filter((y) => y > BASE_DATA_LAST_YEAR).sort();
  const out: number[] = [];
  for (const y of years) {
    const any = await conn.selectFrom('calendar_overrides').select('date').where('congress_id', '=', congressId).where('date', '>=', `${String(y)}-01-01`).where('date', '<=', `${String(y)}-12-31`).limit(1).executeTakeFirst();
    if (!any) out.push(y);
  }
  return out;
}
