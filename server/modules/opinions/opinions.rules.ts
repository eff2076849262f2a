import type { AssignmentRole, Disposition, Grade, LegalRoute, OpinionClass, OpinionStatus } from '../../../contracts/opinions.ts';
import type { RulesProfile } from '../../../contracts/profile.ts';
import type { LocalDate, WorkingCalendar } from '../../platform/calendar/calendar.rules.ts';
import { DomainError, errors } from '../../platform/errors.ts';

// Pure decisions of the opinions loop. Sources:
//  - 河南省人民代表大会代表建议、批评和意见办理办法 (2017) art. 12–23, cited as H-<article>;
//  - 鹤壁市全过程人民民主基层示范点（人大代表联络站）管理办法 art. 13 (seed L1665–L1667), S-13;
//  - the service-day decision's classes (seed L1542, L1588), SD-C.

export const RULE = {
  S13: 'S-13 联络站管理办法第十三条',
  SDC: 'SD-C 为民服务活动日决定（分类处理、分级办理）',
  H13: 'H-13 办理办法第十三条',
  H14: 'H-14 办理办法第十四条',
  H15: 'H-15 办理办法第十五条',
  H18: 'H-18 办理办法第十八条',
  H20: 'H-20 办理办法第二十条',
  H21: 'H-21 办理办法第二十一条',
  H22: 'H-22 办理办法第二十二条',
  H23: 'H-23 办理办法第二十三条',
  H24: 'H-24 办理办法第二十四条（督办）',
} as const;

export type Handling = RulesProfile['handling'];

export const STATUS_ZH: Record<OpinionStatus, string> = {
  received: '已受理，待分类',
  answered: '已当场答复',
  explained: '已告知解决途径',
  to_route: '待交办',
  assigned: '办理中',
  replied: '已答复，待评价',
  rehandling: '重新办理中',
  evaluation: '组织评估中',
  closed: '已办结',
};
export const CLASS_ZH: Record<OpinionClass, string> = { suggestion: '代表建议', mass_opinion: '群众意见', petition: '信访件' };
export const ROUTE_ZH: Record<LegalRoute, string> = { litigation: '诉讼', arbitration: '仲裁', administrative_review: '行政复议', petition: '信访' };
export const ROLE_ZH: Record<AssignmentRole, string> = { lead: '主办', co: '协办', separate: '分别承办' };

// ------------------------------------------------------------------ tracking codes

/** Crockford's base-32 alphabet: no I, L, O or U, so codes read aloud or typed by hand survive. */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters (60 random bits) from at least 8 random bytes. */
export function trackingCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError('need 8 random bytes');
  let v = 0n;
  for (const b of bytes.subarray(0, 8)) v = (v << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += TRACKING_ALPHABET.charAt(Number(v & 31n));
    v >>= 5n;
  }
  return out;
}

/** 'K3M9Q2XH7TPA' → 'K3M9-Q2XH-7TPA', as printed on the receipt. */
export const formatTrackingCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

// ------------------------------------------------------------------ classification (S-13, SD-C)

export interface Classification {
  class: OpinionClass;
  disposition: Disposition;
  route?: LegalRoute | undefined;
  answer?: string | undefined;
  deputyIds?: readonly string[] | undefined;
}

/**
 * What each class allows (seed L1588, measures art. 13):
 *  - 代表建议 (development matters) are forwarded by procedure and need the deputy who takes them up;
 *  - 群众意见 are answered on the spot, explained (not within policy or law), or forwarded to urge the department;
 *  - 信访件 (litigation matters) are handled as petitions: the citizen is told the route (petition,
 *    litigation, arbitration, administrative review), or the item is forwarded to the petition office.
 * Answers and explanations are recorded as the citizen will read them.
 */
export function checkClassification(c: Classification): void {
  const allowed: Record<OpinionClass, readonly Disposition[]> = {
    suggestion: ['forward'],
    mass_opinion: ['answer_on_spot', 'explain_route', 'forward'],
    petition: ['explain_route', 'forward'],
  };
  if (!allowed[c.class].includes(c.disposition)) {
    throw errors.invalid(
      'DISPOSITION_NOT_ALLOWED',
      `${CLASS_ZH[c.class]}不能以该方式处理`,
      `A ${c.class} cannot be disposed of as ${c.disposition}`,
      c.class === 'suggestion' ? RULE.SDC : RULE.S13,
    );
  }
  if (c.disposition === 'explain_route' && !c.route) {
    throw errors.invalid('ROUTE_REQUIRED', '请说明应通过何种途径解决（诉讼、仲裁、行政复议或信访）', 'Name the route: litigation, arbitration, administrative review or petition', RULE.S13);
  }
  if (c.disposition !== 'explain_route' && c.route) {
    throw errors.invalid('ROUTE_NOT_EXPECTED', '只有告知解决途径时才填写途径', 'A route is given only when explaining the route', RULE.S13);
  }
  if ((c.disposition === 'answer_on_spot' || c.disposition === 'explain_route') && !c.answer) {
    throw errors.invalid('ANSWER_REQUIRED', '请填写答复或解释的内容', 'Record the answer or explanation given', RULE.S13);
  }
  if (c.class === 'suggestion' && (c.deputyIds?.length ?? 0) === 0) {
    throw errors.invalid('DEPUTY_REQUIRED', '代表建议须由代表领衔提出', 'A deputy must take up a suggestion (领衔代表)', RULE.SDC);
  }
  if (new Set(c.deputyIds ?? []).size !== (c.deputyIds?.length ?? 0)) {
    throw errors.invalid('DUPLICATE_DEPUTY', '联名代表重复', 'A deputy is listed twice');
  }
}

/** The status a classification leads to. */
export function statusAfterClassification(d: Disposition): OpinionStatus {
  switch (d) {
    case 'answer_on_spot':
      return 'answered';
    case 'explain_route':
      return 'explained';
    case 'forward':
      return 'to_route';
  }
}

// ------------------------------------------------------------------ routing (H-13, H-14)

export interface PlannedAssignment {
  unitId: string;
  role: AssignmentRole;
}

/** H-13: a lead unit with co-handlers, or several units that each reply; never a unit twice. */
export function planRouting(p: { mode: 'lead' | 'separate'; leadUnitId?: string | undefined; coUnitIds?: readonly string[] | undefined; unitIds?: readonly string[] | undefined }): PlannedAssignment[] {
  let plan: PlannedAssignment[];
  if (p.mode === 'lead') {
    if (!p.leadUnitId) throw errors.invalid('LEAD_REQUIRED', '请确定主办单位', 'Name the lead unit', RULE.H13);
    if (p.unitIds?.length) throw errors.invalid('MIXED_ROUTING', '主办方式不能同时指定分别承办单位', 'Lead-unit routing takes co-handlers, not separate units', RULE.H13);
    plan = [{ unitId: p.leadUnitId, role: 'lead' }, ...(p.coUnitIds ?? []).map((u) => ({ unitId: u, role: 'co' as const }))];
  } else {
    if (p.leadUnitId || p.coUnitIds?.length) throw errors.invalid('MIXED_ROUTING', '分别承办不设主办、协办单位', 'Separate handling has no lead or co-handling units', RULE.H13);
    const units = p.unitIds ?? [];
    if (units.length < 2) throw errors.invalid('SEPARATE_NEEDS_TWO', '分别承办须有两个以上单位', 'Separate handling needs two or more units', RULE.H13);
    plan = units.map((u) => ({ unitId: u, role: 'separate' as const }));
  }
  if (new Set(plan.map((a) => a.unitId)).size !== plan.length) throw errors.invalid('DUPLICATE_UNIT', '同一单位不能重复交办', 'A unit is named twice', RULE.H13);
  return plan;
}

export interface AssignmentDates {
  /** H-14: the unit may report "not ours" until this day (ten working days from assignment). */
  declineBy: LocalDate;
  /** H-18: co-handlers' view to the lead within two months; H-20: the reply within three months. */
  dueDate: LocalDate;
}

export function assignmentDates(cal: WorkingCalendar, h: Handling, role: AssignmentRole, assignedOn: LocalDate): AssignmentDates {
  return {
    declineBy: cal.addWorkingDays(assignedOn, h.reassignRequestWorkingDays),
    dueDate: cal.addMonths(assignedOn, role === 'co' ? h.coHandlingMonths : h.replyMonths),
  };
}

/** H-14: after a unit's report, the office reassigns within ten working days. */
export const reassignDue = (cal: WorkingCalendar, h: Handling, declinedOn: LocalDate): LocalDate => cal.addWorkingDays(declinedOn, h.reassignRequestWorkingDays);

/** H-14: "not ours" only within ten working days of assignment, and only in the first round. */
export function checkDecline(a: { declineBy: LocalDate; round: number; state: string }, today: LocalDate): void {
  if (a.state !== 'active') throw errors.conflict('NOT_ACTIVE', '该交办已不在办理中', 'This assignment is no longer active', RULE.H14);
  if (a.round > 1 || today > a.declineBy) {
    throw errors.conflict('DECLINE_WINDOW_CLOSED', `已超过交办之日起十个工作日（截至${a.declineBy}），不能再提出不属于本单位办理`, `The ten working days to report "not ours" ended on ${a.declineBy}`, RULE.H14);
  }
}

/**
 * H-20: a hard case gets six months when the unit explains why, before the three months run out.
 * Only the lead or a separate unit replies to the deputy, so only they extend.
 */
export function extendedDue(cal: WorkingCalendar, h: Handling, a: { role: AssignmentRole; assignedOn: LocalDate; dueDate: LocalDate; extended: boolean; round: number }, today: LocalDate): LocalDate {
  if (a.role === 'co') throw errors.conflict('CO_CANNOT_EXTEND', '协办单位不能申请延期', 'A co-handling unit does not extend the reply deadline', RULE.H20);
  if (a.extended) throw errors.conflict('ALREADY_EXTENDED', '已延期一次', 'The deadline has already been extended', RULE.H20);
  if (a.round > 1) throw errors.conflict('REHANDLE_NOT_EXTENDABLE', '再次办理须在一个月内答复，不能延期', 'Re-handling must be answered within a month', RULE.H22);
  if (today > a.dueDate) throw errors.conflict('TOO_LATE_TO_EXTEND', '应在三个月期满前说明情况', 'The explanation must come before the three months end', RULE.H20);
  return cal.addMonths(a.assignedOn, h.hardCaseMonths);
}

// ------------------------------------------------------------------ replies (H-18, H-21)

export type ReplyKind = 'reply' | 'co_view';

/** A co-handler sends its view to the lead unit (no grade); the lead and separate units reply with a grade. */
export function replyKindFor(role: AssignmentRole, grade: Grade | undefined): ReplyKind {
  if (role === 'co') {
    if (grade) throw errors.invalid('CO_VIEW_NO_GRADE', '协办意见不评定办理结果等级', 'A co-handling view carries no grade', RULE.H18);
    return 'co_view';
  }
  if (!grade) throw errors.invalid('GRADE_REQUIRED', '答复须注明办理结果（A已解决、B正在解决或列入计划、C留作参考、D说明解释）', 'A reply needs a grade A/B/C/D', RULE.H21);
  return 'reply';
}

/**
 * H-21: a suggestion signed by several deputies is answered to each of them (逐人答复); anything
 * else gets one letter. Returns the recipients of the letters (null: the opinion's citizen).
 */
export function replyRecipients(kind: ReplyKind, deputyIds: readonly string[]): (string | null)[] {
  if (kind === 'co_view' || deputyIds.length === 0) return [null];
  return [...deputyIds];
}

/** Whether the opinion counts as answered: every lead or separate unit of the round has replied. */
export function allReplied(assignments: readonly { role: AssignmentRole; state: string }[]): boolean {
  const answering = assignments.filter((a) => a.role !== 'co' && (a.state === 'active' || a.state === 'replied'));
  return answering.length > 0 && answering.every((a) => a.state === 'replied');
}

/** H-22: the deputy (here also the citizen) gives feedback within ten working days of the reply. */
export const feedbackDue = (cal: WorkingCalendar, h: Handling, repliedOn: LocalDate): LocalDate => cal.addWorkingDays(repliedOn, h.feedbackWorkingDays);

// ------------------------------------------------------------------ rating (H-22)

export type RatingOutcome = { status: 'closed' } | { status: 'rehandling'; dueDate: LocalDate } | { status: 'evaluation' };

/**
 * H-22: satisfied closes the item; unsatisfied needs reasons and sends it back to the unit for a
 * reply within one month; unsatisfied again leads to an evaluation organised by the office.
 */
export function ratingOutcome(cal: WorkingCalendar, h: Handling, o: { status: OpinionStatus; round: number; feedbackDue: LocalDate | null }, r: { satisfied: boolean; reason?: string | undefined }, today: LocalDate): RatingOutcome {
  if (o.status !== 'replied') throw errors.conflict('NOT_AWAITING_FEEDBACK', '该事项当前不在待评价阶段', 'This item is not awaiting feedback', RULE.H22);
  if (o.feedbackDue && today > o.feedbackDue) {
    throw errors.conflict('FEEDBACK_WINDOW_CLOSED', `评价期限已于${o.feedbackDue}届满`, `The feedback period ended on ${o.feedbackDue}`, RULE.H22);
  }
  if (r.satisfied) return { status: 'closed' };
  if (!r.reason || r.reason.trim().length < 2) {
    throw errors.invalid('REASON_REQUIRED', '不满意的，请说明理由并提出具体意见', 'Say why you are not satisfied', RULE.H22);
  }
  if (o.round >= 2) return { status: 'evaluation' };
  return { status: 'rehandling', dueDate: cal.addMonths(today, h.rehandleMonths) };
}

// ------------------------------------------------------------------ reminders and escalation (H-24 督办)

/** A reminder this many working days before a deadline. */
export const DUE_SOON_WORKING_DAYS = 5;
/** Escalation (督办) to the congress office this many working days after a missed deadline. */
export const ESCALATE_AFTER_WORKING_DAYS = 10;

export type AlertKind = 'due_soon' | 'overdue' | 'escalated';

/** Which alerts a deadline has earned by `today` (the job creates each at most once). */
export function alertsDue(cal: WorkingCalendar, dueDate: LocalDate, today: LocalDate): AlertKind[] {
  const out: AlertKind[] = [];
  if (today > dueDate) {
    out.push('overdue');
    if (today >= cal.addWorkingDays(dueDate, ESCALATE_AFTER_WORKING_DAYS)) out.push('escalated');
  } else if (today >= cal.addWorkingDays(dueDate, -DUE_SOON_WORKING_DAYS)) out.push('due_soon');
  return out;
}

/** The latest due date that can already have earned an alert by `today`. */
export const alertHorizon = (cal: WorkingCalendar, today: LocalDate): LocalDate => cal.addWorkingDays(today, DUE_SOON_WORKING_DAYS);

/** Working days a deadline is late by on `today` (0 when not late). */
export const workingDaysLate = (cal: WorkingCalendar, dueDate: LocalDate, today: LocalDate): number => (today > dueDate ? cal.workingDaysBetween(dueDate, today) : 0);

// ------------------------------------------------------------------ statistics

/** No unit is ranked on fewer than this many replies (or ratings): small samples mislead. */
export const MINIMUM_SAMPLE = 10;

export interface UnitFigures {
  unitId: string;
  replies: number;
  onTime: number;
  rated: number;
  satisfied: number;
}

const rate = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/** Rates and ranks (1 = best, ties share a rank) among units with enough data. */
export function rankUnits(units: readonly UnitFigures[], minimum = MINIMUM_SAMPLE) {
  const withRates = units.map((u) => ({ ...u, onTimeRate: rate(u.onTime, u.replies), satisfactionRate: rate(u.satisfied, u.rated) }));
  const rankBy = (key: 'onTimeRate' | 'satisfactionRate', sample: 'replies' | 'rated') => {
    const eligible = withRates.filter((u) => u[sample] >= minimum && u[key] !== null).sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0));
    const ranks = new Map<string, number>();
    eligible.forEach((u, i) => {
      const prev = eligible[i - 1];
      ranks.set(u.unitId, prev && prev[key] === u[key] ? (ranks.get(prev.unitId) ?? i + 1) : i + 1);
    });
    return ranks;
  };
  const onTime = rankBy('onTimeRate', 'replies');
  const sat = rankBy('satisfactionRate', 'rated');
  return withRates.map((u) => ({ ...u, onTimeRank: onTime.get(u.unitId) ?? null, satisfactionRank: sat.get(u.unitId) ?? null }));
}

// ------------------------------------------------------------------ history texts

export interface EventText {
  zh: string;
  en: string;
}

type Data = Record<string, unknown>;
const str = (d: Data, k: string): string => {
  const v = d[k];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
};
const list = (d: Data, k: string): string => {
  const v = d[k];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').join('、') : '';
};

/** The line the history shows for an event (the citizen sees only public ones). */
export function describeEvent(kind: string, d: Data): EventText {
  switch (kind) {
    case 'submitted':
      return { zh: `已收到您的意见（${str(d, 'channelZh')}）`, en: 'Your opinion was received' };
    case 'classified':
      return { zh: `已分类为${str(d, 'classZh')}`, en: `Classified as ${str(d, 'class')}` };
    case 'answered':
      return { zh: `当场答复：${str(d, 'answer')}`, en: `Answered: ${str(d, 'answer')}` };
    case 'route_explained':
      return { zh: `已告知通过${str(d, 'routeZh')}途径解决：${str(d, 'answer')}`, en: `Route explained (${str(d, 'route')}): ${str(d, 'answer')}` };
    case 'routed':
      return { zh: `已交办：${list(d, 'unitsZh')}，答复期限${str(d, 'dueDate')}`, en: `Assigned to ${list(d, 'unitsZh')}, reply due ${str(d, 'dueDate')}` };
    case 'declined':
      return { zh: `${str(d, 'unitName')}报告不属于本单位职责：${str(d, 'reason')}`, en: `${str(d, 'unitName')} reported it is not its business` };
    case 'extended':
      return { zh: `${str(d, 'unitName')}说明情况，办理期限延至${str(d, 'dueDate')}`, en: `${str(d, 'unitName')} explained; reply due ${str(d, 'dueDate')}` };
    case 'co_view':
      return { zh: `${str(d, 'unitName')}已向主办单位提出协办意见`, en: `${str(d, 'unitName')} sent its view to the lead unit` };
    case 'reply_drafted':
      return { zh: `${str(d, 'unitName')}已拟定答复，待单位负责人签发`, en: `${str(d, 'unitName')} drafted a reply awaiting sign-off` };
    case 'replied':
      return { zh: `${str(d, 'unitName')}答复（${str(d, 'grade')}类）：${str(d, 'text')}`, en: `${str(d, 'unitName')} replied (grade ${str(d, 'grade')}): ${str(d, 'text')}` };
    case 'all_replied':
      return { zh: `已全部答复，请在${str(d, 'feedbackDue')}前评价`, en: `All replies are in; feedback due ${str(d, 'feedbackDue')}` };
    case 'relayed':
      return { zh: '代表已向您转达答复', en: 'The deputy relayed the reply' };
    case 'rated':
      return d.satisfied === true ? { zh: '评价：满意', en: 'Rated: satisfied' } : { zh: `评价：不满意（${str(d, 'reason')}）`, en: `Rated: not satisfied (${str(d, 'reason')})` };
    case 'rehandling':
      return { zh: `已要求承办单位再次办理，于${str(d, 'dueDate')}前答复`, en: `Sent back for re-handling, reply due ${str(d, 'dueDate')}` };
    case 'evaluation':
      return { zh: '再次答复仍不满意，由人大常委会组织评估', en: 'Still not satisfied: the congress organises an evaluation' };
    case 'evaluated':
      return { zh: `评估结论：${str(d, 'conclusion')}`, en: `Evaluation: ${str(d, 'conclusion')}` };
    case 'closed':
      return { zh: `已办结（${str(d, 'closureZh')}）`, en: `Closed (${str(d, 'closure')})` };
    case 'key_marked':
      return d.isKey === true ? { zh: '经主任会议确定为重点督办建议', en: 'Marked as a key suggestion' } : { zh: '取消重点督办', en: 'No longer a key suggestion' };
    case 'follow_through':
      return { zh: `${str(d, 'unitName')}报告落实情况：${str(d, 'text')}`, en: `${str(d, 'unitName')} reported follow-through` };
    case 'alert':
      return { zh: `督办提醒（${str(d, 'kindZh')}）：${str(d, 'unitName')}，期限${str(d, 'dueDate')}`, en: `Alert ${str(d, 'kind')}: ${str(d, 'unitName')}, due ${str(d, 'dueDate')}` };
    case 'anonymized':
      return { zh: '已按保存期限匿名化个人信息', en: 'Personal data anonymised after the retention period' };
    default:
      return { zh: kind, en: kind };
  }
}

export const CLOSURE_ZH: Record<string, string> = { answered: '当场答复', explained: '告知途径', satisfied: '满意', no_feedback: '期满未评价', evaluated: '评估完毕' };
export const ALERT_ZH: Record<string, string> = { due_soon: '即将到期', overdue: '已逾期', escalated: '逾期督办', route_overdue: '逾期未重新交办' };

/** A helper for commands: a DomainError in the rule's words when a status does not allow an action. */
export function requireStatus(status: OpinionStatus, allowed: readonly OpinionStatus[], actionZh: string, rule?: string): void {
  if (!allowed.includes(status)) {
    throw new DomainError(409, 'WRONG_STATUS', `当前状态（${STATUS_ZH[status]}）不能${actionZh}`, `Not possible in status ${status}`, rule);
  }
}

// ------------------------------------------------------------------ attachments

/** What a citizen may attach: photos and PDF, judged from the bytes, not the name or the declared type. */
export const ATTACHMENT_TYPES: ReadonlyMap<string, readonly string[]> = new Map([
  ['image/jpeg', ['jpg', 'jpeg']],
  ['image/png', ['png']],
  ['image/webp', ['webp']],
  ['image/heic', ['heic', 'heif']],
  ['application/pdf', ['pdf']],
]);
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MAX_COUNT = 5;
/** Files are added right after submitting (the receipt page), while the item is still being received. */
export const ATTACHMENT_WINDOW_MS = 24 * 3_600_000;

export function checkAttachment(
  file: { detected: { mime: string } | undefined; declaredMime: string; filename: string; size: number },
  opinion: { status: OpinionStatus; createdAt: string; attachments: number },
  now: number,
): { mime: string; ext: string } {
  if (opinion.status !== 'received' || now - Date.parse(opinion.createdAt) > ATTACHMENT_WINDOW_MS) {
    throw errors.conflict('ATTACHMENT_WINDOW_CLOSED', '只能在提交后24小时内、受理分类前补充附件', 'Files can be added within 24 hours of submitting, before the item is classified');
  }
  if (opinion.attachments >= ATTACHMENT_MAX_COUNT) throw errors.conflict('TOO_MANY_ATTACHMENTS', `每条意见最多${ATTACHMENT_MAX_COUNT}个附件`, `At most ${ATTACHMENT_MAX_COUNT} files per opinion`);
  if (file.size === 0) throw errors.invalid('ATTACHMENT_EMPTY', '文件为空', 'The file is empty');
  if (file.size > ATTACHMENT_MAX_BYTES) throw new DomainError(413, 'ATTACHMENT_TOO_LARGE', '附件不能超过10MB', 'A file may not exceed 10 MB');
  const exts = file.detected ? ATTACHMENT_TYPES.get(file.detected.mime) : undefined;
  if (!file.detected || !exts) throw new DomainError(415, 'ATTACHMENT_TYPE', '只能上传照片（JPEG、PNG、WebP、HEIC）或PDF文件', 'Only photos (JPEG, PNG, WebP, HEIC) or PDF files');
  const ext = (/\.([A-Za-z0-9]+)$/.exec(file.filename)?.[1] ?? '').toLowerCase();
  const declared = file.declaredMime.toLowerCase();
  const declaredOk = declared === file.detected.mime || declared === 'application/octet-stream' || (declared === 'image/jpg' && file.detected.mime === 'image/jpeg');
  if (!declaredOk || (ext !== '' && !exts.includes(ext))) {
    throw new DomainError(415, 'TYPE_MISMATCH', '文件内容与其声称的类型不符', `The file is not what it claims to be (its content is ${file.detected.mime})`);
  }
  return { mime: file.detected.mime, ext: exts[0] ?? 'bin' };
}
