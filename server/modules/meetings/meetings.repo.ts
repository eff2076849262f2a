import type { AgendaItem, Meeting } from '../../../contracts/meetings.ts';
import type { RulesProfile } from '../../../contracts/profile.ts';
import type { Conn, Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { forUpdate } from '../../platform/guard.ts';
import type { AgendaItemTable, CongressTable, MeetingRow } from '../../platform/schema.ts';
import { loadProfile, standingCommitteeOf } from '../congress/congress.repo.ts';
import { ROLE_ZH } from '../people/people.repo.ts';
import { type AttendanceCounts, meetingShortTitle, quorumOf } from './meetings.rules.ts';

// Queries of meetings and their agenda. A meeting is found by id (the API's path names no congress);
// everything below that lookup filters by the meeting's congress_id.

export async function findMeeting(conn: Conn, meetingId: string): Promise<MeetingRow | undefined> {
  return conn.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirst();
}

/**
 * The meeting inside a command's transaction, locked on PostgreSQL: the commands on one meeting (its
 * state, agenda, attendance, documents, observers, speakers) each decide on it as the one before left it.
 */
export async function lockMeetingIn(tx: Tx, congressId: string, meetingId: string): Promise<MeetingRow> {
  const m = await forUpdate(tx, tx.selectFrom('meetings').selectAll().where('congress_id', '=', congressId).where('id', '=', meetingId)).executeTakeFirst();
  if (!m) throw errors.notFound('Meeting', '该会议');
  return m;
}

export interface MeetingContext {
  congress: CongressTable;
  termNumbers: ReadonlyMap<string, number>;
  people: ReadonlyMap<string, string>;
  bodies: ReadonlyMap<string, string>;
}

export async function contextFor(conn: Conn, congressId: string, meetings: readonly MeetingRow[]): Promise<MeetingContext> {
  const congress = await conn.selectFrom('congresses').selectAll().where('id', '=', congressId).executeTakeFirstOrThrow();
  const terms = await conn.selectFrom('terms').select(['id', 'number']).where('congress_id', '=', congressId).execute();
  const personIds = [...new Set(meetings.map((m) => m.presiding_person_id).filter((x): x is string => x !== null))];
  const people = personIds.length === 0 ? [] : await conn.selectFrom('people').select(['id', 'name']).where('congress_id', '=', congressId).where('id', 'in', personIds).execute();
  const bodyIds = [...new Set(meetings.map((m) => m.body_id).filter((x): x is string => x !== null))];
  const bodies = bodyIds.length === 0 ? [] : await conn.selectFrom('bodies').select(['id', 'name']).where('congress_id', '=', congressId).where('id', 'in', bodyIds).execute();
  return {
    congress,
    termNumbers: new Map(terms.map((t) => [t.id, t.number])),
    people: new Map(people.map((p) => [p.id, p.name])),
    bodies: new Map(bodies.map((b) => [b.id, b.name])),
  };
}

export function titleInput(ctx: MeetingContext, m: Pick<MeetingRow, 'term_id' | 'kind' | 'number' | 'body_id'>) {
  return {
    congressName: ctx.congress.name,
    standingCommitteeName: ctx.congress.standing_committee_name,
    region: ctx.congress.region,
    termNumber: m.term_id ? (ctx.termNumbers.get(m.term_id) ?? null) : null,
    kind: m.kind,
    number: m.number,
    bodyName: m.body_id ? (ctx.bodies.get(m.body_id) ?? null) : null,
  };
}

export function toMeetingDto(ctx: MeetingContext, m: MeetingRow): Meeting {
  return {
    id: m.id,
    congressId: m.congress_id,
    termId: m.term_id,
    termNumber: m.term_id ? (ctx.termNumbers.get(m.term_id) ?? null) : null,
    bodyId: m.body_id,
    kind: m.kind,
    number: m.number,
    title: m.title,
    shortTitle: meetingShortTitle(titleInput(ctx, m)),
    date: m.date,
    endDate: m.end_date,
    place: m.place,
    state: m.state,
    isPublic: m.is_public === 1,
    presidingPersonId: m.presiding_person_id,
    presidingPersonName: m.presiding_person_id ? (ctx.people.get(m.presiding_person_id) ?? null) : null,
    councilDate: m.council_date,
    notifiedAt: m.notified_at,
    openedAt: m.opened_at,
    closedAt: m.closed_at,
    videoAllowed: m.video_allowed === 1,
    observerSeats: m.observer_seats,
    schedule: JSON.parse(m.schedule) as Meeting['schedule'],
    attendeeScope: m.attendee_scope,
    agendaAdoptedAt: m.agenda_adopted_at,
    currentAgendaItemId: m.current_agenda_item_id,
    groupsState: m.groups_state,
  };
}

export function toAgendaItemDto(i: AgendaItemTable): AgendaItem {
  return {
    id: i.id,
    meetingId: i.meeting_id,
    position: i.position,
    kind: i.kind,
    title: i.title,
    proposer: i.proposer,
    presenter: i.presenter,
    presenterPost: i.presenter_post,
    isPublic: i.is_public === 1,
    status: i.status,
    outcome: i.outcome,
    details: JSON.parse(i.details) as Record<string, unknown>,
  };
}

export async function listMeetingRows(conn: Conn, congressId: string, filter: { kind?: string | undefined; state?: string | undefined; termId?: string | undefined }) {
  let q = conn.selectFrom('meetings').selectAll().where('congress_id', '=', congressId);
  if (filter.kind) q = q.where('kind', '=', filter.kind as MeetingRow['kind']);
  if (filter.state) q = q.where('state', '=', filter.state as MeetingRow['state']);
  if (filter.termId) q = q.where('term_id', '=', filter.termId);
  return q.orderBy('date', 'desc').orderBy('number', 'desc').limit(1000).execute();
}

/** Agenda items in order; removed ones are kept for the record but not listed unless asked. */
export async function agendaItems(conn: Conn, congressId: string, meetingId: string, opts: { withRemoved?: boolean } = {}) {
  let q = conn.selectFrom('agenda_items').selectAll().where('congress_id', '=', congressId).where('meeting_id', '=', meetingId);
  if (!opts.withRemoved) q = q.where('status', '!=', 'removed');
  return q.orderBy('position').orderBy('created_at').execute();
}

export async function requireItem(conn: Conn, congressId: string, meetingId: string, itemId: string): Promise<AgendaItemTable> {
  const i = await conn.selectFrom('agenda_items').selectAll().where('congress_id', '=', congressId).where('meeting_id', '=', meetingId).where('id', '=', itemId).executeTakeFirst();
  if (!i) throw errors.notFound('Agenda item', '该议题');
  return i;
}

export async function setPositions(conn: Conn, congressId: string, meetingId: string, positions: readonly { id: string; position: number }[]): Promise<void> {
  for (const p of positions) {
    await conn.updateTable('agenda_items').set({ position: p.position }).where('congress_id', '=', congressId).where('meeting_id', '=', meetingId).where('id', '=', p.id).execute();
  }
}

export async function takenNumbers(conn: Conn, congressId: string, termId: string | null, series: string): Promise<number[]> {
  let q = conn.selectFrom('meetings').select('number').where('congress_id', '=', congressId).where('series', '=', series).where('number', 'is not', null);
  q = termId === null ? q.where('term_id', 'is', null) : q.where('term_id', '=', termId);
  return (await q.execute()).map((r) => r.number).filter((n): n is number => n !== null);
}

// ---------------------------------------------------------------- members and attendance

export interface BodyMember {
  id: string;
  name: string;
  role: string;
  roleZh: string;
  rank: number;
}

/**
 * ALL members (全体组成人员) of the body that holds the meeting, on its date, in roster order:
 * the standing committee for regular and special meetings, the council for council meetings, the
 * committee for committee meetings.
 */
export async function bodyMembers(conn: Conn, m: Pick<MeetingRow, 'congress_id' | 'kind' | 'body_id' | 'date'>): Promise<BodyMember[]> {
  let bodyId: string | null = m.body_id;
  if (m.kind === 'regular' || m.kind === 'special') bodyId = (await standingCommitteeOf(conn, m.congress_id))?.id ?? null;
  if (m.kind === 'chairpersons_council' && bodyId === null) {
    bodyId = (await conn.selectFrom('bodies').select('id').where('congress_id', '=', m.congress_id).where('kind', '=', 'chairpersons_council').orderBy('created_at', 'desc').executeTakeFirst())?.id ?? null;
  }
  if (bodyId === null) return [];
  const rows = await conn
    .selectFrom('memberships')
    .innerJoin('people', 'people.id', 'memberships.person_id')
    .select(['people.id', 'people.name', 'memberships.role', 'memberships.rank'])
    .where('memberships.congress_id', '=', m.congress_id)
    .where('memberships.body_id', '=', bodyId)
    .where((eb) => eb.and([eb.or([eb('memberships.start_date', 'is', null), eb('memberships.start_date', '<=', m.date)]), eb.or([eb('memberships.end_date', 'is', null), eb('memberships.end_date', '>', m.date)])]))
    .orderBy('memberships.rank')
    .execute();
  const out = new Map<string, BodyMember>();
  for (const r of rows) if (!out.has(r.id)) out.set(r.id, { id: r.id, name: r.name, role: r.role, roleZh: ROLE_ZH[r.role], rank: r.rank });
  return [...out.values()];
}

/** People who hold the secretary-general's post in the standing committee (R-M6, R-M9). */
export async function secretaryGeneralIds(conn: Conn, congressId: string, onDate: string): Promise<string[]> {
  const sc = await standingCommitteeOf(conn, congressId);
  if (!sc) return [];
  const rows = await conn
    .selectFrom('memberships')
    .select('person_id')
    .where('congress_id', '=', congressId)
    .where('body_id', '=', sc.id)
    .where('role', '=', 'secretary_general')
    .where((eb) => eb.and([eb.or([eb('start_date', 'is', null), eb('start_date', '<=', onDate)]), eb.or([eb('end_date', 'is', null), eb('end_date', '>', onDate)])]))
    .execute();
  return rows.map((r) => r.person_id);
}

/** A member of the meeting's body; a person of the congress who is not one is refused, anyone else is not found. */
export async function requireMember(tx: Conn, m: MeetingRow, personId: string): Promise<BodyMember> {
  const member = (await bodyMembers(tx, m)).find((x) => x.id === personId);
  if (!member) {
    const exists = await tx.selectFrom('people').select('id').where('congress_id', '=', m.congress_id).where('id', '=', personId).executeTakeFirst();
    if (!exists) throw errors.notFound('Person', '该人员');
    throw errors.invalid('NOT_A_MEMBER', '此人不是本次会议的组成人员（列席人员另行登记）', 'This person is not a member of the meeting’s body (non-voting attendees are listed separately)');
  }
  return member;
}

export async function attendanceRows(conn: Conn, congressId: string, meetingId: string) {
  return conn.selectFrom('attendance').selectAll().where('congress_id', '=', congressId).where('meeting_id', '=', meetingId).execute();
}

export function countAttendance(members: readonly BodyMember[], rows: readonly { person_id: string; status: string; mode: string | null }[]): AttendanceCounts {
  const byPerson = new Map(rows.map((r) => [r.person_id, r]));
  const c: AttendanceCounts = { members: members.length, present: 0, video: 0, onLeave: 0, absent: 0 };
  for (const mem of members) {
    const r = byPerson.get(mem.id);
    if (!r) continue;
    if (r.status === 'present') {
      c.present++;
      if (r.mode === 'video') c.video++;
    } else if (r.status === 'leave') c.onLeave++;
    else c.absent++;
  }
  return c;
}

/** The live quorum of a meeting (R-M3), from the congress's rules profile. */
export async function quorumFor(conn: Conn, m: MeetingRow, profile?: RulesProfile) {
  const p = profile ?? (await loadProfile(conn, m.congress_id));
  const members = await bodyMembers(conn, m);
  const rows = await attendanceRows(conn, m.congress_id, m.id);
  return quorumOf(p, countAttendance(members, rows));
}

export async function upsertAttendance(
  conn: Conn,
  row: { congress_id: string; meeting_id: string; person_id: string; status: 'present' | 'leave' | 'absent'; mode: 'onsite' | 'video' | null; reason: string | null; recorded_at: string; recorded_by: string | null },
) {
  const before = await conn.selectFrom('attendance').selectAll().where('congress_id', '=', row.congress_id).where('meeting_id', '=', row.meeting_id).where('person_id', '=', row.person_id).executeTakeFirst();
  // One statement for insert-or-update, so two sign-ins at once never collide on the key.
  await conn
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) => oc.columns(['meeting_id', 'person_id']).doUpdateSet({ status: row.status, mode: row.mode, reason: row.reason, recorded_at: row.recorded_at, recorded_by: row.recorded_by }))
    .execute();
  return before ?? null;
}

export async function peopleNames(conn: Conn, congressId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await conn.selectFrom('people').select(['id', 'name']).where('congress_id', '=', congressId).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
