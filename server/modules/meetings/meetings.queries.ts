import type { z } from 'zod';
import type { MeetingDetail, Quorum, RuleWarning } from '../../../contracts/meetings.ts';
import type { RulesProfile } from '../../../contracts/profile.ts';
import { nowIso } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/command.ts';
import type { Conn } from '../../platform/db.ts';
import type { MeetingRow } from '../../platform/schema.ts';
import { loadProfile, requireCongress } from '../congress/congress.repo.ts';
import { meetingPolicy } from './meetings.policy.ts';
import { agendaItems, contextFor, listMeetingRows, quorumFor, toAgendaItemDto, toMeetingDto } from './meetings.repo.ts';
import { intervalWarning, localDateOf, publiclyVisible, regularIntervalWarnings, timelinessWarnings } from './meetings.rules.ts';
import { type View, meetingForRead } from './meetings.scope.ts';

export const today = (): string => localDateOf(nowIso());

/** R-M5 timeliness and R-M1 interval (from the previous regular meeting of the term) for one meeting. */
export async function warningsFor(conn: Conn, m: MeetingRow, profile: RulesProfile): Promise<RuleWarning[]> {
  const out = timelinessWarnings(
    { kind: m.kind, state: m.state, date: m.date, councilDate: m.council_date, notifiedOn: m.notified_at ? localDateOf(m.notified_at) : null, today: today() },
    profile,
  );
  if (m.kind === 'regular') {
    let q = conn.selectFrom('meetings').select('date').where('congress_id', '=', m.congress_id).where('kind', '=', 'regular').where('date', '<', m.date).where('id', '!=', m.id);
    q = m.term_id === null ? q.where('term_id', 'is', null) : q.where('term_id', '=', m.term_id);
    const prev = await q.orderBy('date', 'desc').limit(1).executeTakeFirst();
    const gap = prev ? intervalWarning(prev.date, m.date, profile.meetings.regularIntervalMonths) : null;
    if (gap) out.push(gap);
  }
  return out;
}

/** getMeeting: the meeting and its agenda; the public view drops closed items (R-M10) and warnings. */
export async function meetingDetail(conn: Conn, m: MeetingRow, view: View): Promise<z.infer<typeof MeetingDetail>> {
  const ctx = await contextFor(conn, m.congress_id, [m]);
  const items = (await agendaItems(conn, m.congress_id, m.id)).filter((i) => view === 'internal' || i.is_public === 1).map(toAgendaItemDto);
  const dto = toMeetingDto(ctx, m);
  if (view === 'public' && dto.currentAgendaItemId !== null && !items.some((i) => i.id === dto.currentAgendaItemId)) dto.currentAgendaItemId = null;
  const warnings = view === 'internal' ? await warningsFor(conn, m, await loadProfile(conn, m.congress_id)) : [];
  return { ...dto, agendaItems: items, warnings };
}

export async function listMeetings(ctx: Ctx, congressId: string, filter: { kind?: string | undefined; state?: string | undefined; termId?: string | undefined }) {
  const c = await requireCongress(ctx.db, congressId);
  let rows = await listMeetingRows(ctx.db, c.id, filter);
  if (!meetingPolicy.readInternal(ctx.actor, c.id)) rows = rows.filter(publiclyVisible);
  const mc = await contextFor(ctx.db, c.id, rows);
  return rows.map((m) => toMeetingDto(mc, m));
}

export async function getMeeting(ctx: Ctx, meetingId: string) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  return meetingDetail(ctx.db, m, view);
}

/** getQuorum: live, from the attendance and the profile; public for public meetings (the hall's screen shows it). */
export async function getQuorum(ctx: Ctx, meetingId: string): Promise<Quorum> {
  const { m } = await meetingForRead(ctx, meetingId);
  return quorumFor(ctx.db, m);
}

/** R-M1 over the current (or given) term: gaps of more than the profile's interval between regular meetings. */
export async function getMeetingCalendarWarnings(ctx: Ctx, congressId: string, termId?: string) {
  const c = await requireCongress(ctx.db, congressId);
  const profile = await loadProfile(ctx.db, c.id);
  const term = termId
    ? await ctx.db.selectFrom('terms').selectAll().where('congress_id', '=', c.id).where('id', '=', termId).executeTakeFirst()
    : await ctx.db.selectFrom('terms').selectAll().where('congress_id', '=', c.id).orderBy('number', 'desc').limit(1).executeTakeFirst();
  let q = ctx.db.selectFrom('meetings').select(['date', 'is_public', 'state']).where('congress_id', '=', c.id).where('kind', '=', 'regular');
  q = term ? q.where('term_id', '=', term.id) : q;
  const rows = await q.execute();
  const visible = meetingPolicy.readInternal(ctx.actor, c.id) ? rows : rows.filter(publiclyVisible);
  return {
    termId: term?.id ?? null,
    warnings: regularIntervalWarnings({ termStart: term?.start_date ?? null, regularDates: visible.map((r) => r.date), today: today(), months: profile.meetings.regularIntervalMonths }),
  };
}

export async function listAgendaAdjustments(ctx: Ctx, meetingId: string) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  const rows = await ctx.db.selectFrom('agenda_adjustments').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('proposed_at').execute();
  const publicItems = view === 'public' ? new Set((await agendaItems(ctx.db, m.congress_id, m.id, { withRemoved: true })).filter((i) => i.is_public === 1).map((i) => i.id)) : null;
  return rows
    .filter((a) => publicItems === null || (a.agenda_item_id !== null ? publicItems.has(a.agenda_item_id) : (JSON.parse(a.payload) as { item?: { isPublic?: boolean } }).item?.isPublic !== false))
    .map((a) => ({
      id: a.id,
      meetingId: a.meeting_id,
      action: a.action,
      agendaItemId: a.agenda_item_id,
      payload: JSON.parse(a.payload) as Record<string, unknown>,
      reason: a.reason,
      councilDate: a.council_date,
      proposedAt: a.proposed_at,
      status: a.status,
      decidedAt: a.decided_at,
    }));
}

/** The personnel list: internal before the vote; public once the meeting has closed. */
export async function listPersonnelProposals(ctx: Ctx, meetingId: string) {
  const { m, view } = await meetingForRead(ctx, meetingId);
  if (view === 'public' && m.state !== 'closed') return [];
  const rows = await ctx.db.selectFrom('personnel_proposals').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    agendaItemId: r.agenda_item_id,
    section: r.section,
    group: r.group_no,
    act: r.act,
    actZh: r.act_zh,
    personId: r.person_id,
    personName: r.person_name,
    gender: r.gender,
    post: r.post,
    actingPost: r.acting_post,
    docNo: r.doc_no,
    position: r.position,
  }));
}
