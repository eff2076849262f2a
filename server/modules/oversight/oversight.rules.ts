import { InterpellationTarget } from '../../../contracts/oversight.ts';
import type { RulesProfile } from '../../../contracts/profile.ts';
import { errors } from '../../platform/errors.ts';

// Oversight: interpellations (质询案, 议事规则 art. 38–39, R-O6) and audit rectification
// follow-through computed from the records (R-O8).

/** Organs an interpellation may be addressed to (art. 38): the contract's list. */
export const INTERPELLATION_TARGETS = InterpellationTarget.options;
export type InterpellationTarget = (typeof INTERPELLATION_TARGETS)[number];

export const INTERPELLATION_STATES = ['submitted', 'routed', 'answered'] as const;
export type InterpellationState = (typeof INTERPELLATION_STATES)[number];

/** The declared workflow: the council routes it to a committee or the plenary; the organ answers orally or in writing. */
export const INTERPELLATION_WORKFLOW = {
  route: { from: ['submitted'], to: 'routed', roles: ['admin', 'office', 'chair'], guards: ['committee named when routed to a committee'], rule: 'R-O6' },
  answer: { from: ['routed'], to: 'answered', roles: ['admin', 'office'], guards: ['written answer signed by the principal head'], rule: 'R-O6' },
} as const;

const refuse = (code: string, zh: string, en: string, details?: unknown) => errors.invalid(code, `${zh}（议事规则第三十八条）`, `${en} (art. 38)`, 'R-O6', details);

export interface InterpellationInput {
  meetingState: string;
  target?: string | undefined;
  targetName?: string | undefined;
  question?: string | undefined;
  content?: string | undefined;
  signers: readonly string[];
}

/** R-O6: during a meeting, five or more members jointly, in writing, naming target, question and content. */
export function checkInterpellation(i: InterpellationInput, profile: Pick<RulesProfile, 'cosigners'>): InterpellationTarget {
  if (i.meetingState !== 'in_session') throw refuse('NOT_IN_SESSION', '质询案须在常委会会议期间提出', 'An interpellation is raised during a meeting in session');
  if (!i.target) throw refuse('TARGET_REQUIRED', '质询案必须写明质询对象', 'An interpellation must name its target');
  if (!(INTERPELLATION_TARGETS as readonly string[]).includes(i.target)) {
    throw refuse('TARGET_NOT_ALLOWED', '质询对象须为市人民政府及其部门、市监察委员会、市中级人民法院或市人民检察院', 'The target must be the government or one of its departments, the supervision commission, the court or the procuratorate', { allowed: INTERPELLATION_TARGETS });
  }
  if (i.target === 'government_department' && !i.targetName?.trim()) throw refuse('TARGET_REQUIRED', '请写明被质询的政府部门', 'Name the government department');
  if (!i.question?.trim()) throw refuse('QUESTION_REQUIRED', '质询案必须写明质询的问题', 'An interpellation must state its question');
  if (!i.content?.trim()) throw refuse('CONTENT_REQUIRED', '质询案必须写明质询的内容', 'An interpellation must state its content');
  if (new Set(i.signers).size !== i.signers.length) throw refuse('DUPLICATE_SIGNER', '联名人员重复', 'A signer is listed twice');
  const min = profile.cosigners.interpellation;
  if (i.signers.length < min) {
    throw refuse('TOO_FEW_SIGNERS', `质询案须由常委会组成人员${min}人以上联名提出，现有${i.signers.length}人`, `An interpellation needs at least ${min} members; it has ${i.signers.length}`, { required: min, actual: i.signers.length });
  }
  return i.target as InterpellationTarget;
}

export function nextInterpellationState(state: InterpellationState, action: keyof typeof INTERPELLATION_WORKFLOW): InterpellationState {
  const t = INTERPELLATION_WORKFLOW[action];
  if (!(t.from as readonly string[]).includes(state)) throw errors.conflict('INVALID_TRANSITION', '质询案当前状态不允许此操作', `Action ${action} is not allowed from state ${state}`, 'R-O6');
  return t.to;
}

export function checkRoute(route: 'committee' | 'plenary', committee: string | undefined): void {
  if (route === 'committee' && !committee?.trim()) throw errors.invalid('COMMITTEE_REQUIRED', '请指定负责审议的专门委员会', 'Name the committee', 'R-O6');
}

/** An oral answer is recorded at the meeting; a written one is signed by the organ's principal head (art. 39). */
export function checkAnswer(a: { mode: 'oral' | 'written'; text?: string | undefined; signedBy?: string | undefined }): void {
  if (!a.text?.trim()) throw errors.invalid('ANSWER_REQUIRED', '请记录答复内容', 'The answer is required', 'R-O6');
  if (a.mode === 'written' && !a.signedBy?.trim()) {
    throw errors.invalid('SIGNATURE_REQUIRED', '书面答复应当由被质询机关的主要负责人签署（议事规则第三十九条）', 'A written answer is signed by the principal head of the organ (art. 39)', 'R-O6');
  }
}

// ---- rectification (R-O8) ------------------------------------------------------------------------

export interface RectificationSummary {
  due: number;
  rectified: number;
  rate: number;
}

/**
 * Items due by `asOf` and how many of them are rectified; the rate is a percentage with two
 * decimals (the gazette: 248 due, 224 rectified, 90.32%). No item due → rate 0.
 */
export function rectificationSummary(items: readonly { dueDate: string; status: string }[], asOf: string): RectificationSummary {
  const due = items.filter((i) => i.dueDate <= asOf);
  const rectified = due.filter((i) => i.status === 'rectified').length;
  const rate = due.length === 0 ? 0 : Math.round((rectified * 10000) / due.length) / 100;
  return { due: due.length, rectified, rate };
}

// ---- reports (R-O1, R-O2) and deliberation opinion letters (R-O4, R-O7) ----------------------------

/** The ten kinds the plenary hears regularly (R-O1, art. 30) and special work reports. */
export const REPORT_KINDS = [
  'plan_budget_execution',
  'final_accounts',
  'audit',
  'environment',
  'state_assets',
  'livelihood_projects',
  'law_enforcement_inspection',
  'deputies_suggestions',
  'filing_review',
  'other',
  'special_work',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const shiftDays = (d: string, n: number): string => {
  const dt = new Date(`${d}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() + n);
  return dt.toISOString().slice(0, 10);
};

/** R-O2 (art. 31): a report reaches the office three days before a regular meeting ("N日前": on or before D − N). */
export function checkReportDeadline(meeting: { kind: string; date: string } | null, submittedOn: string, profile: Pick<RulesProfile, 'deadlines' | 'meetings'>): { deadline: string | null; late: boolean } {
  if (!meeting || (meeting.kind === 'special' && profile.meetings.specialMeetingsExempt)) return { deadline: null, late: false };
  const deadline = shiftDays(meeting.date, -profile.deadlines.reportDaysBefore);
  return { deadline, late: submittedOn > deadline };
}

/** R-O4 (art. 34): an opinion letter carries opinions and a due date after it is sent. */
export function checkOpinionLetter(l: { opinions: readonly string[]; sentOn: string; dueDate: string }): void {
  if (l.opinions.filter((o) => o.trim() !== '').length === 0) throw errors.invalid('OPINIONS_REQUIRED', '审议意见不能为空', 'The letter needs at least one opinion', 'R-O4');
  if (l.dueDate <= l.sentOn) throw errors.invalid('DUE_DATE_INVALID', '办理期限应晚于交办日期', 'The due date must be after the date the letter is sent', 'R-O4');
}

/** Overdue: not answered and past its due date (R-O4, R-O7). */
export const letterOverdue = (l: { state: string; dueDate: string }, today: string): boolean => l.state !== 'answered' && l.dueDate < today;

export function checkLetterAnswer(state: string, text: string | undefined): void {
  if (state === 'answered') throw errors.conflict('ALREADY_ANSWERED', '该审议意见已办理答复', 'The letter has already been answered', 'R-O4');
  if (!text?.trim()) throw errors.invalid('ANSWER_REQUIRED', '请填写办理情况', 'The handling report is required', 'R-O4');
}

// ---- a report's outcome at the meeting (R-O4, 议事规则 art. 34) ---------------------------------

/**
 * What the meeting did with a report: heard (听取); deliberated (审议); deliberation opinions sent to
 * the organ (审议意见交由有关机关研究处理); adopted by vote (表决通过); a resolution adopted on it
 * (作出决议, the organ reports its execution by the resolution's deadline).
 */
export const REPORT_OUTCOMES = ['heard', 'deliberated', 'opinions_sent', 'adopted', 'resolution_adopted'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const REPORT_OUTCOME_ZH: Record<ReportOutcome, string> = {
  heard: '已听取',
  deliberated: '已审议',
  opinions_sent: '审议意见已交办',
  adopted: '表决通过',
  resolution_adopted: '已作出决议',
};

/**
 * R-O4 (art. 34): an outcome is recorded for a report heard at a meeting; "opinions sent" needs a
 * deliberation opinion letter on the report; a resolution is named (its title) when one is adopted.
 */
export function checkReportOutcome(r: { meetingId: string | null; letters: number }, outcome: ReportOutcome, note: string | undefined): void {
  if (!r.meetingId) throw errors.invalid('REPORT_NOT_HEARD', '报告尚未列入常委会会议，不能记录审议结果', 'The report is not on a meeting; no outcome can be recorded yet', 'R-O4');
  if (outcome === 'opinions_sent' && r.letters === 0) {
    throw errors.conflict('NO_OPINION_LETTER', '尚未向有关机关交办该报告的审议意见（议事规则第三十四条）', 'No deliberation opinion letter has been sent on this report (art. 34)', 'R-O4');
  }
  if (outcome === 'resolution_adopted' && !note?.trim()) {
    throw errors.invalid('RESOLUTION_TITLE_REQUIRED', '请写明所作决议的名称（议事规则第三十四条）', 'Name the resolution adopted on the report (art. 34)', 'R-O4');
  }
}

/** Sending a deliberation opinion letter on a report heard or deliberated makes its outcome "opinions sent"; an adoption or resolution stays. */
export function outcomeAfterLetter(current: string | null): ReportOutcome | null {
  return current === null || current === 'heard' || current === 'deliberated' ? 'opinions_sent' : null;
}
