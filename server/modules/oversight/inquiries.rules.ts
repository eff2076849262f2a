import type { RulesProfile } from '../../../contracts/profile.ts';
import { errors } from '../../platform/errors.ts';

// Special inquiries and work evaluations (专题询问、工作评议, 议事规则 art. 36–37, R-O5) and
// investigation committees (特定问题调查委员会, art. 29, R-B11). Declared workflows; pure decisions.

export const INQUIRY_STATES = ['proposed', 'held', 'opinions_sent', 'reported'] as const;
export type InquiryState = (typeof INQUIRY_STATES)[number];
export const INQUIRY_WORKFLOW = {
  recordQa: { from: ['proposed', 'held'], to: 'held', rule: 'R-O5' },
  sendOpinions: { from: ['held'], to: 'opinions_sent', rule: 'R-O5' },
  report: { from: ['opinions_sent'], to: 'reported', rule: 'R-O5' },
} as const satisfies Record<string, { from: readonly InquiryState[]; to: InquiryState; rule: string }>;

export function nextInquiryState(state: InquiryState, action: keyof typeof INQUIRY_WORKFLOW): InquiryState {
  const t = INQUIRY_WORKFLOW[action];
  if (!(t.from as readonly string[]).includes(state)) throw errors.conflict('INVALID_TRANSITION', '专题询问当前状态不允许此操作', `Action ${action} is not allowed from state ${state}`, t.rule);
  return t.to;
}

/** Topics come from the council, a committee, five members in writing or ten deputies in writing (numbers from the profile). */
export function checkInquiryProposer(p: { type: 'council' | 'committee' | 'members' | 'deputies'; name?: string | undefined; signers: readonly string[] }, profile: Pick<RulesProfile, 'cosigners'>): void {
  const rule = 'R-O5';
  if (p.type === 'committee' && !p.name?.trim()) throw errors.invalid('COMMITTEE_REQUIRED', '请填写提出询问的专门委员会', 'Name the committee proposing the topic', rule);
  if (p.type !== 'members' && p.type !== 'deputies') return;
  if (new Set(p.signers).size !== p.signers.length) throw errors.invalid('DUPLICATE_SIGNER', '联名人员重复', 'A signer is listed twice', rule);
  const min = p.type === 'members' ? profile.cosigners.inquiryMembers : profile.cosigners.inquiryDeputies;
  if (min === null) throw errors.invalid('PROPOSER_NOT_ENTITLED', '本规则不允许以联名方式提出专题询问议题', 'The rules of this congress do not let members or deputies propose a topic jointly', rule);
  if (p.signers.length < min) {
    const who = p.type === 'members' ? '常委会组成人员' : '人大代表';
    throw errors.invalid('TOO_FEW_SIGNERS', `${who}联名书面提出专题询问议题须${min}人以上，现有${p.signers.length}人（议事规则第三十六条）`, `A joint topic needs at least ${min} signers; it has ${p.signers.length} (art. 36)`, rule, { required: min, actual: p.signers.length });
  }
}

export function checkOpinionsSent(opinions: readonly string[], sentOn: string, dueDate: string): void {
  if (opinions.filter((o) => o.trim() !== '').length === 0) throw errors.invalid('OPINIONS_REQUIRED', '请填写询问意见', 'The opinions are required', 'R-O5');
  if (dueDate <= sentOn) throw errors.invalid('DUE_DATE_INVALID', '办理期限应晚于送交日期', 'The due date must come after the date sent', 'R-O5');
}

// ---- investigation committees (R-B11) ---------------------------------------------------------

export const INVESTIGATION_WORKFLOW = {
  report: { from: ['established'], to: 'reported', rule: 'R-B11' },
  conclude: { from: ['reported'], to: 'concluded', rule: 'R-B11' },
} as const;
export type InvestigationState = 'established' | 'reported' | 'concluded';

export function nextInvestigationState(state: InvestigationState, action: keyof typeof INVESTIGATION_WORKFLOW): InvestigationState {
  const t = INVESTIGATION_WORKFLOW[action];
  if (!(t.from as readonly string[]).includes(state)) throw errors.conflict('INVALID_TRANSITION', '调查委员会当前状态不允许此操作', `Action ${action} is not allowed from state ${state}`, t.rule);
  return t.to;
}

/** The chair is one of the members; members are listed once (art. 29). */
export function checkInvestigationMembers(chairId: string, memberIds: readonly string[]): void {
  if (new Set(memberIds).size !== memberIds.length) throw errors.invalid('DUPLICATE_MEMBER', '调查委员会成员重复', 'A member is listed twice', 'R-B11');
  if (!memberIds.includes(chairId)) throw errors.invalid('CHAIR_NOT_MEMBER', '主任委员应为调查委员会成员', 'The chair must be a member of the committee', 'R-B11');
}
