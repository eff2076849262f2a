import Nzh from 'nzh';
import type { Quorum, RuleWarning } from '../../../contracts/meetings.ts';
import type { RulesProfile } from '../../../contracts/profile.ts';
import { DomainError } from '../../platform/errors.ts';
import type { MeetingKind, MeetingState } from '../../platform/schema.ts';
import { quorumRequired } from '../congress/thresholds.rules.ts';

// Pure decisions about meetings, each citing 鹤壁市人民代表大会常务委员会议事规则 (seed L1043–L1289)
// and its rule id from shared/docs/domain.md §3.

export const RULE = {
  M1: 'R-M1 议事规则第七条',
  M2: 'R-M2 议事规则第七条',
  M3: 'R-M3 议事规则第八条',
  M4: 'R-M4 议事规则第八条',
  M5: 'R-M5 议事规则第九条',
  M6: 'R-M6 议事规则第十条、第十一条',
  M7: 'R-M7 议事规则第十二条',
  M8: 'R-M8 议事规则第十三条',
  M9: 'R-M9 议事规则第十四条',
  M10: 'R-M10 议事规则第十五条',
  V1: 'R-V1 议事规则第四十条',
} as const;

/** A standing committee meeting (常务委员会会议), regular or special, as opposed to council or committee meetings. */
export const isStandingMeeting = (kind: MeetingKind): boolean => kind === 'regular' || kind === 'special';

// ---------------------------------------------------------------- dates (local, YYYY-MM-DD)

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date (2023-02-30 is not). */
export function isValidDate(d: string): boolean {
  const m = DATE_RE.exec(d);
  if (!m) return false;
  const dt = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dt.toISOString().slice(0, 10) === d;
}

export function addDays(d: string, days: number): string {
  const dt = new Date(`${d}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() + days);
  return dt.toISOString().slice(0, 10);
}

/** The same day n months later, or the month's last day when it has no such day (01-31 + 1 → 02-28). */
export function addMonths(d: string, months: number): string {
  const m = DATE_RE.exec(d);
  if (!m) throw new Error(`not a date: ${d}`);
  const total = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), last);
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local date (Asia/Shanghai, UTC+8 all year) of an ISO instant. */
export function localDateOf(instant: string): string {
  return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 2023-08-24 → 2023年8月24日, as the gazette writes dates. */
export function zhDate(d: string): string {
  const m = DATE_RE.exec(d);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : d;
}

export const zhNumber = (n: number): string => Nzh.cn.encodeS(n);

// ---------------------------------------------------------------- titles and numbering

export interface TitleInput {
  congressName: string;
  standingCommitteeName: string | null;
  region: string | null;
  termNumber: number | null;
  kind: MeetingKind;
  number: number | null;
  bodyName?: string | null;
}

function withTerm(name: string, term: number | null): string {
  if (term === null) return name;
  const i = name.indexOf('人民代表大会');
  return i < 0 ? `第${zhNumber(term)}届${name}` : `${name.slice(0, i)}第${zhNumber(term)}届${name.slice(i)}`;
}

/** 鹤壁市第十二届人民代表大会常务委员会第六次会议 (R-M1: meetings are numbered within a term). */
export function meetingTitle(t: TitleInput): string {
  const sc = t.standingCommitteeName ?? `${t.congressName}常务委员会`;
  const n = t.number === null ? '' : `第${zhNumber(t.number)}次`;
  switch (t.kind) {
    case 'regular':
    case 'special':
      return `${withTerm(sc, t.termNumber)}${n}会议`;
    case 'chairpersons_council':
      return `${withTerm(sc, t.termNumber)}${n}主任会议`;
    case 'committee':
      return `${withTerm(t.congressName, t.termNumber)}${t.bodyName ?? '专门委员会'}${n}会议`;
  }
}

/** 鹤壁市十二届人大常委会第六次会议: the short form the gazette uses in list titles. */
export function meetingShortTitle(t: TitleInput): string {
  const region = t.region ?? t.congressName.replace('人民代表大会', '');
  const term = t.termNumber === null ? '' : `${zhNumber(t.termNumber)}届`;
  const n = t.number === null ? '' : `第${zhNumber(t.number)}次`;
  switch (t.kind) {
    case 'regular':
    case 'special':
      return `${region}${term}人大常委会${n}会议`;
    case 'chairpersons_council':
      return `${region}${term}人大常委会${n}主任会议`;
    case 'committee':
      return `${region}${term}人大${t.bodyName ?? '专门委员会'}${n}会议`;
  }
}

/** Regular and special meetings share one sequence (第N次会议); council and each committee have their own. */
export function seriesOf(kind: MeetingKind, bodyId: string | null): string {
  switch (kind) {
    case 'regular':
    case 'special':
      return 'standing';
    case 'chairpersons_council':
      return 'council';
    case 'committee':
      return `committee:${bodyId ?? ''}`;
  }
}

export const nextNumber = (taken: readonly number[]): number => taken.reduce((a, b) => Math.max(a, b), 0) + 1;

// ---------------------------------------------------------------- lifecycle (state machine)

export type MeetingAction = 'schedule' | 'notify' | 'open' | 'close';

const TRANSITIONS: Record<MeetingAction, { from: MeetingState; to: MeetingState; zh: string }> = {
  schedule: { from: 'draft', to: 'scheduled', zh: '确定会议安排' },
  notify: { from: 'scheduled', to: 'notified', zh: '发出会议通知' },
  open: { from: 'notified', to: 'in_session', zh: '宣布开会' },
  close: { from: 'in_session', to: 'closed', zh: '宣布闭会' },
};

const STATE_ZH: Record<MeetingState, string> = { draft: '草拟', scheduled: '已定安排', notified: '已通知', in_session: '举行中', closed: '已闭会' };

/**
 * draft → scheduled (the council fixed date, agenda, schedule and scope, R-M5) → notified (members
 * and attendees notified, R-M5) → in_session (opened with a quorum, R-M3) → closed. No step is skipped
 * and none goes back: a step out of order is refused.
 */
export function nextState(state: MeetingState, action: MeetingAction): MeetingState {
  const t = TRANSITIONS[action];
  if (state !== t.from) {
    throw new DomainError(
      409,
      'INVALID_TRANSITION',
      `会议处于“${STATE_ZH[state]}”状态，不能${t.zh}（须先处于“${STATE_ZH[t.from]}”状态）`,
      `A meeting that is ${state} cannot ${action}; it must be ${t.from} first`,
      RULE.M5,
      { state, action, requires: t.from },
    );
  }
  return t.to;
}

/** Work on a meeting's contents stops at closing; the record is then final. */
export function assertNotClosed(state: MeetingState): void {
  if (state === 'closed') throw new DomainError(409, 'MEETING_CLOSED', '会议已闭会，记录不能再更改', 'The meeting is closed; its record can no longer change');
}

export function assertInSession(state: MeetingState, what: { zh: string; en: string }): void {
  if (state !== 'in_session') {
    throw new DomainError(409, 'NOT_IN_SESSION', `会议举行期间才能${what.zh}`, `You can ${what.en} only while the meeting is in session`, undefined, { state });
  }
}

/** R-M5: the council fixes the date before the meeting, and a standing committee meeting needs an agenda. */
export function checkSchedule(input: { kind: MeetingKind; date: string; councilDate: string; agendaItems: number; endDate: string | null }): void {
  if (input.councilDate > input.date) {
    throw new DomainError(422, 'COUNCIL_AFTER_MEETING', '主任会议的日期不能晚于会议日期', 'The council cannot meet after the meeting date', RULE.M5);
  }
  if (input.endDate !== null && input.endDate < input.date) {
    throw new DomainError(422, 'END_BEFORE_START', '会议结束日期早于开始日期', 'The end date is before the meeting date');
  }
  if (isStandingMeeting(input.kind) && input.agendaItems === 0) {
    throw new DomainError(422, 'AGENDA_EMPTY', '主任会议须拟定会议议程草案后才能确定会议安排', 'The council must fix a draft agenda before the meeting is scheduled', RULE.M5);
  }
}

/** R-M3 and R-M2: a standing committee meeting opens only with a quorum and a presiding person. */
export function checkOpen(input: { kind: MeetingKind; quorum: Quorum; presidingPersonId: string | null }): void {
  if (isStandingMeeting(input.kind) && input.presidingPersonId === null) {
    throw new DomainError(409, 'NO_PRESIDING_PERSON', '尚未确定会议主持人，不能开会', 'No presiding person is designated; the meeting cannot open', RULE.M2);
  }
  const q = input.quorum;
  if (isStandingMeeting(input.kind) && !q.met) {
    throw new DomainError(
      409,
      'QUORUM_NOT_MET',
      `出席${q.present}人，未达到全体组成人员${q.members}人的过半数（至少${q.required}人），不能开会`,
      `${q.present} present is not more than half of all ${q.members} members (at least ${q.required} needed); the meeting cannot open`,
      RULE.M3,
      { members: q.members, present: q.present, required: q.required },
    );
  }
}

// ---------------------------------------------------------------- quorum (R-M3, R-M4)

export interface AttendanceCounts {
  members: number;
  present: number;
  video: number;
  onLeave: number;
  absent: number;
}

/**
 * R-M3 (art. 8): more than half of ALL members present — 41 members need 21, whoever is on leave.
 * R-M4: members attending by video, where allowed, count as present. The threshold comes from the
 * congress's rules profile through `quorumRequired`.
 */
export function quorumOf(profile: RulesProfile, c: AttendanceCounts): Quorum {
  const required = quorumRequired(profile, c.members);
  return {
    members: c.members,
    present: c.present,
    required,
    met: c.members > 0 && c.present >= required,
    onLeave: c.onLeave,
    absent: c.absent,
    notRecorded: Math.max(0, c.members - c.present - c.onLeave - c.absent),
    video: c.video,
    rule: RULE.M3,
  };
}

// ---------------------------------------------------------------- warnings (R-M5, R-M1)

const w = (code: string, rule: string, zh: string, en: string): RuleWarning => ({ code, rule, message_zh: zh, message_en: en });

export interface TimelinessInput {
  kind: MeetingKind;
  state: MeetingState;
  date: string;
  councilDate: string | null;
  /** Local date on which members were notified. */
  notifiedOn: string | null;
  today: string;
}

/** Whether the seven-day rules apply: regular meetings always, special ones only if the profile says so. */
export function sevenDayRulesApply(kind: MeetingKind, profile: RulesProfile): boolean {
  if (kind === 'regular') return true;
  if (kind === 'special') return !profile.meetings.specialMeetingsExempt;
  return false;
}

/**
 * R-M5 (art. 9): the council meets, and members are notified, N days before a regular meeting
 * ("N日前": on or before date − N). Special meetings are exempt. Late steps are warnings, not refusals:
 * the meeting may still be held, but the office sees which rule was not kept.
 */
export function timelinessWarnings(m: TimelinessInput, profile: RulesProfile): RuleWarning[] {
  if (!sevenDayRulesApply(m.kind, profile) || m.state === 'closed') return [];
  const out: RuleWarning[] = [];
  const { councilDaysBefore, noticeDaysBefore } = profile.meetings;
  const councilBy = addDays(m.date, -councilDaysBefore);
  const noticeBy = addDays(m.date, -noticeDaysBefore);
  const cN = zhNumber(councilDaysBefore);
  const nN = zhNumber(noticeDaysBefore);
  if (m.councilDate !== null) {
    if (m.councilDate > councilBy) {
      out.push(
        w(
          'COUNCIL_LATE',
          RULE.M5,
          `主任会议应于会议举行${cN}日前召开（不迟于${zhDate(councilBy)}），实际为${zhDate(m.councilDate)}`,
          `The council should meet ${councilDaysBefore} days before the meeting (by ${councilBy}); it met on ${m.councilDate}`,
        ),
      );
    }
  } else if (m.state === 'draft' && m.today > councilBy) {
    out.push(
      w('COUNCIL_OVERDUE', RULE.M5, `主任会议应于${zhDate(councilBy)}前召开，至今尚未确定会议安排`, `The council should have met by ${councilBy}; the meeting is not scheduled yet`),
    );
  } else if (m.state !== 'draft') {
    out.push(w('COUNCIL_DATE_UNKNOWN', RULE.M5, '未记录主任会议召开日期', 'The date of the council meeting is not recorded'));
  }
  if (m.notifiedOn !== null) {
    if (m.notifiedOn > noticeBy) {
      out.push(
        w(
          'NOTICE_LATE',
          RULE.M5,
          `会议通知应于会议举行${nN}日前发出（不迟于${zhDate(noticeBy)}），实际为${zhDate(m.notifiedOn)}`,
          `Members should be notified ${noticeDaysBefore} days before the meeting (by ${noticeBy}); they were notified on ${m.notifiedOn}`,
        ),
      );
    }
  } else if ((m.state === 'draft' || m.state === 'scheduled') && m.today > noticeBy) {
    out.push(w('NOTICE_OVERDUE', RULE.M5, `会议通知应于${zhDate(noticeBy)}前发出，至今尚未发出`, `Members should have been notified by ${noticeBy}; no notice has been sent`));
  }
  return out;
}

/** R-M1 (art. 7): more than `months` months between two regular meetings. */
export function intervalWarning(previous: string, next: string, months: number): RuleWarning | null {
  const limit = addMonths(previous, months);
  if (next <= limit) return null;
  return w(
    'REGULAR_INTERVAL',
    RULE.M1,
    `${zhDate(previous)}至${zhDate(next)}之间超过${zhNumber(months)}个月没有举行例行会议（常务委员会会议至少每${zhNumber(months)}个月举行一次）`,
    `More than ${months} months without a regular meeting between ${previous} and ${next} (at least one every ${months} months)`,
  );
}

/**
 * R-M1 over a term: each gap between consecutive regular meetings (from the term's start when known)
 * and the time since the last one, up to today, must not exceed the profile's interval.
 */
export function regularIntervalWarnings(input: { termStart: string | null; regularDates: readonly string[]; today: string; months: number }): RuleWarning[] {
  const dates = [...input.regularDates].sort();
  const out: RuleWarning[] = [];
  let prev = input.termStart;
  for (const d of dates) {
    if (prev !== null && d > prev) {
      const gap = intervalWarning(prev, d, input.months);
      if (gap) out.push(gap);
    }
    prev = d;
  }
  if (prev !== null && input.today > prev) {
    const since = intervalWarning(prev, input.today, input.months);
    if (since) {
      out.push(
        w(
          'REGULAR_OVERDUE',
          RULE.M1,
          `自${zhDate(prev)}以来已超过${zhNumber(input.months)}个月没有举行例行会议`,
          `No regular meeting for more than ${input.months} months since ${prev}`,
        ),
      );
    }
  }
  return out;
}

// ---------------------------------------------------------------- presiding person (R-M2)

/** R-M2 (art. 7): the chair presides, or a vice-chair the chair entrusts. */
export function checkPresidingEligible(role: string | null, name: string): void {
  if (role !== 'chair' && role !== 'vice_chair') {
    throw new DomainError(
      422,
      'NOT_ELIGIBLE_TO_PRESIDE',
      `${name}不是主任或副主任，不能主持会议（主任召集并主持，主任可以委托副主任主持）`,
      `${name} is neither the chair nor a vice-chair and cannot preside`,
      RULE.M2,
    );
  }
}

// ---------------------------------------------------------------- agenda (R-M5, R-M10)

/** Before the plenary adopts it, the draft agenda is prepared by the office; afterwards only an adjustment changes it. */
export function assertAgendaEditable(agendaAdoptedAt: string | null, state: MeetingState): void {
  assertNotClosed(state);
  if (agendaAdoptedAt !== null) {
    throw new DomainError(
      409,
      'AGENDA_ADOPTED',
      '会议议程已经全体会议通过，调整须由主任会议提出、经全体会议同意',
      'The plenary has adopted the agenda; changes must be proposed by the council and approved by the plenary',
      RULE.M5,
    );
  }
}

/** R-M5: the plenary decides the draft agenda, once, while in session. */
export function checkAdoptAgenda(state: MeetingState, agendaAdoptedAt: string | null, items: number): void {
  assertInSession(state, { zh: '由全体会议通过议程', en: 'adopt the agenda in plenary' });
  if (agendaAdoptedAt !== null) throw new DomainError(409, 'AGENDA_ADOPTED', '会议议程已经通过', 'The agenda has already been adopted', RULE.M5);
  if (items === 0) throw new DomainError(422, 'AGENDA_EMPTY', '议程草案没有议题', 'The draft agenda has no items', RULE.M5);
}

/** R-M5: adjustments during the meeting exist only once the agenda is adopted. */
export function checkProposeAdjustment(state: MeetingState, agendaAdoptedAt: string | null): void {
  assertInSession(state, { zh: '提出议程调整', en: 'propose an agenda adjustment' });
  if (agendaAdoptedAt === null) {
    throw new DomainError(409, 'AGENDA_NOT_ADOPTED', '议程尚未通过，议程草案可以直接修改', 'The agenda is not adopted yet; the draft can still be edited directly', RULE.M5);
  }
}

/** Positions 1…n in order after inserting, moving or removing an item. */
export function reorder(items: readonly { id: string }[], move: { id: string; to: number } | null, remove: string | null): { id: string; position: number }[] {
  const list = items.filter((i) => i.id !== remove);
  if (move) {
    const idx = list.findIndex((i) => i.id === move.id);
    if (idx >= 0) {
      const [it] = list.splice(idx, 1);
      if (it) list.splice(Math.max(0, Math.min(move.to - 1, list.length)), 0, it);
    }
  }
  return list.map((i, n) => ({ id: i.id, position: n + 1 }));
}

/** The hall moves to an item of the adopted agenda only. */
export function checkCurrentItem(state: MeetingState, agendaAdoptedAt: string | null, itemStatus: string | null): void {
  assertInSession(state, { zh: '切换当前议题', en: 'set the current item' });
  if (agendaAdoptedAt === null) throw new DomainError(409, 'AGENDA_NOT_ADOPTED', '议程尚未经全体会议通过', 'The plenary has not adopted the agenda yet', RULE.M5);
  if (itemStatus !== null && itemStatus !== 'adopted') throw new DomainError(422, 'ITEM_NOT_ON_AGENDA', '该议题不在通过的议程中', 'That item is not on the adopted agenda', RULE.M5);
}

/** R-M10 (art. 15): meetings are public once announced; council and committee meetings are internal by default. */
export const defaultPublic = (kind: MeetingKind): boolean => isStandingMeeting(kind);
export const publiclyVisible = (m: { is_public: number; state: MeetingState }): boolean => m.is_public === 1 && m.state !== 'draft' && m.state !== 'scheduled';
