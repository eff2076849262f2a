import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { CheckIn, RecordAttendance, RequestLeave } from '../../../contracts/meetings.ts';
import { belongsTo } from '../../platform/access.ts';
import { newId, nowIso } from '../../platform/clock.ts';
import { type Ctx, type Recorder, runCommand } from '../../platform/command.ts';
import type { Conn, Tx } from '../../platform/db.ts';
import { errors } from '../../platform/errors.ts';
import { expectChanged } from '../../platform/guard.ts';
import type { LeaveRequestTable, MeetingRow } from '../../platform/schema.ts';
import { loadProfile } from '../congress/congress.repo.ts';
import { checkAttendanceOpen, checkCheckIn, checkLeaveDecider, checkLeaveRequestOpen, checkVideoAllowed, leavePhase } from './attendance.rules.ts';
import { meetingNotFound, meetingPolicy } from './meetings.policy.ts';
import { RULE } from './meetings.rules.ts';
import { today } from './meetings.queries.ts';
import { findMeeting, lockMeetingIn, peopleNames, quorumFor, requireMember, secretaryGeneralIds, upsertAttendance } from './meetings.repo.ts';
import { emit, meetingForWrite, randomCode } from './meetings.scope.ts';

// Attendance (R-M3, R-M4), signing in with the meeting's code, and leave (R-M6).

const codeMatches = (given: string, expected: string | null): boolean => {
  if (expected === null) return false;
  const a = Buffer.from(given.trim().toUpperCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

interface Mark {
  personId: string;
  status: 'present' | 'leave' | 'absent';
  mode: 'onsite' | 'video' | null;
  reason: string | null;
  via: 'staff' | 'self' | 'leave_decision';
}

/** Records one member's attendance inside a transaction and returns the record with the live quorum. */
async function mark(tx: Tx, ctx: Ctx, m: MeetingRow, k: Mark, rec: Recorder) {
  checkAttendanceOpen(m.state);
  const member = await requireMember(tx, m, k.personId);
  const profile = await loadProfile(tx, m.congress_id);
  const mode = k.status === 'present' ? (k.mode ?? 'onsite') : null;
  checkVideoAllowed(mode, m.video_allowed === 1, profile);
  const at = nowIso();
  const before = await upsertAttendance(tx, {
    congress_id: m.congress_id,
    meeting_id: m.id,
    person_id: member.id,
    status: k.status,
    mode,
    reason: k.status === 'present' ? null : k.reason,
    recorded_at: at,
    recorded_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
  });
  rec.audit({
    congressId: m.congress_id,
    action: 'attendance.recorded',
    targetType: 'meeting',
    targetId: m.id,
    data: { personId: member.id, name: member.name, status: k.status, mode, via: k.via, before: before ? { status: before.status, mode: before.mode } : null },
  });
  emit(rec, m, 'attendance', 'quorum');
  const quorum = await quorumFor(tx, m, profile);
  return {
    attendance: { personId: member.id, name: member.name, role: member.role, roleZh: member.roleZh, status: k.status, mode, reason: k.status === 'present' ? null : k.reason, recordedAt: at },
    quorum,
  };
}

/**
 * recordAttendance: staff sign members in (on site or, where allowed, by video), or record leave and
 * absence; a member may sign themself in with the meeting's code.
 */
export async function recordAttendance(ctx: Ctx, meetingId: string, input: z.infer<typeof RecordAttendance>) {
  if (input.meetingId !== undefined && input.meetingId !== meetingId) throw errors.badRequest('请求体中的会议与地址不一致', 'meetingId in the body differs from the path');
  const { m, actor } = await meetingForWrite(ctx, meetingId, (a, cid) => meetingPolicy.prepare(a, cid) || meetingPolicy.selfService(a, cid));
  const staff = meetingPolicy.prepare(actor, m.congress_id);
  if (!staff) {
    if (input.personId !== actor.personId || input.status !== 'present') throw errors.forbidden();
    return checkIn(ctx, meetingId, { code: input.code ?? '', ...(input.mode ? { mode: input.mode } : {}) });
  }
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    let reason = input.reason ?? null;
    if (input.status === 'leave' && reason === null) {
      const granted = await tx
        .selectFrom('leave_requests')
        .select('reason')
        .where('congress_id', '=', m.congress_id)
        .where('meeting_id', '=', m.id)
        .where('person_id', '=', input.personId)
        .where('status', '=', 'approved')
        .orderBy('decided_at', 'desc')
        .executeTakeFirst();
      reason = granted?.reason ?? null;
    }
    return mark(tx, ctx, now, { personId: input.personId, status: input.status, mode: input.mode ?? null, reason, via: 'staff' }, rec);
  });
}

/** A member signs in on their phone with the code shown in the hall (QR content = the code). */
export async function checkIn(ctx: Ctx, meetingId: string, input: z.infer<typeof CheckIn>) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, meetingPolicy.selfService);
  const personId = actor.personId;
  if (personId === null) throw errors.forbidden();
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    checkCheckIn({ state: now.state, date: now.date, endDate: now.end_date, today: today(), codeMatches: codeMatches(input.code, now.checkin_code) });
    return mark(tx, ctx, now, { personId, status: 'present', mode: input.mode ?? null, reason: null, via: 'self' }, rec);
  });
}

/** A new sign-in code (e.g. when the old one was shared outside the hall). */
export async function regenerateCheckInCode(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    checkAttendanceOpen(now.state);
    const code = randomCode();
    await tx.updateTable('meetings').set({ checkin_code: code }).where('congress_id', '=', m.congress_id).where('id', '=', m.id).execute();
    rec.audit({ congressId: m.congress_id, action: 'meeting.checkin_code_renewed', targetType: 'meeting', targetId: m.id });
    return code;
  });
}

// ---------------------------------------------------------------- leave (R-M6)

export async function leaveDto(conn: Conn, r: LeaveRequestTable) {
  const names = await peopleNames(conn, r.congress_id, [r.person_id, ...(r.decided_by_person_id ? [r.decided_by_person_id] : [])]);
  return {
    id: r.id,
    meetingId: r.meeting_id,
    personId: r.person_id,
    name: names.get(r.person_id) ?? '',
    reason: r.reason,
    phase: r.phase,
    status: r.status,
    requestedAt: r.requested_at,
    decidedAt: r.decided_at,
    decidedByPersonId: r.decided_by_person_id,
    decidedByName: r.decided_by_person_id ? (names.get(r.decided_by_person_id) ?? null) : null,
    decisionNote: r.decision_note,
  };
}

/** A member asks leave in writing, themself or through the office (R-M6). */
export async function requestLeave(ctx: Ctx, meetingId: string, input: z.infer<typeof RequestLeave>) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, (a, cid) => meetingPolicy.prepare(a, cid) || meetingPolicy.selfService(a, cid));
  const staff = meetingPolicy.prepare(actor, m.congress_id);
  const personId = input.personId ?? actor.personId;
  if (personId === null) throw errors.invalid('PERSON_REQUIRED', '请指明请假的组成人员', 'Name the member asking leave', RULE.M6);
  if (!staff && personId !== actor.personId) throw errors.forbidden();
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    checkLeaveRequestOpen(now.state);
    const member = await requireMember(tx, now, personId);
    const pending = await tx
      .selectFrom('leave_requests')
      .select('id')
      .where('congress_id', '=', m.congress_id)
      .where('meeting_id', '=', m.id)
      .where('person_id', '=', personId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw errors.conflict('LEAVE_PENDING', `${member.name}已有待决定的请假申请`, `${member.name} already has a leave request awaiting decision`, RULE.M6);
    const row: LeaveRequestTable = {
      id: newId(),
      congress_id: m.congress_id,
      meeting_id: m.id,
      person_id: personId,
      reason: input.reason,
      phase: leavePhase(now.state),
      status: 'pending',
      requested_at: nowIso(),
      requested_by: actor.userId,
      decided_at: null,
      decided_by_person_id: null,
      decision_note: null,
    };
    await tx.insertInto('leave_requests').values(row).execute();
    rec.audit({ congressId: m.congress_id, action: 'leave.requested', targetType: 'leave_request', targetId: row.id, data: { meetingId: m.id, personId, name: member.name, phase: row.phase, via: staff ? 'office' : 'self' } });
    emit(rec, m, 'attendance');
    return leaveDto(tx, row);
  });
}

/**
 * R-M6 (art. 10–11): before the meeting the presiding person decides, during it the secretary-general.
 * Anyone else in the congress who tries is refused with the rule cited; outsiders see no meeting.
 */
export async function decideLeave(ctx: Ctx, meetingId: string, requestId: string, input: { approve: boolean; note?: string | undefined }) {
  const actor = ctx.actor;
  if (actor.kind !== 'user') throw errors.unauthenticated();
  const m = await findMeeting(ctx.db, meetingId);
  if (!m || !belongsTo(actor, m.congress_id)) throw meetingNotFound();
  return runCommand(ctx, async (tx, rec) => {
    const now = await lockMeetingIn(tx, m.congress_id, m.id);
    const req = await tx.selectFrom('leave_requests').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id', '=', requestId).executeTakeFirst();
    if (!req) throw errors.notFound('Leave request', '该请假申请');
    if (req.status !== 'pending') throw errors.conflict('LEAVE_DECIDED', '该请假申请已经决定', 'That leave request has already been decided', RULE.M6);
    checkLeaveDecider({
      state: now.state,
      actorPersonId: actor.personId,
      requesterPersonId: req.person_id,
      presidingPersonId: now.presiding_person_id,
      secretaryGeneralIds: await secretaryGeneralIds(tx, m.congress_id, now.date),
    });
    const at = nowIso();
    const res = await tx
      .updateTable('leave_requests')
      .set({ status: input.approve ? 'approved' : 'rejected', decided_at: at, decided_by_person_id: actor.personId, decision_note: input.note ?? null })
      .where('congress_id', '=', m.congress_id)
      .where('id', '=', req.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw errors.conflict('LEAVE_DECIDED', '该请假申请已经决定', 'That leave request has already been decided', RULE.M6);
    rec.audit({ congressId: m.congress_id, action: input.approve ? 'leave.approved' : 'leave.rejected', targetType: 'leave_request', targetId: req.id, data: { meetingId: m.id, personId: req.person_id, phase: leavePhase(now.state) } });
    if (input.approve) await mark(tx, ctx, now, { personId: req.person_id, status: 'leave', mode: null, reason: req.reason, via: 'leave_decision' }, rec);
    emit(rec, m, 'attendance');
    const after = await tx.selectFrom('leave_requests').selectAll().where('congress_id', '=', m.congress_id).where('id', '=', req.id).executeTakeFirstOrThrow();
    return leaveDto(tx, after);
  });
}

/** The member (or the office) withdraws a request not yet decided. */
export async function withdrawLeave(ctx: Ctx, meetingId: string, requestId: string) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, (a, cid) => meetingPolicy.prepare(a, cid) || meetingPolicy.selfService(a, cid));
  return runCommand(ctx, async (tx, rec) => {
    const req = await tx.selectFrom('leave_requests').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id).where('id', '=', requestId).executeTakeFirst();
    if (!req) throw errors.notFound('Leave request', '该请假申请');
    if (!meetingPolicy.prepare(actor, m.congress_id) && req.person_id !== actor.personId) throw errors.forbidden();
    if (req.status !== 'pending') throw errors.conflict('LEAVE_DECIDED', '该请假申请已经决定', 'That leave request has already been decided', RULE.M6);
    expectChanged(await tx.updateTable('leave_requests').set({ status: 'withdrawn' }).where('congress_id', '=', m.congress_id).where('id', '=', req.id).where('status', '=', 'pending').executeTakeFirst());
    rec.audit({ congressId: m.congress_id, action: 'leave.withdrawn', targetType: 'leave_request', targetId: req.id, data: { meetingId: m.id, personId: req.person_id } });
    emit(rec, m, 'attendance');
    return leaveDto(tx, { ...req, status: 'withdrawn' });
  });
}
