import { nowIso } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import { gazetteAttendeeList } from './attendance.rules.ts';
import { agendaItems, contextFor, peopleNames, titleInput } from './meetings.repo.ts';
import { meetingShortTitle } from './meetings.rules.ts';
import { meetingForRead, meetingForReport } from './meetings.scope.ts';
import { speakerView } from './participation.commands.ts';

/** R-M7: non-voting attendees, in the order entered (the gazette's order by organ). Published with the meeting. */
export async function listAttendees(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForRead(ctx, meetingId);
  const rows = await ctx.db.selectFrom('meeting_attendees').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, category: r.category, organ: r.organ, name: r.name, post: r.post, position: r.position }));
}

/** The 列席人员名单 as the gazette prints it (seed L2354–L2367): grouped by organ in order of first appearance. */
export async function getAttendeeList(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForRead(ctx, meetingId);
  const rows = await listAttendees(ctx, meetingId);
  const groups: { organ: string; category: 'mandatory' | 'invited'; names: string[] }[] = [];
  for (const r of rows) {
    const g = groups.find((x) => x.organ === r.organ);
    if (g) g.names.push(r.name);
    else groups.push({ organ: r.organ, category: r.category, names: [r.name] });
  }
  const mc = await contextFor(ctx.db, m.congress_id, [m]);
  const printed = gazetteAttendeeList(meetingShortTitle(titleInput(mc, m)), groups);
  return { title: printed.title, groups, text: printed.text };
}

/** R-M8: the office's list of observer registrations (names, last 4 of the ID, phone). */
export async function listObservers(ctx: Ctx, meetingId: string) {
  const m = await meetingForReport(ctx, meetingId);
  const rows = await ctx.db.selectFrom('observer_registrations').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, idLast4: r.id_last4, phone: r.phone, status: r.status, createdAt: r.created_at, decidedAt: r.decided_at }));
}

/** Public: whether registration is open and how many seats remain. */
export async function getObserverSeats(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForRead(ctx, meetingId);
  const r = await ctx.db.selectFrom('observer_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('status', '=', 'approved').executeTakeFirstOrThrow();
  const approved = r.n;
  return { open: m.is_public === 1 && m.state === 'notified' && approved < m.observer_seats, seats: m.observer_seats, approved, available: Math.max(0, m.observer_seats - approved) };
}

/** R-M9: the group lists and their approval. Internal. */
export async function getGroups(ctx: Ctx, meetingId: string) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  const empty = { state: m.groups_state, approvedByPersonId: m.groups_approved_by, approvedAt: m.groups_approved_at, groups: [] };
  if (view !== 'internal') return { ...empty, state: 'none' as const, approvedByPersonId: null, approvedAt: null };
  const groups = await ctx.db.selectFrom('meeting_groups').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('position').execute();
  const members = await ctx.db.selectFrom('meeting_group_members').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('position').execute();
  const names = await peopleNames(
    ctx.db,
    m.congress_id,
    members.map((x) => x.person_id),
  );
  return {
    ...empty,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      position: g.position,
      members: members.filter((x) => x.group_id === g.id).map((x) => ({ personId: x.person_id, name: names.get(x.person_id) ?? '' })),
    })),
  };
}

export async function listSessions(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForRead(ctx, meetingId);
  const sessions = await ctx.db.selectFrom('meeting_sessions').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('position').execute();
  const conveners = await ctx.db
    .selectFrom('session_conveners')
    .innerJoin('meeting_groups', 'meeting_groups.id', 'session_conveners.group_id')
    .innerJoin('people', 'people.id', 'session_conveners.person_id')
    .select(['session_conveners.session_id', 'session_conveners.group_id', 'meeting_groups.name as group_name', 'meeting_groups.position', 'session_conveners.person_id', 'people.name'])
    .where('session_conveners.congress_id', '=', m.congress_id)
    .where('meeting_groups.meeting_id', '=', m.id)
    .orderBy('meeting_groups.position')
    .execute();
  return sessions.map((s) => ({
    id: s.id,
    kind: s.kind,
    title: s.title,
    date: s.date,
    startsAt: s.starts_at,
    place: s.place,
    agendaItemIds: JSON.parse(s.agenda_item_ids) as string[],
    position: s.position,
    conveners: conveners.filter((c) => c.session_id === s.id).map((c) => ({ groupId: c.group_id, groupName: c.group_name, personId: c.person_id, name: c.name })),
  }));
}

const STATUS_ORDER = { speaking: 0, queued: 1, pending: 2, done: 3, rejected: 4, withdrawn: 5 } as const;

/** The speaker queue with the timer (R-V1). The public sees the queue of public items only. */
export async function listSpeakers(ctx: Ctx, meetingId: string, agendaItemId?: string) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  let q = ctx.db.selectFrom('speakers').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id);
  if (agendaItemId) q = q.where('agenda_item_id', '=', agendaItemId);
  let rows = await q.execute();
  if (view === 'public') {
    const open = new Set((await agendaItems(ctx.db, m.congress_id, m.id)).filter((i) => i.is_public === 1).map((i) => i.id));
    rows = rows.filter((r) => open.has(r.agenda_item_id) && r.status !== 'rejected' && r.status !== 'withdrawn');
  }
  const positions = new Map((await agendaItems(ctx.db, m.congress_id, m.id, { withRemoved: true })).map((i) => [i.id, i.position]));
  rows.sort(
    (a, b) =>
      (positions.get(a.agenda_item_id) ?? 0) - (positions.get(b.agenda_item_id) ?? 0) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.position - b.position ||
      a.requested_at.localeCompare(b.requested_at),
  );
  const names = await peopleNames(
    ctx.db,
    m.congress_id,
    rows.map((r) => r.person_id),
  );
  const now = nowIso();
  return { serverTime: now, speakers: rows.map((r) => speakerView(r, names.get(r.person_id) ?? '', now)) };
}

/** Opinions raised in speeches, per item, for the follow-up. Internal. */
export async function listOpinions(ctx: Ctx, meetingId: string, agendaItemId?: string) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  if (view !== 'internal') return [];
  let q = ctx.db
    .selectFrom('speech_opinions')
    .innerJoin('people', 'people.id', 'speech_opinions.person_id')
    .select(['speech_opinions.id', 'speech_opinions.agenda_item_id', 'speech_opinions.person_id', 'people.name', 'speech_opinions.speaker_id', 'speech_opinions.text', 'speech_opinions.created_at'])
    .where('speech_opinions.congress_id', '=', m.congress_id)
    .where('speech_opinions.meeting_id', '=', m.id);
  if (agendaItemId) q = q.where('speech_opinions.agenda_item_id', '=', agendaItemId);
  const rows = await q.orderBy('speech_opinions.created_at').execute();
  return rows.map((r) => ({ id: r.id, agendaItemId: r.agenda_item_id, personId: r.person_id, name: r.name, speakerId: r.speaker_id, text: r.text, createdAt: r.created_at }));
}

export async function getSession(ctx: Ctx, meetingId: string, sessionId: string) {
  const s = (await listSessions(ctx, meetingId)).find((x) => x.id === sessionId);
  if (!s) throw errors.notFound('Session', '该会议场次');
  return s;
}
