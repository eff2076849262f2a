import type { Ctx } from '../../platform/command.ts';
import { errors } from '../../platform/errors.ts';
import type { MeetingRow } from '../../platform/schema.ts';
import { loadProfile } from '../congress/congress.repo.ts';
import { leaveDto } from './attendance.commands.ts';
import { attendanceSummary, gazetteAttendanceList } from './attendance.rules.ts';
import { meetingPolicy } from './meetings.policy.ts';
import { attendanceRows, bodyMembers, contextFor, countAttendance, titleInput } from './meetings.repo.ts';
import { meetingShortTitle, quorumOf } from './meetings.rules.ts';
import { meetingForRead, meetingForReport, meetingForWrite } from './meetings.scope.ts';

// Attendance reads: the list per member, the office's report (R-M6), the gazette's list, leave requests.

// qrcode loads on first use, not at start-up.
const qrcode = async () => (await import('qrcode')).default;

async function roster(ctx: Ctx, m: MeetingRow) {
  const members = await bodyMembers(ctx.db, m);
  const rows = new Map((await attendanceRows(ctx.db, m.congress_id, m.id)).map((r) => [r.person_id, r]));
  return members.map((mem) => {
    const r = rows.get(mem.id);
    return { ...mem, status: r?.status ?? ('not_recorded' as const), mode: r?.mode ?? null, reason: r?.reason ?? null, recordedAt: r?.recorded_at ?? null };
  });
}

/** Each member's status. Reasons for leave are for the office and leaders; the public sees statuses of public meetings. */
export async function listAttendance(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForRead(ctx, meetingId);
  const withReasons = meetingPolicy.readReports(ctx.actor, m.congress_id);
  return (await roster(ctx, m)).map((r) => ({
    personId: r.id,
    name: r.name,
    role: r.role,
    roleZh: r.roleZh,
    status: r.status,
    mode: r.mode,
    reason: withReasons ? r.reason : null,
    recordedAt: r.recordedAt,
  }));
}

/** R-M6: before the meeting the office reports attendance and reasons for absence to the presiding person. */
export async function getAttendanceReport(ctx: Ctx, meetingId: string) {
  const m = await meetingForReport(ctx, meetingId);
  const list = await roster(ctx, m);
  const rows = await attendanceRows(ctx.db, m.congress_id, m.id);
  const quorum = quorumOf(await loadProfile(ctx.db, m.congress_id), countAttendance(list, rows));
  const summary = attendanceSummary(quorum);
  return {
    ...quorum,
    meetingId: m.id,
    title: m.title,
    leave: list.filter((r) => r.status === 'leave').map((r) => ({ personId: r.id, name: r.name, reason: r.reason })),
    absentees: list.filter((r) => r.status === 'absent').map((r) => ({ personId: r.id, name: r.name })),
    notRecordedList: list.filter((r) => r.status === 'not_recorded').map((r) => ({ personId: r.id, name: r.name })),
    summary_zh: summary.zh,
    summary_en: summary.en,
  };
}

/** The 出缺席人员名单 in the gazette's form, as data and as text (seed L2332–L2352). */
export async function getAttendanceList(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForRead(ctx, meetingId);
  const list = await roster(ctx, m);
  const mc = await contextFor(ctx.db, m.congress_id, [m]);
  return gazetteAttendanceList(meetingShortTitle(titleInput(mc, m)), list);
}

/** Leave requests: the office and leaders see all; a member sees their own. */
export async function listLeaveRequests(ctx: Ctx, meetingId: string) {
  const { m, actor } = await meetingForWrite(ctx, meetingId, (a, cid) => meetingPolicy.readReports(a, cid) || meetingPolicy.selfService(a, cid));
  let q = ctx.db.selectFrom('leave_requests').selectAll().where('congress_id', '=', m.congress_id).where('meeting_id', '=', m.id);
  if (!meetingPolicy.readReports(actor, m.congress_id)) q = q.where('person_id', '=', actor.personId ?? '');
  const rows = await q.orderBy('requested_at').execute();
  return Promise.all(rows.map((r) => leaveDto(ctx.db, r)));
}

/** The sign-in code for the hall's screen, with its QR code (content = the code). */
export async function getCheckInCode(ctx: Ctx, meetingId: string) {
  const { m } = await meetingForWrite(ctx, meetingId, meetingPolicy.prepare);
  if (m.checkin_code === null) throw errors.conflict('NO_CHECKIN_CODE', '签到码随会议通知生成，请先发出会议通知', 'The sign-in code is issued with the notice; notify the meeting first');
  const QRCode = await qrcode();
  const [qrSvg, qrDataUrl] = await Promise.all([
    QRCode.toString(m.checkin_code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toDataURL(m.checkin_code, { errorCorrectionLevel: 'M', margin: 2, width: 480 }),
  ]);
  return { code: m.checkin_code, qrSvg, qrDataUrl };
}
