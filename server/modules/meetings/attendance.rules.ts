import type { Quorum } from '../../../contracts/meetings.ts';
import type { RulesProfile } from '../../../contracts/profile.ts';
import { DomainError } from '../../platform/errors.ts';
import type { MeetingState } from '../../platform/schema.ts';
import { RULE } from './meetings.rules.ts';

// Attendance, leave and the attendance list (议事规则 art. 8, 10, 11: R-M3, R-M4, R-M6).

/** R-M4 (art. 8): video attendance only where the council allowed it and the congress's rules provide for it. */
export function checkVideoAllowed(mode: 'onsite' | 'video' | null, meetingAllows: boolean, profile: RulesProfile): void {
  if (mode !== 'video') return;
  if (!profile.meetings.videoAttendance) {
    throw new DomainError(422, 'VIDEO_NOT_PROVIDED', '本级人大常委会议事规则未规定视频方式出席', "This congress's rules do not provide for attending by video", RULE.M4);
  }
  if (!meetingAllows) {
    throw new DomainError(422, 'VIDEO_NOT_ALLOWED', '主任会议未决定本次会议可以通过视频方式出席', 'The council has not allowed video attendance for this meeting', RULE.M4);
  }
}

/** Attendance is kept until the meeting closes; afterwards it is the record. */
export function checkAttendanceOpen(state: MeetingState): void {
  if (state === 'closed') throw new DomainError(409, 'MEETING_CLOSED', '会议已闭会，出席记录不能再更改', 'The meeting is closed; attendance can no longer change');
}

/**
 * Signing in with the meeting's code: on a meeting day, once members are notified, with the
 * code shown in the hall (QR content = the code). The comparison is made by the caller in constant time.
 */
export function checkCheckIn(input: { state: MeetingState; date: string; endDate: string | null; today: string; codeMatches: boolean }): void {
  if (input.state !== 'notified' && input.state !== 'in_session') {
    throw new DomainError(409, 'CHECKIN_CLOSED', '会议尚未通知或已闭会，不能签到', 'Sign-in is open only between the notice and the close of the meeting', undefined, { state: input.state });
  }
  const last = input.endDate ?? input.date;
  if (input.today < input.date || input.today > last) {
    throw new DomainError(409, 'CHECKIN_NOT_TODAY', '只能在会议当天签到', 'You can sign in only on a meeting day', undefined, { date: input.date, endDate: last, today: input.today });
  }
  if (!input.codeMatches) throw new DomainError(422, 'CHECKIN_CODE', '签到码不正确', 'The sign-in code is not correct');
}

export type LeavePhase = 'before' | 'during';

/** R-M6: before the meeting leave is asked from the presiding person; during it, from the secretary-general. */
export function leavePhase(state: MeetingState): LeavePhase {
  return state === 'in_session' ? 'during' : 'before';
}

export function checkLeaveRequestOpen(state: MeetingState): void {
  if (state === 'closed') throw new DomainError(409, 'MEETING_CLOSED', '会议已闭会，不能再请假', 'The meeting is closed; leave can no longer be asked');
}

/**
 * R-M6 (art. 10–11): who decides a leave request. Before the meeting the presiding person;
 * during it the secretary-general. Nobody decides their own request. Anyone else is refused.
 */
export function checkLeaveDecider(input: {
  state: MeetingState;
  actorPersonId: string | null;
  requesterPersonId: string;
  presidingPersonId: string | null;
  secretaryGeneralIds: readonly string[];
}): LeavePhase {
  if (input.state === 'closed') throw new DomainError(409, 'MEETING_CLOSED', '会议已闭会', 'The meeting is closed');
  const phase = leavePhase(input.state);
  if (phase === 'before') {
    if (input.presidingPersonId === null) {
      throw new DomainError(409, 'NO_PRESIDING_PERSON', '尚未确定会议主持人，会前请假由主持人决定', 'No presiding person is designated; leave before the meeting is decided by the presiding person', RULE.M6);
    }
    if (input.actorPersonId !== input.presidingPersonId || input.actorPersonId === input.requesterPersonId) {
      throw new DomainError(403, 'LEAVE_DECIDER', '会前请假应由会议主持人决定', 'Leave before the meeting is decided by the presiding person', RULE.M6);
    }
    return phase;
  }
  if (input.actorPersonId === null || !input.secretaryGeneralIds.includes(input.actorPersonId) || input.actorPersonId === input.requesterPersonId) {
    throw new DomainError(403, 'LEAVE_DECIDER', '会议期间请假应由秘书长决定', 'Leave during the meeting is decided by the secretary-general', RULE.M6);
  }
  return phase;
}

/** 应到41人，实到30人，请假11人，符合法定人数 — the office's report to the presiding person (R-M6, R-M3). */
export function attendanceSummary(q: Quorum): { zh: string; en: string } {
  const parts = [`应到${q.members}人`, `实到${q.present}人`];
  if (q.video > 0) parts.push(`其中视频出席${q.video}人`);
  if (q.onLeave > 0) parts.push(`请假${q.onLeave}人`);
  if (q.absent > 0) parts.push(`缺席${q.absent}人`);
  if (q.notRecorded > 0) parts.push(`未报到${q.notRecorded}人`);
  const zh = `${parts.join('，')}，${q.met ? '符合法定人数' : `不足法定人数（至少${q.required}人）`}`;
  const en = `${q.members} members, ${q.present} present${q.video > 0 ? ` (${q.video} by video)` : ''}, ${q.onLeave} on leave, ${q.absent} absent${q.notRecorded > 0 ? `, ${q.notRecorded} not recorded` : ''}: ${q.met ? 'quorum met' : `no quorum (${q.required} needed)`}`;
  return { zh, en };
}

// ---------------------------------------------------------------- the gazette's attendance list

export interface ListMember {
  name: string;
  role: string; // chair | vice_chair | secretary_general | member
  status: 'present' | 'leave' | 'absent' | 'not_recorded';
}

const ROLE_LABELS: readonly { role: string; label: string }[] = [
  { role: 'chair', label: '主任' },
  { role: 'vice_chair', label: '副主任' },
  { role: 'secretary_general', label: '秘书长' },
  { role: 'member', label: '委员（以姓名笔画为序）' },
];

/** Display width: CJK characters and full-width punctuation count one column each, like the gazette's lines. */
const width = (s: string): number => Array.from(s).length;

/** Packs names into lines no wider than `max` columns, separated by one space; the prefix starts the first line. */
export function wrapNames(prefix: string, names: readonly string[], max: number): string[] {
  const lines: string[] = [];
  let line = prefix;
  let empty = true;
  for (const n of names) {
    const candidate = empty ? `${line}${n}` : `${line} ${n}`;
    if (!empty && width(candidate) > max) {
      lines.push(line);
      line = n;
    } else {
      line = candidate;
    }
    empty = false;
  }
  if (!empty || prefix) lines.push(line);
  return lines;
}

/**
 * The 出缺席人员名单 as the gazette prints it (seed L2332–L2352): a title; those present by role
 * (leaders in rank order, then members 以姓名笔画为序 — the roster's order); then 请假. Members'
 * names stand five to a line; the leave paragraph wraps at 24 columns. Names are not padded here.
 * `members` comes in roster order (rank); the caller supplies it.
 */
export function gazetteAttendanceList(shortTitle: string, members: readonly ListMember[]) {
  const present = ROLE_LABELS.map(({ role, label }) => ({ label: label.replace(/（.*）/, ''), heading: label, names: members.filter((m) => m.role === role && m.status === 'present').map((m) => m.name) })).filter(
    (g) => g.names.length > 0,
  );
  const others = members.filter((m) => m.status === 'present' && !ROLE_LABELS.some((r) => r.role === m.role)).map((m) => m.name);
  if (others.length > 0) present.push({ label: '其他', heading: '其他', names: others });
  const onLeave = members.filter((m) => m.status === 'leave').map((m) => m.name);
  const absent = members.filter((m) => m.status === 'absent').map((m) => m.name);
  const title = `${shortTitle}出缺席人员名单`;
  const lines: string[] = [title];
  for (const g of present) {
    if (g.label === '委员') {
      lines.push(`${g.heading}：`);
      for (let i = 0; i < g.names.length; i += 5) lines.push(g.names.slice(i, i + 5).join(' '));
    } else {
      lines.push(`${g.heading}：${g.names.join(' ')}`);
    }
  }
  if (onLeave.length > 0) lines.push(...wrapNames('请假：', onLeave, 24));
  if (absent.length > 0) lines.push(...wrapNames('缺席：', absent, 24));
  return { title, present: present.map((g) => ({ label: g.label, names: g.names })), onLeave, absent, text: lines.join('\n') };
}

/** 王伟 → 王 伟: two-character names are padded in printed tables (domain.md §11). */
export const padName = (name: string): string => (Array.from(name).length === 2 ? Array.from(name).join(' ') : name);

/** The 列席人员名单 (seed L2354–L2367): one line per organ, tab, names padded and separated by 、. */
export function gazetteAttendeeList(shortTitle: string, groups: readonly { organ: string; names: readonly string[] }[]): { title: string; text: string } {
  const title = `${shortTitle}列席人员名单`;
  return { title, text: [title, ...groups.map((g) => `${g.organ}\t${g.names.map(padName).join('、')}`)].join('\n') };
}
