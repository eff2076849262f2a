import { DomainError, errors } from '../../platform/errors.ts';
import type { BillKind, ProposerType } from './bills.rules.ts';

// After placement: who explains a bill (R-B5), the readings of a regulation (R-B6), statements before
// appointment (R-B4), the vote read from the poll, numbered outcome documents and the provincial
// approval of regulations (R-B7). Pure decisions only.

// ---- readings (R-B6, 议事规则 art. 22) ----------------------------------------------------------

export const READING_STAGES = ['first_deliberation', 'legal_review', 'further_reading'] as const;
export type ReadingStage = (typeof READING_STAGES)[number];
export const READING_ZH: Record<ReadingStage, string> = { first_deliberation: '初次审议', legal_review: '法制委员会统一审议', further_reading: '再次审议' };

/**
 * A regulation is explained and deliberated first; the Legal Committee (法制委员会) then reviews it
 * as a whole and reports to this or a later meeting, where it is deliberated again (R-B6). Other
 * bills have one deliberation and no unified review.
 */
export function checkReading(kind: BillKind, done: readonly ReadingStage[], next: ReadingStage): void {
  const rule = 'R-B6';
  if (kind !== 'regulation' && next !== 'first_deliberation') {
    throw errors.invalid('NOT_A_REGULATION', '只有地方性法规案经法制委员会统一审议（议事规则第二十二条）', 'Only regulation bills go through the Legal Committee’s unified review and later readings (art. 22)', rule);
  }
  if (next === 'first_deliberation' && done.includes('first_deliberation')) {
    throw errors.conflict('ALREADY_DELIBERATED', '该议案已经初次审议', 'The bill has had its first deliberation', rule);
  }
  if (next === 'legal_review' && !done.includes('first_deliberation')) {
    throw errors.conflict('FIRST_DELIBERATION_REQUIRED', '法规案经初次审议后，方由法制委员会统一审议（议事规则第二十二条）', 'The Legal Committee reviews a regulation after its first deliberation (art. 22)', rule);
  }
  if (next === 'further_reading' && !done.includes('legal_review')) {
    throw errors.conflict('LEGAL_REVIEW_REQUIRED', '法规案须经法制委员会统一审议后再次审议（议事规则第二十二条）', 'A regulation is deliberated again only after the Legal Committee’s unified review (art. 22)', rule);
  }
}

// ---- statements before appointment (R-B4, art. 20) -----------------------------------------------

/** Posts whose nominees speak before appointment (任职前发言), matched on the post's title. */
const STATEMENT_POSTS: readonly RegExp[] = [/副市长/, /人民政府秘书长/, /监察委员会副主任/, /中级人民法院副院长/, /人民检察院副检察长/];
/** Heads of government departments: 局长, or 主任 of a 委员会/办公室 that is not the congress's or the supervision commission's. */
const DEPARTMENT_HEAD = /(局局长|(委员会|办公室)主任)$/;
const NOT_A_DEPARTMENT = /人民代表大会|人大|监察委员会|副主任|副局长/;

export function statementRequired(post: string | undefined): boolean {
  if (!post) return false;
  if (STATEMENT_POSTS.some((re) => re.test(post))) return true;
  return DEPARTMENT_HEAD.test(post) && !NOT_A_DEPARTMENT.test(post);
}

/** The nominees of a personnel bill who must speak before appointment and have no statement on record. */
export function missingStatements(persons: readonly { name: string; post?: string | undefined }[], recorded: readonly string[]): string[] {
  const have = new Set(recorded);
  return persons.filter((p) => statementRequired(p.post) && !have.has(p.name)).map((p) => p.name);
}

// ---- ready for the vote (R-B4, R-B6) ---------------------------------------------------------------

export function checkVotable(kind: BillKind, readings: readonly ReadingStage[], missing: readonly string[]): void {
  if (kind === 'regulation' && !readings.includes('legal_review')) {
    throw errors.conflict('LEGAL_REVIEW_REQUIRED', '法规案未经法制委员会统一审议，不能记录表决结果（议事规则第二十二条）', 'A regulation’s vote is recorded only after the Legal Committee’s unified review (art. 22)', 'R-B6');
  }
  if (missing.length > 0) {
    throw new DomainError(409, 'STATEMENT_REQUIRED', `以下拟任人员须作任职前发言：${missing.join('、')}（议事规则第二十条）`, `These nominees must make a statement before appointment (art. 20): ${missing.join(', ')}`, 'R-B4', { missing });
  }
}

// ---- presenters (R-B5, art. 21) ----------------------------------------------------------------

export const PRESENTER_ROLES = ['council_member', 'committee_head', 'government_head', 'delegated_department_head', 'principal_head', 'lead_signer'] as const;
export type PresenterRole = (typeof PRESENTER_ROLES)[number];
export const PRESENTER_ZH: Record<PresenterRole, string> = {
  council_member: '主任会议成员',
  committee_head: '专门委员会负责人',
  government_head: '市人民政府负责人',
  delegated_department_head: '受委托的政府部门负责人',
  principal_head: '主要负责人',
  lead_signer: '领衔人',
};

/** Who may explain a bill, by proposer (R-B5). */
export function allowedPresenters(proposer: ProposerType, organ: string | null): PresenterRole[] {
  switch (proposer) {
    case 'council':
      return ['council_member'];
    case 'members':
      return ['lead_signer'];
    case 'organ':
      if (organ === 'government') return ['government_head', 'delegated_department_head'];
      if (organ === 'special_committee') return ['committee_head'];
      return ['principal_head'];
  }
}

/** The presenter must fit the proposer; only the lead signer of a joint bill may explain in writing (R-B5). */
export function checkPresenter(proposer: ProposerType, organ: string | null, p: { role: PresenterRole; mode: 'oral' | 'written' }): void {
  const allowed = allowedPresenters(proposer, organ);
  if (!allowed.includes(p.role)) {
    throw errors.invalid('PRESENTER_NOT_ALLOWED', '说明人与提案人不相符（议事规则第二十一条）', 'This presenter cannot explain a bill from this proposer (art. 21)', 'R-B5', { allowed });
  }
  if (p.mode === 'written' && p.role !== 'lead_signer') {
    throw errors.invalid('ORAL_EXPLANATION_REQUIRED', '除联名议案外，议案应当由说明人到会作说明', 'Only a joint bill may be explained in writing (art. 21)', 'R-B5');
  }
}

/** States in which a bill's presenter may still be named: it is under deliberation, not ended (R-B5). */
export const PRESENTER_CLOSED_STATES: readonly string[] = ['withdrawn', 'not_placed', 'passed', 'failed', 'awaiting_approval', 'approved', 'promulgated'];

export interface JointBill {
  id: string;
  state: string;
  targetMeetingId: string | null;
  proposerType: ProposerType;
  proposerOrgan: string | null;
}

/**
 * 议事规则 art. 21 (R-B5): 内容相关联的议案可以合并说明 — related bills may be explained together:
 * one explanation by one presenter, at the meeting they are on. Each bill must be under
 * deliberation, on the same meeting, and the presenter must fit each bill's proposer.
 */
export function checkJointExplanation(main: JointBill, others: readonly JointBill[], p: { role: PresenterRole; mode: 'oral' | 'written' }): void {
  const rule = 'R-B5';
  const ids = others.map((o) => o.id);
  if (ids.includes(main.id) || new Set(ids).size !== ids.length) {
    throw errors.invalid('JOINT_BILL_REPEATED', '合并说明的议案重复', 'A bill is listed twice in the joint explanation', rule);
  }
  for (const b of [main, ...others]) {
    if (PRESENTER_CLOSED_STATES.includes(b.state)) {
      throw new DomainError(409, 'JOINT_BILL_CLOSED', '合并说明的议案须在审议中', 'Every bill explained together must be under deliberation', rule, { billId: b.id });
    }
  }
  if (others.length === 0) return;
  if (!main.targetMeetingId || others.some((o) => o.targetMeetingId !== main.targetMeetingId)) {
    throw errors.invalid('JOINT_DIFFERENT_MEETINGS', '合并说明的议案须提请同一次常委会会议审议（议事规则第二十一条）', 'Bills explained together must be on the same meeting (art. 21)', rule);
  }
  for (const o of others) {
    if (!allowedPresenters(o.proposerType, o.proposerOrgan).includes(p.role)) {
      throw errors.invalid('PRESENTER_NOT_ALLOWED', '说明人与合并说明的议案的提案人不相符（议事规则第二十一条）', 'This presenter cannot explain one of the bills explained together (art. 21)', rule, {
        billId: o.id,
        allowed: allowedPresenters(o.proposerType, o.proposerOrgan),
      });
    }
  }
}

// ---- the vote, read from the polls --------------------------------------------------------------

export interface PollOutcome {
  status: string;
  passed?: boolean | undefined;
  candidates?: readonly { name: string; passed: boolean }[] | undefined;
}

/**
 * The bill's result from the closed polls on its agenda item. A personnel bill voted person by
 * person (R-V5) passes for each nominee who passed; the bill counts as passed when at least one
 * did, and the history names each one. Null while a poll on the item is still open or in draft.
 */
export function billResultFromPolls(polls: readonly PollOutcome[]): { result: 'passed' | 'failed'; passedNames: string[]; failedNames: string[] } | null {
  if (polls.length === 0) return null;
  if (polls.some((p) => p.status !== 'closed' && p.status !== 'announced')) return null;
  const passedNames: string[] = [];
  const failedNames: string[] = [];
  let anyWhole = false;
  let wholePassed = true;
  for (const p of polls) {
    if (p.candidates && p.candidates.length > 0) {
      for (const c of p.candidates) (c.passed ? passedNames : failedNames).push(c.name);
    } else {
      anyWhole = true;
      if (p.passed !== true) wholePassed = false;
    }
  }
  const result = anyWhole ? (wholePassed ? 'passed' : 'failed') : passedNames.length > 0 ? 'passed' : 'failed';
  return { result, passedNames, failedNames };
}

// ---- outcome documents ------------------------------------------------------------------------

export const OUTCOME_KINDS = ['resolution', 'decision'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** 鹤常〔2025〕3号: the series, the year in 六角括号 and the number within the year. */
export function formatDocNumber(series: string, year: number, n: number): string {
  return `${series}〔${year}〕${n}号`;
}

export const nextDocNumber = (taken: readonly number[]): number => taken.reduce((a, b) => Math.max(a, b), 0) + 1;

/** Only a passed bill yields a resolution or decision. */
export function checkOutcome(state: string): void {
  if (!['passed', 'awaiting_approval', 'approved', 'promulgated'].includes(state)) {
    throw errors.conflict('BILL_NOT_PASSED', '议案未经表决通过，不能印发决议或决定', 'Only a passed bill yields a resolution or decision', 'R-V6');
  }
}

/** A city's regulation is reported to the provincial standing committee for approval before promulgation (R-B7). */
export function checkApprovalKind(kind: BillKind): void {
  if (kind !== 'regulation') {
    throw errors.invalid('NOT_A_REGULATION', '只有地方性法规须报省人大常委会批准（议事规则第二十三条）', 'Only a regulation is reported to the provincial standing committee for approval (art. 23)', 'R-B7');
  }
}
