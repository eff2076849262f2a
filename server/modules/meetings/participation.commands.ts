import { scrypt } from 'node:crypto';
import { promisify } from 'node:util';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { CreateAttendee, CreateSession, DraftGroups, RecordOpinion, RegisterObserver, RegisterSpeaker } from '../../../contracts/meetings.ts';
import { type Actor, type UserActor, belongsTo, insider } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Conn, Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged } from '../../platform/guard.ts';
import type { MeetingRow, SpeakerTable } from '../../platform/schema.ts';
import { loadProfile } from '../congress/congress.repo.ts';
import { meetingNotFound, meetingPolicy } from './meetings.policy.ts';
import { bodyMembers, findMeeting, lockMeetingIn, peopleNames, requireItem, requireMember, secretaryGeneralIds } from './meetings.repo.ts';
import { RULE, assertInSession, assertNotClosed, isValidDate, publiclyVisible, zhNumber } from './meetings.rules.ts';
import { emit, meetingForWrite } from './meetings.scope.ts';
import {
  checkGroupDraft,
  checkGroupSession,
  checkGroupsApprover,
  checkObserverApproval,
  checkObserverRegistration,
  checkPresidingActor,
  checkQueueOrder,
  checkSpeakerRegistration,
  defaultSessionTitle,
  nextConvener,
  normaliseIdNumber,
  normalisePhone,
  speakerKind,
  speechLimitSeconds,
  speechTimer,
} from './participation.rules.ts';

// Non-voting attendees (R-M7), citizen observers (R-M8), groups and sessions (R-M9), speakers and
// the opinions raised in speeches (R-V1).

/** Inside a transaction: the meeting as it is now, locked until commit on PostgreSQL (seats, the queue, the one speech at a time). */
const fresh = (tx: Tx, m: MeetingRow) => lockMeetingIn(tx, m.congress_id, m.id);

/** Moves a speaker on from the status read; CONCURRENT_CHANGE when another command moved them first. */
async function moveSpeaker(tx: Tx, s: Pick<SpeakerTable, 'id' | 'congress_id' | 'status'>, patch: Updateable<SpeakerTable>): Promise<void> {
  expectChanged(await tx.updateTable('speakers').set(patch).where('congress_id', '=', s.congress_id).where('id', '=', s.id).where('status', '=', s.status).executeTakeFirst());
}

/** In the congress, signed in: the rule decides the rest (R-M9 approvals, R-V1 presiding acts). */
async function meetingOfCongress(ctx: Ctx, meetingId: string): Promise<{ m: MeetingRow; actor: UserActor }> {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, meetingId);
  if (!m || !belongsTo(actor, m.congress_id)) throw meetingNotFound();
  return { m, actor };
}

// ---------------------------------------------------------------- non-voting attendees (R-M7)

export async function addAttendee(ctx: Ctx, meetingId: string, input: z.infer<typeof CreateAttendee>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    assertNotClosed((await fresh(tx, m)).state);
    const last = await tx.selectFrom('meeting_attendees').select((eb) => eb.fn.max('position').as('p')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).executeTakeFirst();
    const row = { id: newId(), congress_id: m.congress_id, meeting_id: m.id, category: input.category, organ: input.organ, name: input.name, post: input.post ?? null, position: (last?.p ?? 0) + 1, created_at: nowIso() };
    await tx.insertInto('meeting_attendees').values(row).execute();
    rec.audit({ congressId: m.congress_id, action: 'attendee.added', targetType: 'meeting_attendee', targetId: row.id, data: { meetingId: m.id, ...input } });
    emit(rec, m, 'meeting');
    return { id: row.id, category: row.category, organ: row.organ, name: row.name, post: row.post, position: row.position };
  });
}

export async function removeAttendee(ctx: Ctx, meetingId: string, attendeeId: string) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    assertNotClosed((await fresh(tx, m)).state);
    const a = await tx.selectFrom('meeting_attendees').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id', '=', attendeeId).executeTakeFirst();
    if (!a) throw errors.notFound('Attendee', '该列席人员');
    await tx.deleteFrom('meeting_attendees').where('congress_id', '=', m.congress_id).where('id', '=', a.id).execute();
    rec.audit({ congressId: m.congress_id, action: 'attendee.removed', targetType: 'meeting_attendee', targetId: a.id, data: { meetingId: m.id, organ: a.organ, name: a.name, category: a.category } });
    emit(rec, m, 'meeting');
  });
}

// ---------------------------------------------------------------- citizen observers (R-M8)

const scryptAsync = promisify(scrypt) as (password: string, salt: string, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

/**
 * The identity number is never stored: a slow salted hash (scrypt, salted per meeting and with an
 * optional installation pepper) detects a second registration for the same meeting, and the last 4
 * characters let the office match the card at the door. An ID number has little entropy, so a fast
 * hash would be reversible by enumeration; scrypt makes that impractically slow.
 */
async function idHash(meetingId: string, id: string): Promise<string> {
  const salt = `yishi-observer|${meetingId}|${process.env.YISHI_ID_PEPPER ?? ''}`;
  return (await scryptAsync(id, salt, 32, { N: 16384, r: 8, p: 1 })).toString('hex');
}

async function approvedCount(conn: Conn, m: MeetingRow): Promise<number> {
  const r = await conn.selectFrom('observer_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('status', '=', 'approved').executeTakeFirstOrThrow();
  return r.n;
}

/** Public: a citizen registers to observe an announced public meeting. */
export async function registerObserver(ctx: Ctx, meetingId: string, input: z.infer<typeof RegisterObserver>) {
  const m = await findMeeting(ctx.db, meetingId);
  if (!m || (!publiclyVisible(m) && !insider(ctx.actor, m.congress_id))) throw meetingNotFound();
  const id = normaliseIdNumber(input.idNumber);
  const phone = normalisePhone(input.phone);
  const hash = await idHash(m.id, id);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    const approved = await approvedCount(tx, now);
    checkObserverRegistration({ isPublic: now.is_public === 1, state: now.state, seats: now.observer_seats, approved });
    const dup = await tx.selectFrom('observer_registrations').select('id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id_hash', '=', hash).executeTakeFirst();
    if (dup) throw errors.conflict('OBSERVER_REGISTERED', '该身份证号码已报名旁听本次会议', 'This identity number is already registered for this meeting', RULE.M8);
    const row = { id: newId(), congress_id: m.congress_id, meeting_id: m.id, name: input.name, id_hash: hash, id_last4: id.slice(-4), phone, status: 'pending' as const, created_at: nowIso(), decided_at: null, decided_by: null };
    await tx.insertInto('observer_registrations').values(row).execute();
    // The audit entry names the registration, never the identity number or the phone.
    rec.audit({ congressId: m.congress_id, action: 'observer.registered', targetType: 'observer_registration', targetId: row.id, data: { meetingId: m.id, idLast4: row.id_last4 } });
    emit(rec, m, 'meeting');
    return { id: row.id, status: row.status, seats: now.observer_seats, approved };
  });
}

export async function decideObserver(ctx: Ctx, meetingId: string, registrationId: string, approve: boolean) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertNotClosed(now.state);
    const r = await tx.selectFrom('observer_registrations').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id', '=', registrationId).executeTakeFirst();
    if (!r) throw errors.notFound('Registration', '该旁听报名');
    if (r.status !== 'pending') throw errors.conflict('OBSERVER_DECIDED', '该报名已经处理', 'That registration has already been decided', RULE.M8);
    if (approve) checkObserverApproval(now.observer_seats, await approvedCount(tx, now));
    const at = nowIso();
    expectChanged(await tx.updateTable('observer_registrations').set({ status: approve ? 'approved' : 'rejected', decided_at: at, decided_by: actor.userId }).where('congress_id', '=', m.congress_id).where('id', '=', r.id).where('status', '=', 'pending').executeTakeFirst());
    rec.audit({ congressId: m.congress_id, action: approve ? 'observer.approved' : 'observer.rejected', targetType: 'observer_registration', targetId: r.id, data: { meetingId: m.id } });
    emit(rec, m, 'meeting');
    return { id: r.id, name: r.name, idLast4: r.id_last4, phone: r.phone, status: approve ? ('approved' as const) : ('rejected' as const), createdAt: r.created_at, decidedAt: at };
  });
}

// ---------------------------------------------------------------- groups and sessions (R-M9)

/** The office drafts the group lists; any earlier approval lapses. */
export async function draftGroups(ctx: Ctx, meetingId: string, input: z.infer<typeof DraftGroups>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertNotClosed(now.state);
    const sessions = await tx.selectFrom('meeting_sessions').select('id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('kind', '=', 'group').executeTakeFirst();
    if (sessions) throw errors.conflict('GROUP_SESSIONS_EXIST', '已经安排分组会议，分组名单不能再改', 'Group sessions are already arranged; the group lists can no longer change', RULE.M9);
    const members = await bodyMembers(tx, now);
    checkGroupDraft(input.groups, new Set(members.map((x) => x.id)));
    await tx.deleteFrom('meeting_group_members').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).execute();
    await tx.deleteFrom('meeting_groups').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).execute();
    for (const [gi, g] of input.groups.entries()) {
      const groupId = newId();
      await tx.insertInto('meeting_groups').values({ id: groupId, congress_id: m.congress_id, meeting_id: m.id, name: g.name, position: gi + 1 }).execute();
      if (g.memberIds.length > 0) {
        await tx
          .insertInto('meeting_group_members')
          .values(g.memberIds.map((personId, i) => ({ congress_id: m.congress_id, group_id: groupId, meeting_id: m.id, person_id: personId, position: i + 1 })))
          .execute();
      }
    }
    await tx.updateTable('meetings').set({ groups_state: 'draft', groups_approved_by: null, groups_approved_at: null }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
    rec.audit({ congressId: m.congress_id, action: 'groups.drafted', targetType: 'meeting', targetId: m.id, data: { groups: input.groups } });
    emit(rec, m, 'meeting');
  });
}

/** R-M9: the secretary-general approves the drafted group lists. */
export async function approveGroups(ctx: Ctx, meetingId: string) {
  const { m, actor } = await meetingOfCongress(ctx, meetingId);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertNotClosed(now.state);
    checkGroupsApprover(actor.personId, await secretaryGeneralIds(tx, m.congress_id, now.date), now.groups_state);
    await tx.updateTable('meetings').set({ groups_state: 'approved', groups_approved_by: actor.personId, groups_approved_at: nowIso() }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
    rec.audit({ congressId: m.congress_id, action: 'groups.approved', targetType: 'meeting', targetId: m.id, data: { by: actor.personId } });
    emit(rec, m, 'meeting');
  });
}

/** Plenary, group or joint session; a group session gets each group's convener by rotation (R-M9). */
export async function createSession(ctx: Ctx, meetingId: string, input: z.infer<typeof CreateSession>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  if (!isValidDate(input.date)) throw errors.invalid('INVALID_DATE', '日期无效', 'The date is not valid');
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertNotClosed(now.state);
    for (const id of input.agendaItemIds ?? []) await requireItem(tx, m.congress_id, m.id, id);
    const sameKind = await tx.selectFrom('meeting_sessions').select('id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('kind', '=', input.kind).execute();
    const last = await tx.selectFrom('meeting_sessions').select((eb) => eb.fn.max('position').as('p')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).executeTakeFirst();
    const n = sameKind.length + 1;
    const row = {
      id: newId(),
      congress_id: m.congress_id,
      meeting_id: m.id,
      kind: input.kind,
      title: input.title ?? defaultSessionTitle(input.kind, n, zhNumber(n)),
      date: input.date,
      starts_at: input.startsAt ?? null,
      place: input.place ?? null,
      agenda_item_ids: JSON.stringify(input.agendaItemIds ?? []),
      position: (last?.p ?? 0) + 1,
      created_at: nowIso(),
    };
    await tx.insertInto('meeting_sessions').values(row).execute();
    const conveners: { groupId: string; personId: string }[] = [];
    if (input.kind === 'group') {
      checkGroupSession(now.groups_state);
      const groups = await tx.selectFrom('meeting_groups').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('position').execute();
      const members = await tx.selectFrom('meeting_group_members').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).orderBy('position').execute();
      // Turns taken across the congress's group sessions, oldest first: rotation carries over between meetings.
      const history = (await tx.selectFrom('session_conveners').select(['person_id', 'assigned_at']).where('congress_id', '=', m.congress_id).orderBy('assigned_at').execute()).map((h) => h.person_id);
      const at = nowIso();
      for (const g of groups) {
        const ids = members.filter((x) => x.group_id === g.id).map((x) => x.person_id);
        const personId = nextConvener(ids, history.filter((h) => ids.includes(h)));
        if (personId === null) continue;
        await tx.insertInto('session_conveners').values({ congress_id: m.congress_id, session_id: row.id, group_id: g.id, person_id: personId, assigned_at: at }).execute();
        conveners.push({ groupId: g.id, personId });
      }
    }
    rec.audit({ congressId: m.congress_id, action: 'session.created', targetType: 'meeting_session', targetId: row.id, data: { meetingId: m.id, ...input, conveners } });
    emit(rec, m, 'meeting');
    return row.id;
  });
}

// ---------------------------------------------------------------- speakers (R-V1)

export async function speakerDto(conn: Conn, s: SpeakerTable, now = nowIso()) {
  const names = await peopleNames(conn, s.congress_id, [s.person_id]);
  return speakerView(s, names.get(s.person_id) ?? '', now);
}

export function speakerView(s: SpeakerTable, name: string, now: string) {
  return {
    id: s.id,
    agendaItemId: s.agenda_item_id,
    sessionId: s.session_id,
    personId: s.person_id,
    name,
    kind: s.kind,
    status: s.status,
    position: s.position,
    speechNo: s.speech_no,
    limitSeconds: s.limit_seconds,
    startedAt: s.started_at,
    endedAt: s.ended_at,
    ...speechTimer(s.started_at, s.ended_at, s.limit_seconds, now),
  };
}

async function requireSpeaker(conn: Conn, m: MeetingRow, speakerId: string): Promise<SpeakerTable> {
  const s = await conn.selectFrom('speakers').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id', '=', speakerId).executeTakeFirst();
  if (!s) throw errors.notFound('Speaker', '该发言申请');
  return s;
}

async function nextQueuePosition(conn: Conn, m: MeetingRow, agendaItemId: string): Promise<number> {
  const r = await conn.selectFrom('speakers').select((eb) => eb.fn.max('position').as('p')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('agenda_item_id', '=', agendaItemId).executeTakeFirst();
  return (r?.p ?? 0) + 1;
}

/**
 * R-V1 (art. 40): members register to speak beforehand with the office (the queue); once the item is
 * under deliberation a request is ad hoc and waits for the presiding person's consent.
 */
export async function registerSpeaker(ctx: Ctx, meetingId: string, input: z.infer<typeof RegisterSpeaker>) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, (a, cid) => meetingPolicy.prepare(a, cid) || meetingPolicy.selfService(a, cid));
  const staff = meetingPolicy.prepare(actor, m.congress_id);
  const personId = input.personId ?? actor.personId;
  if (personId === null) throw errors.invalid('PERSON_REQUIRED', '请指明发言人', 'Name the speaker', RULE.V1);
  if (!staff && personId !== actor.personId) throw errors.forbidden();
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    const item = await requireItem(tx, m.congress_id, m.id, input.agendaItemId);
    checkSpeakerRegistration(now.state, item.status);
    await requireMember(tx, now, personId);
    if (input.sessionId) {
      const s = await tx.selectFrom('meeting_sessions').select('id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id', '=', input.sessionId).executeTakeFirst();
      if (!s) throw errors.notFound('Session', '该会议场次');
    }
    const mine = await tx.selectFrom('speakers').select(['status']).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('agenda_item_id', '=', item.id).where('person_id', '=', personId).execute();
    if (mine.some((s) => s.status === 'queued' || s.status === 'pending' || s.status === 'speaking')) {
      throw errors.conflict('ALREADY_REGISTERED', '已在该议题的发言名单中', 'Already registered to speak on this item', RULE.V1);
    }
    const kind = speakerKind(now.state, now.current_agenda_item_id === item.id);
    const row: SpeakerTable = {
      id: newId(),
      congress_id: m.congress_id,
      meeting_id: m.id,
      agenda_item_id: item.id,
      session_id: input.sessionId ?? null,
      person_id: personId,
      kind,
      status: kind === 'registered' ? 'queued' : 'pending',
      position: kind === 'registered' ? await nextQueuePosition(tx, now, item.id) : 0,
      speech_no: mine.filter((s) => s.status === 'done').length + 1,
      requested_at: nowIso(),
      requested_by: actor.userId,
      decided_by_person_id: null,
      decided_at: null,
      limit_seconds: null,
      started_at: null,
      ended_at: null,
    };
    await tx.insertInto('speakers').values(row).execute();
    rec.audit({ congressId: m.congress_id, action: 'speaker.registered', targetType: 'speaker', targetId: row.id, data: { meetingId: m.id, agendaItemId: item.id, personId, kind, via: staff ? 'office' : 'self' } });
    emit(rec, m, 'speakers');
    return speakerDto(tx, row);
  });
}

/** R-V1: the presiding person sets the order of the queue. */
export async function orderSpeakers(ctx: Ctx, meetingId: string, agendaItemId: string, order: readonly string[]) {
  const { m, actor } = await meetingOfCongress(ctx, meetingId);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertNotClosed(now.state);
    checkPresidingActor(actor.personId, now.presiding_person_id, { zh: '发言顺序', en: 'order the speakers' });
    await requireItem(tx, m.congress_id, m.id, agendaItemId);
    const queued = await tx.selectFrom('speakers').select('id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('agenda_item_id', '=', agendaItemId).where('status', '=', 'queued').execute();
    checkQueueOrder(
      queued.map((q) => q.id),
      order,
    );
    const base = await nextQueuePosition(tx, now, agendaItemId);
    for (const [i, id] of order.entries()) {
      await tx.updateTable('speakers').set({ position: base + i }).where('congress_id', '=', m.congress_id).where('id', '=', id).execute();
    }
    rec.audit({ congressId: m.congress_id, action: 'speakers.ordered', targetType: 'meeting', targetId: m.id, data: { agendaItemId, order } });
    emit(rec, m, 'speakers');
  });
}

/** R-V1: an ad-hoc request needs the presiding person's consent. */
export async function decideSpeaker(ctx: Ctx, meetingId: string, speakerId: string, approve: boolean) {
  const { m, actor } = await meetingOfCongress(ctx, meetingId);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertNotClosed(now.state);
    checkPresidingActor(actor.personId, now.presiding_person_id, { zh: '临时要求发言', en: 'consent to an ad-hoc request to speak' });
    const s = await requireSpeaker(tx, now, speakerId);
    if (s.status !== 'pending') throw errors.conflict('SPEAKER_DECIDED', '该发言申请不在待同意状态', 'That request is not awaiting consent', RULE.V1);
    const patch = approve
      ? { status: 'queued' as const, position: await nextQueuePosition(tx, now, s.agenda_item_id), decided_by_person_id: actor.personId, decided_at: nowIso() }
      : { status: 'rejected' as const, decided_by_person_id: actor.personId, decided_at: nowIso() };
    await moveSpeaker(tx, s, patch);
    rec.audit({ congressId: m.congress_id, action: approve ? 'speaker.consented' : 'speaker.refused', targetType: 'speaker', targetId: s.id, data: { meetingId: m.id, personId: s.person_id } });
    emit(rec, m, 'speakers');
    return speakerDto(tx, { ...s, ...patch });
  });
}

function assertStaffOrPresiding(actor: Actor, m: MeetingRow): void {
  if (meetingPolicy.prepare(actor, m.congress_id)) return;
  checkPresidingActor(actor.kind === 'user' ? actor.personId : null, m.presiding_person_id, { zh: '发言计时', en: 'run the speech timer' });
}

/** The timer starts: one speech at a time; the limit comes from the profile (first or further speech). */
export async function startSpeech(ctx: Ctx, meetingId: string, speakerId: string) {
  const { m, actor } = await meetingOfCongress(ctx, meetingId);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertStaffOrPresiding(actor, now);
    assertInSession(now.state, { zh: '开始发言计时', en: 'start a speech' });
    const s = await requireSpeaker(tx, now, speakerId);
    if (s.status !== 'queued') throw errors.conflict('SPEAKER_NOT_QUEUED', '该发言人不在排队中', 'That speaker is not in the queue', RULE.V1);
    const speaking = await tx.selectFrom('speakers').select('id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('status', '=', 'speaking').executeTakeFirst();
    if (speaking) throw errors.conflict('SPEECH_IN_PROGRESS', '另一位发言人正在发言', 'Another speech is in progress');
    const profile = await loadProfile(tx, m.congress_id);
    const patch = { status: 'speaking' as const, started_at: nowIso(), limit_seconds: speechLimitSeconds(profile.speech, s.speech_no) };
    await moveSpeaker(tx, s, patch);
    rec.audit({ congressId: m.congress_id, action: 'speech.started', targetType: 'speaker', targetId: s.id, data: { meetingId: m.id, personId: s.person_id, limitSeconds: patch.limit_seconds } });
    emit(rec, m, 'speakers');
    return speakerDto(tx, { ...s, ...patch });
  });
}

export async function stopSpeech(ctx: Ctx, meetingId: string, speakerId: string) {
  const { m, actor } = await meetingOfCongress(ctx, meetingId);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    assertStaffOrPresiding(actor, now);
    const s = await requireSpeaker(tx, now, speakerId);
    if (s.status !== 'speaking') throw errors.conflict('NOT_SPEAKING', '该发言人没有在发言', 'That speaker is not speaking', RULE.V1);
    const patch = { status: 'done' as const, ended_at: nowIso() };
    await moveSpeaker(tx, s, patch);
    const dto = await speakerDto(tx, { ...s, ...patch });
    rec.audit({ congressId: m.congress_id, action: 'speech.stopped', targetType: 'speaker', targetId: s.id, data: { meetingId: m.id, personId: s.person_id, seconds: dto.elapsedSeconds, overrun: dto.overrun } });
    emit(rec, m, 'speakers');
    return dto;
  });
}

export async function withdrawSpeaker(ctx: Ctx, meetingId: string, speakerId: string) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, (a, cid) => meetingPolicy.prepare(a, cid) || meetingPolicy.selfService(a, cid));
  return runCommand(ctx, async (tx, rec) => {
    const s = await requireSpeaker(tx, m, speakerId);
    if (!meetingPolicy.prepare(actor, m.congress_id) && s.person_id !== actor.personId) throw errors.forbidden();
    if (s.status !== 'queued' && s.status !== 'pending') throw errors.conflict('SPEAKER_NOT_WAITING', '只能撤回尚未发言的申请', 'Only a request not yet spoken can be withdrawn', RULE.V1);
    await moveSpeaker(tx, s, { status: 'withdrawn' });
    rec.audit({ congressId: m.congress_id, action: 'speaker.withdrawn', targetType: 'speaker', targetId: s.id, data: { meetingId: m.id, personId: s.person_id } });
    emit(rec, m, 'speakers');
    return speakerDto(tx, { ...s, status: 'withdrawn' });
  });
}

// ---------------------------------------------------------------- opinions raised in speeches

/** An opinion a speaker raised on an item, recorded by the office for follow-up (the oversight work). */
export async function recordOpinion(ctx: Ctx, meetingId: string, input: z.infer<typeof RecordOpinion>) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const now = await fresh(tx, m);
    if (now.state === 'draft' || now.state === 'scheduled') throw errors.conflict('NOT_YET_HELD', '会议尚未举行', 'The meeting has not been held yet');
    await requireItem(tx, m.congress_id, m.id, input.agendaItemId);
    const person = await tx.selectFrom('people').select(['id', 'name']).where('congress_id', '=', m.congress_id).where('id', '=', input.personId).executeTakeFirst();
    if (!person) throw errors.notFound('Person', '该人员');
    if (input.speakerId) {
      const s = await requireSpeaker(tx, now, input.speakerId);
      if (s.person_id !== person.id || s.agenda_item_id !== input.agendaItemId) throw errors.invalid('SPEAKER_MISMATCH', '发言记录与发言人或议题不符', 'The speech belongs to another person or item', RULE.V1);
    }
    const row = { id: newId(), congress_id: m.congress_id, meeting_id: m.id, agenda_item_id: input.agendaItemId, speaker_id: input.speakerId ?? null, person_id: person.id, text: input.text, created_at: nowIso(), recorded_by: actor.userId };
    await tx.insertInto('speech_opinions').values(row).execute();
    rec.audit({ congressId: m.congress_id, action: 'opinion.recorded', targetType: 'speech_opinion', targetId: row.id, data: { meetingId: m.id, agendaItemId: row.agenda_item_id, personId: person.id } });
    emit(rec, m, 'speakers');
    return { id: row.id, agendaItemId: row.agenda_item_id, personId: person.id, name: person.name, speakerId: row.speaker_id, text: row.text, createdAt: row.created_at };
  });
}
