import { ACT_ZH } from '../../../contracts/profile.ts';
import type { z } from 'zod';
import type { CreateAgendaItem, CreateMeeting, CreatePersonnelProposal, ProposeAdjustment, ScheduleMeeting, UpdateAgendaItem, UpdateMeeting } from '../../../contracts/meetings.ts';
import { type UserActor, hasRole } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, runCommand } from '../../platform/command.ts';
import type { Tx } from '../../platform/db.ts';
import { DomainError, errors } from '../../platform/errors.ts';
import { expectChanged } from '../../platform/guard.ts';
import type { AgendaItemTable, MeetingRow } from '../../platform/schema.ts';
import { currentTermOf, loadProfile, requireBody, requireCongress } from '../congress/congress.repo.ts';
import { denial, meetingPolicy } from './meetings.policy.ts';
import { meetingDetail, warningsFor } from './meetings.queries.ts';
import { agendaItems, bodyMembers, contextFor, lockMeetingIn, quorumFor, requireItem, setPositions, takenNumbers, titleInput, toAgendaItemDto } from './meetings.repo.ts';
import {
  type MeetingAction,
  RULE,
  assertAgendaEditable,
  assertInSession,
  assertNotClosed,
  checkAdoptAgenda,
  checkCurrentItem,
  checkOpen,
  checkPresidingEligible,
  checkProposeAdjustment,
  checkSchedule,
  defaultPublic,
  isValidDate,
  meetingTitle,
  nextNumber,
  nextState,
  reorder,
  seriesOf,
} from './meetings.rules.ts';
import { emit, meetingForWrite, randomCode } from './meetings.scope.ts';

// Writes on meetings and their agenda: scoped lookup (404) → policy (403) → rules → runCommand.

const invalidDate = (field: string) => errors.invalid('INVALID_DATE', `${field}不是有效日期`, `${field} is not a valid date`);

function checkDates(dates: Record<string, string | null | undefined>): void {
  for (const [field, d] of Object.entries(dates)) if (d && !isValidDate(d)) throw invalidDate(field);
}

/** Inside a transaction: the meeting as it is now (another command may have moved it on), locked until commit on PostgreSQL. */
const fresh = (tx: Tx, m: MeetingRow) => lockMeetingIn(tx, m.congress_id, m.id);

async function setState(tx: Tx, m: MeetingRow, action: MeetingAction, patch: Partial<MeetingRow>): Promise<MeetingRow> {
  const to = nextState(m.state, action);
  // Conditional on the state read, so two concurrent transitions cannot both succeed.
  const res = await tx.updateTable('meetings').set({ ...patch, state: to }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).where('state', '=', m.state).executeTakeFirst();
  expectChanged(res);
  return fresh(tx, m);
}

// ---------------------------------------------------------------- meetings

export async function createMeeting(ctx: Ctx, input: z.infer<typeof CreateMeeting>) {
  if (ctx.actor.kind !== 'user') throw errors.unauthenticated();
  const c = await requireCongress(ctx.db, input.congressId);
  if (!meetingPolicy.prepare(ctx.actor, c.id)) throw denial(ctx.actor, c.id);
  checkDates({ date: input.date, endDate: input.endDate });
  if (input.endDate && input.endDate < input.date) throw errors.invalid('END_BEFORE_START', '会议结束日期早于开始日期', 'The end date is before the meeting date');
  return runCommand(ctx, async (tx, rec) => {
    const term = input.termId
      ? await tx.selectFrom('terms').select(['id', 'number']).where('congress_id', '=', c.id).where('id', '=', input.termId).executeTakeFirst()
      : await currentTermOf(tx, c.id);
    if (input.termId && !term) throw errors.notFound('Term', '该届次');
    let bodyId: string | null = null;
    if (input.kind === 'committee') {
      if (!input.bodyId) throw errors.invalid('BODY_REQUIRED', '专门委员会会议须指明委员会', 'A committee meeting names its committee');
      const body = await requireBody(tx, c.id, input.bodyId);
      if (body.kind !== 'special_committee') throw errors.invalid('NOT_A_COMMITTEE', '该机构不是专门委员会', 'That body is not a special committee');
      bodyId = body.id;
    } else if (input.kind === 'chairpersons_council') {
      bodyId = (await tx.selectFrom('bodies').select('id').where('congress_id', '=', c.id).where('kind', '=', 'chairpersons_council').orderBy('created_at', 'desc').executeTakeFirst())?.id ?? null;
    } else if (input.bodyId) {
      throw errors.invalid('BODY_NOT_EXPECTED', '常务委员会会议不指定其他机构', 'A standing committee meeting names no other body');
    }
    const series = seriesOf(input.kind, bodyId);
    const taken = await takenNumbers(tx, c.id, term?.id ?? null, series);
    const number = input.number ?? nextNumber(taken);
    if (taken.includes(number)) {
      throw errors.conflict('MEETING_NUMBER_TAKEN', `本届第${number}次会议已存在`, `Meeting number ${number} already exists in this term`, RULE.M1);
    }
    const draft = { term_id: term?.id ?? null, kind: input.kind, number, body_id: bodyId };
    const mctx = await contextFor(tx, c.id, []);
    const bodyName = bodyId ? (await requireBody(tx, c.id, bodyId)).name : null;
    const title = input.title ?? meetingTitle({ ...titleInput(mctx, draft), bodyName });

    let presiding = input.presidingPersonId ?? null;
    const members = await bodyMembers(tx, { congress_id: c.id, kind: input.kind, body_id: bodyId, date: input.date });
    if (presiding !== null) {
      const p = members.find((x) => x.id === presiding);
      if (!p) throw errors.notFound('Person', '该人员');
      if (input.kind === 'regular' || input.kind === 'special') checkPresidingEligible(p.role, p.name);
    } else if (input.kind === 'regular' || input.kind === 'special' || input.kind === 'chairpersons_council') {
      presiding = members.find((x) => x.role === 'chair')?.id ?? null; // R-M2: the chair convenes and presides
    }

    const row: MeetingRow = {
      id: newId(),
      congress_id: c.id,
      term_id: term?.id ?? null,
      body_id: bodyId,
      kind: input.kind,
      number,
      title,
      date: input.date,
      place: input.place ?? null,
      state: 'draft',
      presiding_person_id: presiding,
      council_date: null,
      notified_at: null,
      opened_at: null,
      closed_at: null,
      video_allowed: input.videoAllowed ? 1 : 0,
      checkin_code: null,
      current_agenda_item_id: null,
      created_at: nowIso(),
      series,
      end_date: input.endDate ?? null,
      is_public: (input.isPublic ?? defaultPublic(input.kind)) ? 1 : 0,
      schedule: '[]',
      attendee_scope: null,
      observer_seats: input.observerSeats ?? 0,
      agenda_adopted_at: null,
      groups_state: 'none',
      groups_approved_by: null,
      groups_approved_at: null,
    };
    await tx.insertInto('meetings').values(row).execute();
    rec.audit({ congressId: c.id, action: 'meeting.created', targetType: 'meeting', targetId: row.id, data: { after: { ...input, number, title } } });
    emit(rec, row, 'meeting');
    return meetingDetail(tx, row, 'internal');
  });
}

export async function updateMeeting(ctx: Ctx, meetingId: string, input: z.infer<typeof UpdateMeeting>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  checkDates({ date: input.date, endDate: input.endDate });
  for (const s of input.schedule ?? []) checkDates({ schedule: s.date });
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    assertNotClosed(before.state);
    if (input.date !== undefined && input.date !== before.date && before.state === 'in_session') {
      throw errors.conflict('MEETING_STARTED', '会议已经开始，不能更改日期', 'The meeting has started; its date cannot change');
    }
    if (input.videoAllowed !== undefined && before.state === 'in_session' && !input.videoAllowed) {
      const video = await tx.selectFrom('attendance').select('person_id').where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('mode', '=', 'video').executeTakeFirst();
      if (video) throw errors.conflict('VIDEO_IN_USE', '已有组成人员以视频方式出席，不能取消', 'Members already attend by video; video attendance cannot be withdrawn now', RULE.M4);
    }
    if (input.observerSeats !== undefined) {
      const approved = await tx.selectFrom('observer_registrations').select((eb) => eb.fn.countAll<number>().as('n')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('status', '=', 'approved').executeTakeFirstOrThrow();
      if (approved.n > input.observerSeats) {
        throw errors.conflict('SEATS_BELOW_APPROVED', `已批准${approved.n}名旁听人员，席位不能少于此数`, `${approved.n} observers are approved; seats cannot be fewer`, RULE.M8);
      }
    }
    const date = input.date ?? before.date;
    const endDate = input.endDate === undefined ? before.end_date : input.endDate;
    if (endDate !== null && endDate < date) throw errors.invalid('END_BEFORE_START', '会议结束日期早于开始日期', 'The end date is before the meeting date');
    const patch: Partial<MeetingRow> = {
      ...(input.date !== undefined ? { date: input.date } : {}),
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.place !== undefined ? { place: input.place } : {}),
      ...(input.videoAllowed !== undefined ? { video_allowed: input.videoAllowed ? 1 : 0 } : {}),
      ...(input.isPublic !== undefined ? { is_public: input.isPublic ? 1 : 0 } : {}),
      ...(input.observerSeats !== undefined ? { observer_seats: input.observerSeats } : {}),
      ...(input.schedule !== undefined ? { schedule: JSON.stringify(input.schedule) } : {}),
      ...(input.attendeeScope !== undefined ? { attendee_scope: input.attendeeScope } : {}),
    };
    if (Object.keys(patch).length > 0) await tx.updateTable('meetings').set(patch).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
    rec.audit({ congressId: m.congress_id, action: 'meeting.updated', targetType: 'meeting', targetId: m.id, data: { patch: input } });
    emit(rec, m, 'meeting');
    return meetingDetail(tx, await fresh(tx, m), 'internal');
  });
}

/** R-M5: the council fixed date, agenda, schedule and attendee scope (and, R-M4, whether video is allowed). */
export async function scheduleMeeting(ctx: Ctx, meetingId: string, input: z.infer<typeof ScheduleMeeting>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  checkDates({ councilDate: input.councilDate, endDate: input.endDate });
  for (const s of input.schedule ?? []) checkDates({ schedule: s.date });
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    const items = await agendaItems(tx, m.congress_id, m.id);
    checkSchedule({ kind: before.kind, date: before.date, councilDate: input.councilDate, agendaItems: items.length, endDate: input.endDate ?? before.end_date });
    const after = await setState(tx, before, 'schedule', {
      council_date: input.councilDate,
      ...(input.schedule !== undefined ? { schedule: JSON.stringify(input.schedule) } : {}),
      ...(input.attendeeScope !== undefined ? { attendee_scope: input.attendeeScope } : {}),
      ...(input.endDate !== undefined ? { end_date: input.endDate } : {}),
      ...(input.videoAllowed !== undefined ? { video_allowed: input.videoAllowed ? 1 : 0 } : {}),
    });
    const warnings = await warningsFor(tx, after, await loadProfile(tx, m.congress_id));
    rec.audit({ congressId: m.congress_id, action: 'meeting.scheduled', targetType: 'meeting', targetId: m.id, data: { ...input, agendaItems: items.length, warnings: warnings.map((x) => x.code) } });
    emit(rec, m, 'meeting');
    return { meeting: await meetingDetail(tx, after, 'internal'), warnings };
  });
}

/** R-M5: members and attendees are notified and the main documents go out with the notice. */
export async function notifyMeeting(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    const at = nowIso();
    const after = await setState(tx, before, 'notify', { notified_at: at, checkin_code: before.checkin_code ?? randomCode() });
    const distributed = await tx
      .updateTable('meeting_documents')
      .set({ distributed_at: at })
      .where('congress_id', '=', m.congress_id)
      .where('meeting_id', '=', m.id)
      .where('distributed_at', 'is', null)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    const warnings = await warningsFor(tx, after, await loadProfile(tx, m.congress_id));
    rec.audit({ congressId: m.congress_id, action: 'meeting.notified', targetType: 'meeting', targetId: m.id, data: { documentsDistributed: Number(distributed.numUpdatedRows), warnings: warnings.map((x) => x.code) } });
    emit(rec, m, 'meeting');
    return { meeting: await meetingDetail(tx, after, 'internal'), warnings };
  });
}

/** Opening and closing: the office at the console, or the presiding person. */
function assertRunner(actor: UserActor, m: MeetingRow): void {
  if (meetingPolicy.prepare(actor, m.congress_id)) return;
  if (hasRole(actor, m.congress_id, 'chair') && actor.personId !== null && actor.personId === m.presiding_person_id) return;
  throw new DomainError(403, 'NOT_PRESIDING', '由会议主持人或会议工作人员操作', 'Only the presiding person or the meeting staff may do this', RULE.M2);
}

/** R-M3: opening is refused without a quorum; R-M2: and without a presiding person. */
export async function openMeeting(ctx: Ctx, meetingId: string) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.run);
  assertRunner(actor, m);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    nextState(before.state, 'open');
    const quorum = await quorumFor(tx, before);
    checkOpen({ kind: before.kind, quorum, presidingPersonId: before.presiding_person_id });
    const after = await setState(tx, before, 'open', { opened_at: nowIso() });
    rec.audit({ congressId: m.congress_id, action: 'meeting.opened', targetType: 'meeting', targetId: m.id, data: { quorum: { members: quorum.members, present: quorum.present, required: quorum.required } } });
    emit(rec, m, 'meeting', 'quorum');
    return { meeting: await meetingDetail(tx, after, 'internal'), warnings: [] };
  });
}

export async function closeMeeting(ctx: Ctx, meetingId: string) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.run);
  assertRunner(actor, m);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    const at = nowIso();
    const after = await setState(tx, before, 'close', { closed_at: at, current_agenda_item_id: null });
    // A speech still on the clock ends with the meeting.
    await tx.updateTable('speakers').set({ status: 'done', ended_at: at }).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('status', '=', 'speaking').execute();
    rec.audit({ congressId: m.congress_id, action: 'meeting.closed', targetType: 'meeting', targetId: m.id });
    emit(rec, m, 'meeting', 'speakers');
    return { meeting: await meetingDetail(tx, after, 'internal'), warnings: [] };
  });
}

/** R-M2: the chair presides, or entrusts a vice-chair (at the 6th meeting 尚欣 presided). */
export async function setPresidingPerson(ctx: Ctx, meetingId: string, personId: string) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.run);
  if (!meetingPolicy.prepare(actor, m.congress_id)) {
    // A leader may set it only as the chair entrusting someone.
    const sc = await bodyMembers(ctx.db, { ...m, kind: 'regular' });
    if (sc.find((x) => x.id === actor.personId)?.role !== 'chair') {
      throw new DomainError(403, 'NOT_CHAIR', '会议由主任主持，或由主任委托副主任主持', 'The chair presides or entrusts a vice-chair', RULE.M2);
    }
  }
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    assertNotClosed(before.state);
    const members = await bodyMembers(tx, before.kind === 'committee' ? before : { ...before, kind: 'regular' });
    const p = members.find((x) => x.id === personId);
    if (!p) throw errors.notFound('Person', '该人员');
    if (before.kind !== 'committee') checkPresidingEligible(p.role, p.name);
    await tx.updateTable('meetings').set({ presiding_person_id: personId }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
    rec.audit({ congressId: m.congress_id, action: 'meeting.presiding_set', targetType: 'meeting', targetId: m.id, data: { before: before.presiding_person_id, after: personId, name: p.name } });
    emit(rec, m, 'meeting');
    return meetingDetail(tx, await fresh(tx, m), 'internal');
  });
}

// ---------------------------------------------------------------- agenda (R-M5, R-M10)

function itemRow(m: MeetingRow, input: z.infer<typeof CreateAgendaItem>, status: AgendaItemTable['status'], position: number): AgendaItemTable {
  return {
    id: newId(),
    congress_id: m.congress_id,
    meeting_id: m.id,
    position,
    kind: input.kind,
    title: input.title,
    proposer: input.proposer ?? null,
    presenter: input.presenter ?? null,
    presenter_post: input.presenterPost ?? null,
    is_public: input.isPublic === false ? 0 : 1,
    status,
    outcome: 'pending',
    details: JSON.stringify(input.details ?? {}),
    created_at: nowIso(),
  };
}

async function insertItemAt(tx: Tx, m: MeetingRow, row: AgendaItemTable, position: number | undefined): Promise<void> {
  const items = await agendaItems(tx, m.congress_id, m.id);
  await tx.insertInto('agenda_items').values({ ...row, position: items.length + 1 }).execute();
  await setPositions(tx, m.congress_id, m.id, reorder([...items, row], position === undefined ? null : { id: row.id, to: position }, null));
}

export async function addAgendaItem(ctx: Ctx, meetingId: string, input: z.infer<typeof CreateAgendaItem>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    assertAgendaEditable(before.agenda_adopted_at, before.state);
    const row = itemRow(before, input, 'proposed', 0);
    await insertItemAt(tx, before, row, input.position);
    rec.audit({ congressId: m.congress_id, action: 'agenda_item.added', targetType: 'agenda_item', targetId: row.id, data: { meetingId: m.id, after: input } });
    emit(rec, m, 'meeting');
    return toAgendaItemDto(await requireItem(tx, m.congress_id, m.id, row.id));
  });
}

export async function updateAgendaItem(ctx: Ctx, meetingId: string, itemId: string, input: z.infer<typeof UpdateAgendaItem>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    const item = await requireItem(tx, m.congress_id, m.id, itemId);
    const onlyPublicity = Object.keys(input).every((k) => k === 'isPublic');
    // R-M10: withholding an item from the public is the council's decision, recordable at any time before closing;
    // anything else changes the draft agenda and stops once the plenary adopted it (R-M5).
    if (onlyPublicity) assertNotClosed(before.state);
    else assertAgendaEditable(before.agenda_adopted_at, before.state);
    if (item.status === 'removed') throw errors.conflict('ITEM_REMOVED', '该议题已撤下', 'That item was removed');
    const patch = {
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.proposer !== undefined ? { proposer: input.proposer } : {}),
      ...(input.presenter !== undefined ? { presenter: input.presenter } : {}),
      ...(input.presenterPost !== undefined ? { presenter_post: input.presenterPost } : {}),
      ...(input.isPublic !== undefined ? { is_public: input.isPublic ? 1 : 0 } : {}),
    };
    if (Object.keys(patch).length > 0) await tx.updateTable('agenda_items').set(patch).where('congress_id', '=', m.congress_id).where('id', '=', itemId).execute();
    if (input.position !== undefined) await setPositions(tx, m.congress_id, m.id, reorder(await agendaItems(tx, m.congress_id, m.id), { id: itemId, to: input.position }, null));
    rec.audit({ congressId: m.congress_id, action: 'agenda_item.updated', targetType: 'agenda_item', targetId: itemId, data: { meetingId: m.id, patch: input } });
    emit(rec, m, 'meeting');
    return toAgendaItemDto(await requireItem(tx, m.congress_id, m.id, itemId));
  });
}

export async function removeAgendaItem(ctx: Ctx, meetingId: string, itemId: string) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    assertAgendaEditable(before.agenda_adopted_at, before.state);
    const item = await requireItem(tx, m.congress_id, m.id, itemId);
    if (item.status === 'removed') throw errors.conflict('ITEM_REMOVED', '该议题已撤下', 'That item was removed');
    await tx.updateTable('agenda_items').set({ status: 'removed' }).where('congress_id', '=', m.congress_id).where('id', '=', itemId).execute();
    await setPositions(tx, m.congress_id, m.id, reorder(await agendaItems(tx, m.congress_id, m.id), null, itemId));
    rec.audit({ congressId: m.congress_id, action: 'agenda_item.removed', targetType: 'agenda_item', targetId: itemId, data: { meetingId: m.id, title: item.title } });
    emit(rec, m, 'meeting');
  });
}

/** R-M5: the plenary decides the draft agenda; recorded by the office or the presiding person. */
export async function adoptAgenda(ctx: Ctx, meetingId: string) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.run);
  assertRunner(actor, m);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    const items = await agendaItems(tx, m.congress_id, m.id);
    checkAdoptAgenda(before.state, before.agenda_adopted_at, items.length);
    const at = nowIso();
    await tx.updateTable('meetings').set({ agenda_adopted_at: at }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
    await tx.updateTable('agenda_items').set({ status: 'adopted' }).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('status', '=', 'proposed').execute();
    rec.audit({ congressId: m.congress_id, action: 'agenda.adopted', targetType: 'meeting', targetId: m.id, data: { items: items.map((i) => ({ id: i.id, position: i.position, title: i.title })) } });
    emit(rec, m, 'meeting');
    return meetingDetail(tx, await fresh(tx, m), 'internal');
  });
}

/** R-M5: the council proposes an adjustment of the adopted agenda; the office records the proposal. */
export async function proposeAgendaAdjustment(ctx: Ctx, meetingId: string, input: z.infer<typeof ProposeAdjustment>) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  checkDates({ councilDate: input.councilDate });
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    checkProposeAdjustment(before.state, before.agenda_adopted_at);
    let itemId: string | null = null;
    let payload: Record<string, unknown> = {};
    switch (input.action) {
      case 'add':
        payload = { item: input.item, position: input.position ?? null };
        break;
      case 'remove':
      case 'move': {
        const item = await requireItem(tx, m.congress_id, m.id, input.agendaItemId);
        if (item.status !== 'adopted') throw errors.invalid('ITEM_NOT_ON_AGENDA', '该议题不在通过的议程中', 'That item is not on the adopted agenda', RULE.M5);
        itemId = item.id;
        payload = input.action === 'move' ? { position: input.position } : { title: item.title };
        break;
      }
    }
    const row = {
      id: newId(),
      congress_id: m.congress_id,
      meeting_id: m.id,
      action: input.action,
      agenda_item_id: itemId,
      payload: JSON.stringify(payload),
      reason: input.reason ?? null,
      council_date: input.councilDate,
      proposed_at: nowIso(),
      proposed_by: actor.userId,
      status: 'proposed' as const,
      decided_at: null,
      decided_by: null,
    };
    await tx.insertInto('agenda_adjustments').values(row).execute();
    rec.audit({ congressId: m.congress_id, action: 'agenda.adjustment_proposed', targetType: 'agenda_adjustment', targetId: row.id, data: { meetingId: m.id, ...input } });
    emit(rec, m, 'meeting');
    return { id: row.id, meetingId: m.id, action: row.action, agendaItemId: itemId, payload, reason: row.reason, councilDate: row.council_date, proposedAt: row.proposed_at, status: row.status, decidedAt: null };
  });
}

/** R-M5: the plenary approves (or not) the council's adjustment; on approval it is applied. */
export async function decideAgendaAdjustment(ctx: Ctx, meetingId: string, adjustmentId: string, approved: boolean) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.run);
  assertRunner(actor, m);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    assertInSession(before.state, { zh: '由全体会议决定议程调整', en: 'decide an agenda adjustment in plenary' });
    const adj = await tx.selectFrom('agenda_adjustments').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id', '=', adjustmentId).executeTakeFirst();
    if (!adj) throw errors.notFound('Agenda adjustment', '该议程调整');
    if (adj.status !== 'proposed') throw errors.conflict('ADJUSTMENT_DECIDED', '该议程调整已经决定', 'That adjustment has already been decided', RULE.M5);
    const at = nowIso();
    let itemId = adj.agenda_item_id;
    if (approved) {
      const payload = JSON.parse(adj.payload) as { item?: z.infer<typeof CreateAgendaItem>; position?: number | null };
      switch (adj.action) {
        case 'add': {
          if (!payload.item) throw new Error('adjustment without an item');
          const row = itemRow(before, payload.item, 'adopted', 0);
          await insertItemAt(tx, before, row, payload.position ?? undefined);
          itemId = row.id;
          break;
        }
        case 'remove':
          if (itemId === null) throw new Error('adjustment without an item');
          await tx.updateTable('agenda_items').set({ status: 'removed' }).where('congress_id', '=', m.congress_id).where('id', '=', itemId).execute();
          await setPositions(tx, m.congress_id, m.id, reorder(await agendaItems(tx, m.congress_id, m.id), null, itemId));
          if (before.current_agenda_item_id === itemId) await tx.updateTable('meetings').set({ current_agenda_item_id: null }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
          break;
        case 'move':
          if (itemId === null || typeof payload.position !== 'number') throw new Error('adjustment without a position');
          await setPositions(tx, m.congress_id, m.id, reorder(await agendaItems(tx, m.congress_id, m.id), { id: itemId, to: payload.position }, null));
          break;
      }
    }
    await tx
      .updateTable('agenda_adjustments')
      .set({ status: approved ? 'approved' : 'rejected', decided_at: at, decided_by: actor.userId, agenda_item_id: itemId })
      .where('congress_id', '=', m.congress_id)
      .where('id', '=', adj.id)
      .execute();
    rec.audit({ congressId: m.congress_id, action: approved ? 'agenda.adjustment_approved' : 'agenda.adjustment_rejected', targetType: 'agenda_adjustment', targetId: adj.id, data: { meetingId: m.id, action: adj.action, agendaItemId: itemId } });
    emit(rec, m, 'meeting');
    return meetingDetail(tx, await fresh(tx, m), 'internal');
  });
}

/** The hall moves to an item (the projector and members' phones highlight it). */
export async function setCurrentItem(ctx: Ctx, meetingId: string, itemId: string | null) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.run);
  assertRunner(actor, m);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    const item = itemId === null ? null : await requireItem(tx, m.congress_id, m.id, itemId);
    checkCurrentItem(before.state, before.agenda_adopted_at, item?.status ?? null);
    await tx.updateTable('meetings').set({ current_agenda_item_id: itemId }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
    rec.audit({ congressId: m.congress_id, action: 'meeting.current_item', targetType: 'meeting', targetId: m.id, data: { before: before.current_agenda_item_id, after: itemId } });
    emit(rec, m, 'meeting');
    return meetingDetail(tx, await fresh(tx, m), 'internal');
  });
}

/** What became of an item: heard, deliberated, or the result a poll produced (passed / failed). */
export async function setAgendaItemOutcome(ctx: Ctx, meetingId: string, itemId: string, outcome: AgendaItemTable['outcome']) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.run);
  assertRunner(actor, m);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    assertInSession(before.state, { zh: '记录议题结果', en: 'record an outcome' });
    const item = await requireItem(tx, m.congress_id, m.id, itemId);
    if (item.status !== 'adopted') throw errors.invalid('ITEM_NOT_ON_AGENDA', '该议题不在通过的议程中', 'That item is not on the adopted agenda', RULE.M5);
    await tx.updateTable('agenda_items').set({ outcome }).where('congress_id', '=', m.congress_id).where('id', '=', itemId).execute();
    rec.audit({ congressId: m.congress_id, action: 'agenda_item.outcome', targetType: 'agenda_item', targetId: itemId, data: { meetingId: m.id, before: item.outcome, after: outcome } });
    emit(rec, m, 'meeting');
    return toAgendaItemDto(await requireItem(tx, m.congress_id, m.id, itemId));
  });
}

// ---------------------------------------------------------------- personnel list (R-V5)


export async function addPersonnelProposal(ctx: Ctx, meetingId: string, input: z.infer<typeof CreatePersonnelProposal>) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const before = await fresh(tx, m);
    assertNotClosed(before.state);
    if (input.agendaItemId) await requireItem(tx, m.congress_id, m.id, input.agendaItemId);
    if (input.personId) {
      const p = await tx.selectFrom('people').select('id').where('congress_id', '=', m.congress_id).where('id', '=', input.personId).executeTakeFirst();
      if (!p) throw errors.notFound('Person', '该人员');
    }
    const last = await tx.selectFrom('personnel_proposals').select((eb) => eb.fn.max('position').as('p')).where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).executeTakeFirst();
    const row = {
      id: newId(),
      congress_id: m.congress_id,
      meeting_id: m.id,
      agenda_item_id: input.agendaItemId ?? null,
      section: input.section ?? 'list',
      group_no: input.group ?? 1,
      act: input.act,
      act_zh: ACT_ZH[input.act],
      person_id: input.personId ?? null,
      person_name: input.personName,
      gender: input.gender ?? null,
      post: input.post,
      acting_post: input.actingPost ?? null,
      doc_no: input.docNo ?? null,
      position: (last?.p ?? 0) + 1,
      created_at: nowIso(),
    };
    await tx.insertInto('personnel_proposals').values(row).execute();
    rec.audit({ congressId: m.congress_id, action: 'personnel.proposed', targetType: 'personnel_proposal', targetId: row.id, data: { meetingId: m.id, ...input } });
    emit(rec, m, 'meeting');
    return {
      id: row.id,
      meetingId: m.id,
      agendaItemId: row.agenda_item_id,
      section: row.section,
      group: row.group_no,
      act: row.act,
      actZh: row.act_zh,
      personId: row.person_id,
      personName: row.person_name,
      gender: row.gender,
      post: row.post,
      actingPost: row.acting_post,
      docNo: row.doc_no,
      position: row.position,
    };
  });
}
