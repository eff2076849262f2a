import { ProposingOrgan } from '../../../contracts/bills.ts';
import type { RulesProfile } from '../../../contracts/profile.ts';
import type { Role } from '../../platform/access.ts';
import { DomainError, errors } from '../../platform/errors.ts';

// Bills (议案), 议事规则 art. 17–29: who may propose (R-B1), the deadline before the meeting (R-B2,
// R-B8), the council's decision, withdrawal (R-B9), holding the vote (R-B10) and the dated history
// of actions (R-B12). Pure decisions only: the commands load the rows and apply these.

export const BILL_KINDS = ['regulation', 'decision', 'personnel', 'plan_adjustment', 'budget_adjustment', 'final_accounts', 'other'] as const;
export type BillKind = (typeof BILL_KINDS)[number];

/** Organs with the right to propose besides the council and joint members (R-B1, art. 17): the contract's list. */
export const PROPOSING_ORGANS = ProposingOrgan.options;
export type ProposingOrgan = (typeof PROPOSING_ORGANS)[number];
export const ORGAN_ZH: Record<ProposingOrgan, string> = {
  government: '市人民政府',
  supervision_commission: '市监察委员会',
  court: '市中级人民法院',
  procuratorate: '市人民检察院',
  special_committee: '专门委员会',
};

export type ProposerType = 'council' | 'organ' | 'members';

export const BILL_STATES = ['awaiting_cosigners', 'submitted', 'referred', 'placed', 'not_placed', 'held', 'withdrawn', 'passed', 'failed', 'awaiting_approval', 'approved', 'promulgated'] as const;
export type BillState = (typeof BILL_STATES)[number];

export const BILL_ACTIONS = ['submit', 'place', 'refer', 'notPlace', 'hold', 'sendBack', 'withdraw', 'recordVote', 'reportForApproval', 'recordApproval', 'promulgate'] as const;
export type BillAction = (typeof BILL_ACTIONS)[number];

interface Transition {
  from: readonly BillState[];
  /** The state after; recordVote goes to passed or failed, decided by the result. */
  to: BillState | 'by_result';
  roles: readonly Role[];
  guards: readonly string[];
  rule: string;
}

/**
 * The declared workflow (R-B1, R-B9, R-B10). `roles` are the roles that may record the action (the
 * office records the council's decisions); `guards` name the checks the commands run.
 */
export const BILL_WORKFLOW: Record<BillAction, Transition> = {
  submit: { from: ['awaiting_cosigners'], to: 'submitted', roles: ['admin', 'office'], guards: ['cosigners.confirmed >= profile.cosigners.bill'], rule: 'R-B1' },
  place: { from: ['submitted', 'referred'], to: 'placed', roles: ['admin', 'office', 'chair'], guards: ['late → council override recorded'], rule: 'R-B1' },
  refer: { from: ['submitted'], to: 'referred', roles: ['admin', 'office', 'chair'], guards: ['committee named'], rule: 'R-B1' },
  notPlace: { from: ['submitted', 'referred'], to: 'not_placed', roles: ['admin', 'office', 'chair'], guards: ['members’ bill → report to plenary or explanation to proposers'], rule: 'R-B1' },
  hold: { from: ['placed'], to: 'held', roles: ['admin', 'office', 'chair'], guards: ['reason given', 'committee named'], rule: 'R-B10' },
  sendBack: { from: ['held'], to: 'placed', roles: ['admin', 'office', 'chair'], guards: [], rule: 'R-B10' },
  withdraw: { from: ['awaiting_cosigners', 'submitted', 'referred', 'placed', 'held'], to: 'withdrawn', roles: ['admin', 'office', 'chair'], guards: ['before the vote', 'council consent recorded'], rule: 'R-B9' },
  recordVote: { from: ['placed'], to: 'by_result', roles: ['admin', 'office', 'chair'], guards: ['result read from the closed poll on the bill’s agenda item', 'regulation → Legal Committee review recorded (R-B6)', 'statements before appointment recorded (R-B4)'], rule: 'R-V6' },
  reportForApproval: { from: ['passed'], to: 'awaiting_approval', roles: ['admin', 'office'], guards: ['regulations only'], rule: 'R-B7' },
  recordApproval: { from: ['awaiting_approval'], to: 'approved', roles: ['admin', 'office'], guards: [], rule: 'R-B7' },
  promulgate: { from: ['approved'], to: 'promulgated', roles: ['admin', 'office'], guards: ['announcement number'], rule: 'R-B7' },
};

/** States reached by the vote: from here a withdrawal is refused (R-B9). */
export const VOTED_STATES: readonly BillState[] = ['passed', 'failed', 'awaiting_approval', 'approved', 'promulgated'];

export const STATE_ZH: Record<BillState, string> = {
  awaiting_cosigners: '待联名确认',
  submitted: '已提出',
  referred: '交付审议',
  placed: '列入议程',
  not_placed: '不列入议程',
  held: '暂不付表决',
  withdrawn: '已撤回',
  passed: '已通过',
  failed: '未通过',
  awaiting_approval: '报请批准',
  approved: '已批准',
  promulgated: '已公布',
};

/** The actions open from a state: what a client may offer next. */
export function allowedActions(state: BillState, kind?: BillKind): BillAction[] {
  return BILL_ACTIONS.filter((a) => BILL_WORKFLOW[a].from.includes(state) && (BILL_WORKFLOW[a].rule !== 'R-B7' || kind === 'regulation'));
}

/** The state after `action`, or a refusal citing the rule. After the vote a withdrawal is refused (R-B9). */
export function nextBillState(state: BillState, action: BillAction, result?: 'passed' | 'failed'): BillState {
  const t = BILL_WORKFLOW[action];
  if (!t.from.includes(state)) {
    if (action === 'withdraw' && VOTED_STATES.includes(state)) {
      throw errors.conflict('BILL_ALREADY_VOTED', '议案已经表决，不能撤回（议事规则第二十七条）', 'The bill has been voted on and can no longer be withdrawn (art. 27)', 'R-B9');
    }
    throw errors.conflict('INVALID_TRANSITION', `议案当前状态（${STATE_ZH[state]}）不允许此操作`, `Action ${action} is not allowed from state ${state}`, t.rule);
  }
  if (t.to === 'by_result') {
    if (!result) throw errors.invalid('VOTE_RESULT_REQUIRED', '请填写表决结果', 'The vote result is required', 'R-V6');
    return result;
  }
  return t.to;
}

// ---- proposers (R-B1) ----------------------------------------------------------------------------

export interface ProposerInput {
  type: ProposerType;
  organ?: string | undefined;
  cosigners?: readonly string[] | undefined;
}

const tooFew = (min: number, n: number): DomainError =>
  errors.invalid(
    'TOO_FEW_COSIGNERS',
    `常委会组成人员联名提出议案须${min}人以上，现有${n}人（议事规则第十七条）`,
    `A joint bill needs at least ${min} members of the Standing Committee; it has ${n} (art. 17)`,
    'R-B1',
    { required: min, actual: n },
  );

/** Checks who proposes; returns the first state: the council's bills go on the agenda directly. */
export function checkProposer(p: ProposerInput, profile: Pick<RulesProfile, 'cosigners'>): BillState {
  switch (p.type) {
    case 'council':
      if (p.cosigners && p.cosigners.length > 0) throw errors.invalid('NO_COSIGNERS_EXPECTED', '主任会议提出的议案无需联名', 'A council bill takes no co-signers', 'R-B1');
      return 'placed';
    case 'organ':
      if (!p.organ || !(PROPOSING_ORGANS as readonly string[]).includes(p.organ)) {
        throw errors.invalid(
          'PROPOSER_NOT_ENTITLED',
          '该机关无权向常委会提出议案（议事规则第十七条）',
          'This organ has no right to propose a bill to the Standing Committee (art. 17)',
          'R-B1',
          { allowed: PROPOSING_ORGANS },
        );
      }
      return 'submitted';
    case 'members': {
      const list = p.cosigners ?? [];
      if (new Set(list).size !== list.length) throw errors.invalid('DUPLICATE_COSIGNER', '联名人员重复', 'A co-signer is listed twice', 'R-B1');
      if (list.length < profile.cosigners.bill) throw tooFew(profile.cosigners.bill, list.length);
      return 'awaiting_cosigners';
    }
  }
}

/** Submission of a joint bill: every counted co-signer must have confirmed (R-B1). */
export function checkCosignersConfirmed(confirmed: number, profile: Pick<RulesProfile, 'cosigners'>): void {
  if (confirmed < profile.cosigners.bill) throw tooFew(profile.cosigners.bill, confirmed);
}

// ---- deadlines (R-B2, R-B8) ------------------------------------------------------------------------

export const addCalendarDays = (d: string, n: number): string => {
  const dt = new Date(`${d}T00:00:00Z`);
  dt.setUTCDate(dt.getUTCDate() + n);
  return dt.toISOString().slice(0, 10);
};

/** How many days before the meeting a bill of this kind is due; plans and budgets go to the FEC earlier (R-B8). */
export function daysBeforeFor(kind: BillKind, profile: Pick<RulesProfile, 'deadlines'>): { days: number; rule: string } {
  const d = profile.deadlines;
  if (kind === 'plan_adjustment' && d.planAdjustmentDaysBefore !== null) return { days: d.planAdjustmentDaysBefore, rule: 'R-B8' };
  if (kind === 'budget_adjustment' && d.budgetAdjustmentDaysBefore !== null) return { days: d.budgetAdjustmentDaysBefore, rule: 'R-B8' };
  if (kind === 'final_accounts' && d.finalAccountsDaysBefore !== null) return { days: d.finalAccountsDaysBefore, rule: 'R-B8' };
  return { days: d.billDaysBefore, rule: 'R-B2' };
}

export interface DeadlineCheck {
  deadline: string | null;
  late: boolean;
  rule: string | null;
}

/**
 * "N日前": a bill for a meeting on D is on time when received on or before D − N (calendar days).
 * Special meetings are exempt when the profile says so (R-M5).
 */
export function checkDeadline(
  kind: BillKind,
  meeting: { kind: string; date: string } | null,
  submittedOn: string,
  profile: Pick<RulesProfile, 'deadlines' | 'meetings'>,
): DeadlineCheck {
  if (!meeting) return { deadline: null, late: false, rule: null };
  if (meeting.kind === 'special' && profile.meetings.specialMeetingsExempt) return { deadline: null, late: false, rule: null };
  const { days, rule } = daysBeforeFor(kind, profile);
  const deadline = addCalendarDays(meeting.date, -days);
  return { deadline, late: submittedOn > deadline, rule };
}

/** A late bill goes on the agenda only with the council's recorded override (R-B2). */
export function checkPlaceable(bill: { late: boolean; lateOverride: boolean }, override: boolean): void {
  if (bill.late && !bill.lateOverride && !override) {
    throw errors.conflict('BILL_LATE', '议案未在会议举行七日前送达，列入议程须经主任会议决定（议事规则第十八条）', 'The bill arrived after the deadline; placing it needs a recorded council override (art. 18)', 'R-B2');
  }
}

/** Not placing a members' bill: the council reports to the plenary or explains to the proposers (R-B1). */
export function checkNotPlace(proposerType: ProposerType, input: { handling?: 'report' | 'explanation' | undefined; note?: string | undefined }): void {
  if (proposerType === 'members' && !input.handling) {
    throw errors.invalid('HANDLING_REQUIRED', '不列入议程的，主任会议应当向常委会全体会议报告或者向提案人说明', 'When a joint bill is not placed, the council must report to the plenary or explain to the proposers', 'R-B1');
  }
  if (!input.note || input.note.trim() === '') throw errors.invalid('NOTE_REQUIRED', '请填写报告或说明的内容', 'The report or explanation is required', 'R-B1');
}

// ---- history (R-B12) -----------------------------------------------------------------------------

/** Open Civic Data-style action classifications. */
export const ACTION_CLASSIFICATION: Record<BillAction | 'introduce' | 'cosign', string> = {
  introduce: 'introduction',
  cosign: 'cosponsorship',
  submit: 'filing',
  place: 'placed-on-agenda',
  refer: 'referral-committee',
  notPlace: 'not-placed',
  hold: 'deferral',
  sendBack: 'referral-committee',
  withdraw: 'withdrawal',
  recordVote: 'passage',
  reportForApproval: 'executive-receipt',
  recordApproval: 'became-law',
  promulgate: 'publication',
};

export function proposerName(p: ProposerInput): string {
  switch (p.type) {
    case 'council':
      return '主任会议';
    case 'organ':
      return p.organ && p.organ in ORGAN_ZH ? ORGAN_ZH[p.organ as ProposingOrgan] : (p.organ ?? '');
    case 'members':
      return '常委会组成人员联名';
  }
}

// ---- materials (R-B3) ----------------------------------------------------------------------------

/** Appointment, dismissal and removal bills come with each person's particulars and the reasons (art. 19). */
export function checkMaterials(kind: BillKind, persons: readonly { name: string; particulars: string; reasons: string }[] | undefined): void {
  if (kind !== 'personnel') return;
  if (!persons || persons.length === 0) throw errors.invalid('PERSONS_REQUIRED', '人事任免议案须附拟任免人员名单（议事规则第十九条）', 'A personnel bill lists the persons concerned (art. 19)', 'R-B3');
  const missing = persons.filter((p) => p.particulars.trim() === '' || p.reasons.trim() === '').map((p) => p.name);
  if (missing.length > 0) {
    throw errors.invalid('MATERIALS_REQUIRED', `人事任免议案须附每位人员的基本情况和任免理由：${missing.join('、')}`, `Each person's particulars and the reasons are required (art. 19): ${missing.join(', ')}`, 'R-B3', { missing });
  }
}
